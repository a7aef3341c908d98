"""Headline numbers of the overview page: one value per tile, with its small trend and its source.

Each tile reuses the module that owns the computation (reach: lib.metrics.reach; indicators:
lib.metrics.indicators; cases: the published cells of lib.safety.figures; hazards: lib.metrics.hazards), so the overview
never disagrees with the page a reader opens next.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.metrics import hazards as hz
from lib.data.aggregate import Granularity, period_label, period_range
from lib.data.filters import Filters, area_mask
from lib.metrics.indicators import (covers_whole_programme, framework_progress, programme_start, reported_wider,
                                    shown_series)
from lib.metrics.reach import ReachTotals, participants_chosen, reach_totals, scoped_activities
from lib.safety.suppress import HIDDEN_STATES, CellState
from lib.texts.i18n import format_period, t
from lib.safety.figures import PeriodComparison, case_view, compare_periods, trend
from lib.safety.publication import Publication


def trend_span(periods: tuple[str, ...], *, lang: str) -> str:
    """'Trend TW3 2024 – TW4 2025': the dates of a tile's small trend, which has no axis."""
    if not periods:
        return ""
    return t("tile_trend_span", lang, first=format_period(periods[0], lang), last=format_period(periods[-1], lang))


@dataclass(frozen=True)
class Reach:
    totals: ReachTotals
    people: float                     # participants of the chosen sexes
    by_quarter: list[float]           # the same per quarter, for the tile's small trend
    quarters: tuple[str, ...] = ()    # its periods ('2024-Q3'), to date the trend


@dataclass(frozen=True)
class Coverage:
    covered: int                      # villages with at least one activity in the period
    villages: int                     # villages in the chosen area
    cumulative_by_quarter: list[float]
    quarters: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorStatus:
    counts: dict[str, int]            # status -> number of indicators
    as_of: date | None
    lagging: pd.DataFrame             # the behind and off-track indicators, off track first (LAGGING_COLUMNS)


LAGGING_STATUSES: tuple[str, ...] = ("off_track", "behind")
LAGGING_COLUMNS: tuple[str, ...] = ("indicator_code", "name_id", "name_en", "unit", "value", "target",
                                    "percent_of_target", "status")


@dataclass(frozen=True)
class Cases:
    comparison: PeriodComparison
    by_year: list[float] | None       # the yearly trend, only when every year is shown
    years: tuple[str, ...] = ()       # its years


@dataclass(frozen=True)
class HighHazard:
    high: int                         # villages with hz.MULTI_HAZARD_MIN or more hazards in the high class
    villages: int
    no_data: int
    year: int | None
    any_high: int = 0                 # villages with at least one

    def detail(self, lang: str, number: Callable[[int], str]) -> str:
        """'assessed 2023 · 151 with 1+', and how many villages of the area have no assessment (a regency
        without hazard data beside one with: '75 of 455' alone would read as 380 villages with fewer)."""
        parts = [t("tile_hazard_detail", lang, year=self.year, any=number(self.any_high))]
        return " · ".join(parts + ([t("tile_hazard_not_assessed", lang, n=number(self.no_data))] if self.no_data else []))


def _quarters(dates: pd.Series) -> list[str]:
    return period_range(dates.min(), dates.max(), Granularity.QUARTER) if len(dates.dropna()) else []


def reach_tile(activities: pd.DataFrame, filters: Filters) -> Reach:
    scoped = scoped_activities(activities, filters)
    quarters = period_label(scoped["date"], Granularity.QUARTER)
    per_quarter = participants_chosen(scoped, filters).groupby(quarters.to_numpy()).sum()
    per_quarter = per_quarter.reindex(_quarters(scoped["date"]), fill_value=0)
    return Reach(reach_totals(scoped), float(participants_chosen(scoped, filters).sum()),
                 [float(v) for v in per_quarter], tuple(str(q) for q in per_quarter.index))


