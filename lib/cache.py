"""The only place with Streamlit caching: wraps the pure loaders of lib.load.

The cache key includes each file's size and modification time, so a new data version is picked
up on the next rerun without restarting the app.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib.load import TableMissing, find_table_file, is_demo, load_table
from lib.map_data import MapGeometry, boundary_fingerprint, load_village_geometry
from lib.paths import boundaries_dir, data_dir
from lib.schema import TABLES
from lib.hazards import latest_hazards
from lib.values_index import ValuesIndex
from lib.violence import CaseData

# The date column of each table that spans the period filter.
DATED_COLUMNS: tuple[tuple[str, str], ...] = (("activities", "date"), ("cases", "report_date"))


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    entries = []
    for path in sorted(folder.glob("*")):
        if path.is_file() and path.suffix.lower() in (".csv", ".xlsx"):
            stat = path.stat()
            entries.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


# A resource, not data: every rerun and every session shares the one validated frame instead of
# unpickling a private copy on each call (at a million rows, a copy per call costs seconds and
# memory per session). Nothing may change a cached frame in place; lib functions never do.
@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_table(name: str, folder: str, fingerprint: tuple) -> pd.DataFrame:
    return load_table(name, folder=Path(folder))


_LATEST: dict[tuple[str, str], tuple] = {}   # (table, folder) -> the fingerprint last served


def table(name: str) -> pd.DataFrame:
    """The validated table `name` from the current data folder, cached until its files change.
    Raises lib.load.DataError or TableMissing."""
    folder = str(data_dir())
    fingerprint = _fingerprint(Path(folder))
    previous = _LATEST.get((name, folder))
    if previous is not None and previous != fingerprint:
        _cached_table.clear(name, folder, previous)   # a replaced version is never served again: free it
    _LATEST[(name, folder)] = fingerprint
    return _cached_table(name, folder, fingerprint)


@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_case_data(folder: str, fingerprint: tuple) -> CaseData:
    return CaseData(_cached_table("cases", folder, fingerprint))


def case_data() -> CaseData | None:
    """The case table with its index and the counts already found (lib.violence.CaseData), shared
    by every rerun and session until the files change; None when the folder has no case table.
    Raises lib.load.DataError."""
    if optional_table("cases") is None:
        return None
    folder = str(data_dir())
    return _cached_case_data(folder, _LATEST[("cases", folder)])


@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_values_index(folder: str, fingerprint: tuple) -> ValuesIndex:
    return ValuesIndex(_cached_table("indicator_values", folder, fingerprint))


def values_index() -> ValuesIndex | None:
    """Integer codes of the indicator values (lib.values_index), shared until the files change; None
    when the folder has no indicator values. Raises lib.load.DataError."""
    if optional_table("indicator_values") is None:
        return None
    folder = str(data_dir())
    return _cached_values_index(folder, _LATEST[("indicator_values", folder)])


@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_latest_hazards(folder: str, fingerprint: tuple) -> pd.DataFrame:
    return latest_hazards(_cached_table("hazards", folder, fingerprint))


def latest_hazards_table() -> pd.DataFrame | None:
    """lib.hazards.latest_hazards of the hazards table, computed once per file version (shared: never
    change it in place); None when the folder has no hazards table. Raises lib.load.DataError."""
    if optional_table("hazards") is None:
        return None
    folder = str(data_dir())
    return _cached_latest_hazards(folder, _LATEST[("hazards", folder)])


def optional_table(name: str) -> pd.DataFrame | None:
    """The table, or None when the data folder has none (the page then says so)."""
    try:
        return table(name)
    except TableMissing:
        return None


def loaded_tables() -> dict[str, pd.DataFrame]:
    """Every table the data folder has (villages always); a table that fails raises DataError."""
    folder = data_dir()
    found: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        if name != "villages" and find_table_file(folder, name) is None:
            continue
        try:
            found[name] = table(name)
        except TableMissing:
            continue
    return found


def demo_loaded(tables: dict[str, pd.DataFrame]) -> bool:
    """Whether any loaded table holds demo rows (drives the banner on every page)."""
    return any(is_demo(frame) for frame in tables.values())


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_geometry(folder: str, fingerprint: tuple) -> MapGeometry:
    return load_village_geometry(Path(folder))


def village_geometry() -> MapGeometry:
    """Simplified, rounded boundary layers; loaded once and again only when a boundary file changes."""
    folder = boundaries_dir()
    return _cached_geometry(str(folder), boundary_fingerprint(folder))
