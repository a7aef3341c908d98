"""Small helpers shared by the demo-data generators (lib/demo_*.py).

Everything here is pure: a numpy Generator in, new values out. Weights are declared as
`{code: weight}` mappings keyed by codes of lib.data.codes, so a code list is never re-typed.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from lib.data.schema import DEMO_SOURCE, TABLES, Column, Kind

Weights = Mapping[str, float]


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter, labelled the way indicator_values stores periods ('2025-Q1')."""

    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        following = Quarter(self.year + self.number // 4, self.number % 4 + 1)
        return following.start - timedelta(days=1)

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


def completed_quarters(first: date, today: date, last: date | None = None) -> list[Quarter]:
    """Quarters from the one holding `first` whose last day is on or before `today` (and `last`).

    Only completed quarters are reported: a programme report for a quarter comes after it ends.
    """
    cutoff = min(today, last) if last else today
    quarters: list[Quarter] = []
    quarter = Quarter.of(first)
    while quarter.end <= cutoff:
        quarters.append(quarter)
        quarter = Quarter.of(quarter.end + timedelta(days=1))
    return quarters


def draw(rng: np.random.Generator, weights: Weights) -> str:
    """One code drawn in proportion to its weight."""
    probabilities = np.asarray(list(weights.values()), dtype=float)
    return list(weights)[int(rng.choice(len(probabilities), p=probabilities / probabilities.sum()))]


def random_days(rng: np.random.Generator, start: date, end: date, size: int) -> list[date]:
    """`size` dates drawn uniformly from start..end inclusive, sorted."""
    span = (end - start).days
    if span < 0 or size == 0:
        return []
    offsets = np.sort(rng.integers(0, span + 1, size=size))
    return [start + timedelta(days=int(offset)) for offset in offsets]


def join_codes(codes: Collection[str], order: Sequence[str]) -> str:
    """';'-joined codes in code-list order, so the same set always reads the same."""
    wanted = set(codes)
    return ";".join(code for code in order if code in wanted)


def as_table(name: str, rows: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """A frame with exactly the schema's columns of table `name`, in order, typed by column kind,
    with source DEMO_SOURCE where the table has a source. Typed even when empty, so callers never
    special-case "no rows yet"."""
    frame = pd.DataFrame(rows).reset_index(drop=True) if len(rows) else pd.DataFrame()
    frame["source"] = DEMO_SOURCE
    blank = pd.Series([None] * len(frame), dtype=object)
    typed = {column.name: _typed(frame[column.name] if column.name in frame else blank, column)
             for column in TABLES[name].columns}
    return pd.DataFrame(typed)


def _typed(values: pd.Series, column: Column) -> pd.Series:
    """One column in the dtype its kind reads as: dates, whole or real numbers, else text."""
    if column.kind == Kind.DATE:
        return pd.to_datetime(values.astype(object)).astype("datetime64[s]")
    if column.kind in (Kind.COUNT, Kind.YEAR):
        nullable = column.blank_allowed or not column.required
        return values.astype("Int64" if nullable else "int64")
    if column.kind in (Kind.NUMBER, Kind.INDEX01):
        return values.astype("float64")
    return values.astype(object).where(values.notna(), None).astype("str")


def quarter_labels(days: pd.Series) -> pd.Series:
    """The 'YYYY-Qn' label of each date in a datetime column."""
    return days.dt.year.astype(str) + "-Q" + days.dt.quarter.astype(str)
