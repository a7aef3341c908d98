"""The attacker's audit: what can be learned about each small count from everything published.

The attacker sees every published cell of every table (a number, 0, "<5" meaning 1 to threshold-1,
or "–" meaning anything), and knows how the cells relate (lib.safety.cells: sums, whole numbers, no
negative counts, the multi-valued forms and services). For each cell whose true count is small, the
audit minimises and maximises it over every whole-number table consistent with all of that (HiGHS).
The publication is safe when each such cell can still be any count from 1 to threshold-1.

Each bound is proven by a witness: a whole-number table that satisfies every relation and every
published cell (checked exactly, whatever solver produced it) and gives the cell that count. One
witness speaks for every small cell at once, so the audit keeps, per cell, the lowest and highest
count seen in any witness, and solves only for what no witness shows yet: first whole-number
programs bringing as many cells as possible to the target together, then the cells
left over alone: first the linear relaxation (a quick proof that a cell falls short: it is narrowed),
then, where it does not rule the target out, the whole-number optimum (its exact interval).
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from lib.safety.cells import CellKey, Space
from lib.safety.integer_program import IntegerProgram, Row, Rows
from lib.safety.suppress import CellState

SIDES = ("max", "min")
# The saturating programs are searched for witnesses, each checked: a good table serves as well as the
# best, so a search stops within 10% of the optimum, and HiGHS presolves once at the root instead of
# again at each restart (several times faster on these programs). Never a time limit: the result
# must not depend on the machine's load.
SATURATING_GAP = 0.1


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
    witnesses: tuple[np.ndarray, ...] = field(default=(), repr=False, compare=False)   # the tables that proved it

    @property
    def passed(self) -> bool:
        return not self.failures


def box(space: Space, values: np.ndarray, threshold: int) -> float:
    """An upper bound for every variable, far above any count that matters: the attacker's tables are
    searched inside it, which can only make the audit stricter (a witness inside it is a witness)."""
    return float(2 * (int(values.max(initial=0)) + threshold))


def attacker_rows(space: Space, states: Iterable[CellState], values: np.ndarray, threshold: int) -> list[Row]:
    """The relations and what each published cell tells: its count, 1..threshold-1, or nothing."""
    rows = [Row(r.variables, r.coefficients, r.lower, r.upper) for r in space.relations]
    for variables, coefficients, state, value in zip(space.cell_variables, space.cell_coefficients, states, values):
        if state in (CellState.SHOWN, CellState.ZERO):
            rows.append(Row(variables, coefficients, float(value), float(value)))
        elif state == CellState.SMALL:
            rows.append(Row(variables, coefficients, 1.0, float(threshold - 1)))
    return rows


def attacker_program(space: Space, states: Iterable[CellState], values: np.ndarray, threshold: int,
                     upper: np.ndarray) -> tuple[IntegerProgram, dict[int, int]]:
    """The attacker's program of attacker_rows, and the row of each cell that tells something (to
    free when that cell is hidden later: IntegerProgram.free_rows)."""
    states = list(states)
    rows = attacker_rows(space, states, values, threshold)
    telling = [index for index, state in enumerate(states)
               if state in (CellState.SHOWN, CellState.ZERO, CellState.SMALL)]
    first = len(space.relations)
    return IntegerProgram(space.size, rows, upper=upper), {cell: first + k for k, cell in enumerate(telling)}


def cell_cost(space: Space, cells: Iterable[int]) -> np.ndarray:
    """The objective 'sum of these cells' over the attacker's variables."""
    cost = np.zeros(space.size)
    for cell in cells:
        np.add.at(cost, space.cell_variables[cell], space.cell_coefficients[cell])
    return cost


def cell_sums(space: Space, cells: list[int]) -> Rows:
    """The sums of `cells` as rows: .activity(x) gives each cell's count in table x."""
    return Rows.of([Row(space.cell_variables[cell], space.cell_coefficients[cell], 0.0, 0.0) for cell in cells])


def count(space: Space, table: np.ndarray, cell: int) -> float:
    """A cell's count in `table`."""
    return float(np.dot(table[space.cell_variables[cell]], space.cell_coefficients[cell]))


