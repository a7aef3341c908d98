"""Village profile assembly (lib.metrics.village_profile), and survivor safety for every shipped village."""
from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from lib.data import codes
from lib.metrics import village_profile as vp
from lib.charts.village import build_kecamatan_cases_chart, cases_table
from lib.data.filters import Filters
from lib.data.load import load_table
from lib.data.paths import SHIPPED_DATA_DIR
from lib.safety.publication import Publication, build_publication, publication_for
from lib.safety.suppress import HIDDEN_STATES, CellState
from tests.safety.publication_builders import cases_of, many

VILLAGES = pd.DataFrame({
    "village_code": ["53.01.04.2001", "53.01.04.2002", "53.01.06.1001"],
    "village_name": ["Beta", "Alpha", "Oesao"],
    "village_type": ["desa", "desa", "kelurahan"],
    "subdistrict_code": ["53.01.04", "53.01.04", "53.01.06"],
    "subdistrict_name": ["Semau", "Semau", "Kupang Timur"],
    "regency_code": ["53.01"] * 3,
    "regency_name": ["Kabupaten Kupang"] * 3,
    "lat": [-10.2, -10.1, -10.0],
    "lon": [123.4, 123.5, 123.6],
})


def activity_rows(*rows: tuple) -> pd.DataFrame:
    """(id, date, village, type, female, male, disability, youth) -> an activities table."""
    frame = pd.DataFrame(rows, columns=["activity_id", "date", "village_code", "activity_type",
                                        "participants_female", "participants_male", "participants_with_disability",
                                        "participants_youth"])
    return frame.assign(date=pd.to_datetime(frame["date"]), source="test")


ACTIVITIES = activity_rows(
    ("A1", "2024-09-10", "53.01.04.2001", "forum_perempuan", 20, 0, 2, 3),
    ("A2", "2024-11-05", "53.01.04.2001", "pelatihan_prb", 10, 8, 1, 4),
    ("A3", "2024-11-20", "53.01.04.2001", "forum_perempuan", 15, 1, 0, 2),
    ("A4", "2024-10-01", "53.01.06.1001", "musrenbang", 5, 5, 0, 0),
)


# Choosing the village -------------------------------------------------------------------------------
OPTIONS = ["53.01.04.2002", "53.01.04.2001", "53.01.06.1001"]


@pytest.mark.parametrize("url_value, current, last_url_value, expected", [
    ("53.01.06.1001", None, None, "53.01.06.1001"),               # a link was followed
    ("53.01.06.1001", "53.01.04.2001", "53.01.04.2001", "53.01.06.1001"),   # a new link wins
    ("53.01.06.1001", "53.01.04.2001", "53.01.06.1001", "53.01.04.2001"),   # the user changed the selectbox
    ("99.99.99.9999", "53.01.04.2001", None, "53.01.04.2001"),     # an invalid link is ignored
    ("99.99.99.9999", None, None, "53.01.04.2002"),                # ... and the default used
    (None, None, None, "53.01.04.2002"),
    (None, "53.01.06.1001", None, "53.01.06.1001"),
])
def test_choose_village(url_value, current, last_url_value, expected) -> None:
    assert vp.choose_village(url_value=url_value, current=current, last_url_value=last_url_value,
                             options=OPTIONS, default="53.01.04.2002") == expected


@pytest.mark.parametrize("filters, programme, expected", [
    (Filters(villages=("53.01.06.1001", "53.01.04.2001")), {"53.01.04.2001"}, "53.01.06.1001"),  # sidebar desa first
    (Filters(), {"53.01.06.1001", "53.01.04.2001"}, "53.01.04.2001"),     # first programme village by code
    (Filters(subdistricts=("53.01.06",)), {"53.01.04.2001"}, "53.01.06.1001"),   # none in the area: the area's first
    (Filters(), set(), "53.01.06.1001"),                                  # by kecamatan name, then village name
])
def test_default_village(filters: Filters, programme: set[str], expected: str) -> None:
    assert vp.default_village(VILLAGES, filters, programme) == expected


def test_village_options_are_ordered_by_kecamatan_then_name() -> None:
    assert vp.village_options(VILLAGES) == ["53.01.06.1001", "53.01.04.2002", "53.01.04.2001"]


def test_village_choices_list_every_village_unless_there_are_too_many() -> None:
    assert vp.village_choices(VILLAGES, Filters(subdistricts=("53.01.06",))) == vp.village_options(VILLAGES)
    in_area = Filters(subdistricts=("53.01.04",))
    assert vp.village_choices(VILLAGES, in_area, keep=(None,), limit=2) == ["53.01.04.2002", "53.01.04.2001"]
    assert vp.village_choices(VILLAGES, in_area, keep=("53.01.06.1001",), limit=2) == vp.village_options(VILLAGES)
    assert vp.village_choices(VILLAGES, Filters(), keep=("53.01.04.2001",), limit=2) == ["53.01.04.2001"]


