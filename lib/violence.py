"""Violence against women and children: safe counts from de-identified case rows.

Case rows never leave this module: every function returns counts that went through
lib.suppress. Three protections work together:
- primary and complementary suppression inside each breakdown (lib.suppress);
- case data is never shown below kecamatan level: a desa filter is lifted to its kecamatan;
- differencing: a shown count is also hidden when the same count under a slightly wider filter
  (another sex or age group, the whole regency, the period one year longer or shorter) differs
  from it by 1-4, since a reader could subtract the two views.
The period of case data is whole calendar years, so that windows cannot be shifted by a month or a
quarter to isolate a few cases (SIMFONI-PPA itself reports by year).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from lib import codes
from lib.aggregate import Granularity, count_by, explode_codes, period_label, period_range
from lib.filters import Filters, area_mask, date_mask
from lib.settings import min_shown_count
from lib.suppress import CellState, SafeTable, mostly_hidden, suppress_series

# Breakdown -> (column, code list name, several values per case?)
BREAKDOWNS: dict[str, tuple[str, str, bool]] = {
    "violence_forms": ("violence_forms", "violence_form", True),
    "place": ("place", "place", False),
    "victim_age_group": ("victim_age_group", "age_group", False),
    "victim_sex": ("victim_sex", "sex", False),
    "perpetrator_relationship": ("perpetrator_relationship", "perpetrator_relationship", False),
    "services": ("services", "service", True),
}


@dataclass(frozen=True)
class CaseScope:
    """The filters as applied to case data (kecamatan level, whole years), and what changed."""

    filters: Filters
    lifted_villages: bool      # a desa filter was lifted to its kecamatan
    snapped_period: bool       # the period was widened to whole calendar years


def _year_start(month: str) -> str:
    return f"{month[:4]}-01"


def _year_end(month: str) -> str:
    return f"{month[:4]}-12"


def case_scope(filters: Filters) -> CaseScope:
    """Lift desa to kecamatan and widen the period to whole calendar years."""
    subdistricts = tuple(dict.fromkeys((*filters.subdistricts, *(code[:8] for code in filters.villages))))
    period_from = _year_start(filters.period_from) if filters.period_from else None
    period_to = _year_end(filters.period_to) if filters.period_to else None
    scoped = replace(filters, villages=(), subdistricts=subdistricts, period_from=period_from, period_to=period_to,
                     disabilities=())
    return CaseScope(scoped, bool(filters.villages), (period_from, period_to) != (filters.period_from, filters.period_to))


def select_cases(cases: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Case rows inside `filters` (already scoped: kecamatan level, whole years)."""
    mask = area_mask(cases, filters, subdistrict_column="subdistrict_code") & date_mask(cases["report_date"], filters)
    if filters.sexes:
        mask &= cases["victim_sex"].isin(filters.sexes)
    if filters.age_groups:
        mask &= cases["victim_age_group"].isin(filters.age_groups)
    return cases[mask.fillna(False).astype(bool)]


def _shift_year(month: str, years: int) -> str:
    return f"{int(month[:4]) + years:04d}{month[4:]}"


def neighbour_filters(filters: Filters, *, first_month: str | None, last_month: str | None) -> list[Filters]:
    """Views a reader could also open, one step wider or narrower than `filters`."""
    views: list[Filters] = []
    if filters.sexes:
        views.append(replace(filters, sexes=()))
    if filters.age_groups:
        views.append(replace(filters, age_groups=()))
    if filters.subdistricts:
        views.append(replace(filters, subdistricts=()))
    start = filters.period_from or first_month
    end = filters.period_to or last_month
    if start and end:
        for delta_start, delta_end in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            new_start, new_end = _shift_year(start, delta_start), _shift_year(end, delta_end)
            if new_start <= new_end:
                views.append(replace(filters, period_from=new_start, period_to=new_end))
    return views


def _difference_reveals(mine: pd.Series, other: pd.Series, threshold: int) -> pd.Series:
    gap = (other.reindex(mine.index, fill_value=0) - mine).abs()
    return (gap > 0) & (gap < threshold)


