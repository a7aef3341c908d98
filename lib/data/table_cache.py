"""Validated tables kept on disk, so that a restart, another process or a new day's first visitor reads a
table that was validated before instead of validating it again (at a million rows, seconds each).

A table is kept as Parquet in the cache folder (`.cache/tables/`, or WENEXUS_TABLE_CACHE_DIR) under a key
that covers everything its validation depends on: the file's bytes (a BLAKE2 digest, remembered per file
size, modification time and inode so an unchanged file is not read twice), the table, the day (date
rules), the tables it is checked against (their content) and the code that validates (the source of
lib/data). Pages are written with checksums and checked when read; anything absent, unreadable or of
another format is validated again. Only tables that passed validation are kept, and the cache holds
nothing the data folder does not: case rows stay as protected as the folder they came from (same
machine, a folder readable by its owner only).
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib.data.atomic import write_bytes_atomic
from lib.data.paths import REPO_ROOT

CACHE_DIR_ENV = "WENEXUS_TABLE_CACHE_DIR"
FORMAT = 1
DIGESTS = "digests.json"     # file identity (path, size, mtime, inode) -> digest of its bytes
KEPT_PER_TABLE = 4           # older validated versions of a table are removed


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else REPO_ROOT / ".cache" / "tables"


@cache
def code_fingerprint(package: str = "data") -> str:
    """The source of a package of lib/ (the validating code, by default; "" for all of lib): a changed
    rule makes everything kept by the old code stale."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted((REPO_ROOT / "lib" / package).rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """BLAKE2 of the file's bytes, remembered by its identity (size, modification time, inode)."""
    stat = path.stat()
    identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
    known = _read_digests()
    if identity in known:
        return known[identity]
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    found = digest.hexdigest()
    _write_digests({**{k: v for k, v in known.items() if not k.startswith(f"{path.resolve()}|")}, identity: found})
    return found


def frame_digest(frame: pd.DataFrame | None) -> str:
    if frame is None:
        return "-"
    values = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return hashlib.blake2b(values.tobytes() + repr(list(frame.columns)).encode(), digest_size=16).hexdigest()


def table_key(name: str, path: Path, *, today: date, references: Iterable[pd.DataFrame | None]) -> str:
    parts = [str(FORMAT), name, file_digest(path), today.isoformat(), code_fingerprint(),
             *(frame_digest(frame) for frame in references)]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def read_kept(name: str, key: str) -> pd.DataFrame | None:
    """The validated table kept under `key`, or None."""
    path = cache_dir() / f"{name}-{key}.parquet"
    try:
        return pq.read_table(path, page_checksum_verification=True).to_pandas()
    except (OSError, pa.ArrowException, ValueError, KeyError):
        return None


def keep(name: str, key: str, frame: pd.DataFrame) -> None:
    """Keep a validated table (best effort: a read-only or full disk only means validating again)."""
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=True), sink, write_page_checksum=True,
                       compression="zstd")
        write_bytes_atomic(folder / f"{name}-{key}.parquet", sink.getvalue().to_pybytes())
        older = sorted(folder.glob(f"{name}-*.parquet"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEPT_PER_TABLE:]:
            stale.unlink(missing_ok=True)
    except (OSError, pa.ArrowException, ValueError, TypeError):
        pass


def _read_digests() -> dict[str, str]:
    try:
        return json.loads((cache_dir() / DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_digests(known: dict[str, str]) -> None:
    try:
        cache_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
        write_bytes_atomic(cache_dir() / DIGESTS, json.dumps(known).encode("utf-8"))
    except OSError:
        pass
