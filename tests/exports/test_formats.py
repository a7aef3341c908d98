"""Safe downloads: formula neutralisation, translated headers, HXL tags read back by libhxl, and no
case count from 1 to 4 in any export of any view, for filters that make small counts."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from lib.exports.registry import VIEWS
from lib.exports.views import UnsafeExport, cases_frame
from lib.exports.formats import COLUMNS, FORMATS, export_bytes, header, hxl_row, readable, to_csv, to_hxl, to_xlsx
from lib.data.filters import Filters
from lib.texts.i18n import LANGUAGES
from lib.safety.suppress import CellState
from lib.texts import TEXTS
from tests.export_helpers import CSV, RISKY_FILTERS, RISKY_IDS, context, small_counts


HOSTILE = pd.DataFrame({"village_name": ["=HYPERLINK(\"x\")", "Otan", "@SUM(1)"], "participants": [-3, 0, 12],
                        "indicators_behind": ["+1+cmd", "-2", "OUT-1"]})


def test_csv_neutralises_cells_and_keeps_numbers() -> None:
    text = to_csv(HOSTILE, lang="en").decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["Village", "Participants", "Indicators behind"]
    assert frame["Village"].tolist() == ["'=HYPERLINK(\"x\")", "Otan", "'@SUM(1)"]
    assert frame["Participants"].tolist() == ["-3", "0", "12"]          # numbers stay numbers
    assert frame["Indicators behind"].tolist() == ["'+1+cmd", "-2", "OUT-1"]     # a signed number is not run
    assert to_csv(HOSTILE, lang="en").startswith(b"\xef\xbb\xbf")     # a BOM: spreadsheets read UTF-8


def test_xlsx_cells_are_text_never_formulas() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(HOSTILE, lang="id"))).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0] == ["Desa/kelurahan", "Peserta", "Indikator tertinggal"]
    assert cells[1] == ["'=HYPERLINK(\"x\")", -3, "'+1+cmd"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_hxl_file_is_read_back_by_libhxl(tmp_path) -> None:
    import hxl
    from hxl.input import InputOptions

    frame = VIEWS["cases_by_kecamatan"].build(context(lang="en"))
    path = tmp_path / "cases.hxl.csv"
    path.write_bytes(to_hxl(frame, lang="en"))
    data = hxl.data(str(path), InputOptions(allow_local=True))
    assert [column.display_tag for column in data.columns] == hxl_row(frame)
    assert [column.header for column in data.columns] == [header(c, "en") for c in frame.columns]
    rows = list(data)
    assert [row.get("#adm3+code") for row in rows] == frame["subdistrict_code"].tolist()
    shown = {row.get("#adm3+code"): row.get("#affected+gbv") for row in rows if row.get("#affected+gbv")}
    counts = CSV["cases"]["subdistrict_code"].value_counts()
    assert shown and all(int(value) == counts.get(code, 0) for code, value in shown.items())   # plain pandas


def test_every_export_column_has_a_header_in_both_languages_and_a_hashtag() -> None:
    for column, spec in COLUMNS.items():
        assert spec.hxl.startswith("#"), column
        assert all(TEXTS[f"exp_col_{column}"][lang] for lang in LANGUAGES)


def test_an_undeclared_column_is_refused() -> None:
    with pytest.raises(KeyError):
        readable(pd.DataFrame({"nik": ["1"]}), lang="en")


@pytest.mark.parametrize("values, states, expected", [
    ([12, np.nan, 0, np.nan, np.nan], [CellState.SHOWN, CellState.SMALL, CellState.ZERO, CellState.COMPLEMENT,
                                       CellState.NO_DATA], [12, None, 0, None, None]),
    ([7, 3], [CellState.SHOWN, CellState.COMPLEMENT], [7, None]),   # a hidden value never leaks, even if present
    ([], [], []),
])
def test_cases_frame_writes_hidden_counts_as_blanks(values, states, expected) -> None:
    frame = cases_frame({"period": [str(i) for i in range(len(values))]}, values, states, lang="en", threshold=5)
    assert [None if pd.isna(v) else int(v) for v in frame["cases"]] == expected
    assert len(frame["cases_state"]) == len(values)


def test_cases_frame_refuses_a_small_shown_count() -> None:
    with pytest.raises(UnsafeExport):
        cases_frame({"period": ["2025"]}, [3], [CellState.SHOWN], lang="en", threshold=5)


@pytest.mark.parametrize("filters", RISKY_FILTERS, ids=RISKY_IDS)
def test_no_view_exports_a_case_count_from_1_to_4(filters: Filters) -> None:
    ctx = context(filters, lang="id")
    for name, view in VIEWS.items():
        frame = view.build(ctx)
        assert set(frame.columns) <= set(COLUMNS), name
        if "cases" in frame.columns:
            assert small_counts(frame["cases"]) == [], (name, frame)
        for fmt in FORMATS:
            payload = export_bytes(frame, fmt=fmt, lang="id")
            if "cases" in frame.columns and fmt != "xlsx":
                written = pd.read_csv(io.BytesIO(payload), dtype=str, skiprows=[1] if fmt == "hxl" else None)
                assert small_counts(written[header("cases", "id")].dropna()) == [], (name, fmt)
            if "cases" in frame.columns and fmt == "xlsx":
                written = pd.read_excel(io.BytesIO(payload), dtype=str)
                assert small_counts(written[header("cases", "id")].dropna()) == [], (name, fmt)


def test_reach_by_village_equals_plain_pandas() -> None:
    kecamatan = CSV["activities"]["village_code"].str[:8].iloc[0]
    frame = VIEWS["reach_by_village"].build(context(Filters(subdistricts=(kecamatan,), period_from="2025-01")))
    rows = CSV["activities"][CSV["activities"]["village_code"].str.startswith(kecamatan)
                             & (CSV["activities"]["date"] >= "2025-01-01")]
    expected = (rows["participants_female"].astype(int) + rows["participants_male"].astype(int)).groupby(
        rows["village_code"]).sum()
    villages = CSV["villages"][CSV["villages"]["subdistrict_code"] == kecamatan]
    assert sorted(frame["village_code"]) == sorted(villages["village_code"])
    got = frame.set_index("village_code")["participants"]
    assert got[got > 0].sort_index().to_dict() == expected.sort_index().to_dict()


def test_cases_by_year_equals_plain_pandas_where_shown() -> None:
    frame = VIEWS["cases_by_year"].build(context())
    expected = CSV["cases"]["report_date"].str[:4].value_counts().sort_index()
    assert frame["period"].tolist() == expected.index.tolist()
    assert frame["cases"].astype(int).tolist() == expected.tolist()


# Every page's downloads: what a click gives -----------------------------------------------------------------
# page -> (extra URL keys, popovers: one per chart/table; None: one per chart drawn, as a case chart whose
# every cell is hidden is not drawn)
PAGE_DOWNLOADS: dict[str, tuple[dict[str, str], int | None]] = {
    "pages/overview.py": ({}, 1), "pages/progress.py": ({}, 6), "pages/violence.py": ({}, None),
    "pages/climate.py": ({}, 7), "pages/map.py": ({"view": "nexus"}, 2), "pages/village.py": ({}, 6),
}


def _cases_columns(name: str, payload: bytes) -> list[object]:
    """The values of the 'Cases' column of a downloaded file (any format), if it has one."""
    if name.endswith(".xlsx"):
        frame = pd.read_excel(io.BytesIO(payload), dtype=str)
    else:
        frame = pd.read_csv(io.BytesIO(payload), dtype=str, encoding="utf-8-sig",
                            skiprows=[1] if name.endswith(".hxl.csv") else None)
    return frame[header("cases", "en")].dropna().tolist() if header("cases", "en") in frame.columns else []


@pytest.mark.parametrize("page", list(PAGE_DOWNLOADS))
def test_every_page_download_is_safe(page: str, monkeypatch) -> None:
    from tests.export_helpers import SMALL_KECAMATAN, capture_downloads
    from tests.pages_helpers import open_menus, run_page

    files = capture_downloads(monkeypatch)
    extra, popovers = PAGE_DOWNLOADS[page]
    app = run_page(page, lang="en", kecamatan=[SMALL_KECAMATAN[0], SMALL_KECAMATAN[1]], **extra)
    assert not app.exception, [e.value for e in app.exception]
    popovers = len(app.get("plotly_chart")) if popovers is None else popovers
    menus = [menu for menu in app.get("popover") if menu.proto.popover.label == "Download"]   # not "Map settings"
    assert popovers and len(menus) == popovers
    meeting_files = 2 if page == "pages/overview.py" else 0     # the deck and the report, drawn on the page
    assert len(app.get("download_button")) == len(files) == meeting_files      # closed menus draw no buttons
    open_menus(app)
    assert not app.exception, [e.value for e in app.exception]
    assert len(files) == 3 * popovers + meeting_files
    for name, make in files.items():
        if name.endswith((".csv", ".xlsx")):
            assert small_counts(_cases_columns(name, make())) == [], name


# The violence page's kecamatan download and the command line's, for a period each follows and one the
# kecamatan figure cannot follow (it shows the whole period and says so).
PERIODS = [pytest.param(("2022-01", "2025-12"), id="followed"),
           pytest.param(("2024-01", "2025-12"), id="dropped")]


@pytest.mark.parametrize("period", PERIODS)
def test_a_page_download_is_the_command_lines_export(period: tuple[str, str], monkeypatch, tmp_path) -> None:
    from lib.tools.cli import main
    from tests.export_helpers import BIG_KECAMATAN, capture_downloads
    from tests.pages_helpers import open_menus, run_page

    files = capture_downloads(monkeypatch)
    first, last = period
    open_menus(run_page("pages/violence.py", lang="id", kecamatan=BIG_KECAMATAN, **{"from": first, "to": last}))
    out = tmp_path / "cli.csv"
    assert main(["export", "cases_by_kecamatan", "--lang", "id", "--kecamatan", BIG_KECAMATAN,
                 "--from", first, "--to", last, "--out", str(out)]) == 0
    assert files["wenexus_cases_by_kecamatan.csv"]() == out.read_bytes()
