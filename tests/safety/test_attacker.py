"""The audit finds what a reader could subtract, and proves each bound it reports."""
import numpy as np

from lib.safety.attacker import Attacker, attacker_rows, audit, box, sensitive_cells
from lib.safety.cells import CellKey, Layout, cell_values, true_values
from lib.safety.integer_program import IntegerProgram, Row, Rows
from lib.safety.protect import primary_states
from lib.safety.suppress import CellState
from tests.safety.publication_builders import KECAMATAN, cases_of, many

LAYOUT = Layout(KECAMATAN, (2024,))


def test_primary_suppression_alone_leaks_and_the_audit_says_where() -> None:
    # 8 in one kecamatan, 2 in another, none in the third: the regency total 10 minus 8 gives 2.
    cases = cases_of([*many(8, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1])])
    values = cell_values(true_values(cases, LAYOUT), LAYOUT)
    found = audit(LAYOUT, tuple(primary_states(values, 5)), values, 5)
    assert not found.passed
    leaked = {(b.cell.table, b.cell.key) for b in found.failures}
    assert ("cases_by_subdistrict", (KECAMATAN[1],)) in leaked
    narrow = next(b for b in found.failures if b.cell.key == (KECAMATAN[1],) and b.cell.table == "cases_by_subdistrict")
    assert (narrow.low, narrow.high) == (2, 2)


def test_everything_hidden_is_safe() -> None:
    cases = cases_of([*many(8, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1])])
    values = cell_values(true_values(cases, LAYOUT), LAYOUT)
    states = tuple(CellState.ZERO if v == 0 else CellState.COMPLEMENT for v in values)
    found = audit(LAYOUT, states, values, 5)
    assert found.passed and len(found.bounds) == int(((values > 0) & (values < 5)).sum())


def test_a_bound_reported_has_the_threshold_in_it() -> None:
    cases = cases_of(many(3, "2024-03-01", KECAMATAN[0]))
    values = cell_values(true_values(cases, LAYOUT), LAYOUT)
    found = audit(LAYOUT, tuple(primary_states(values, 7)), values, 7)
    assert all(b.high <= 6 and b.low >= 0 for b in found.bounds)
    assert np.all(values >= 0)


def test_a_witness_counts_only_when_it_satisfies_everything_published() -> None:
    # 8 and 2 in two kecamatan, primary suppression only: a table moving one case between them
    # breaks the shown 8, so it proves nothing; the true table is a witness of every small cell.
    cases = cases_of([*many(8, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1])])
    variables = true_values(cases, LAYOUT)
    values = cell_values(variables, LAYOUT)
    small = sensitive_cells(values, 5)
    attacker = Attacker(LAYOUT, attacker_rows(LAYOUT, primary_states(values, 5), values, 5),
                        np.full(LAYOUT.size, box(LAYOUT, values, 5)), small, 5)
    assert attacker.witnesses.offer(variables)
    assert list(attacker.witnesses.low) == list(attacker.witnesses.high) == [float(values[c]) for c in small]
    moved = variables.copy()
    first, second = (LAYOUT.cell_variables[LAYOUT.cells.index(CellKey("cases_by_subdistrict", (k,)))][0]
                     for k in KECAMATAN[:2])
    moved[first], moved[second] = moved[first] - 1, moved[second] + 1
    assert not attacker.witnesses.offer(moved) and not attacker.witnesses.offer(variables + 1)


def test_every_bound_at_the_target_has_a_witness_and_short_ones_are_exact() -> None:
    cases = cases_of([*many(8, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1]),
                      *many(3, "2024-05-01", KECAMATAN[2], "laki_laki", "6-12")])
    values = cell_values(true_values(cases, LAYOUT), LAYOUT)
    states = primary_states(values, 5)
    small = sensitive_cells(values, 5)
    attacker = Attacker(LAYOUT, attacker_rows(LAYOUT, states, values, 5),
                        np.full(LAYOUT.size, box(LAYOUT, values, 5)), small, 5)
    high = attacker.reachable(small, "max", 4)
    for cell in small:
        witnessed = attacker.witnesses.high[small.index(cell)]
        assert (high[cell] == 4) == (witnessed >= 4)
        if high[cell] < 4:   # the exact optimum: nothing above it is consistent with what is shown
            assert high[cell] == witnessed
    assert audit(LAYOUT, tuple(states), values, 5).failures == audit(LAYOUT, tuple(states), values, 5,
                                                                      exact=False).failures


def test_rows_activity_and_satisfies_are_exact() -> None:
    rows = [Row(np.array([0, 1]), np.array([1.0, 1.0]), 2.0, 2.0), Row(np.array([1, 2]), np.array([1.0, -1.0]),
                                                                       -np.inf, 0.0)]
    program = IntegerProgram(3, rows, upper=np.array([5.0, 5.0, 1.0]))
    assert list(Rows.of(rows).activity(np.array([1.0, 1.0, 1.0]))) == [2.0, 0.0]
    assert program.satisfies(np.array([1, 1, 1])) and program.satisfies(np.array([2, 0, 0]))
    assert not program.satisfies(np.array([1, 1, 0]))          # x1 > x2
    assert not program.satisfies(np.array([0, 2, 2]))          # above x2's bound
    assert not program.satisfies(np.array([1.5, 0.5, 1.0]))    # not whole


def test_the_true_table_as_first_witness_changes_no_bound() -> None:
    cases = cases_of([*many(8, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1]),
                      *many(4, "2024-05-01", KECAMATAN[2], "laki_laki", "6-12")])
    variables = true_values(cases, LAYOUT)
    values = cell_values(variables, LAYOUT)
    states = tuple(primary_states(values, 5))
    assert audit(LAYOUT, states, values, 5, witness=variables).bounds == audit(LAYOUT, states, values, 5).bounds
