"""Results-framework progress: which indicator values count, how they add up, % of target, status.

Everything here is pure pandas on validated tables (lib.data.load); the progress page draws what these
functions return. Rules are declared as data: how each unit aggregates, which area levels may stand
for a selection, and the status thresholds.
"""
from __future__ import annotations

from dataclasses import replace

from datetime import date

import numpy as np
import pandas as pd

from lib.data import codes
from lib.data.contract import CASE_COUNT_UNITS
from lib.data.filters import Filters, area_mask
from lib.data.parse import period_start
from lib.data.settings import min_shown_count
from lib.metrics.values_index import DISAGGREGATION_COLUMNS, FILTER_FIELDS, ValuesIndex, index_of
from lib.safety.suppress import suppress_series


# WE Nexus implementation began in August 2024 (programme documents); used when no values exist.
DEFAULT_PROGRAMME_START = date(2024, 8, 1)

# Status thresholds, in percentage points of the baseline-to-target distance, compared with the
# share of the time from programme start to target date that has elapsed (a traffic light with a
# grace band, as in common donor progress reports): at or past the target is achieved; up to
# 10 points short of the expected share is on track; up to 25 points short is behind; worse is off track.
ACHIEVED_AT = 100.0
ON_TRACK_TOLERANCE = 10.0
BEHIND_TOLERANCE = 25.0

# Status codes, best first. "partial": a programme-wide count target cannot judge a part (an area
# or a group); "reported_wider": values exist only for a wider area than the one chosen (a regency
# total, with a kecamatan chosen); "hidden": the latest value is a small case count (survivor safety).
STATUSES: tuple[str, ...] = ("achieved", "on_track", "behind", "off_track", "partial", "reported_wider", "no_data",
                             "hidden")

# How the values of one indicator add up across villages and disaggregation rows. Percentages are
# never summed: they are averaged (unweighted, as no denominators are reported).
UNIT_AGGREGATION: dict[str, str] = {
    "percent": "mean", "people": "sum", "villages": "sum", "groups": "sum", "documents": "sum",
    "activities": "sum", "cases": "sum", "idr": "sum",
}
# Whether an indicator's target applies to a part of the programme, by aggregation: a percentage
# target holds in every village and group; a count target is a programme total.
TARGET_APPLIES_TO_PARTS: dict[str, bool] = {"mean": True, "sum": False}
# Units that count survivors of violence: values 1..threshold-1 are never shown (lib.data.settings), and
# values are accepted for a regency only (lib.data.contract).
SMALL_COUNT_UNITS: frozenset[str] = CASE_COUNT_UNITS



def target_applies(units: pd.Series, *, whole_programme: bool) -> pd.Series:
    """Whether each unit's target judges the selection: every target judges the whole programme; a
    part (an area, a group) only a target that holds in every part (TARGET_APPLIES_TO_PARTS)."""
    if whole_programme:
        return pd.Series(True, index=units.index)
    return units.map(UNIT_AGGREGATION).map(TARGET_APPLIES_TO_PARTS).fillna(False).astype(bool)


# Periods ------------------------------------------------------------------------------------------
def period_end(period: str) -> date:
    """The last day of a 'YYYY-MM' or 'YYYY-Qn' period (the date its value describes)."""
    start = pd.Timestamp(period_start(period))
    months = 3 if "Q" in period else 1
    return (start + pd.DateOffset(months=months) - pd.Timedelta(days=1)).date()


def period_ends(periods: pd.Series) -> pd.Series:
    """period_end for a column of periods, computed once per distinct period."""
    lookup = {period: pd.Timestamp(period_end(period)) for period in periods.dropna().unique()}
    return periods.map(lookup).astype("datetime64[ns]")


def programme_start(values: pd.DataFrame) -> date:
    """The first day of the earliest reported period, or DEFAULT_PROGRAMME_START without values."""
    if values.empty:
        return DEFAULT_PROGRAMME_START
    return min(period_start(period) for period in index_of(values).distinct_periods())


