"""What a stored version holds, and how two versions differ. Pure: frames in, bytes and counts out.

A version is kept as a canonical CSV written from the validated frame (codes, ISO dates, whole
counts, UTF-8, comma, no BOM), so that it reads back through the validator to the same frame and
two uploads of the same data in different spellings (.xlsx, Indonesian headers, labels instead of
codes) give the same bytes and the same hash.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pandas as pd

from lib.data.schema import Table


def sha256_of(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def canonical_csv(frame: pd.DataFrame, table: Table) -> bytes:
    """The validated `frame` as canonical CSV bytes, columns in contract order."""
    columns = [name for name in table.column_names if name in frame.columns]
    shown = frame[columns].copy()
    for name in columns:
        if pd.api.types.is_float_dtype(shown[name]):
            shown[name] = shown[name].map(_number_text, na_action="ignore").astype("string")
    text = shown.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return text.encode("utf-8")


def _number_text(value: float) -> str:
    """24.0 -> '24', 33.3 -> '33.3': the shortest text that reads back to the same number."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def text_frame(payload: bytes) -> pd.DataFrame:
    """Canonical CSV bytes back into a frame of plain text cells ('' where empty)."""
    if not payload.strip():
        return pd.DataFrame()
    return pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)


def key_values(frame: pd.DataFrame, table: Table) -> pd.Series:
    """The table's key of each row as one text (blank key parts count as '')."""
    parts = [frame[col].astype("string").fillna("").astype(str) if col in frame.columns
             else pd.Series("", index=frame.index) for col in table.key]
    if not parts:
        return pd.Series([], dtype=str)
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " / " + part
    return joined


@dataclass(frozen=True)
class Change:
    """Rows added, removed and changed (same key, other values) from one version to the next."""

    rows: int
    added: int
    removed: int
    changed: int


def describe_change(old: pd.DataFrame | None, new: pd.DataFrame, table: Table) -> Change:
    """Compare two text frames by the table's key. With no old version every row is added."""
    if old is None or old.empty:
        return Change(len(new), len(new), 0, 0)
    columns = list(dict.fromkeys([*old.columns, *new.columns]))
    old_rows = _rows_by_key(old.reindex(columns=columns, fill_value=""), table)
    new_rows = _rows_by_key(new.reindex(columns=columns, fill_value=""), table)
    common = old_rows.keys() & new_rows.keys()
    return Change(
        rows=len(new),
        added=len(new_rows.keys() - old_rows.keys()),
        removed=len(old_rows.keys() - new_rows.keys()),
        changed=sum(old_rows[key] != new_rows[key] for key in common),
    )


def _rows_by_key(frame: pd.DataFrame, table: Table) -> dict[str, tuple]:
    keys = key_values(frame, table)
    return dict(zip(keys, frame.itertuples(index=False, name=None)))


@dataclass(frozen=True)
class KeyConflict:
    """A row of an upload whose key is already taken (in the current table or earlier in the file)."""

    position: int        # row position in the upload
    key: str             # the key value, ' / '-joined
    in_current: bool     # True: taken by the current table; False: repeated within the upload


def key_conflicts(current: pd.DataFrame | None, upload: pd.DataFrame, table: Table) -> list[KeyConflict]:
    """Upload rows whose key the current table already holds, or that repeat an earlier upload row."""
    taken = set(key_values(current, table)) if current is not None and len(current) else set()
    seen: set[str] = set()
    conflicts = []
    for position, key in enumerate(key_values(upload, table)):
        if key in taken:
            conflicts.append(KeyConflict(position, key, True))
        elif key in seen:
            conflicts.append(KeyConflict(position, key, False))
        seen.add(key)
    return conflicts


def combine(current: pd.DataFrame, upload: pd.DataFrame) -> pd.DataFrame:
    """The current table with the upload's rows after it (columns of both; typed frames)."""
    if current.empty:
        return upload.reset_index(drop=True)
    return pd.concat([current, upload], ignore_index=True)
