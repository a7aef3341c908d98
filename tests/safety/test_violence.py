"""Violence counts: scope, breakdowns, differencing protection, and no count 1-4 ever shown."""
from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from tests.conftest import make_cases
from tests.safety.reference_cases import ReferenceCaseData
from lib.data.aggregate import Granularity, period_range
from lib.safety.case_index import Tally
from lib.data.codes import ALL_CODE_LISTS
from lib.data.filters import Filters
from lib.safety.suppress import HIDDEN_STATES, CellState, SafeTable, suppress_series
from lib.safety.violence import (BREAKDOWNS, CHILD_VICTIMS, TOTAL, WOMEN_VICTIMS, CaseData, _protect, case_mask, case_scope,
                          compare_periods, linear_trend, neighbour_filters, safe_breakdown, safe_by_area,
                          safe_by_period, safe_total_cases)





@pytest.mark.parametrize("filters, expected_from, expected_to, lifted", [
    (Filters(), None, None, False),
    (Filters(period_from="2024-08", period_to="2025-02"), "2024-01", "2025-12", False),
    (Filters(villages=("53.01.04.2003",)), None, None, True),
])
def test_case_scope(filters: Filters, expected_from, expected_to, lifted: bool) -> None:
    scope = case_scope(filters)
    assert (scope.filters.period_from, scope.filters.period_to) == (expected_from, expected_to)
    assert scope.lifted_villages is lifted
    assert scope.filters.villages == ()
    if lifted:
        assert scope.filters.subdistricts == ("53.01.04",)


def test_neighbour_views() -> None:
    views = neighbour_filters(Filters(sexes=("perempuan",), subdistricts=("53.01.04",), period_from="2024-01",
                                      period_to="2024-12"), first_month="2022-01", last_month="2025-12")
    assert Filters(subdistricts=("53.01.04",), period_from="2024-01", period_to="2024-12") in views
    assert Filters(sexes=("perempuan",), period_from="2024-01", period_to="2024-12") in views
    assert Filters(sexes=("perempuan",), subdistricts=("53.01.04",), period_from="2023-01",
                   period_to="2024-12") in views


