"""Person-identifying data detection: headers and value patterns.

A file with a column or a value that identifies a person is refused whole (survivor safety,
GBVIMS: case data is shared only non-identifiable). Matching values are never echoed back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.data.parse import cell_text, is_blank
from lib.data.schema import PERSON_IDENTIFYING_HEADERS, Table

# Header words that identify a person wherever they appear in a column name.
_IDENTIFYING_TOKENS = frozenset({"nik", "ktp", "alamat", "address", "telepon", "telp", "phone", "hp", "email",
                                 "whatsapp", "surel"})

# Value patterns, searched anywhere in a cell so that "hubungi 0812 3456 7890" is caught too.
VALUE_PATTERNS: dict[str, re.Pattern[str]] = {
    "pii_nik": re.compile(r"(?<![\d])\d{4}[ .]?\d{4}[ .]?\d{4}[ .]?\d{4}(?![\d])"),
    "pii_phone": re.compile(r"(?<![\d+])(\+?62|0)[ .-]?8\d{1,2}[ .-]?\d{3,4}[ .-]?\d{3,5}(?![\d])"),
    "pii_email": re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"),
}
ADDRESS_PATTERN = re.compile(r"\b(jl|jln|jalan|gg|gang)\.?\s+\w+|\brt\s*\.?\s*\d+\s*/\s*rw\s*\.?\s*\d+", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    column: str
    position: int | None   # None for a header finding
    what: str | None       # the pii_* text key of a value finding


def normalise_header(header: object) -> str:
    """'Nama Korban ' -> 'nama_korban'; the BOM and stray spaces removed."""
    text = str(header).replace("\ufeff", "").strip().casefold()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def identifying_headers(headers: list[str], table: Table) -> list[str]:
    """Headers that name person-identifying data and are not a declared column of the table."""
    declared = {col.name for col in table.columns} | {alias for col in table.columns for alias in col.aliases}
    found = []
    for header in headers:
        name = normalise_header(header)
        if name in declared:
            continue
        if name in PERSON_IDENTIFYING_HEADERS or _IDENTIFYING_TOKENS & set(name.split("_")):
            found.append(header)
    return found


def classify_value(cell: object, *, addresses: bool) -> str | None:
    """The pii_* key a value matches, or None."""
    if is_blank(cell):
        return None
    text = cell_text(cell)
    for key, pattern in VALUE_PATTERNS.items():
        if pattern.search(text):
            return key
    if addresses and ADDRESS_PATTERN.search(text):
        return "pii_address"
    return None


def identifying_values(frame: pd.DataFrame, columns: list[str], *, addresses: bool) -> list[Finding]:
    """Cells of `columns` that look like an NIK, a phone number, an email or (if asked) an address.

    Text columns are classified once per distinct value; values that cannot match any pattern
    (see `could_identify`) are not searched. Findings come column by column, top to bottom."""
    findings = []
    for column in columns:
        values = frame[column]
        if not isinstance(values.dtype, pd.StringDtype):
            findings += [Finding(column, position, what) for position, cell in enumerate(values.tolist())
                         if (what := classify_value(cell, addresses=addresses))]
            continue
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        texts = uniques.tolist()
        searched = could_identify(pd.Series(uniques), addresses=addresses)
        what = [classify_value(text, addresses=addresses) if searched[i] else None for i, text in enumerate(texts)]
        found = np.array([w is not None for w in what] + [False], dtype=bool)
        findings += [Finding(column, int(p), what[codes[p]]) for p in np.flatnonzero(found[codes])]
    return findings


def could_identify(texts: pd.Series, *, addresses: bool) -> np.ndarray:
    """False only for values no pattern can match: ASCII text with fewer than 9 digits (an NIK has
    16, a phone number at least 9), no '@' (emails) and, for addresses, none of 'jl', 'ja', 'gg',
    'ga', 'rt' in any case (jl, jln, jalan, gg, gang, rt/rw). Anything else is searched in full."""
    if not len(texts):
        return np.zeros(0, dtype=bool)
    possible = texts.str.contains(r"[^\x00-\x7f]|@", regex=True) | (texts.str.count(r"[0-9]") >= 9)
    if addresses:
        possible |= texts.str.contains(r"(?i)jl|ja|gg|ga|rt", regex=True)
    return possible.to_numpy(dtype=bool, na_value=True)
