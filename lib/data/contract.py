"""Pandera schemas built from the declarations in lib.data.schema.

Each check carries a name that is also its message key in lib.texts, so a failure translates
straight into a problem a programme officer can act on. Column checks come from the column's
kind; row rules (several columns at once) are declared per table in ROW_RULES.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd
import pandera.pandas as pa

from lib.data.codes import hazard_class_for
from lib.data.parse import period_start
from lib.data.schema import Column, Kind, Table


# Units that count survivors of violence: values 1..threshold-1 are never shown (lib.metrics.indicators).
CASE_COUNT_UNITS: frozenset[str] = frozenset({"cases"})


@dataclass(frozen=True)
class Reference:
    """What codes in a table are checked against: the villages table and the indicators table."""

    today: date
    village_names: dict[str, str] = field(default_factory=dict)   # code -> official name
    subdistricts: frozenset[str] = frozenset()
    regencies: frozenset[str] = frozenset()
    indicators: frozenset[str] | None = None                      # None: not checked
    percent_indicators: frozenset[str] = frozenset()              # values must lie in 0..100
    case_count_indicators: frozenset[str] = frozenset()           # reported for a regency only

    def with_indicators(self, indicators: pd.DataFrame) -> "Reference":
        """This reference, with indicator values checked against the indicators table: known codes,
        and 0..100 for the indicators measured in percent."""
        def measured_in(units: frozenset[str]) -> frozenset[str]:
            if "unit" not in indicators.columns:
                return frozenset()
            return frozenset(indicators.loc[indicators["unit"].isin(units), "indicator_code"].astype(str))

        return replace(self, indicators=frozenset(indicators["indicator_code"].astype(str)),
                       percent_indicators=measured_in(frozenset({"percent"})),
                       case_count_indicators=measured_in(CASE_COUNT_UNITS))

    @property
    def area_codes(self) -> frozenset[str]:
        return frozenset(self.village_names) | self.subdistricts | self.regencies

    @staticmethod
    def from_villages(villages: pd.DataFrame, *, today: date, indicators: frozenset[str] | None = None) -> "Reference":
        return Reference(
            today=today,
            village_names=dict(zip(villages["village_code"].astype(str), villages["village_name"].astype(str))),
            subdistricts=frozenset(villages["subdistrict_code"].astype(str)),
            regencies=frozenset(villages["regency_code"].astype(str)),
            indicators=indicators,
        )


# The one declaration of table order: tables are validated in this order, and each names the earlier
# tables its codes are checked against (a desa code against villages, an indicator against indicators).
CHECKED_AGAINST: dict[str, tuple[str, ...]] = {
    "villages": (),
    "indicators": (),
    "indicator_values": ("villages", "indicators"),
    "activities": ("villages",),
    "cases": ("villages",),
    "hazards": ("villages",),
    "events": ("villages",),
}
TABLE_ORDER: tuple[str, ...] = tuple(CHECKED_AGAINST)


def reference_for(table: str, *, today: date, tables: Callable[[str], pd.DataFrame | None]) -> Reference:
    """What `table` is checked against; `tables(name)` gives a validated table it depends on, or None
    when there is none to check against."""
    needs = CHECKED_AGAINST[table]
    reference = Reference(today=today)
    villages = tables("villages") if "villages" in needs else None
    if villages is not None:
        reference = Reference.from_villages(villages, today=today)
    indicators = tables("indicators") if "indicators" in needs else None
    if indicators is not None:
        reference = reference.with_indicators(indicators)
    return reference


def dependents_of(table: str) -> tuple[str, ...]:
    """The tables whose codes are checked against `table`."""
    return tuple(name for name, needs in CHECKED_AGAINST.items() if table in needs)


def _check(name: str, fn: Callable[[pd.Series], pd.Series]) -> pa.Check:
    return pa.Check(fn, name=name)


def _column_checks(column: Column, ref: Reference) -> list[pa.Check]:
    kind, today = column.kind, pd.Timestamp(ref.today)
    checks: dict[Kind, list[pa.Check]] = {
        Kind.COUNT: [_check("count_negative", lambda s: s >= 0),
                     _check("count_fractional", lambda s: (s % 1) == 0)],
        Kind.INDEX01: [_check("index_out_of_range", lambda s: (s >= 0) & (s <= 1))],
        Kind.LATITUDE: [_check("latitude_out_of_range", lambda s: s.abs() <= 90)],
        Kind.LONGITUDE: [_check("longitude_out_of_range", lambda s: s.abs() <= 180)],
        Kind.YEAR: [_check("year_invalid", lambda s: ((s % 1) == 0) & (s >= 1900) & (s <= ref.today.year))],
        Kind.DATE: [] if column.future_allowed else [_check("date_future", lambda s: s <= today)],
        Kind.PERIOD: [_check("period_future", lambda s: _distinct_map(s, lambda p: period_start(p) <= ref.today))],
    }.get(kind, [])
    if ref.village_names and kind == Kind.VILLAGE_CODE:
        checks.append(_check("village_unknown", lambda s: s.isin(ref.village_names.keys())))
    if ref.subdistricts and kind == Kind.SUBDISTRICT_CODE:
        checks.append(_check("subdistrict_unknown", lambda s: s.isin(ref.subdistricts)))
    if ref.village_names and kind == Kind.AREA_CODE:
        checks.append(_check("area_unknown", lambda s: s.isin(ref.area_codes)))
    if ref.indicators is not None and column.name == "indicator_code":
        checks.append(_check("indicator_unknown", lambda s: s.isin(ref.indicators)))
    return checks


@dataclass(frozen=True)
class RowRule:
    """A check across columns; `column` is where the problem is reported."""

    name: str
    column: str
    needs: frozenset[str]
    passes: Callable[..., pd.Series]   # (frame) -> ok per row; (frame, reference) when `reference`
    key: str = ""      # message key in lib.texts when it differs from the check name
    reference: bool = False

    @property
    def message_key(self) -> str:
        return self.key or self.name


def _distinct_map(values: pd.Series, fn: Callable[[object], bool]) -> pd.Series:
    """values.map(fn), computing fn once per distinct value (periods: a few dozen in millions of rows)."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    results = np.array([bool(fn(value)) for value in distinct], dtype=bool)
    return pd.Series(results[codes], index=values.index)


