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

from collections.abc import Sequence

from lib.safety.attacker import Audit, attacker_program, audit, box, cell_cost, count, reaches
from lib.safety.cells import Space, cell_values
from lib.safety.declaration import TABLES
from lib.safety.integer_program import IntegerProgram, Row
from lib.safety.suppress import CellState


def primary_states(values: np.ndarray, threshold: int) -> list[CellState]:
    states = []
    for value in values:
        states.append(CellState.ZERO if value == 0 else CellState.SMALL if value < threshold else CellState.SHOWN)
    return states


def cell_weights(layout: Space, values: np.ndarray) -> np.ndarray:
    """What hiding each cell costs readers: its table's weight, a little more for a larger count."""
    tables = np.array([TABLES[cell.table].weight for cell in layout.cells], dtype=float)
    return tables * (1.0 + values / max(1.0, float(values.max(initial=1)) * 10))


class CoverProgram:
    """The cheapest cells to hide so that a cell can reach threshold-1 (side "max") or 1 (side "min"),
    for every cell of one round: one program kept warm (HiGHS restarts from its last basis).

    Each cell has a switch: 0, it tells what it shows (its count, or 1..threshold-1 for "<5"); 1, it is
    hidden ("–"), at its table's weight (half for a "<5" given up: the reader loses less). A "<5"
    also tells something (two "<5" inside a "<5" make it at least 2), so it may be given up too.
    Only `open` cells may be hidden: the others (an earlier release, what was added since) keep
    their state."""

    def __init__(self, layout: Space, states: list[CellState], values: np.ndarray, true_variables: np.ndarray,
                 threshold: int, open_cells: np.ndarray) -> None:
        self.layout, self.states, self.threshold, self.open = layout, states, threshold, open_cells
        total = max(int(true_variables[columns].sum()) for columns in layout.case_tables)
        big = float(2 * (total + threshold))
        cells = len(layout.cells)
        self.switch = np.arange(layout.size, layout.size + cells)
        rows = [Row(r.variables, r.coefficients, r.lower, r.upper) for r in layout.relations]
        for index, switch in enumerate(self.switch):
            if states[index] not in (CellState.SHOWN, CellState.ZERO, CellState.SMALL):
                continue
            low, high = (1.0, float(threshold - 1)) if states[index] == CellState.SMALL else (values[index],) * 2
            variables = np.r_[layout.cell_variables[index], switch]
            coefficients = layout.cell_coefficients[index]
            rows.append(Row(variables, np.r_[coefficients, -big], -np.inf, float(high)))
            rows.append(Row(variables, np.r_[coefficients, big], float(low), np.inf))
        self.target_row = len(rows)          # one free row per cell: bounded only while it is the target
        rows += [Row(variables, coefficients, -np.inf, np.inf)
                 for variables, coefficients in zip(layout.cell_variables, layout.cell_coefficients)]
        for cube in layout.case_tables:
            rows.append(Row(cube, np.ones(len(cube)), 0.0, big))    # keeps the program bounded
        upper = np.r_[np.full(layout.size, big), np.ones(cells)]
        self.program = IntegerProgram(layout.size + cells, rows, upper=upper,
                                      binary=np.r_[np.zeros(layout.size, dtype=bool), np.ones(cells, dtype=bool)],
                                      primal=False)     # a target's row bounds change between solves
        self.weights = cell_weights(layout, values) * np.array([0.5 if s == CellState.SMALL else 1.0 for s in states])
        closed = np.flatnonzero(~open_cells)
        self.program.set_columns(self.switch[closed], 0.0, 0.0)      # what they tell, they keep telling
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
                      if state in (CellState.SHOWN, CellState.ZERO, CellState.SMALL) and index != cell
                      and self.open[index]]
        costs = np.zeros(self.layout.size + len(self.switch))
        costs[self.switch[open_cells]] = self.weights[open_cells]
        solution = self.program.solve(costs, maximise=False, relaxed=relaxed)
        self.program.free_rows([self.target_row + cell])
        self.program.set_columns([self.switch[cell]], float(hidden), 1.0 if self.open[cell] else float(hidden))
        if solution is None:
            raise RuntimeError("no set of cells to hide protects the cell")
        return [index for index in open_cells if solution[self.switch[index]] > 1e-6]


