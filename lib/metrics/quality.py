"""Data quality: who reports when, values that look wrong, how fresh each source is, and villages
with no data. Pure functions on validated tables; the data page draws what they return.

Survivor safety: case rows are never read here. Case data appears only as its published cells
(lib.safety.publication): cases per kecamatan and year, the window's total as its row count, the
source systems by name and the newest month; and when its publication passed the audit.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.data.aggregate import Granularity, period_range
from lib.data.geo import area_levels
from lib.metrics.indicators import SMALL_COUNT_UNITS
from lib.data.parse import period_start
from lib.metrics.provenance import source_names
from lib.safety.figures import CaseView, by_subdistrict, figure, source_text
from lib.safety.publication import AuditSummary, Publication

IQR_FACTOR = 3.0                 # participants above Q3 + 3 x IQR are flagged (Tukey's "far out")
MIN_GROUP_FOR_IQR = 8            # fewer activities of a type: compare with all activities instead
PERCENT_JUMP_POINTS = 30.0       # a percentage that moves 30 points or more from one period to the next
RATIO_JUMP = 3.0                 # other units: tripled or cut to a third ...
RATIO_JUMP_MIN_BASE = 10.0       # ... when the larger of the two values is at least 10
# Columns that place a table's rows in a village. Case data is left out on purpose: a village
# missing from "no data" would reveal that it has cases.
VILLAGE_COLUMNS: dict[str, str] = {"activities": "village_code", "indicator_values": "area_code",
                                   "hazards": "village_code"}
# The column that dates each table's rows, and its kind (for "last update per source").
DATE_COLUMNS: dict[str, tuple[str, str]] = {"activities": ("date", "date"),
                                            "indicator_values": ("period", "period"), "hazards": ("year", "year"),
                                            "events": ("date", "date")}
# Tables whose rows are read only through lib.safety: left out of everything computed from rows here.
CASE_TABLES = frozenset({"cases"})


# Distinct values -----------------------------------------------------------------------------------
# A million rows hold a few dozen months and a few thousand villages: work on the distinct values
# and spread the answers back, instead of calling Python once per row.
def map_distinct(column: pd.Series, function: Callable[[object], object]) -> np.ndarray:
    """`function` of each row's value, called once per distinct value (missing values included)."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    results = np.empty(len(distinct), dtype=object)
    results[:] = [function(value) for value in distinct]
    return results[codes]


def month_labels(dates: pd.Series) -> pd.Series:
    """dates.dt.strftime('%Y-%m') (missing for a missing date), formatted once per distinct month."""
    months = dates.to_numpy().astype("datetime64[M]").view("int64")   # NaT stays NaT, as the smallest int64
    codes, distinct = pd.factorize(months)
    labels = pd.Series(distinct.view("datetime64[M]").astype("datetime64[ns]")).dt.strftime("%Y-%m")
    return labels.take(codes).set_axis(dates.index).rename(dates.name)


def distinct_strings(column: pd.Series) -> set[str]:
    """The column's values present, as text."""
    return set(pd.Series(column.dropna().unique()).astype(str))


# Completeness ------------------------------------------------------------------------------------
def period_span(periods: pd.Series) -> list[str]:
    """Every period from the first to the last: months 'YYYY-MM' and quarters 'YYYY-Qn', each
    kind spanning its own range, in time order."""
    present = pd.Series(pd.Series(periods).dropna().unique()).astype(str)   # the span needs only min and max
    span: list[str] = []
    for is_quarter, granularity in ((False, Granularity.MONTH), (True, Granularity.QUARTER)):
        kind = present[present.str.contains("Q") == is_quarter]
        if kind.empty:
            continue
        starts = pd.to_datetime(kind.map(lambda p: period_start(p).isoformat()))
        span += period_range(starts.min(), starts.max(), granularity)
    return sorted(span, key=lambda p: (period_start(p), p))


