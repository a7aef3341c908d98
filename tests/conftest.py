"""Shared fixtures: a pinned 'today', the shipped villages, and small file writers."""
from __future__ import annotations

from datetime import date
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lib.data.contract import Reference
from lib.data.load import shipped_villages
from lib.data.paths import SHIPPED_DATA_DIR

TODAY = date(2025, 12, 31)


@pytest.fixture(scope="session")
def villages() -> pd.DataFrame:
    return shipped_villages()


@pytest.fixture(scope="session")
def reference(villages: pd.DataFrame) -> Reference:
    return Reference.from_villages(villages, today=TODAY)


def write_csv(path: Path, header: list[str], rows: list[list[object]], *, sep: str = ",", bom: bool = False,
              encoding: str = "utf-8") -> Path:
    """Write a small CSV as a person's spreadsheet would export it."""
    lines = [sep.join(header)] + [sep.join("" if v is None else str(v) for v in row) for row in rows]
    payload = ("\ufeff" if bom else "") + "\n".join(lines) + "\n"
    path.write_bytes(payload.encode(encoding))
    return path



@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder holding a copy of the shipped tables, named by WENEXUS_DATA_DIR."""
    data = tmp_path / "data"
    data.mkdir()
    for path in SHIPPED_DATA_DIR.glob("*.csv"):
        shutil.copyfile(path, data / path.name)
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(data))
    return data
