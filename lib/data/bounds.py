"""Bounded reading: every limit of lib.data.settings.READ_LIMITS checked while a file is read.

A hostile or careless file (a zip bomb, a sheet of a million rows, a row of a million cells, one
enormous cell) is refused as soon as it passes a limit, never after it has been parsed whole:
size on disk first, then an .xlsx's zip directory (unpacked size and ratio), then a byte scan of
the sheet XML or the CSV (rows, columns, cell length), and the rows as the parser yields them.
Each refusal is a ReadError whose key names a bilingual message in lib.texts.
"""
from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from lib.data.settings import RATIO_CHECKED_FROM_BYTES, ReadLimits

CHUNK_BYTES = 1 << 20
# One character is at most 4 bytes of UTF-8, and at most 10 bytes of XML ("&#x10FFFF;"): a run of
# more bytes than that without a separator is surely a cell past the limit (the exact length is
# checked again on the parsed cells).
CSV_BYTES_PER_CHAR = 4
XML_BYTES_PER_CHAR = 10
_MB = 1024 * 1024


class ReadError(Exception):
    """The file cannot be read at all; `key` names the message in lib.texts."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Deadline:
    """The wall time one read may take (ReadLimits.seconds)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise ReadError("read_too_slow", limit=int(self.seconds))


def check_size(path: Path, limits: ReadLimits) -> None:
    """Refuse a file larger on disk than the format allows."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise ReadError("file_too_large", size=_megabytes(size), limit=_megabytes(limits.file_bytes))


def check_zip_directory(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse a workbook whose zip directory declares too much unpacked data or a bomb's ratio.

    Python's zipfile never inflates a member past the size its directory declares (and fails on
    the checksum when the data disagrees), so the declared sizes bound what parsing can unpack."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.unpacked_bytes:
        raise ReadError("xlsx_unpacked_too_large", size=_megabytes(unpacked), limit=_megabytes(limits.unpacked_bytes))
    packed = sum(member.compress_size for member in members)
    # Each large member, and all of them together (a bomb split into many small members).
    for size, compressed in [(m.file_size, m.compress_size) for m in members] + [(unpacked, packed)]:
        if size >= RATIO_CHECKED_FROM_BYTES:
            ratio = size / max(compressed, 1)
            if ratio > limits.unpacked_ratio:
                raise ReadError("xlsx_ratio_too_high", ratio=int(ratio), limit=limits.unpacked_ratio)


# Sheet XML as Excel, LibreOffice and other writers spell it, with or without a namespace prefix.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")


def scan_sheet_xml(stream: BinaryIO, limits: ReadLimits, deadline: Deadline) -> int:
    """Count the rows and the cells of each row of a sheet's XML (or any XML part of a workbook) in
    blocks, before it is parsed; returns the row elements seen. Stops at the first limit passed: the row after the last allowed
    one, a row with too many cells, or a text run longer than a cell may be."""
    rows = cells = 0
    carry = b""
    longest_text = limits.cell_chars * XML_BYTES_PER_CHAR
    while True:
        block = stream.read(CHUNK_BYTES)
        data = carry + block
        # Keep the last (possibly cut) tag for the next block; without any tag, the text runs on.
        cut = data.rfind(b"<") if block else len(data)
        if cut <= 0 and block:
            if len(data) > longest_text:
                raise ReadError("cell_too_long", limit=limits.cell_chars)
            carry = data
            continue
        pieces = _ROW_TAG.split(data[:cut])
        if rows:   # cells before the first row belong to no row
            cells += len(_CELL_TAG.findall(pieces[0]))
        for piece in pieces[1:]:
            _check_cells(cells, limits)
            rows += 1
            if rows > limits.rows + 1:   # the header row and the rows allowed below it
                raise ReadError("too_many_rows", limit=limits.rows)
            cells = len(_CELL_TAG.findall(piece))
        _check_cells(cells, limits)
        carry = data[cut:]
        if len(carry) > longest_text:
            raise ReadError("cell_too_long", limit=limits.cell_chars)
        deadline.check()
        if not block:
            return rows


def _check_cells(cells: int, limits: ReadLimits) -> None:
    if cells > limits.columns:
        raise ReadError("too_many_columns", limit=limits.columns)


def bounded_rows(rows: Iterable[tuple], limits: ReadLimits, deadline: Deadline) -> Iterator[tuple]:
    """The rows of a sheet as a parser yields them, refused at the first row past a limit: the data
    row after the last allowed one (the header is the row before them), a value past the last
    allowed column, or a cell longer than allowed. Stops pulling rows there."""
    for number, row in enumerate(rows, start=1):
        if number > limits.rows + 1:
            raise ReadError("too_many_rows", limit=limits.rows)
        if len(row) > limits.columns and any(cell is not None for cell in row[limits.columns:]):
            raise ReadError("too_many_columns", limit=limits.columns)
        if any(isinstance(cell, str) and len(cell) > limits.cell_chars for cell in row):
            raise ReadError("cell_too_long", limit=limits.cell_chars)
        if not number % 1024:
            deadline.check()
        yield row


_CSV_SEPARATORS = (b",", b";", b"\t", b"\n")


def scan_csv(path: Path, limits: ReadLimits, deadline: Deadline) -> None:
    """Count a CSV's lines and its header's fields in blocks, before it is parsed: stops at the line
    after the last allowed row, at a header with too many fields, or at a run of bytes without a
    separator longer than any allowed cell."""
    longest = limits.cell_chars * CSV_BYTES_PER_CHAR
    run_pattern = re.compile(rb"(?<![^,;\t\n])[^,;\t\n]{%d}" % (longest + 1))
    lines = 0
    fields = dict.fromkeys(_CSV_SEPARATORS[:3], 0)
    in_header = True
    run = 0   # bytes without a separator at the end of the blocks read so far
    with path.open("rb") as handle:
        while block := handle.read(CHUNK_BYTES):
            if in_header:
                end = block.find(b"\n")
                header = block if end < 0 else block[:end]
                for separator in fields:
                    fields[separator] += header.count(separator)
                if max(fields.values()) + 1 > limits.columns:
                    raise ReadError("too_many_columns", limit=limits.columns)
                in_header = end < 0
            lines += block.count(b"\n")
            if lines > limits.rows + 1:   # the header line and one line per allowed row
                raise ReadError("too_many_rows", limit=limits.rows)
            last_separator = max(block.rfind(separator) for separator in _CSV_SEPARATORS)
            first_separator = min((i for i in (block.find(s) for s in _CSV_SEPARATORS) if i >= 0),
                                  default=len(block))
            if run + first_separator > longest or run_pattern.search(block):
                raise ReadError("cell_too_long", limit=limits.cell_chars)
            run = run + len(block) if last_separator < 0 else len(block) - last_separator - 1
            deadline.check()


def check_cell_lengths(frame: pd.DataFrame, limits: ReadLimits) -> None:
    """Refuse a parsed CSV with a cell longer than allowed (the scan bounds bytes, this characters)."""
    for _, column in frame.items():
        longest = column.str.len().max() if len(column) else None
        if pd.notna(longest) and longest > limits.cell_chars:
            raise ReadError("cell_too_long", limit=limits.cell_chars)


def _megabytes(size: int) -> float:
    return round(size / _MB, 1)
