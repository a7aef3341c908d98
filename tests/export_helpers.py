"""Shared by the export, deck, report, presenter and CLI tests: the shipped tables loaded once, their
case publication, slide contexts for a filter, a stand-in chart renderer, the filter combinations that
make small case counts (where suppression must hold) and those a case figure cannot follow."""
from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.data.filters import Filters
from lib.data.load import load_table
from lib.map.geometry import MapGeometry, load_village_geometry
from lib.data.paths import SHIPPED_DATA_DIR, boundaries_dir
from lib.meeting.context import KNOWN_TABLES, SlideContext
from lib.safety.publication import Publication, publication_for

CSV = {name: pd.read_csv(SHIPPED_DATA_DIR / f"{name}.csv", dtype=str) for name in
       ("activities", "cases", "villages")}
CASE_COUNTS = CSV["cases"]["subdistrict_code"].value_counts()
SMALL_KECAMATAN = sorted(CASE_COUNTS[(CASE_COUNTS > 0) & (CASE_COUNTS < 5)].index)   # 1-4 cases in all years
# Filter combinations whose case counts include small ones (a small kecamatan, one sex and age, one year).
RISKY_FILTERS: tuple[Filters, ...] = (
    Filters(),
    Filters(subdistricts=(SMALL_KECAMATAN[0],)),
    Filters(subdistricts=tuple(SMALL_KECAMATAN[:2]), period_from="2024-01", period_to="2024-12"),
    Filters(villages=(CSV["villages"].loc[CSV["villages"]["subdistrict_code"] == SMALL_KECAMATAN[-1],
                                          "village_code"].iloc[0],)),
    Filters(sexes=("laki_laki",), age_groups=("0-5", "60+")),
    Filters(period_from="2025-03", period_to="2025-05", sexes=("perempuan",)),
)
RISKY_IDS: tuple[str, ...] = ("all", "small-kecamatan", "two-small-2024", "desa-in-small", "boys-0-5", "spring-2025")
BIG_KECAMATAN = CASE_COUNTS.index[0]            # the kecamatan with the most cases
# Filters the published tables cannot follow for every figure (a sex within a kecamatan, one age group).
UNFOLLOWED_FILTERS: tuple[Filters, ...] = (
    Filters(subdistricts=(BIG_KECAMATAN,), sexes=("laki_laki",)),
    Filters(age_groups=("0-5",)),
    Filters(subdistricts=(SMALL_KECAMATAN[0],)),
)
UNFOLLOWED_IDS: tuple[str, ...] = ("boys-in-a-kecamatan", "age-0-5", "small-kecamatan")
# A number as a person reads it, not a share ('5%') and not part of a longer number or a range.
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d{3})*(?![\d.,]*%)(?![\d])")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def need_tool(path: str | Path, why: str) -> None:
    """Skip when a system tool is absent on a workstation; fail under CI, where it must be installed."""
    if not Path(path).exists():
        if in_ci():
            pytest.fail(f"{path} is needed under CI ({why}): bash scripts/setup.sh test installs it")
        pytest.skip(f"{path} not installed ({why})")


@lru_cache(maxsize=1)
def shipped_tables() -> dict[str, pd.DataFrame]:
    """Every shipped table, validated once for all these tests."""
    return {name: load_table(name, folder=SHIPPED_DATA_DIR) for name in KNOWN_TABLES}


@lru_cache(maxsize=1)
def shipped_geometry() -> MapGeometry:
    return load_village_geometry(boundaries_dir(SHIPPED_DATA_DIR))


def shipped_publication() -> Publication:
    """The publication of the shipped cases (data/published/ holds it: no protection run here)."""
    tables = shipped_tables()
    return publication_for(tables["cases"], tables["villages"], threshold=5)


def context(filters: Filters = Filters(), *, lang: str = "en") -> SlideContext:
    return SlideContext(tables=shipped_tables(), filters=filters, lang=lang, threshold=5, geometry=shipped_geometry())


def blank_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (148, 61), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def fake_render(figures: Sequence[go.Figure]) -> list[bytes]:
    """A stand-in for kaleido where only the words are under test."""
    return [blank_png() for _ in figures]


def small_counts(values: Iterable[object]) -> list[object]:
    """The values that are case counts from 1 to 4 (numbers, or numbers written as text)."""
    found = []
    for value in values:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            continue
        text = str(value)
        numbers = [float(n.replace(",", "").replace(".", "")) for n in NUMBER.findall(text)] \
            if isinstance(value, str) else [float(value)]
        found += [value for number in numbers if 0 < number < 5]
    return found


def capture_downloads(monkeypatch) -> dict[str, Callable[[], bytes]]:
    """File name -> what a click on that download button would run, for every deferred download a
    page registers from now on (Streamlit keeps the callable until the click)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    registered: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **options):
        registered[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **options)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return registered
