"""The plain way to select indicator values, which lib.metrics.indicators (answering from integer codes,
lib.metrics.values_index) must equal row for row: masks over the whole frame, then copies."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lib.data.filters import Filters, area_mask, category_mask, period_mask
from lib.data.geo import area_levels
from lib.data.parse import period_start
from lib.metrics.indicators import DEFAULT_PROGRAMME_START, declared_disaggregations
from lib.metrics.values_index import DISAGGREGATION_COLUMNS, FILTER_FIELDS, LEVELS_FOR_SELECTION, selection_level


def programme_start(values: pd.DataFrame) -> date:
    if values.empty:
        return DEFAULT_PROGRAMME_START
    return min(period_start(period) for period in values["period"].dropna().unique())


def in_area_and_period(values: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows of the chosen periods inside the chosen area, at a level allowed for the selection."""
    mask = np.ones(len(values), dtype=bool)
    if filters.period_from or filters.period_to:   # rows without a period count only when no month is chosen
        distinct = pd.Series(values["period"].dropna().unique())
        mask = values["period"].isin(distinct[period_mask(distinct, filters).to_numpy()]).to_numpy(dtype=bool)
    if filters.area_codes():
        mask = mask & area_mask(values, filters, column="area_code").to_numpy(dtype=bool)
    frame = values.loc[mask]
    level = area_levels(frame["area_code"])
    frame = frame.assign(area_level=level)
    return frame[level.isin(LEVELS_FOR_SELECTION[selection_level(filters)]).to_numpy()]


def widest_level(frame: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, only the rows at the widest area level present (no double counting)."""
    rank = frame["area_level"].map({level: i for i, level in enumerate(LEVELS_FOR_SELECTION["none"])})
    widest = rank.groupby(frame["indicator_code"].to_numpy()).transform("min")
    return frame[(rank == widest).to_numpy()]


def scoped_values(values: pd.DataFrame, filters: Filters, *, village_level: bool = False) -> pd.DataFrame:
    frame = in_area_and_period(values, filters)
    mask = np.ones(len(frame), dtype=bool)
    for dimension, column in DISAGGREGATION_COLUMNS.items():
        chosen = getattr(filters, FILTER_FIELDS[dimension])
        mask &= category_mask(frame[column], chosen, blank_is_total=True).to_numpy(dtype=bool)
    frame = frame[mask]
    if village_level:
        return frame[(frame["area_level"] == "village").to_numpy()]
    return widest_level(frame)


def disaggregated_values(values: pd.DataFrame, indicators: pd.DataFrame, filters: Filters, *,
                         indicator_code: str) -> pd.DataFrame:
    frame = in_area_and_period(values[(values["indicator_code"] == indicator_code).to_numpy()], filters)
    cells = np.column_stack([frame[column].to_numpy(dtype=object, na_value=None)
                             for column in DISAGGREGATION_COLUMNS.values()])
    present = ~pd.isna(cells)
    single = present.sum(axis=1) == 1
    which = present[single].argmax(axis=1)
    frame = frame[single]
    dimensions = pd.Series(np.array(list(DISAGGREGATION_COLUMNS), dtype=object)[which], index=frame.index)
    categories = pd.Series(cells[single][np.arange(len(which)), which], index=frame.index, dtype=object)
    keep = dimensions.isin(declared_disaggregations(indicators, indicator_code)).to_numpy(dtype=bool, copy=True)
    for dimension in DISAGGREGATION_COLUMNS:
        chosen = getattr(filters, FILTER_FIELDS[dimension])
        if chosen:
            keep &= ((dimensions != dimension) | categories.isin(chosen)).to_numpy(dtype=bool)
    frame = frame.assign(dimension=dimensions, category=categories)[keep]
    return widest_level(frame)


def village_areas_inside(values: pd.DataFrame, filters: Filters) -> set[str]:
    """The village-level area codes of the values inside the chosen area."""
    village_rows = values[(area_levels(values["area_code"]) == "village").to_numpy(dtype=bool, na_value=False)]
    return set(village_rows.loc[area_mask(village_rows, filters, column="area_code").to_numpy(), "area_code"])
