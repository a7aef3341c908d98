"""Overview tiles: numbers checked against plain pandas on the shipped CSV files."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.data.filters import Filters
from tests.conftest import DEFAULT_VIEW
from lib.data.load import load_table
from lib.metrics.overview import cases_tile, coverage_tile, hazard_tile, indicator_tile, reach_tile
from lib.data.paths import SHIPPED_DATA_DIR
from lib.safety.publication import build_publication, publication_for
from tests.safety.publication_builders import KECAMATAN, cases_of, many
from lib.safety.suppress import CellState

ACTIVITIES = pd.read_csv(SHIPPED_DATA_DIR / "activities.csv", dtype={"village_code": str})
HAZARDS = pd.read_csv(SHIPPED_DATA_DIR / "hazards.csv", dtype={"village_code": str})
SHIPPED = publication_for(load_table("cases", folder=SHIPPED_DATA_DIR), load_table("villages", folder=SHIPPED_DATA_DIR))


@pytest.mark.parametrize("filters, columns", [
    (Filters(), ["participants_female", "participants_male"]),
    (Filters(sexes=("perempuan",)), ["participants_female"]),
    (Filters(sexes=("laki_laki",), period_from="2025-01", period_to="2025-06"), ["participants_male"]),
])
def test_reach(filters: Filters, columns: list[str]) -> None:
    rows = ACTIVITIES
    if filters.period_from:
        rows = rows[(rows["date"] >= "2025-01-01") & (rows["date"] <= "2025-06-30")]
    reach = reach_tile(load_table("activities"), filters)
    assert reach.people == rows[columns].sum().sum()
    assert sum(reach.by_quarter) == reach.people


def test_coverage_counts_villages_with_activities(villages: pd.DataFrame) -> None:
    kecamatan = ACTIVITIES["village_code"].str[:8].iloc[0]
    coverage = coverage_tile(load_table("activities"), villages, Filters(subdistricts=(kecamatan,)))
    inside = ACTIVITIES[ACTIVITIES["village_code"].str.startswith(kecamatan)]
    assert coverage.covered == inside["village_code"].nunique()
    assert coverage.villages == (villages["subdistrict_code"] == kecamatan).sum()
    assert coverage.cumulative_by_quarter[-1] == coverage.covered
    assert coverage.cumulative_by_quarter == sorted(coverage.cumulative_by_quarter)


def test_the_hazard_tile_counts_villages_where_several_hazards_are_high(villages: pd.DataFrame) -> None:
    per_village = HAZARDS[HAZARDS["class"] == "tinggi"].groupby("village_code")["hazard"].nunique()
    tile = hazard_tile(load_table("hazards"), villages, DEFAULT_VIEW)
    assert (tile.high, tile.villages, tile.no_data, tile.year) == (int((per_village >= 2).sum()), 177, 0, 2023)
    every = hazard_tile(load_table("hazards"), villages, Filters())     # Timor Tengah Selatan has no hazard data
    assert (every.high, every.villages, every.no_data) == (tile.high, 177 + 278, 278)
    assert every.detail("en", str) == "assessed 2023 · 151 with 1+ · 278 not assessed"
    assert tile.detail("id", str) == "kajian 2023 · 151 dengan ≥1"
    assert tile.any_high == len(per_village) == 151 and tile.high == 75      # one high hazard is common here


def test_indicator_statuses_cover_every_indicator() -> None:
    status = indicator_tile(load_table("indicators"), load_table("indicator_values"), Filters())
    assert sum(status.counts.values()) == len(load_table("indicators"))


def test_cases_tile_is_this_year_against_last() -> None:
    cases = pd.read_csv(SHIPPED_DATA_DIR / "cases.csv", dtype=str)
    per_year = cases["report_date"].str[:4].value_counts().sort_index()
    tile = cases_tile(SHIPPED, Filters())
    assert (tile.comparison.current, tile.comparison.previous) == (per_year.iloc[-1], per_year.iloc[-2])
    assert tile.by_year == [float(v) for v in per_year]


def test_cases_tile_never_shows_a_small_count() -> None:
    # A kecamatan with few cases: its yearly counts are small, so the trend is dropped.
    counts = load_table("cases")["subdistrict_code"].value_counts()
    small = counts[counts < 12].index[0]
    tile = cases_tile(SHIPPED, Filters(subdistricts=(small,)))
    assert tile.by_year is None
    for value, state in ((tile.comparison.current, tile.comparison.current_state),
                         (tile.comparison.previous, tile.comparison.previous_state)):
        assert value is None or value >= 5
        assert value is not None or state in (CellState.SMALL, CellState.COMPLEMENT)


# lib.ui.cache keeps each tile per data version, filters and smallest shown count, for every session -------
@pytest.fixture
def tile_calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The tile computations lib.ui.cache makes; its shared calls start and end empty, on disk too."""
    from lib.ui import cache

    calls: list[str] = []
    for kind, compute in list(cache.OVERVIEW_TILES.items()):
        monkeypatch.setitem(cache.OVERVIEW_TILES, kind,
                            lambda filters, kind=kind, compute=compute: calls.append(kind) or compute(filters))
    monkeypatch.setenv(cache.SHARED_DIR_ENV, str(tmp_path / "shared"))
    cache._SHARED.clear()
    yield calls
    cache._SHARED.clear()


