"""The climate page in both languages; its charts checked against the CSV files with plain pandas."""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.data.paths import SHIPPED_DATA_DIR
from tests.pages_helpers import DASHBOARD, figure_by_title, figures, run_page

PAGE = "pages/climate.py"
HAZARDS = pd.read_csv(SHIPPED_DATA_DIR / "hazards.csv", dtype={"village_code": str})
EVENTS = pd.read_csv(SHIPPED_DATA_DIR / "events.csv", dtype={"area_code": str})
ACTIVITIES = pd.read_csv(SHIPPED_DATA_DIR / "activities.csv", dtype={"village_code": str})
VILLAGES = pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype=str).query("regency_code == '53.01'")  # the default view
KUPANG_TIMUR = "53.01.06"


def drawn_indices(fig: dict) -> dict[str, float]:
    """village code -> index, as the ranking chart draws them (the code rides in customdata)."""
    return {point[0]: x for trace in fig["data"] for point, x in zip(trace["customdata"], trace["x"])}


def expected_indices(hazard: str, kecamatan: str | None = None) -> pd.Series:
    rows = HAZARDS[HAZARDS["hazard"] == hazard]
    if kecamatan:
        rows = rows[rows["village_code"].str.startswith(kecamatan + ".")]
    return rows.set_index("village_code")["index"].astype(float)


@pytest.mark.parametrize("lang, title, ranking_title", [
    ("id", "Risiko Iklim dan Bencana", "Desa menurut indeks bahaya Kekeringan"),
    ("en", "Climate and disaster risk", "Villages by Drought hazard index"),
])
def test_page_renders_in_both_languages(lang: str, title: str, ranking_title: str) -> None:
    app = run_page(PAGE, lang=lang)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == title
    assert len(figures(app)) == 3
    figure_by_title(app, ranking_title)
    assert all(fig["layout"]["title"]["subtitle"]["text"].startswith(("Sumber", "Source")) for fig in figures(app))


def test_choosing_a_hazard_ranks_the_filtered_villages_by_the_csv_index() -> None:
    app = run_page(PAGE, lang="en", kecamatan=KUPANG_TIMUR)
    app.selectbox(key="climate_hazard").set_value("banjir").run()
    assert not app.exception
    fig = figure_by_title(app, "Villages by Flood hazard index")
    expected = expected_indices("banjir", KUPANG_TIMUR)
    assert 0 < len(expected) <= 30
    assert drawn_indices(fig) == expected.to_dict()
    labels = fig["layout"]["yaxis"]["categoryarray"]
    names = VILLAGES.set_index("village_code")["village_name"]
    top = expected.sort_values(ascending=False).index[0]
    assert labels[-1].startswith(names[top])                         # the highest index at the top


def test_unfiltered_ranking_draws_the_top_30_and_all_on_request() -> None:
    app = run_page(PAGE, lang="en")
    app.selectbox(key="climate_hazard").set_value("tanah_longsor").run()
    expected = expected_indices("tanah_longsor")
    drawn = drawn_indices(figure_by_title(app, "Landslide hazard index"))
    assert sorted(drawn.values(), reverse=True) == sorted(expected, reverse=True)[:30]
    assert all(expected[code] == value for code, value in drawn.items())
    app.toggle(key="climate_show_all").set_value(True).run()
    assert drawn_indices(figure_by_title(app, "Landslide hazard index")) == expected.to_dict()


def test_class_counts_equal_the_csv() -> None:
    app = run_page(PAGE, lang="en", kecamatan=KUPANG_TIMUR)
    fig = figure_by_title(app, "Number of villages per class")
    drawn = {trace["name"]: dict(zip(trace["y"], trace["x"])) for trace in fig["data"]}
    inside = HAZARDS[HAZARDS["village_code"].str.startswith(KUPANG_TIMUR + ".")]
    expected = pd.crosstab(inside["hazard"], inside["class"])
    for class_code, name in (("rendah", "Low"), ("sedang", "Medium"), ("tinggi", "High")):
        assert drawn[name]["Flood"] == expected.loc["banjir"].get(class_code, 0)
        assert drawn[name]["Drought"] == expected.loc["kekeringan"].get(class_code, 0)