# Which rows count -----------------------------------------------------------------------------------
def covers_whole_programme(filters: Filters, values: pd.DataFrame | None = None) -> bool:
    """Whether the filters keep every group and every area the indicator `values` report from (periods
    aside): the programme's count targets then apply. A regency chosen beside one the programme does not
    report from (the default view of the shipped geography) keeps the whole programme."""
    if filters.sexes or filters.age_groups or filters.disabilities:
        return False
    if not filters.area_codes():
        return True
    if values is None:
        return False
    areas = pd.DataFrame({"area_code": pd.Series(list(index_of(values).areas), dtype="string").dropna()})
    return bool(len(areas)) and bool(area_mask(areas, filters, column="area_code").all())


def scoped_values(values: pd.DataFrame, filters: Filters, *, village_level: bool = False) -> pd.DataFrame:
    """The indicator values the filters select: periods, area (one level per indicator), and the
    disaggregation rows chosen in the sidebar (totals when none is chosen), each with its
    area_level. With village_level, only village rows (for comparing villages). The rows are chosen
    by code (lib.metrics.values_index) and only they are copied."""
    index = index_of(values)
    keep = index.in_area_and_period(filters) & index.parts_rows(filters)
    if village_level:
        return index.take(keep & (index.area_level == "village").to_numpy(dtype=bool)[index.area])
    return index.take(index.widest_level(keep))


def _dimension_names(which: np.ndarray) -> np.ndarray:
    return np.array(list(DISAGGREGATION_COLUMNS), dtype=object)[which]


