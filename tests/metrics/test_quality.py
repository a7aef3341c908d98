"""The data quality panel's computations: hand-computed tables in, expected values out."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from lib.metrics import quality
from lib.charts.quality import build_reporting_chart
from lib.texts.i18n import format_period
from lib.metrics.quality_tables import case_years_table, freshness_table, negative_values_table
from lib.safety.suppress import HIDDEN_STATES, CellState
from lib.safety.publication import Publication, build_publication
from tests.safety.publication_builders import cases_of, many

V1, V2, V3 = "53.01.04.2003", "53.01.04.2004", "53.01.05.2001"


def activities(rows: list[tuple[str, str, str, int, int]]) -> pd.DataFrame:
    """(activity_id, date, village, female, male) rows, all of one type unless the id says 'T:'."""
    return pd.DataFrame({
        "activity_id": [r[0] for r in rows], "date": pd.to_datetime([r[1] for r in rows]),
        "village_code": [r[2] for r in rows],
        "activity_type": ["pelatihan_prb" if r[0].startswith("T:") else "forum_perempuan" for r in rows],
        "participants_female": pd.array([r[3] for r in rows], dtype="Int64"),
        "participants_male": pd.array([r[4] for r in rows], dtype="Int64"), "source": "register",
    })


def values(rows: list[tuple]) -> pd.DataFrame:
    """(indicator, area, period, value) rows, or with (sex, age_group, disability) before the value."""
    records = []
    for row in rows:
        indicator, area, period, *rest = row
        sex, age, disability = rest[:3] if len(rest) == 4 else ("", "", "")
        records.append({"indicator_code": indicator, "area_code": area, "period": period, "sex": sex or pd.NA,
                        "age_group": age or pd.NA, "disability": disability or pd.NA, "value": float(rest[-1]),
                        "source": "report"})
    frame = pd.DataFrame(records)
    return frame.astype({"sex": "string", "age_group": "string", "disability": "string", "value": "Float64"})


INDICATORS = pd.DataFrame({"indicator_code": ["PCT", "PPL", "CAS"], "unit": ["percent", "people", "cases"]})


@pytest.mark.parametrize("periods, expected", [
    ([], []),
    (["2025-02"], ["2025-02"]),
    (["2025-01", "2025-04"], ["2025-01", "2025-02", "2025-03", "2025-04"]),
    (["2024-Q3", "2025-Q1"], ["2024-Q3", "2024-Q4", "2025-Q1"]),
    (["2025-Q1", "2025-02", "2025-03"], ["2025-Q1", "2025-02", "2025-03"]),    # each kind spans its own range
])
def test_period_span(periods: list[str], expected: list[str]) -> None:
    assert quality.period_span(pd.Series(periods, dtype="string")) == expected


def test_activity_reporting_counts_villages_per_month_and_finds_the_gap() -> None:
    frame = activities([("A1", "2025-01-03", V1, 5, 5), ("A2", "2025-01-20", V1, 5, 5), ("A3", "2025-01-21", V2, 5, 5),
                        ("A4", "2025-03-02", V3, 5, 5)])
    reporting = quality.activity_reporting(frame)
    assert reporting.to_dict("list") == {"period": ["2025-01", "2025-02", "2025-03"], "villages": [2, 0, 1],
                                         "rows": [3, 0, 1]}
    assert quality.missing_periods(reporting) == ["2025-02"]


def test_value_reporting_counts_only_village_codes() -> None:
    frame = values([("PCT", V1, "2025-Q1", 10), ("PCT", "53.01", "2025-Q1", 10), ("PCT", "53.01.04", "2025-Q2", 1)])
    reporting = quality.value_reporting(frame)
    assert reporting.to_dict("list") == {"period": ["2025-Q1", "2025-Q2"], "villages": [1, 0], "rows": [1, 0]}


def test_empty_tables() -> None:
    assert quality.activity_reporting(activities([])).empty
    assert quality.participant_outliers(activities([])).empty
    empty = values([("PCT", V1, "2025-Q1", 1)]).iloc[0:0]
    assert quality.value_jumps(empty, INDICATORS).empty
    assert quality.negative_values(empty, INDICATORS).empty
    assert quality.value_reporting(empty).empty


CASE_VILLAGES = pd.DataFrame({"subdistrict_code": ["53.01.04", "53.01.05", "53.01.06"],
                              "subdistrict_name": ["Semau", "Kupang Barat", "Kupang Timur"]})


def published(rows: list[tuple[str, str]], source: str = "SIMFONI-PPA rujukan Puskesmas 14 Maret 2025") -> Publication:
    """(kecamatan, report date) -> the publication over CASE_VILLAGES' kecamatan."""
    frame = cases_of([row for kecamatan, date in rows for row in many(1, date, kecamatan)], source=source)
    return build_publication(frame, tuple(CASE_VILLAGES["subdistrict_code"]), threshold=5)


