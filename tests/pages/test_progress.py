"""The progress page in AppTest: both languages, sidebar and page interactions whose figure data
equal numbers computed here from the shipped CSV files with plain pandas."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.data.codes import ACTIVITY_TYPE
from lib.data.paths import SHIPPED_DATA_DIR
from tests.pages_helpers import run_page

PAGE = "pages/progress.py"
ACTIVITIES = pd.read_csv(SHIPPED_DATA_DIR / "activities.csv", dtype=str)
VALUES = pd.read_csv(SHIPPED_DATA_DIR / "indicator_values.csv", dtype=str)
VILLAGES = pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype=str)
QUARTER_ENDS = {"Q1": "03-31", "Q2": "06-30", "Q3": "09-30", "Q4": "12-31"}


def open_page(**query: str) -> AppTest:
    """The app on the progress page, with `query` in the URL."""
    app = run_page(PAGE, **query)
    assert not app.exception, [e.value for e in app.exception]
    return app


def figure(app: AppTest, title: str) -> dict:
    figures = [json.loads(element.proto.spec) for element in app.get("plotly_chart")]
    matches = [fig for fig in figures if fig["layout"]["title"]["text"] == title]
    assert len(matches) == 1, [fig["layout"]["title"]["text"] for fig in figures]
    return matches[0]


def trace(fig: dict, name: str) -> dict:
    return next(t for t in fig["data"] if t.get("name") == name)


def period_end(period: str) -> str:
    year, part = period.split("-")
    return f"{year}-{QUARTER_ENDS[part]}"


@pytest.mark.parametrize("lang, title, charts", [
    ("id", "Capaian Program", ["Capaian terhadap target per indikator", "IMP-1: nilai dari waktu ke waktu",
                               "IMP-1: menurut kelompok", "Peserta menurut jenis kegiatan",
                               "Peserta menurut kecamatan"]),
    ("en", "Programme progress", ["Progress towards target by indicator", "IMP-1: value over time",
                                  "IMP-1: by group", "Participants by activity type", "Participants by kecamatan"]),
])
def test_page_renders_in_both_languages(lang: str, title: str, charts: list[str]) -> None:
    app = open_page(lang=lang)
    assert app.title[0].value == title
    assert [json.loads(e.proto.spec)["layout"]["title"]["text"] for e in app.get("plotly_chart")] == charts
    demo = "DEMO (sintetis)" if lang == "id" else "DEMO (synthetic)"       # the demo label in the reader's language
    assert all(demo in json.loads(e.proto.spec)["layout"]["title"]["subtitle"]["text"]
               for e in app.get("plotly_chart"))


def test_choosing_a_kecamatan_in_the_sidebar_updates_reach_to_the_csv_totals() -> None:
    app = open_page(lang="en")
    app.multiselect(key="f_kecamatan").set_value(["53.01.04"]).run()
    assert not app.exception, [e.value for e in app.exception]

    inside = ACTIVITIES[ACTIVITIES["village_code"].str.startswith("53.01.04.")].copy()
    for column in ("participants_female", "participants_male"):
        inside[column] = inside[column].astype(int)
    by_type = inside.groupby("activity_type")[["participants_female", "participants_male"]].sum()
    labels = {code.label_en: code.code for code in ACTIVITY_TYPE.codes}

    fig = figure(app, "Participants by activity type")
    shown_types = [labels[label.replace("<br>", " ")] for label in trace(fig, "Female")["y"]]
    assert sorted(shown_types) == sorted(by_type.index)
    assert trace(fig, "Female")["x"] == [float(by_type.loc[c, "participants_female"]) for c in shown_types]
    assert trace(fig, "Male")["x"] == [float(by_type.loc[c, "participants_male"]) for c in shown_types]

    # One kecamatan chosen: reach is shown per desa.
    by_village = inside.groupby("village_code")[["participants_female", "participants_male"]].sum()
    names = VILLAGES.set_index("village_code")["village_name"]
    area = figure(app, "Participants by village")
    expected = {names[code]: float(row.participants_female) for code, row in by_village.iterrows()}
    assert dict(zip(trace(area, "Female")["y"], trace(area, "Female")["x"])) == expected
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Participants"] == f"{int(by_village.to_numpy().sum()):,}"


def test_a_count_indicator_is_the_sum_of_its_village_values_with_its_target() -> None:
    app = open_page(lang="en")
    app.selectbox(key="progress_indicator").set_value("OP-2").run()
    assert not app.exception, [e.value for e in app.exception]
    rows = VALUES[(VALUES["indicator_code"] == "OP-2") & VALUES[["sex", "age_group", "disability"]].isna().all(axis=1)]
    assert (rows["area_code"].str.len() == len("53.01.04.2003")).all()      # reported per village
    totals = rows.assign(value=rows["value"].astype(float)).groupby("period")["value"].sum()
    chart = figure(app, "OP-2: value over time")
    value = trace(chart, "Value")
    assert value["y"] == totals.tolist()
    assert value["x"] == [period_end(p) for p in totals.index]
    assert trace(chart, "Target")["y"] == [5000.0, 5000.0]


def test_a_kecamatan_sums_its_villages_counts_and_shows_no_programme_target() -> None:
    app = open_page(lang="en", kecamatan="53.01.04")
    app.selectbox(key="progress_indicator").set_value("OP-2").run()
    rows = VALUES[(VALUES["indicator_code"] == "OP-2") & VALUES["area_code"].str.startswith("53.01.04.")
                  & VALUES[["sex", "age_group", "disability"]].isna().all(axis=1)]
    totals = rows.assign(value=rows["value"].astype(float)).groupby("period")["value"].sum()
    chart = figure(app, "OP-2: value over time")
    assert trace(chart, "Value")["y"] == totals.tolist() and totals.iloc[-1] > 0
    assert [t["name"] for t in chart["data"]] == ["Value"]               # no regency baseline or target
    framework = app.table[0].value
    row = framework[framework["Code"] == "OP\u20112"].iloc[0]
    assert row["Baseline → target"] == "" and row["Status"] == "Programme-wide target"
    assert row["Latest value (period)"].startswith(f"{int(totals.iloc[-1]):,}")
    referral = framework[framework["Code"] == "OUT\u20116"].iloc[0]     # a regency total only
    assert referral["Status"] == "Reported for a wider area"
    imp = framework[framework["Code"] == "IMP\u20111"].iloc[0]          # a percentage target holds everywhere
    assert imp["Baseline → target"] == "24.0 → 50.0"


def test_percentages_of_a_kecamatan_are_the_mean_of_its_villages() -> None:
    app = open_page(lang="en", kecamatan="53.01.04")
    rows = VALUES[(VALUES["indicator_code"] == "IMP-1") & VALUES["area_code"].str.startswith("53.01.04.")
                  & VALUES[["sex", "age_group", "disability"]].isna().all(axis=1)]
    means = rows.assign(value=rows["value"].astype(float)).groupby("period")["value"].mean()
    value = trace(figure(app, "IMP-1: value over time"), "Value")
    assert value["y"] == pytest.approx(means.tolist())


def test_the_sex_filter_selects_female_rows_and_bars() -> None:
    app = open_page(lang="en", sex="perempuan")
    app.selectbox(key="progress_indicator").set_value("OP-4").run()
    female = VALUES[(VALUES["indicator_code"] == "OP-4") & (VALUES["sex"] == "perempuan")]
    summed = female.assign(value=female["value"].astype(float)).groupby("period")["value"].sum()
    assert trace(figure(app, "OP-4: value over time"), "Value")["y"] == summed.tolist()
    reach = figure(app, "Participants by activity type")
    assert [t["name"] for t in reach["data"] if t["type"] == "bar"] == ["Female"]


def test_survivor_counts_never_show_1_to_4_not_even_as_a_difference() -> None:
    app = open_page(lang="en")
    app.selectbox(key="progress_indicator").set_value("OUT-6").run()
    shown = [v for v in trace(figure(app, "OUT-6: value over time"), "Value")["y"]]
    assert any(v is not None for v in shown) and None in shown
    visible = [0.0] + [v for v in shown if v is not None]           # the baseline (0) is public
    assert all(v == 0 or v >= 5 for v in visible)
    assert all(abs(b - a) == 0 or abs(b - a) >= 5 for a, b in zip(visible, visible[1:]))
    raw = VALUES[VALUES["indicator_code"] == "OUT-6"]["value"].astype(float)
    assert (raw.between(1, 4)).any()                                  # the data does hold small counts


def test_lagging_villages_cover_the_programme_villages_and_link_to_their_profile() -> None:
    app = open_page(lang="en")
    table = app.dataframe[0].value
    programme = set(ACTIVITIES["village_code"]) | set(VALUES.loc[VALUES["area_code"].str.len() == 13, "area_code"])
    assert len(table) == len(programme)
    assert table["Rank"].tolist() == list(range(1, len(programme) + 1))
    names = VILLAGES.set_index("village_code").loc[sorted(programme), "village_name"]
    assert sorted(table["Village"]) == sorted(names) and "Village profile" not in table.columns
    scores = [float(s) for s in table["Lag score"]]
    assert scores == sorted(scores, reverse=True)


def test_choosing_a_lagging_village_opens_its_profile_in_this_tab_with_the_period() -> None:
    app = open_page(lang="en", **{"from": "2025-01", "to": "2025-06"})
    first = app.dataframe[0].value["Village"].iloc[0]
    app.session_state["progress_lag_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == f"Village profile: {first}"
    query = {key: app.query_params[key] for key in ("from", "to", "lang")}
    assert query == {"from": "2025-01", "to": "2025-06", "lang": "en"} and app.query_params["village"].startswith("53.01.")
    app.switch_page("pages/progress.py").run()                             # back: the table, not the profile again
    assert app.title[0].value == "Programme progress"


def test_a_period_from_the_link_survives_an_interaction() -> None:
    app = open_page(lang="en", **{"from": "2025-01", "to": "2025-06"})
    app.selectbox(key="progress_indicator").set_value("OP-1").run()
    rows = VALUES[(VALUES["indicator_code"] == "OP-1") & VALUES["period"].isin(["2025-Q1", "2025-Q2"])
                  & VALUES[["sex", "age_group", "disability"]].isna().all(axis=1)]
    value = trace(figure(app, "OP-1: value over time"), "Value")
    assert value["y"] == rows.assign(value=rows["value"].astype(float)).groupby("period")["value"].sum().tolist()
    inside = ACTIVITIES[ACTIVITIES["date"].between("2025-01-01", "2025-06-30")]
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Activities"] == f"{len(inside):,}"
