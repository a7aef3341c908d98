from lib.data.filters import Filters
from lib.safety.figures import Cell, by_subdistrict, case_view, combine, compare_periods, figure, trend
from lib.safety.publication import build_publication
from lib.safety.suppress import CellState
from tests.safety.publication_builders import KECAMATAN, cases_of, many

PUBLICATION = build_publication(cases_of([*many(9, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1]),
                                          *many(12, "2025-07-01", KECAMATAN[0]), *many(7, "2025-02-01", KECAMATAN[2],
                                                                                       "laki_laki", "6-12")]),
                                KECAMATAN, threshold=5)


def test_a_sum_is_shown_only_when_every_part_is() -> None:
    assert combine([Cell(5.0, CellState.SHOWN), Cell(0.0, CellState.ZERO)]) == Cell(5.0, CellState.SHOWN)
    assert combine([Cell(5.0, CellState.SHOWN), Cell(None, CellState.SMALL)]).state == CellState.COMPLEMENT


def test_the_regency_total_and_groups() -> None:
    view = case_view(PUBLICATION, Filters())
    assert figure(PUBLICATION, view).single == (30.0, CellState.SHOWN)
    assert figure(PUBLICATION, view, group="women").single == (23.0, CellState.SHOWN)
    assert figure(PUBLICATION, view, group="children").single == (7.0, CellState.SHOWN)


def test_a_desa_is_lifted_and_months_snap_to_years() -> None:
    view = case_view(PUBLICATION, Filters(villages=(KECAMATAN[0] + ".2001",), period_from="2024-03",
                                          period_to="2024-05"))
    assert view.subdistricts == (KECAMATAN[0],) and view.years == (2024,)
    assert view.lifted_villages and view.snapped_period


def test_a_small_kecamatan_reads_small_and_its_charts_fall_back_to_the_regency_and_say_so() -> None:
    view = case_view(PUBLICATION, Filters(subdistricts=(KECAMATAN[1],)))
    assert figure(PUBLICATION, view).single == (None, CellState.SMALL)      # its own cell: '<5'
    by_place = figure(PUBLICATION, view, ("place",))
    assert by_place.dropped == ("subdistrict",) and by_place.values.sum() == 30.0


def test_no_figure_prints_a_small_count() -> None:
    for filters in (Filters(), Filters(subdistricts=(KECAMATAN[1],)), Filters(period_from="2024-01", period_to="2024-12"),
                    Filters(sexes=("laki_laki",))):
        view = case_view(PUBLICATION, filters)
        for by in ((), ("subdistrict",), ("victim_sex",), ("place",), ("year",)):
            values = figure(PUBLICATION, view, by).values.dropna()
            assert all(v == 0 or v >= 5 for v in values)
        for grain in ("year", "quarter"):
            assert all(v == 0 or v >= 5 for v in trend(PUBLICATION, view, grain).values.dropna())


def test_the_comparison_names_true_periods() -> None:
    whole = compare_periods(PUBLICATION, case_view(PUBLICATION, Filters()))
    assert (whole.current_label, whole.previous_label) == ("2025", "2024")
    first_year = compare_periods(PUBLICATION, case_view(PUBLICATION, Filters(period_from="2024-01", period_to="2024-12")))
    assert first_year.current_label == "2024" and not first_year.has_previous