def coverage_tile(activities: pd.DataFrame, villages: pd.DataFrame, filters: Filters) -> Coverage:
    area = villages[area_mask(villages, filters)]
    scoped = scoped_activities(activities, filters)
    first_quarter = (scoped.assign(quarter=period_label(scoped["date"], Granularity.QUARTER))
                     .groupby("village_code")["quarter"].min())
    cumulative = first_quarter.value_counts().reindex(_quarters(scoped["date"]), fill_value=0).cumsum()
    return Coverage(int(scoped["village_code"].nunique()), len(area), [float(v) for v in cumulative],
                    tuple(str(q) for q in cumulative.index))


def indicator_tile(indicators: pd.DataFrame, values: pd.DataFrame, filters: Filters) -> IndicatorStatus:
    """Indicators per status for the filters."""
    _, series = shown_series(values, indicators, filters)
    framework = framework_progress(indicators, series, start=programme_start(values),
                                   whole_programme=covers_whole_programme(filters, values),
                                   reported_wider=reported_wider(values, filters))
    as_of = series["period_end"].max() if len(series) else None
    lagging = framework[framework["status"].isin(LAGGING_STATUSES)]
    order = lagging["status"].map({status: rank for rank, status in enumerate(LAGGING_STATUSES)})
    lagging = lagging.assign(order=order).sort_values("order", kind="stable")[list(LAGGING_COLUMNS)]
    return IndicatorStatus({k: int(v) for k, v in framework["status"].value_counts().items()},
                           None if as_of is None or pd.isna(as_of) else pd.Timestamp(as_of).date(),
                           lagging.reset_index(drop=True))


@dataclass(frozen=True)
class Elapsed:
    """How much of the programme's time has passed by the data's as-of date."""
    start: date                       # the first reported period's first day
    end: date                         # the latest target date
    as_of: date
    share: float                      # 0..1

    @property
    def months(self) -> tuple[int, int]:
        """(months elapsed, months in all), counting started months."""
        def month_index(day: date) -> int:
            return day.year * 12 + day.month
        return (max(0, min(month_index(self.as_of), month_index(self.end)) - month_index(self.start) + 1),
                month_index(self.end) - month_index(self.start) + 1)


def programme_elapsed(indicators: pd.DataFrame, values: pd.DataFrame, as_of: date | None) -> Elapsed | None:
    """The programme's time elapsed from its first reported period to its latest target date, as of the
    data (None without target dates or an as-of date)."""
    ends = pd.to_datetime(indicators["target_date"], errors="coerce").dropna()
    if ends.empty or as_of is None:
        return None
    start, end = programme_start(values), ends.max().date()
    if end <= start:
        return None
    share = (min(max(as_of, start), end) - start).days / (end - start).days
    return Elapsed(start, end, as_of, share)


def cases_tile(publication: Publication, filters: Filters) -> Cases:
    """This year's cases against last year's and the yearly trend, from published cells."""
    view = case_view(publication, filters)
    comparison = compare_periods(publication, view)
    yearly = trend(publication, view, "year")
    shown = not yearly.dropped and not any(state in HIDDEN_STATES or state == CellState.NO_DATA
                                           for state in yearly.states)
    if not shown:
        return Cases(comparison, None)
    return Cases(comparison, [float(v) for v in yearly.values], tuple(str(y) for y in yearly.values.index))


def hazard_tile(hazards: pd.DataFrame, villages: pd.DataFrame, filters: Filters) -> HighHazard:
    """Villages of the chosen area where several hazards are high (hz.MULTI_HAZARD_MIN or more), and
    how many have at least one."""
    area = hz.villages_in_area(villages, filters)
    latest = hz.latest_hazards(hazards)
    counts = hz.high_hazard_counts(latest, area)
    year = int(latest["year"].max()) if len(latest) else None
    return HighHazard(int((counts >= hz.MULTI_HAZARD_MIN).sum()), len(area), int(counts.isna().sum()), year,
                      int((counts >= 1).sum()))
