"""An attacker written apart from lib.safety.attacker (as the adversarial review wrote theirs): a reader who
kept every release and knows how they follow one another, solving a whole-number program with HiGHS.

Unknowns: the first release's case table and, per later release, the table of the cases added since
(no case removed: an append). Rows: the relations of a case table for each (lib.safety.cells), every
published cell of every release (a number, 0, "<5" = 1..4), each release's years and, where shown, its
first and last case month. Counts checked: each release's small counts and each release's added cases.
"""
from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import pandas as pd

from lib.safety.cells import Layout, cell_values, true_values
from lib.safety.suppress import CellState

INF = highspy.kHighsInf


@dataclass(frozen=True)
class Narrowed:
    release: str          # "1", "2", ... or "added 2" (the cases added by release 2)
    table: str
    key: tuple
    true: int
    low: float
    high: float


def _layout(publications) -> Layout:
    years = sorted({year for publication in publications for year in publication.years})
    return Layout(publications[-1].subdistricts, tuple(range(years[0], years[-1] + 1)))


def narrowed(releases: list[tuple[object, pd.DataFrame]], *, months: bool = True, box: float = 200.0) -> list[Narrowed]:
    """Every small count the reader narrows below 1..threshold-1 ([] when none)."""
    publications = [publication for publication, _ in releases]
    layout = _layout(publications)
    n, k = layout.size, len(releases)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.addVars(n * k, np.zeros(n * k), np.full(n * k, box))
    highs.changeColsIntegrality(n * k, np.arange(n * k, dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * (n * k)))

    def row(variables, lower, upper, coefficients=None):
        variables = np.asarray(variables, dtype=np.int32)
        coefficients = np.ones(len(variables)) if coefficients is None else np.asarray(coefficients, float)
        highs.addRow(-INF if lower == -np.inf else lower, INF if upper == np.inf else upper, len(variables),
                     variables, coefficients)

    def of_release(index: int, variables: np.ndarray) -> np.ndarray:   # release i's table: blocks 0..i
        return np.concatenate([variables + block * n for block in range(index + 1)])

    for block in range(k):
        for relation in layout.relations:
            row(relation.variables + block * n, relation.lower, relation.upper, relation.coefficients)
    for index, publication in enumerate(publications):
        for key, variables in zip(layout.cells, layout.cell_variables):
            cell = publication.cell(key.table, key.key)
            found = of_release(index, variables)
            if cell.state in (CellState.SHOWN, CellState.ZERO):
                row(found, cell.value, cell.value)
            elif cell.state == CellState.SMALL:
                row(found, 1, publication.threshold - 1)
            elif cell.state == CellState.NO_DATA and key.table == "cases_by_year":
                row(found, 0, 0)
        for year in {publication.years[0], publication.years[-1]}:
            row(of_release(index, layout.cube_grid[layout.years.index(year)].ravel()), 1, np.inf)
        if months and publication.first_month and publication.last_month:
            offset, width = layout.blocks["quarter"]
            (fy, fm), (ly, lm) = (map(int, m.split("-")) for m in (publication.first_month, publication.last_month))
            quarter = lambda y, q: of_release(index, np.array([offset + layout.years.index(y) * width + q]))  # noqa: E731
            row(quarter(fy, (fm - 1) // 3), 2 if (fy, (fm - 1) // 3) == (ly, (lm - 1) // 3) and fm != lm else 1, np.inf)
            row(quarter(ly, (lm - 1) // 3), 1, np.inf)
            for q in range((fm - 1) // 3):
                row(quarter(fy, q), 0, 0)
            for q in range((lm - 1) // 3 + 1, 4):
                row(quarter(ly, q), 0, 0)

    def optimum(variables: np.ndarray, sense) -> float | None:
        costs = np.zeros(n * k)
        np.add.at(costs, variables, 1.0)
        highs.changeColsCost(n * k, np.arange(n * k, dtype=np.int32), costs)
        highs.changeObjectiveSense(sense)
        highs.setOptionValue("time_limit", highs.getRunTime() + 60.0)
        highs.run()
        status = highs.getModelStatus()
        assert status == highspy.HighsModelStatus.kOptimal, highs.modelStatusToString(status)
        return highs.getInfo().objective_function_value

    truths = [true_values(cases.loc[cases["report_date"].notna()], layout) for _, cases in releases]
    found: list[Narrowed] = []
    for index in range(k):
        threshold = publications[index].threshold
        checks = [(str(index + 1), cell_values(truths[index], layout), lambda v, i=index: of_release(i, v))]
        if index:
            checks.append((f"added {index + 1}", cell_values(truths[index] - truths[index - 1], layout),
                           lambda v, i=index: v + i * n))
        for name, values, variables_of in checks:
            for key, variables, value in zip(layout.cells, layout.cell_variables, values):
                if 0 < value < threshold:
                    low = optimum(variables_of(variables), highspy.ObjSense.kMinimize)
                    high = optimum(variables_of(variables), highspy.ObjSense.kMaximize)
                    if low > 1.5 or high < threshold - 1.5:
                        found.append(Narrowed(name, key.table, key.key, int(value), low, high))
    return found
