"""Small-count suppression for case data, with complementary suppression.

A count from 1 to threshold-1 is never shown: it reads "<5". Where a total is shown (always
assumed: tiles and margins show them), a line of cells with exactly one hidden cell would let
a reader subtract; so a second cell of that line is hidden too (the smallest positive one).
Zero stays visible (it reveals no person) and is a state distinct from hidden and no data.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import pandas as pd

from lib.data.settings import min_shown_count


class CellState(Enum):
    SHOWN = "shown"          # a count >= threshold, shown as is
    ZERO = "zero"            # no cases: safe to show as 0
    SMALL = "small"          # 1..threshold-1: shown as "<5"
    COMPLEMENT = "complement"  # hidden so that a small count cannot be worked out from a total
    NO_DATA = "no_data"      # nothing reported for this cell


HIDDEN_STATES = frozenset({CellState.SMALL, CellState.COMPLEMENT})


@dataclass(frozen=True)
class SafeTable:
    """Counts that are safe to show: `values` is missing wherever `states` says hidden."""

    values: pd.DataFrame     # float, NaN where hidden or no data
    states: pd.DataFrame     # CellState per cell

    def hidden(self) -> pd.DataFrame:
        return self.states.map(lambda state: state in HIDDEN_STATES).astype(bool)

    @property
    def hidden_share(self) -> float:
        """Share of the non-zero cells that are hidden (0 when there are none)."""
        states = self.states.to_numpy().ravel()
        hidden = np.fromiter((state in HIDDEN_STATES for state in states), dtype=bool, count=len(states))
        nonzero = np.fromiter((state not in (CellState.ZERO, CellState.NO_DATA) for state in states), dtype=bool,
                              count=len(states))
        return float(hidden[nonzero].mean()) if nonzero.any() else 0.0


def _state_grid(grid: np.ndarray, hidden: np.ndarray, *, threshold: int) -> np.ndarray:
    """CellState per cell, as an object array (pandas would coerce the enum to text)."""
    states = np.full(grid.shape, CellState.SHOWN, dtype=object)
    states[grid == 0] = CellState.ZERO
    states[hidden] = CellState.COMPLEMENT
    states[(grid > 0) & (grid < threshold)] = CellState.SMALL
    states[np.isnan(grid)] = CellState.NO_DATA
    return states


def _complement_line(counts: np.ndarray, hidden: np.ndarray, *, threshold: int) -> int | None:
    """The cell to hide in a line whose public total would reveal its one hidden cell, else None.

    A line's total is public only when it is itself safe to show (0 or >= threshold); a line
    whose total is small is hidden as a whole wherever it is totalled.
    """
    total = np.nansum(counts)
    if hidden.sum() != 1 or 0 < total < threshold:
        return None
    candidates = np.where(~hidden & ~np.isnan(counts) & (counts > 0))[0]
    if len(candidates) == 0:
        # Only zeros left: hiding one keeps the reader from subtracting (the total is shown).
        candidates = np.where(~hidden & ~np.isnan(counts))[0]
    if len(candidates) == 0:
        return None
    return int(candidates[np.argmin(counts[candidates])])


def suppress_table(counts: pd.DataFrame, *, threshold: int | None = None, rows_total_known: bool = True,
                   columns_total_known: bool = True, also_hide: pd.DataFrame | None = None) -> SafeTable:
    """Primary and complementary suppression of a table of counts.

    Row totals (across columns) and column totals (down rows) are assumed public unless told
    otherwise, so no row or column may hold exactly one hidden cell. `also_hide` marks cells to
    hide for a reason outside this table (another view would reveal them); they are complemented
    like small ones.
    """
    values = counts.astype(float)
    extra = None if also_hide is None else _aligned_mask(also_hide, counts)
    return _suppress(values.to_numpy(), extra, index=values.index, columns=values.columns,
                     threshold=threshold or min_shown_count(), rows_total_known=rows_total_known,
                     columns_total_known=columns_total_known)


def _aligned_mask(also_hide: pd.DataFrame | pd.Series, like: pd.DataFrame | pd.Series) -> np.ndarray:
    """`also_hide` on the cells of `like` as booleans: cells it lacks or leaves missing are not hidden."""
    dtypes = also_hide.dtypes if isinstance(also_hide, pd.DataFrame) else [also_hide.dtype]
    if (all(dtype == bool for dtype in dtypes)
            and all(mine.equals(theirs) and theirs.is_unique for mine, theirs in zip(also_hide.axes, like.axes))):
        # Already aligned and without missing values (every caller in lib): the same answer, without
        # the reindexing that costs more than the suppression itself on a small breakdown.
        return also_hide.to_numpy(dtype=bool)
    return also_hide.reindex_like(like).fillna(False).to_numpy(dtype=bool)


def _suppress(grid: np.ndarray, also_hide: np.ndarray | None, *, index: pd.Index, columns: pd.Index, threshold: int,
              rows_total_known: bool, columns_total_known: bool) -> SafeTable:
    """suppress_table of the float counts `grid` (rows `index`, columns `columns`), with `also_hide`
    already a boolean grid of the same shape."""
    small = (grid > 0) & (grid < threshold)
    hidden = small.copy()
    if also_hide is not None:
        hidden |= also_hide
    lines: list[tuple] = []
    if rows_total_known and grid.shape[1] > 1:
        lines += [np.s_[i, :] for i in range(grid.shape[0])]
    if columns_total_known and grid.shape[0] > 1:
        lines += [np.s_[:, j] for j in range(grid.shape[1])]
    changed = True
    while changed:   # hiding a cell can leave another line with one hidden cell: repeat until stable
        changed = False
        for line in lines:
            pick = _complement_line(grid[line], hidden[line], threshold=threshold)
            if pick is not None:
                hidden[line][pick] = True   # a view: writes through to `hidden`
                changed = True
    states = pd.DataFrame(_state_grid(grid, hidden, threshold=threshold), index=index, columns=columns, dtype=object)
    # values.where(~hidden), built directly: NaN where hidden, the float counts elsewhere.
    shown = pd.DataFrame(np.where(hidden, np.nan, grid), index=index, columns=columns)
    return SafeTable(shown, states)


def suppress_series(counts: pd.Series, *, threshold: int | None = None, total_known: bool = True,
                    also_hide: pd.Series | None = None) -> SafeTable:
    """A breakdown in one dimension (its total is public): a one-column SafeTable."""
    name = counts.name if counts.name is not None else "count"
    values = counts.astype(float)
    extra = None if also_hide is None else _aligned_mask(also_hide, counts).reshape(-1, 1)
    # pd.Index([name]): the columns of values.to_frame(name=name), without building that frame.
    return _suppress(values.to_numpy().reshape(-1, 1), extra, index=values.index, columns=pd.Index([name]),
                     threshold=threshold or min_shown_count(), rows_total_known=False, columns_total_known=total_known)


def safe_total(total: float, *, threshold: int | None = None) -> tuple[float | None, CellState]:
    """A single total (a tile): its value if safe to show, else None, with its state."""
    table = suppress_table(pd.DataFrame({"n": [total]}), threshold=threshold,
                           rows_total_known=False, columns_total_known=False)
    state = table.states.iat[0, 0]
    value = table.values.iat[0, 0]
    return (None if pd.isna(value) else float(value)), state


def label(value: float | None, state: CellState, *, threshold: int | None = None,
          hidden_text: str = "–", formatter=lambda v: f"{v:,.0f}") -> str:
    """The text shown for a cell: the number, '0', '<5', or the hidden mark."""
    threshold = threshold or min_shown_count()
    if state == CellState.SMALL:
        return f"<{threshold}"
    if state == CellState.COMPLEMENT:
        return hidden_text
    if state == CellState.NO_DATA or value is None:
        return ""
    return formatter(value)