def test_every_period_comparison_of_the_shipped_data_is_true() -> None:
    """For every start and end month of the shipped data: the years compared are the period's and as
    many just before, inside the data, and each count shown is the true count of those years."""
    import pandas as pd

    from lib.data.load import load_table
    from lib.data.paths import SHIPPED_DATA_DIR
    from lib.safety.publication import publication_for

    cases = load_table("cases", folder=SHIPPED_DATA_DIR)
    shipped = publication_for(cases, load_table("villages", folder=SHIPPED_DATA_DIR))
    per_year = cases["report_date"].dt.year.value_counts()
    months = [f"{year}-{month:02d}" for year in shipped.years for month in range(1, 13)]
    for start in (None, *months):
        for end in (None, *months):
            if start and end and end < start:
                continue
            comparison = compare_periods(shipped, case_view(shipped, Filters(period_from=start, period_to=end)))
            first = int(start[:4]) if start else shipped.years[0]
            last = int(end[:4]) if end else shipped.years[-1]
            years = list(range(first, last + 1)) if start or end else [shipped.years[-1]]
            assert comparison.current_label == (str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}")
            assert comparison.current == sum(per_year.get(year, 0) for year in years)
            before = list(range(years[0] - len(years), years[0]))
            if before[0] < shipped.years[0]:
                assert not comparison.has_previous and comparison.relative_change is None, (start, end)
                continue
            assert comparison.previous_label == (str(before[0]) if len(before) == 1 else f"{before[0]}–{before[-1]}")
            assert comparison.previous in (None, sum(per_year.get(year, 0) for year in before)), (start, end)
            assert pd.notna(comparison.current)


def test_a_regency_beside_one_without_cases_reads_its_own_total_not_a_sum_of_kecamatan() -> None:
    """KECAMATAN[1] holds 2 cases (hidden): a sum over the kecamatan would hide Kupang's total. Beside a
    regency whose kecamatan are published zeros, choosing Kupang reads the whole area's cells."""
    cases = cases_of([*many(9, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1]),
                      *many(12, "2025-07-01", KECAMATAN[0])])
    wider = build_publication(cases, (*KECAMATAN, "53.02.01", "53.02.02"), threshold=5)
    kupang = case_view(wider, Filters(regencies=("53.01",)))
    assert kupang.subdistricts == () and figure(wider, kupang).single == (23.0, CellState.SHOWN)
    tts = case_view(wider, Filters(regencies=("53.02",)))
    assert tts.subdistricts == ("53.02.01", "53.02.02") and figure(wider, tts).single == (0.0, CellState.ZERO)
    one = case_view(wider, Filters(subdistricts=(KECAMATAN[0], KECAMATAN[2])))   # not every kecamatan with cases
    assert one.subdistricts == (KECAMATAN[0], KECAMATAN[2])
    with_cases = case_view(wider, Filters(subdistricts=KECAMATAN[:2]))     # every one with cases: the whole's cells,
    assert with_cases.subdistricts == ()                                   # but listed as chosen
    assert list(by_subdistrict(wider, with_cases).values.index) == list(KECAMATAN[:2])


def test_a_regency_without_cases_reads_zeros_in_every_breakdown_never_the_other_regency_s_figures() -> None:
    cases = cases_of([*many(9, "2024-03-01", KECAMATAN[0]), *many(12, "2025-07-01", KECAMATAN[0], "laki_laki"),
                      *many(2, "2025-08-01", KECAMATAN[1], "laki_laki", forms="seksual")])     # hidden cells too
    wider = build_publication(cases, (*KECAMATAN, "53.02.01", "53.02.02"), threshold=5)
    tts = case_view(wider, Filters(regencies=("53.02",)))
    for by in ((), ("year",), ("year", "quarter"), ("victim_sex",), ("violence_forms",)):
        found = figure(wider, tts, by)
        assert found.dropped == () and set(found.values) == {0.0} and set(found.states) == {CellState.ZERO}, by
    per_kecamatan = by_subdistrict(wider, tts)
    assert list(per_kecamatan.values.index) == ["53.02.01", "53.02.02"] and set(per_kecamatan.values) == {0.0}
    assert figure(wider, case_view(wider, Filters()), ()).single == (23.0, CellState.SHOWN)    # every regency: all
    outside = case_view(wider, Filters(regencies=("53.02",), period_from="2030-01", period_to="2030-12"))
    assert figure(wider, outside, ()).single == (None, CellState.NO_DATA)       # no data, as for Kupang then
    unknown = case_view(wider, Filters(subdistricts=("53.09.01",)))
    assert figure(wider, unknown, ()).single[1] != CellState.ZERO