def markers(fig: dict) -> int:
    return sum(len(trace["x"]) for trace in fig["data"])


def run_with_state(state: dict[str, object], **query: str) -> AppTest:
    """The page opened from a link with widgets of the page preset: one run, so that the filters the
    link seeds are not lost to AppTest's handling of the period slider on later runs."""
    app = AppTest.from_file(DASHBOARD, default_timeout=90)
    app.run()
    app.switch_page(PAGE)
    for key, value in query.items():
        app.query_params[key] = value
    for key, value in state.items():
        app.session_state[key] = value
    return app.run()


@pytest.mark.parametrize("apply_period, expected", [
    (False, ["Kekeringan 2019", "Siklon Tropis Seroja", "Siklon Tropis Seroja", "Angin kencang Semau",
             "Kekeringan El Nino 2023"]),                          # every year: the period does not apply
    (True, ["Angin kencang Semau", "Kekeringan El Nino 2023"]),   # only Feb 2022 - Dec 2023
])
def test_events_follow_the_area_and_the_period_only_when_asked(apply_period: bool, expected: list[str]) -> None:
    app = run_with_state({"climate_events_period": apply_period}, lang="en", kecamatan="53.01.04",
                         **{"from": "2022-02", "to": "2023-12"})
    assert not app.exception
    applies = EVENTS["area_code"].map(lambda a: a in ("53.01", "53.01.04") or a.startswith("53.01.04."))
    if apply_period:
        applies &= EVENTS["date"].between("2022-02-01", "2023-12-31")
    assert sorted(EVENTS.loc[applies, "name"]) == sorted(expected)
    fig = figure_by_title(app, "Disaster events by area")
    assert sorted(point[0] for trace in fig["data"] for point in trace["customdata"]) == sorted(expected)
    assert markers(fig) == applies.sum()


def test_events_of_the_whole_regency() -> None:
    app = run_page(PAGE, lang="id")
    assert markers(figure_by_title(app, "Kejadian bencana per wilayah")) == len(EVENTS)


@pytest.mark.parametrize("rule, hazards", [("any", None), ("chosen", ["kekeringan"])])
def test_programme_by_high_hazard_table_equals_the_csv(rule: str, hazards: list[str] | None) -> None:
    app = run_page(PAGE, lang="en")
    app.radio(key="climate_high_rule").set_value(rule).run()
    considered = HAZARDS if hazards is None else HAZARDS[HAZARDS["hazard"].isin(hazards)]
    high = set(considered.loc[considered["class"] == "tinggi", "village_code"])
    programme = set(ACTIVITIES["village_code"])
    everyone = set(VILLAGES["village_code"])
    table = next(df.value for df in app.dataframe if "High hazard" in df.value.columns and "Total" in df.value.columns)
    assert table.loc["Programme village", "High hazard"] == str(len(programme & high))
    assert table.loc["Programme village", "Not high"] == str(len(programme - high))
    assert table.loc["Not a programme village", "High hazard"] == str(len(high - programme))
    assert table.loc["Total", "Total"] == str(len(everyone))
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["High-hazard villages without programme"] == str(len(high - programme))


def test_the_village_tables_are_drawn_only_while_open() -> None:
    from tests.pages_helpers import run_page

    app = run_page("pages/climate.py", lang="en")
    closed = [len(element.value) for element in app.dataframe]
    assert 177 not in closed                                   # no table with a row per village
    app.session_state["climate_rank_open"] = True              # what opening the two expanders sets
    app.session_state["climate_heat_open"] = True
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    opened = [len(element.value) for element in app.dataframe]
    assert opened == [177, 177, *closed]                       # the ranking and the heat table, every village
