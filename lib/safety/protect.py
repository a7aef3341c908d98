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

from lib.safety.attacker import Audit, attacker_program, audit, box, cell_cost, reaches
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


class CoverProgram:
    """The cheapest cells to hide so that a cell can reach threshold-1 (side "max") or 1 (side "min"),
    for every cell of one round: one program kept warm (HiGHS restarts from its last basis).

    Each cell has a switch: 0, it tells what it shows (its count, or 1..threshold-1 for "<5"); 1, it is
    hidden ("–"), at its table's weight (half for a "<5" given up: the reader loses less). A "<5"
    also tells something (two "<5" inside a "<5" make it at least 2), so it may be given up too."""

    def __init__(self, layout: Layout, states: list[CellState], values: np.ndarray, true_variables: np.ndarray,
                 threshold: int) -> None:
        self.layout, self.states, self.threshold = layout, states, threshold
        total = int(true_variables[: int(np.prod(layout.cube_shape))].sum())
        big = float(2 * (total + threshold))
        cells = len(layout.cells)
        self.switch = np.arange(layout.size, layout.size + cells)
        rows = [Row(r.variables, r.coefficients, r.lower, r.upper) for r in layout.relations]
        for index, switch in enumerate(self.switch):
            low, high = (1.0, float(threshold - 1)) if states[index] == CellState.SMALL else (values[index],) * 2
            variables = np.r_[layout.cell_variables[index], switch]
            ones = np.ones(len(layout.cell_variables[index]))
            rows.append(Row(variables, np.r_[ones, -big], -np.inf, float(high)))
            rows.append(Row(variables, np.r_[ones, big], float(low), np.inf))
        self.target_row = len(rows)          # one free row per cell: bounded only while it is the target
        rows += [Row(variables, np.ones(len(variables)), -np.inf, np.inf) for variables in layout.cell_variables]
        cube = np.arange(int(np.prod(layout.cube_shape)))
        rows.append(Row(cube, np.ones(len(cube)), 0.0, big))    # keeps the program bounded
        upper = np.r_[np.full(layout.size, big), np.ones(cells)]
        self.program = IntegerProgram(layout.size + cells, rows, upper=upper,
                                      binary=np.r_[np.zeros(layout.size, dtype=bool), np.ones(cells, dtype=bool)],
                                      primal=False)     # a target's row bounds change between solves
        self.weights = cell_weights(layout, values) * np.array([0.5 if s == CellState.SMALL else 1.0 for s in states])
        self.hide([index for index, state in enumerate(states) if state == CellState.COMPLEMENT])

    def hide(self, cells: list[int]) -> None:
        self.program.set_columns(self.switch[cells], 1.0, 1.0)

    def cover(self, cell: int, side: str, *, relaxed: bool) -> list[int]:
        """The cells to hide for `cell` (states as given to hide(); the relaxation's choice, every cell
        it moves at all, with `relaxed`)."""
        hidden = self.states[cell] == CellState.COMPLEMENT
        self.program.set_columns([self.switch[cell]], float(hidden), float(hidden))   # it keeps what it tells
        target = float(self.threshold - 1 if side == "max" else 1)
        self.program.set_rows([self.target_row + cell], *((target, np.inf) if side == "max" else (0.0, target)))
        open_cells = [index for index, state in enumerate(self.states)
                      if state in (CellState.SHOWN, CellState.ZERO, CellState.SMALL) and index != cell]
        costs = np.zeros(self.layout.size + len(self.switch))
        costs[self.switch[open_cells]] = self.weights[open_cells]
        solution = self.program.solve(costs, maximise=False, relaxed=relaxed)
        self.program.free_rows([self.target_row + cell])
        self.program.set_columns([self.switch[cell]], float(hidden), 1.0)
        if solution is None:
            raise RuntimeError("no set of cells to hide protects the cell")
        return [index for index in open_cells if solution[self.switch[index]] > 1e-6]


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
        result = audit(layout, tuple(states), values, threshold, exact=False, relaxed=round_ == 0,
                       witness=true_variables)
        if result.passed and round_ > 0:
            break
        if result.passed:
            continue     # nothing to cover: the next round's whole-number audit is the proof
        # The attacker's program of this round, its rows freed as cells are hidden (kept warm).
        program, row_of = attacker_program(layout, states, values, threshold, upper)
        covers = CoverProgram(layout, states, values, true_variables, threshold)
        for bounds in result.failures:
            cell = layout.cells.index(bounds.cell)
            for side, target in (("max", threshold - 1), ("min", 1)):
                if side == "max" and bounds.high >= target or side == "min" and bounds.low <= target:
                    continue
                # Covered already by this round's earlier hiding? The relaxation says so quickly (the
                # next round's audit settles it in whole numbers).
                relaxed = program.solve(cell_cost(layout, [cell]), maximise=side == "max", relaxed=True)
                if reaches(float(relaxed[layout.cell_variables[cell]].sum()), target, side == "max"):
                    continue
                hidden = covers.cover(cell, side, relaxed=round_ == 0)
                for index in hidden:
                    states[index] = CellState.COMPLEMENT
                covers.hide(hidden)
                program.free_rows([row_of[index] for index in hidden if index in row_of])
    else:
        states = [CellState.ZERO if value == 0 else CellState.COMPLEMENT for value in values]
        return tuple(states), audit(layout, tuple(states), values, threshold, witness=true_variables)
    return tuple(states), result
