"""A thin wrapper over HiGHS for the whole-number programs of the audit and the protection."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import os

import highspy
import numpy as np

INFINITY = highspy.kHighsInf


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


class IntegerProgram:
    """Whole-number columns (bounded below by 0), linear rows; objectives changed between solves."""

    def __init__(self, columns: int, rows: Sequence[Row], *, upper: np.ndarray | None = None,
                 binary: np.ndarray | None = None, time_limit: float = 60.0) -> None:
        self.columns = columns
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("time_limit", time_limit)
        self.highs.setOptionValue("mip_rel_gap", 0.0)
        self.highs.setOptionValue("mip_abs_gap", 0.5)     # objectives are whole numbers
        self.highs.setOptionValue("threads", 1)
        lp = highspy.HighsLp()
        lp.num_col_ = columns
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(columns)
        lp.col_lower_ = np.zeros(columns)
        upper_bounds = np.full(columns, INFINITY) if upper is None else np.where(np.isinf(upper), INFINITY, upper)
        if binary is not None:
            upper_bounds = np.where(binary, 1.0, upper_bounds)
        lp.col_upper_ = upper_bounds.astype(float)
        lp.row_lower_ = np.array([_bound(row.lower) for row in rows], dtype=float)
        lp.row_upper_ = np.array([_bound(row.upper) for row in rows], dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.cumsum([0, *(len(row.variables) for row in rows)]).astype(np.int32)
        lp.a_matrix_.index_ = (np.concatenate([row.variables for row in rows]) if rows else np.array([])).astype(np.int32)
        lp.a_matrix_.value_ = (np.concatenate([row.coefficients for row in rows]) if rows else np.array([])).astype(float)
        lp.integrality_ = [highspy.HighsVarType.kInteger] * columns
        self.highs.passModel(lp)

        self._integral = True

    def set_rows(self, rows: Sequence[int], lower: float, upper: float) -> None:
        """New bounds for rows `rows`. The next solve starts from the last basis: far faster than a new
        program when only a few bounds change (a cell hidden, another target)."""
        if len(rows):
            indices = np.asarray(rows, dtype=np.int32)
            self.highs.changeRowsBounds(len(indices), indices, np.full(len(indices), _bound(lower)),
                                        np.full(len(indices), _bound(upper)))

    def free_rows(self, rows: Sequence[int]) -> None:
        """Drop what rows `rows` require (their bounds become infinite)."""
        self.set_rows(rows, -np.inf, np.inf)

    def set_columns(self, columns: Sequence[int], lower: float, upper: float) -> None:
        if len(columns):
            indices = np.asarray(columns, dtype=np.int32)
            self.highs.changeColsBounds(len(indices), indices, np.full(len(indices), _bound(lower)),
                                        np.full(len(indices), _bound(upper)))

    def solve(self, costs: np.ndarray, *, maximise: bool, relaxed: bool = False) -> np.ndarray | None:
        """An optimal solution for `costs` (whole numbers, or any numbers when `relaxed`: the linear
        relaxation, whose optimum bounds the whole-number one), or None when there is none."""
        if relaxed == self._integral:
            kind = highspy.HighsVarType.kContinuous if relaxed else highspy.HighsVarType.kInteger
            self.highs.changeColsIntegrality(self.columns, np.arange(self.columns, dtype=np.int32),
                                             np.array([kind] * self.columns))
            self._integral = not relaxed
        self.highs.changeColsCost(self.columns, np.arange(self.columns, dtype=np.int32), costs.astype(float))
        self.highs.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kInfeasible):
            # A warm start (a basis kept from earlier solves, bounds changed since) can leave HiGHS
            # undecided; from a clean start it decides.
            self.highs.clearSolver()
            self.highs.run()
            status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            solution = np.asarray(self.highs.getSolution().col_value)
            return solution if relaxed else np.round(solution).astype(np.int64)
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        raise RuntimeError(f"HiGHS stopped without an optimum: {self.highs.modelStatusToString(status)}")


def _bound(value: float) -> float:
    return INFINITY if value == np.inf else -INFINITY if value == -np.inf else float(value)
