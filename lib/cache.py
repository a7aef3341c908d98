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

# The date column of each table that spans the period filter.
DATED_COLUMNS: tuple[tuple[str, str], ...] = (("activities", "date"), ("cases", "report_date"))


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    entries = []
    for path in sorted(folder.glob("*")):
        if path.is_file() and path.suffix.lower() in (".csv", ".xlsx"):
            stat = path.stat()
            entries.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_table(name: str, folder: str, fingerprint: tuple) -> pd.DataFrame:
    return load_table(name, folder=Path(folder))


def table(name: str) -> pd.DataFrame:
    """The validated table `name` from the current data folder, cached until its files change.
    Raises lib.load.DataError or TableMissing."""
    folder = data_dir()
    return _cached_table(name, str(folder), _fingerprint(folder))


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
