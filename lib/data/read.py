"""Read a .csv or .xlsx file as staff export it into a frame of raw cells, plus reading notes.

Accepts UTF-8 with or without BOM (UTF-16 with a BOM, Windows-1252 as a noted fallback), comma,
semicolon or tab delimiters, and .xlsx read as values only from the first visible sheet. Cells stay
raw (text, or the numbers and datetimes Excel stores); `lib.data.parse` turns them into typed values.
Every limit of lib.data.settings.READ_LIMITS is checked while reading (lib.data.bounds).
"""
from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lib.data.bounds import (Deadline, ReadError, bounded_rows, check_cell_lengths, check_size, check_zip_directory,
                             scan_csv, scan_sheet_xml)
from lib.data.settings import READ_LIMITS

SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx")
DELIMITERS = ",;\t"


@dataclass(frozen=True)
class RawTable:
    frame: pd.DataFrame                 # raw cells, headers as written
    row_numbers: Sequence[int]          # the spreadsheet row of each frame row (a range when none was dropped)
    decimal_comma: bool                 # semicolon CSV: 0,45 means 0.45
    notes: tuple[tuple[str, dict], ...] = field(default=())  # (text key, params) worth telling


def read_raw(path: Path) -> RawTable:
    """Read `path` into raw cells; raises ReadError with a message key when it cannot."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError("file_format_unsupported")
    limits = READ_LIMITS[suffix]
    deadline = Deadline(limits.seconds)
    check_size(path, limits)
    if suffix == ".xlsx":
        return _read_xlsx(path, deadline)
    scan_csv(path, limits, deadline)
    simple = _read_simple_csv(path) if path.stat().st_size > LARGE_CSV_BYTES else None
    raw = simple if simple is not None else _read_csv(path.read_bytes())
    check_cell_lengths(raw.frame, limits)
    deadline.check()
    return raw


# Excel's "Unicode Text" export is UTF-16 with a byte-order mark.
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode(payload: bytes) -> tuple[str, tuple[tuple[str, dict], ...]]:
    if payload.startswith(UTF16_BOMS):
        try:
            return payload.decode("utf-16"), ()
        except UnicodeDecodeError as error:
            raise ReadError("file_unreadable", detail="UTF-16") from error
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


# Files larger than this are not decoded into one Python string (which io.StringIO would hold again,
# four bytes per character): the encoding is checked in blocks and pandas reads the bytes.
LARGE_CSV_BYTES = 4 << 20
_BLOCK = 1 << 22


def _encoding(payload: bytes) -> tuple[int, str, str, tuple[tuple[str, dict], ...]]:
    """(offset, encoding, errors, notes) that _decode would use, without decoding the whole payload."""
    if payload.startswith(b"\xef\xbb\xbf"):
        return 3, "utf-8", "replace", ()
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(payload)
    try:
        for start in range(0, len(payload), _BLOCK):
            decoder.decode(view[start:start + _BLOCK], final=False)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return 0, "cp1252", "replace", (("encoding_fallback", {}),)
    return 0, "utf-8", "strict", ()


def _head_text(payload: bytes, offset: int, encoding: str, errors: str) -> str:
    """The decoded start of the file: at least 4096 characters and its first line (for the sniffer)."""
    size = 1 << 16
    while True:
        head = payload[offset:offset + size].decode(encoding, errors="ignore" if errors == "strict" else errors)
        if offset + size >= len(payload) or ("\n" in head and len(head) > 4096 + 8):
            return head if offset + size < len(payload) else payload[offset:].decode(encoding, errors=errors)
        size *= 4


def _read_csv(payload: bytes) -> RawTable:
    if len(payload) > LARGE_CSV_BYTES:
        large = _read_large_csv(payload)
        if large is not None:
            return large
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


def _read_large_csv(payload: bytes) -> RawTable | None:
    """_read_csv for a large payload: the same decoding, sniffing and parsing, read from the bytes
    (None when the start of the file is blank or the file is UTF-16: the text path then decides)."""
    if payload.startswith(UTF16_BOMS):
        return None
    offset, encoding, errors, notes = _encoding(payload)
    head = _head_text(payload, offset, encoding, errors)
    if not head.strip():
        return None
    delimiter = _sniff_delimiter(head)   # reads only the first 4096 characters and the first line
    try:
        frame = pd.read_csv(io.BytesIO(memoryview(payload)[offset:]), sep=delimiter, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, skipinitialspace=True, encoding=encoding, encoding_errors=errors)
    except (pd.errors.ParserError, ValueError) as error:
        raise ReadError("file_unreadable", detail=str(error).splitlines()[0]) from error
    return _drop_blank_rows(frame, first_data_row=2, decimal_comma=delimiter == ";", notes=notes)


# A large CSV without quotes, carriage returns, blank lines, NUL bytes or spaces at the start of a
# field is read with pyarrow's CSV reader: for such a file it gives the cells pandas gives (no
# quoting, no skipped spaces, no blank rows to number), in a fraction of the time and memory.
# Anything else (or a row of the wrong width, which pyarrow refuses) goes the pandas way.
_UNSIMPLE = (b'"', b"\r", b"\n\n", b"\x00", b"\n ", b"\n\t")


def _read_simple_csv(path: Path) -> RawTable | None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    with path.open("rb") as handle:
        head_bytes = handle.read(1 << 16)
    if head_bytes.startswith((b"\xef\xbb\xbf", b" ", b"\t", b"\n")):
        return None
    head = head_bytes.decode("utf-8", errors="ignore")
    if not head.strip() or "\n" not in head:
        return None
    delimiter = _sniff_delimiter(head)
    header = head.split("\n", 1)[0].split(delimiter)
    if any(not name or name != name.strip() for name in header) or len(set(header)) != len(header):
        return None
    if not _simple_bytes(path, (*_UNSIMPLE, delimiter.encode() + b" ", delimiter.encode() + b"\t")):
        return None
    try:
        table = pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char=False, double_quote=False,
                                             escape_char=False, newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={name: pa.large_string() for name in header},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 null_values=[]),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if table.column_names != header:
        return None
    dtype = pd.StringDtype("pyarrow", na_value=np.nan)   # what read_csv(dtype=str) gives
    columns = {}
    for name in header:
        # One chunk per column, made one column at a time: taking rows from a column in hundreds of
        # chunks makes pyarrow concatenate them all first, on every selection of rows.
        chunked = table.column(0)
        table = table.remove_column(0)
        columns[name] = pd.Series(pd.array(pa.chunked_array([chunked.combine_chunks()]), dtype=dtype), copy=False)
        del chunked
    frame = pd.DataFrame(columns, copy=False)
    return _drop_blank_rows(frame, first_data_row=2, decimal_comma=delimiter == ";", notes=())


def _simple_bytes(path: Path, forbidden: tuple[bytes, ...]) -> bool:
    """Whether the file is valid UTF-8 and holds none of `forbidden` (read in blocks)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    tail = b""
    try:
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                decoder.decode(block, final=False)
                window = tail + block
                if any(pattern in window for pattern in forbidden):
                    return False
                tail = block[-2:]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _read_xlsx(path: Path, deadline: Deadline) -> RawTable:
    import openpyxl  # imported here: only uploads of Excel files need it

    limits = READ_LIMITS[".xlsx"]
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip_directory(archive, limits)
            # openpyxl reads every sheet's XML on opening (for its dimensions), and parses a whole
            # sheet that declares none: every XML part is scanned first, within the limits.
            for member in archive.infolist():
                if member.filename.lower().endswith(".xml"):
                    with archive.open(member) as xml:
                        scan_sheet_xml(xml, limits, deadline)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:   # cut off, damaged, or another file named .xlsx
        raise ReadError("xlsx_not_a_workbook") from error
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many types for a corrupt or foreign file
        raise ReadError("file_unreadable", detail=type(error).__name__) from error
    try:
        sheet = next((ws for ws in workbook.worksheets if ws.sheet_state == "visible"), None)
        if sheet is None:
            raise ReadError("file_empty")
        sheet.reset_dimensions()   # the <dimension> a file declares pads every row: not trusted
        # Past the allowed columns a row holds only blanks (bounded_rows checked): not kept.
        rows = [list(row[:limits.columns]) for row in bounded_rows(sheet.iter_rows(values_only=True), limits, deadline)]
        sheet_name = sheet.title
    except ReadError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:   # a member cut off or failing its checksum
        raise ReadError("xlsx_not_a_workbook") from error
    except Exception as error:  # malformed sheet XML: the parser's own error types
        raise ReadError("file_unreadable", detail=type(error).__name__) from error
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
    filled = _filled_rows(frame)
    kept = frame[filled] if len(frame) else frame
    if len(kept) == len(frame):
        row_numbers: Sequence[int] = range(first_data_row, first_data_row + len(frame))
    else:
        row_numbers = tuple(first_data_row + int(i) for i in kept.index)
    return RawTable(kept.reset_index(drop=True), row_numbers, decimal_comma, notes)


def _filled_rows(frame: pd.DataFrame) -> pd.Series:
    """Whether each row has a filled cell (_filled). Text columns are checked at once: a missing
    value or a printable ASCII character makes a cell filled; only rows without any such cell are
    checked cell by cell."""
    if not len(frame):
        return pd.Series(dtype=bool)
    open_rows = np.arange(len(frame))            # rows with no surely filled cell yet
    for _, column in frame.items():
        if not len(open_rows):
            break
        if isinstance(column.dtype, pd.StringDtype):
            cells = column.iloc[open_rows] if len(open_rows) < len(frame) else column
            surely = (cells.isna() | cells.str.contains(r"[!-~]", regex=True)).to_numpy(dtype=bool, na_value=True)
            open_rows = open_rows[~surely]
    filled = pd.Series(True, index=frame.index)
    if len(open_rows):
        doubtful = frame.iloc[open_rows]
        filled.iloc[open_rows] = doubtful.apply(lambda row: any(_filled(cell) for cell in row), axis=1).to_numpy(
            dtype=bool)
    return filled
