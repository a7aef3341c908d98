"""Counting cases fast: what lib.safety.violence counts, from integer codes per case row instead of text.

A page rerun asks for a dozen breakdowns, each in several views (the filters and the neighbouring
views that lib.safety.violence checks for differencing). Scanning a million case rows as text for every
view takes seconds; here each column is coded once per table (one code per distinct value) and a
view's rows are found by evaluating the very same lib.data.filters masks on the distinct values only,
then spreading the answer to the rows. A count is then a bincount of codes over the view's rows.

Every answer equals the reference computation in lib.safety.violence (row masks over the text columns,
indicator matrices of `one_hot`): the same functions decide, on the same values. tests/benchmarks/test_bench.py
checks the equality on random filters; lib.safety.violence.CaseData(reference=True) still computes the
reference way.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.data.aggregate import Granularity, period_label
from lib.data.filters import Filters, area_mask, date_mask
from lib.data.memo import BoundedMemo


@dataclass(frozen=True)
class Tally:
    """What is counted per category: a column's codes, several codes per case (';'), the period
    of the report date, every case ('total') or the cases a named predicate holds for ('where')."""

    key: tuple
    categories: tuple[str, ...]
    kind: str                                   # "column", "multi", "period", "total" or "where"
    column: str | None = None
    level: Granularity | None = None
    predicate: Callable[[pd.DataFrame], pd.Series] | None = field(default=None, compare=False)


def _distinct(values: pd.Series) -> tuple[np.ndarray, list[object]]:
    """(code per row, distinct values); missing values get the code len(distinct). Codes take the
    smallest integer type that holds them: a few bytes per case."""
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    codes[codes < 0] = len(distinct)
    return codes.astype(np.min_scalar_type(len(distinct))), list(distinct)


class CaseIndex:
    """Integer codes of one case table, built once per table (lib.ui.cache keeps it across reruns)."""

    MASKS_KEPT = 256       # answers per distinct value: a few bytes per distinct area or month each

    def __init__(self, cases: pd.DataFrame) -> None:
        self.cases = cases
        # The area code area_mask reads: the village, else the kecamatan of a kecamatan-level case.
        filled = cases["village_code"].astype("string").fillna(cases["subdistrict_code"].astype("string")).fillna("")
        self.area, areas = _distinct(filled)
        self.areas = pd.DataFrame({"village_code": pd.Series(areas, dtype="string")})
        dates = cases["report_date"]
        self.month, months = _distinct(dates.dt.year * 12 + dates.dt.month)
        # The year of each month code (year * 12 + month), 0 for the code of a missing date.
        self.month_year = np.array([(int(value) - 1) // 12 for value in months] + [0], dtype=np.int64)
        firsts = _first_positions(self.month, len(months))
        # One report date per distinct month (any date of the month gives the same masks and labels),
        # and a missing date last, for the cases without one.
        self.month_dates = pd.concat([dates.iloc[firsts], pd.Series([pd.NaT], dtype=dates.dtype)], ignore_index=True)
        self._columns: dict[str, tuple[np.ndarray, list[object]]] = {}
        self._luts: dict[tuple, np.ndarray] = {}
        self._where: dict[tuple, np.ndarray] = {}
        self._period_values: dict[Granularity, list[object]] = {}
        # Answers per distinct value, by the filter fields they depend on: the neighbouring views of
        # a rerun share most of them, and each costs a few pandas operations (lib.data.memo).
        self._distinct_masks = BoundedMemo(self.MASKS_KEPT)

    def column(self, name: str) -> tuple[np.ndarray, list[object]]:
        if name not in self._columns:
            self._columns[name] = _distinct(self.cases[name])
        return self._columns[name]

    def mask(self, filters: Filters) -> np.ndarray:
        """lib.safety.violence.case_mask(cases, filters), decided once per distinct area, month, sex and age."""
        inside = self.area_inside(filters)[self.area]
        inside &= self.month_inside(filters)[self.month]
        for chosen, name in ((filters.sexes, "victim_sex"), (filters.age_groups, "victim_age_group")):
            if chosen:
                codes, _ = self.column(name)
                inside &= self.category_inside(name, chosen)[codes]
        return inside

    def area_inside(self, filters: Filters) -> np.ndarray:
        """Per area code (and False for the missing code): inside area_mask(filters)."""
        key = ("area", filters.regencies, filters.subdistricts, filters.villages)
        return self._distinct_masks.get(
            key, lambda: np.append(area_mask(self.areas, filters).to_numpy(dtype=bool), False))

    def month_inside(self, filters: Filters) -> np.ndarray:
        """Per month code (the missing date last): inside date_mask(filters)."""
        key = ("month", filters.period_from, filters.period_to)
        return self._distinct_masks.get(key, lambda: date_mask(self.month_dates, filters).to_numpy(dtype=bool))

    def category_inside(self, name: str, chosen: tuple[str, ...]) -> np.ndarray:
        """Per code of column `name` (and False for missing): the value is one of `chosen`."""
        _, distinct = self.column(name)
        return self._distinct_masks.get(("category", name, chosen), lambda: np.append(
            pd.Series(distinct, dtype=object).isin(chosen).to_numpy(dtype=bool), False))

    def counts(self, rows: np.ndarray, tally: Tally) -> np.ndarray:
        """Cases per category of `tally` among the case rows `rows` (positions)."""
        if tally.kind == "total":
            return np.array([float(len(rows))])
        if tally.kind == "where":
            if tally.key not in self._where:
                self._where[tally.key] = tally.predicate(self.cases).to_numpy(dtype=float)
            return np.array([self._where[tally.key][rows].sum()])
        codes, weights = self._codes_and_weights(tally)
        per_value = np.bincount(codes[rows], minlength=weights.shape[0]).astype(float)
        return per_value @ weights

    def counts_by_year(self, rows: np.ndarray, tally: Tally, years: Sequence[int]) -> np.ndarray:
        """counts() of the rows reported in each of `years`: one row of categories per year."""
        row_years = self.month_year[self.month[rows]]
        return np.array([self.counts(rows[row_years == year], tally) for year in years])

    def _codes_and_weights(self, tally: Tally) -> tuple[np.ndarray, np.ndarray]:
        """(code per row, distinct values x categories: 1 where the value counts for the category)."""
        if tally.kind == "period":
            codes = self.month
            if tally.level not in self._period_values:   # the same labels for every view: once per level
                self._period_values[tally.level] = period_label(self.month_dates, tally.level).tolist()
            values: Sequence[object] = self._period_values[tally.level]
        else:
            codes, distinct = self.column(tally.column)
            values = [*distinct, None]
        key = (tally.kind, tally.column, tally.level, tally.categories)
        if key not in self._luts:
            self._luts[key] = _weights(values, tally.categories, multi=tally.kind == "multi")
        return codes, self._luts[key]


def _first_positions(codes: np.ndarray, count: int) -> np.ndarray:
    """The first row position of each code 0..count-1."""
    firsts = np.full(count, -1, dtype=np.int64)
    present = codes < count
    positions = np.flatnonzero(present)
    order = np.argsort(codes[present], kind="stable")
    sorted_codes = codes[present][order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]) if len(sorted_codes) else []
    firsts[sorted_codes[starts]] = positions[order][starts]
    return firsts


def _weights(values: Sequence[object], categories: Sequence[str], *, multi: bool) -> np.ndarray:
    """Per distinct value, 1 for each category the value counts for: equality (one_hot), or
    membership in the value's ';'-separated set (one_hot(multi=True), missing read as '')."""
    table = np.zeros((len(values), len(categories)), dtype=float)
    for row, value in enumerate(values):
        if multi:
            found = set(str("" if value is None or value is pd.NA else value).split(";"))
            table[row] = [category in found for category in categories]
        elif value is not None and value is not pd.NA:
            table[row] = [value == category for category in categories]
    return table
