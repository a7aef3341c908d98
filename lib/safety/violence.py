"""Violence against women and children: safe counts from de-identified case rows.

Case rows never leave this module: every function returns counts that went through
lib.safety.suppress. Three protections work together:
- primary and complementary suppression inside each breakdown (lib.safety.suppress);
- case data is never shown below kecamatan level: a desa filter is lifted to its kecamatan;
- differencing: a shown count is also hidden when the same count under a slightly wider filter
  (another sex or age group, the whole regency, the period one year longer or shorter) differs
  from it by 1-4, since a reader could subtract the two views.
The period of case data is whole calendar years, so that windows cannot be shifted by a month or a
quarter to isolate a few cases (SIMFONI-PPA itself reports by year).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from lib.data import codes
from lib.data.aggregate import Granularity, period_range
from lib.safety.case_index import CaseIndex, Tally
from lib.data.filters import Filters, area_mask, date_mask
from lib.data.memo import PerFrame
from lib.data.settings import min_shown_count
from lib.safety.suppress import CellState, SafeTable, mostly_hidden, suppress_counts

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


def case_mask(cases: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which case rows lie inside `filters` (already scoped: kecamatan level, whole years)."""
    mask = area_mask(cases, filters, subdistrict_column="subdistrict_code") & date_mask(cases["report_date"], filters)
    if filters.sexes:
        mask &= cases["victim_sex"].isin(filters.sexes)
    if filters.age_groups:
        mask &= cases["victim_age_group"].isin(filters.age_groups)
    return mask.fillna(False).to_numpy(dtype=bool)


class CaseData:
    """The case table with its span, and the memory that keeps a page rerun fast.

    A page asks for a dozen breakdowns, each checked against the same neighbouring views. Each
    view's rows are found once and each count once; lib.ui.cache keeps one CaseData per case table,
    so reruns and sessions share what was found (memories bounded: MEMO_SIZE views and counts).
    Counts come from integer codes per case (lib.safety.case_index); tests/safety/reference_cases.py
    computes them the plain way (column sums of indicator matrices over row masks), and the tests hold
    the two equal.
    """

    VIEWS_KEPT = 48        # row sets of views (up to 4 bytes per case each)
    COUNTS_KEPT = 4096     # counts of (view, breakdown): a few numbers each

    def __init__(self, cases: pd.DataFrame) -> None:
        self.cases = cases
        self.first_month, self.last_month = data_span(cases)
        self._masks: OrderedDict[object, np.ndarray] = OrderedDict()
        self._counts: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._index: CaseIndex | None = None
        self._lock = threading.Lock()

    def _remember(self, memo: OrderedDict, key: object, make: Callable[[], np.ndarray], *, size: int) -> np.ndarray:
        with self._lock:
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = make()
        with self._lock:
            memo[key] = value
            while len(memo) > size:
                memo.popitem(last=False)
        return value

    def index(self) -> CaseIndex:
        with self._lock:
            if self._index is None:
                self._index = CaseIndex(self.cases)
            return self._index

    def mask(self, filters: Filters) -> np.ndarray:
        """Which case rows lie inside `filters` (case_mask)."""
        return self.index().mask(filters)

    def rows(self, filters: Filters) -> np.ndarray:
        """Positions of the case rows inside `filters`."""
        return self._remember(self._masks, ("rows", filters),
                              lambda: np.flatnonzero(self.mask(filters)).astype(np.int32), size=self.VIEWS_KEPT)

    def counts(self, view: Filters, tally: Tally) -> np.ndarray:
        """Cases per category of `tally` among the cases of `view` (floats, as the sums always were)."""
        return self._remember(self._counts, (view, tally.key), lambda: self.index().counts(self.rows(view), tally),
                              size=self.COUNTS_KEPT)

    def counts_by_year(self, view: Filters, tally: Tally, years: range) -> np.ndarray:
        """counts() of the view cut to each of `years` (a view of whole years), a row per year."""
        return self._remember(self._counts, ("by year", view, tally.key, tuple(years)),
                              lambda: self.index().counts_by_year(self.rows(view), tally, years),
                              size=self.COUNTS_KEPT)

    def neighbours(self, filters: Filters) -> list[Filters]:
        return neighbour_filters(filters, first_month=self.first_month, last_month=self.last_month)


