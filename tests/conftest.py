"""Shared fixtures: a pinned 'today', the shipped villages, and small file writers."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import element_tree

from lib.contract import Reference
from lib.load import shipped_villages

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


@pytest.fixture(autouse=True)
def keep_range_sliders(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest (streamlit 1.67) sends an untouched range select_slider seeded through session state
    as two values that the backend reads as a single one, collapsing the period filter on every
    rerun; a browser does not. Untouched sliders send nothing, so the app keeps their state."""
    original = element_tree.get_widget_state

    def widget_state(node):
        if isinstance(node, element_tree.SelectSlider) and node._value is None:
            return None
        return original(node)

    monkeypatch.setattr(element_tree, "get_widget_state", widget_state)
