"""Hostile and careless files are refused while they are read, never after (issue 16, bounded reading).

Every hostile file is made here, in tmp_path: zip bombs and million-row sheets are written as raw
sheet XML with zipfile (openpyxl would take minutes to write them). The tests assert on behaviour:
which limit refused the file, that parsing never started or stopped at the limit, and how much
memory reading took; never on wall time.
"""
from __future__ import annotations

import dataclasses
import io
import itertools
import os
import tracemalloc
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib.data import bounds
from lib.data.bounds import Deadline, ReadError, bounded_rows, scan_sheet_xml
from lib.data.read import read_raw
from lib.data.settings import READ_LIMITS
from lib.data.validate import validate_file
from tests.conftest import ACTIVITY_HEADER, GOOD_ACTIVITY, SHIPPED_ACTIVITIES

XLSX, CSV = READ_LIMITS[".xlsx"], READ_LIMITS[".csv"]
MEMORY_BOUND = 64 * 1024 * 1024   # what Python may allocate while refusing any hostile file

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>'),
}
_SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_TAIL = b"</sheetData></worksheet>"


def raw_xlsx(path: Path, rows: Iterable[bytes], *, level: int = 1) -> Path:
    """A workbook whose sheet XML is `rows` (each the bytes of <row> elements), streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD)
            for block in rows:
                sheet.write(block)
            sheet.write(_SHEET_TAIL)
    return path


def row_xml(number: int, *values: str) -> bytes:
    cells = "".join(f'<c r="{column}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
                    for column, value in zip("ABCDEFGHIJ", values))
    return f'<row r="{number}">{cells}</row>'.encode()


def in_blocks(rows: Iterator[bytes], size: int = 10_000) -> Iterator[bytes]:
    while block := b"".join(itertools.islice(rows, size)):
        yield block


def refusal(path: Path) -> tuple[str, dict]:
    """The key and params read_raw refuses `path` with, and the peak Python memory it took."""
    tracemalloc.start()
    try:
        read_raw(path)
    except ReadError as error:
        return error.key, error.params
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < MEMORY_BOUND, f"reading took {peak / 1e6:.0f} MB"
    raise AssertionError(f"{path.name} was read")


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if openpyxl or pandas starts parsing the file."""
    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file reached the parser")

    monkeypatch.setattr(openpyxl, "load_workbook", forbidden)
    monkeypatch.setattr(pd, "read_csv", forbidden)