def _shift_year(month: str, years: int) -> str:
    return f"{int(month[:4]) + years:04d}{month[4:]}"


def neighbour_filters(filters: Filters, *, first_month: str | None, last_month: str | None) -> list[Filters]:
    """Views a reader could also open, one step wider or narrower than `filters`: a chosen
    dimension dropped, and for a choice of several values each value alone and each value left
    out (two kecamatan together minus one alone would reveal the other's count)."""
    views: list[Filters] = []
    for dimension in ("sexes", "age_groups", "subdistricts"):
        chosen = getattr(filters, dimension)
        if not chosen:
            continue
        views.append(replace(filters, **{dimension: ()}))
        if len(chosen) > 1:
            for value in chosen:
                views.append(replace(filters, **{dimension: (value,)}))
                views.append(replace(filters, **{dimension: tuple(v for v in chosen if v != value)}))
    start = filters.period_from or first_month
    end = filters.period_to or last_month
    if start and end:
        for delta_start, delta_end in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            new_start, new_end = _shift_year(start, delta_start), _shift_year(end, delta_end)
            if new_start <= new_end:
                views.append(replace(filters, period_from=new_start, period_to=new_end))
    return views


def _difference_reveals(mine: np.ndarray, other: np.ndarray, threshold: int) -> np.ndarray:
    """Cells whose count differs from the other view's by 1..threshold-1 (both per category)."""
    gap = np.abs(other - mine)
    return (gap > 0) & (gap < threshold)


@dataclass(frozen=True)
class SafeBreakdown:
    """A breakdown ready to draw: values missing where hidden, states, and notes for the page."""

    table: SafeTable
    notes: tuple[str, ...] = ()

    # Taken once: pages read them several times per chart, and each iloc costs a pandas call.
    @cached_property
    def series(self) -> pd.Series:
        return self.table.values.iloc[:, 0]

    @cached_property
    def states(self) -> pd.Series:
        return self.table.states.iloc[:, 0]


def victim_relaxations(filters: Filters) -> list[Filters]:
    """The view without its sex filter, without its age filter, and without both (those that differ)."""
    views = [replace(filters, sexes=())] if filters.sexes else []
    views += [replace(filters, age_groups=())] if filters.age_groups else []
    views += [replace(filters, sexes=(), age_groups=())] if filters.sexes and filters.age_groups else []
    return views


def window_years(filters: Filters, data: CaseData) -> range:
    """The calendar years of the view's period (the data's span where it is open)."""
    first, last = filters.period_from or data.first_month, filters.period_to or data.last_month
    return range(int(first[:4]), int(last[:4]) + 1)


def _small(counts: np.ndarray, threshold: int) -> np.ndarray:
    return (counts > 0) & (counts < threshold)


def small_selection(data: CaseData, filters: Filters, threshold: int) -> bool:
    """Whether the selection, or the same without its sex or age filter, holds 1 to threshold-1 cases:
    then whatever describes its cases (a breakdown, the women or children among them) describes
    identifiable people. Asked of the relaxed views too, so that choosing 'girls' or 'boys' gives the
    same answer for a small group."""
    return any(_small(data.counts(view, TOTAL), threshold)[0] for view in [filters, *victim_relaxations(filters)])


def _protect(tally: Tally, filters: Filters, data: CaseData, *, neighbours: list[Filters],
             threshold: int) -> SafeTable:
    """Suppress the counts of `filters`, also hiding cells that a neighbouring view would reveal.

    Under a sex or age filter, a cell that holds 1 to threshold-1 cases without the sex filter, the
    age filter or both is hidden whatever its count: '<5' or 0 would tell whether those few victims
    are girls or boys, children or adults. The same holds for the cell in a neighbouring view, since
    whether a neighbour hides the cell would depend on the victims' sex or age.

    Over several years, a cell that holds 1 to threshold-1 cases in one of them is hidden unless
    small itself: each year can be viewed on its own, and the years' counts subtracted from the
    window's would give that year's."""
    # Plain arrays, not Series: a dozen tallies times a dozen views of a few numbers each per rerun.
    mine = data.counts(filters, tally)
    revealed = np.zeros(len(mine), dtype=bool)
    for other in neighbours:
        revealed |= _difference_reveals(mine, data.counts(other, tally), threshold)
    years = window_years(filters, data)
    if tally.kind != "period" and len(years) > 1:   # a period chart's cells are single years or less
        revealed |= _small(data.counts_by_year(filters, tally, years), threshold).any(axis=0)
    exposed = np.zeros(len(mine), dtype=bool)
    for view in (filters, *neighbours):
        for relaxed in victim_relaxations(view):
            exposed |= _small(data.counts(relaxed, tally), threshold)
    # Exposed cells count as hidden for the complementary suppression too (a total minus the rest).
    table = suppress_counts(mine, tally.categories, threshold=threshold, also_hide=revealed | exposed)
    return hide_cells(table, exposed)