class Witnesses:
    """Per small cell, the lowest and highest count in any table shown to satisfy the attacker's
    program. Only a checked whole-number table counts: that check, not the solver, is the proof."""

    def __init__(self, program: IntegerProgram, sums: Rows) -> None:
        self.program, self.sums = program, sums
        self.low = np.full(len(sums), np.inf)
        self.high = np.full(len(sums), -np.inf)
        self.tables: list[np.ndarray] = []        # every table accepted (a witness for any later audit
                                                  # of the same cells with fewer of them shown)

    def offer(self, table: np.ndarray) -> bool:
        """Record `table` (rounded to whole numbers) if it satisfies the program; whether it did."""
        table = np.round(np.asarray(table, dtype=float)[: self.program.columns])
        if not self.program.satisfies(table):
            return False
        counts = self.sums.activity(table)
        if np.any(counts < self.low) or np.any(counts > self.high):     # it shows something new
            self.tables.append(table)
        np.minimum(self.low, counts, out=self.low)
        np.maximum(self.high, counts, out=self.high)
        return True

    def reached(self, position: int, side: str, target: int) -> bool:
        return reaches(self.high[position] if side == "max" else self.low[position], target, side == "max")


class Attacker:
    """The attacker's programs for one publication, kept warm across every solve of an audit: the
    program itself (one cell's count as objective) and, per side, the saturating one (one aid per
    small cell counts its progress towards the target; their sum is the objective)."""

    def __init__(self, layout: Space, rows: list[Row], upper: np.ndarray, small: list[int], threshold: int) -> None:
        self.layout, self.small, self.upper, self.threshold = layout, small, upper, threshold
        self.position = {cell: k for k, cell in enumerate(small)}
        self.row_list = rows
        self.program = IntegerProgram(layout.size, rows, upper=upper)
        self.witnesses = Witnesses(self.program, cell_sums(layout, small))
        self._saturating: dict[str, IntegerProgram] = {}

    def saturating(self, side: str) -> IntegerProgram:
        if side not in self._saturating:
            target = float(self.threshold - 1 if side == "max" else 1)
            extra = []
            for aid, cell in enumerate(self.small, start=self.layout.size):
                variables = np.r_[self.layout.cell_variables[cell], aid]
                coefficients = self.layout.cell_coefficients[cell]
                if side == "max":      # aid <= cell, aid <= target (its bound)
                    extra.append(Row(variables, np.r_[-coefficients, 1.0], -np.inf, 0.0))
                else:                  # aid >= cell - target
                    extra.append(Row(variables, np.r_[coefficients, -1.0], -np.inf, target))
            aid_upper = np.full(len(self.small), target if side == "max" else np.inf)
            self._saturating[side] = IntegerProgram(self.layout.size + len(self.small), [*self.row_list, *extra],
                                                    upper=np.r_[self.upper, aid_upper], gap=SATURATING_GAP,
                                                    presolve_once=True)
        return self._saturating[side]

    def saturate(self, cells: list[int], side: str, *, relaxed: bool) -> np.ndarray:
        """A table bringing as many of `cells` as possible to the target (offered as a witness; in whole
        numbers, within SATURATING_GAP of the most)."""
        program = self.saturating(side)
        costs = np.zeros(program.columns)
        costs[self.layout.size + np.array([self.position[cell] for cell in cells], dtype=np.int64)] = 1.0
        solution = program.solve(costs, maximise=side == "max", relaxed=relaxed)
        if solution is None:
            raise RuntimeError("the published cells contradict each other")
        table = solution[: self.layout.size]
        self.witnesses.offer(table)
        return table

    def alone(self, cell: int, side: str, *, relaxed: bool) -> np.ndarray:
        """A table taking `cell` as far as it goes on `side` (offered as a witness)."""
        solution = self.program.solve(cell_cost(self.layout, [cell]), maximise=side == "max", relaxed=relaxed)
        if solution is None:
            raise RuntimeError("the published cells contradict each other")
        self.witnesses.offer(solution)
        return solution

    def count(self, table: np.ndarray, cell: int) -> float:
        return count(self.layout, table, cell)

    def reachable(self, cells: list[int], side: str, target: int, *, exact: bool = True,
                  relaxed: bool = False) -> dict[int, int]:
        """For each of `cells`, the furthest count towards `target` the attacker cannot rule out (target
        itself when a witness reaches it or beyond). Without `exact`, a cell that falls short reports
        the linear relaxation's bound instead of its exact optimum. `relaxed` asks linear relaxations
        only: a quick estimate that proves nothing (lib.safety.protect's first round uses it to
        choose what to hide)."""
        maximise = side == "max"
        found: dict[int, int] = {}
        proven = lambda cell: self.witnesses.reached(self.position[cell], side, target)  # noqa: E731
        settled = lambda cell: cell in found or proven(cell)  # noqa: E731
        pending = [cell for cell in cells if not settled(cell)]
        while relaxed and pending:   # relaxations push them all, again while they settle some
            table = self.saturate(pending, side, relaxed=True)
            found.update({cell: target for cell in pending if reaches(self.count(table, cell), target, maximise)})
            left = [cell for cell in pending if not settled(cell)]
            if len(pending) - len(left) <= max(1, len(pending) // 20):
                break
            pending = left
        while pending and not relaxed:   # in whole numbers, as many together as one solve brings to the target
            self.saturate(pending, side, relaxed=False)
            left = [cell for cell in pending if not proven(cell)]
            if len(left) == len(pending):
                break
            pending = left
        whole, short = [], []
        for cell in pending:  # alone, relaxed: rules out quickly (and may show a whole table)
            if settled(cell):
                continue
            table = self.alone(cell, side, relaxed=True)
            if settled(cell):
                continue
            bound = self.count(table, cell)
            bound = int(np.floor(bound + 1e-6)) if maximise else int(np.ceil(bound - 1e-6))
            if reaches(bound, target, maximise):
                if relaxed:
                    found[cell] = target
                else:
                    whole.append(cell)
            elif relaxed or not exact:
                found[cell] = bound
            else:
                short.append(cell)
        for cell in [*whole, *short]:   # alone in whole numbers: the exact optimum
            if proven(cell):
                continue
            value = int(round(self.count(self.alone(cell, side, relaxed=False), cell)))
            if reaches(value, target, maximise) and not proven(cell):
                raise RuntimeError("HiGHS returned a table that breaks the attacker's program")
            if not proven(cell):
                found[cell] = value
        return {cell: found[cell] if cell in found else target for cell in cells}


def reaches(value: float, target: int, maximise: bool) -> bool:
    return value >= target - 1e-6 if maximise else value <= target + 1e-6


def sensitive_cells(values: np.ndarray, threshold: int) -> list[int]:
    return [int(index) for index in np.flatnonzero((values > 0) & (values < threshold))]


def audit(layout: Space, states: tuple[CellState, ...], values: np.ndarray, threshold: int, *,
          exact: bool = True, relaxed: bool = False, witness: np.ndarray | None = None,
          witnesses: Sequence[np.ndarray] = ()) -> Audit:
    """Minimise and maximise every cell whose true count is small (shown as "<5" or hidden as "–")
    under everything published (`values` are the true cell counts; only those of shown cells enter
    the program). `witness`, a table of the attacker's variables (the true one), is offered first:
    checked like any other, it settles each small cell at its own count for free (a true 4 reaches
    the top, a true 1 the bottom). `witnesses`: more tables to offer first (those of an audit of the
    same cells with more of them shown: each still satisfies everything published here)."""
    started = time.perf_counter()
    small = sensitive_cells(values, threshold)
    upper = np.full(layout.size, box(layout, values, threshold))
    attacker = Attacker(layout, attacker_rows(layout, states, values, threshold), upper, small, threshold)
    for table in (*([] if witness is None else [witness]), *witnesses):
        attacker.witnesses.offer(table)
    high = attacker.reachable(small, "max", threshold - 1, exact=exact, relaxed=relaxed)
    low = attacker.reachable(small, "min", 1, exact=exact, relaxed=relaxed)
    bounds = tuple(Bounds(layout.cells[cell], low[cell], high[cell]) for cell in small)
    failures = tuple(b for b in bounds if b.low > 1 or b.high < threshold - 1)
    return Audit(threshold, bounds, time.perf_counter() - started, failures, tuple(attacker.witnesses.tables))
