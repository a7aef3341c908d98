"""Reach (activity participants), the one place it is counted: totals, by activity type, by area, by
village and by month, for every page, export and slide; and villages lagging behind.

Pure pandas on validated tables: the page passes the frames, these functions return frames.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lib.data import codes
from lib.data.aggregate import Granularity, period_label, period_range
from lib.data.filters import Filters, area_mask, date_mask, village_profile_urls
from lib.metrics.indicators import (SMALL_COUNT_UNITS, aggregate_by_period, target_applies,
                            latest_values, with_progress)
from lib.metrics.values_index import index_of

# Reach by area: the level shown and its code and name columns in the villages table.
REACH_LEVELS: dict[str, tuple[str, str]] = {
    "kecamatan": ("subdistrict_code", "subdistrict_name"),
    "desa": ("village_code", "village_name"),
}
# Participant columns of the activities table, per sex code (codes.SEX).
PARTICIPANT_COLUMNS: dict[str, str] = {"perempuan": "participants_female", "laki_laki": "participants_male"}
# Participant columns of the activities table, as the profile and the exports list them.
ACTIVITY_PARTICIPANT_COLUMNS: tuple[str, ...] = ("participants_female", "participants_male",
                                                 "participants_with_disability", "participants_youth")
_SUMS: dict[str, str] = {"participants_female": "female", "participants_male": "male", "participants_youth": "youth",
                         "participants_with_disability": "with_disability"}

# Lag score: 100 minus a weighted mean of two 0..100 components, the mean % of target across a
# village's indicators (each capped to 0..100, so one indicator past its target cannot hide another)
# and its reach relative to the median programme village (capped at 100). Progress weighs more: it
# is the result; reach is the effort. A missing component leaves the other alone.
LAG_WEIGHTS: dict[str, float] = {"progress": 0.7, "reach": 0.3}
PROGRESS_CAP: tuple[float, float] = (0.0, 100.0)
# Statuses that put an indicator in a village's "behind" list.
LAGGING_STATUSES: frozenset[str] = frozenset({"behind", "off_track"})


@dataclass(frozen=True)
class ReachTotals:
    activities: int
    female: int
    male: int
    youth: int
    with_disability: int
    villages: int
    first: date | None     # the first and last activity
    last: date | None

    @property
    def as_of(self) -> date | None:
        return self.last

    @property
    def participants(self) -> int:
        return self.female + self.male

    @property
    def women_share(self) -> float | None:
        return self.female / self.participants if self.participants else None


def scoped_activities(activities: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Activities in the chosen months and area."""
    mask = date_mask(activities["date"], filters) & area_mask(activities, filters)
    return activities.loc[mask.to_numpy()]


def reach_level(filters: Filters) -> str:
    """'desa' when one kecamatan or any desa is chosen, else 'kecamatan'."""
    return "desa" if filters.villages or len(filters.subdistricts) == 1 else "kecamatan"


def reach_totals(activities: pd.DataFrame) -> ReachTotals:
    """Headline reach numbers of the given activities."""
    dates = activities["date"].dropna()
    return ReachTotals(
        activities=len(activities),
        female=int(activities["participants_female"].sum()),
        male=int(activities["participants_male"].sum()),
        youth=int(activities["participants_youth"].sum()),
        with_disability=int(activities["participants_with_disability"].sum()),
        villages=int(activities["village_code"].nunique()),
        first=dates.min().date() if len(dates) else None,
        last=dates.max().date() if len(dates) else None,
    )


def _reach_by(activities: pd.DataFrame, column: str) -> pd.DataFrame:
    """Participants per value of `column`: female, male, total, women_share, youth, with_disability."""
    grouped = activities.groupby(column, observed=True)[list(_SUMS)].sum().astype(float).rename(columns=_SUMS)
    grouped["activities"] = activities.groupby(column, observed=True).size().astype(float)
    grouped["total"] = grouped["female"] + grouped["male"]
    grouped["women_share"] = (grouped["female"] / grouped["total"]).where(grouped["total"] > 0)
    return grouped.reset_index()


