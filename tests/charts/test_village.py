"""Village profile charts and tables (lib.charts.village)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from lib.metrics import hazards as hz
from lib.charts.village import (build_kecamatan_cases_chart, build_reach_by_type_chart, build_reach_over_time_chart,
                                build_village_hazard_chart, cases_table, indicator_table, short_month)
from lib.charts.palette import NO_DATA_COLOUR
from lib.safety.suppress import CellState
from lib.metrics.village_profile import KecamatanCases

BY_TYPE = pd.DataFrame({"activity_type": ["forum_perempuan", "pelatihan_prb"], "activities": [2, 1],
                        "female": [35, 10], "male": [1, 8], "with_disability": [2, 1], "youth": [5, 4]})


def test_reach_by_type_stacks_women_and_men() -> None:
    fig = build_reach_by_type_chart(BY_TYPE, lang="en", source_line="S")
    assert {trace.name: list(trace.x) for trace in fig.data} == {"Female": [35, 10], "Male": [1, 8]}
    assert fig.layout.barmode == "stack" and fig.layout.title.subtitle.text == "S"


def test_reach_over_time_labels_months_in_the_language() -> None:
    by_month = pd.DataFrame({"month": ["2024-10", "2024-11"], "activities": [1, 0], "female": [5, 0],
                             "male": [2, 0], "with_disability": [0, 0], "youth": [0, 0]})
    fig = build_reach_over_time_chart(by_month, lang="id", source_line="S")
    assert list(fig.data[0].x) == ["Okt 2024", "Nov 2024"] and list(fig.data[0].y) == [5, 0]


@pytest.mark.parametrize("month, lang, expected", [("2025-02", "id", "Feb 2025"), ("2025-08", "en", "Aug 2025"),
                                                   ("2025-08", "id", "Agu 2025")])
def test_short_month(month: str, lang: str, expected: str) -> None:
    assert short_month(month, lang) == expected


def test_hazard_chart_marks_missing_hazards_as_no_data() -> None:
    hazards = pd.DataFrame({"hazard": ["banjir", "tsunami"], "index": [0.7, float("nan")],
                            "class": ["tinggi", hz.NO_DATA], "year": [2023, None], "source": ["t", None]})
    fig = build_village_hazard_chart(hazards, lang="en", village="Otan", source_line="S")
    missing = next(trace for trace in fig.data if trace.name == "No data")
    assert list(missing.x) == [0.0] and missing.marker.color == NO_DATA_COLOUR and list(missing.text) == ["No data"]
    high = next(trace for trace in fig.data if trace.name == "High")
    assert list(high.x) == [0.7] and list(high.text) == ["0.700 · High"]


CASES = KecamatanCases("53.01.04", pd.DataFrame({
    "year": [2022, 2023, 2024, 2025], "value": [float("nan"), float("nan"), 0.0, 7.0],
    "state": [CellState.SMALL, CellState.COMPLEMENT, CellState.ZERO, CellState.SHOWN]}), 15.0, CellState.SHOWN)


def test_cases_chart_holds_no_hidden_number() -> None:
    fig = json.loads(build_kecamatan_cases_chart(CASES, lang="en", kecamatan="Semau", source_line="S").to_json())
    bars = fig["data"][0]
    assert bars["y"] == [None, None, 0.0, 7.0]
    assert bars["text"] == ["<5", "–", "0", "7"]
    assert "Semau" in fig["layout"]["title"]["text"]


def test_cases_chart_hides_the_scale_when_every_year_is_hidden() -> None:
    hidden = KecamatanCases("k", pd.DataFrame({"year": [2022, 2023], "value": [float("nan")] * 2,
                                               "state": [CellState.SMALL] * 2}), 6.0, CellState.SHOWN)
    fig = build_kecamatan_cases_chart(hidden, lang="id", kecamatan="K", source_line="S")
    assert fig.layout.yaxis.showticklabels is False


@pytest.mark.parametrize("lang", ["en", "id"])
def test_cases_table_labels(lang: str) -> None:
    table = cases_table(CASES, lang=lang)
    assert table.iloc[:, 1].tolist() == ["<5", "–", "0", "7", "15"]
    assert table.iloc[-1, 0] in ("Total", "Jumlah")


def test_indicator_table_reads_like_the_progress_page() -> None:
    table = pd.DataFrame({
        "indicator_code": ["P-1", "C-1"], "name_id": ["Persen", "Kasus"], "name_en": ["Percent", "Cases"],
        "level": ["outcome"] * 2, "unit": ["percent", "cases"], "period": ["2025-Q2"] * 2, "value": [40.0, None],
        "hidden": [False, True], "baseline": [20.0, 0.0], "target": [60.0, 40.0],
        "target_date": pd.to_datetime(["2026-06-30"] * 2), "direction": ["increase"] * 2,
        "percent_of_target": [50.0, float("nan")], "expected_share": [60.0, 60.0], "status": ["behind", "hidden"]})
    shown = indicator_table(table, lang="id")
    assert shown.iloc[0].tolist() == ["P-1 · Persen", "TW2 2025", "40,0%", "20,0%", "60,0% (30 Juni 2026)", "50%",
                                      "Tertinggal"]
    assert shown.iloc[1, 2] == "Disembunyikan (jumlah kecil)"
