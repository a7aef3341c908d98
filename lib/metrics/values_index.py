"""Selecting indicator values fast: which rows lib.metrics.indicators keeps, from integer codes per row.

At five million indicator values, scanning the text columns (area codes, periods) on every rerun,
and copying the table while narrowing it down, takes seconds and gigabytes. Here each column is
coded once per table; the rules of lib.metrics.indicators (periods that overlap the chosen months, the
area and the area levels allowed for the selection, the disaggregation rows chosen, the widest
level per indicator) are decided once per distinct area, period or group with the very same
functions (lib.data.filters), and only the rows finally kept are copied out of the table.

lib.ui.cache keeps one ValuesIndex per table; lib.metrics.indicators, lib.metrics.reach and lib.map.layers take
it as an optional `index` and give exactly what they give without it (tests/benchmarks/test_bench.py).
"""
from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from lib.data.filters import Filters, area_mask, category_mask, period_mask
from lib.data.geo import area_levels
from lib.data.memo import BoundedMemo, PerFrame

# Levels that may stand for a selection, widest first; per indicator the widest present is used,
# so a regency total and its villages are never added together.
LEVELS_FOR_SELECTION: dict[str, tuple[str, ...]] = {
    "none": ("regency", "subdistrict", "village"),
    "regency": ("regency", "subdistrict", "village"),
    "subdistrict": ("subdistrict", "village"),
    "village": ("village",),
}
# Disaggregation code (indicators.disaggregations) -> column of indicator_values (and its code list).
DISAGGREGATION_COLUMNS: dict[str, str] = {"sex": "sex", "age_group": "age_group", "disability": "disability"}
FILTER_FIELDS: dict[str, str] = {"sex": "sexes", "age_group": "age_groups", "disability": "disabilities"}


def selection_level(filters: Filters) -> str:
    """How deep the area selection goes: 'village', 'subdistrict', 'regency' or 'none'."""
    if filters.villages:
        return "village"
    if filters.subdistricts:
        return "subdistrict"
    return "regency" if filters.regencies else "none"



