"""Where the data lives: `data/` in the repository, or the folder named by WENEXUS_DATA_DIR.

Real, sensitive data can live outside the repository by pointing WENEXUS_DATA_DIR at it.
Geography (villages, boundaries) is public; when the data folder has no boundaries of its own,
the repository's shipped boundaries are used.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHIPPED_DATA_DIR = REPO_ROOT / "data"
DATA_DIR_ENV = "WENEXUS_DATA_DIR"
BOUNDARIES_SUBDIR = "boundaries"


def data_dir() -> Path:
    """The folder the app, the command line and the tests read tables from."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else SHIPPED_DATA_DIR


def boundaries_dir(base: Path | None = None) -> Path:
    """The boundaries folder of `base` (default: the data folder), else the shipped one."""
    candidate = (base or data_dir()) / BOUNDARIES_SUBDIR
    return candidate if candidate.is_dir() else SHIPPED_DATA_DIR / BOUNDARIES_SUBDIR
