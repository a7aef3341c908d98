"""Headline numbers for the overview, computed from validated tables."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class GeographySummary:
    villages: int
    desa: int
    kelurahan: int
    subdistricts: int
    regencies: int


@dataclass(frozen=True)
class ReachSummary:
    participants: int
    female: int
    villages: int
    as_of: date | None

    @property
    def female_share(self) -> float | None:
        return self.female / self.participants if self.participants else None


def geography_summary(villages: pd.DataFrame) -> GeographySummary:
    types = villages["village_type"].value_counts()
    return GeographySummary(
        villages=len(villages),
        desa=int(types.get("desa", 0)),
        kelurahan=int(types.get("kelurahan", 0)),
        subdistricts=villages["subdistrict_code"].nunique(),
        regencies=villages["regency_code"].nunique(),
    )


def reach_summary(activities: pd.DataFrame) -> ReachSummary:
    female = int(activities["participants_female"].sum())
    male = int(activities["participants_male"].sum())
    as_of = activities["date"].max()
    return ReachSummary(
        participants=female + male,
        female=female,
        villages=activities["village_code"].nunique(),
        as_of=None if pd.isna(as_of) else as_of.date(),
    )


def sources_of(frame: pd.DataFrame) -> str:
    """The distinct sources of a table, for the source line under a number."""
    return ", ".join(sorted(frame["source"].dropna().unique())) if "source" in frame.columns else ""
