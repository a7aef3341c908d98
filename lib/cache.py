"""The only place with Streamlit caching: wraps the pure loaders of lib.load.

The cache key includes each file's size and modification time, so a new data version is picked
up on the next rerun without restarting the app.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib.load import find_table_file, load_table
from lib.paths import data_dir


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
    """The validated table `name` from the current data folder, cached until its files change."""
    folder = data_dir()
    return _cached_table(name, str(folder), _fingerprint(folder))


def has_table(name: str) -> bool:
    return find_table_file(data_dir(), name) is not None or name == "villages"
