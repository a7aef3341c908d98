"""A thin wrapper over HiGHS for the whole-number programs of the audit and the protection."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import os

import highspy
import numpy as np

INFINITY = highspy.kHighsInf
# Simplex strategies of HiGHS. Primal suits a linear relaxation solved again after only its objective
# changed (the audit's): the last basis stays feasible and a few pivots reach the next optimum (dual
# simplex, HiGHS's default, takes ~9x longer there). Dual suits a first solve (primal from scratch is
# far slower on large programs), changed bounds, and whole-number solves.
DUAL_SIMPLEX, PRIMAL_SIMPLEX = 1, 4


def _without_banner() -> None:
    """HiGHS prints its banner on the process's stdout the first time a solver is made, before any
    option can turn it off; made once here, at import, with stdout pointed away."""
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


_without_banner()


@dataclass(frozen=True)
class Row:
    variables: np.ndarray
    coefficients: np.ndarray
    lower: float
    upper: float


@dataclass(frozen=True)
class Rows:
    """Linear rows in compressed form (row-wise, as HiGHS takes them): row r is
    sum(value[start[r]:start[r+1]] * x[index[start[r]:start[r+1]]]) between lower[r] and upper[r]."""

    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    lower: np.ndarray
    upper: np.ndarray

    @classmethod
    def of(cls, rows: Sequence[Row]) -> "Rows":
        lengths = np.fromiter((len(row.variables) for row in rows), dtype=np.int64, count=len(rows))
        return cls(np.r_[0, np.cumsum(lengths)].astype(np.int32),
                   (np.concatenate([row.variables for row in rows]) if rows else np.zeros(0)).astype(np.int32),
                   (np.concatenate([row.coefficients for row in rows]) if rows else np.zeros(0)).astype(float),
                   np.fromiter((row.lower for row in rows), dtype=float, count=len(rows)),
                   np.fromiter((row.upper for row in rows), dtype=float, count=len(rows)))

    def __len__(self) -> int:
        return len(self.lower)

    def activity(self, x: np.ndarray) -> np.ndarray:
        """Each row's sum at x."""
        owner = np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.start))
        return np.bincount(owner, weights=self.value * x[self.index], minlength=len(self))


