"""Helpers for AppTest page tests: run a page with query parameters, read figures and numbers."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from streamlit.testing.v1 import AppTest

from lib.paths import REPO_ROOT

DASHBOARD = str(REPO_ROOT / "dashboard.py")
# A number as shown, not followed by '%' (a share is not a count of people).
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d.,]*%)")


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


def figures(app: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("plotly_chart")]


def figure_by_title(app: AppTest, title: str) -> dict:
    matches = [fig for fig in figures(app) if title in fig["layout"]["title"]["text"]]
    assert len(matches) == 1, [fig["layout"]["title"]["text"] for fig in figures(app)]
    return matches[0]


def numbers_in_text(text: str) -> Iterator[float]:
    """Numbers as a person reads them in '1.234', '1,234' or '<5' (either language's separators)."""
    for match in NUMBER.findall(text):
        yield float(match.replace(".", "").replace(",", "")) if re.fullmatch(r"\d{1,3}([.,]\d{3})+", match) \
            else float(match.replace(",", "."))


def count_values_in_figure(fig: dict) -> Iterator[float]:
    """Every value a count-bearing trace (bars and marks) puts on screen or in its hover."""
    for trace in fig["data"]:
        if trace.get("type") not in ("bar", "scatter") or trace.get("mode") == "lines":
            continue
        axis = "x" if trace.get("orientation") == "h" else "y"
        for value in trace.get(axis) or []:
            if isinstance(value, (int, float)):
                yield float(value)
        for text in (trace.get("text") or []) if isinstance(trace.get("text"), list) else [trace.get("text") or ""]:
            yield from numbers_in_text(str(text))