def _categories(index: ValuesIndex, which: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The group of each row in `rows`: the value of its one disaggregation column."""
    categories = np.empty(len(rows), dtype=object)
    for position, column in enumerate(DISAGGREGATION_COLUMNS.values()):
        codes, distinct = index.parts[column]
        mine = which[rows] == position
        categories[mine] = distinct.to_numpy(dtype=object)[codes[rows][mine]]
    return categories


def _disaggregated_rows(index: ValuesIndex, indicators: pd.DataFrame, filters: Filters,
                        indicator_code: str) -> tuple[np.ndarray, np.ndarray]:
    """(rows disaggregated_values keeps, the position of each row's one disaggregation column)."""
    keep = index.in_area_and_period(filters, index.rows_of("indicator_code", indicator_code))
    present = np.column_stack([index.parts[column][0] != len(index.parts[column][1]) - 1
                               for column in DISAGGREGATION_COLUMNS.values()])
    keep &= present.sum(axis=1) == 1
    which = present.argmax(axis=1)
    names = list(DISAGGREGATION_COLUMNS)
    declared = declared_disaggregations(indicators, indicator_code)
    keep &= np.isin(which, [names.index(dimension) for dimension in declared])
    for position, dimension in enumerate(names):
        chosen = getattr(filters, FILTER_FIELDS[dimension])
        if chosen:
            codes, distinct = index.parts[DISAGGREGATION_COLUMNS[dimension]]
            allowed = distinct.isin(chosen).to_numpy(dtype=bool, na_value=False)
            keep &= (which != position) | allowed[codes]
    return index.widest_level(keep), which


def disaggregation_summary(values: pd.DataFrame, indicators: pd.DataFrame, filters: Filters, *,
                           indicator_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(disaggregation_latest of the rows of disaggregated_values, those rows' distinct sources): what
    the progress page draws. The rows are never copied (millions when nothing is filtered), only the
    keys and values the latest groups are computed from, and the sources.

    A survivor count per group is also hidden where the group's whole series hides it
    (hide_small_counts): as for shown_series, two choices of periods must not show a group's values
    a small count apart."""
    index = index_of(values)
    keys, rows = _disaggregation_keys(index, indicators, filters, indicator_code)
    latest = disaggregation_latest(keys, indicators, indicator_code=indicator_code)
    unit = indicators.loc[indicators["indicator_code"] == indicator_code, "unit"]
    if unit.isin(SMALL_COUNT_UNITS).any() and (filters.period_from or filters.period_to) and len(latest):
        whole_keys, _ = _disaggregation_keys(index, indicators, replace(filters, period_from=None, period_to=None),
                                             indicator_code)
        whole = hide_small_counts(aggregate_by_period(whole_keys, indicators, by=("dimension", "category")),
                                  indicators)
        shown = set(zip(whole.loc[~whole["hidden"], "dimension"], whole.loc[~whole["hidden"], "category"],
                        whole.loc[~whole["hidden"], "period"], whole.loc[~whole["hidden"], "value"]))
        unsafe = np.array([(d, c, p, v) not in shown for d, c, p, v in
                           zip(latest["dimension"], latest["category"], latest["period"], latest["value"])], dtype=bool)
        unsafe &= latest["value"].notna().to_numpy(dtype=bool)
        # The indicator's total is shown too: a group hidden this way hides its whole breakdown, or the
        # total minus the others would give it.
        unsafe = latest["dimension"].isin(set(latest.loc[unsafe, "dimension"])).to_numpy(dtype=bool) \
            & latest["value"].notna().to_numpy(dtype=bool)
        latest = latest.assign(value=latest["value"].where(~unsafe), hidden=latest["hidden"].to_numpy(dtype=bool) | unsafe)
    return latest, index.sources_of(rows)


def _disaggregation_keys(index: ValuesIndex, indicators: pd.DataFrame, filters: Filters,
                         indicator_code: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The keys and values of the rows disaggregated_values keeps (what aggregate_by_period groups by),
    and the rows' positions."""
    keep, which = _disaggregated_rows(index, indicators, filters, indicator_code)
    rows = np.flatnonzero(keep)
    keys = pd.DataFrame({
        # What aggregate_by_period groups by: the same values the rows' columns give with to_numpy().
        "indicator_code": pd.Series(index.indicators.to_numpy(dtype=object)[index.indicator[rows]], dtype=object),
        "period": pd.Series(index.periods.to_numpy(dtype=object)[index.period[rows]], dtype=object),
        "dimension": pd.Series(_dimension_names(which[rows]), dtype=object),
        "category": pd.Series(_categories(index, which, rows), dtype=object),
        "value": index.values["value"].iloc[rows].reset_index(drop=True),
    })
    return keys, rows


def disaggregation_latest(rows: pd.DataFrame, indicators: pd.DataFrame, *, indicator_code: str,
                          threshold: int | None = None) -> pd.DataFrame:
    """The latest value per group of each breakdown in `rows` (disaggregated_values of one
    indicator), one period per dimension so groups compare. Columns: dimension, category, value,
    period, period_end, hidden. Survivor counts get primary and complementary suppression."""
    columns = ["dimension", "category", "value", "period", "period_end", "hidden"]
    series = aggregate_by_period(rows, indicators, by=("dimension", "category"))
    if series.empty:
        return pd.DataFrame(columns=columns)
    newest = series.groupby("dimension")["period_end"].transform("max")
    latest = series[(series["period_end"] == newest).to_numpy()]
    rank = {(dimension, code): (d, c) for d, dimension in enumerate(DISAGGREGATION_COLUMNS)
            for c, code in enumerate(codes.ALL_CODE_LISTS[dimension].values)}
    order = [rank.get(key, (99, 99)) for key in zip(latest["dimension"], latest["category"])]
    latest = latest.iloc[sorted(range(len(latest)), key=order.__getitem__)].reset_index(drop=True)
    hidden = pd.Series(False, index=latest.index)
    unit = indicators.loc[indicators["indicator_code"] == indicator_code, "unit"]
    if unit.isin(SMALL_COUNT_UNITS).any():
        for _, part in latest.groupby("dimension", sort=False):   # one suppression per breakdown
            hidden[part.index] = suppress_series(part["value"], threshold=threshold).hidden().iloc[:, 0].to_numpy()
    return latest.assign(value=latest["value"].where(~hidden), hidden=hidden)[columns]


def declared_disaggregations(indicators: pd.DataFrame, indicator_code: str) -> tuple[str, ...]:
    """The disaggregations an indicator declares, in DISAGGREGATION_COLUMNS order."""
    raw = indicators.loc[indicators["indicator_code"] == indicator_code, "disaggregations"]
    declared = set() if raw.empty or pd.isna(raw.iloc[0]) else set(str(raw.iloc[0]).split(";"))
    return tuple(code for code in DISAGGREGATION_COLUMNS if code in declared)


# How values add up ------------------------------------------------------------------------------------
def aggregate_by_period(scoped: pd.DataFrame, indicators: pd.DataFrame, *,
                        by: tuple[str, ...] = ()) -> pd.DataFrame:
    """One value per indicator and period (and `by`): sums for counts, means for percentages
    (UNIT_AGGREGATION). Columns: indicator_code, period, *by, value, rows, period_end."""
    keys = ["indicator_code", "period", *by]
    if scoped.empty:
        return pd.DataFrame(columns=[*keys, "value", "rows", "period_end"])
    values = scoped["value"].to_numpy(dtype=float, na_value=np.nan)
    groups = pd.Series(values, index=scoped.index).groupby([_key_array(scoped[key]) for key in keys], sort=False)
    grouped = pd.DataFrame({"total": groups.sum(), "rows": groups.count()})
    grouped.index.names = keys
    grouped = grouped.reset_index()
    units = grouped["indicator_code"].map(indicators.set_index("indicator_code")["unit"])
    mean = (units.map(UNIT_AGGREGATION) == "mean").to_numpy(dtype=bool)
    grouped["value"] = np.where(mean, grouped["total"] / grouped["rows"], grouped["total"])
    grouped = grouped[[*keys, "value", "rows"]]
    grouped["period_end"] = period_ends(grouped["period"])
    return grouped.sort_values([*by, "indicator_code", "period_end"] if by else ["indicator_code", "period_end"],
                               ignore_index=True)


def _key_array(column: pd.Series) -> np.ndarray:
    """column.to_numpy(), with one object per distinct value: a million rows make no million strings."""
    if not isinstance(column.dtype, pd.StringDtype) or len(column) < 10_000:
        return column.to_numpy()
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    return np.append(distinct.to_numpy(dtype=object), column.dtype.na_value)[codes]


def hide_small_counts(series: pd.DataFrame, indicators: pd.DataFrame, *, threshold: int | None = None) -> pd.DataFrame:
    """Adds `hidden` and blanks `value` where a survivor count could be read: for SMALL_COUNT_UNITS
    a value is shown only when it is 0 or >= threshold and differs from the last shown value
    (starting at the public baseline) by 0 or >= threshold, since cumulative counts subtract."""
    threshold = threshold or min_shown_count()
    units = series["indicator_code"].map(indicators.set_index("indicator_code")["unit"])
    hidden = pd.Series(False, index=series.index)
    baselines = indicators.set_index("indicator_code")["baseline"].astype(float)
    sensitive = series[units.isin(SMALL_COUNT_UNITS).to_numpy()]
    group_keys = [c for c in sensitive.columns if c not in ("period", "value", "rows", "period_end")]
    for keys, group in sensitive.groupby(group_keys, sort=False):   # a few periods per series
        code = keys[0] if isinstance(keys, tuple) else keys
        last_shown = baselines.get(code, np.nan)
        for index, value in group.sort_values("period_end")["value"].items():
            safe = _safe_count(value, threshold) and (np.isnan(last_shown)
                                                      or _safe_count(abs(value - last_shown), threshold))
            hidden[index] = not safe
            last_shown = value if safe else last_shown
    return series.assign(value=series["value"].where(~hidden), hidden=hidden)


def shown_series(values: pd.DataFrame, indicators: pd.DataFrame, filters: Filters, *,
                 threshold: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the values the filters select, their series per indicator and period with survivor counts
    hidden): what every page, tile, slide and export of the results framework shows.

    Which counts are hidden is decided on the whole series of the area and groups, before the period
    is cut. Cut first, a series starting later would start again from the baseline, and two cuts
    would each show a value whose difference is a small count (5 then 7: two referrals in a quarter)."""
    scoped = scoped_values(values, filters)
    series = aggregate_by_period(scoped, indicators)
    if not (filters.period_from or filters.period_to):           # the whole series already
        return scoped, hide_small_counts(series, indicators, threshold=threshold)
    whole = hide_small_counts(aggregate_by_period(
        scoped_values(values, replace(filters, period_from=None, period_to=None)), indicators), indicators,
        threshold=threshold)
    keys = ["indicator_code", "period"]
    found = series[[*keys, "value"]].merge(whole[[*keys, "value", "hidden"]].rename(columns={"value": "whole"}),
                                          on=keys, how="left")
    # Decided on other values (the cut chose another area level) or absent from the whole: hidden where
    # the unit is a survivor count.
    other = (found["whole"].isna() & found["value"].notna()) | (found["whole"] != found["value"]) & found["whole"].notna()
    units = series["indicator_code"].map(indicators.set_index("indicator_code")["unit"])
    sensitive = units.isin(SMALL_COUNT_UNITS).to_numpy(dtype=bool)
    hidden = found["hidden"].fillna(False).to_numpy(dtype=bool) | (other.to_numpy(dtype=bool) & sensitive)
    return scoped, series.assign(value=series["value"].where(~hidden), hidden=hidden)


def reported_wider(values: pd.DataFrame, filters: Filters) -> frozenset[str]:
    """Indicators reported for a wider area than the chosen one (framework_progress's reported_wider)."""
    return frozenset(index_of(values).indicators_reported_wider(filters))


def _safe_count(value: float, threshold: int) -> bool:
    return value == 0 or value >= threshold


def rows_of_indicator(frame: pd.DataFrame, code: str) -> pd.DataFrame:
    """The rows of `frame` (values or a series) of one indicator."""
    return frame[(frame["indicator_code"] == code).to_numpy()]


def latest_values(series: pd.DataFrame, *, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """The last period's row per indicator (and `by`)."""
    ordered = series.sort_values("period_end", kind="stable")
    return ordered.groupby(["indicator_code", *by], sort=False).tail(1).reset_index(drop=True)


# Progress and status --------------------------------------------------------------------------------
def percent_of_target(latest: pd.Series, baseline: pd.Series, target: pd.Series,
                      direction: pd.Series) -> pd.Series:
    """Share of the baseline-to-target distance covered, in % (100 = target reached; may be < 0 or
    > 100). The same formula mirrors for decrease; when target == baseline, 100 if the value is at or
    past the target in the indicator's direction, else 0."""
    latest_ = latest.to_numpy(dtype=float, na_value=np.nan)
    baseline_ = baseline.to_numpy(dtype=float, na_value=np.nan)
    target_ = target.to_numpy(dtype=float, na_value=np.nan)
    decrease = (direction.astype("string") == "decrease").fillna(False).to_numpy(dtype=bool)
    span = np.where(decrease, baseline_ - target_, target_ - baseline_)
    gained = np.where(decrease, baseline_ - latest_, latest_ - baseline_)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = 100.0 * gained / span
    met = np.where(decrease, latest_ <= target_, latest_ >= target_)
    share = np.where(span == 0, np.where(met, 100.0, 0.0), share)
    return pd.Series(np.where(np.isnan(latest_), np.nan, share), index=latest.index, dtype=float)


def expected_share(start: date, as_of: pd.Series, target_date: pd.Series) -> pd.Series:
    """Share of the time from programme start to target date elapsed at `as_of`, in % (0..100)."""
    start_ = pd.Timestamp(start)
    total = (pd.to_datetime(target_date) - start_).dt.days.to_numpy(dtype=float, na_value=np.nan)
    elapsed = (pd.to_datetime(as_of) - start_).dt.days.to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, 100.0 * elapsed / total, 100.0)
    share = np.where(np.isnan(elapsed) | np.isnan(total), np.nan, np.clip(share, 0.0, 100.0))
    return pd.Series(share, index=as_of.index, dtype=float)


def classify_status(progress: pd.Series, expected: pd.Series) -> pd.Series:
    """achieved / on_track / behind / off_track / no_data, from % of target and the expected share."""
    progress_ = progress.to_numpy(dtype=float, na_value=np.nan)
    expected_ = expected.to_numpy(dtype=float, na_value=np.nan)
    conditions = [np.isnan(progress_), progress_ >= ACHIEVED_AT, progress_ >= expected_ - ON_TRACK_TOLERANCE,
                  progress_ >= expected_ - BEHIND_TOLERANCE]
    status = np.select(conditions, ["no_data", "achieved", "on_track", "behind"], default="off_track")
    return pd.Series(status, index=progress.index, dtype=object)


def with_progress(latest: pd.DataFrame, indicators: pd.DataFrame, *, start: date,
                  whole_programme: bool = True) -> pd.DataFrame:
    """Latest values joined to their indicator, with percent_of_target, expected_share and status.
    Without whole_programme, count targets (programme totals) judge nothing: status 'partial'."""
    framework = indicators[["indicator_code", "unit", "baseline", "target", "target_date", "direction"]]
    table = latest.merge(framework, on="indicator_code", how="left")
    hidden = table["hidden"].fillna(False).astype(bool) if "hidden" in table else pd.Series(False, index=table.index)
    table["as_of"] = table["period_end"]
    partial = ~target_applies(table["unit"], whole_programme=whole_programme).to_numpy(dtype=bool)
    value = table["value"].astype(float).where(~partial)
    table["percent_of_target"] = percent_of_target(value, table["baseline"], table["target"], table["direction"])
    table["expected_share"] = expected_share(start, table["as_of"], table["target_date"])
    status = classify_status(table["percent_of_target"], table["expected_share"])
    status = status.where(~(partial & table["value"].notna().to_numpy()), "partial")
    table["status"] = status.where(~hidden.to_numpy(), "hidden")
    return table


def framework_progress(indicators: pd.DataFrame, series: pd.DataFrame, *, start: date,
                       whole_programme: bool = True, reported_wider: frozenset[str] | set[str] = frozenset()
                       ) -> pd.DataFrame:
    """The results framework with the latest value, % of target and status of every indicator,
    ordered impact, outcome, output as listed. Where the filters leave no value: reported_wider for
    the codes in `reported_wider` (ValuesIndex.indicators_reported_wider), else no_data. `target_here`:
    whether the indicator's baseline and target apply to the selection (target_applies)."""
    progress = with_progress(latest_values(series), indicators, start=start, whole_programme=whole_programme)
    progress = progress.drop(columns=["unit", "baseline", "target", "target_date", "direction"])
    table = indicators.merge(progress, on="indicator_code", how="left")
    wider = table["status"].isna() & table["indicator_code"].isin(set(reported_wider))
    table["status"] = table["status"].where(~wider, "reported_wider").fillna("no_data")
    # Targets are shown only where they are set: a count target is the programme's, not a kecamatan's.
    table["target_here"] = target_applies(table["unit"], whole_programme=whole_programme).to_numpy(dtype=bool)
    table["expected_share"] = table["expected_share"].where(table["target_here"])     # expected of a target
    order = {level: i for i, level in enumerate(codes.LEVEL.values)}
    table["level_order"] = table["level"].map(order)
    return table.sort_values("level_order", kind="stable", ignore_index=True)