def test_case_reporting_shows_published_years_never_months_or_small_counts() -> None:
    # Semau: 7 cases in 2022 and 1 in 2024; Kupang Barat: 6 in 2022; Kupang Timur: none. 2023 is empty.
    publication = published([("53.01.04", f"2022-0{m}-10") for m in range(1, 8)] + [("53.01.04", "2024-09-15")]
                            + [("53.01.05", f"2022-0{m}-03") for m in range(1, 7)])
    table = quality.case_reporting(publication, CASE_VILLAGES)
    assert sorted(table["year"].unique()) == [2022, 2023, 2024]                   # the span, empty years too
    assert not table["value"].between(1, 4).any()
    shown = case_years_table(table, "en")
    assert shown.columns.tolist() == ["Kecamatan", "2022", "2023", "2024"]
    assert shown["Kecamatan"].tolist() == ["Kupang Barat", "Kupang Timur", "Semau"]   # sorted by name
    assert shown["2024"].tolist()[2] == "<5"          # Semau's single case; nothing tells its month
    assert not any(month in shown.to_string() for month in ("Sep", "09"))
    # Each cell is the published cell of that kecamatan and year, nothing else.
    for row in table.itertuples():
        cell = publication.cell("cases_by_subdistrict_year", (row.subdistrict_code, row.year))
        assert row.state == cell.state and (pd.isna(row.value) if cell.value is None else row.value == cell.value)


@pytest.mark.parametrize("numbers, expected", [([1, 2, 3, 4, 5], 4 + 3 * 2), ([7], 7.0), ([], None),
                                               ([0, 0, 0, 0], 0.0)])
def test_far_out_threshold(numbers: list[float], expected: float | None) -> None:
    assert quality.far_out_threshold(pd.Series(numbers, dtype=float)) == expected


def test_participant_outliers_per_type_with_a_fallback_for_small_types() -> None:
    forum = [(f"F{i}", "2025-01-05", V1, 10 + i, 0) for i in range(8)] + [("F8", "2025-01-06", V1, 80, 0)]
    training = [("T:1", "2025-01-07", V2, 30, 0), ("T:2", "2025-01-08", V2, 60, 0)]
    flagged = quality.participant_outliers(activities(forum + training))
    # forum: 9 values 10..17, 80 -> Q1 12, Q3 16, threshold 28; training falls back to all 11 activities:
    # Q1 12.5, Q3 23.5 -> threshold 56.5, so 60 is flagged and 30 is not.
    assert flagged[["activity_id", "participants", "threshold"]].values.tolist() == [["F8", 80.0, 28.0],
                                                                                     ["T:2", 60.0, 56.5]]


def test_negative_values_hide_case_counts() -> None:
    frame = values([("PCT", V1, "2025-Q1", 99), ("PPL", V1, "2025-Q1", -3), ("PPL", V1, "2025-Q2", 0),
                    ("CAS", V1, "2025-Q1", -2)])
    wrong = quality.negative_values(frame, INDICATORS)
    assert wrong["indicator_code"].tolist() == ["PPL", "CAS"]
    assert wrong["value"].iloc[0] == -3.0 and pd.isna(wrong["value"].iloc[1])
    assert negative_values_table(wrong, "en").iloc[1, 3] == "(hidden: a case count)"