def test_the_village_page_lists_the_area_when_the_data_holds_too_many(monkeypatch) -> None:
    from tests.pages_helpers import run_page

    monkeypatch.setattr("lib.data.area_options.DESA_OPTIONS_MAX", 100)     # Kupang's 177 villages count as many
    monkeypatch.setattr(vp, "DESA_OPTIONS_MAX", 100)
    villages = load_table("villages", folder=SHIPPED_DATA_DIR)
    kecamatan = villages["subdistrict_code"].iloc[0]
    app = run_page("pages/village.py", lang="en", kecamatan=kecamatan)
    assert not app.exception, [e.value for e in app.exception]
    picker = app.selectbox(key="profile_village")
    assert len(picker.options) == (villages["subdistrict_code"] == kecamatan).sum()
    linked = villages["village_code"].iloc[-1]                        # a link to a village elsewhere still opens it
    app = run_page("pages/village.py", lang="en", kecamatan=kecamatan, village=linked)
    assert app.selectbox(key="profile_village").value == linked


# Reach ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("filters, expected", [
    (Filters(), (3, 45, 9, 3, 9)),
    (Filters(period_from="2024-11"), (2, 25, 9, 1, 6)),
    (Filters(period_to="2024-08"), (0, 0, 0, 0, 0)),
])
def test_reach_totals(filters: Filters, expected: tuple[int, ...]) -> None:
    reach = vp.reach_totals(vp.village_activities(ACTIVITIES, "53.01.04.2001", filters))
    assert (reach.activities, reach.female, reach.male, reach.with_disability, reach.youth) == expected
    assert reach.participants == expected[1] + expected[2]


def test_reach_by_type_follows_the_code_list_order() -> None:
    by_type = vp.reach_by_type(vp.village_activities(ACTIVITIES, "53.01.04.2001", Filters()))
    assert by_type["activity_type"].tolist() == ["forum_perempuan", "pelatihan_prb"]
    assert by_type["activities"].tolist() == [2, 1]
    assert by_type["female"].tolist() == [35, 10]
    assert by_type["male"].tolist() == [1, 8]


def test_reach_by_month_keeps_months_without_activities() -> None:
    by_month = vp.reach_by_month(vp.village_activities(ACTIVITIES, "53.01.04.2001", Filters()), Filters())
    assert by_month["month"].tolist() == ["2024-09", "2024-10", "2024-11"]
    assert by_month["activities"].tolist() == [1, 0, 2]
    assert by_month["female"].tolist() == [20, 0, 25]