def reach_by_type(activities: pd.DataFrame) -> pd.DataFrame:
    """Participants per activity type, in the code list's order (types without activities left out)."""
    table = _reach_by(activities, "activity_type")
    order = {code: i for i, code in enumerate(codes.ACTIVITY_TYPE.values)}
    return table.sort_values("activity_type", key=lambda s: s.map(order), ignore_index=True)


def reach_by_area(activities: pd.DataFrame, villages: pd.DataFrame, *, level: str) -> pd.DataFrame:
    """Participants per kecamatan or desa (REACH_LEVELS), with its name; most participants first."""
    code_column, name_column = REACH_LEVELS[level]
    located = activities.merge(villages[["village_code", "subdistrict_code", "subdistrict_name", "village_name"]],
                               on="village_code", how="left")
    table = _reach_by(located, code_column)
    names = villages[[code_column, name_column]].drop_duplicates(code_column)
    table = table.merge(names, on=code_column, how="left").rename(columns={code_column: "area_code",
                                                                           name_column: "area_name"})
    return table.sort_values(["total", "area_name"], ascending=[False, True], ignore_index=True)


def reach_by_month(activities: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Activities and participants (female, male, youth, with_disability) per month, every month of the
    chosen span present (zeros included); as whole numbers."""
    columns = ["month", "activities", *_SUMS.values()]
    if activities.empty:
        return pd.DataFrame(columns=columns)
    months = period_label(activities["date"], Granularity.MONTH).to_numpy()
    grouped = activities.groupby(months)[list(_SUMS)].sum().rename(columns=_SUMS)
    grouped.insert(0, "activities", activities.groupby(months).size())
    start = pd.Timestamp(filters.period_from + "-01") if filters.period_from else activities["date"].min()
    end = pd.Timestamp(filters.period_to + "-01") if filters.period_to else activities["date"].max()
    span = period_range(start, end, Granularity.MONTH)
    return grouped.reindex(span, fill_value=0).rename_axis("month").reset_index().astype(
        {c: int for c in columns[1:]})[columns]


REACH_COLUMNS: tuple[str, ...] = ("participants", "female", "male", "with_disability", "activities", "women_share")


def reach_measure_columns(filters: Filters) -> tuple[str, ...]:
    """The participant columns that the sex and disability filters select: participants with a
    disability when only they are chosen, else the chosen sexes (both by default)."""
    if filters.disabilities == ("ya",):
        return ("participants_with_disability",)
    return tuple(PARTICIPANT_COLUMNS[sex] for sex in filters.sexes or tuple(PARTICIPANT_COLUMNS))


def participants_chosen(activities: pd.DataFrame, filters: Filters) -> pd.Series:
    """Participants per activity, counting only those the sex and disability filters choose."""
    return activities[list(reach_measure_columns(filters))].sum(axis=1)


def reach_by_village(activities: pd.DataFrame, village_codes: pd.Series, filters: Filters) -> pd.DataFrame:
    """Participants per village in the chosen period (all villages listed, zero where none).

    `participants` follows the sex and disability filters; `women_share` is women among all
    participants (missing where there were none)."""
    rows = activities[date_mask(activities["date"], filters)]
    measure = list(reach_measure_columns(filters))
    grouped = rows.assign(participants=rows[measure].sum(axis=1)).groupby("village_code")
    table = pd.DataFrame({
        "participants": grouped["participants"].sum(),
        "female": grouped["participants_female"].sum(),
        "male": grouped["participants_male"].sum(),
        "with_disability": grouped["participants_with_disability"].sum(),
        "activities": grouped.size(),
    }).reindex(pd.Index(village_codes.astype(str), name="village_code"), fill_value=0).astype(float)
    everyone = table["female"] + table["male"]
    table["women_share"] = (table["female"] / everyone).where(everyone > 0)
    return table[list(REACH_COLUMNS)]


# Villages lagging behind ----------------------------------------------------------------------------
def programme_villages(activity_villages: pd.Series, values: pd.DataFrame, filters: Filters) -> pd.Index:
    """Villages in the chosen area with any activity (`activity_villages`: the activities' village
    codes, all periods) or any village-level indicator value: a programme village without activity
    in the chosen months is exactly what a manager looks for."""
    activity_frame = activity_villages.to_frame(name="village_code")
    in_area = activity_frame.loc[area_mask(activity_frame, filters).to_numpy(), "village_code"]
    valued = index_of(values).village_areas_inside(filters)
    return pd.Index(sorted(set(in_area) | set(valued)), name="village_code")


def participants_by_village(activities: pd.DataFrame) -> pd.Series:
    """Participants (women and men) per village code."""
    participants = (activities["participants_female"] + activities["participants_male"]).astype(float)
    return participants.groupby(activities["village_code"].to_numpy()).sum()


def comparable_indicators(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators whose target applies to a single village (percentages), minus survivor counts."""
    applies = target_applies(indicators["unit"], whole_programme=False)
    return indicators[(applies & ~indicators["unit"].isin(SMALL_COUNT_UNITS)).to_numpy()]


def village_progress(village_rows: pd.DataFrame, indicators: pd.DataFrame, *, start: date) -> pd.DataFrame:
    """Latest % of target and status per village and comparable indicator. `village_rows`:
    lib.metrics.indicators.scoped_values(values, filters, village_level=True)."""
    comparable = comparable_indicators(indicators)
    scoped = village_rows[village_rows["indicator_code"].isin(comparable["indicator_code"]).to_numpy()]
    series = aggregate_by_period(scoped, comparable, by=("area_code",))
    latest = latest_values(series, by=("area_code",))
    progress = with_progress(latest, comparable, start=start)
    return progress.rename(columns={"area_code": "village_code"})


def lagging_villages(villages: pd.DataFrame, programme: pd.Index, progress: pd.DataFrame,
                     reach: pd.Series) -> pd.DataFrame:
    """Programme villages ranked by lag score, worst first, with mean % of target, participants and
    the indicators behind. `reach`: participants per village code in the chosen months."""
    base = villages.loc[villages["village_code"].isin(programme).to_numpy(),
                        ["village_code", "village_name", "subdistrict_name"]]
    capped = progress["percent_of_target"].clip(*PROGRESS_CAP)
    mean_progress = capped.groupby(progress["village_code"].to_numpy()).mean()
    behind_rows = progress[progress["status"].isin(LAGGING_STATUSES).to_numpy()].sort_values("indicator_code")
    behind = behind_rows.groupby("village_code")["indicator_code"].agg(", ".join)
    table = base.assign(
        mean_progress=base["village_code"].map(mean_progress).astype(float),
        participants=base["village_code"].map(reach).fillna(0.0).astype(float),
        indicators_behind=base["village_code"].map(behind).astype("string").fillna(""),
    )
    reference = table.loc[table["participants"] > 0, "participants"].median()
    reach_component = (100.0 * table["participants"] / reference).clip(upper=100.0) if reference > 0 \
        else pd.Series(np.nan, index=table.index)
    table["lag_score"] = 100.0 - _weighted_mean({"progress": table["mean_progress"], "reach": reach_component})
    return table.sort_values(["lag_score", "village_name"], ascending=[False, True], na_position="last",
                             ignore_index=True)


def _weighted_mean(components: dict[str, pd.Series]) -> pd.Series:
    """Weighted mean of the present components (LAG_WEIGHTS), NaN where none is present."""
    weighted = sum(components[name].fillna(0.0) * LAG_WEIGHTS[name] for name in components)
    weights = sum(components[name].notna() * LAG_WEIGHTS[name] for name in components)
    return (weighted / weights).where(weights > 0)


def profile_links(village_codes: pd.Series, *, lang: str, filters: Filters | None = None) -> pd.Series:
    """Links to the village profile page (lib.data.filters.village_profile_urls), one per code."""
    return pd.Series(village_profile_urls(village_codes.astype(str).tolist(), lang=lang, filters=filters),
                     index=village_codes.index, dtype="string")
