"""The map page's frames and labels, checked against the shipped CSV files read with plain pandas."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.data.codes import HAZARD
from lib.data.filters import Filters
from lib.data.load import load_table
from lib.data.paths import SHIPPED_DATA_DIR
from lib.map.priority import (CoverageDefinition, HazardAggregate, Weights, nexus_inputs, priority_export, priority_scores,
                              rank_within)
from lib.map.tables import (area_villages, hazards_present, indicator_names, kecamatan_names, priority_screen_table,
                            village_names)

KUPANG_TIMUR = "53.01.06"
VILLAGES_CSV = pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype=str)
HAZARDS_CSV = pd.read_csv(SHIPPED_DATA_DIR / "hazards.csv", dtype={"village_code": str})


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: load_table(name) for name in ("villages", "hazards", "indicators")}


def test_area_villages_are_the_kecamatan_sorted_and_renumbered(tables) -> None:
    villages = tables["villages"].sample(frac=1, random_state=1)    # shuffled: the order must come from the codes
    before = villages.copy()
    area = area_villages(villages, Filters(subdistricts=(KUPANG_TIMUR,)))
    expected = sorted(VILLAGES_CSV.loc[VILLAGES_CSV["subdistrict_code"] == KUPANG_TIMUR, "village_code"])
    assert area["village_code"].tolist() == expected and len(expected) == 13
    assert area.index.tolist() == list(range(13))
    pd.testing.assert_frame_equal(villages, before)                 # the input is left as it was
    assert len(area_villages(villages, Filters())) == len(VILLAGES_CSV) == 177 + 278
    assert len(area_villages(villages, Filters(regencies=("53.01",)))) == 177


def test_village_and_kecamatan_names(tables) -> None:
    area = area_villages(tables["villages"], Filters(subdistricts=(KUPANG_TIMUR,)))
    names = village_names(area)
    assert names["53.01.06.1001"] == "Babau (Kupang Timur)"
    assert names["53.01.06.1004"] == "Oesao (Kupang Timur)"
    assert len(names) == 13
    assert kecamatan_names(area) == {KUPANG_TIMUR: "Kupang Timur"}
    everywhere = kecamatan_names(tables["villages"])
    assert everywhere["53.01.04"] == "Semau"
    assert len(everywhere) == VILLAGES_CSV["subdistrict_code"].nunique()


def test_hazards_present_follow_the_code_list(tables) -> None:
    assert hazards_present(tables["hazards"]) == [h for h in HAZARD.values if h in set(HAZARDS_CSV["hazard"])]
    assert len(hazards_present(tables["hazards"])) == 8
    some = tables["hazards"][tables["hazards"]["hazard"].isin(["tsunami", "banjir"])]
    assert hazards_present(some) == ["banjir", "tsunami"]          # the code list's order, not the table's
    assert hazards_present(some.iloc[0:0]) == []
    assert hazards_present(None) == []


@pytest.mark.parametrize("lang, expected", [
    ("en", "IMP-1 · % of women who feel able to influence village decisions"),
    ("id", "IMP-1 · Persentase perempuan yang merasa mampu mempengaruhi keputusan desa"),
])
def test_indicator_names_in_each_language(tables, lang: str, expected: str) -> None:
    names = indicator_names(tables["indicators"], lang=lang)
    assert names["IMP-1"] == expected
    assert list(names) == tables["indicators"]["indicator_code"].tolist()


@pytest.mark.parametrize("lang, top_priority, profile, code_column, hazard_column", [
    ("en", "1.000", "Profile", "Village code", "Hazard (index)"),
    ("id", "1,000", "Profil", "Kode desa", "Bahaya (indeks)"),
])
def test_priority_table_on_screen(tables, lang: str, top_priority: str, profile: str, code_column: str,
                                  hazard_column: str) -> None:
    villages = tables["villages"]
    inputs = nexus_inputs(villages=villages, hazards=tables["hazards"], activities=None, cases=None, filters=Filters(),
                          aggregate=HazardAggregate.SINGLE, hazard="kekeringan", coverage=CoverageDefinition.RELATIVE,
                          lang=lang)
    ranked = rank_within(priority_scores(inputs, Weights(1.0, 0.0, 0.0)), villages["village_code"])
    export = priority_export(ranked, inputs, villages, lang=lang)
    before = export.copy()
    shown = priority_screen_table(export, ranked, lang=lang)

    assert list(shown.columns) == [c for c in export.columns if c not in (code_column, hazard_column)] + [profile]
    drought = HAZARDS_CSV[HAZARDS_CSV["hazard"] == "kekeringan"].set_index("village_code")["index"]
    top = drought.idxmax()
    assert shown[profile].iloc[0] == f"./village?village={top}&lang={lang}"
    assert shown[profile].tolist() == [f"./village?village={code}&lang={lang}" for code in export[code_column]]
    assert len(shown) == len(VILLAGES_CSV)
    assert shown.iloc[0, 0] == 1                                    # the rank stays a number
    village_column = shown.columns[1]
    assert shown[village_column].iloc[0] == VILLAGES_CSV.set_index("village_code").loc[top, "village_name"]
    assert shown[export.columns[4]].iloc[0] == top_priority          # the priority index, written per language
    pd.testing.assert_frame_equal(export, before)                   # the export itself is unchanged


@pytest.fixture(scope="module")
def nexus() -> tuple:
    from lib.safety.publication import publication_for

    villages = load_table("villages")
    publication = publication_for(load_table("cases"), villages)
    villages = villages[villages["regency_code"] == "53.01"]       # the default view: Kupang
    inputs = nexus_inputs(villages=villages, hazards=load_table("hazards"), activities=load_table("activities"),
                          cases=publication, filters=Filters(regencies=("53.01",)), aggregate=HazardAggregate.MEAN, hazard=None,
                          coverage=CoverageDefinition.RELATIVE, lang="en")
    return villages, inputs


def test_the_priority_list_leaves_a_count_not_published_out_and_says_so(nexus) -> None:
    villages, inputs = nexus
    weights = Weights(0.4, 0.3, 0.3)
    ranked = rank_within(priority_scores(inputs, weights), villages["village_code"]).set_index("village_code")
    hidden = ranked["violence_hidden"]
    assert 0 < hidden.sum() < len(ranked)
    both = ranked[~hidden]
    assert both["priority"].to_numpy() == pytest.approx(
        (0.4 * both["hazard_norm"] + 0.3 * both["violence_norm"] + 0.3 * both["gap"]).to_numpy())
    left_out = ranked[hidden]
    assert left_out["violence_norm"].isna().all()
    assert left_out["priority"].to_numpy() == pytest.approx(
        ((0.4 * left_out["hazard_norm"] + 0.3 * left_out["gap"]) / 0.7).to_numpy())
    export = priority_export(ranked.reset_index(), inputs, villages, lang="en").set_index("Village code")
    assert set(export.loc[hidden[hidden].index, "Cases in the kecamatan"]) <= {"<5, not published", "not published"}
    counts = export.loc[hidden[~hidden].index, "Cases in the kecamatan"]
    assert all(text.isdigit() and (int(text) == 0 or int(text) >= 5) for text in counts), set(counts)


def test_the_nexus_source_line_dates_case_data_to_the_month(nexus) -> None:
    _, inputs = nexus
    assert inputs.source_line.startswith("Source: DEMO") and inputs.source_line.endswith("· as of Dec 2025")
    assert inputs.violence_period == "2022–2025"
    assert inputs.hidden_kecamatan == inputs.frame.loc[inputs.frame["violence_hidden"]].index.str[:8].nunique() > 0
