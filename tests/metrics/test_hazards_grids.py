"""The whole-data hazard grids (lib.metrics.hazards.hazard_grids, kept by lib.ui.cache) give exactly the frames
that the direct computation gives for every area: grids, counts, overlap, exports and the overview tile."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.ui import cache
from lib.metrics import hazards as hz
from lib.exports.hazard_views import hazard_by_village_frame
from lib.data.filters import Filters
from lib.data.load import load_table
from lib.metrics.overview import hazard_tile
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


@pytest.mark.parametrize("latest", [LATEST, PARTIAL, LATEST.iloc[:0]], ids=["full", "partial", "empty"])
@pytest.mark.parametrize("area", list(AREAS))
def test_grid_rows_equal_the_direct_grids(latest: pd.DataFrame, area: str) -> None:
    grids, villages = hz.hazard_grids(latest), AREAS[area]
    assert_same(hz.hazard_class_grid(latest, villages, grids=grids), hz.hazard_class_grid(latest, villages))
    assert_same(hz.hazard_index_grid(latest, villages, grids=grids), hz.hazard_index_grid(latest, villages))
    assert_same(hz.hazard_year_grid(latest, villages, grids=grids), hz.hazard_year_grid(latest, villages))
    assert_same(hz.class_counts(latest, villages, grids=grids), hz.class_counts(latest, villages))


@pytest.mark.parametrize("latest", [LATEST, PARTIAL], ids=["full", "partial"])
@pytest.mark.parametrize("area", list(AREAS))
@pytest.mark.parametrize("considered", [hz.HAZARDS, ("banjir",), ("tsunami", "kekeringan")])
def test_overlap_and_exports_with_grids_equal_the_direct_ones(latest: pd.DataFrame, area: str,
                                                               considered: tuple[str, ...]) -> None:
    grids, villages = hz.hazard_grids(latest), AREAS[area]
    programme = frozenset(villages["village_code"].iloc[::2])
    cached = hz.programme_hazard_overlap(latest, villages, programme, hazards=considered, grids=grids)
    direct = hz.programme_hazard_overlap(latest, villages, programme, hazards=considered)
    for field in ("table", "overlapping", "gaps"):
        assert_same(getattr(cached, field), getattr(direct, field))
    for lang in ("id", "en"):
        assert_same(hazard_by_village_frame(latest, villages, lang=lang, grids=grids),
                    hazard_by_village_frame(latest, villages, lang=lang))


@pytest.mark.parametrize("latest", [LATEST, PARTIAL], ids=["full", "partial"])
@pytest.mark.parametrize("area", list(AREAS))
def test_exposure_counts_are_the_column_sums_of_the_overlap_table(latest: pd.DataFrame, area: str) -> None:
    villages = AREAS[area]
    table = hz.programme_hazard_overlap(latest, villages, frozenset(villages["village_code"].iloc[:2])).table
    expected = {state: int(table[state].sum()) for state in hz.EXPOSURE_STATES}
    assert hz.exposure_counts(latest, villages) == expected
    assert hz.exposure_counts(latest, villages, grids=hz.hazard_grids(latest)) == expected


def test_exposure_table_equals_the_crosstab_it_replaces() -> None:
    programme = pd.Series([True, False, True, False, False], name="programme")
    states = pd.Series([hz.HIGH, hz.NO_DATA, hz.NOT_HIGH, hz.HIGH, hz.HIGH], name="state")
    crosstab = pd.crosstab(programme, states).reindex(index=[True, False], columns=list(hz.EXPOSURE_STATES),
                                                      fill_value=0).astype(int)
    assert_same(hz._exposure_table(programme.to_numpy(), states.to_numpy(dtype=object)), crosstab)


def test_grids_of_another_latest_frame_are_not_used() -> None:
    # Grids built from a different version of the data must not answer for this one.
    stale = hz.hazard_grids(PARTIAL)
    assert_same(hz.hazard_class_grid(LATEST, VILLAGES, grids=stale), hz.hazard_class_grid(LATEST, VILLAGES))
    assert_same(hz.hazard_index_grid(LATEST, VILLAGES, grids=stale), hz.hazard_index_grid(LATEST, VILLAGES))


@pytest.mark.parametrize("filters", [Filters(), Filters(subdistricts=(KECAMATAN[1],)), Filters(regencies=("53.01",)),
                                     Filters(subdistricts=("53.99.99",))])
def test_hazard_tile_with_grids_equals_the_direct_tile(filters: Filters) -> None:
    assert hazard_tile(HAZARDS, VILLAGES, filters, latest=LATEST, grids=hz.hazard_grids(LATEST)) == \
        hazard_tile(HAZARDS, VILLAGES, filters)


def test_cached_grids_belong_to_the_cached_latest_table(folder: Path) -> None:
    latest, grids = cache.latest_hazards_table(), cache.hazard_grids_table()
    assert grids is not None and grids.covers(latest)
    assert cache.hazard_grids_table() is grids   # built once per file version
    assert_same(grids.classes, hz.hazard_grids(latest).classes)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_ranking_export_names_every_class_as_the_row_by_row_labels(lang: str) -> None:
    from lib.exports.hazard_views import _class_name, hazard_ranking_frame

    ranking = hz.hazard_ranking(PARTIAL, VILLAGES, hazard="banjir_bandang")
    exported = hazard_ranking_frame(ranking, hazard="banjir_bandang", lang=lang)
    assert exported["hazard_class"].tolist() == [_class_name(code, lang) for code in ranking["class"]]
    assert set(ranking["class"]) >= {hz.NO_DATA, hz.HIGH_CLASS}   # both kinds of label are exercised
