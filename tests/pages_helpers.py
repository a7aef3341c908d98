"""Helpers for AppTest page tests: run a page with query parameters, read its figures. Numbers as a
reader sees them: lib.tools.visible_counts."""
from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from lib.data.paths import REPO_ROOT

DASHBOARD = str(REPO_ROOT / "dashboard.py")


def run_page(page: str | None = None, **query: str | list[str]) -> AppTest:
    """`page` (e.g. "pages/violence.py") opened with `query` in the URL, as a link would open it.

    Switching before the first run keeps the frame's widgets as the URL seeds them (AppTest
    resets them when switching after a run).
    """
    app = AppTest.from_file(DASHBOARD, default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    if page:
        app.switch_page(page)
    return app.run()


def open_menus(app: AppTest) -> AppTest:
    """Every menu (popover) of the page opened, as a click on each would open it, and the page rerun:
    a menu draws its buttons only while open."""
    for menu in app.get("popover"):
        app.session_state[menu.key] = True
    return app.run()


def figures(app: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("plotly_chart")]


def figure_by_title(app: AppTest, title: str) -> dict:
    matches = [fig for fig in figures(app) if title in fig["layout"]["title"]["text"]]
    assert len(matches) == 1, [fig["layout"]["title"]["text"] for fig in figures(app)]
    return matches[0]
