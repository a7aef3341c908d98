"""Data text is text, on every page (AppTest): with names and sources full of links, images, tags and
Markdown (tests.pages_helpers.PAYLOADS), no element that Streamlit draws as Markdown or HTML, and no string
of a Plotly figure, holds a payload as it is. Plain-text elements (grids, select options, deck.gl's text
tooltips) keep the text as written. The browser test (tests/e2e/test_data_text_browser.py) shows the same
in Chromium: no request leaves the machine and no element is made from a payload."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from lib.meeting.presenter import SLIDES
from lib.texts.data_text import as_text
from lib.ui.navigation import PAGES
from tests.pages_helpers import MARK, PAYLOADS, RAW_PAYLOAD, open_menus, run_page, write_payload_folder

# Element fields that Streamlit draws as plain text: a payload there is shown as written, and harmless.
PLAIN_FIELDS: dict[str, tuple[str, ...]] = {
    "selectbox": ("options", "rawValue", "value", "default"), "multiselect": ("options", "rawValues", "default"),
    "select_slider": ("options",), "arrow_data_frame": ("data",),
    "deck_gl_json_chart": ("json", "alt"),   # alt: the chart's aria-label, plain text in the browser
    "text": ("body",),
}
KEYED_EXPANDERS = ("overview_village_list", "climate_rank_open", "climate_heat_open")


@pytest.fixture(scope="module")
def payload_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_payload_folder(tmp_path_factory.mktemp("payloads") / "data")


@pytest.fixture
def on_payloads(payload_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(payload_folder))
    return payload_folder


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def drawn_as_markup(app: AppTest) -> Iterator[tuple[str, str, str]]:
    """(element type, field, text) of every string the page sends that the browser reads as Markdown,
    HTML or Plotly markup: every element's fields but the plain ones, every cell and header of st.table,
    every string of every Plotly figure."""
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "")
        for path, text in _strings(MessageToDict(proto)):
            if kind == "plotly_chart" and path.endswith(".spec"):
                yield from ((kind, path + inner, value) for inner, value in _strings(json.loads(text)))
            elif kind != "table" and not any(f".{name}" in path for name in PLAIN_FIELDS.get(kind, ())):
                yield kind, path, text
        if kind == "table":
            frame = node.value
            for text in (*frame.columns, *frame.index, *frame.to_numpy().ravel()):
                yield kind, "cell", str(text)


def raw_payloads(app: AppTest) -> list[tuple[str, str, str]]:
    assert not app.exception, [e.value for e in app.exception]
    return [(kind, path, text[:120]) for kind, path, text in drawn_as_markup(app) if RAW_PAYLOAD.search(text)]


def opened(app: AppTest) -> AppTest:
    """Every menu and every expander that draws only while open, opened (as a click would)."""
    for key in KEYED_EXPANDERS:
        app.session_state[key] = True
    return open_menus(app)


def test_the_payload_folder_is_valid_and_its_text_reaches_the_pages(on_payloads: Path) -> None:
    """The check below proves something: the payloads pass validation, and reach the page escaped."""
    from lib.data.load import validate_folder

    assert all(report.ok for report in validate_folder(on_payloads)), [r.summary("en") for r in validate_folder(on_payloads)]
    app = opened(run_page("pages/climate.py", lang="en"))
    texts = [text for _, _, text in drawn_as_markup(app)]
    assert any(as_text("<iframe") in text for text in texts) and any(MARK in text for text in texts)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", [page.script for page in PAGES])
def test_no_page_draws_a_payload_as_markup(on_payloads: Path, page: str, lang: str) -> None:
    assert raw_payloads(opened(run_page(page, lang=lang))) == []


def test_narrowed_views_and_their_notices_draw_no_payload(on_payloads: Path) -> None:
    """A desa filter: the violence page's notices name what is shown instead; the map its selection."""
    desa = "53.01.04.2003"
    assert raw_payloads(run_page("pages/violence.py", lang="en", desa=desa)) == []
    assert raw_payloads(run_page("pages/map.py", lang="id", kecamatan="53.01.04", selected=desa)) == []
    assert raw_payloads(run_page("pages/village.py", lang="en", village=desa)) == []


@pytest.mark.parametrize("number", range(1, len(SLIDES) + 1))
def test_no_presenter_slide_draws_a_payload_as_markup(on_payloads: Path, number: int) -> None:
    assert raw_payloads(opened(run_page(lang="en", present="1", slide=str(number)))) == []


def test_an_upload_with_payloads_in_its_name_and_cells_is_reported_as_text(folder: Path) -> None:
    """A data officer's upload: its file name and its bad values are echoed in the report, the problem
    table and the messages, as text."""
    from tests.conftest import ACTIVITY_HEADER, GOOD_ACTIVITY, csv_bytes, with_cell
    from tests.pages.test_data_admin import log_in, open_page, upload

    rows = [with_cell(with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "activity_id", f"ACT-{index}"), ACTIVITY_HEADER,
                      "village_code", payload.replace(",", " ")) for index, payload in enumerate(PAYLOADS)]
    name = f"kegiatan [{MARK}](http://tracker.invalid/n).csv"
    app = upload(log_in(open_page(lang="en")), "activities", name, csv_bytes(ACTIVITY_HEADER, rows))
    problems = [text for _, _, text in drawn_as_markup(app) if as_text("village_code") in text or MARK in text]
    assert problems, "the upload's problems are not on the page: the check proves nothing"
    assert raw_payloads(app) == []
