"""The village profile page: both languages, ?village= links, reach against the CSV, survivor safety."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.tools.visible_counts import numbers_in_text
from lib.data.paths import SHIPPED_DATA_DIR
from tests.pages_helpers import figure_by_title, figures, run_page

PAGE = "pages/village.py"
ACTIVITIES = pd.read_csv(SHIPPED_DATA_DIR / "activities.csv", dtype={"village_code": str})
HAZARDS = pd.read_csv(SHIPPED_DATA_DIR / "hazards.csv", dtype={"village_code": str})
VILLAGES = pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype=str)
CASES = pd.read_csv(SHIPPED_DATA_DIR / "cases.csv", dtype=str)
BUSIEST = ACTIVITIES["village_code"].value_counts().index[0]          # a programme village
NAMES = VILLAGES.set_index("village_code")["village_name"]


@pytest.mark.parametrize("lang, title", [("id", "Profil Desa: "), ("en", "Village profile: ")])
def test_page_renders_in_both_languages(lang: str, title: str) -> None:
    app = run_page(PAGE, lang=lang, village=BUSIEST)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == title + NAMES[BUSIEST]
    assert len(figures(app)) == 4


@pytest.mark.parametrize("period", [{}, {"from": "2025-01", "to": "2025-06"}])
def test_reach_equals_the_csv_for_a_linked_programme_village(period: dict[str, str]) -> None:
    app = run_page(PAGE, lang="en", village=BUSIEST, **period)
    assert not app.exception
    assert app.selectbox(key="profile_village").value == BUSIEST
    own = ACTIVITIES[ACTIVITIES["village_code"] == BUSIEST]
    if period:
        own = own[own["date"].between(period["from"] + "-01", period["to"] + "-31")]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Activities"] == f"{len(own):,}"
    assert metrics["Women and girls"] == f"{own['participants_female'].sum():,}"
    assert metrics["Men and boys"] == f"{own['participants_male'].sum():,}"
    assert metrics["Participants"] == f"{own['participants_female'].sum() + own['participants_male'].sum():,}"
    assert metrics["With disability"] == f"{own['participants_with_disability'].sum():,}"
    assert metrics["Youth (15-24)"] == f"{own['participants_youth'].sum():,}"
    fig = figure_by_title(app, "Participants by activity type")
    drawn = {trace["name"]: sum(trace["x"]) for trace in fig["data"]}
    assert drawn == {"Female": own["participants_female"].sum(), "Male": own["participants_male"].sum()}


def test_hazard_profile_equals_the_csv() -> None:
    app = run_page(PAGE, lang="en", village=BUSIEST)
    fig = figure_by_title(app, "index per hazard")
    drawn = sorted(x for trace in fig["data"] for x in trace["x"])
    assert drawn == sorted(HAZARDS.loc[HAZARDS["village_code"] == BUSIEST, "index"].astype(float))


def test_changing_the_village_writes_the_link_and_keeps_other_keys() -> None:
    app = run_page(PAGE, lang="en", village=BUSIEST)
    other = VILLAGES["village_code"].iloc[-1]
    app.selectbox(key="profile_village").set_value(other).run()
    assert not app.exception
    assert app.query_params["village"] == other and app.query_params["lang"] == "en"
    assert app.title[0].value.startswith("Village profile: " + NAMES[other])
    links = {link.proto.page: link.proto.query_string for link in app.get("page_link")}
    assert links["map"] == f"selected={other}"


@pytest.mark.parametrize("query, expected", [
    ({}, sorted(ACTIVITIES["village_code"].unique())[0]),                  # first programme village
    ({"village": "99.99.99.9999"}, sorted(ACTIVITIES["village_code"].unique())[0]),   # an invalid link
    ({"kecamatan": "53.01.06", "desa": "53.01.06.1004"}, "53.01.06.1004"),  # the sidebar's desa
])
def test_default_village(query: dict[str, str], expected: str) -> None:
    app = run_page(PAGE, lang="en", **query)
    assert not app.exception
    assert app.selectbox(key="profile_village").value == expected
    assert app.query_params["village"] == expected


def case_elements(app) -> list[float]:
    """Every number shown by the cases section: its chart, its tile and its table."""
    fig = figure_by_title(app, "Cases reported per year")
    values = [float(v) for trace in fig["data"] for v in trace.get("y") or [] if isinstance(v, (int, float))]
    values += [v for trace in fig["data"] for text in trace.get("text") or [] for v in numbers_in_text(str(text))]
    values += [v for m in app.metric if m.label.startswith("Cases reported") for v in numbers_in_text(m.value)]
    table = next(df.value for df in app.dataframe if "Cases" in df.value.columns)
    values += [v for text in table["Cases"] for v in numbers_in_text(str(text))]
    return values


# Kecamatan with small yearly counts in the shipped data: Semau, Sulamu, Amfoang Selatan, Kupang Timur.
@pytest.mark.parametrize("village", ["53.01.04.2005", "53.01.07.2004", "53.01.12.2004", "53.01.06.1004"])
def test_no_case_count_from_1_to_4_is_shown(village: str) -> None:
    app = run_page(PAGE, lang="en", village=village)
    assert not app.exception
    shown = case_elements(app)
    assert shown and not [v for v in shown if 0 < v < 5]
    # and the shown numbers are the kecamatan's yearly counts, never a village's
    kecamatan = VILLAGES.set_index("village_code").loc[village, "subdistrict_code"]
    per_year = CASES[CASES["subdistrict_code"] == kecamatan]["report_date"].str[:4].value_counts()
    allowed = {float(v) for v in per_year} | {float(per_year.sum()), 0.0, 5.0}   # 5 from the '<5' mark
    assert set(shown) <= allowed | {float(y) for y in range(2020, 2030)}