@pytest.mark.parametrize("series, unit, jumped", [
    ([20, 55], "PCT", [55.0]),          # 35 points
    ([20, 45], "PCT", []),              # 25 points
    ([10, 40], "PPL", [40.0]),          # x4
    ([2, 8], "PPL", []),                # x4 but the larger value is below 10
    ([0, 100], "PPL", []),              # a count starting from zero
    ([100, 0], "PPL", [0.0]),           # a fall to zero
    ([12, 40], "CAS", []),              # survivor counts are never listed
])
def test_value_jumps(series: list[float], unit: str, jumped: list[float]) -> None:
    frame = values([(unit, V1, f"2025-Q{i + 1}", v) for i, v in enumerate(series)])
    assert quality.value_jumps(frame, INDICATORS)["value"].tolist() == jumped


def test_jumps_are_within_one_series() -> None:
    frame = values([("PPL", V1, "2025-Q1", "perempuan", "", "", 10), ("PPL", V1, "2025-Q2", "laki_laki", "", "", 50),
                    ("PPL", V1, "2025-Q2", "perempuan", "", "", 12)])
    assert quality.value_jumps(frame, INDICATORS).empty


def test_last_update_per_source_names_case_systems_a_month_and_the_published_total() -> None:
    tables = {"activities": activities([("A1", "2025-01-03", V1, 1, 1), ("A2", "2025-05-03", V1, 1, 1)]).assign(
        source=["register", "form"])}
    # In one month: months apart would tell the total is two or more (then years only, lib.safety.releases).
    small = published([("53.01.04", "2025-04-09"), ("53.01.04", "2025-04-19"), ("53.01.05", "2025-04-01")])
    fresh = quality.last_update_by_source(tables, small)
    assert fresh[["table", "source", "last"]].values.tolist() == [
        ["activities", "form", "2025-05-03"], ["activities", "register", "2025-01-03"],
        ["cases", "SIMFONI-PPA, Puskesmas", "2025-04"]]                 # systems, never the free text
    assert pd.isna(fresh["rows"].iloc[2]) and fresh["rows_state"].iloc[2] == CellState.SMALL
    assert freshness_table(fresh, "en").iloc[:, -1].tolist() == ["1", "1", "<5"]
    assert freshness_table(fresh, "id").iloc[0, 2] == "3 Mei 2025"
    many_cases = published([("53.01.04", f"2025-0{m}-09") for m in range(1, 8)])
    assert quality.last_update_by_source({}, many_cases)["rows"].tolist() == [7.0]


def test_the_report_never_reads_case_rows() -> None:
    class Untouchable(pd.DataFrame):
        def __getitem__(self, key):
            raise AssertionError(f"case rows read: {key!r}")

    villages = CASE_VILLAGES.assign(village_code=[V1, V2, V3], village_name=["A", "B", "C"], regency_code="53.01")
    report = quality.quality_report({"villages": villages, "cases": Untouchable({"report_date": []})},
                                    published([("53.01.04", "2025-03-09")] * 6))
    assert report.case_audit is not None and report.case_audit.passed
    assert report.latest["cases"] == "2025-03" and report.sources["cases"] == "SIMFONI-PPA, Puskesmas"


def test_villages_without_data_and_coverage() -> None:
    villages = pd.DataFrame({"village_code": [V1, V2, V3], "village_name": ["Bokonusan", "Otan", "Oematnunu"],
                             "subdistrict_name": ["Semau", "Semau", "Kupang Barat"]})
    tables = {"activities": activities([("A1", "2025-01-03", V1, 1, 1)]),
              "indicator_values": values([("PCT", V1, "2025-Q1", 5), ("PCT", "53.01", "2025-Q1", 5)])}
    assert quality.villages_without_data(villages, tables)["village_code"].tolist() == [V3, V2]
    assert quality.coverage(villages, tables).values.tolist() == [["activities", 1, 3], ["indicator_values", 1, 3]]


@pytest.mark.parametrize("lang, separators, label", [("id", ",.", "Feb 2025"), ("en", ".,", "Feb 2025")])
def test_reporting_chart_marks_periods_without_reports(lang: str, separators: str, label: str) -> None:
    reporting = pd.DataFrame({"period": ["2025-01", "2025-02", "2025-03"], "villages": [2, 0, 1], "rows": [3, 0, 1]})
    fig = json.loads(build_reporting_chart(reporting, lang=lang, title="T", source="S", rows_label="x").to_json())
    bars, marks = fig["data"]
    assert bars["y"] == [2.0, 1.0] and marks["x"] == [label] and marks["y"] == [0.0]
    assert fig["layout"]["separators"] == separators and fig["layout"]["title"]["subtitle"]["text"] == "S"


