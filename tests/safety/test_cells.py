import numpy as np
import pandas as pd

from lib.safety.cells import Layout, cell_values, true_values
from tests.safety.publication_builders import KECAMATAN, cases_of, many

CASES = cases_of([*many(6, "2024-02-01", KECAMATAN[0]), *many(2, "2024-05-01", KECAMATAN[1], "laki_laki", "6-12",
                                                                  "fisik;psikis"),
                  *many(7, "2025-11-01", KECAMATAN[2], age="13-17", forms="seksual")])
LAYOUT = Layout(KECAMATAN, (2024, 2025))


def values_by_table() -> dict[str, dict[tuple, int]]:
    found: dict[str, dict[tuple, int]] = {}
    for key, value in zip(LAYOUT.cells, cell_values(true_values(CASES, LAYOUT), LAYOUT)):
        found.setdefault(key.table, {})[key.key] = int(value)
    return found


def test_cells_count_what_pandas_counts() -> None:
    cells = values_by_table()
    assert cells["cases_total"][()] == 15
    years = CASES["report_date"].dt.year.value_counts()
    assert cells["cases_by_year"] == {(2024,): years[2024], (2025,): years[2025]}
    assert cells["cases_by_subdistrict"][(KECAMATAN[1],)] == 2
    assert cells["cases_by_subdistrict_victim_group"][(KECAMATAN[1], "children")] == 2
    assert cells["cases_by_quarter"][(2024, 2)] == 2 and cells["cases_by_quarter"][(2025, 4)] == 7
    # multi-valued: a case with two forms counts once in each
    assert cells["cases_by_violence_forms"][("fisik",)] == 8 and cells["cases_by_violence_forms"][("psikis",)] == 2


def test_the_true_table_satisfies_every_relation() -> None:
    variables = true_values(CASES, LAYOUT)
    for relation in LAYOUT.relations:
        total = float(np.dot(variables[relation.variables], relation.coefficients))
        assert relation.lower <= total <= relation.upper


def test_an_unknown_kecamatan_is_an_error_not_a_dropped_case() -> None:
    stray = cases_of(many(1, "2024-01-01", "53.01.99"))
    try:
        true_values(stray, LAYOUT)
    except ValueError as error:
        assert "kecamatan" in str(error)
    else:
        raise AssertionError("a case outside the kecamatan list was counted nowhere")


def test_cases_outside_the_years_are_refused() -> None:
    late = cases_of(many(1, "2026-01-01", KECAMATAN[0]))
    assert late["report_date"].dt.year.iat[0] == 2026
    try:
        true_values(late, LAYOUT)
    except ValueError:
        pass
    else:
        raise AssertionError("a case outside the years was counted nowhere")


def test_frame_is_not_changed() -> None:
    before = CASES.copy()
    true_values(CASES, LAYOUT)
    pd.testing.assert_frame_equal(CASES, before)