MAX_ROUNDS = 20
RELAXED_ROUNDS = 1      # rounds whose audit and covers are linear relaxations (estimates), before the proof


def protect(layout: Space, true_variables: np.ndarray, threshold: int, *,
            fixed: Sequence[CellState | None] | None = None, start: Sequence[int] = ()
            ) -> tuple[tuple[CellState, ...], Audit]:
    """The state of every cell of the publication, and the audit that proves it.

    `fixed` gives the cells whose state is not chosen here (an earlier release readers have seen, or
    what was added since, never published: COMPLEMENT), None for the cells being published. `start`:
    open cells hidden from the first round on (those an earlier release hid: hidden again, the
    reader who compares the two learns less, and the rounds have less to cover).

    Each round audits the whole publication and covers each cell found short. The first round's
    covers come from the linear relaxation (fast, and nearly always enough); later rounds solve the
    whole-number program. If rounds ran out, or a cell cannot be covered by hiding open cells, every
    open cell but zeros is hidden (if that is not safe, zeros too), and the audit of that says whether
    even this is safe."""
    values = cell_values(true_variables, layout)
    fixed = list(fixed) if fixed is not None else [None] * len(values)
    open_cells = np.array([state is None for state in fixed], dtype=bool)
    primary = primary_states(values, threshold)
    states = [primary[index] if state is None else state for index, state in enumerate(fixed)]
    for index in start:
        if fixed[index] is None:
            states[index] = CellState.COMPLEMENT
    upper = np.full(layout.size, box(layout, values, threshold))
    uncoverable = False
    proven: tuple[np.ndarray, ...] = ()
    for round_ in range(MAX_ROUNDS):
        # The first round estimates with the relaxation; every later one is the whole-number audit,
        # and the one that passes is the proof.
        result = audit(layout, tuple(states), values, threshold, exact=False, relaxed=round_ < RELAXED_ROUNDS,
                       witness=true_variables, witnesses=proven)
        proven = result.witnesses
        if result.passed and round_ >= RELAXED_ROUNDS:
            break
        if result.passed:
            continue     # nothing to cover: the next round's whole-number audit is the proof
        # The attacker's program of this round, its rows freed as cells are hidden (kept warm).
        program, row_of = attacker_program(layout, states, values, threshold, upper)
        covers = CoverProgram(layout, states, values, true_variables, threshold, open_cells)
        uncoverable = False
        for bounds in result.failures:
            if uncoverable:
                break
            cell = layout.cells.index(bounds.cell)
            for side, target in (("max", threshold - 1), ("min", 1)):
                if side == "max" and bounds.high >= target or side == "min" and bounds.low <= target:
                    continue
                # Covered already by this round's earlier hiding? The relaxation says so quickly (the
                # next round's audit settles it in whole numbers).
                relaxed = program.solve(cell_cost(layout, [cell]), maximise=side == "max", relaxed=True)
                if reaches(count(layout, relaxed, cell), target, side == "max"):
                    continue
                try:
                    hidden = covers.cover(cell, side, relaxed=round_ < RELAXED_ROUNDS)
                except RuntimeError:      # nothing the publication may hide covers it
                    uncoverable = True
                    break
                for index in hidden:
                    states[index] = CellState.COMPLEMENT
                covers.hide(hidden)
                program.free_rows([row_of[index] for index in hidden if index in row_of])
        if uncoverable:
            break
    else:
        uncoverable = True
    if uncoverable:
        # Every open cell hidden but zeros; where even that tells a small count (a zero beside a small
        # total, or what the years shown tell of a tiny file), zeros too.
        for keep_zeros in (True, False):
            states = [(CellState.ZERO if value == 0 and keep_zeros else CellState.COMPLEMENT) if open_ else state
                      for value, state, open_ in zip(values, states, open_cells)]
            result = audit(layout, tuple(states), values, threshold, witness=true_variables, witnesses=proven)
            if result.passed:
                break
    return tuple(states), result