class IntegerProgram:
    """Whole-number columns (bounded below by 0), linear rows; objectives changed between solves."""

    def __init__(self, columns: int, rows: Sequence[Row] | Rows, *, upper: np.ndarray | None = None,
                 binary: np.ndarray | None = None, time_limit: float = 60.0, primal: bool = True,
                 gap: float = 0.0, presolve_once: bool = False) -> None:
        """`primal`: relaxations by primal simplex (the objective changes between solves, not the bounds).
        `gap`: a whole-number solve may stop this far (relative) from the optimum: for programs whose
        solutions are wanted, not their optimum (the audit's witnesses). `presolve_once`: HiGHS
        presolves at the root only, not again at each restart of its search. Neither depends on time:
        the same program gives the same solution however busy the machine (a publication is made the same way by
        every process, so two readers never see two protections of the same data)."""
        self.columns = columns
        self.time_limit = time_limit
        self._relaxed_strategy = PRIMAL_SIMPLEX if primal else DUAL_SIMPLEX
        self.rows = rows if isinstance(rows, Rows) else Rows.of(rows)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("mip_rel_gap", gap)
        self.highs.setOptionValue("mip_root_presolve_only", presolve_once)
        self.highs.setOptionValue("mip_abs_gap", 0.5)     # objectives are whole numbers
        self.highs.setOptionValue("threads", 1)
        upper_bounds = np.full(columns, INFINITY) if upper is None else np.where(np.isinf(upper), INFINITY, upper)
        if binary is not None:
            upper_bounds = np.where(binary, 1.0, upper_bounds)
        self.upper = upper_bounds.astype(float)
        self.lower = np.zeros(columns)
        lp = highspy.HighsLp()
        lp.num_col_ = columns
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = np.zeros(columns)
        lp.col_lower_ = self.lower.copy()
        lp.col_upper_ = self.upper.copy()
        lp.row_lower_ = np.where(np.isneginf(self.rows.lower), -INFINITY, self.rows.lower)
        lp.row_upper_ = np.where(np.isposinf(self.rows.upper), INFINITY, self.rows.upper)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = self.rows.start
        lp.a_matrix_.index_ = self.rows.index
        lp.a_matrix_.value_ = self.rows.value
        lp.integrality_ = [highspy.HighsVarType.kInteger] * columns
        self.highs.passModel(lp)
        self._row_lower = self.rows.lower.copy()
        self._row_upper = self.rows.upper.copy()
        self._all = np.arange(columns, dtype=np.int32)
        self._integral = True
        self._warm = False           # a basis from a relaxation solved to optimality is kept

    def set_rows(self, rows: Sequence[int], lower: float, upper: float) -> None:
        """New bounds for rows `rows`. The next solve starts from the last basis: far faster than a new
        program when only a few bounds change (a cell hidden, another target)."""
        if len(rows):
            indices = np.asarray(rows, dtype=np.int32)
            self._row_lower[indices], self._row_upper[indices] = lower, upper
            self.highs.changeRowsBounds(len(indices), indices, np.full(len(indices), _bound(lower)),
                                        np.full(len(indices), _bound(upper)))

    def free_rows(self, rows: Sequence[int]) -> None:
        """Drop what rows `rows` require (their bounds become infinite)."""
        self.set_rows(rows, -np.inf, np.inf)

    def set_columns(self, columns: Sequence[int], lower: float, upper: float) -> None:
        if len(columns):
            indices = np.asarray(columns, dtype=np.int32)
            self.lower[indices], self.upper[indices] = lower, upper
            self.highs.changeColsBounds(len(indices), indices, np.full(len(indices), _bound(lower)),
                                        np.full(len(indices), _bound(upper)))

    def satisfies(self, x: np.ndarray) -> bool:
        """Whether x is a whole-number solution of every row and bound as they stand: checked
        in exact arithmetic (whole coefficients and values), whatever produced x."""
        if x.shape != (self.columns,) or not np.all(x == np.round(x)):
            return False
        if np.any(x < self.lower) or np.any(x > self.upper):
            return False
        activity = self.rows.activity(x.astype(float))
        return bool(np.all(activity >= self._row_lower) and np.all(activity <= self._row_upper))

    def solve(self, costs: np.ndarray, *, maximise: bool, relaxed: bool = False) -> np.ndarray | None:
        """An optimal solution for `costs` (whole numbers, or any numbers when `relaxed`: the linear
        relaxation, whose optimum bounds the whole-number one; within `gap` of it, see __init__), or
        None when there is none."""
        if relaxed == self._integral:
            kind = highspy.HighsVarType.kContinuous if relaxed else highspy.HighsVarType.kInteger
            self.highs.changeColsIntegrality(self.columns, self._all, np.full(self.columns, kind))
            self._integral = not relaxed
            self._warm = False
        self.highs.setOptionValue("simplex_strategy", self._relaxed_strategy if relaxed and self._warm
                                  else DUAL_SIMPLEX)
        self.highs.changeColsCost(self.columns, self._all, costs.astype(float))
        self.highs.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        self._run()
        status = self.highs.getModelStatus()
        if status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kInfeasible):
            # A warm start (a basis kept from earlier solves, bounds changed since) can leave HiGHS
            # undecided; from a clean start it decides.
            self.highs.clearSolver()
            self._run()
            status = self.highs.getModelStatus()
        self._warm = relaxed and status == highspy.HighsModelStatus.kOptimal
        if status == highspy.HighsModelStatus.kOptimal:
            solution = np.asarray(self.highs.getSolution().col_value)
            return solution if relaxed else np.round(solution).astype(np.int64)
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        raise RuntimeError(f"HiGHS stopped without an optimum: {self.highs.modelStatusToString(status)}")

    def _run(self) -> None:
        # HiGHS's time limit counts from the solver's creation, over every run: each solve gets its own.
        self.highs.setOptionValue("time_limit", self.highs.getRunTime() + self.time_limit)
        self.highs.run()


def _bound(value: float) -> float:
    return INFINITY if value == np.inf else -INFINITY if value == -np.inf else float(value)
