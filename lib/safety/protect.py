"""Protecting the whole publication at once: primary suppression, then complementary cells chosen by
an optimiser until the attacker's audit (lib.safety.attacker) cannot narrow any small count.

Primary: every cell counting 1 to threshold-1 cases reads "<threshold". Complementary: while the audit
finds a small cell it can pin down (its maximum below threshold-1 or its minimum above 1), a
whole-number program finds the cheapest set of shown cells to hide ("–") such that some table
consistent with the rest gives that cell the count the attacker ruled out. Cheapest is by the
tables' declared weights (lib.safety.declaration): a hidden regency total costs far more than a
hidden kecamatan-year cell. Hiding only ever widens what the attacker can reach, so a cell once
settled stays settled; the final audit is the proof that is published with the cells.
"""
from __future__ import annotations

import numpy as np

from lib.safety.attacker import Audit, reaches, attacker_rows, audit, box, cell_cost
from lib.safety.cells import Layout, cell_values
from lib.safety.declaration import TABLES
from lib.safety.integer_program import IntegerProgram, Row
from lib.safety.suppress import CellState


def primary_states(values: np.ndarray, threshold: int) -> list[CellState]:
    states = []
    for value in values:
        states.append(CellState.ZERO if value == 0 else CellState.SMALL if value < threshold else CellState.SHOWN)
    return states


def cell_weights(layout: Layout, values: np.ndarray) -> np.ndarray:
    """What hiding each cell costs readers: its table's weight, a little more for a larger count."""
    tables = np.array([TABLES[cell.table].weight for cell in layout.cells], dtype=float)
    return tables * (1.0 + values / max(1.0, float(values.max(initial=1)) * 10))


def cheapest_cover(layout: Layout, states: list[CellState], values: np.ndarray, true_variables: np.ndarray,
                   cell: int, side: str, threshold: int, *, relaxed: bool = False) -> list[int]:
    """The cells to hide so that `cell` can reach threshold-1 (side "max") or 1 (side "min"). With
    `relaxed`, the linear relaxation's choice: every cell it moves at all."""
    total = int(true_variables[: int(np.prod(layout.cube_shape))].sum())
    big = float(2 * (total + threshold))
    # Every cell that still tells something may give it up: a shown count becomes "–", and so does a
    # "<5" (which tells that a cell is not empty: two "<5" inside a "<5" make it at least 2).
    open_cells = [index for index, state in enumerate(states)
                  if state in (CellState.SHOWN, CellState.ZERO, CellState.SMALL) and index != cell]
    columns = layout.size + len(open_cells)
    rows = [Row(r.variables, r.coefficients, r.lower, r.upper) for r in layout.relations]
    if states[cell] == CellState.SMALL:
        variables = layout.cell_variables[cell]
        rows.append(Row(variables, np.ones(len(variables)), 1.0, float(threshold - 1)))
    for switch, index in enumerate(open_cells, start=layout.size):
        # hidden, or within what the cell tells: its count, or 1..threshold-1
        low, high = (1.0, float(threshold - 1)) if states[index] == CellState.SMALL else (values[index],) * 2
        variables = np.r_[layout.cell_variables[index], switch]
        ones = np.ones(len(layout.cell_variables[index]))
        rows.append(Row(variables, np.r_[ones, -big], -np.inf, float(high)))
        rows.append(Row(variables, np.r_[ones, big], float(low), np.inf))
    target = float(threshold - 1 if side == "max" else 1)
    rows.append(Row(layout.cell_variables[cell], np.ones(len(layout.cell_variables[cell])),
                    target if side == "max" else 0.0, np.inf if side == "max" else target))
    cube = np.arange(int(np.prod(layout.cube_shape)))
    rows.append(Row(cube, np.ones(len(cube)), 0.0, big))    # keeps the program bounded
    binary = np.r_[np.zeros(layout.size, dtype=bool), np.ones(len(open_cells), dtype=bool)]
    upper = np.r_[np.full(layout.size, big), np.ones(len(open_cells))]
    program = IntegerProgram(columns, rows, upper=upper, binary=binary)
    # A "<5" given up costs half a hidden count: the reader loses less.
    weights = cell_weights(layout, values) * np.array([0.5 if s == CellState.SMALL else 1.0 for s in states])
    costs = np.r_[np.zeros(layout.size), weights[open_cells]]
    solution = program.solve(costs, maximise=False, relaxed=relaxed)
    if solution is None:
        raise RuntimeError("no set of cells to hide protects the cell")
    return [index for switch, index in enumerate(open_cells, start=layout.size) if solution[switch] > 1e-6]


MAX_ROUNDS = 20


def protect(layout: Layout, true_variables: np.ndarray, threshold: int) -> tuple[tuple[CellState, ...], Audit]:
    """The state of every cell of the publication, and the audit that proves it.

    Each round audits the whole publication and covers each cell found short. The first round's
    covers come from the linear relaxation (fast, and nearly always enough); later rounds solve the
    whole-number program. If rounds ran out, everything but zeros would be hidden: never unsafe."""
    values = cell_values(true_variables, layout)
    states = primary_states(values, threshold)
    upper = np.full(layout.size, box(layout, values, threshold))
    for round_ in range(MAX_ROUNDS):
        # The first round estimates with the relaxation; every later one is the whole-number audit,
        # and the one that passes is the proof.
        result = audit(layout, tuple(states), values, threshold, exact=False, relaxed=round_ == 0)
        if result.passed and round_ > 0:
            break
        for bounds in result.failures:
            cell = layout.cells.index(bounds.cell)
            for side, target in (("max", threshold - 1), ("min", 1)):
                if side == "max" and bounds.high >= target or side == "min" and bounds.low <= target:
                    continue
                # Covered already by this round's earlier hiding? The relaxation says so quickly (the
                # next round's audit settles it in whole numbers).
                program = IntegerProgram(layout.size, attacker_rows(layout, states, values, threshold), upper=upper)
                relaxed = program.solve(cell_cost(layout, [cell]), maximise=side == "max", relaxed=True)
                if reaches(float(relaxed[layout.cell_variables[cell]].sum()), target, side == "max"):
                    continue
                for index in cheapest_cover(layout, states, values, true_variables, cell, side, threshold,
                                            relaxed=round_ == 0):
                    states[index] = CellState.COMPLEMENT
    else:
        states = [CellState.ZERO if value == 0 else CellState.COMPLEMENT for value in values]
        return tuple(states), audit(layout, tuple(states), values, threshold)
    return tuple(states), result