def villages_reporting(frame: pd.DataFrame, *, area_column: str, periods: pd.Series) -> pd.DataFrame:
    """Per period in the span: villages with at least one row, and rows (periods with none included)."""
    area_codes, areas = pd.factorize(frame[area_column])                       # a missing area: -1
    period_codes, labels = pd.factorize(periods.astype("string"))              # a missing period: -1
    is_village = (area_levels(pd.Series(areas)) == "village").fillna(False).to_numpy(bool)
    kept = (area_codes >= 0) & (period_codes >= 0)
    kept[kept] = is_village[area_codes[kept]]            # rows with a period and a village code
    period_codes, area_codes = period_codes[kept], area_codes[kept]
    width = max(len(areas), 1)                           # one number per (period, village) pair
    pairs = np.unique(period_codes.astype(np.int64) * width + area_codes)
    villages = np.bincount(pairs // width, minlength=len(labels))
    counts = np.bincount(period_codes, minlength=len(labels))
    index = pd.Index(labels.astype(str))
    span = period_span(pd.Series(labels))
    villages = pd.Series(villages, index=index).reindex(span, fill_value=0)
    counts = pd.Series(counts, index=index).reindex(span, fill_value=0)
    return pd.DataFrame({"period": span, "villages": villages.to_numpy(dtype=int), "rows": counts.to_numpy(dtype=int)})


def activity_reporting(activities: pd.DataFrame) -> pd.DataFrame:
    """Villages with at least one activity, per month from the first to the last activity."""
    months = month_labels(activities["date"])
    return villages_reporting(activities, area_column="village_code", periods=months)


def value_reporting(values: pd.DataFrame) -> pd.DataFrame:
    """Villages with at least one indicator value, per reporting period (months and quarters)."""
    return villages_reporting(values, area_column="area_code", periods=values["period"])


def missing_periods(reporting: pd.DataFrame) -> list[str]:
    """Periods inside the span in which no village reported."""
    return reporting.loc[reporting["villages"] == 0, "period"].tolist()


def case_reporting(publication: Publication, villages: pd.DataFrame) -> pd.DataFrame:
    """Published cases per kecamatan and calendar year ('<5', '–' where hidden, 0 where none), the
    cells the violence page and the map show. Columns: subdistrict_code, year, value (NaN where not
    shown), state (lib.safety.suppress.CellState), subdistrict_name."""
    parts = []
    for year in publication.years:
        found = by_subdistrict(publication, CaseView(years=(year,)), strict=True)
        parts.append(pd.DataFrame({"subdistrict_code": found.values.index, "year": year,
                                   "value": found.values.to_numpy(dtype=float),
                                   "state": pd.Series(found.states.to_numpy(), dtype=object)}))
    empty = pd.DataFrame({"subdistrict_code": pd.Series(dtype=object), "year": pd.Series(dtype=int),
                          "value": pd.Series(dtype=float), "state": pd.Series(dtype=object)})
    table = pd.concat(parts, ignore_index=True) if parts else empty
    names = dict(zip(villages["subdistrict_code"], villages["subdistrict_name"]))
    return table.assign(subdistrict_name=table["subdistrict_code"].map(names).fillna(table["subdistrict_code"]))


def case_freshness(publication: Publication) -> dict:
    """The case table's row of 'last update per source': its systems, newest month, published total."""
    total, state = figure(publication, CaseView()).single
    return {"table": "cases", "source": source_text(publication), "last": publication.last_month or "",
            "rows": float("nan") if total is None else total, "rows_state": state}


# Outliers ----------------------------------------------------------------------------------------
def far_out_threshold(values: pd.Series) -> float | None:
    """Q3 + IQR_FACTOR x IQR of `values`, or None when there are none."""
    clean = values.dropna().astype(float)
    if clean.empty:
        return None
    q1, q3 = clean.quantile(0.25), clean.quantile(0.75)
    return float(q3 + IQR_FACTOR * (q3 - q1))


def participant_outliers(activities: pd.DataFrame) -> pd.DataFrame:
    """Activities with more participants than Q3 + 3 x IQR of their activity type (or of all
    activities when the type has fewer than MIN_GROUP_FOR_IQR)."""
    columns = ["activity_id", "date", "village_code", "activity_type", "participants", "threshold"]
    if activities.empty:
        return pd.DataFrame(columns=columns)
    total = activities["participants_female"] + activities["participants_male"]
    frame = activities.assign(participants=total.astype(float))
    overall = far_out_threshold(frame["participants"])
    sizes = frame.groupby("activity_type")["participants"].transform("size")
    by_type = frame.groupby("activity_type")["participants"].transform(lambda s: far_out_threshold(s))
    frame = frame.assign(threshold=by_type.where(sizes >= MIN_GROUP_FOR_IQR, overall))
    flagged = frame[frame["participants"] > frame["threshold"]]
    return flagged[columns].sort_values("participants", ascending=False).reset_index(drop=True)


def _units(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.Series:
    """Each value's unit (missing for an unknown indicator), looked up once per indicator."""
    units = dict(zip(indicators["indicator_code"], indicators["unit"]))
    codes, distinct = pd.factorize(values["indicator_code"], use_na_sentinel=False)
    return pd.Series(distinct).map(units).take(codes).set_axis(values.index).rename("unit")


def negative_values(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Values below zero, which no count allows. (A percentage outside 0..100 never gets here: the
    validator refuses it.) Values of units that count survivors are listed without the value."""
    rows = (values["value"] < 0).fillna(False).to_numpy(dtype=bool)   # only flagged rows are copied
    unit = _units(values, indicators)[rows]
    flagged = values[rows].assign(unit=unit)
    flagged = flagged.assign(value=flagged["value"].where(~flagged["unit"].isin(SMALL_COUNT_UNITS)))
    return flagged[["indicator_code", "area_code", "period", "value", "unit"]].reset_index(drop=True)


SERIES_KEYS = ["indicator_code", "area_code", "sex", "age_group", "disability"]


def text_codes(column: pd.Series) -> np.ndarray:
    """Integer codes of column.astype("string").fillna(""): equal for equal texts, and ordered as the
    texts sort (so sorting the codes sorts the rows as sorting the texts would, far faster)."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)           # a missing value is one too
    ranks, _ = pd.factorize(pd.Series(distinct).astype("string").fillna(""), sort=True)
    return ranks[codes]


def series_order(codes: list[np.ndarray], starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row positions sorted by the key codes (text_codes), key by key, then by `starts`; and for each
    sorted row whether it opens a series (its keys differ from the row before). The sort is stable:
    rows with equal keys and start keep their table order, as sort_values kept them."""
    series = np.zeros(len(starts), dtype=np.int64)
    for code in codes:      # one number per combination of keys, made dense again after each key
        series = pd.factorize(series * (int(code.max()) + 1 if len(code) else 1) + code, sort=True)[0]
    order = np.lexsort([starts, series])
    ordered = series[order]
    return order, np.concatenate([np.ones(min(len(order), 1), dtype=bool), ordered[1:] != ordered[:-1]])


def jump_flags(previous: np.ndarray, value: np.ndarray, is_percent: np.ndarray) -> np.ndarray:
    """Whether each value jumped from the previous one: PERCENT_JUMP_POINTS for a percentage; for
    other units RATIO_JUMP times up or down, or a fall to zero, when the larger is RATIO_JUMP_MIN_BASE
    or more. A missing value (NaN) never jumps."""
    larger = np.fmax(np.abs(value), np.abs(previous))
    smaller = np.fmin(np.abs(value), np.abs(previous))
    # A rise from zero is how a count starts; a fall to zero is worth a look.
    to_zero = (value == 0) & (previous != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = larger / np.where(smaller > 0, smaller, np.nan)
    ratio_jump = (larger >= RATIO_JUMP_MIN_BASE) & (to_zero | (ratio >= RATIO_JUMP))
    return np.where(is_percent, np.abs(value - previous) >= PERCENT_JUMP_POINTS, ratio_jump)


def value_jumps(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Consecutive values of one series (indicator, area, group) that jump: 30 points or more for a
    percentage; for other units x3, /3 or a fall to zero (when the larger value is at least 10).
    Units that count survivors are left out."""
    columns = [*SERIES_KEYS, "previous_period", "period", "previous", "value", "unit"]
    unit = _units(values, indicators)
    kept = np.flatnonzero(~unit.isin(SMALL_COUNT_UNITS).to_numpy(dtype=bool))
    if not len(kept):
        return pd.DataFrame(columns=columns)
    # Work on integer positions and codes; rows are copied from the table only for the jumps found.
    starts = map_distinct(values["period"].iloc[kept], lambda p: period_start(p).toordinal()).astype(np.int64)
    order, first = series_order([text_codes(values[key])[kept] for key in SERIES_KEYS], starts)
    sorted_rows = kept[order]
    value = values["value"].to_numpy(dtype=float, na_value=np.nan)[sorted_rows]
    previous = np.where(first, np.nan, np.roll(value, 1))
    is_percent = (unit == "percent").to_numpy(dtype=bool, na_value=False)[sorted_rows]
    jumped = np.flatnonzero(~np.isnan(previous) & jump_flags(previous, value, is_percent))
    rows, previous_rows = sorted_rows[jumped], sorted_rows[jumped - 1]
    found = values.iloc[rows].assign(**{key: values[key].iloc[rows].astype("string").fillna("") for key in SERIES_KEYS},
                                     previous_period=values["period"].iloc[previous_rows].array,
                                     previous=values["value"].iloc[previous_rows].array, unit=unit.iloc[rows])
    return found[columns].reset_index(drop=True)


# Freshness and coverage --------------------------------------------------------------------------
def _latest_label(column: pd.Series, kind: str) -> str:
    clean = column.dropna()
    if clean.empty:
        return ""
    if kind == "date":
        return clean.max().date().isoformat()
    if kind == "month":
        return clean.max().strftime("%Y-%m")
    if kind == "period":
        return max(pd.Series(clean.unique()).astype(str), key=lambda p: (period_start(p), p))
    return str(int(clean.max()))


def last_update_by_source(tables: Mapping[str, pd.DataFrame], publication: Publication | None = None
                          ) -> pd.DataFrame:
    """Per table and source: the latest date and the rows; case data as case_freshness."""
    records = []
    for table, (column, kind) in DATE_COLUMNS.items():
        frame = tables.get(table)
        if frame is None or frame.empty or "source" not in frame.columns:
            continue
        # Only the date column is split by source: splitting every column costs seconds at a million rows.
        for source, dates in frame[column].groupby(frame["source"].fillna(""), sort=True):
            records.append({"table": table, "source": source, "last": _latest_label(dates, kind),
                            "rows": float(len(dates)), "rows_state": None})
    if publication is not None and not publication.empty:
        records.append(case_freshness(publication))
    return pd.DataFrame(records, columns=["table", "source", "last", "rows", "rows_state"])


def villages_with_data(tables: Mapping[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Per table (activities, indicator values, hazards): the villages it has rows for."""
    return {table: distinct_strings(tables[table][column]) for table, column in VILLAGE_COLUMNS.items()
            if table in tables}


def villages_without_data(villages: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Villages with no row in any of the activities, indicator values and hazards tables."""
    covered = set().union(*villages_with_data(tables).values()) if tables else set()
    missing = villages[~villages["village_code"].isin(covered)]
    return missing[["village_code", "village_name", "subdistrict_name"]].sort_values(
        ["subdistrict_name", "village_name"]).reset_index(drop=True)


def coverage(villages: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per table: villages with data, of all villages."""
    covered = villages_with_data(tables)
    known = set(villages["village_code"])
    return pd.DataFrame([{"table": table, "villages": len(codes & known), "of": len(known)}
                         for table, codes in covered.items()], columns=["table", "villages", "of"])


# The whole panel -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class QualityReport:
    """Everything the data quality panel shows, for one version of the tables; no language in it,
    so one report serves every session (lib.ui.cache.quality_report). None: the table is missing."""
    coverage: pd.DataFrame
    activity_reporting: pd.DataFrame | None
    value_reporting: pd.DataFrame | None
    case_reporting: pd.DataFrame | None
    participant_outliers: pd.DataFrame | None
    negative_values: pd.DataFrame | None          # None also without the indicators table
    value_jumps: pd.DataFrame | None              # likewise
    last_update_by_source: pd.DataFrame
    villages_without_data: pd.DataFrame
    sources: dict[str, str]                       # per table, for the source lines (lib.metrics.provenance.source_names)
    latest: dict[str, pd.Timestamp | str | None]  # activities: the latest date; cases: the month ('YYYY-MM')
    case_audit: AuditSummary | None               # when the case publication passed its audit


def quality_report(tables: Mapping[str, pd.DataFrame], publication: Publication | None = None) -> QualityReport:
    """The data quality panel's numbers for `tables` (villages always among them; case rows are left
    out) and the published case statistics, if any."""
    tables = {name: frame for name, frame in tables.items() if name not in CASE_TABLES}
    villages = tables["villages"]
    activities, values = tables.get("activities"), tables.get("indicator_values")
    indicators = tables.get("indicators")
    with_units = values is not None and indicators is not None
    sources = {name: source_names(frame) for name, frame in tables.items()}
    latest: dict[str, pd.Timestamp | str | None] = {}
    if activities is not None:
        latest["activities"] = activities["date"].max() if len(activities) else None
    if publication is not None:
        sources["cases"], latest["cases"] = source_text(publication), publication.last_month
    return QualityReport(
        coverage=coverage(villages, tables),
        activity_reporting=None if activities is None else activity_reporting(activities),
        value_reporting=None if values is None else value_reporting(values),
        case_reporting=None if publication is None else case_reporting(publication, villages),
        participant_outliers=None if activities is None else participant_outliers(activities),
        negative_values=negative_values(values, indicators) if with_units else None,
        value_jumps=value_jumps(values, indicators) if with_units else None,
        last_update_by_source=last_update_by_source(tables, publication),
        villages_without_data=villages_without_data(villages, tables),
        sources=sources,
        latest=latest,
        case_audit=None if publication is None else publication.audit,
    )
