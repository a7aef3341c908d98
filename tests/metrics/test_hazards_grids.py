"""The whole-data hazard grids (lib.metrics.hazards.grids_of, built once per latest_hazards frame) give exactly
the frames of the plain pivot (the reference below) for every area: grids, counts, overlap and exports."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.ui import cache
from lib.metrics import hazards as hz
from lib.data.filters import Filters
from lib.data.load import load_table
from tests.conftest import TODAY

VILLAGES = load_table("villages", today=TODAY)
HAZARDS = load_table("hazards", today=TODAY)
LATEST = hz.latest_hazards(HAZARDS)
# Some villages without any assessment and some hazards without a value, as real data has.
PARTIAL = LATEST[~LATEST["village_code"].isin(VILLAGES["village_code"].iloc[::7])].iloc[::2].reset_index(drop=True)
KECAMATAN = sorted(VILLAGES["subdistrict_code"].unique())
AREAS: dict[str, pd.DataFrame] = {
    "all": VILLAGES,
    "one kecamatan": hz.villages_in_area(VILLAGES, Filters(subdistricts=(KECAMATAN[0],))),
    "three kecamatan": hz.villages_in_area(VILLAGES, Filters(subdistricts=tuple(KECAMATAN[2:5]))),
    "one village": VILLAGES.iloc[[3]],
    "reordered": VILLAGES.iloc[::-3],
    "none": VILLAGES.iloc[:0],
    "unknown village": VILLAGES.iloc[:1].assign(village_code="53.99.99.9999"),
}


def assert_same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left, right, check_exact=True, check_index_type=True, check_column_type=True)


# The reference: pivot the latest assessments of the area's villages, every time.
def pivot(latest: pd.DataFrame, villages: pd.DataFrame, column: str) -> pd.DataFrame:
    inside = latest[latest["village_code"].isin(villages["village_code"])]
    grid = inside.pivot(index="village_code", columns="hazard", values=column) if len(inside) else pd.DataFrame()
    return grid.reindex(index=villages["village_code"].tolist(), columns=list(hz.HAZARDS))


def reference_class_grid(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    grid = pivot(latest, villages, "class")
    return grid.astype(object).where(grid.notna(), hz.NO_DATA)


def reference_class_counts(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    grid = reference_class_grid(latest, villages)
    columns = [*hz.CLASSES, hz.NO_DATA]
    return pd.DataFrame([[int((grid[hazard] == cls).sum()) for cls in columns] for hazard in hz.HAZARDS],
                        index=pd.Index(list(hz.HAZARDS)), columns=pd.Index(columns))


@pytest.mark.parametrize("latest", [LATEST, PARTIAL, LATEST.iloc[:0]], ids=["full", "partial", "empty"])
@pytest.mark.parametrize("area", list(AREAS))
def test_grid_rows_equal_the_reference_pivot(latest: pd.DataFrame, area: str) -> None:
    villages = AREAS[area]
    assert_same(hz.hazard_class_grid(latest, villages), reference_class_grid(latest, villages))
    assert_same(hz.hazard_index_grid(latest, villages), pivot(latest, villages, "index").astype(float))
    assert_same(hz.hazard_year_grid(latest, villages), pivot(latest, villages, "year").astype(float))
    assert_same(hz.class_counts(latest, villages), reference_class_counts(latest, villages))


@pytest.mark.parametrize("latest", [LATEST, PARTIAL], ids=["full", "partial"])
@pytest.mark.parametrize("area", list(AREAS))
def test_exposure_counts_are_the_column_sums_of_the_overlap_table(latest: pd.DataFrame, area: str) -> None:
    villages = AREAS[area]
    table = hz.programme_hazard_overlap(latest, villages, frozenset(villages["village_code"].iloc[:2])).table
    expected = {state: int(table[state].sum()) for state in hz.EXPOSURE_STATES}
    assert hz.exposure_counts(latest, villages) == expected


def test_exposure_table_equals_the_crosstab_it_replaces() -> None:
    programme = pd.Series([True, False, True, False, False], name="programme")
    states = pd.Series([hz.HIGH, hz.NO_DATA, hz.NOT_HIGH, hz.HIGH, hz.HIGH], name="state")
    crosstab = pd.crosstab(programme, states).reindex(index=[True, False], columns=list(hz.EXPOSURE_STATES),
                                                      fill_value=0).astype(int)
    assert_same(hz._exposure_table(programme.to_numpy(), states.to_numpy(dtype=object)), crosstab)


def test_grids_are_built_once_per_frame_and_never_answer_for_another() -> None:
    assert hz.grids_of(LATEST) is hz.grids_of(LATEST)
    other = LATEST.copy()   # equal values, another frame: its own grids
    assert hz.grids_of(other) is not hz.grids_of(LATEST)
    assert_same(hz.hazard_class_grid(PARTIAL, VILLAGES), reference_class_grid(PARTIAL, VILLAGES))
    assert_same(hz.hazard_class_grid(LATEST, VILLAGES), reference_class_grid(LATEST, VILLAGES))


def test_latest_hazards_is_computed_once_per_hazards_frame(folder: Path) -> None:
    hazards = cache.table("hazards")
    assert hz.latest_hazards(hazards) is hz.latest_hazards(cache.table("hazards"))
    assert_same(hz.latest_hazards(hazards), hz.latest_hazards(hazards.copy()))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_ranking_export_names_every_class_as_the_row_by_row_labels(lang: str) -> None:
    from lib.exports.hazard_views import _class_name, hazard_ranking_frame

    ranking = hz.hazard_ranking(PARTIAL, VILLAGES, hazard="banjir_bandang")
    exported = hazard_ranking_frame(ranking, hazard="banjir_bandang", lang=lang)
    assert exported["hazard_class"].tolist() == [_class_name(code, lang) for code in ranking["class"]]
    assert set(ranking["class"]) >= {hz.NO_DATA, hz.HIGH_CLASS}   # both kinds of label are exercised
