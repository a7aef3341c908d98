"""Read a .csv or .xlsx file as staff export it into a frame of raw cells, plus reading notes.

Accepts UTF-8 with or without BOM (Windows-1252 as a noted fallback), comma, semicolon or tab
delimiters, and .xlsx read as values only from the first visible sheet. Cells stay raw (text, or
the numbers and datetimes Excel stores); `lib.parse` turns them into typed values.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx")
DELIMITERS = ",;\t"


class ReadError(Exception):
    """The file cannot be read at all; `key` names the message in lib.texts."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class RawTable:
    frame: pd.DataFrame                 # raw cells, headers as written
    row_numbers: tuple[int, ...]        # the spreadsheet row of each frame row
    decimal_comma: bool                 # semicolon CSV: 0,45 means 0.45
    notes: tuple[tuple[str, dict], ...] = field(default=())  # (text key, params) worth telling


def read_raw(path: Path) -> RawTable:
    """Read `path` into raw cells; raises ReadError with a message key when it cannot."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path.read_bytes())
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise ReadError("file_format_unsupported")


def _decode(payload: bytes) -> tuple[str, tuple[tuple[str, dict], ...]]:
    if payload.startswith(b"\xef\xbb\xbf"):
        return payload[3:].decode("utf-8", errors="replace"), ()
    try:
        return payload.decode("utf-8"), ()
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace"), (("encoding_fallback", {}),)


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=DELIMITERS).delimiter
    except csv.Error:
        return max(DELIMITERS, key=header.count)


def _read_csv(payload: bytes) -> RawTable:
    text, notes = _decode(payload)
    if not text.strip():
        raise ReadError("file_empty")
    delimiter = _sniff_delimiter(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, skipinitialspace=True)
    except (pd.errors.ParserError, ValueError) as error:
        raise ReadError("file_unreadable", detail=str(error).splitlines()[0]) from error
    # Header is spreadsheet row 1, so frame row i is row i + 2.
    return _drop_blank_rows(frame, first_data_row=2, decimal_comma=delimiter == ";", notes=notes)


def _read_xlsx(path: Path) -> RawTable:
    import openpyxl  # imported here: only uploads of Excel files need it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many types for a corrupt or foreign file
        raise ReadError("file_unreadable", detail=type(error).__name__) from error
    try:
        sheet = next((ws for ws in workbook.worksheets if ws.sheet_state == "visible"), None)
        if sheet is None:
            raise ReadError("file_empty")
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        sheet_name = sheet.title
    finally:
        workbook.close()
    header_index = next((i for i, row in enumerate(rows) if any(_filled(cell) for cell in row)), None)
    if header_index is None:
        raise ReadError("file_empty")
    header = [("" if cell is None else str(cell)) for cell in rows[header_index]]
    width = max((i + 1 for i, name in enumerate(header) if name.strip()), default=0)
    body = [(row + [None] * width)[:width] for row in rows[header_index + 1:]]
    frame = pd.DataFrame(body, columns=header[:width], dtype=object)
    notes = (("xlsx_values_only", {"sheet": sheet_name}),)
    return _drop_blank_rows(frame, first_data_row=header_index + 2, decimal_comma=False, notes=notes)


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _drop_blank_rows(frame: pd.DataFrame, *, first_data_row: int, decimal_comma: bool,
                     notes: tuple[tuple[str, dict], ...]) -> RawTable:
    """Drop wholly empty rows (common at the end of Excel sheets) but keep true row numbers."""
    filled = frame.apply(lambda row: any(_filled(cell) for cell in row), axis=1) if len(frame) else pd.Series(dtype=bool)
    kept = frame[filled] if len(frame) else frame
    row_numbers = tuple(first_data_row + int(i) for i in kept.index)
    return RawTable(kept.reset_index(drop=True), row_numbers, decimal_comma, notes)
