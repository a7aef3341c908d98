"""The audit finds what a reader could subtract, and proves each bound it reports."""
import numpy as np

from lib.safety.attacker import audit
from lib.safety.cells import Layout, cell_values, true_values
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