def _starts_with(codes: pd.Series, prefixes: pd.Series) -> pd.Series:
    """Per row: the code or the prefix is missing, or str(code).startswith(f"{prefix}.").

    Text columns are checked once per distinct (code, prefix) pair, on the pair's first row."""
    def passes(c: object, p: object) -> bool:
        return c is pd.NA or p is pd.NA or str(c).startswith(f"{p}.")

    if not (isinstance(codes.dtype, pd.StringDtype) and isinstance(prefixes.dtype, pd.StringDtype)):
        return pd.Series([passes(c, p) for c, p in zip(codes, prefixes)], index=codes.index)
    left, _ = pd.factorize(codes, use_na_sentinel=True)
    right, right_values = pd.factorize(prefixes, use_na_sentinel=True)
    pair = (left.astype(np.int64) + 1) * (len(right_values) + 1) + (right + 1)
    _, firsts, inverse = np.unique(pair, return_index=True, return_inverse=True)
    distinct = np.array([passes(codes.iat[i], prefixes.iat[i]) for i in firsts], dtype=bool)
    return pd.Series(distinct[inverse.ravel()] if len(pair) else np.zeros(0, dtype=bool), index=codes.index)


def _village_type_matches(frame: pd.DataFrame) -> pd.Series:
    digit = frame["village_code"].str.slice(9, 10)
    expected = digit.map({"1": "kelurahan", "2": "desa"})
    return expected.isna() | frame["village_type"].isna() | (expected == frame["village_type"])


def _hazard_class_matches(frame: pd.DataFrame) -> pd.Series:
    derived = frame["index"].map(lambda v: hazard_class_for(v) if pd.notna(v) else pd.NA)
    return frame["class"].isna() | derived.isna() | (frame["class"] == derived)


