"""Charts and display tables of the progress page: values in the figure data, labels per language."""
from __future__ import annotations

import json
import re
from datetime import date

import numpy as np
import pandas as pd
import pytest

from lib.charts import progress as charts
from lib.metrics import progress_tables as tables
from lib.charts.palette import HIDDEN_COLOUR, STATUS_COLOURS, category_colour
from lib.texts.progress import TEXTS

START = date(2024, 7, 1)


def framework_table() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_code": ["IMP-1", "OUT-1", "OUT-6", "OP-1"],
        "name_id": ["Satu", "Dua", "Tiga", "Empat"], "name_en": ["One", "Two", "Three", "Four"],
        "level": ["impact", "outcome", "outcome", "output"],
        "unit": ["percent", "percent", "cases", "people"],
        "baseline": [24.0, 30.0, 0.0, 0.0], "target": [50.0, 70.0, 40.0, 750.0],
        "target_date": pd.Timestamp("2026-06-30"),
        "value": [35.5, 71.25, np.nan, np.nan], "period": pd.Series(["2025-Q3", "2025-Q4", "2025-Q4", None],
                                                                    dtype="string"),
        "percent_of_target": [44.2, 103.1, np.nan, np.nan], "expected_share": [62.6, 75.2, 75.2, np.nan],
        "status": ["behind", "achieved", "hidden", "no_data"],
    })


def as_json(fig) -> dict:
    return json.loads(fig.to_json())


def test_status_chart_has_one_trace_per_status_with_its_colour_and_values() -> None:
    fig = charts.build_status_chart(framework_table(), lang="en", source="Source: X · as of 31 December 2025")
    bars = {trace.name: trace for trace in fig.data if trace.type == "bar"}
    assert list(bars) == ["Achieved", "Behind", "No data", "Hidden (small count)"]
    assert bars["Achieved"].marker.color == STATUS_COLOURS["achieved"]
    assert list(bars["Achieved"].x) == [103.1] and list(bars["Behind"].x) == [44.2]
    assert list(bars["Hidden (small count)"].x) == [0.0]         # no bar, a label instead
    assert list(bars["Hidden (small count)"].text) == ["Hidden (small count)"]
    expected = next(trace for trace in fig.data if trace.type == "scatter")
    assert list(expected.x) == [62.6, 75.2, 75.2]
    assert fig.layout.shapes[0].x0 == 100
    assert "as of 31 December 2025" in fig.to_json()


def test_status_chart_orders_statuses_best_first() -> None:
    fig = charts.build_status_chart(framework_table(), lang="id", source="s")
    names = [trace.name for trace in fig.data if trace.type == "bar"]
    assert names == ["Tercapai", "Tertinggal", "Tidak ada data", "Disembunyikan (jumlah kecil)"]
    assert fig.layout.separators == ",."


def series(values: list[float | None]) -> pd.DataFrame:
    periods = ["2024-Q3", "2024-Q4", "2025-Q1"][:len(values)]
    frame = pd.DataFrame({"indicator_code": "IMP-1", "period": periods, "value": values})
    frame["period_end"] = pd.to_datetime(["2024-09-30", "2024-12-31", "2025-03-31"][:len(values)])
    return frame


INDICATOR = pd.Series({"indicator_code": "IMP-1", "unit": "percent", "baseline": 24.0, "target": 50.0,
                       "target_date": pd.Timestamp("2026-06-30")})


def test_progress_over_time_values_baseline_target_and_trajectory() -> None:
    fig = as_json(charts.build_progress_over_time_chart(series([25.5, None, 30.5]), indicator=INDICATOR,
                                                        start=START, lang="id", source="s"))
    traces = {trace["name"]: trace for trace in fig["data"]}
    assert traces["Nilai"]["y"] == [25.5, None, 30.5]                   # a hidden value is absent, not drawn
    assert traces["Nilai"]["x"] == ["2024-09-30", "2024-12-31", "2025-03-31"]
    assert traces["Nilai"]["text"] == ["25,5", "", "30,5"]
    assert traces["Nilai dasar"]["y"] == [24.0, 24.0]
    assert traces["Target"]["y"] == [50.0, 50.0]
    assert traces["Lintasan yang diharapkan"]["x"] == ["2024-07-01", "2026-06-30"]
    assert traces["Lintasan yang diharapkan"]["y"] == [24.0, 50.0]
    assert "Okt 2024" in fig["layout"]["xaxis"]["ticktext"]             # month names in the page's language