def _breakdown_counts(cases: pd.DataFrame, column: str, multi: bool, categories: Sequence[str]) -> pd.Series:
    frame = explode_codes(cases, column) if multi else cases
    return count_by(frame, column, categories=categories)


@dataclass(frozen=True)
class SafeBreakdown:
    """A breakdown ready to draw: values missing where hidden, states, and notes for the page."""

    table: SafeTable
    notes: tuple[str, ...] = ()

    @property
    def series(self) -> pd.Series:
        return self.table.values.iloc[:, 0]

    @property
    def states(self) -> pd.Series:
        return self.table.states.iloc[:, 0]


def _protect(counts_of: Callable[[pd.DataFrame], pd.Series], filters: Filters, neighbours: list[Filters],
             cases: pd.DataFrame, *, threshold: int) -> SafeTable:
    """Suppress `counts_of(selected cases)`, also hiding cells that a neighbouring view would reveal."""
    mine = counts_of(select_cases(cases, filters))
    revealed = pd.Series(False, index=mine.index)
    for other in neighbours:
        revealed |= _difference_reveals(mine, counts_of(select_cases(cases, other)), threshold)
    return suppress_series(mine, threshold=threshold, also_hide=revealed)


def _count_rows(rows: pd.DataFrame) -> pd.Series:
    return pd.Series({"n": float(len(rows))})


def _single(table: SafeTable) -> tuple[float | None, CellState]:
    value = table.values.iat[0, 0]
    return (None if pd.isna(value) else float(value)), table.states.iat[0, 0]


def safe_breakdown(cases: pd.DataFrame, scope: CaseScope, breakdown: str, *, first_month: str | None = None,
                   last_month: str | None = None, threshold: int | None = None) -> SafeBreakdown:
    """Counts per category of one breakdown (a case with several forms counts once per form)."""
    threshold = threshold or min_shown_count()
    column, list_name, multi = BREAKDOWNS[breakdown]
    categories = codes.ALL_CODE_LISTS[list_name].values
    neighbours = neighbour_filters(scope.filters, first_month=first_month, last_month=last_month)
    table = _protect(lambda rows: _breakdown_counts(rows, column, multi, categories), scope.filters, neighbours,
                     cases, threshold=threshold)
    return SafeBreakdown(table)


def safe_by_period(cases: pd.DataFrame, scope: CaseScope, granularity: Granularity, *, first_month: str,
                   last_month: str, threshold: int | None = None) -> tuple[SafeBreakdown, Granularity]:
    """Cases per period (zeros included) at the finest granularity whose cells are mostly shown."""
    threshold = threshold or min_shown_count()
    order = [Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR]
    start = pd.Timestamp((scope.filters.period_from or first_month) + "-01")
    end = pd.Timestamp((scope.filters.period_to or last_month) + "-01")
    neighbours = neighbour_filters(scope.filters, first_month=first_month, last_month=last_month)
    chosen = granularity
    for level in order[order.index(granularity):]:
        periods = period_range(start, end, level)

        def counts_of(rows: pd.DataFrame, level: Granularity = level, periods: list[str] = periods) -> pd.Series:
            labels = period_label(rows["report_date"], level)
            return count_by(rows.assign(period=labels), "period", categories=periods)

        table = _protect(counts_of, scope.filters, neighbours, cases, threshold=threshold)
        chosen = level
        if not mostly_hidden(table) or level == Granularity.YEAR:
            break
    notes = ("coarsened",) if chosen != granularity else ()
    return SafeBreakdown(table, notes), chosen


