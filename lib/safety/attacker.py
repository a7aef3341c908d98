"""The attacker's audit: what can be learned about each small count from everything published.

The attacker sees every published cell of every table (a number, 0, "<5" meaning 1 to threshold-1,
or "–" meaning anything), and knows how the cells relate (lib.safety.cells: sums, whole numbers, no
negative counts, the multi-valued forms and services). For each cell whose true count is small, the
audit minimises and maximises it over every whole-number table consistent with all of that (HiGHS).
The publication is safe when each such cell can still be any count from 1 to threshold-1.

Each bound is proven by a solution: many cells are settled by one solve (the sum of the unsettled
cells maximised: each that reaches threshold-1 has a consistent table where it does); cells left
over are minimised or maximised alone, which gives their exact narrowest interval.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from lib.safety.cells import CellKey, Layout
from lib.safety.integer_program import IntegerProgram, Row
from lib.safety.suppress import CellState

SIDES = ("max", "min")


@dataclass(frozen=True)
class Bounds:
    cell: CellKey
    low: int
    high: int


@dataclass(frozen=True)
class Audit:
    threshold: int
    bounds: tuple[Bounds, ...]            # every small cell, with the interval the attacker can reach
    seconds: float
    failures: tuple[Bounds, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.failures


def box(layout: Layout, values: np.ndarray, threshold: int) -> float:
    """An upper bound for every variable, far above any count that matters: the attacker's tables are
    searched inside it, which can only make the audit stricter (a witness inside it is a witness)."""
    return float(2 * (int(values.max(initial=0)) + threshold))


def attacker_rows(layout: Layout, states: Iterable[CellState], values: np.ndarray, threshold: int) -> list[Row]:
    """The relations and what each published cell tells: its count, 1..threshold-1, or nothing."""
    rows = [Row(r.variables, r.coefficients, r.lower, r.upper) for r in layout.relations]
    for variables, state, value in zip(layout.cell_variables, states, values):
        ones = np.ones(len(variables))
        if state in (CellState.SHOWN, CellState.ZERO):
            rows.append(Row(variables, ones, float(value), float(value)))
        elif state == CellState.SMALL:
            rows.append(Row(variables, ones, 1.0, float(threshold - 1)))
    return rows


def attacker_program(layout: Layout, states: Iterable[CellState], values: np.ndarray, threshold: int,
                     upper: np.ndarray) -> tuple[IntegerProgram, dict[int, int]]:
    """The attacker's program of attacker_rows, and the row of each cell that tells something (to
    free when that cell is hidden later: IntegerProgram.free_rows)."""
    states = list(states)
    rows = attacker_rows(layout, states, values, threshold)
    telling = [index for index, state in enumerate(states)
               if state in (CellState.SHOWN, CellState.ZERO, CellState.SMALL)]
    first = len(layout.relations)
    return IntegerProgram(layout.size, rows, upper=upper), {cell: first + k for k, cell in enumerate(telling)}


def cell_cost(layout: Layout, cells: Iterable[int]) -> np.ndarray:
    """The objective 'sum of these cells' over the attacker's variables."""
    cost = np.zeros(layout.size)
    for cell in cells:
        np.add.at(cost, layout.cell_variables[cell], 1.0)
    return cost


def _cell_sum(layout: Layout, solution: np.ndarray, cell: int) -> float:
    return float(solution[layout.cell_variables[cell]].sum())


