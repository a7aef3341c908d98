"""Data quality: who reports when, values that look wrong, how fresh each source is, and villages
with no data. Pure functions on validated tables; the data page draws what they return.

Survivor safety: nothing here counts cases per village or per month. Case data is summarised as
months with at least one report per kecamatan (a count of months, never of cases), and row counts
per source pass through lib.suppress.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lib.aggregate import Granularity, period_range
from lib.indicators import SMALL_COUNT_UNITS
from lib.parse import period_start
from lib.suppress import safe_total

IQR_FACTOR = 3.0                 # participants above Q3 + 3 x IQR are flagged (Tukey's "far out")
MIN_GROUP_FOR_IQR = 8            # fewer activities of a type: compare with all activities instead
PERCENT_JUMP_POINTS = 30.0       # a percentage that moves 30 points or more from one period to the next
RATIO_JUMP = 3.0                 # other units: tripled or cut to a third ...
RATIO_JUMP_MIN_BASE = 10.0       # ... when the larger of the two values is at least 10
SILENT_MONTHS = 6                # a kecamatan with no case report in the last 6 months of the data
VILLAGE_CODE_LENGTH = 13         # 53.01.04.2003
# Columns that place a table's rows in a village. Case data is left out on purpose: a village
# missing from "no data" would reveal that it has cases.
VILLAGE_COLUMNS: dict[str, str] = {"activities": "village_code", "indicator_values": "area_code",
                                   "hazards": "village_code"}
# The column that dates each table's rows, and its kind (for "last update per source").
DATE_COLUMNS: dict[str, tuple[str, str]] = {"activities": ("date", "date"), "cases": ("report_date", "month"),
                                            "indicator_values": ("period", "period"), "hazards": ("year", "year"),
                                            "events": ("date", "date")}
SENSITIVE_TABLES = frozenset({"cases"})


# Completeness ------------------------------------------------------------------------------------
def period_span(periods: pd.Series) -> list[str]:
    """Every period from the first to the last: months 'YYYY-MM' and quarters 'YYYY-Qn', each
    kind spanning its own range, in time order."""
    present = pd.Series(periods).dropna().astype(str)
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
    is_village = frame[area_column].astype("string").str.len() == VILLAGE_CODE_LENGTH
    rows = pd.DataFrame({"period": periods.astype("string"), "village": frame[area_column].astype("string")})
    rows = rows[is_village.fillna(False).to_numpy()]
    span = period_span(periods)
    villages = rows.groupby("period")["village"].nunique().reindex(span, fill_value=0)
    counts = rows.groupby("period").size().reindex(span, fill_value=0)
    return pd.DataFrame({"period": span, "villages": villages.to_numpy(dtype=int), "rows": counts.to_numpy(dtype=int)})


def activity_reporting(activities: pd.DataFrame) -> pd.DataFrame:
    """Villages with at least one activity, per month from the first to the last activity."""
    months = activities["date"].dt.strftime("%Y-%m")
    return villages_reporting(activities, area_column="village_code", periods=months)


def value_reporting(values: pd.DataFrame) -> pd.DataFrame:
    """Villages with at least one indicator value, per reporting period (months and quarters)."""
    return villages_reporting(values, area_column="area_code", periods=values["period"])


def missing_periods(reporting: pd.DataFrame) -> list[str]:
    """Periods inside the span in which no village reported."""
    return reporting.loc[reporting["villages"] == 0, "period"].tolist()


def case_reporting(cases: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    """Per kecamatan: months with at least one case report, of the months in the data's span, and
    whether it has been silent for the last SILENT_MONTHS months. Counts months, never cases."""
    kecamatan = villages[["subdistrict_code", "subdistrict_name"]].drop_duplicates().sort_values("subdistrict_name")
    months = cases["report_date"].dt.strftime("%Y-%m")
    span = period_span(months) if len(cases) else []
    with_reports = pd.DataFrame({"kecamatan": cases["subdistrict_code"], "month": months}).drop_duplicates()
    per_kecamatan = with_reports.groupby("kecamatan")["month"].agg(["nunique", "max"])
    recent = set(span[-SILENT_MONTHS:])
    table = kecamatan.assign(
        months_with_reports=kecamatan["subdistrict_code"].map(per_kecamatan["nunique"]).fillna(0).astype(int),
        months_in_span=len(span),
        last_month=kecamatan["subdistrict_code"].map(per_kecamatan["max"]),
    )
    silent = ~table["subdistrict_code"].isin(with_reports.loc[with_reports["month"].isin(recent), "kecamatan"])
    return table.assign(silent=silent & bool(span)).reset_index(drop=True)


def months_without_case_reports(cases: pd.DataFrame) -> list[str]:
    """Months inside the span of the case data in which no case was reported anywhere."""
    months = cases["report_date"].dt.strftime("%Y-%m")
    return sorted(set(period_span(months)) - set(months.dropna()))


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


def _with_units(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    units = dict(zip(indicators["indicator_code"], indicators["unit"]))
    return values.assign(unit=values["indicator_code"].map(units))


def out_of_range_values(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Values no unit allows: a percentage outside 0..100, a negative count. Values of units that
    count survivors are listed without the value."""
    frame = _with_units(values, indicators)
    percent = frame["unit"] == "percent"
    problem = pd.Series(pd.NA, index=frame.index, dtype="string")
    problem[percent & (frame["value"] > 100)] = "percent_above_100"
    problem[(frame["value"] < 0)] = "negative"
    flagged = frame.assign(problem=problem)[problem.notna()]
    flagged = flagged.assign(value=flagged["value"].where(~flagged["unit"].isin(SMALL_COUNT_UNITS)))
    return flagged[["indicator_code", "area_code", "period", "value", "unit", "problem"]].reset_index(drop=True)


