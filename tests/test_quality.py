"""The data quality panel's computations: hand-computed tables in, expected values out."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from lib import quality
from lib.charts_quality import build_reporting_chart, period_text
from lib.quality_tables import case_months_table, freshness_table, out_of_range_table
from lib.suppress import CellState

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
    assert quality.out_of_range_values(empty, INDICATORS).empty
    assert quality.value_reporting(empty).empty


CASE_VILLAGES = pd.DataFrame({"subdistrict_code": ["53.01.04", "53.01.05", "53.01.06"],
                              "subdistrict_name": ["Semau", "Kupang Barat", "Kupang Timur"]})


def cases(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"case_id": [f"C{i}" for i in range(len(rows))], "subdistrict_code": [r[0] for r in rows],
                         "report_date": pd.to_datetime([r[1] for r in rows]), "source": "SIMFONI-PPA"})


def test_case_reporting_counts_months_never_cases() -> None:
    frame = cases([("53.01.04", "2024-01-05"), ("53.01.04", "2024-01-09"), ("53.01.04", "2024-01-30"),
                   ("53.01.05", "2024-02-01"), ("53.01.04", "2024-09-15")])
    table = quality.case_reporting(frame, CASE_VILLAGES)
    assert list(table.columns) == ["subdistrict_code", "subdistrict_name", "months_with_reports", "months_in_span",
                                   "last_month", "silent"]
    by_code = table.set_index("subdistrict_code")
    assert by_code["months_with_reports"].to_dict() == {"53.01.04": 2, "53.01.05": 1, "53.01.06": 0}
    assert set(by_code["months_in_span"]) == {9}
    assert by_code["silent"].to_dict() == {"53.01.04": False, "53.01.05": True, "53.01.06": True}
    assert quality.months_without_case_reports(frame) == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"]
    shown = case_months_table(table, "en")
    assert shown.iloc[2].tolist() == ["Semau", "2 of 9", "Sep 2024", ""]             # sorted by name


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


def test_out_of_range_values_hide_case_counts() -> None:
    frame = values([("PCT", V1, "2025-Q1", 120), ("PCT", V1, "2025-Q2", 99), ("PPL", V1, "2025-Q1", -3),
                    ("CAS", V1, "2025-Q1", -2)])
    wrong = quality.out_of_range_values(frame, INDICATORS)
    assert wrong["problem"].tolist() == ["percent_above_100", "negative", "negative"]
    assert wrong["value"].tolist()[:2] == [120.0, -3.0] and pd.isna(wrong["value"].iloc[2])
    assert out_of_range_table(wrong, "en").iloc[2, 3] == "(hidden: a case count)"


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


def test_last_update_per_source_shows_case_months_and_safe_counts() -> None:
    tables = {
        "activities": activities([("A1", "2025-01-03", V1, 1, 1), ("A2", "2025-05-03", V1, 1, 1)]).assign(
            source=["register", "form"]),
        "cases": cases([("53.01.04", "2025-03-09"), ("53.01.04", "2025-04-19"), ("53.01.05", "2025-02-01")]),
    }
    fresh = quality.last_update_by_source(tables)
    assert fresh[["table", "source", "last"]].values.tolist() == [
        ["activities", "form", "2025-05-03"], ["activities", "register", "2025-01-03"],
        ["cases", "SIMFONI-PPA", "2025-04"]]
    assert pd.isna(fresh["rows"].iloc[2]) and fresh["rows_state"].iloc[2] == CellState.SMALL
    assert freshness_table(fresh, "en").iloc[:, -1].tolist() == ["1", "1", "<5"]
    assert freshness_table(fresh, "id").iloc[0, 2] == "3 Mei 2025"


def test_villages_without_data_and_coverage() -> None:
    villages = pd.DataFrame({"village_code": [V1, V2, V3], "village_name": ["Bokonusan", "Otan", "Oematnunu"],
                             "subdistrict_name": ["Semau", "Semau", "Kupang Barat"]})
    tables = {"activities": activities([("A1", "2025-01-03", V1, 1, 1)]),
              "indicator_values": values([("PCT", V1, "2025-Q1", 5), ("PCT", "53.01", "2025-Q1", 5)]),
              "cases": cases([("53.01.05", "2025-01-01")]).assign(village_code=V3)}
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
                                                ("2025-Q3", "id", "TW3 2025"), ("2025-Q3", "en", "Q3 2025")])
def test_period_text(period: str, lang: str, text: str) -> None:
    assert period_text(period, lang) == text


def test_no_function_changes_its_input() -> None:
    frame = activities([("A1", "2025-01-03", V1, 5, 5), ("A2", "2025-03-02", V2, 50, 5)])
    before = frame.copy()
    quality.activity_reporting(frame)
    quality.participant_outliers(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert np.isfinite(quality.far_out_threshold(frame["participants_female"].astype(float)))