# Zip bombs -------------------------------------------------------------------------------------------
def test_a_zip_bomb_is_refused_from_the_zip_directory_unparsed(tmp_path: Path, no_parsing: None) -> None:
    # 140 MB of sheet XML in a file of a few hundred KB: under the unpacked limit, far past the ratio.
    filler = b"<row><c><v>1</v></c></row>" * 40_000
    path = raw_xlsx(tmp_path / "bom.xlsx", itertools.repeat(filler, 140 * 1024 * 1024 // len(filler)), level=9)
    assert path.stat().st_size < 1024 * 1024
    key, params = refusal(path)
    assert key == "xlsx_ratio_too_high" and params["ratio"] > XLSX.unpacked_ratio


def test_a_zip_bomb_split_into_many_small_members_is_refused(tmp_path: Path, no_parsing: None) -> None:
    path = raw_xlsx(tmp_path / "bom.xlsx", [row_xml(1, "h")])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for index in range(100):   # each under the size from which a member's own ratio counts
            archive.writestr(f"xl/media/part{index}.bin", b"\0" * (1024 * 1024 - 1))
    assert refusal(path)[0] == "xlsx_ratio_too_high"


def test_a_workbook_unpacking_past_the_limit_is_refused_unparsed(tmp_path: Path, no_parsing: None,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(READ_LIMITS, ".xlsx", dataclasses.replace(XLSX, unpacked_bytes=100_000))
    path = raw_xlsx(tmp_path / "big.xlsx", (row_xml(n, os.urandom(8).hex()) for n in range(1, 3000)))
    assert refusal(path) == ("xlsx_unpacked_too_large", {"size": 0.2, "limit": 0.1})


# Rows ------------------------------------------------------------------------------------------------
def test_a_million_row_sheet_is_refused_before_openpyxl_parses_a_row(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rows = (b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(1, 1_048_577))
    path = raw_xlsx(tmp_path / "juta.xlsx", in_blocks(rows))
    parsed = []
    real_iter_rows = openpyxl.worksheet._read_only.ReadOnlyWorksheet.iter_rows
    monkeypatch.setattr(openpyxl.worksheet._read_only.ReadOnlyWorksheet, "iter_rows",
                        lambda self, *a, **k: (parsed.append(row) or row for row in real_iter_rows(self, *a, **k)))
    assert refusal(path) == ("too_many_rows", {"limit": XLSX.rows})
    assert parsed == []


def test_the_sheet_scan_stops_reading_at_the_row_after_the_limit() -> None:
    limits = dataclasses.replace(XLSX, rows=1000)
    xml = _SHEET_HEAD + b"".join(b"<row><c><v>1</v></c></row>" for _ in range(200_000)) + _SHEET_TAIL
    stream = io.BytesIO(xml)
    with pytest.raises(ReadError) as refused:
        scan_sheet_xml(stream, limits, Deadline(60))
    assert refused.value.key == "too_many_rows"
    assert stream.tell() <= bounds.CHUNK_BYTES < len(xml)   # one block read of the 5 MB


def test_parsed_rows_stop_at_the_limit_plus_one() -> None:
    limits = dataclasses.replace(XLSX, rows=1000)
    pulled = []
    endless = (pulled.append(n) or ("x",) for n in itertools.count(1))
    with pytest.raises(ReadError) as refused:
        list(bounded_rows(endless, limits, Deadline(60)))
    assert refused.value.key == "too_many_rows"
    assert len(pulled) == 1 + limits.rows + 1   # the header, the allowed rows, and the one past them


def test_openpyxl_rows_are_counted_as_they_stream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the XML scan (a sheet it would let through), openpyxl's rows stop at the limit + 1.
    monkeypatch.setitem(READ_LIMITS, ".xlsx", dataclasses.replace(XLSX, rows=100))
    monkeypatch.setattr("lib.data.read.scan_sheet_xml", lambda *_args: 0)
    yielded = []
    real_iter_rows = openpyxl.worksheet._read_only.ReadOnlyWorksheet.iter_rows
    monkeypatch.setattr(openpyxl.worksheet._read_only.ReadOnlyWorksheet, "iter_rows",
                        lambda self, *a, **k: (yielded.append(row) or row for row in real_iter_rows(self, *a, **k)))
    path = raw_xlsx(tmp_path / "rows.xlsx", [b"".join(row_xml(n, "v") for n in range(1, 5000))])
    assert refusal(path) == ("too_many_rows", {"limit": 100})
    assert len(yielded) == 1 + 100 + 1


def test_a_million_line_csv_is_refused_without_reading_on(tmp_path: Path, no_parsing: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(READ_LIMITS, ".csv", dataclasses.replace(CSV, rows=1000))
    monkeypatch.setattr(bounds, "CHUNK_BYTES", 4096)
    path = tmp_path / "activities.csv"
    # Past the millionth line a cell too long: a scan that read on would refuse for that instead.
    path.write_bytes(b"a,b\n" + b"1,2\n" * 1_000_000 + b"x" * (CSV.cell_chars * 5))
    assert refusal(path) == ("too_many_rows", {"limit": 1000})


# Columns and cells -----------------------------------------------------------------------------------
def test_a_million_columns_csv_is_refused(tmp_path: Path, no_parsing: None) -> None:
    path = tmp_path / "activities.csv"
    path.write_bytes(b",".join(b"c%d" % i for i in range(1_000_000)) + b"\n" + b"1," * 999_999 + b"1\n")
    assert refusal(path) == ("too_many_columns", {"limit": CSV.columns})


def test_a_million_cell_row_is_refused_before_openpyxl_builds_it(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openpyxl.worksheet._read_only.ReadOnlyWorksheet, "iter_rows",
                        lambda *_a, **_k: pytest.fail("openpyxl parsed the row"))
    cells = b"".join(b"<c><v>%d</v></c>" % n for n in range(1_000_000))   # not compressible enough for a bomb
    path = raw_xlsx(tmp_path / "lebar.xlsx", [b"<row>" + cells + b"</row>"])
    assert refusal(path) == ("too_many_columns", {"limit": XLSX.columns})


def test_a_value_past_the_allowed_columns_is_refused_but_blank_styled_cells_are_not(tmp_path: Path) -> None:
    far = b'<row r="2"><c r="A2" t="inlineStr"><is><t>v</t></is></c><c r="XFD2" s="1"/></row>'
    blank = raw_xlsx(tmp_path / "blank.xlsx", [row_xml(1, "h"), far])
    assert list(read_raw(blank).frame.columns) == ["h"]
    filled = far.replace(b'<c r="XFD2" s="1"/>', b'<c r="XFD2"><v>1</v></c>')
    assert refusal(raw_xlsx(tmp_path / "far.xlsx", [row_xml(1, "h"), filled])) == \
        ("too_many_columns", {"limit": XLSX.columns})


@pytest.mark.parametrize("length", [CSV.cell_chars + 1, CSV.cell_chars * 5])
def test_an_overlong_csv_cell_is_refused(tmp_path: Path, length: int) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(",".join(ACTIVITY_HEADER) + "\n" + ",".join(GOOD_ACTIVITY[:-1] + ["a" * length]) + "\n")
    assert refusal(path) == ("cell_too_long", {"limit": CSV.cell_chars})


@pytest.mark.parametrize("length", [XLSX.cell_chars + 1, XLSX.cell_chars * 20])
def test_an_overlong_xlsx_cell_is_refused(tmp_path: Path, length: int) -> None:
    path = raw_xlsx(tmp_path / "panjang.xlsx", [row_xml(1, "h"), row_xml(2, "a" * length)])
    assert refusal(path) == ("cell_too_long", {"limit": XLSX.cell_chars})


# Size and damaged files ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["activities.csv", "kegiatan.xlsx"])
def test_a_file_too_large_on_disk_is_refused_unopened(tmp_path: Path, no_parsing: None,
                                                      monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    suffix = Path(name).suffix
    monkeypatch.setitem(READ_LIMITS, suffix, dataclasses.replace(READ_LIMITS[suffix], file_bytes=1000))
    path = tmp_path / name
    path.write_bytes(b"x" * 2000)
    assert refusal(path) == ("file_too_large", {"size": 0.0, "limit": 0.0})


def _workbook_bytes() -> bytes:
    book = openpyxl.Workbook()
    for line in SHIPPED_ACTIVITIES.decode().splitlines()[:50]:
        book.active.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("payload", [
    pytest.param(os.urandom(50_000), id="random bytes"),
    pytest.param(SHIPPED_ACTIVITIES, id="a CSV named .xlsx"),
    pytest.param(_workbook_bytes()[:3000], id="a truncated zip"),
    pytest.param(b"", id="empty"),
])
def test_a_file_that_is_not_a_workbook_is_refused_clearly(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "kegiatan.xlsx"
    path.write_bytes(payload)
    assert refusal(path) == ("xlsx_not_a_workbook", {})


def test_random_bytes_as_csv_are_refused_without_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    path.write_bytes(os.urandom(200_000))
    report = validate_file(path)
    assert not report.ok and report.frame is None


def test_a_utf16_csv_is_read_as_text(tmp_path: Path, reference) -> None:
    path = tmp_path / "activities.csv"
    text = SHIPPED_ACTIVITIES.decode().replace(",", "\t")
    path.write_bytes(text.encode("utf-16"))
    report = validate_file(path, reference=reference)
    assert report.ok, report.text(["en"])
    assert report.rows == 489


@pytest.mark.parametrize("key", ["file_too_large", "xlsx_unpacked_too_large", "xlsx_ratio_too_high",
                                 "xlsx_not_a_workbook", "too_many_rows", "too_many_columns", "cell_too_long",
                                 "read_too_slow"])
def test_every_refusal_says_what_and_what_to_do_in_both_languages(key: str) -> None:
    from lib.data.validate import refused_report

    report = refused_report("f.xlsx", "activities", key, size=12.5, limit=10, ratio=950)
    indonesian, english = (report.problems[0].message(lang) for lang in ("id", "en"))
    assert indonesian != english and "{" not in indonesian + english