SERIES_KEYS = ["indicator_code", "area_code", "sex", "age_group", "disability"]


def value_jumps(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Consecutive values of one series (indicator, area, group) that jump: 30 points or more for a
    percentage; for other units x3, /3 or a fall to zero (when the larger value is at least 10).
    Units that count survivors are left out."""
    columns = [*SERIES_KEYS, "previous_period", "period", "previous", "value", "unit"]
    frame = _with_units(values, indicators)
    frame = frame[~frame["unit"].isin(SMALL_COUNT_UNITS)]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    keys = frame[SERIES_KEYS].astype("string").fillna("")
    frame = frame.assign(**{k: keys[k] for k in SERIES_KEYS}, start=frame["period"].map(period_start))
    frame = frame.sort_values([*SERIES_KEYS, "start"])
    grouped = frame.groupby(SERIES_KEYS, sort=False)
    frame = frame.assign(previous=grouped["value"].shift(), previous_period=grouped["period"].shift())
    pairs = frame[frame["previous"].notna()]
    change = (pairs["value"] - pairs["previous"]).abs()
    larger = pairs[["value", "previous"]].abs().max(axis=1)
    smaller = pairs[["value", "previous"]].abs().min(axis=1)
    is_percent = pairs["unit"] == "percent"
    # A rise from zero is how a count starts; a fall to zero is worth a look.
    to_zero = (pairs["value"] == 0) & (pairs["previous"] != 0)
    ratio_jump = (larger >= RATIO_JUMP_MIN_BASE) & (to_zero | (larger / smaller.where(smaller > 0) >= RATIO_JUMP))
    jumped = (is_percent & (change >= PERCENT_JUMP_POINTS)) | (~is_percent & ratio_jump.fillna(False))
    return pairs[jumped.astype(bool)][columns].reset_index(drop=True)


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
        return max(clean.astype(str), key=lambda p: (period_start(p), p))
    return str(int(clean.max()))


def last_update_by_source(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per table and source: the latest date (month for case data), and the rows, with `rows`
    missing where a case count from 1 to 4 would show."""
    records = []
    for table, (column, kind) in DATE_COLUMNS.items():
        frame = tables.get(table)
        if frame is None or frame.empty or "source" not in frame.columns:
            continue
        for source, rows in frame.groupby(frame["source"].fillna(""), sort=True):
            count, state = (safe_total(len(rows)) if table in SENSITIVE_TABLES else (float(len(rows)), None))
            records.append({"table": table, "source": source, "last": _latest_label(rows[column], kind),
                            "rows": count, "rows_state": state})
    return pd.DataFrame(records, columns=["table", "source", "last", "rows", "rows_state"])


def villages_with_data(tables: Mapping[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Per table (activities, indicator values, hazards): the villages it has rows for."""
    return {table: set(tables[table][column].dropna().astype(str)) for table, column in VILLAGE_COLUMNS.items()
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