def _percent_in_range(frame: pd.DataFrame, ref: Reference) -> pd.Series:
    """Values of percent indicators lie in 0..100 (a value of 150% is a typing error, not progress)."""
    percent = frame["indicator_code"].isin(ref.percent_indicators).fillna(False).astype(bool)
    inside = ((frame["value"] >= 0) & (frame["value"] <= 100)).fillna(True).astype(bool)
    return ~percent | inside


def _case_counts_for_a_regency(frame: pd.DataFrame, ref: Reference) -> pd.Series:
    """Values of an indicator that counts cases of violence are reported for a regency only: a kecamatan's
    or a village's count beside the regency's would tell the other areas' by subtraction, and such a count
    is often below the smallest shown count (survivor safety)."""
    counted = frame["indicator_code"].isin(ref.case_count_indicators).fillna(False).astype(bool)
    return ~counted | frame["area_code"].isin(ref.regencies).astype(bool) | (not ref.regencies)   # unknown: not checked


def _subset_fits(part: str) -> Callable[[pd.DataFrame], pd.Series]:
    """Participants with disability (or youth) are counted within female + male."""
    def passes(frame: pd.DataFrame) -> pd.Series:
        total = frame["participants_female"] + frame["participants_male"]
        # Negative counts are reported on their own; comparing them here would only add noise.
        comparable = (frame["participants_female"] >= 0) & (frame["participants_male"] >= 0) & (frame[part] >= 0)
        return ((frame[part] <= total) | ~comparable).fillna(True).astype(bool)
    return passes


_PARTICIPANTS = frozenset({"participants_female", "participants_male"})

VILLAGE_IN_SUBDISTRICT = RowRule(
    "village_not_in_subdistrict", "village_code", frozenset({"village_code", "subdistrict_code"}),
    lambda f: _starts_with(f["village_code"], f["subdistrict_code"]))

ROW_RULES: dict[str, tuple[RowRule, ...]] = {
    "villages": (
        VILLAGE_IN_SUBDISTRICT,
        RowRule("village_type_mismatch", "village_type", frozenset({"village_code", "village_type"}),
                _village_type_matches),
    ),
    "activities": (
        RowRule("disability_subset", "participants_with_disability",
                _PARTICIPANTS | {"participants_with_disability"}, _subset_fits("participants_with_disability"),
                key="participants_subset"),
        RowRule("youth_subset", "participants_youth", _PARTICIPANTS | {"participants_youth"},
                _subset_fits("participants_youth"), key="participants_subset"),
    ),
    "cases": (
        VILLAGE_IN_SUBDISTRICT,
        RowRule("report_before_incident", "report_date", frozenset({"report_date", "incident_date"}),
                lambda f: f["incident_date"].isna() | f["report_date"].isna() | (f["report_date"] >= f["incident_date"])),
    ),
    "hazards": (
        RowRule("hazard_class_mismatch", "class", frozenset({"index", "class"}), _hazard_class_matches),
    ),
    "indicator_values": (
        RowRule("percent_out_of_range", "value", frozenset({"indicator_code", "value"}), _percent_in_range,
                reference=True),
        RowRule("case_count_below_regency", "area_code", frozenset({"indicator_code", "area_code"}),
                _case_counts_for_a_regency, reference=True),
    ),
}


def build_schema(table: Table, ref: Reference, present: set[str]) -> pa.DataFrameSchema:
    """The pandera schema for the columns of `table` that the file has."""
    columns = {
        col.name: pa.Column(nullable=not col.required or col.blank_allowed, checks=_column_checks(col, ref),
                            name=col.name)
        for col in table.columns if col.name in present
    }
    rules = [rule for rule in ROW_RULES.get(table.name, ()) if rule.needs <= present]
    frame_checks = [pa.Check(_bound(rule, ref), name=rule.name) for rule in rules]
    return pa.DataFrameSchema(columns, checks=frame_checks, strict=False, coerce=False)


def _bound(rule: RowRule, ref: Reference) -> Callable[[pd.DataFrame], pd.Series]:
    return (lambda frame: rule.passes(frame, ref)) if rule.reference else rule.passes


def row_rule(table: Table, check_name: str) -> RowRule | None:
    """The row rule behind a failed frame-level check, if it is one."""
    return next((rule for rule in ROW_RULES.get(table.name, ()) if rule.name == check_name), None)