def test_disaggregation_chart_hides_suppressed_groups() -> None:
    frame = pd.DataFrame({"dimension": ["sex", "sex", "disability"], "category": ["perempuan", "laki_laki", "ya"],
                          "value": [12.0, np.nan, 3.5], "hidden": [False, True, False]})
    indicator = pd.Series({"indicator_code": "X", "unit": "people"})
    fig = as_json(charts.build_disaggregation_chart(frame, indicator=indicator, lang="en", source="s"))
    bar = fig["data"][0]
    assert bar["y"] == [12.0, None, 3.5]
    assert bar["x"] == [["Sex", "Sex", "Disability"], ["Female", "Male", "With disability"]]
    assert bar["text"] == ["12", "Hidden (small count)", "4"]
    assert bar["marker"]["color"] == [category_colour("sex", "perempuan"), HIDDEN_COLOUR,
                                      category_colour("disability", "ya")]


REACH = pd.DataFrame({"activity_type": ["forum_perempuan", "musrenbang"], "female": [1200.0, 15.0],
                      "male": [0.0, 25.0], "total": [1200.0, 40.0], "women_share": [1.0, 0.375]})


@pytest.mark.parametrize("lang, sexes, names, share", [
    ("en", ("perempuan", "laki_laki"), ["Female", "Male"], "38% women"),
    ("id", ("perempuan",), ["Perempuan"], "38% perempuan"),
])
def test_reach_by_type_stacks_chosen_sexes(lang: str, sexes: tuple, names: list[str], share: str) -> None:
    fig = as_json(charts.build_reach_by_type_chart(REACH, sexes=sexes, lang=lang, source="s"))
    bars = [trace for trace in fig["data"] if trace["type"] == "bar"]
    assert [bar["name"] for bar in bars] == names
    assert bars[0]["x"] == [1200.0, 15.0] and bars[0]["marker"]["color"] == category_colour("sex", "perempuan")
    labels = next(trace for trace in fig["data"] if trace["type"] == "scatter")
    assert labels["text"][1] == share
    assert labels["x"] == ([1200.0, 40.0] if len(sexes) == 2 else [1200.0, 15.0])
    assert bars[0]["text"][0] == ("1,200" if lang == "en" else "1.200")


def test_reach_by_area_keeps_the_order_given() -> None:
    table = REACH.assign(area_name=["Semau", "Takari"])
    fig = charts.build_reach_by_area_chart(table, level="kecamatan", sexes=("perempuan", "laki_laki"), lang="en",
                                           source="s")
    assert list(fig.data[0].y) == ["Semau", "Takari"] and fig.layout.title.text == "Participants by kecamatan"


@pytest.mark.parametrize("values, plain", [([1, np.nan, 2.5], [1.0, None, 2.5]), ([], []),
                                           (pd.Series([3.0, None], dtype="Float64"), [3.0, None])])
def test_plain_lists_for_json(values, plain) -> None:
    assert charts.plain(values) == plain


def test_quarter_ticks() -> None:
    values, texts = charts.quarter_ticks(pd.Timestamp("2024-08-15"), pd.Timestamp("2025-02-01"), lang="en")
    assert values == ["2024-07-01", "2024-10-01", "2025-01-01"] and texts == ["Jul 2024", "Oct 2024", "Jan 2025"]


def test_framework_table_formats_per_language_and_groups_by_level() -> None:
    shown = tables.framework_table(framework_table(), lang="id")
    table = shown.frame
    assert table["Tingkat"].tolist() == ["Dampak", "Hasil", "", "Keluaran"]
    assert table["Nilai terakhir (periode)"].tolist() == ["35,5 (TW3 2025)", "71,2 (TW4 2025)",
                                                          "Disembunyikan (jumlah kecil) (TW4 2025)", ""]
    assert table["% target tercapai"].tolist() == ["44%", "103%", "", ""]
    assert table["Status"].tolist() == ["Tertinggal", "Tercapai", "Disembunyikan (jumlah kecil)", "Tidak ada data"]
    assert "Tanggal target" not in table.columns and shown.target_date.isoformat() == "2026-06-30"