def safe_by_area(cases: pd.DataFrame, scope: CaseScope, villages: pd.DataFrame, *, first_month: str | None = None,
                 last_month: str | None = None, threshold: int | None = None) -> SafeBreakdown:
    """Cases per kecamatan of the selected area (never per desa: see the module docstring)."""
    threshold = threshold or min_shown_count()
    areas = villages
    if scope.filters.regencies:
        areas = areas[areas["regency_code"].isin(scope.filters.regencies)]
    if scope.filters.subdistricts:
        areas = areas[areas["subdistrict_code"].isin(scope.filters.subdistricts)]
    kecamatan = sorted(areas["subdistrict_code"].unique())
    neighbours = neighbour_filters(scope.filters, first_month=first_month, last_month=last_month)
    table = _protect(lambda rows: count_by(rows, "subdistrict_code", categories=kecamatan), scope.filters,
                     [n for n in neighbours if n.subdistricts == scope.filters.subdistricts], cases,
                     threshold=threshold)
    return SafeBreakdown(table)


@dataclass(frozen=True)
class PeriodComparison:
    current: float | None
    current_state: CellState
    previous: float | None
    previous_state: CellState
    current_label: str
    previous_label: str

    @property
    def relative_change(self) -> float | None:
        """Change as a share of the previous count; only when both counts are shown.

        A share, not a difference in cases: the tile never prints a small number of cases.
        """
        if self.current is None or not self.previous:
            return None
        return (self.current - self.previous) / self.previous


def compare_periods(cases: pd.DataFrame, scope: CaseScope, *, first_month: str, last_month: str,
                    threshold: int | None = None) -> PeriodComparison:
    """This period against the one of the same length just before it (whole years).

    Without a period filter, 'this period' is the last year of the data.
    """
    threshold = threshold or min_shown_count()
    start = scope.filters.period_from or _year_start(last_month)
    end = scope.filters.period_to or _year_end(last_month)
    months = (pd.Period(end, freq="M") - pd.Period(start, freq="M")).n + 1
    previous_end = pd.Period(start, freq="M") - 1
    previous_start = previous_end - (months - 1)
    views = {
        "current": replace(scope.filters, period_from=start, period_to=end),
        "previous": replace(scope.filters, period_from=str(previous_start), period_to=str(previous_end)),
    }
    results = {
        name: _single(_protect(_count_rows, view, neighbour_filters(view, first_month=first_month,
                                                                     last_month=last_month), cases,
                               threshold=threshold))
        for name, view in views.items()
    }
    return PeriodComparison(*results["current"], *results["previous"], year_span(views["current"]),
                            year_span(views["previous"]))


def year_span(filters: Filters) -> str:
    """'2024' or '2022–2024' for a period of whole years."""
    first, last = (filters.period_from or "")[:4], (filters.period_to or "")[:4]
    return first if first == last else f"{first}–{last}"


CHILD_AGE_GROUPS: tuple[str, ...] = ("0-5", "6-12", "13-17")


def safe_total_cases(cases: pd.DataFrame, scope: CaseScope, *, first_month: str | None = None,
                     last_month: str | None = None, where: Callable[[pd.DataFrame], pd.Series] | None = None,
                     threshold: int | None = None) -> tuple[float | None, CellState]:
    """The number of cases in scope (optionally only those `where` holds), if safe to show."""
    threshold = threshold or min_shown_count()
    neighbours = neighbour_filters(scope.filters, first_month=first_month, last_month=last_month)

    def count(rows: pd.DataFrame) -> pd.Series:
        return _count_rows(rows if where is None else rows[where(rows)])

    return _single(_protect(count, scope.filters, neighbours, cases, threshold=threshold))


def linear_trend(values: pd.Series) -> pd.Series | None:
    """A least-squares line through the shown periods (needs at least 4 shown points)."""
    shown = values.dropna()
    if len(shown) < 4:
        return None
    positions = np.arange(len(values))
    known = positions[values.notna().to_numpy()]
    slope, intercept = np.polyfit(known, shown.to_numpy(dtype=float), 1)
    return pd.Series(intercept + slope * positions, index=values.index)


def data_span(cases: pd.DataFrame) -> tuple[str, str]:
    """First and last report month of the case data ('YYYY-MM')."""
    dates = cases["report_date"].dropna()
    return dates.min().strftime("%Y-%m"), dates.max().strftime("%Y-%m")


def as_of(cases: pd.DataFrame) -> date | None:
    latest = cases["report_date"].max()
    return None if pd.isna(latest) else latest.date()
