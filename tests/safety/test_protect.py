"""Protection: after it, the attacker's audit passes, on hand-made and on generated sparse data."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.safety.attacker import audit
from lib.safety.cells import Layout, cell_values, true_values
from lib.safety.protect import protect
from lib.safety.suppress import CellState
from tests.safety.publication_builders import KECAMATAN, cases_of, many

LAYOUT = Layout(KECAMATAN, (2024, 2025))


def protected(cases):
    variables = true_values(cases, LAYOUT)
    states, result = protect(LAYOUT, variables, 5)
    return states, result, cell_values(variables, LAYOUT)


def test_protection_passes_its_own_audit_and_a_fresh_one() -> None:
    cases = cases_of([*many(8, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1]),
                      *many(6, "2025-07-01", KECAMATAN[2], "laki_laki", "6-12")])
    states, result, values = protected(cases)
    assert result.passed
    assert audit(LAYOUT, states, values, 5).passed
    shown = dict(zip(LAYOUT.cells, states))
    assert all(state != CellState.SHOWN or 0 == values[i] or values[i] >= 5 for i, state in enumerate(states))
    assert any(s == CellState.SHOWN for k, s in shown.items() if k.table == "cases_total")


def test_no_small_count_is_ever_shown() -> None:
    cases = cases_of([*many(1, "2024-01-01", KECAMATAN[0]), *many(4, "2025-01-01", KECAMATAN[1])])
    states, result, values = protected(cases)
    assert result.passed
    for state, value in zip(states, values):
        if 0 < value < 5:
            assert state in (CellState.SMALL, CellState.COMPLEMENT)


case_rows = st.lists(st.tuples(st.sampled_from(["2024-02-01", "2024-09-01", "2025-05-01"]),
                               st.sampled_from(KECAMATAN), st.sampled_from(["perempuan", "laki_laki"]),
                               st.sampled_from(["6-12", "13-17", "25-44"]),
                               st.sampled_from(["fisik", "psikis", "fisik;seksual"])), min_size=1, max_size=14)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_rows)
def test_generated_sparse_case_files_pass_the_audit(rows) -> None:
    states, result, values = protected(cases_of(rows))
    assert result.passed, result.failures
    for state, value in zip(states, values):
        assert not (state == CellState.SHOWN and 0 < value < 5)


def test_a_single_case_and_all_cases_in_one_year() -> None:
    for rows in (many(1, "2024-06-01", KECAMATAN[2]), many(9, "2025-06-01", KECAMATAN[0]) + many(1, "2025-06-01",
                                                                                                   KECAMATAN[1])):
        states, result, values = protected(cases_of(rows))
        assert result.passed