def test_reach_by_month_spans_the_chosen_period() -> None:
    filters = Filters(period_from="2024-08", period_to="2024-12")
    by_month = vp.reach_by_month(vp.village_activities(ACTIVITIES, "53.01.04.2001", filters), filters)
    assert by_month["month"].tolist() == ["2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]


def test_reach_of_no_activities_is_empty() -> None:
    empty = ACTIVITIES.iloc[:0]
    assert vp.reach_by_type(empty).empty
    assert vp.reach_by_month(empty, Filters()).empty
    assert vp.reach_totals(empty).last is None


# Indicators -----------------------------------------------------------------------------------------
INDICATORS = pd.DataFrame({
    "indicator_code": ["P-1", "C-1"], "name_id": ["Persen", "Kasus"], "name_en": ["Percent", "Cases"],
    "level": ["outcome", "outcome"], "unit": ["percent", "cases"], "baseline": [20.0, 0.0], "target": [60.0, 40.0],
    "target_date": pd.to_datetime(["2026-06-30", "2026-06-30"]), "direction": ["increase", "increase"],
    "disaggregations": ["sex", None], "source": ["test", "test"],
})


def value_rows(*rows: tuple) -> pd.DataFrame:
    """(indicator, area, period, sex, value) -> an indicator_values table."""
    frame = pd.DataFrame(rows, columns=["indicator_code", "area_code", "period", "sex", "value"])
    return frame.assign(age_group=pd.NA, disability=pd.NA, source="test").astype(
        {"sex": "string", "age_group": "string", "disability": "string", "value": "Float64"})


VALUES = value_rows(
    ("P-1", "53.01.04.2001", "2024-Q4", None, 30.0),
    ("P-1", "53.01.04.2001", "2025-Q2", None, 40.0),
    ("P-1", "53.01.04.2001", "2025-Q2", "perempuan", 44.0),
    ("P-1", "53.01.04.2002", "2025-Q3", None, 90.0),
    ("C-1", "53.01.04.2001", "2025-Q2", None, 3.0),
)


def test_latest_indicator_values_with_progress() -> None:
    table = vp.latest_indicator_values(VALUES, INDICATORS, "53.01.04.2001", Filters()).set_index("indicator_code")
    assert table.loc["P-1", "period"] == "2025-Q2" and table.loc["P-1", "value"] == 40.0
    assert table.loc["P-1", "percent_of_target"] == pytest.approx(50.0)    # (40-20)/(60-20)
    assert table.loc["C-1", "hidden"] and pd.isna(table.loc["C-1", "value"])   # a case count of 3 never shows
    assert table.loc["C-1", "status"] == "hidden"


@pytest.mark.parametrize("filters, expected", [
    (Filters(sexes=("perempuan",)), {"P-1": 44.0}),
    (Filters(period_to="2024-12"), {"P-1": 30.0}),
    (Filters(period_from="2026-01"), {}),
])
def test_latest_indicator_values_follow_the_filters(filters: Filters, expected: dict[str, float]) -> None:
    table = vp.latest_indicator_values(VALUES, INDICATORS, "53.01.04.2001", filters)
    assert dict(zip(table["indicator_code"], table["value"])) == expected


# Hazards, events, cases -----------------------------------------------------------------------------
def test_village_hazards_list_every_hazard_with_no_data_where_missing() -> None:
    latest = pd.DataFrame({"village_code": ["53.01.04.2001"], "hazard": ["banjir"], "index": [0.7],
                           "class": ["tinggi"], "year": [2023], "source": ["test"]})
    frame = vp.village_hazards(latest, "53.01.04.2001")
    assert frame["hazard"].tolist() == list(codes.HAZARD.values)
    assert frame.set_index("hazard").loc["banjir", "class"] == "tinggi"
    assert (frame[frame["hazard"] != "banjir"]["class"] == "no_data").all()


def cases_in(years: dict[int, int], *, kecamatan: str = "53.01.04") -> list[tuple]:
    return [row for year, count in years.items() for row in many(count, f"{year}-06-01", kecamatan)]


def published(*rows: tuple) -> Publication:
    """The publication of these cases over the two kecamatan of VILLAGES."""
    return build_publication(cases_of(list(rows)), ("53.01.04", "53.01.06"), threshold=5)


@pytest.mark.parametrize("own", [
    {2022: 2, 2023: 6, 2024: 0, 2025: 7},
    {2022: 1, 2023: 2, 2024: 3, 2025: 2},
    {2022: 0, 2023: 0, 2024: 3, 2025: 0},
    {2022: 5, 2023: 9, 2024: 0, 2025: 6},
])
def test_kecamatan_cases_by_year_are_the_published_cells(own: dict[int, int]) -> None:
    publication = published(*cases_in(own), *cases_in({2022: 10, 2023: 10, 2024: 10, 2025: 10}, kecamatan="53.01.06"))
    result = vp.kecamatan_cases_by_year(publication, "53.01.04")
    assert result.table["year"].tolist() == [2022, 2023, 2024, 2025]
    for year, value, state in result.table.itertuples(index=False):
        cell = publication.cell("cases_by_subdistrict_year", ("53.01.04", year))
        assert state == cell.state and (pd.isna(value) if cell.value is None else value == own[year] == cell.value)
        assert not 0 < own[year] < 5 or state in HIDDEN_STATES           # a small year is never shown
    assert (result.total, result.total_state) == (publication.cell("cases_by_subdistrict", ("53.01.04",)).value,
                                                  publication.cell("cases_by_subdistrict", ("53.01.04",)).state)
    assert publication.audit.passed


def test_kecamatan_cases_stay_the_kecamatan_s_even_when_hidden() -> None:
    # mostly hidden: still this kecamatan's cells (never the regency's trend under its name)
    publication = published(*cases_in({2022: 1, 2023: 2, 2024: 1, 2025: 1}),
                            *cases_in({2022: 9, 2023: 9, 2024: 9, 2025: 9}, kecamatan="53.01.06"))
    result = vp.kecamatan_cases_by_year(publication, "53.01.04")
    assert result.table["value"].isna().all() and result.table["state"].isin(HIDDEN_STATES).all()


def test_kecamatan_cases_ignore_the_period_filter_by_design() -> None:
    assert "filters" not in inspect.signature(vp.kecamatan_cases_by_year).parameters


def test_kecamatan_cases_of_a_publication_without_cases() -> None:
    result = vp.kecamatan_cases_by_year(published(), "53.01.04")
    assert result.table.empty and result.total is None and result.total_state == CellState.NO_DATA


# Assembly -------------------------------------------------------------------------------------------
def test_build_profile_assembles_every_section() -> None:
    events = pd.DataFrame({"date": pd.to_datetime(["2021-04-04", "2022-01-01"]), "event_type": ["siklon_tropis"] * 2,
                           "name": ["Seroja", "Other"], "area_code": ["53.01", "53.01.06"], "deaths": [4, 0],
                           "affected": [100, 5], "houses_damaged": [10, 1], "source": ["test"] * 2})
    hazards = pd.DataFrame({"village_code": ["53.01.04.2001"], "hazard": ["banjir"], "index": [0.5],
                            "class": [None], "year": [2023], "source": ["test"]})
    cases = published(*cases_in({2024: 6, 2025: 2}), *cases_in({2024: 20, 2025: 20}, kecamatan="53.01.06"))
    profile = vp.build_profile("53.01.04.2001", Filters(), villages=VILLAGES, activities=ACTIVITIES,
                               indicator_values=VALUES, indicators=INDICATORS, hazards=hazards, events=events,
                               cases=cases)
    assert profile.header == vp.VillageHeader("53.01.04.2001", "Beta", "desa", "53.01.04", "Semau",
                                              "Kabupaten Kupang", -10.2, 123.4)
    assert profile.reach.activities == 3 and len(profile.activities) == 3
    assert set(profile.indicators["indicator_code"]) == {"P-1", "C-1"}
    assert profile.hazards.set_index("hazard").loc["banjir", "class"] == "sedang"
    assert profile.events["name"].tolist() == ["Seroja"]          # not the other kecamatan's
    assert profile.cases.table["year"].tolist() == [2024, 2025]
    assert profile.cases.table["state"].iloc[1] == CellState.SMALL and not any(0 < v < 5 for v in profile.cases.table["value"].dropna())


def test_build_profile_without_optional_tables() -> None:
    profile = vp.build_profile("53.01.06.1001", Filters(), villages=VILLAGES, activities=None,
                               indicator_values=None, indicators=None, hazards=None, events=None, cases=None)
    assert profile.reach.activities == 0 and profile.indicators.empty and profile.events.empty
    assert (profile.hazards["class"] == "no_data").all() and profile.cases is None


# Survivor safety on the shipped data, every village ----------------------------------------------------
@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    names = ("villages", "activities", "indicator_values", "indicators", "hazards", "events")
    tables = {name: load_table(name, folder=Path(SHIPPED_DATA_DIR)) for name in names}
    return {**tables, "cases": publication_for(load_table("cases", folder=Path(SHIPPED_DATA_DIR)), tables["villages"])}


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(values: list) -> list[float]:
    """Every number in a list of JSON values: numbers as they are, and the digits inside texts."""
    found: list[float] = []
    for value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            found.append(float(value))
        elif isinstance(value, str):
            found += [float(n.replace(".", "").replace(",", "")) for n in NUMBER.findall(value)]
    return found


def test_no_case_count_from_1_to_4_for_any_village(shipped: dict[str, pd.DataFrame]) -> None:
    raw = pd.read_csv(SHIPPED_DATA_DIR / "cases.csv", dtype=str)
    raw["year"] = raw["report_date"].str[:4].astype(int)
    villages = shipped["villages"]
    assert len(villages) == 177 + 278
    # Every village of Kupang, and one of each kecamatan of Timor Tengah Selatan (no case there)
    tts = villages[villages["regency_code"] == "53.02"].drop_duplicates("subdistrict_code")
    for code in [*villages.loc[villages["regency_code"] == "53.01", "village_code"], *tts["village_code"]]:
        profile = vp.build_profile(code, Filters(), **shipped)
        cases = profile.cases
        shown = cases.table["value"].dropna().tolist() + ([cases.total] if cases.total is not None else [])
        assert not [v for v in shown if 0 < v < 5], code
        hidden = cases.table["state"].isin(HIDDEN_STATES).sum()
        if cases.total is not None:                      # a shown total must not give away a single hidden year
            assert hidden != 1, code
        expected = raw[raw["subdistrict_code"] == profile.header.subdistrict_code].groupby("year").size()
        for year, value in zip(cases.table["year"], cases.table["value"]):
            if pd.notna(value):
                assert value == expected.get(year, 0), (code, year)
        for lang in ("id", "en"):
            fig = json.loads(build_kecamatan_cases_chart(cases, lang=lang, kecamatan="K", source_line="S").to_json())
            values = [v for trace in fig["data"] for v in [*(trace.get("y") or []), *(trace.get("text") or [])]]
            assert not [v for v in numbers_in(values) if 0 < v < 5], (code, lang)
            table = cases_table(cases, lang=lang)
            assert not [v for v in numbers_in(table.iloc[:, 1].tolist()) if 0 < v < 5], (code, lang)
        case_values = profile.indicators.loc[profile.indicators["unit"] == "cases", "value"].dropna()
        assert not [v for v in case_values if 0 < v < 5], code