def test_small_total_reads_hidden() -> None:
    cases = make_cases([("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 3)
    value, state = safe_total_cases(CaseData(cases), case_scope(Filters()))
    assert value is None and state == CellState.SMALL


def test_differencing_between_sexes_is_blocked() -> None:
    # 20 women and 2 men: the all-sex total (22) minus the women (20) would reveal the 2 men.
    rows = [("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 20 + \
           [("2024-03-01", "53.01.04", "laki_laki", "6-12", "fisik")] * 2
    cases = make_cases(rows)
    women = safe_total_cases(CaseData(cases), case_scope(Filters(sexes=("perempuan",))))
    assert women[0] is None and women[1] == CellState.COMPLEMENT


def test_breakdown_counts_a_case_once_per_form_and_complements() -> None:
    rows = [("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual;psikis")] * 9 + \
           [("2024-05-01", "53.01.05", "perempuan", "6-12", "fisik")] * 6 + \
           [("2024-05-01", "53.01.05", "perempuan", "6-12", "penelantaran")] * 2
    cases = make_cases(rows)
    table = safe_breakdown(CaseData(cases), case_scope(Filters()), "violence_forms")
    values, states = table.series, table.states
    assert values["seksual"] == 9 and values["psikis"] == 9
    assert states["penelantaran"] == CellState.SMALL
    # one small cell: the smallest positive shown cell is hidden too
    assert states["fisik"] == CellState.COMPLEMENT and pd.isna(values["fisik"])
    assert sum(s in HIDDEN_STATES for s in states) == 2


@pytest.mark.parametrize("small", [1, 4])
def test_a_selection_of_1_to_4_cases_is_not_broken_down(small: int) -> None:
    """Zeros beside a single "<5" would say what every case of the selection shares (here: a girl of
    13-17, sexual violence): no cell of any breakdown is shown, not even "<5"."""
    rows = [("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * small + \
           [("2024-05-01", "53.01.05", "laki_laki", "6-12", "fisik")] * 9 + \
           [("2024-06-01", "53.01.05", "perempuan", "25-59", "psikis")] * 9
    data = CaseData(make_cases(rows))
    for breakdown in BREAKDOWNS:
        safe = safe_breakdown(data, case_scope(Filters(subdistricts=("53.01.04",))), breakdown, threshold=5)
        assert set(safe.states) == {CellState.COMPLEMENT} and safe.series.isna().all(), breakdown
        assert safe.notes == ("small_selection",)
    wider = safe_breakdown(data, case_scope(Filters()), "victim_sex", threshold=5)     # 9 + small cases
    assert wider.notes == () and wider.series.to_dict() == {"perempuan": 9 + small, "laki_laki": 9}


@pytest.mark.parametrize("sexes", [("laki_laki",), ("perempuan",)])
def test_under_a_sex_filter_a_kecamatan_with_1_to_4_cases_is_hidden_whatever_its_count(villages: pd.DataFrame,
                                                                                        sexes: tuple) -> None:
    """53.01.04 has two cases, both girls: with 'boys' chosen its 0 (with 'girls' its '<5') would say so."""
    rows = [("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 2 + \
           [("2024-05-01", "53.01.05", "perempuan", "6-12", "fisik")] * 7 + \
           [("2024-05-01", "53.01.05", "laki_laki", "6-12", "fisik")] * 7 + \
           [("2024-06-01", "53.01.06", "perempuan", "6-12", "fisik")] * 8 + \
           [("2024-06-01", "53.01.06", "laki_laki", "6-12", "fisik")] * 8
    data = CaseData(make_cases(rows))
    by_area = safe_by_area(data, case_scope(Filters(sexes=sexes)), villages, threshold=5)
    assert by_area.states["53.01.04"] == CellState.COMPLEMENT and pd.isna(by_area.series["53.01.04"])
    # Its 0 or 2 could be read off the total as the rest: the smallest other count is hidden too.
    assert by_area.states["53.01.05"] == CellState.COMPLEMENT and by_area.series["53.01.06"] == 8
    total = safe_total_cases(data, case_scope(Filters(subdistricts=("53.01.04",), sexes=sexes)), threshold=5)
    assert total == (None, CellState.COMPLEMENT)
    assert safe_by_area(data, case_scope(Filters()), villages, threshold=5).states["53.01.04"] == CellState.SMALL


def test_by_period_falls_back_to_coarser_time() -> None:
    rows = [(f"2024-{m:02d}-10", "53.01.04", "perempuan", "13-17", "seksual") for m in range(1, 13)] * 2
    cases = make_cases(rows)
    table, unit = safe_by_period(CaseData(cases), case_scope(Filters()), Granularity.MONTH)
    assert unit == Granularity.QUARTER and table.notes == ("coarsened",)
    assert table.series.tolist() == [6, 6, 6, 6]


def test_by_area_is_kecamatan_level(villages: pd.DataFrame) -> None:
    rows = [("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 7
    table = safe_by_area(CaseData(make_cases(rows)), case_scope(Filters(subdistricts=("53.01.04",))), villages)
    assert table.series.to_dict() == {"53.01.04": 7}


def test_compare_periods_uses_the_year_before() -> None:
    rows = [("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 8 + \
           [("2025-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 11
    comparison = compare_periods(CaseData(make_cases(rows)), case_scope(Filters()))
    assert (comparison.current, comparison.previous) == (11, 8)
    assert comparison.relative_change == pytest.approx(3 / 8)
    assert (comparison.current_label, comparison.previous_label) == ("2025", "2024")
    assert comparison.has_previous


def test_compare_periods_has_nothing_to_compare_before_the_data_begins() -> None:
    rows = [("2024-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 8 + \
           [("2025-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 11
    comparison = compare_periods(CaseData(make_cases(rows)), case_scope(Filters(period_from="2024-02")))
    assert (comparison.current, comparison.current_label) == (19, "2024–2025")
    # 2022-2023 hold no records, not zero cases: no comparison, no change.
    assert not comparison.has_previous and comparison.previous is None and comparison.relative_change is None


@pytest.mark.parametrize("values, expected", [
    ([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
    ([1.0, None, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]),
    ([1.0, None, 3.0], None),                        # too few shown points for a trend
])
def test_linear_trend(values: list, expected: list | None) -> None:
    trend = linear_trend(pd.Series(values, dtype=float))
    if expected is None:
        assert trend is None
    else:
        assert trend.round(6).tolist() == expected


def test_shipped_2024_matches_the_public_figure() -> None:
    from lib.data.load import load_table

    cases = load_table("cases")
    scope = case_scope(Filters(period_from="2024-01", period_to="2024-12"))
    total = safe_total_cases(CaseData(cases), scope)
    assert total == (57.0, CellState.SHOWN)
    assert int(case_mask(cases, scope.filters).sum()) == 57


def test_two_kecamatan_together_cannot_reveal_one_by_difference() -> None:
    # 8 cases in one kecamatan (shown on its own) and 1 in the other: their sum (9) would reveal the 1.
    rows = [("2025-03-01", "53.01.06", "perempuan", "13-17", "seksual")] * 8 + \
           [("2025-03-01", "53.01.19", "perempuan", "13-17", "seksual")] + \
           [("2025-03-01", "53.01.04", "perempuan", "13-17", "seksual")] * 20
    data = CaseData(make_cases(rows))
    alone = safe_total_cases(data, case_scope(Filters(subdistricts=("53.01.06",))))
    together = safe_total_cases(data, case_scope(Filters(subdistricts=("53.01.06", "53.01.19"))))
    assert alone[0] == 8
    assert together[0] is None and together[1] == CellState.COMPLEMENT


# The memories and array paths give exactly the straightforward answers ------------------------------
def random_view(rng: random.Random, months: list[str], kecamatan: list[str], villages: list[str]) -> Filters:
    """A filter drawn from few values, so that views share areas, periods and categories (as a page
    rerun's neighbouring views do) and the memories are hit, missed and evicted."""
    first, last = sorted(rng.sample(months, 2)) if rng.random() < 0.7 else (None, None)
    return Filters(period_from=first, period_to=last,
                   regencies=("53.01",) if rng.random() < 0.2 else (),
                   subdistricts=tuple(rng.sample(kecamatan, rng.randint(1, 2))) if rng.random() < 0.6 else (),
                   villages=tuple(rng.sample(villages, 1)) if rng.random() < 0.15 else (),
                   sexes=(rng.choice(["perempuan", "laki_laki"]),) if rng.random() < 0.3 else (),
                   age_groups=tuple(rng.sample(["0-5", "6-12", "13-17", "18-24"], 2)) if rng.random() < 0.3 else ())


@pytest.mark.parametrize("kept", [2, 256])
def test_remembered_masks_equal_the_row_masks(kept: int) -> None:
    from lib.safety.case_index import CaseIndex
    from lib.data.load import load_table

    cases = load_table("cases")
    index = CaseIndex(cases)
    index._distinct_masks.size = kept   # 2: evicted almost at once; 256: kept for the whole test
    rng = random.Random(kept)
    months = sorted(cases["report_date"].dt.strftime("%Y-%m").unique())[::5]
    kecamatan = sorted(cases["subdistrict_code"].unique())[:6]
    villages = sorted(cases["village_code"].dropna().unique())[:4]
    for _ in range(150):
        filters = random_view(rng, months, kecamatan, villages)
        mask = index.mask(filters)
        assert (mask == case_mask(cases, filters)).all(), filters
        assert not index.area_inside(filters).flags.writeable      # remembered answers are shared read-only
    assert len(index._distinct_masks) <= kept


def reference_protect(tally, filters: Filters, data: CaseData, *, neighbours: list[Filters],
                      threshold: int) -> SafeTable:
    """_protect as first written, with pandas Series: the reference for the array version."""
    def counts(view: Filters) -> pd.Series:
        return pd.Series(data.counts(view, tally), index=list(tally.categories), dtype=float)

    mine = counts(filters)
    revealed = pd.Series(False, index=mine.index)
    for other in neighbours:
        gap = (counts(other).reindex(mine.index, fill_value=0) - mine).abs()
        revealed |= (gap > 0) & (gap < threshold)
    if tally.kind != "period":     # a cell over several years, one of which is small on its own
        first = int((filters.period_from or data.first_month)[:4])
        last = int((filters.period_to or data.last_month)[:4])
        for year in range(first, last + 1):
            single = replace(filters, period_from=f"{year}-01", period_to=f"{year}-12")
            if single != filters:
                one_year = counts(single)
                revealed |= (one_year > 0) & (one_year < threshold)
    if not (filters.sexes or filters.age_groups):
        return suppress_series(mine, threshold=threshold, also_hide=revealed)
    # Under a victim filter, a cell that is small without the sex filter, the age filter or both is
    # hidden whatever it holds.
    exposed = pd.Series(False, index=mine.index)
    for view in (filters, *neighbours):
        for relaxed in ({"sexes": ()}, {"age_groups": ()}, {"sexes": (), "age_groups": ()}):
            if replace(view, **relaxed) != view:
                whole = counts(replace(view, **relaxed))
                exposed |= (whole > 0) & (whole < threshold)
    table = suppress_series(mine, threshold=threshold, also_hide=revealed | exposed)
    return SafeTable(table.values.mask(exposed, np.nan, axis=0),
                     table.states.mask(exposed, CellState.COMPLEMENT, axis=0))


def test_protection_with_arrays_equals_the_series_version() -> None:
    from lib.data.load import load_table

    cases = load_table("cases")
    data = CaseData(cases)
    rng = random.Random(7)
    months = sorted(cases["report_date"].dt.strftime("%Y-%m").unique())
    kecamatan = sorted(cases["subdistrict_code"].unique())
    villages = sorted(cases["village_code"].dropna().unique())
    tallies = [Tally(("breakdown", name), ALL_CODE_LISTS[code_list].values, "multi" if multi else "column",
                     column=column) for name, (column, code_list, multi) in BREAKDOWNS.items()]
    tallies += [TOTAL, Tally(("where", "women"), ("n",), "where", predicate=WOMEN_VICTIMS[1]),
                Tally(("area", tuple(kecamatan)), tuple(kecamatan), "column", column="subdistrict_code")]
    for level in Granularity:
        periods = tuple(period_range(pd.Timestamp("2022-01-01"), pd.Timestamp("2025-12-01"), level))
        tallies.append(Tally(("period", level, periods), periods, "period", level=level))
    hidden_somewhere = 0
    for _ in range(25):
        filters = case_scope(random_view(rng, months, kecamatan, villages)).filters
        for tally in tallies:
            for threshold in (3, 5, 11):
                fast = _protect(tally, filters, data, neighbours=data.neighbours(filters), threshold=threshold)
                slow = reference_protect(tally, filters, data, neighbours=data.neighbours(filters),
                                         threshold=threshold)
                pd.testing.assert_frame_equal(fast.values, slow.values)
                pd.testing.assert_frame_equal(fast.states, slow.states)
                hidden_somewhere += int((fast.states == CellState.COMPLEMENT).to_numpy().sum())
    assert hidden_somewhere > 0      # the differencing protection was exercised, not only the plain counts


def small_group_cases() -> pd.DataFrame:
    """53.01.04: one case, a boy of 0-5, next to 20 cases of 13-17; 53.01.05: 16 cases of both sexes."""
    rows = [("2024-03-01", "53.01.04", "laki_laki", "0-5", "fisik")] + \
           [("2024-04-01", "53.01.04", "perempuan", "13-17", "seksual")] * 10 + \
           [("2024-04-01", "53.01.04", "laki_laki", "13-17", "fisik")] * 10 + \
           [("2024-05-01", "53.01.05", "perempuan", "6-12", "fisik")] * 8 + \
           [("2024-05-01", "53.01.05", "laki_laki", "6-12", "fisik")] * 8
    return make_cases(rows)


@pytest.mark.parametrize("sexes", [("perempuan",), ("laki_laki",)])
def test_a_sex_filter_on_a_small_age_group_hides_the_total_either_way(sexes: tuple) -> None:
    """Aged 0-5 in 53.01.04 there is one case: with 'girls' a 0, with 'boys' a '<5' would give its sex,
    although the kecamatan's total without both filters is large."""
    data = CaseData(small_group_cases())
    scope = case_scope(Filters(subdistricts=("53.01.04",), age_groups=("0-5",), sexes=sexes))
    assert safe_total_cases(data, scope, threshold=5) == (None, CellState.COMPLEMENT)
    # The same note and hidden breakdowns for either sex: the answer does not depend on the victim's.
    assert safe_breakdown(data, scope, "place", threshold=5).notes == ("small_selection",)


def test_women_and_children_of_a_small_selection_are_not_counted() -> None:
    data = CaseData(small_group_cases())
    scope = case_scope(Filters(subdistricts=("53.01.04",), age_groups=("0-5",)))
    assert safe_total_cases(data, scope, threshold=5) == (None, CellState.SMALL)             # '<5'
    for where in (WOMEN_VICTIMS, CHILD_VICTIMS):
        assert safe_total_cases(data, scope, where=where, threshold=5) == (None, CellState.COMPLEMENT)


def test_a_small_filtered_selection_is_neither_placed_nor_dated(villages: pd.DataFrame) -> None:
    data = CaseData(small_group_cases())
    scope = case_scope(Filters(age_groups=("0-5",), sexes=("laki_laki",)))
    by_area = safe_by_area(data, scope, villages, threshold=5)
    by_year, _ = safe_by_period(data, scope, Granularity.YEAR, threshold=5)
    for safe in (by_area, by_year):
        assert safe.series.isna().all() and set(safe.states) == {CellState.COMPLEMENT}
        assert "small_selection" in safe.notes
    # Without a sex or age filter, a kecamatan's '<5' in a year is shown, by design.
    unfiltered = safe_by_area(data, case_scope(Filters(subdistricts=("53.01.04",))), villages, threshold=5)
    assert unfiltered.series["53.01.04"] == 21


def test_a_year_without_cases_next_to_a_small_year_reads_the_same_for_either_sex() -> None:
    """53.01.04's one case (a boy) is in 2024. '2025: 0' for girls beside '2025: –' for boys (hidden
    because 2024-2025 differs by one) would give his sex."""
    data = CaseData(small_group_cases())
    shown = {sexes: compare_periods(data, case_scope(Filters(subdistricts=("53.01.04",), age_groups=("0-5",),
                                                             sexes=sexes, period_from="2025-01")), threshold=5)
             for sexes in (("perempuan",), ("laki_laki",))}
    girls, boys = shown.values()
    assert (girls.current, girls.current_state) == (boys.current, boys.current_state) == (None, CellState.COMPLEMENT)


def test_no_shown_count_over_several_years_holds_a_small_year() -> None:
    """Each year can be viewed on its own: a count over 2023-2025 shown beside 2023 and 2025 shown
    singly would give 2024 by subtraction (found for kecamatan 53.01.11, whose 2024 held one case)."""
    from lib.data.load import load_table

    cases = load_table("cases")
    data = CaseData(cases)
    years = cases["report_date"].dt.year
    for kecamatan in sorted(cases["subdistrict_code"].unique()):
        per_year = years[cases["subdistrict_code"] == kecamatan].value_counts()
        for first in range(2022, 2026):
            for last in range(first + 1, 2026):
                value, state = safe_total_cases(data, case_scope(Filters(
                    subdistricts=(kecamatan,), period_from=f"{first}-01", period_to=f"{last}-12")), threshold=5)
                if state == CellState.SHOWN:
                    small = [y for y in range(first, last + 1) if 0 < per_year.get(y, 0) < 5]
                    assert not small, (kecamatan, first, last, value, small)


def test_counts_by_year_equal_the_single_year_views() -> None:
    from lib.data.load import load_table

    data, reference = CaseData(load_table("cases")), ReferenceCaseData(load_table("cases"))
    tallies = [TOTAL, Tally(("where", "women"), ("n",), "where", predicate=WOMEN_VICTIMS[1]),
               Tally(("breakdown", "place"), ALL_CODE_LISTS["place"].values, "column", column="place")]
    for filters in (Filters(), Filters(subdistricts=("53.01.11",), sexes=("perempuan",)),
                    Filters(age_groups=("13-17",), period_from="2023-01", period_to="2025-12")):
        scope = case_scope(filters).filters
        years = range(2022, 2026) if scope.period_from is None else range(2023, 2026)
        for tally in tallies:
            fast = data.counts_by_year(scope, tally, years)
            assert fast.shape == (len(years), len(tally.categories))
            assert (fast == reference.counts_by_year(scope, tally, years)).all(), (filters, tally.key)
            assert fast.sum() == data.counts(scope, tally).sum()