def test_cached_tiles_equal_the_direct_ones_and_are_computed_once(folder, tile_calls: list[str]) -> None:
    from lib.ui import cache

    filters = Filters(subdistricts=(HAZARDS["village_code"].iloc[0][:8],), period_from="2024-01")
    tables = {name: load_table(name, folder=folder) for name in
              ("activities", "villages", "indicators", "indicator_values", "cases", "hazards")}
    direct = {"reach": reach_tile(tables["activities"], filters),
              "coverage": coverage_tile(tables["activities"], tables["villages"], filters),
              "indicators": indicator_tile(tables["indicators"], tables["indicator_values"], filters),
              "cases": cases_tile(publication_for(tables["cases"], tables["villages"]), filters),
              "hazards": hazard_tile(tables["hazards"], tables["villages"], filters)}
    for kind, expected in direct.items():
        cached = cache.overview_tile(kind, filters)
        assert repr(cached) == repr(expected), kind
        assert cache.overview_tile(kind, Filters(**vars(filters))) is cached    # equal filters: the same tile
    assert sorted(tile_calls) == sorted(direct)
    cache.overview_tile("reach", Filters())
    assert tile_calls.count("reach") == 2


def test_a_new_file_or_smallest_count_computes_the_tile_again(folder, tile_calls: list[str], monkeypatch) -> None:
    from lib.ui import cache
    from lib.data.settings import MIN_SHOWN_COUNT_ENV

    def small_publication(cases, villages, *, threshold, earlier, areas):    # 12 cases in one kecamatan: seconds
        return build_publication(cases_of(many(12, "2025-03-01", KECAMATAN[0])), KECAMATAN, threshold=threshold)

    monkeypatch.setattr(cache, "publication_for", small_publication)
    before = cache.overview_tile("cases", Filters())
    monkeypatch.setenv(MIN_SHOWN_COUNT_ENV, "20")                       # the 12 cases are now a small count
    hidden = cache.overview_tile("cases", Filters())
    assert tile_calls == ["cases", "cases"] and repr(hidden) != repr(before)
    activities = pd.read_csv(folder / "activities.csv", dtype=str)
    activities.iloc[1:].to_csv(folder / "activities.csv", index=False)   # a new version of one file
    cache.overview_tile("cases", Filters())
    assert tile_calls == ["cases", "cases", "cases"]


@pytest.mark.parametrize("lang, first", [
    ("en", "Off track · Violence cases from programme kecamatan referred to services (cumulative) (OUT-6): "
           "14 of 40, 35% of target"),
    ("id", "Jauh tertinggal · Kasus kekerasan terhadap perempuan dan anak dari kecamatan program yang dirujuk ke "
           "layanan (kumulatif) (OUT-6): 14 dari 40, 35% dari target")])
def test_the_indicators_behind_are_named_with_value_against_target(lang: str, first: str) -> None:
    from lib.metrics.progress_tables import lagging_lines

    status = indicator_tile(load_table("indicators"), load_table("indicator_values"), Filters())
    lines = lagging_lines(status.lagging, lang=lang)
    assert len(lines) == status.counts.get("behind", 0) + status.counts.get("off_track", 0) == 3
    assert lines[0] == first                                            # off track first
    assert lines[1].endswith("35,6% dari 50%, 45% dari target" if lang == "id" else "35.6% of 50%, 45% of target")


def test_programme_time_elapsed_runs_from_the_first_period_to_the_target_date() -> None:
    from datetime import date

    from lib.metrics.overview import programme_elapsed

    indicators, values = load_table("indicators"), load_table("indicator_values")
    elapsed = programme_elapsed(indicators, values, date(2025, 12, 31))
    assert (elapsed.start, elapsed.end, elapsed.months) == (date(2024, 7, 1), date(2026, 6, 30), (18, 24))
    assert elapsed.share == pytest.approx(548 / 729)
    assert programme_elapsed(indicators, values, date(2030, 1, 1)).share == 1.0      # never past the end
    assert programme_elapsed(indicators, values, None) is None


def test_the_default_view_judges_the_programme_s_targets_as_the_whole_geography_does() -> None:
    """Kupang chosen beside Timor Tengah Selatan, where the programme does not report: the same statuses."""
    indicators, values = load_table("indicators"), load_table("indicator_values")
    default, every = indicator_tile(indicators, values, DEFAULT_VIEW), indicator_tile(indicators, values, Filters())
    assert default.counts == every.counts and "partial" not in default.counts and default.as_of == every.as_of
    pd.testing.assert_frame_equal(default.lagging, every.lagging)
