"""Read validated tables from the data folder. One door: `load_table(name)`.

The app (through lib.ui.cache), the command line and the tests all call it, so every table anyone
sees has passed the same validation (once per content: lib.data.table_cache keeps what passed). Codes are checked against the folder's villages table and
indicator values against its indicators table.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from lib.data import table_cache
from lib.data.contract import CHECKED_AGAINST, TABLE_ORDER, reference_for
from lib.data.paths import SHIPPED_DATA_DIR, data_dir
from lib.data.read import SUPPORTED_SUFFIXES
from lib.data.schema import DEMO_SOURCE, TABLES
from lib.data.validate import ValidationReport, refused_report, validate_file

class DataError(Exception):
    """A table failed validation; `report` says every problem."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(report.summary("en"))
        self.report = report


class TableMissing(Exception):
    """The data folder has no file for the table."""

    def __init__(self, table: str, folder: Path) -> None:
        super().__init__(f"{table} not found in {folder}")
        self.table = table
        self.folder = folder


def find_table_file(folder: Path, name: str) -> Path | None:
    """`name`.csv or `name`.xlsx in `folder`, if there is one."""
    for suffix in SUPPORTED_SUFFIXES:
        candidate = Path(folder) / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def load_table(name: str, *, folder: Path | None = None, today: date | None = None,
               tables: Callable[[str], pd.DataFrame | None] | None = None) -> pd.DataFrame:
    """The validated table `name` from the data folder; raises DataError or TableMissing. The tables it is
    checked against come from `tables(name)` (None: nothing to check against) or, by default, are loaded
    the same way."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(TABLES)}")
    folder = Path(folder) if folder else data_dir()
    today = today or date.today()
    path = find_table_file(folder, name)
    if path is None:
        if name == "villages" and folder != SHIPPED_DATA_DIR:
            return shipped_villages()
        raise TableMissing(name, folder)
    if path.stat().st_size > LARGE_TABLE_ROWS * 40:
        use_returning_allocator()
    needed = tables or (lambda other: load_table(other, folder=folder, today=today))
    references = {other: needed(other) for other in CHECKED_AGAINST[name]}
    key = table_cache.table_key(name, path, today=today, references=references.values())
    kept = table_cache.read_kept(name, key)      # validated before, by any process: read, not validated again
    if kept is not None:
        return kept
    reference = reference_for(name, today=today, tables=lambda other: references.get(other))
    report = validate_file(path, table=name, reference=reference, today=today)
    if report.rows >= LARGE_TABLE_ROWS:
        _give_back_memory()
    if not report.ok:
        raise DataError(report)
    table_cache.keep(name, key, report.frame)
    return report.frame


# After validating a table this large, the memory its checks used is handed back to the system
# (pyarrow's and C's allocators keep freed memory otherwise, and the next table would add to it).
LARGE_TABLE_ROWS = 100_000
# pyarrow's allocator for table memory. Its default (mimalloc) keeps what it freed for later; jemalloc
# hands it back, which at millions of rows is the difference between 2.7 and 2.4 GB at the peak
# of a page (bench/results.md). ARROW_DEFAULT_MEMORY_POOL, when set, still decides.
ARROW_POOL = "jemalloc"


def use_returning_allocator() -> None:
    """Make pyarrow allocate with ARROW_POOL, unless ARROW_DEFAULT_MEMORY_POOL says otherwise."""
    import os

    import pyarrow as pa

    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL") or pa.default_memory_pool().backend_name == ARROW_POOL:
        return
    try:
        pa.set_memory_pool(getattr(pa, f"{ARROW_POOL}_memory_pool")())
    except (NotImplementedError, AttributeError):   # a pyarrow built without it: keep the default
        pass


def _give_back_memory() -> None:
    import ctypes

    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc: nothing to trim
        pass


def shipped_villages() -> pd.DataFrame:
    """The official village table shipped with the app (public geography)."""
    return load_table("villages", folder=SHIPPED_DATA_DIR)


def is_demo(frame: pd.DataFrame) -> bool:
    """Whether any row of a table is synthetic demo data."""
    return "source" in frame.columns and bool((frame["source"] == DEMO_SOURCE).any())


def validate_folder(folder: Path, *, today: date | None = None) -> list[ValidationReport]:
    """Validate every table file in `folder`; codes are checked against the folder's own villages
    and indicators tables (the shipped villages when the folder has none)."""
    folder, today = Path(folder), today or date.today()
    if not folder.is_dir():
        return [refused_report(folder.name, None, "path_not_found")]
    reports: dict[str, ValidationReport] = {}

    def validated(name: str) -> pd.DataFrame | None:
        if name in reports:
            return reports[name].frame if reports[name].ok else None
        return shipped_villages() if name == "villages" else None

    for name in TABLE_ORDER:
        path = find_table_file(folder, name)
        if path is not None:
            reference = reference_for(name, today=today, tables=validated)
            reports[name] = validate_file(path, table=name, reference=reference, today=today)
    return list(reports.values())
