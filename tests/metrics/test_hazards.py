"""Climate computations (lib.metrics.hazards): classes, ranking, counts, overlap, events by area."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.metrics import hazards as hz
from lib.data.filters import Filters

VILLAGES = pd.DataFrame({
    "village_code": ["53.01.04.2001", "53.01.04.2002", "53.01.06.1001", "53.01.06.2001"],
    "village_name": ["Alpha", "Beta", "Oesao", "Oesao"],
    "village_type": ["desa", "desa", "kelurahan", "desa"],
    "subdistrict_code": ["53.01.04", "53.01.04", "53.01.06", "53.01.06"],
    "subdistrict_name": ["Semau", "Semau", "Kupang Timur", "Kupang Timur"],
    "regency_code": ["53.01"] * 4,
    "regency_name": ["Kabupaten Kupang"] * 4,
})


def hazard_rows(*rows: tuple) -> pd.DataFrame:
    """(village, hazard, index, class or None, year) -> a hazards table as the loader returns it."""
    frame = pd.DataFrame(rows, columns=["village_code", "hazard", "index", "class", "year"])
    frame["index"] = frame["index"].astype("Float64")
    frame["class"] = frame["class"].astype("string")
    frame["year"] = frame["year"].astype("Int64")
    return frame.assign(source="test")


LATEST = hz.latest_hazards(hazard_rows(
    ("53.01.04.2001", "banjir", 0.70, "tinggi", 2023),
    ("53.01.04.2001", "kekeringan", 0.20, "rendah", 2023),
    ("53.01.04.2002", "banjir", 0.50, "sedang", 2023),
    ("53.01.06.1001", "banjir", 0.90, None, 2023),          # class derived: tinggi
    ("53.01.06.1001", "kekeringan", 0.40, None, 2023),      # class derived: sedang
))   # 53.01.06.2001 has no hazard value at all


# Latest assessment and derived classes --------------------------------------------------------------
@pytest.mark.parametrize("rows, expected", [
    ([("v", "banjir", 0.2, "rendah", 2020), ("v", "banjir", 0.8, "tinggi", 2023)], (0.8, "tinggi", 2023)),
    ([("v", "banjir", 0.8, "tinggi", 2023), ("v", "banjir", 0.2, "rendah", 2020)], (0.8, "tinggi", 2023)),
    ([("v", "banjir", 0.333, None, 2023)], (0.333, "rendah", 2023)),
    ([("v", "banjir", 0.334, None, 2023)], (0.334, "sedang", 2023)),
    ([("v", "banjir", 0.667, None, 2023)], (0.667, "tinggi", 2023)),
    ([("v", "banjir", 0.9, "sedang", 2023)], (0.9, "sedang", 2023)),   # InaRISK's own class is kept
])
def test_latest_hazards_keeps_the_latest_year_and_fills_blank_classes(rows, expected) -> None:
    latest = hz.latest_hazards(hazard_rows(*rows))
    assert len(latest) == 1
    row = latest.iloc[0]
    assert (row["index"], row["class"], row["year"]) == expected


def test_latest_hazards_of_an_empty_table_is_empty() -> None:
    assert hz.latest_hazards(pd.DataFrame()).empty


def test_latest_hazards_does_not_mutate_its_input() -> None:
    raw = hazard_rows(("v", "banjir", 0.9, None, 2023))
    hz.latest_hazards(raw)
    assert raw["class"].isna().all()


# Ranking and counts ---------------------------------------------------------------------------------
def test_ranking_is_highest_first_with_no_data_last_and_unranked() -> None:
    ranking = hz.hazard_ranking(LATEST, VILLAGES, hazard="banjir")
    assert ranking["village_code"].tolist() == ["53.01.06.1001", "53.01.04.2001", "53.01.04.2002", "53.01.06.2001"]
    assert ranking["class"].tolist() == ["tinggi", "tinggi", "sedang", hz.NO_DATA]
    assert ranking["rank"].tolist()[:3] == [1, 2, 3] and pd.isna(ranking["rank"].iloc[3])


def test_ranking_of_a_hazard_nobody_has_is_all_no_data() -> None:
    ranking = hz.hazard_ranking(LATEST, VILLAGES, hazard="tsunami")
    assert (ranking["class"] == hz.NO_DATA).all() and ranking["index"].isna().all()


def test_duplicate_village_names_get_their_type_and_kecamatan() -> None:
    labels = hz.village_labels(VILLAGES)
    assert labels["53.01.04.2001"] == "Alpha"
    assert labels["53.01.06.1001"] == "Oesao (Kelurahan, Kupang Timur)"
    assert labels["53.01.06.2001"] == "Oesao (Desa, Kupang Timur)"


@pytest.mark.parametrize("hazard, expected", [
    # rendah, sedang, tinggi, no_data over the 4 villages (hand-counted from LATEST)
    ("banjir", [0, 1, 2, 1]),
    ("kekeringan", [1, 1, 0, 2]),
    ("tsunami", [0, 0, 0, 4]),
])
def test_class_counts_count_every_village_once_per_hazard(hazard: str, expected: list[int]) -> None:
    counts = hz.class_counts(LATEST, VILLAGES)
    assert counts.columns.tolist() == ["rendah", "sedang", "tinggi", hz.NO_DATA]
    assert counts.index.tolist() == list(hz.HAZARDS)
    assert counts.loc[hazard].tolist() == expected
    assert (counts.sum(axis=1) == len(VILLAGES)).all()


def test_class_counts_of_no_villages_are_zero() -> None:
    counts = hz.class_counts(LATEST, VILLAGES.iloc[:0])
    assert counts.to_numpy().sum() == 0 and counts.shape == (len(hz.HAZARDS), 4)


def test_class_counts_of_an_area_follow_the_filter() -> None:
    area = hz.villages_in_area(VILLAGES, Filters(subdistricts=("53.01.04",)))
    assert hz.class_counts(LATEST, area).loc["banjir"].tolist() == [0, 1, 1, 0]


# High-hazard rule and overlap -----------------------------------------------------------------------
@pytest.mark.parametrize("classes, expected", [
    (["tinggi", "rendah"], hz.HIGH),
    (["tinggi", hz.NO_DATA], hz.HIGH),
    (["sedang", "rendah"], hz.NOT_HIGH),
    (["sedang", hz.NO_DATA], hz.NO_DATA),      # the missing hazard could be tinggi
    ([hz.NO_DATA, hz.NO_DATA], hz.NO_DATA),
    ([], hz.NO_DATA),
])
def test_high_hazard_state(classes: list[str], expected: str) -> None:
    grid = pd.DataFrame([classes], columns=list(hz.HAZARDS[:len(classes)]), dtype=object)
    assert hz._high_states(grid) == [expected]


@pytest.mark.parametrize("hazards, table, overlapping, gaps", [
    # any of banjir/kekeringan: 04.2001 high (programme), 06.1001 high (not), 04.2002 lacks kekeringan (no data),
    # 06.2001 has nothing (no data)
    (("banjir", "kekeringan"), {True: [1, 0, 1], False: [1, 0, 1]}, ["53.01.04.2001"], ["53.01.06.1001"]),
    # banjir only: 2002 is known and not high
    (("banjir",), {True: [1, 1, 0], False: [1, 0, 1]}, ["53.01.04.2001"], ["53.01.06.1001"]),
    # kekeringan only: nobody is high
    (("kekeringan",), {True: [0, 1, 1], False: [0, 1, 1]}, [], []),
])
def test_overlap_counts_and_lists(hazards, table, overlapping, gaps) -> None:
    programme = frozenset({"53.01.04.2001", "53.01.04.2002"})
    overlap = hz.programme_hazard_overlap(LATEST, VILLAGES, programme, hazards=hazards)
    assert overlap.table.columns.tolist() == [hz.HIGH, hz.NOT_HIGH, hz.NO_DATA]
    assert {key: overlap.table.loc[key].tolist() for key in (True, False)} == table
    assert overlap.table.to_numpy().sum() == len(VILLAGES)
    assert overlap.overlapping["village_code"].tolist() == overlapping
    assert overlap.gaps["village_code"].tolist() == gaps


def test_overlap_lists_the_high_hazards_highest_index_first() -> None:
    latest = hz.latest_hazards(hazard_rows(("53.01.04.2001", "banjir", 0.70, "tinggi", 2023),
                                           ("53.01.04.2001", "tsunami", 0.95, "tinggi", 2023),
                                           ("53.01.04.2001", "kekeringan", 0.10, "rendah", 2023)))
    overlap = hz.programme_hazard_overlap(latest, VILLAGES, {"53.01.04.2001"})
    assert overlap.overlapping["high_hazards"].tolist() == [("tsunami", "banjir")]


def test_overlap_without_programme_villages_puts_every_high_village_in_the_gaps() -> None:
    overlap = hz.programme_hazard_overlap(LATEST, VILLAGES, frozenset(), hazards=("banjir",))
    assert overlap.overlapping.empty
    assert overlap.table.loc[True].sum() == 0
    assert sorted(overlap.gaps["village_code"]) == ["53.01.04.2001", "53.01.06.1001"]


def test_programme_villages_follow_period_and_area() -> None:
    activities = pd.DataFrame({
        "village_code": ["53.01.04.2001", "53.01.06.1001", "53.01.04.2002"],
        "date": pd.to_datetime(["2024-09-01", "2025-01-15", "2023-01-01"]),
    })
    assert hz.villages_with_activities(activities, Filters()) == {"53.01.04.2001", "53.01.06.1001", "53.01.04.2002"}
    assert hz.villages_with_activities(activities, Filters(period_from="2024-01")) == {"53.01.04.2001", "53.01.06.1001"}
    assert hz.villages_with_activities(activities, Filters(period_from="2024-01", subdistricts=("53.01.06",))) == {
        "53.01.06.1001"}
    assert hz.villages_with_activities(activities.iloc[:0], Filters()) == frozenset()


# Events by area -------------------------------------------------------------------------------------
@pytest.mark.parametrize("event_area, area, inside, expected", [
    ("53.01", "53.01.04.2003", True, True),        # a regency's event applies to a village inside
    ("53.01", "53.01.04.2003", False, True),
    ("53.02", "53.01.04.2003", True, False),       # another regency's does not
    ("53.01.04", "53.01.04.2003", False, True),    # a kecamatan's event applies to its villages
    ("53.01.05", "53.01.04.2003", True, False),    # not to another kecamatan's
    ("53.01.04.2003", "53.01.04.2003", False, True),
    ("53.01.04.2004", "53.01.04.2003", True, False),
    ("53.01.04.2003", "53.01.04", True, True),     # a village's event is part of its kecamatan's history
    ("53.01.04.2003", "53.01.04", False, False),   # ... unless only areas above are asked for
    ("53.01.04.2003", "53.01", True, True),
    ("53.01.1", "53.01.10", True, False),          # prefixes are whole code parts, not characters
])
def test_event_applies(event_area: str, area: str, inside: bool, expected: bool) -> None:
    assert hz.event_applies(event_area, area, inside=inside) is expected


EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2021-04-04", "2021-04-04", "2022-03-10", "2024-01-18", "2020-01-01"]),
    "event_type": ["siklon_tropis", "siklon_tropis", "cuaca_ekstrem", "banjir", "banjir"],
    "name": ["Seroja", "Seroja", "Angin", "Banjir", "Elsewhere"],
    "area_code": ["53.01", "53.01.04", "53.01.05", "53.01.04.2003", "53.02"],
    "deaths": pd.array([4, 1, 0, 0, None], dtype="Int64"),
    "affected": pd.array([27363, 3192, 554, 992, 10], dtype="Int64"),
    "houses_damaged": pd.array([10831, 1026, 111, None, 1], dtype="Int64"),
    "source": ["test"] * 5,
})


@pytest.mark.parametrize("areas, inside, expected", [
    (["53.01.04.2003"], False, ["Banjir", "Seroja", "Seroja"]),        # own, its kecamatan, its regency
    (["53.01.04.2004"], False, ["Seroja", "Seroja"]),
    (["53.01.05"], True, ["Angin", "Seroja"]),
    (["53.01.04"], True, ["Banjir", "Seroja", "Seroja"]),
    (["53.01"], True, ["Banjir", "Angin", "Seroja", "Seroja"]),         # the other regency's event is left out
    (["53.02.01.2001"], False, ["Elsewhere"]),
    ([], True, []),
])
def test_events_for_areas(areas: list[str], inside: bool, expected: list[str]) -> None:
    chosen = hz.events_for_areas(EVENTS, areas, inside=inside)
    assert chosen["name"].tolist() == expected
    assert chosen["date"].is_monotonic_decreasing


def test_events_carry_their_level() -> None:
    chosen = hz.events_for_areas(EVENTS, ["53.01.04.2003"], inside=False)
    assert chosen["level"].tolist() == ["village", "regency", "subdistrict"]   # same day: the wider area first


def test_events_of_an_empty_table() -> None:
    assert hz.events_for_areas(EVENTS.iloc[:0], ["53.01"]).empty


@pytest.mark.parametrize("filters, expected", [
    (Filters(), ("53.01",)),
    (Filters(subdistricts=("53.01.04",)), ("53.01.04",)),
    (Filters(subdistricts=("53.01.04",), villages=("53.01.04.2001",)), ("53.01.04.2001",)),
])
def test_data_areas(filters: Filters, expected: tuple[str, ...]) -> None:
    assert hz.data_areas(VILLAGES, filters) == expected


@pytest.mark.parametrize("code, expected", [
    ("53.01", "regency"), ("53.01.04", "subdistrict"), ("53.01.06.1001", "kelurahan"), ("53.01.04.2001", "desa"),
])
def test_area_kind(code: str, expected: str) -> None:
    assert hz.area_kind(code, dict(zip(VILLAGES["village_code"], VILLAGES["village_type"]))) == expected
