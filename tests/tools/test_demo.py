"""The synthetic demo dataset: deterministic, true to the contract, calibrated to the public figures."""
from __future__ import annotations

import importlib.util
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from lib.data import codes
from lib.tools.demo import DEMO_TABLES, generate_demo, table_csv, write_demo
from lib.tools.demo.cases import AGE_BY_SEX, EXTRA_SERVICES, FORM_BY_LIFE_STAGE, PLACE_BY_RELATIONSHIP, \
    RELATIONSHIP_BY_LIFE_STAGE, SECOND_FORM
from lib.tools.demo.common import Quarter
from lib.tools.demo.framework import INDICATORS
from lib.tools.demo.values import SURVEY_OFFSETS
from lib.tools.demo.villages import PROGRAMME_START, coastal_village_codes
from lib.data.paths import SHIPPED_DATA_DIR
from lib.data.schema import DEMO_SOURCE, TABLES, Kind
from tests.conftest import TODAY

SEED = 2025


@pytest.fixture(scope="module")
def demo(villages: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return generate_demo(villages, seed=SEED, today=TODAY)


def _cases_of_year(cases: pd.DataFrame, year: int) -> pd.DataFrame:
    """SIMFONI counts a case in the year it was reported."""
    return cases[cases["report_date"].dt.year == year]


# Determinism ---------------------------------------------------------------------------------------

def test_same_seed_gives_identical_tables(villages: pd.DataFrame, demo: dict[str, pd.DataFrame]) -> None:
    again = generate_demo(villages, seed=SEED, today=TODAY)
    for name in DEMO_TABLES:
        pd.testing.assert_frame_equal(demo[name], again[name], obj=name)


def test_different_seed_gives_different_tables(villages: pd.DataFrame, demo: dict[str, pd.DataFrame]) -> None:
    other = generate_demo(villages, seed=SEED + 1, today=TODAY)
    random_tables = [name for name in DEMO_TABLES if name != "indicators"]  # the framework is declared, not drawn
    assert all(not demo[name].equals(other[name]) for name in random_tables)


# The contract -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DEMO_TABLES)
def test_columns_are_the_schema_columns_in_order(demo: dict[str, pd.DataFrame], name: str) -> None:
    assert tuple(demo[name].columns) == TABLES[name].column_names


@pytest.mark.parametrize("name", [name for name in DEMO_TABLES if "source" in TABLES[name].column_names])
def test_every_row_is_marked_demo(demo: dict[str, pd.DataFrame], name: str) -> None:
    assert len(demo[name]) > 0
    assert (demo[name]["source"] == DEMO_SOURCE).all()


@pytest.mark.parametrize("name", DEMO_TABLES)
def test_required_cells_are_filled_and_codes_are_known(demo: dict[str, pd.DataFrame], name: str) -> None:
    for column in TABLES[name].columns:
        values = demo[name][column.name]
        if column.required and not column.blank_allowed:
            assert values.notna().all(), column.name
        if column.code_list is not None:
            cells = values.dropna()
            used = set(cells.str.split(";").explode()) if column.kind == Kind.CATEGORIES else set(cells)
            assert used <= set(column.code_list.values), column.name


@pytest.mark.parametrize("today", [date(2024, 9, 15), date(2025, 5, 20), TODAY, date(2031, 1, 1)])
def test_nothing_is_dated_after_today(villages: pd.DataFrame, today: date) -> None:
    tables = generate_demo(villages, seed=SEED, today=today)
    for name, frame in tables.items():
        for column in TABLES[name].columns:
            if column.kind == Kind.DATE and not column.future_allowed:
                assert (frame[column.name].dropna() <= pd.Timestamp(today)).all(), (name, column.name)
    periods = tables["indicator_values"]["period"].map(lambda label: Quarter(int(label[:4]), int(label[-1])).end)
    assert (periods <= today).all()
    assert (tables["activities"]["date"] >= pd.Timestamp(PROGRAMME_START)).all()


def test_every_area_code_is_a_real_code(villages: pd.DataFrame, demo: dict[str, pd.DataFrame]) -> None:
    village_codes = set(villages["village_code"])
    areas = village_codes | set(villages["subdistrict_code"]) | set(villages["regency_code"])
    for name in ("activities", "cases", "hazards"):
        assert set(demo[name]["village_code"].dropna()) <= village_codes, name
    for name in ("indicator_values", "events"):
        assert set(demo[name]["area_code"]) <= areas, name


def test_case_villages_lie_in_their_kecamatan(villages: pd.DataFrame, demo: dict[str, pd.DataFrame]) -> None:
    cases = demo["cases"].dropna(subset=["village_code"])
    kecamatan_of = dict(zip(villages["village_code"], villages["subdistrict_code"]))
    assert (cases["village_code"].map(kecamatan_of) == cases["subdistrict_code"]).all()


def test_declared_weights_use_codes_of_the_code_lists() -> None:
    declared = [
        (codes.AGE_GROUP, [key for weights in AGE_BY_SEX.values() for key in weights]),
        (codes.SEX, list(AGE_BY_SEX)),
        (codes.RELATIONSHIP, [key for weights in RELATIONSHIP_BY_LIFE_STAGE.values() for key in weights]
         + list(PLACE_BY_RELATIONSHIP)),
        (codes.VIOLENCE_FORM, [key for weights in FORM_BY_LIFE_STAGE.values() for key in weights] + list(SECOND_FORM)),
        (codes.PLACE, [key for weights in PLACE_BY_RELATIONSHIP.values() for key in weights]),
        (codes.SERVICE, list(EXTRA_SERVICES)),
    ]
    for code_list, used in declared:
        assert set(used) <= set(code_list.values), code_list.name
    for column, offsets in SURVEY_OFFSETS.items():
        assert set(offsets) <= set(TABLES["indicator_values"].column(column).code_list.values), column


# Cases: calibrated to SIMFONI-PPA 2024 (Pos Kupang, 6 Feb 2025) ------------------------------------

@pytest.mark.parametrize("seed", [SEED, 1, 7, 42])
def test_2024_cases_match_the_public_figures(villages: pd.DataFrame, seed: int) -> None:
    cases = _cases_of_year(generate_demo(villages, seed=seed, today=TODAY)["cases"], 2024)
    assert len(cases) == 57
    assert (cases["victim_sex"] == "perempuan").sum() == 50
    form_counts = cases["violence_forms"].str.split(";").explode().value_counts()
    assert form_counts.index[0] == "seksual" and form_counts.iloc[0] > form_counts.iloc[1]
    assert cases["victim_age_group"].isin(["6-12", "13-17"]).mean() > 0.5


def test_cases_look_like_a_case_register(demo: dict[str, pd.DataFrame]) -> None:
    cases = demo["cases"]
    per_year = cases["report_date"].dt.year.value_counts()
    assert set(per_year.index) == {2022, 2023, 2024, 2025}
    assert per_year.between(35, 75).all()
    assert cases["report_date"].min() >= pd.Timestamp(2022, 1, 1)
    assert 0.1 <= cases["violence_forms"].str.contains(";").mean() <= 0.3
    assert 0.0 < cases["village_code"].isna().mean() < 0.2
    assert 0.0 < cases["incident_date"].isna().mean() < 0.1
    assert 0.0 < cases["services"].isna().mean() < 0.35
    dated = cases.dropna(subset=["incident_date"])
    assert (dated["report_date"] >= dated["incident_date"]).all()
    family_like = {"orang_tua", "keluarga_saudara", "suami_istri", "pacar_teman", "tetangga"}
    assert cases["perpetrator_relationship"].isin(family_like).mean() > 0.6


def test_case_ids_are_opaque(demo: dict[str, pd.DataFrame]) -> None:
    ids = demo["cases"]["case_id"]
    assert ids.is_unique
    assert ids.map(lambda value: re.fullmatch(r"C-[0-9A-F]{6}", value) is not None).all()
    assert not ids.is_monotonic_increasing  # no registry order to read from them


# Programme activities --------------------------------------------------------------------------------

def test_programme_works_in_about_twenty_desa_of_several_kecamatan(villages: pd.DataFrame,
                                                                     demo: dict[str, pd.DataFrame]) -> None:
    worked_in = villages[villages["village_code"].isin(demo["activities"]["village_code"])]
    assert 18 <= len(worked_in) <= 22
    assert 5 <= worked_in["subdistrict_code"].nunique() <= 7
    assert (worked_in["village_type"] == "desa").all()


def test_peace_groups_meet_in_seven_villages_with_about_seventy_percent_women(
        demo: dict[str, pd.DataFrame]) -> None:
    activities = demo["activities"]
    meetings = activities[activities["activity_type"] == "pokja_perdamaian"]
    assert meetings["village_code"].nunique() == 7
    women = meetings["participants_female"].sum()
    assert 0.6 <= women / (women + meetings["participants_male"].sum()) <= 0.8


def test_womens_forums_gather_about_twenty_five_women(demo: dict[str, pd.DataFrame]) -> None:
    activities = demo["activities"]
    forums = activities[activities["activity_type"] == "forum_perempuan"]
    assert 20 <= forums["participants_female"].mean() <= 30


def test_activities_are_consistent(demo: dict[str, pd.DataFrame]) -> None:
    activities = demo["activities"]
    present = activities["participants_female"] + activities["participants_male"]
    assert (activities["participants_with_disability"] <= present).all()
    assert (activities["participants_youth"] <= present).all()
    assert activities["activity_id"].is_unique
    assert activities["activity_id"].str.fullmatch(r"ACT-\d{4}-\d{4}").all()
    assert (activities["activity_id"].str[4:8].astype(int) == activities["date"].dt.year).all()
    assert {"pelatihan_prb", "pelatihan_gedsi", "pelatihan_peringatan_dini",
            "pelatihan_perencanaan_responsif_gender", "musrenbang"} <= set(activities["activity_type"])


# Indicators -----------------------------------------------------------------------------------------

def test_indicator_values_are_plausible(demo: dict[str, pd.DataFrame]) -> None:
    indicators = demo["indicators"].set_index("indicator_code")
    values = demo["indicator_values"].join(indicators[["unit", "disaggregations"]], on="indicator_code")
    assert 10 <= len(indicators) <= 12 and set(values["indicator_code"]) == set(indicators.index)
    percent = values[values["unit"] == "percent"]["value"]
    assert percent.between(0, 100).all()
    counts = values[values["unit"] != "percent"]["value"]
    assert (counts == counts.round()).all() and (counts >= 0).all()
    assert values.duplicated(list(TABLES["indicator_values"].key)).sum() == 0
    for column in ("sex", "age_group", "disability"):
        used = values.dropna(subset=[column])
        assert used["disaggregations"].str.split(";").map(lambda declared: column in declared).all(), column


def test_some_villages_clearly_lag_behind(demo: dict[str, pd.DataFrame]) -> None:
    spec = next(spec for spec in INDICATORS if spec.code == "IMP-1")
    values = demo["indicator_values"]
    totals = values[(values["indicator_code"] == spec.code) & values[["sex", "age_group", "disability"]].isna().all(axis=1)]
    latest = totals[totals["period"] == totals["period"].max()]
    progress = (latest["value"] - spec.baseline) / (spec.target - spec.baseline)
    assert (progress < 0.5 * progress.median()).sum() >= 2


# Hazards and events -----------------------------------------------------------------------------------

def test_hazards_cover_every_village_and_hazard_once(kupang: pd.DataFrame, demo: dict[str, pd.DataFrame]) -> None:
    """Every village of the demo's regency (Kupang: Timor Tengah Selatan gets no demo data)."""
    hazards = demo["hazards"]
    assert len(hazards) == len(kupang) * len(codes.HAZARD.values)
    assert not hazards.duplicated(["village_code", "hazard"]).any()
    assert set(hazards["village_code"]) == set(kupang["village_code"])
    assert hazards["index"].between(0, 1).all() and (hazards["index"] == hazards["index"].round(3)).all()
    assert (hazards["class"] == hazards["index"].map(codes.hazard_class_for)).all()


def test_hazards_follow_the_terrain(villages: pd.DataFrame, demo: dict[str, pd.DataFrame]) -> None:
    hazards = demo["hazards"].pivot(index="village_code", columns="hazard", values="index")
    coastal = coastal_village_codes(villages)
    inland = hazards.index.difference(list(coastal))
    assert (hazards["kekeringan"] >= 0.55).all()
    assert (hazards.loc[inland, ["gelombang_ekstrem_abrasi", "tsunami"]] == 0).all().all()
    assert (hazards.loc[list(coastal), "tsunami"] > 0.333).all()


def test_seroja_is_on_the_timeline(demo: dict[str, pd.DataFrame]) -> None:
    seroja = demo["events"][demo["events"]["event_type"] == "siklon_tropis"]
    regency = seroja[seroja["area_code"] == "53.01"]
    kecamatan = seroja[seroja["area_code"].str.len() == len("53.01.04")]
    assert len(regency) == 1 and len(kecamatan) >= 3
    assert (seroja["date"].dt.strftime("%Y-%m-%d").isin(["2021-04-04", "2021-04-05"])).all()
    assert regency["affected"].iloc[0] >= 1_000
    assert kecamatan["affected"].sum() <= regency["affected"].iloc[0]
    assert kecamatan["houses_damaged"].sum() <= regency["houses_damaged"].iloc[0]
    assert 8 <= len(demo["events"]) - len(seroja) <= 12


def test_coastal_villages_by_distance_or_by_kecamatan(villages: pd.DataFrame) -> None:
    semau = villages[villages["subdistrict_name"] == "Semau"]["village_code"]
    assert set(semau) <= coastal_village_codes(villages)
    by_distance = coastal_village_codes(villages, {code: 1.0 for code in semau})
    assert by_distance == frozenset(semau)


# Files ----------------------------------------------------------------------------------------------

def test_write_demo_writes_one_csv_per_table(tmp_path: Path, villages: pd.DataFrame) -> None:
    written = write_demo(tmp_path, seed=SEED, villages=villages, today=TODAY)
    assert [path.name for path in written] == [f"{name}.csv" for name in DEMO_TABLES]
    for path in written:
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert tuple(header.split(",")) == TABLES[path.stem].column_names


def test_generated_dataset_validates(tmp_path: Path, villages: pd.DataFrame) -> None:
    if importlib.util.find_spec("lib.data.validate") is None:
        pytest.skip("lib.data.validate is not there yet")
    from lib.data.load import validate_folder

    write_demo(tmp_path, seed=SEED, villages=villages, today=TODAY)
    shutil.copyfile(SHIPPED_DATA_DIR / "villages.csv", tmp_path / "villages.csv")
    reports = validate_folder(tmp_path, today=TODAY)
    errors = [problem.describe("en") for report in reports for problem in report.errors]
    assert {report.table for report in reports} >= set(DEMO_TABLES)
    assert errors == []


def test_shipped_demo_is_what_the_generator_writes(tmp_path: Path, villages: pd.DataFrame) -> None:
    """data/ holds `python -m lib.cli demo-data --seed 2025 --out data --today 2025-12-31`; regenerate it
    with that command whenever the generator or the villages change."""
    write_demo(tmp_path, seed=SEED, villages=villages, today=TODAY)
    for name in DEMO_TABLES:
        shipped = SHIPPED_DATA_DIR / f"{name}.csv"
        assert shipped.read_text(encoding="utf-8") == (tmp_path / f"{name}.csv").read_text(encoding="utf-8"), name


def test_table_csv_writes_whole_numbers_and_iso_dates(demo: dict[str, pd.DataFrame]) -> None:
    lines = table_csv(demo["events"]).splitlines()
    assert any(re.match(r"^2021-04-04,siklon_tropis,Siklon Tropis Seroja,53\.01,\d+,\d+,\d+,DEMO", line)
               for line in lines)
    assert all(".0," not in line for line in table_csv(demo["activities"]).splitlines())