def hide_cells(table: SafeTable, cells: np.ndarray) -> SafeTable:
    """`table` with `cells` (one flag per row) hidden whatever their count: '–', not '<5' or 0."""
    if not cells.any():
        return table
    hide = cells.reshape(-1, 1)
    values = pd.DataFrame(np.where(hide, np.nan, table.values.to_numpy(dtype=float)), index=table.values.index,
                          columns=table.values.columns)
    states = pd.DataFrame(np.where(hide, CellState.COMPLEMENT, table.states.to_numpy()), index=table.states.index,
                          columns=table.states.columns, dtype=object)
    return SafeTable(values, states)


# One CaseData per case table frame (lib.ui.cache hands every session the same frame, so reruns and
# sessions share what was found); a CaseData holds its table, so at most two versions are kept.
case_data_of: Callable[[pd.DataFrame], CaseData] = PerFrame(CaseData, size=2)

TOTAL = Tally(("total",), ("n",), "total")


def _single(table: SafeTable) -> tuple[float | None, CellState]:
    value = table.values.iat[0, 0]
    return (None if pd.isna(value) else float(value)), table.states.iat[0, 0]


def safe_breakdown(data: CaseData, scope: CaseScope, breakdown: str, *,
                   threshold: int | None = None) -> SafeBreakdown:
    """Counts per category of one breakdown (a case with several forms counts once per form).

    A small selection (small_selection) is not broken down at all (every cell hidden, note
    "small_selection"): its cases would share whatever the breakdown shows, as zeros beside a single
    "<5" would tell a reader the victim's sex, age or the place."""
    threshold = threshold or min_shown_count()
    column, list_name, multi = BREAKDOWNS[breakdown]
    tally = Tally(("breakdown", breakdown), codes.ALL_CODE_LISTS[list_name].values, "multi" if multi else "column",
                  column=column)
    return _unless_small(_protect(tally, scope.filters, data, neighbours=data.neighbours(scope.filters),
                                  threshold=threshold), data, scope.filters, threshold)


def _unless_small(table: SafeTable, data: CaseData, filters: Filters, threshold: int, *,
                  notes: tuple[str, ...] = ()) -> SafeBreakdown:
    """The breakdown, or every cell of it hidden (note "small_selection") for a small selection."""
    if small_selection(data, filters, threshold):
        return SafeBreakdown(hide_cells(table, np.ones(len(table.values), dtype=bool)), (*notes, "small_selection"))
    return SafeBreakdown(table, notes)


def safe_by_period(data: CaseData, scope: CaseScope, granularity: Granularity, *,
                   threshold: int | None = None) -> tuple[SafeBreakdown, Granularity]:
    """Cases per period (zeros included) at the finest granularity whose cells are mostly shown."""
    threshold = threshold or min_shown_count()
    order = [Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR]
    start = pd.Timestamp((scope.filters.period_from or data.first_month) + "-01")
    end = pd.Timestamp((scope.filters.period_to or data.last_month) + "-01")
    neighbours = data.neighbours(scope.filters)
    chosen = granularity
    for level in order[order.index(granularity):]:
        periods = tuple(period_range(start, end, level))
        tally = Tally(("period", level, periods), periods, "period", level=level)
        table = _protect(tally, scope.filters, data, neighbours=neighbours, threshold=threshold)
        chosen = level
        if not mostly_hidden(table) or level == Granularity.YEAR:
            break
    notes = ("coarsened",) if chosen != granularity else ()
    if scope.filters.sexes or scope.filters.age_groups:   # a few girls or boys: not dated either
        return _unless_small(table, data, scope.filters, threshold, notes=notes), chosen
    return SafeBreakdown(table, notes), chosen


