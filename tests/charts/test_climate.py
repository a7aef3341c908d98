"""Climate charts and tables (lib.charts.climate): values, colours, language, source line."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.metrics import hazards as hz
from lib.charts.climate import (CLASS_COLOURS, build_class_counts_chart, build_events_timeline_chart,
                                build_hazard_ranking_chart, event_area_label, events_table, overlap_table,
                                ranking_table, separators)
from lib.charts.palette import HAZARD_CLASS_COLOURS, NO_DATA_COLOUR

RANKING = pd.DataFrame({
    "village_code": ["v1", "v2", "v3", "v4"], "village_name": ["A", "B", "C", "D"],
    "subdistrict_name": ["K1", "K1", "K2", "K2"], "label": ["A", "B", "C", "D"],
    "index": [0.9, 0.5, 0.2, float("nan")], "class": ["tinggi", "sedang", "rendah", hz.NO_DATA],
    "rank": pd.array([1, 2, 3, None], dtype="Int64"),
})


def test_ranking_chart_draws_each_village_once_in_its_class_colour() -> None:
    fig = build_hazard_ranking_chart(RANKING, lang="en", hazard="banjir", source_line="Source: X · as of 2023")
    drawn = {code[0]: (x, trace.marker.color) for trace in fig.data for code, x in zip(trace.customdata, trace.x)}
    assert drawn == {"v1": (0.9, HAZARD_CLASS_COLOURS["tinggi"]), "v2": (0.5, HAZARD_CLASS_COLOURS["sedang"]),
                     "v3": (0.2, HAZARD_CLASS_COLOURS["rendah"])}          # no data is not drawn as a value
    assert list(fig.layout.yaxis.categoryarray) == ["C", "B", "A"]          # highest at the top
    assert "Flood" in fig.layout.title.text and fig.layout.title.subtitle.text == "Source: X · as of 2023"


@pytest.mark.parametrize("lang, text, seps", [("id", "0,900", ",."), ("en", "0.900", ".,")])
def test_ranking_chart_numbers_follow_the_language(lang: str, text: str, seps: str) -> None:
    fig = build_hazard_ranking_chart(RANKING, lang=lang, hazard="banjir", source_line="S")
    assert text in [t for trace in fig.data for t in trace.text]
    assert fig.layout.separators == seps == separators(lang)


def test_class_counts_chart_stacks_classes_and_shows_no_data_in_grey() -> None:
    counts = pd.DataFrame({"rendah": [1, 0], "sedang": [2, 0], "tinggi": [3, 0], hz.NO_DATA: [0, 6]},
                          index=["banjir", "tsunami"])
    fig = build_class_counts_chart(counts, lang="id", source_line="S")
    by_name = {trace.name: (list(trace.x), trace.marker.color) for trace in fig.data}
    assert by_name == {"Rendah": ([1, 0], CLASS_COLOURS["rendah"]), "Sedang": ([2, 0], CLASS_COLOURS["sedang"]),
                       "Tinggi": ([3, 0], CLASS_COLOURS["tinggi"]), "Tidak ada data": ([0, 6], NO_DATA_COLOUR)}
    assert fig.layout.barmode == "stack"


def test_class_counts_chart_leaves_out_an_empty_no_data_trace() -> None:
    counts = pd.DataFrame({"rendah": [1], "sedang": [2], "tinggi": [3], hz.NO_DATA: [0]}, index=["banjir"])
    assert [trace.name for trace in build_class_counts_chart(counts, lang="en", source_line="S").data] == [
        "Low", "Medium", "High"]


EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2021-04-04", "2021-04-04", "2024-01-18"]),
    "event_type": ["siklon_tropis", "siklon_tropis", "banjir"], "name": ["Seroja", "Seroja", "Banjir"],
    "area_code": ["53.01", "53.01.04", "53.01.04.2003"],
    "deaths": pd.array([4, None, 0], dtype="Int64"), "affected": pd.array([27363, 3192, None], dtype="Int64"),
    "houses_damaged": pd.array([10831, 1026, 176], dtype="Int64"), "source": ["t"] * 3, "level": [
        "regency", "subdistrict", "village"],
})
NAMES = {"53.01": "Kabupaten Kupang", "53.01.04": "Semau", "53.01.04.2003": "Bokonusan"}
TYPES = {"53.01.04.2003": "desa"}


def test_events_timeline_sizes_markers_by_people_affected_and_orders_areas_by_level() -> None:
    fig = build_events_timeline_chart(EVENTS, lang="en", names=NAMES, village_types=TYPES, source_line="S")
    cyclone = next(trace for trace in fig.data if trace.name == "Tropical cyclone")
    assert list(cyclone.marker.size) == [27363, 3192]
    flood = next(trace for trace in fig.data if trace.name == "Flood")
    assert list(flood.marker.size) == [0] and flood.marker.sizemin > 0      # unknown: drawn small, not hidden
    assert flood.customdata[0][2] == "No data"
    assert list(fig.layout.yaxis.categoryarray) == ["Bokonusan (desa)", "Semau (kecamatan)", "Kabupaten Kupang"]


@pytest.mark.parametrize("code, lang, expected", [
    ("53.01", "id", "Kabupaten Kupang"), ("53.01.04", "id", "Kec. Semau"), ("53.01.04.2003", "id", "Desa Bokonusan"),
    ("53.01.04", "en", "Semau (kecamatan)"),
])
def test_event_area_label(code: str, lang: str, expected: str) -> None:
    assert event_area_label(code, NAMES, TYPES, lang) == expected


def test_events_table_formats_numbers_and_missing_values() -> None:
    table = events_table(EVENTS, NAMES, TYPES, lang="id")
    assert table["Terdampak"].tolist() == ["27.363", "3.192", "Tidak ada data"]
    assert table["Tanggal"].tolist()[0] == "4 April 2021"


def test_ranking_table_keeps_no_data_villages() -> None:
    table = ranking_table(RANKING, lang="en")
    assert table["Index"].tolist() == ["0.900", "0.500", "0.200", "No data"]
    assert table["Rank"].tolist() == ["1", "2", "3", ""]


def test_overlap_table_adds_totals() -> None:
    counts = pd.DataFrame([[3, 1, 0], [5, 10, 2]], index=[True, False], columns=[hz.HIGH, hz.NOT_HIGH, hz.NO_DATA])
    table = overlap_table(counts, lang="en")
    assert table.loc["Programme village"].tolist() == ["3", "1", "0", "4"]
    assert table.loc["Total"].tolist() == ["8", "11", "2", "21"]
