"""Helpers for AppTest page tests: run a page with query parameters, read its figures. Numbers as a
reader sees them: lib.tools.visible_counts."""
from __future__ import annotations

import json
import re
from pathlib import Path

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


# Data text that would draw a link, an image, a tag or formatting if it reached a renderer as it is. Every
# URL points at tracker.invalid and every payload carries MARK, so what a page makes of them can be found.
MARK = "XSSMARK"
PAYLOADS: tuple[str, ...] = (
    f"![{MARK}](http://tracker.invalid/img.png)", f'<img src="http://tracker.invalid/x.png" alt="{MARK}">',
    f"[{MARK}](http://tracker.invalid/c)", f'=HYPERLINK("http://tracker.invalid/h","{MARK}")',
    f'<a href="http://tracker.invalid/a">{MARK}</a>', f"<script>{MARK}()</script>",
    f'<iframe src="http://tracker.invalid/f">{MARK}</iframe>', f"http://tracker.invalid/{MARK}",
    f"www.tracker.invalid/{MARK}", f"**{MARK}** _{MARK}_ `{MARK}` ~~{MARK}~~ :red[{MARK}] ${MARK}$",
    f"# {MARK}", f"- {MARK}",
)
# A payload that reached a renderer as it is (as_text leaves none of these).
RAW_PAYLOAD = re.compile(rf"https?://tracker|www\.tracker|<(img|a|script|iframe)\b|\*\*{MARK}|`{MARK}|:red\[|"
                         rf"\[{MARK}\]|^# {MARK}|^- {MARK}")
# The data file columns that hold free text people typed (names, sources), table -> columns.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "villages": ("village_name", "subdistrict_name", "regency_name"),
    "indicators": ("name_id", "name_en", "source"), "indicator_values": ("source",), "activities": ("source",),
    "events": ("name", "source"), "hazards": ("source",),
}


def write_payload_folder(folder: Path) -> Path:
    """A copy of the shipped data folder whose names, sources and indicator codes carry PAYLOADS (each value
    keeps its own text after its payload, and equal values get the same payload, so every file stays valid)."""
    import csv
    import shutil

    import pandas as pd

    from lib.data.paths import SHIPPED_DATA_DIR

    shutil.copytree(SHIPPED_DATA_DIR, folder, dirs_exist_ok=True)
    for table, columns in TEXT_COLUMNS.items():
        frame = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
        for column in columns:
            frame[column] = [f"{PAYLOADS[sum(map(ord, value)) % len(PAYLOADS)]} {value}" for value in frame[column]]
        if "indicator_code" in frame.columns:       # an identifier is text people typed too
            frame["indicator_code"] = [f"{code}[{MARK}](http://tracker.invalid/{code})" for code in frame["indicator_code"]]
        frame.to_csv(folder / f"{table}.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    return folder