def safe_by_area(data: CaseData, scope: CaseScope, villages: pd.DataFrame, *,
                 threshold: int | None = None) -> SafeBreakdown:
    """Cases per kecamatan of the selected area (never per desa: see the module docstring)."""
    threshold = threshold or min_shown_count()
    inside = np.ones(len(villages), dtype=bool)    # one mask, not a filtered copy of the village table
    if scope.filters.regencies:
        inside &= villages["regency_code"].isin(scope.filters.regencies).to_numpy(dtype=bool)
    if scope.filters.subdistricts:
        inside &= villages["subdistrict_code"].isin(scope.filters.subdistricts).to_numpy(dtype=bool)
    kecamatan = sorted(villages["subdistrict_code"][inside].unique())
    # Views of the same kecamatan set: a wider area is a different breakdown, not a neighbour here.
    neighbours = [n for n in data.neighbours(scope.filters) if n.subdistricts == scope.filters.subdistricts]
    tally = Tally(("area", tuple(kecamatan)), tuple(kecamatan), "column", column="subdistrict_code")
    table = _protect(tally, scope.filters, data, neighbours=neighbours, threshold=threshold)
    if scope.filters.sexes or scope.filters.age_groups:   # a few girls or boys: not placed either
        return _unless_small(table, data, scope.filters, threshold)
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

    @property
    def has_previous(self) -> bool:
        """Whether the data covers the previous period (else there is nothing to compare with)."""
        return self.previous_state != CellState.NO_DATA


def compare_periods(data: CaseData, scope: CaseScope, *, threshold: int | None = None) -> PeriodComparison:
    """This period against the one of the same length just before it (whole years).

    Without a period filter, 'this period' is the last year of the data. A previous period that
    begins in a year before the data's first is not compared (NO_DATA): its zeros would only mean
    no records.
    """
    threshold = threshold or min_shown_count()
    start = scope.filters.period_from or _year_start(data.last_month)
    end = scope.filters.period_to or _year_end(data.last_month)
    months = (pd.Period(end, freq="M") - pd.Period(start, freq="M")).n + 1
    previous_end = pd.Period(start, freq="M") - 1
    previous_start = previous_end - (months - 1)
    views = {
        "current": replace(scope.filters, period_from=start, period_to=end),
        "previous": replace(scope.filters, period_from=str(previous_start), period_to=str(previous_end)),
    }
    results = {name: _single(_protect(TOTAL, view, data, neighbours=data.neighbours(view), threshold=threshold))
               for name, view in views.items()}
    if str(previous_start.year) < data.first_month[:4]:
        results["previous"] = (None, CellState.NO_DATA)
    return PeriodComparison(*results["current"], *results["previous"], year_span(views["current"]),
                            year_span(views["previous"]))


def year_span(filters: Filters) -> str:
    """'2024' or '2022–2024' for a period of whole years."""
    first, last = (filters.period_from or "")[:4], (filters.period_to or "")[:4]
    return first if first == last else f"{first}–{last}"


CHILD_AGE_GROUPS: tuple[str, ...] = ("0-5", "6-12", "13-17")


def safe_total_cases(data: CaseData, scope: CaseScope, *, where: tuple[str, Callable[[pd.DataFrame], pd.Series]] |
                     None = None, threshold: int | None = None) -> tuple[float | None, CellState]:
    """The number of cases in scope (optionally only those a named predicate holds for), if safe to show.
    How many of a small selection the predicate holds for (women, children) is never shown."""
    threshold = threshold or min_shown_count()
    if where is not None and small_selection(data, scope.filters, threshold):
        return None, CellState.COMPLEMENT
    tally = TOTAL if where is None else Tally(("where", where[0]), ("n",), "where", predicate=where[1])
    return _single(_protect(tally, scope.filters, data, neighbours=data.neighbours(scope.filters),
                            threshold=threshold))


WOMEN_VICTIMS = ("women", lambda cases: cases["victim_sex"] == "perempuan")
CHILD_VICTIMS = ("children", lambda cases: cases["victim_age_group"].isin(CHILD_AGE_GROUPS))


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
