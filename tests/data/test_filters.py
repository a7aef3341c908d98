"""Filters: from the URL and back, and the masks they make."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.data.filters import (ALL_REGENCIES, Filters, area_mask, category_mask, date_mask, filters_from_query, filters_to_query,
                         period_mask)


def test_round_trip_through_the_url(villages: pd.DataFrame) -> None:
    query = {"kecamatan": ["53.01.04"], "desa": ["53.01.04.2003", "53.01.04.2004"], "from": ["2024-08"],
             "to": ["2025-12"], "sex": ["perempuan"], "age": ["13-17"], "disability": ["ya"]}
    filters = filters_from_query(query, villages)
    assert filters == Filters("2024-08", "2025-12", (), ("53.01.04",), ("53.01.04.2003", "53.01.04.2004"),
                              ("perempuan",), ("13-17",), ("ya",))
    assert filters_to_query(filters) == query


@pytest.mark.parametrize("query, expected", [
    ({"kecamatan": ["99.99.99"]}, Filters()),                                   # unknown code dropped
    ({"desa": ["53.01.04.2003"], "kecamatan": ["53.01.05"]},                    # desa outside the kecamatan
     Filters(subdistricts=("53.01.05",))),
    ({"from": ["2025-13"], "to": ["2025-02"]}, Filters(period_to="2025-02")),   # malformed month dropped
    ({"from": ["2025-06"], "to": ["2025-02"]}, Filters("2025-02", "2025-06")),  # reversed range swapped
    ({"sex": ["Perempuan", "x"]}, Filters(sexes=("perempuan",))),               # labels accepted, junk dropped
    ({"kecamatan": "53.01.04"}, Filters(subdistricts=("53.01.04",))),           # a single value as text
])
def test_bad_or_odd_query_values(villages: pd.DataFrame, query: dict, expected: Filters) -> None:
    assert filters_from_query(query, villages) == expected


KUPANG = ("53.01",)


@pytest.mark.parametrize("query, expected", [
    ({}, Filters(regencies=KUPANG)),                                            # no regency: the programme's area
    ({"regency": [ALL_REGENCIES]}, Filters()),                                  # every regency
    ({"regency": ["53.02"]}, Filters(regencies=("53.02",))),
    ({"kecamatan": ["53.01.04"]}, Filters(regencies=KUPANG, subdistricts=("53.01.04",))),
    ({"kecamatan": ["53.02.01"]}, Filters(subdistricts=("53.02.01",))),          # outside the area: not dropped
    ({"desa": ["53.02.01.1001"]}, Filters(villages=("53.02.01.1001",))),
    ({"regency": ["53.01"], "kecamatan": ["53.02.01"]}, Filters(regencies=KUPANG)),   # another regency's kecamatan
    ({"regency": ["99.99"]}, Filters(regencies=KUPANG)),                        # unknown: as if none, not 'all'
    ({"regency": ["99.99", "53.02"]}, Filters(regencies=("53.02",))),
    ({"regency": ["99.99"], "kecamatan": ["53.02.01"]}, Filters(subdistricts=("53.02.01",))),
    ({"regency": ["99.99"], "kecamatan": ["xx"], "desa": ["53.9"]}, Filters(regencies=KUPANG)),
])
def test_without_a_regency_the_url_shows_the_programme_area(villages: pd.DataFrame, query: dict,
                                                          expected: Filters) -> None:
    assert filters_from_query(query, villages, KUPANG) == expected


@pytest.mark.parametrize("filters", [
    Filters(regencies=KUPANG), Filters(), Filters(regencies=("53.02",)), Filters(regencies=("53.01", "53.02")),
    Filters(regencies=KUPANG, subdistricts=("53.01.04",)), Filters(subdistricts=("53.01.04",)),
    Filters(subdistricts=("53.02.01",), villages=("53.02.01.1001",)),
])
def test_the_programme_area_round_trips_through_the_url(villages: pd.DataFrame, filters: Filters) -> None:
    query = filters_to_query(filters, KUPANG)
    assert ("regency" in query) == (filters.regencies != KUPANG)       # the default view's URL names no regency
    assert filters_from_query(query, villages, KUPANG) == filters


FRAME = pd.DataFrame({
    "village_code": ["53.01.04.2003", "53.01.05.2001", None, "53.02.01.2001"],
    "subdistrict_code": ["53.01.04", "53.01.05", "53.01.04", "53.02.01"],
})


@pytest.mark.parametrize("filters, expected", [
    (Filters(), [True, True, True, True]),
    (Filters(regencies=("53.01",)), [True, True, True, False]),
    (Filters(subdistricts=("53.01.04",)), [True, False, True, False]),
    (Filters(villages=("53.01.04.2003",)), [True, False, False, False]),   # kecamatan-level row excluded
    (Filters(subdistricts=("53.01.04", "53.01.05")), [True, True, True, False]),
])
def test_area_mask(filters: Filters, expected: list[bool]) -> None:
    assert area_mask(FRAME, filters, subdistrict_column="subdistrict_code").tolist() == expected


def test_area_mask_does_not_match_areas_above_the_selection() -> None:
    frame = pd.DataFrame({"area_code": ["53.01", "53.01.04", "53.01.04.2003"]})
    assert area_mask(frame, Filters(subdistricts=("53.01.04",)), column="area_code").tolist() == [False, True, True]


def test_date_mask_is_inclusive_of_whole_months() -> None:
    dates = pd.Series(pd.to_datetime(["2024-07-31", "2024-08-01", "2025-12-31", "2026-01-01", None]))
    assert date_mask(dates, Filters("2024-08", "2025-12")).tolist() == [False, True, True, False, False]


def test_period_mask_keeps_overlapping_quarters() -> None:
    periods = pd.Series(["2024-Q2", "2024-Q3", "2024-09", "2025-Q4", "2026-Q1"])
    assert period_mask(periods, Filters("2024-08", "2025-10")).tolist() == [False, True, True, True, False]


@pytest.mark.parametrize("chosen, blank_is_total, expected", [
    ((), False, [True, True, True]),
    ((), True, [False, False, True]),
    (("perempuan",), True, [True, False, False]),
])
def test_category_mask(chosen: tuple, blank_is_total: bool, expected: list[bool]) -> None:
    values = pd.Series(["perempuan", "laki_laki", None], dtype="string")
    assert category_mask(values, chosen, blank_is_total=blank_is_total).tolist() == expected


def test_a_village_link_keeps_the_period_and_groups_and_only_changes_the_village(villages) -> None:
    from urllib.parse import parse_qs, urlsplit

    from lib.data.filters import filters_from_query, village_profile_urls

    chosen = Filters(period_from="2024-01", period_to="2024-12", subdistricts=("53.01.06",), sexes=("perempuan",),
                     age_groups=("13-17", "18-24"))
    (url,) = village_profile_urls(["53.01.04.2003"], lang="id", filters=chosen)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("./village?village=53.01.04.2003&lang=id&")
    followed = filters_from_query(query, villages)
    assert (followed.period_from, followed.period_to, followed.sexes, followed.age_groups) == (
        "2024-01", "2024-12", ("perempuan",), ("13-17", "18-24"))
    assert followed.subdistricts == () and "kecamatan" not in query          # the village is the area now
    assert village_profile_urls(["53.01.04.2003"], lang="en") == ["./village?village=53.01.04.2003&lang=en"]
