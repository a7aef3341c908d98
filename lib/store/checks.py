"""Checks an upload passes before the validator sees it, and what a refusal may show.

Limits protect the server (size, rows, compressed Excel); the reference says what codes are
checked against (case data is kept out of reports by lib.data.validate.safe_problems).
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd

from lib.data.contract import Reference, reference_for
from lib.texts.i18n import format_number
from lib.data.load import DataError, TableMissing, load_table
from lib.data.settings import MAX_ROWS, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, MAX_XLSX_UNPACKED_BYTES

# The limits (MAX_UPLOAD_MB, MAX_UPLOAD_BYTES, MAX_ROWS, MAX_XLSX_UNPACKED_BYTES) are declared once, in
# lib.data.settings; lib.data.read checks them again while reading.


class Refusal(Exception):
    """Nothing can be stored: `key` names the reason in lib.texts, `params` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def check_limits(payload: bytes, name: str) -> None:
    """Raise Refusal when the upload is too big, has too many lines, or unpacks too far."""
    if len(payload) > MAX_UPLOAD_BYTES:
        raise Refusal("da_too_large", size=round(len(payload) / 1024 / 1024, 1), limit=MAX_UPLOAD_MB)
    suffix = Path(name).suffix.lower()
    if suffix == ".csv" and payload.count(b"\n") > MAX_ROWS + 1:
        raise Refusal("da_too_many_rows", rows=payload.count(b"\n") - 1, limit=MAX_ROWS)
    if suffix == ".xlsx":
        try:
            with zipfile.ZipFile(io.BytesIO(payload)) as archive:
                unpacked = sum(item.file_size for item in archive.infolist())
        except zipfile.BadZipFile:
            return  # not a real workbook: the validator says it cannot be read
        if unpacked > MAX_XLSX_UNPACKED_BYTES:
            raise Refusal("da_xlsx_too_large", limit=MAX_XLSX_UNPACKED_BYTES // 1024 // 1024)


def check_rows(rows: int) -> None:
    if rows > MAX_ROWS:
        raise Refusal("da_too_many_rows", rows=rows, limit=MAX_ROWS)


def safe_file_name(name: str, *, fallback: str = "upload.csv") -> str:
    """The base name of an uploaded file with only plain characters, at most 100 of them."""
    base = Path(str(name).replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")[:90]
    suffix = re.sub(r"[^a-z0-9.]", "", suffix)[:8]
    return f"{stem}{suffix}" if stem else fallback


def reference_in_store(table: str, folder: Path, today: date, *,
                       replaced: Mapping[str, pd.DataFrame] | None = None) -> Reference:
    """What `table` is checked against in `folder`; `replaced` stands in for tables about to change.
    A table it depends on must be there and valid (a store refuses rather than checks less)."""
    replaced = replaced or {}
    return reference_for(table, today=today, tables=lambda name: _dependency(name, folder, today, replaced))


def _dependency(name: str, folder: Path, today: date, replaced: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    if name in replaced:
        return replaced[name]
    try:
        return load_table(name, folder=folder, today=today)
    except TableMissing:
        raise Refusal("da_dependency_missing", table=name) from None
    except DataError:
        raise Refusal("da_dependency_invalid", table=name) from None


def render_params(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """Parameters of a refusal in `lang`: numbers with the language's separators, {id, en} pairs picked."""
    rendered: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, bool):
            rendered[name] = value
        elif isinstance(value, int):
            rendered[name] = format_number(value, lang)
        elif isinstance(value, float):
            rendered[name] = format_number(value, lang, decimals=1)
        elif isinstance(value, dict) and set(value) == {"id", "en"}:
            rendered[name] = value[lang]
        else:
            rendered[name] = value
    return rendered