@pytest.mark.parametrize("period, lang, text", [("2025-02", "id", "Feb 2025"), ("2025-08", "id", "Agu 2025"),
                                                ("2025-Q3", "id", "TW3 2025"), ("2025-Q3", "en", "Q3 2025"),
                                                ("2025", "id", "2025")])
def test_format_period(period: str, lang: str, text: str) -> None:
    assert format_period(period, lang) == text


def test_no_function_changes_its_input() -> None:
    frame = activities([("A1", "2025-01-03", V1, 5, 5), ("A2", "2025-03-02", V2, 50, 5)])
    before = frame.copy()
    quality.activity_reporting(frame)
    quality.participant_outliers(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert np.isfinite(quality.far_out_threshold(frame["participants_female"].astype(float)))


# Vectorised helpers: hand-made inputs whose answers are known ------------------------------------
@pytest.mark.parametrize("dates, expected", [
    (["2025-01-03", "2025-01-31", "2024-12-01"], ["2025-01", "2025-01", "2024-12"]),
    (["2025-02-28", None, "2025-02-01"], ["2025-02", None, "2025-02"]),     # a missing date stays missing
    ([], []),
])
def test_month_labels_match_strftime(dates: list[str | None], expected: list[str | None]) -> None:
    series = pd.Series(pd.to_datetime(dates), index=range(10, 10 + len(dates)), name="report_date")
    labels = quality.month_labels(series)
    pd.testing.assert_series_equal(labels, series.dt.strftime("%Y-%m"))
    assert [None if pd.isna(v) else v for v in labels] == expected


def test_map_distinct_calls_once_per_value() -> None:
    calls: list[object] = []
    result = quality.map_distinct(pd.Series(["b", "a", "b", None, "b"]),
                                  lambda v: calls.append(v) or ("missing" if pd.isna(v) else v.upper()))
    assert result.tolist() == ["B", "A", "B", "missing", "B"] and len(calls) == 3


def test_villages_reporting_counts_distinct_villages_and_rows() -> None:
    frame = pd.DataFrame({"area": [V1, V1, V2, "53.01", None, V3, V1]})
    periods = pd.Series(["2025-01", "2025-01", "2025-01", "2025-01", "2025-01", "2025-04", None])
    reporting = quality.villages_reporting(frame, area_column="area", periods=periods)
    # January: V1 twice and V2 (a kecamatan code and a missing area do not count); April: V3; V1's row
    # without a period counts nowhere.
    assert reporting.to_dict("list") == {"period": ["2025-01", "2025-02", "2025-03", "2025-04"],
                                         "villages": [2, 0, 0, 1], "rows": [3, 0, 0, 1]}


@pytest.mark.parametrize("previous, value, is_percent, jumped", [
    (20.0, 50.0, True, True),         # exactly 30 points
    (50.0, 20.5, True, False),        # 29.5 points down
    (10.0, 30.0, False, True),        # tripled
    (30.0, 10.0, False, True),        # cut to a third
    (10.0, 29.0, False, False),       # x2.9
    (3.0, 9.0, False, False),         # tripled, but the larger value is below 10
    (12.0, 0.0, False, True),         # a fall to zero
    (0.0, 12.0, False, False),        # a rise from zero
    (0.0, 0.0, False, False),
    (-10.0, -40.0, False, True),      # sizes compare, not signs
    (20.0, np.nan, True, False),      # a missing value never jumps
    (20.0, np.nan, False, False),
])
def test_jump_flags(previous: float, value: float, is_percent: bool, jumped: bool) -> None:
    flags = quality.jump_flags(np.array([previous]), np.array([value]), np.array([is_percent]))
    assert flags.tolist() == [jumped]


@pytest.mark.parametrize("texts, codes", [
    (["9", "10", "9", "b"], [1, 0, 1, 2]),                  # "10" sorts before "9" as text
    (["b", None, "", "a"], [2, 0, 0, 1]),                   # missing counts as "" (as fillna("") did)
    ([3, "3", None], [1, 1, 0]),                             # compared as text: 3 and "3" are one
    ([], []),
])
def test_text_codes_sort_as_the_texts(texts: list[object], codes: list[int]) -> None:
    assert quality.text_codes(pd.Series(texts, dtype=object)).tolist() == codes


def test_series_order_sorts_key_by_key_and_keeps_ties_in_table_order() -> None:
    indicator, area = np.array([1, 0, 1, 1, 0]), np.array([0, 0, 0, 1, 0])
    order, first = quality.series_order([indicator, area], np.array([5, 3, 1, 2, 3]))
    # Rows 1 and 4 tie (same series, same start) and keep their table order.
    assert order.tolist() == [1, 4, 2, 0, 3]
    assert first.tolist() == [True, False, True, False, True]
    no_rows = np.array([], dtype=np.int64)
    assert [part.tolist() for part in quality.series_order([no_rows, no_rows], no_rows)] == [[], []]


def test_value_jumps_lists_pairs_in_series_then_time_order() -> None:
    frame = values([("PPL", V2, "2025-Q2", 40), ("PPL", V1, "2025-Q3", 10), ("PPL", V1, "2025-Q1", 10),
                    ("PPL", V1, "2025-Q2", 50), ("PCT", V1, "2025-Q1", 10), ("PCT", V1, "2025-Q2", 90),
                    ("PPL", V2, "2025-Q1", 12)])
    jumps = quality.value_jumps(frame, INDICATORS)
    assert jumps[["indicator_code", "area_code", "previous_period", "period", "previous", "value"]].values.tolist() == [
        ["PCT", V1, "2025-Q1", "2025-Q2", 10.0, 90.0], ["PPL", V1, "2025-Q1", "2025-Q2", 10.0, 50.0],
        ["PPL", V1, "2025-Q2", "2025-Q3", 50.0, 10.0], ["PPL", V2, "2025-Q1", "2025-Q2", 12.0, 40.0]]
    assert jumps["sex"].tolist() == ["", "", "", ""] and jumps["previous"].dtype == "Float64"


def test_last_update_of_periods_is_the_latest_period() -> None:
    frame = values([("PCT", V1, "2025-Q1", 1), ("PCT", V1, "2025-02", 1), ("PCT", V1, "2025-05", 1),
                    ("PCT", V1, "2025-Q2", 1)])
    # 2025-05 and 2025-Q2 both start later than the rest; 2025-05 starts later still.
    assert quality.last_update_by_source({"indicator_values": frame})["last"].tolist() == ["2025-05"]


def test_quality_report_holds_what_each_function_returns() -> None:
    villages = pd.DataFrame({"village_code": [V1, V2, V3], "village_name": ["Bokonusan", "Otan", "Oematnunu"],
                             "subdistrict_code": ["53.01.04", "53.01.04", "53.01.05"],
                             "subdistrict_name": ["Semau", "Semau", "Kupang Barat"]})
    tables = {"villages": villages, "indicators": INDICATORS,
              "activities": activities([("A1", "2025-01-03", V1, 5, 5), ("A2", "2025-03-02", V2, 50, 5)]),
              "indicator_values": values([("PCT", V1, "2025-Q1", 10), ("PCT", V1, "2025-Q2", 90)])}
    publication = build_publication(cases_of([*many(1, "2025-03-05", "53.01.04"), *many(1, "2025-03-09", "53.01.05")],
                                             source="SIMFONI-PPA"), ("53.01.04", "53.01.05"), threshold=5)
    report = quality.quality_report(tables, publication)
    pd.testing.assert_frame_equal(report.value_jumps, quality.value_jumps(tables["indicator_values"], INDICATORS))
    pd.testing.assert_frame_equal(report.case_reporting, quality.case_reporting(publication, villages))
    assert report.case_reporting["state"].isin(HIDDEN_STATES).all()     # one case each
    pd.testing.assert_frame_equal(report.villages_without_data, quality.villages_without_data(villages, tables))
    assert report.sources == {"villages": "", "indicators": "", "activities": "register", "indicator_values": "report",
                              "cases": "SIMFONI-PPA"}
    assert report.latest == {"activities": pd.Timestamp("2025-03-02"), "cases": "2025-03"}   # a month, not a day
    alone = quality.quality_report({"villages": villages})
    assert alone.activity_reporting is None and alone.value_jumps is None and alone.case_reporting is None
    assert alone.villages_without_data["village_code"].tolist() == [V3, V1, V2]