def _saturated(layout: Layout, rows: list[Row], upper: np.ndarray, cells: list[int], side: str, target: int, *,
               relaxed: bool) -> np.ndarray:
    """A consistent whole-number table bringing as many of `cells` as possible to `target`: one aid
    per cell counts its progress up to the target (maximised), or its excess over it (minimised)."""
    aids = range(layout.size, layout.size + len(cells))
    extra = []
    for aid, cell in zip(aids, cells):
        variables = np.r_[layout.cell_variables[cell], aid]
        ones = np.ones(len(layout.cell_variables[cell]))
        if side == "max":      # aid <= cell, aid <= target
            extra.append(Row(variables, np.r_[-ones, 1.0], -np.inf, 0.0))
        else:                  # aid >= cell - target
            extra.append(Row(variables, np.r_[ones, -1.0], -np.inf, float(target)))
    aid_upper = np.full(len(cells), float(target) if side == "max" else np.inf)
    program = IntegerProgram(layout.size + len(cells), [*rows, *extra], upper=np.r_[upper, aid_upper])
    costs = np.r_[np.zeros(layout.size), np.ones(len(cells))]
    solution = program.solve(costs, maximise=side == "max", relaxed=relaxed)
    if solution is None:
        raise RuntimeError("the published cells contradict each other")
    return solution[: layout.size]


def reachable(layout: Layout, rows: list[Row], upper: np.ndarray, cells: list[int], side: str, target: int, *,
              exact: bool = True, relaxed: bool = False) -> dict[int, int]:
    """For each of `cells`, the furthest count towards `target` the attacker cannot rule out (target
    itself when some consistent whole-number table reaches it or beyond). Without `exact`, a cell
    that falls short reports the linear relaxation's bound instead of its exact optimum. `relaxed`
    asks the linear relaxation only: a quick estimate that proves nothing (lib.safety.protect's
    first round uses it to choose what to hide)."""
    maximise = side == "max"
    found: dict[int, int] = {}
    pending = list(cells)
    while pending:   # one solve settles every cell that reaches the target together
        solution = _saturated(layout, rows, upper, pending, side, target, relaxed=relaxed)
        reached = [cell for cell in pending if reaches(_cell_sum(layout, solution, cell), target, maximise)]
        if not reached:
            break
        found.update({cell: target for cell in reached})
        pending = [cell for cell in pending if cell not in found]
    program = IntegerProgram(layout.size, rows, upper=upper) if pending else None
    for cell in pending:   # alone: the relaxation rules out quickly, the whole-number optimum decides
        relaxation = program.solve(cell_cost(layout, [cell]), maximise=maximise, relaxed=True)
        bound = float(relaxation[layout.cell_variables[cell]].sum())
        bound = int(np.floor(bound + 1e-6)) if maximise else int(np.ceil(bound - 1e-6))
        if relaxed or not reaches(bound, target, maximise) and not exact:
            found[cell] = target if reaches(bound, target, maximise) else bound
            continue
        solution = program.solve(cell_cost(layout, [cell]), maximise=maximise)
        value = int(round(_cell_sum(layout, solution, cell)))
        found[cell] = target if reaches(value, target, maximise) else value
    return found


def reaches(value: float, target: int, maximise: bool) -> bool:
    return value >= target - 1e-6 if maximise else value <= target + 1e-6




def sensitive_cells(values: np.ndarray, threshold: int) -> list[int]:
    return [int(index) for index in np.flatnonzero((values > 0) & (values < threshold))]


def audit(layout: Layout, states: tuple[CellState, ...], values: np.ndarray, threshold: int, *,
          exact: bool = True, relaxed: bool = False) -> Audit:
    """Minimise and maximise every cell whose true count is small (shown as "<5" or hidden as "–")
    under everything published (`values` are the true cell counts; only those of shown cells enter
    the program)."""
    started = time.perf_counter()
    small = sensitive_cells(values, threshold)
    rows = attacker_rows(layout, states, values, threshold)
    upper = np.full(layout.size, box(layout, values, threshold))
    high = reachable(layout, rows, upper, small, "max", threshold - 1, exact=exact, relaxed=relaxed)
    low = reachable(layout, rows, upper, small, "min", 1, exact=exact, relaxed=relaxed)
    bounds = tuple(Bounds(layout.cells[cell], low[cell], high[cell]) for cell in small)
    failures = tuple(b for b in bounds if b.low > 1 or b.high < threshold - 1)
    return Audit(threshold, bounds, time.perf_counter() - started, failures)
