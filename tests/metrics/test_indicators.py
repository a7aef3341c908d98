"""Progress computations (lib.metrics.indicators, lib.metrics.reach): hand-computed tables of input -> expected."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from lib.metrics import indicators as ind
from lib.metrics import reach as reach
from tests.metrics import reference_values as reference
from lib.data.filters import Filters

START = date(2024, 7, 1)
# 2024-07-01 -> 2026-06-30 is 729 days; -> 2025-12-31 is 548 days.
TARGET_DATE = pd.Timestamp("2026-06-30")


def one(value: float | None) -> pd.Series:
    return pd.Series([np.nan if value is None else value], dtype=float)


# % of target ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("latest, baseline, target, direction, expected", [
    (35.0, 24.0, 50.0, "increase", 100 * 11 / 26),      # part way
    (50.0, 24.0, 50.0, "increase", 100.0),              # exactly the target
    (60.0, 24.0, 50.0, "increase", 100 * 36 / 26),      # beyond the target: kept, not capped
    (20.0, 24.0, 50.0, "increase", -100 * 4 / 26),      # worse than baseline
    (30.0, 40.0, 20.0, "decrease", 50.0),               # decrease: half way down
    (10.0, 40.0, 20.0, "decrease", 150.0),              # decrease beyond the target
    (45.0, 40.0, 20.0, "decrease", -25.0),              # decrease, went up instead
    (5.0, 5.0, 5.0, "increase", 100.0),                 # target == baseline, kept
    (4.0, 5.0, 5.0, "increase", 0.0),                   # target == baseline, fell
    (4.0, 5.0, 5.0, "decrease", 100.0),                 # target == baseline, decrease, kept down
    (6.0, 5.0, 5.0, "decrease", 0.0),                   # target == baseline, decrease, went up
    (None, 24.0, 50.0, "increase", None),               # no value
])
def test_percent_of_target(latest, baseline, target, direction, expected) -> None:
    result = ind.percent_of_target(one(latest), one(baseline), one(target), pd.Series([direction])).iloc[0]
    if expected is None:
        assert np.isnan(result)
    else:
        assert result == pytest.approx(expected)


@pytest.mark.parametrize("as_of, target_date, expected", [
    ("2025-12-31", "2026-06-30", 100 * 548 / 729),
    ("2024-07-01", "2026-06-30", 0.0),                   # at the start
    ("2024-01-31", "2026-06-30", 0.0),                   # as-of before start: clipped to 0
    ("2026-06-30", "2026-06-30", 100.0),                 # at the target date
    ("2027-01-31", "2026-06-30", 100.0),                 # after the target date: clipped to 100
    ("2025-01-31", "2024-06-30", 100.0),                 # target date before start: all time elapsed
])
def test_expected_share(as_of: str, target_date: str, expected: float) -> None:
    result = ind.expected_share(START, pd.Series([pd.Timestamp(as_of)]), pd.Series([pd.Timestamp(target_date)]))
    assert result.iloc[0] == pytest.approx(expected)


def test_expected_share_without_date_is_missing() -> None:
    result = ind.expected_share(START, pd.Series([pd.NaT]), pd.Series([TARGET_DATE]))
    assert np.isnan(result.iloc[0])


@pytest.mark.parametrize("progress, expected_share, status", [
    (100.0, 75.0, "achieved"),
    (130.0, 75.0, "achieved"),
    (100.0, 100.0, "achieved"),
    (80.0, 75.0, "on_track"),
    (65.0, 75.0, "on_track"),          # exactly 10 points short
    (64.9, 75.0, "behind"),
    (50.0, 75.0, "behind"),            # exactly 25 points short
    (49.9, 75.0, "off_track"),
    (-20.0, 75.0, "off_track"),        # worse than baseline
    (0.0, 0.0, "on_track"),            # nothing expected yet
    (None, 75.0, "no_data"),
])
def test_classify_status(progress, expected_share, status) -> None:
    assert ind.classify_status(one(progress), one(expected_share)).iloc[0] == status


def test_status_thresholds_are_declared_and_ordered() -> None:
    assert ind.ON_TRACK_TOLERANCE < ind.BEHIND_TOLERANCE
    assert set(ind.STATUSES) >= {"achieved", "on_track", "behind", "off_track", "no_data"}


# Periods --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("period, end", [("2024-Q3", date(2024, 9, 30)), ("2025-Q4", date(2025, 12, 31)),
                                         ("2024-02", date(2024, 2, 29)), ("2025-01", date(2025, 1, 31))])
def test_period_end(period: str, end: date) -> None:
    assert ind.period_end(period) == end


@pytest.mark.parametrize("periods, start", [([], date(2024, 8, 1)), (["2025-Q1", "2024-Q3"], date(2024, 7, 1)),
                                            (["2024-09", "2024-Q4"], date(2024, 9, 1))])
def test_programme_start(periods: list[str], start: date) -> None:
    values = pd.DataFrame({column: pd.Series([None] * len(periods), dtype="string")
                           for column in ("indicator_code", "area_code", "sex", "age_group", "disability")})
    assert ind.programme_start(values.assign(period=pd.Series(periods, dtype="string"))) == start


# Which rows count, and how they add up ---------------------------------------------------------------
def framework(**overrides) -> pd.DataFrame:
    rows = [
        # code, level, unit, baseline, target, direction, disaggregations
        ("PCT", "impact", "percent", 20.0, 60.0, "increase", "sex"),
        ("CNT", "output", "people", 0.0, 100.0, "increase", "sex;disability"),
        ("CAS", "outcome", "cases", 0.0, 40.0, "increase", None),
    ]
    frame = pd.DataFrame(rows, columns=["indicator_code", "level", "unit", "baseline", "target", "direction",
                                        "disaggregations"])
    frame["name_id"] = frame["indicator_code"] + " id"
    frame["name_en"] = frame["indicator_code"] + " en"
    frame["target_date"] = TARGET_DATE
    frame["source"] = "framework"
    for column, value in overrides.items():
        frame[column] = value
    return frame.astype({"indicator_code": "string", "unit": "string", "disaggregations": "string"})


def values_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["indicator_code", "area_code", "period", "sex", "age_group", "disability",
                                        "value"])
    frame["source"] = "report"
    return frame.astype({c: "string" for c in ("indicator_code", "area_code", "period", "sex", "age_group",
                                                "disability", "source")} | {"value": "Float64"})


A, B, C = "53.01.04.2001", "53.01.04.2002", "53.01.05.2001"   # two villages in one kecamatan, one in another
VALUES = values_frame([
    ("PCT", A, "2025-Q1", None, None, None, 30.0),
    ("PCT", B, "2025-Q1", None, None, None, 50.0),
    ("PCT", C, "2025-Q1", None, None, None, 70.0),
    ("PCT", A, "2025-Q1", "perempuan", None, None, 20.0),
    ("PCT", B, "2025-Q1", "perempuan", None, None, 40.0),
    ("CNT", "53.01", "2025-Q1", None, None, None, 90.0),       # regency total
    ("CNT", A, "2025-Q1", None, None, None, 3.0),              # villages (part of the total)
    ("CNT", B, "2025-Q1", None, None, None, 4.0),
    ("CNT", "53.01", "2025-Q1", "perempuan", None, None, 60.0),
    ("CNT", "53.01", "2025-Q1", "laki_laki", None, None, 30.0),
    ("CNT", "53.01", "2025-Q1", None, None, "ya", 8.0),
    ("CNT", "53.01", "2024-Q4", None, None, None, 40.0),
])


@pytest.mark.parametrize("filters, expected", [
    # no area filter: the regency row for CNT (its villages are not added), villages averaged for PCT
    (Filters(), {("PCT", "2025-Q1"): 50.0, ("CNT", "2025-Q1"): 90.0, ("CNT", "2024-Q4"): 40.0}),
    # a kecamatan: its villages only, never the regency row; percentages averaged, counts summed
    (Filters(subdistricts=("53.01.04",)), {("PCT", "2025-Q1"): 40.0, ("CNT", "2025-Q1"): 7.0}),
    # one desa
    (Filters(subdistricts=("53.01.04",), villages=(B,)), {("PCT", "2025-Q1"): 50.0, ("CNT", "2025-Q1"): 4.0}),
    # a sex filter selects the disaggregated rows, never the totals
    (Filters(sexes=("perempuan",)), {("PCT", "2025-Q1"): 30.0, ("CNT", "2025-Q1"): 60.0}),
    # both sexes: counts add up to the total, percentages are averaged
    (Filters(sexes=("perempuan", "laki_laki")), {("PCT", "2025-Q1"): 30.0, ("CNT", "2025-Q1"): 90.0}),
    # a period filter keeps overlapping quarters only
    (Filters(period_from="2024-11", period_to="2024-12"), {("CNT", "2024-Q4"): 40.0}),
])
def test_scoped_values_aggregate_by_unit(filters: Filters, expected: dict) -> None:
    series = ind.aggregate_by_period(ind.scoped_values(VALUES, filters), framework())
    assert {(r.indicator_code, r.period): r.value for r in series.itertuples()} == pytest.approx(expected)


def test_aggregation_is_declared_for_every_unit() -> None:
    from lib.data.codes import UNIT
    assert set(ind.UNIT_AGGREGATION) == set(UNIT.values)
    assert ind.UNIT_AGGREGATION["percent"] == "mean"


def test_aggregate_of_nothing_is_empty() -> None:
    assert ind.aggregate_by_period(VALUES.iloc[0:0], framework()).empty


def test_village_level_rows_only() -> None:
    rows = ind.scoped_values(VALUES, Filters(), village_level=True)
    assert set(rows["area_code"]) == {A, B, C}


@pytest.mark.parametrize("values, shown", [
    ([2, 5, 7, 8, 8, 14], [None, 5, None, None, None, 14]),   # small, then differences 2, 3, 3 hidden
    ([0, 0, 6, 12], [0, 0, 6, 12]),                           # zero is safe; differences of 0, 6, 6
    ([5, 9, 10], [5, None, 10]),                              # 9 - 5 = 4 would reveal four cases
])
def test_cumulative_case_counts_never_reveal_1_to_4(values: list[int], shown: list) -> None:
    periods = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"][:len(values)]
    series = pd.DataFrame({"indicator_code": "CAS", "period": periods, "value": [float(v) for v in values],
                           "rows": 1})
    series["period_end"] = ind.period_ends(series["period"])
    result = ind.hide_small_counts(series, framework(), threshold=5)
    assert [None if pd.isna(v) else v for v in result["value"]] == shown
    assert result["hidden"].tolist() == [v is None for v in shown]


def test_other_units_are_never_hidden() -> None:
    series = pd.DataFrame({"indicator_code": "CNT", "period": ["2025-Q1"], "value": [2.0], "rows": 1})
    series["period_end"] = ind.period_ends(series["period"])
    assert ind.hide_small_counts(series, framework(), threshold=5)["value"].tolist() == [2.0]


# The framework table ---------------------------------------------------------------------------------------
def test_framework_progress_whole_programme() -> None:
    series = ind.hide_small_counts(ind.aggregate_by_period(ind.scoped_values(VALUES, Filters()), framework()),
                                   framework())
    table = ind.framework_progress(framework(), series, start=START).set_index("indicator_code")
    # PCT: mean 50 -> (50 - 20) / (60 - 20) = 75 %; as of 2025-03-31: 273 of 729 days elapsed = 37.4 %
    assert table.loc["PCT", "percent_of_target"] == pytest.approx(75.0)
    assert table.loc["PCT", "expected_share"] == pytest.approx(100 * 273 / 729)
    assert table.loc["PCT", "status"] == "on_track"                          # 75 >= 37.4 - 10, below 100
    assert table.loc["CNT", "value"] == 90.0 and table.loc["CNT", "percent_of_target"] == pytest.approx(90.0)
    assert table.loc["CAS", "status"] == "no_data"
    assert table["level"].tolist() == ["impact", "outcome", "output"]      # ordered by level


def test_count_targets_do_not_judge_a_part() -> None:
    filters = Filters(subdistricts=("53.01.04",))
    series = ind.aggregate_by_period(ind.scoped_values(VALUES, filters), framework())
    table = ind.framework_progress(framework(), ind.hide_small_counts(series, framework()), start=START,
                                   whole_programme=ind.covers_whole_programme(filters, VALUES)).set_index("indicator_code")
    assert table.loc["CNT", "status"] == "partial" and np.isnan(table.loc["CNT", "percent_of_target"])
    assert table.loc["CNT", "value"] == 7.0                                  # the value itself is still shown
    assert table.loc["PCT", "percent_of_target"] == pytest.approx(50.0)      # (40 - 20) / 40


def test_the_whole_programme_is_every_group_and_every_area_the_values_report_from() -> None:
    areas = set(VALUES["area_code"])
    regencies = tuple(sorted({code[:5] for code in areas}))
    assert ind.covers_whole_programme(Filters(), VALUES)
    assert ind.covers_whole_programme(Filters(regencies=regencies), VALUES)          # the programme's regency
    assert ind.covers_whole_programme(Filters(regencies=(*regencies, "53.02")), VALUES)
    assert not ind.covers_whole_programme(Filters(regencies=("53.02",)), VALUES)
    assert not ind.covers_whole_programme(Filters(subdistricts=("53.01.04",)), VALUES)
    assert not ind.covers_whole_programme(Filters(regencies=regencies, sexes=("perempuan",)), VALUES)
    assert not ind.covers_whole_programme(Filters(regencies=regencies))               # without the values: a part


def test_targets_are_shown_only_where_they_are_set() -> None:
    filters = Filters(subdistricts=("53.01.04",))
    series = ind.aggregate_by_period(ind.scoped_values(VALUES, filters), framework())
    part = ind.framework_progress(framework(), series, start=START, whole_programme=False).set_index("indicator_code")
    assert part["target_here"].to_dict() == {"PCT": True, "CNT": False, "CAS": False}
    assert part["expected_share"].notna().to_dict() == {"PCT": True, "CNT": False, "CAS": False}
    whole = ind.framework_progress(framework(), series, start=START).set_index("indicator_code")
    assert whole["target_here"].all()


def test_a_value_reported_only_for_the_regency_reads_as_reported_for_a_wider_area() -> None:
    regency_only = pd.concat([VALUES, values_frame([("CAS", "53.01", "2025-Q1", None, None, None, 12.0)])],
                             ignore_index=True)
    kecamatan = Filters(subdistricts=("53.01.04",))
    assert ind.reported_wider(regency_only, kecamatan) == {"CAS", "CNT"}
    assert ind.reported_wider(regency_only, Filters()) == frozenset()
    # Another regency's total says nothing about this kecamatan; a later period none about an earlier one.
    assert ind.reported_wider(regency_only, Filters(subdistricts=("53.02.01",))) == frozenset()
    assert ind.reported_wider(regency_only, Filters(subdistricts=("53.01.04",), period_from="2023-01",
                                                    period_to="2023-12")) == frozenset()
    series = ind.aggregate_by_period(ind.scoped_values(regency_only, kecamatan), framework())
    table = ind.framework_progress(framework(), series, start=START, whole_programme=False,
                                   reported_wider=ind.reported_wider(regency_only, kecamatan)).set_index("indicator_code")
    assert table.loc["CAS", "status"] == "reported_wider"
    assert table.loc["CNT", "status"] == "partial"               # its villages give it a value of its own


def test_framework_without_values_is_all_no_data() -> None:
    empty = ind.hide_small_counts(ind.aggregate_by_period(VALUES.iloc[0:0], framework()), framework())
    table = ind.framework_progress(framework(), empty, start=START)
    assert table["status"].tolist() == ["no_data"] * 3


# Disaggregation -------------------------------------------------------------------------------------------
def latest_groups(values: pd.DataFrame, indicators: pd.DataFrame, code: str, *, filters: Filters = Filters(),
                  threshold: int | None = None) -> pd.DataFrame:
    rows = reference.disaggregated_values(values, indicators, filters, indicator_code=code)
    return ind.disaggregation_latest(rows, indicators, indicator_code=code, threshold=threshold)


def test_disaggregation_latest_uses_declared_dimensions_and_latest_period() -> None:
    table = latest_groups(VALUES, framework(), "CNT")
    assert list(zip(table["dimension"], table["category"], table["value"])) == [
        ("sex", "perempuan", 60.0), ("sex", "laki_laki", 30.0), ("disability", "ya", 8.0)]


def test_disaggregation_percentages_are_averaged() -> None:
    table = latest_groups(VALUES, framework(), "PCT")
    assert table["value"].tolist() == [30.0]


def test_disaggregated_case_counts_are_suppressed_with_a_complement() -> None:
    cases = framework(disaggregations="sex")
    rows = values_frame([("CAS", "53.01", "2025-Q1", "perempuan", None, None, 3.0),
                         ("CAS", "53.01", "2025-Q1", "laki_laki", None, None, 12.0)])
    table = latest_groups(rows, cases, "CAS", threshold=5)
    assert table["hidden"].tolist() == [True, True]       # 3 is small; 12 would reveal it from the total
    assert table["value"].isna().all()


def test_a_groups_survivor_count_is_never_shown_a_small_count_apart_across_periods() -> None:
    # Women referred: 5 by Q1, 7 by Q2 (2 in Q2); men: 10 then 20. Q2 alone must not show the women's 7.
    cases = framework(disaggregations="sex")
    rows = values_frame([("CAS", "53.01", "2025-Q1", "perempuan", None, None, 5.0),
                         ("CAS", "53.01", "2025-Q1", "laki_laki", None, None, 10.0),
                         ("CAS", "53.01", "2025-Q2", "perempuan", None, None, 7.0),
                         ("CAS", "53.01", "2025-Q2", "laki_laki", None, None, 20.0)])

    def shown(start: str, end: str) -> dict:
        groups, _ = ind.disaggregation_summary(rows, cases, Filters(period_from=start, period_to=end),
                                               indicator_code="CAS")
        return dict(zip(groups["category"], groups["value"]))

    assert shown("2025-01", "2025-03") == {"perempuan": 5.0, "laki_laki": 10.0}
    q2 = shown("2025-04", "2025-06")
    assert pd.isna(q2["perempuan"]) and pd.isna(q2["laki_laki"])     # else the total (27) minus 20 gives 7


@pytest.mark.parametrize("filters, expected", [
    (Filters(sexes=("laki_laki",)), [("sex", "laki_laki", 30.0), ("disability", "ya", 8.0)]),
    (Filters(subdistricts=("53.01.04",)), []),                      # only regency rows are disaggregated
    (Filters(period_to="2024-12"), []),                               # no breakdown reported then
])
def test_disaggregation_follows_the_filters(filters: Filters, expected: list) -> None:
    table = latest_groups(VALUES, framework(), "CNT", filters=filters)
    assert list(zip(table["dimension"], table["category"], table["value"])) == expected


def test_indicator_without_disaggregation_has_none() -> None:
    assert ind.declared_disaggregations(framework(), "CAS") == ()
    assert latest_groups(VALUES, framework(), "CAS").empty


# Reach ------------------------------------------------------------------------------------------------------
ACTIVITIES = pd.DataFrame({
    "activity_id": ["a1", "a2", "a3", "a4"],
    "date": pd.to_datetime(["2025-01-10", "2025-02-10", "2025-03-10", "2024-12-10"]),
    "village_code": [A, A, B, C],
    "activity_type": ["musrenbang", "forum_perempuan", "musrenbang", "pelatihan_prb"],
    "participants_female": [10, 30, 5, 20],
    "participants_male": [10, 0, 15, 0],
    "participants_with_disability": [1, 2, 0, 1],
    "participants_youth": [3, 4, 5, 6],
    "source": "register",
}).astype({"village_code": "string", "activity_type": "string"})
VILLAGES = pd.DataFrame({"village_code": [A, B, C], "village_name": ["Alfa", "Bravo", "Charlie"],
                         "subdistrict_code": ["53.01.04", "53.01.04", "53.01.05"],
                         "subdistrict_name": ["Semau", "Semau", "Kupang"]}).astype("string")


def test_reach_by_type_in_code_list_order() -> None:
    table = reach.reach_by_type(ACTIVITIES)
    assert table["activity_type"].tolist() == ["forum_perempuan", "pelatihan_prb", "musrenbang"]
    assert table[["female", "male", "total"]].values.tolist() == [[30, 0, 30], [20, 0, 20], [15, 25, 40]]
    assert table["women_share"].tolist() == pytest.approx([1.0, 1.0, 15 / 40])


@pytest.mark.parametrize("filters, level, expected", [
    (Filters(), "kecamatan", {"Semau": 70.0, "Kupang": 20.0}),
    (Filters(subdistricts=("53.01.04",)), "desa", {"Alfa": 50.0, "Bravo": 20.0}),
    (Filters(subdistricts=("53.01.04", "53.01.05")), "kecamatan", {"Semau": 70.0, "Kupang": 20.0}),
    (Filters(villages=(C,)), "desa", {"Charlie": 20.0}),
    (Filters(period_from="2025-02"), "kecamatan", {"Semau": 50.0}),
])
def test_reach_by_area_level_follows_the_filter(filters: Filters, level: str, expected: dict) -> None:
    assert reach.reach_level(filters) == level
    table = reach.reach_by_area(reach.scoped_activities(ACTIVITIES, filters), VILLAGES, level=level)
    assert dict(zip(table["area_name"], table["total"])) == expected


def test_reach_totals() -> None:
    totals = reach.reach_totals(ACTIVITIES)
    assert (totals.participants, totals.female, totals.youth, totals.with_disability, totals.villages) == \
        (90, 65, 18, 4, 3)
    assert totals.women_share == pytest.approx(65 / 90) and totals.as_of == date(2025, 3, 10)
    assert reach.reach_totals(ACTIVITIES.iloc[0:0]).women_share is None


def test_lagging_villages_ranked_worst_first() -> None:
    progress = pd.DataFrame({"village_code": [A, A, B, B], "indicator_code": ["P1", "P2", "P1", "P2"],
                             "percent_of_target": [20.0, 40.0, 80.0, 120.0],
                             "status": ["off_track", "behind", "on_track", "achieved"]})
    participants = pd.Series({A: 100.0, B: 300.0})
    table = reach.lagging_villages(VILLAGES, pd.Index([A, B, C]), progress, participants)
    # median reach of villages with participants = 200. A: 0.7*30 + 0.3*50 = 36 -> 64.
    # B: mean(80, 100 capped) = 90, reach 100 (capped) -> 0.7*90 + 0.3*100 = 93 -> 7. C: reach 0 only -> 100.
    assert table["village_name"].tolist() == ["Charlie", "Alfa", "Bravo"]
    assert table["lag_score"].tolist() == pytest.approx([100.0, 64.0, 7.0])
    assert table["indicators_behind"].tolist() == ["", "P1, P2", ""]


def test_programme_villages_are_those_with_activities_or_village_values() -> None:
    only_b = pd.Series([B], dtype="string")
    assert reach.programme_villages(only_b, VALUES, Filters()).tolist() == [A, B, C]
    assert reach.programme_villages(only_b, VALUES.iloc[0:0], Filters(subdistricts=("53.01.05",))).empty


def test_village_progress_uses_percentage_indicators_only() -> None:
    rows = ind.scoped_values(VALUES, Filters(), village_level=True)
    progress = reach.village_progress(rows, framework(), start=START)
    assert set(progress["indicator_code"]) == {"PCT"}
    assert dict(zip(progress["village_code"], progress["percent_of_target"])) == pytest.approx(
        {A: 25.0, B: 75.0, C: 125.0})


def test_profile_links() -> None:
    assert reach.profile_links(pd.Series([A]), lang="en").tolist() == [f"./village?village={A}&lang=en"]


def test_period_and_area_together_select_rows_inside_both() -> None:
    """Regression: combining a period and an area filter once failed on a read-only mask."""
    from lib.data.filters import Filters
    from lib.data.load import load_table

    values = load_table("indicator_values")
    kecamatan = values.loc[values["area_code"].str.len() == 13, "area_code"].iloc[0][:8]
    filters = Filters(period_from="2024-08", period_to="2025-06", subdistricts=(kecamatan,))
    scoped = ind.scoped_values(values, filters)
    assert len(scoped) > 0
    assert scoped["area_code"].str.startswith(kecamatan).all()


def test_no_two_periods_show_survivor_counts_a_small_count_apart() -> None:
    """Found by an adversarial review: OUT-6 (cases referred, cumulative) read 5 up to 2024-12, 7 for
    2025-Q1 alone and 8 for 2025-Q2 alone: 2 and 1 referrals. Small counts are decided on the whole
    series, so no choice of periods shows two values 1 to 4 apart."""
    from lib.data.load import load_table
    from lib.data.paths import SHIPPED_DATA_DIR

    values, indicators = (load_table(name, folder=SHIPPED_DATA_DIR) for name in ("indicator_values", "indicators"))
    counted = set(indicators.loc[indicators["unit"].isin(ind.SMALL_COUNT_UNITS), "indicator_code"])
    quarters = [(f"{y}-{m:02d}", f"{y}-{m + 2:02d}") for y in (2024, 2025) for m in (1, 4, 7, 10)]
    windows = [(None, None), (None, "2024-12"), *quarters, *[(a, d) for (a, _), (_, d) in zip(quarters, quarters[1:])]]
    shown: dict[str, set[float]] = {code: set() for code in counted}
    for start, end in windows:
        _, series = ind.shown_series(values, indicators, Filters(period_from=start, period_to=end))
        for code, value in series.loc[series["indicator_code"].isin(counted), ["indicator_code", "value"]].dropna(
                ).itertuples(index=False):
            shown[code].add(float(value))
    assert "OUT-6" in counted and shown["OUT-6"]
    for code, found in shown.items():
        ordered = sorted(found)
        gaps = [b - a for a, b in zip(ordered, ordered[1:])]
        assert all(gap >= 5 for gap in gaps), (code, ordered)