def _distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(code per row, distinct values as a Series of the column's dtype, missing last). Codes take
    the smallest integer type that holds them: a few bytes per row of millions."""
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    codes[codes < 0] = len(distinct)
    codes = codes.astype(np.min_scalar_type(len(distinct)))
    return codes, pd.concat([pd.Series(distinct, dtype=values.dtype), pd.Series([pd.NA], dtype=values.dtype)],
                            ignore_index=True)


class ValuesIndex:
    """Integer codes of one indicator_values table, built once per table."""

    def __init__(self, values: pd.DataFrame) -> None:
        # Weakly: the index lives beside its table (index_of), and must not keep a replaced one alive.
        self._values = weakref.ref(values)
        self.indicator, self.indicators = _distinct(values["indicator_code"])
        self.area, self.areas = _distinct(values["area_code"])
        self.period, self.periods = _distinct(values["period"])
        self.parts = {column: _distinct(values[column]) for column in DISAGGREGATION_COLUMNS.values()}
        # lib.metrics.indicators reads an area's level from the length of its code.
        self.area_level = area_levels(self.areas)
        self._source: tuple[np.ndarray, pd.Series] | None = None
        # Per distinct area, period or group: whether a filter keeps it, by the filter fields it
        # depends on (a rerun asks again for its neighbouring views; sessions share the index).
        self._kept = BoundedMemo()

    @property
    def values(self) -> pd.DataFrame:
        values = self._values()
        if values is None:
            raise ReferenceError("the table of this index is gone")
        return values

    def sources_of(self, rows: np.ndarray) -> pd.DataFrame:
        """The distinct `source` values of `rows`, as a one-column frame (for a source line)."""
        if "source" not in self.values.columns:
            return pd.DataFrame({"source": pd.Series(dtype=object)})
        if self._source is None:
            self._source = _distinct(self.values["source"])
        codes, distinct = self._source
        return pd.DataFrame({"source": distinct.iloc[np.unique(codes[rows])].reset_index(drop=True)})

    def period_rows(self, filters: Filters) -> np.ndarray:
        """lib.metrics.indicators._period_rows: periods overlapping the chosen months (missing periods only
        when no month is chosen)."""
        if not (filters.period_from or filters.period_to):
            return np.ones(len(self.period), dtype=bool)
        inside = self._kept.get(("period", filters.period_from, filters.period_to), lambda: np.append(
            period_mask(self.periods.iloc[:-1], filters).to_numpy(dtype=bool), False))
        return inside[self.period]

    def area_rows(self, filters: Filters) -> np.ndarray:
        """lib.data.filters.area_mask(values, filters, column="area_code")."""
        return self._area_inside(filters)[self.area]

    def _area_inside(self, filters: Filters) -> np.ndarray:
        return self._kept.get(("area", filters.regencies, filters.subdistricts, filters.villages), lambda: area_mask(
            pd.DataFrame({"area_code": self.areas}), filters, column="area_code").to_numpy(dtype=bool))

    def in_area_and_period(self, filters: Filters, rows: np.ndarray | None = None) -> np.ndarray:
        """lib.metrics.indicators._in_area_and_period as a row mask (of `rows` when given, else all rows)."""
        keep = self.period_rows(filters)
        if filters.area_codes():
            keep = keep & self.area_rows(filters)
        level = selection_level(filters)
        allowed = self._kept.get(("level", level), lambda: self.area_level.isin(LEVELS_FOR_SELECTION[level]).to_numpy(
            dtype=bool))
        keep = keep & allowed[self.area]
        return keep if rows is None else keep & rows

    def parts_rows(self, filters: Filters) -> np.ndarray:
        """The disaggregation rows the filters choose (totals when none): category_mask per group."""
        keep = np.ones(len(self.area), dtype=bool)
        for dimension, column in DISAGGREGATION_COLUMNS.items():
            codes, distinct = self.parts[column]
            chosen = getattr(filters, FILTER_FIELDS[dimension])
            inside = self._kept.get(("parts", column, chosen), lambda: category_mask(
                distinct, chosen, blank_is_total=True).to_numpy(dtype=bool))
            keep &= inside[codes]
        return keep

    def widest_level(self, keep: np.ndarray) -> np.ndarray:
        """lib.metrics.indicators._widest_level on the kept rows: per indicator, the widest level present."""
        rank_of = {level: i for i, level in enumerate(LEVELS_FOR_SELECTION["none"])}
        rank = self.area_level.map(rank_of).to_numpy(dtype=float, na_value=np.nan)[self.area]
        positions = np.flatnonzero(keep)
        widest = np.full(len(self.indicators), np.inf)
        np.minimum.at(widest, self.indicator[positions], rank[positions])
        widest[-1] = np.nan   # rows without an indicator code: groupby leaves them out
        return keep & (rank == widest[self.indicator])

    def take(self, keep: np.ndarray) -> pd.DataFrame:
        """The kept rows with their area_level, as lib.metrics.indicators gives them."""
        frame = self.values.iloc[np.flatnonzero(keep)]
        return frame.assign(area_level=area_levels(frame["area_code"]))

    def rows_of(self, column: str, value: str) -> np.ndarray:
        """Rows whose `column` ("indicator_code" or "area_code") equals `value`."""
        codes, distinct = (self.indicator, self.indicators) if column == "indicator_code" else (self.area, self.areas)
        return np.append((distinct.iloc[:-1] == value).to_numpy(dtype=bool, na_value=False), False)[codes]

    def distinct_periods(self) -> Sequence[str]:
        """values["period"].dropna().unique(), in order of first appearance."""
        return list(self.periods.iloc[:-1])

    def village_areas_inside(self, filters: Filters) -> set[str]:
        """The village-level area codes of the table that lie in the chosen area."""
        areas = self.areas.iloc[:-1]
        village = areas[(area_levels(areas) == "village").to_numpy(dtype=bool, na_value=False)]
        inside = area_mask(pd.DataFrame({"area_code": village}), filters, column="area_code").to_numpy(dtype=bool)
        return set(village[inside])

    def indicators_reported_wider(self, filters: Filters) -> set[str]:
        """Indicators with rows for an area that holds the whole chosen area (the regency around a
        kecamatan) in the chosen periods and groups: reported, but not for a part as small as the choice."""
        chosen = filters.area_codes()
        if not chosen:
            return set()
        wider = np.append([all(code.startswith(f"{area}.") for code in chosen)
                           for area in self.areas.iloc[:-1].astype(str)], False)
        keep = self.period_rows(filters) & self.parts_rows(filters) & wider[self.area]
        present = np.unique(self.indicator[keep])
        return {self.indicators.iloc[i] for i in present if i < len(self.indicators) - 1}

    def indicators_with_rows(self, area_rows: np.ndarray) -> set[str]:
        """Indicator codes with at least one row among `area_rows` (a per-distinct-area flag)."""
        present = np.unique(self.indicator[area_rows[self.area]])
        return {self.indicators.iloc[i] for i in present if i < len(self.indicators) - 1}


# One index per table frame, built on the first question asked of it and kept while the frame lives:
# lib.ui.cache hands every session the same frame, so they all share its index.
index_of: Callable[[pd.DataFrame], ValuesIndex] = PerFrame(ValuesIndex)
