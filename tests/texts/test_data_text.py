"""Data text stays text (lib.texts.data_text): as_text leaves no Markdown or HTML structure in a data string,
and every file the project writes for people goes through neutralise_cell."""
from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable

import openpyxl
import pandas as pd
import pytest

from lib.data.schema import TABLES
from lib.data.templates import template_csv, template_xlsx
from lib.data.validate import Problem
from lib.exports.formats import export_bytes
from lib.store.admin_tables import audit_download, problems_download
from lib.texts.data_text import WORD_JOINER, as_text, as_text_table, neutralise_cell, neutralise_frame

# Payloads a data file may carry in a name or a source.
PAYLOADS = ['![t](http://tracker.invalid/t.png)', '<img src="http://tracker.invalid/x.png">',
            '[click](http://tracker.invalid/c)', '=HYPERLINK("http://tracker.invalid/h","x")',
            '<a href="http://tracker.invalid/a">a</a>', "<script>alert(1)</script>", "http://tracker.invalid/bare",
            "www.tracker.invalid", "mail@tracker.invalid", "**bold** _em_ `code` ~~s~~ $x$ | a |", "# heading",
            "- item", "1. item", "    code block", "line\nbreak\r\n# heading", "---", "=== x"]
# What would become structure if it reached Markdown, HTML or Plotly as it is.
RAW_STRUCTURE = re.compile(r"[<>\[\]`*_#|~$!\"\\\n\r]|https?://|www\.|\w@\w|^\s|^[-+=]|^\d+[.)]( |$)")
REFERENCE = re.compile(r"&#(\d+);")


def decoded(text: str) -> str:
    """What a browser shows for text written with numeric character references."""
    return REFERENCE.sub(lambda match: chr(int(match.group(1))), text).replace(WORD_JOINER, "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_as_text_leaves_no_structure_and_reads_as_written(payload: str) -> None:
    shown = as_text(payload)
    assert not RAW_STRUCTURE.search(shown.replace("&#", "")), shown
    assert decoded(shown) == " ".join(payload.replace("\r\n", "\n").split("\n"))


@pytest.mark.parametrize("name", ["Bokonusan", "Oh'aem", "Kupang Tengah", "% of women who feel able (IMP-1)",
                                  "DEMO (synthetic)", "Tanah-Merah", "2025-02", ""])
def test_plain_names_are_kept_as_they_are(name: str) -> None:
    assert as_text(name) == name


@pytest.mark.parametrize("value, shown", [(None, ""), (12, "12"), ("1. item", "1&#46; item"), ("-2", "&#45;2"),
                                          ("50.0", "50.0"), ("2025. Laporan", "2025&#46; Laporan"), ("---", "&#45;--"),
                                          ("a&#91;b", "a&#38;&#35;91;b")])
def test_as_text_of_other_values(value: object, shown: str) -> None:
    assert as_text(value) == shown


def test_a_table_for_markdown_escapes_text_cells_and_names_and_keeps_numbers() -> None:
    frame = pd.DataFrame({"[x](http://a.b)": ["<b>", "ok"], "n": [1, 2]}, index=["![i](u)", "y"])
    shown = as_text_table(frame)
    assert list(shown.columns) == [as_text("[x](http://a.b)"), "n"]
    assert shown.iloc[:, 0].tolist() == ["&#60;b&#62;", "ok"] and shown["n"].tolist() == [1, 2]
    assert list(shown.index) == [as_text("![i](u)"), "y"]
    assert frame.iloc[0, 0] == "<b>"                                   # the input is not changed


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+62 812", "'+62 812"), ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("-1+cmd", "'-1+cmd"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-", "'-"), ("=1", "'=1"),
    # a signed number is read as that number by a spreadsheet, never run
    ("-1", "-1"), ("-0,5", "-0,5"), ("+3.25", "+3.25"), ("-1.5e3", "-1.5e3"),
    ("Oelamasi", "Oelamasi"), ("", ""), ("a=b", "a=b"), (-1.5, -1.5), (3, 3), (None, None),
])
def test_formula_like_text_is_neutralised(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


def test_a_frame_is_neutralised_headers_too() -> None:
    shown = neutralise_frame(pd.DataFrame({"=H": ["@x", 1]}))
    assert list(shown.columns) == ["'=H"] and shown["'=H"].tolist() == ["'@x", 1]


# Every writer of a file for people, fed a formula where its text comes from ------------------------------
FORMULA = '=HYPERLINK("http://tracker.invalid/h","klik")'
HOSTILE = ["@SUM(1+1)", "+cmd|' /C calc'!A0", "-1+cmd", FORMULA]


def _with_hostile_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    """The activities table declared with a formula as its first column's Indonesian header, meaning
    and (through its code list) allowed value names: what the templates write."""
    table = TABLES["activities"]
    first = dataclasses.replace(table.columns[0], aliases=("@SUM(1+1)",), meaning_id=FORMULA, meaning_en=FORMULA)
    category = next(column for column in table.columns if column.code_list is not None)
    hostile_codes = dataclasses.replace(category.code_list, codes=tuple(
        dataclasses.replace(code, label_id=f"-1+cmd{index}", label_en=f"+cmd{index}")
        for index, code in enumerate(category.code_list.codes)))
    columns = tuple(first if column is table.columns[0] else
                    dataclasses.replace(column, code_list=hostile_codes) if column is category else column
                    for column in table.columns)
    monkeypatch.setitem(TABLES, "activities", dataclasses.replace(table, columns=columns))


def _csv_cells(payload: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(payload.decode("utf-8-sig"))) for cell in row]


def _xlsx_cells(payload: bytes) -> list[object]:
    book = openpyxl.load_workbook(io.BytesIO(payload))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]    # nothing is stored as a formula
    return [cell.value for cell in cells]


EXPORT = pd.DataFrame({"village_name": HOSTILE, "participants": [-3, 0, 12, 1]})
PROBLEMS = [Problem("kegiatan.csv", "value_required", row=2 + index, column="village_code", value=value)
            for index, value in enumerate(HOSTILE)]
AUDIT = [{"time": "2025-02-06T01:05:00+00:00", "user": value, "os_user": f"{value} (uid 1000)", "action": value,
          "table": value, "version": 2, "via": "cli"} for value in HOSTILE]
WRITERS: dict[str, tuple[Callable[[], bytes], Callable[[bytes], list]]] = {
    "export csv": (lambda: export_bytes(EXPORT, fmt="csv", lang="en"), _csv_cells),
    "export hxl": (lambda: export_bytes(EXPORT, fmt="hxl", lang="id"), _csv_cells),
    "export xlsx": (lambda: export_bytes(EXPORT, fmt="xlsx", lang="en"), _xlsx_cells),
    "problem report (data page and CLI)": (lambda: problems_download(PROBLEMS), _csv_cells),
    "audit log export": (lambda: audit_download(AUDIT, "en"), _csv_cells),
    "template csv": (lambda: template_csv("activities", "id"), _csv_cells),
    "template xlsx": (lambda: template_xlsx("activities", "id"), _xlsx_cells),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_neutralises_what_a_spreadsheet_would_run(writer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_hostile_contract(monkeypatch)
    write, read = WRITERS[writer]
    cells = [cell for cell in read(write()) if isinstance(cell, str)]
    hostile = [cell for cell in cells if cell.lstrip("'").startswith(("=", "+", "-", "@"))
               and not re.fullmatch(r"[+-]?\d+", cell)]
    assert hostile, "the writer was given no formula: the test proves nothing"
    assert [cell for cell in hostile if not cell.startswith("'")] == []