def test_status_styles_cover_every_status_with_readable_text() -> None:
    styles = tables.status_styles(charts.STATUS_COLOURS, lang="en")
    assert "background-color: #0072B2; color: #FFFFFF" == styles["Achieved"]
    assert styles["No data"].endswith("color: #111111")
    assert len(styles) == len(charts.STATUS_COLOURS)


def test_lag_table_ranks_and_links() -> None:
    lagging = pd.DataFrame({"village_code": ["53.01.04.2006"], "village_name": ["Uiasa"],
                            "subdistrict_name": ["Semau"], "mean_progress": [10.6], "participants": [1296.0],
                            "indicators_behind": ["IMP-1"], "lag_score": [74.84]})
    table = tables.lag_table(lagging, pd.Series(["./village?village=53.01.04.2006&lang=en"]), lang="en")
    assert table.iloc[0].tolist() == [1, "Semau", "Uiasa", "74.8", "11%", "1,296", "IMP-1",
                                      "./village?village=53.01.04.2006&lang=en"]
    assert list(table.columns)[0] == "Rank"


def test_texts_have_both_languages_and_the_same_placeholders() -> None:
    for key, entry in TEXTS.items():
        assert set(entry) == {"id", "en"} and all(entry.values()), key
        assert set(re.findall(r"{(\w+)}", entry["id"])) == set(re.findall(r"{(\w+)}", entry["en"])), key


def test_every_status_has_a_label() -> None:
    from lib.metrics.indicators import STATUSES
    from lib.texts import TEXTS as ALL_TEXTS
    assert all(f"prog_status_{status}" in ALL_TEXTS for status in STATUSES)
    assert set(STATUSES) == set(charts.STATUS_COLOURS)


def test_a_value_just_short_of_the_expected_tick_goes_inside_its_bar() -> None:
    """'73%' written outside the bar sat under the expected-progress tick at 75."""
    table = pd.DataFrame({"indicator_code": ["A", "B", "C"], "name_en": ["a", "b", "c"], "name_id": ["a", "b", "c"],
                          "status": ["on_track"] * 3, "percent_of_target": [73.0, 78.0, 40.0],
                          "expected_share": [75.0, 75.0, 75.0], "value": [1.0] * 3, "unit": ["count"] * 3,
                          "level": ["output"] * 3})
    fig = charts.build_status_chart(table, lang="en", source="s")
    bars = fig.data[0]
    assert list(bars.textposition) == ["inside", "outside", "outside"]
    assert any(getattr(shape, "name", None) == "Target (100%)" and shape.showlegend for shape in fig.layout.shapes)


def test_indicators_are_named_on_the_status_chart_with_the_code_as_a_suffix() -> None:
    table = pd.DataFrame({"indicator_code": ["OP-1", "IMP-1"], "status": ["on_track", "behind"],
                          "name_en": ["Number of women trained in disaster risk reduction (cumulative)", "Short name"],
                          "name_id": ["Jumlah perempuan yang dilatih pengurangan risiko bencana (kumulatif)", "Nama"],
                          "percent_of_target": [73.0, 40.0], "expected_share": [75.0, 75.0], "value": [1.0, 2.0],
                          "unit": ["people", "percent"], "level": ["output", "impact"]})
    fig = charts.build_status_chart(table, lang="en", source="s")
    labels = list(fig.layout.yaxis.categoryarray)
    assert labels == ["Number of women trained in<br>disaster risk reduction… (OP-1)", "Short name (IMP-1)"]
    assert all(line and len(line) <= 34 + len(" (OP-1)") for label in labels for line in label.split("<br>"))
    assert charts.indicator_label("Nama", "OUT-4", width=34) == "Nama (OUT-4)"     # never 'OUT-/4'


def test_framework_table_keeps_a_target_date_column_when_the_dates_differ() -> None:
    frame = framework_table()
    frame.loc[0, "target_date"] = pd.Timestamp("2025-12-31")
    shown = tables.framework_table(frame, lang="en")
    assert shown.target_date is None
    assert shown.frame["Target date"].tolist() == ["31 December 2025", "30 June 2026", "30 June 2026", "30 June 2026"]
    assert list(shown.frame.columns)[-1] == "Target date"
