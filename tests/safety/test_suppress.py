"""Suppression: primary (1-4 hidden) and complementary (no subtraction reveals a hidden cell)."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.safety.suppress import (CellState, SafeTable, _complement_line, _state_grid, label, safe_total,
                                 suppress_series, suppress_table)

S, Z, SM, C, N = CellState.SHOWN, CellState.ZERO, CellState.SMALL, CellState.COMPLEMENT, CellState.NO_DATA


@pytest.mark.parametrize("counts, expected", [
    ([10, 20, 30], [S, S, S]),                  # nothing small
    ([0, 0, 12], [Z, Z, S]),                    # zeros are safe and stay visible
    ([3, 20, 30], [SM, C, S]),                  # one small -> smallest positive other cell hidden too
    ([3, 2, 30], [SM, SM, S]),                  # two small already protect each other
    ([3, 0, 30], [SM, Z, C]),                   # the complement is positive, not the zero
    ([3, 0, 0], [SM, Z, Z]),                    # the total 3 is hidden itself: nothing to subtract from
    ([5, 6, 7], [S, S, S]),                     # 5 is shown (threshold 5)
    ([4], [SM]),
    ([np.nan, 8, 9], [N, S, S]),
])
def test_suppress_series(counts: list[float], expected: list[CellState]) -> None:
    table = suppress_series(pd.Series(counts, dtype=float), threshold=5)
    assert table.states.iloc[:, 0].tolist() == expected
    shown = table.values.iloc[:, 0]
    for count, state, value in zip(counts, expected, shown):
        assert (pd.isna(value)) == (state in (SM, C, N))
        if state in (S, Z):
            assert value == count


def test_total_of_one_dimension_not_known_means_no_complement() -> None:
    table = suppress_series(pd.Series([3.0, 20.0]), threshold=5, total_known=False)
    assert table.states.iloc[:, 0].tolist() == [SM, S]


def test_table_complements_rows_and_columns() -> None:
    counts = pd.DataFrame([[3, 10, 12], [8, 9, 20], [11, 7, 6]], columns=list("abc"), dtype=float)
    table = suppress_table(counts, threshold=5)
    hidden = table.hidden().to_numpy()
    assert hidden[0, 0]
    assert all(row.sum() != 1 for row in hidden)
    assert all(col.sum() != 1 for col in hidden.T)


def test_threshold_never_below_five(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENEXUS_MIN_COUNT", "2")
    table = suppress_series(pd.Series([3.0, 40.0, 50.0]))
    assert table.states.iloc[0, 0] == SM
    monkeypatch.setenv("WENEXUS_MIN_COUNT", "10")
    assert suppress_series(pd.Series([7.0, 40.0, 50.0])).states.iloc[0, 0] == SM


@pytest.mark.parametrize("total, value, state", [(0, 0.0, Z), (3, None, SM), (5, 5.0, S), (57, 57.0, S)])
def test_safe_total(total: int, value: float | None, state: CellState) -> None:
    assert safe_total(total, threshold=5) == (value, state)


@pytest.mark.parametrize("value, state, text", [(None, SM, "<5"), (None, C, "–"), (0.0, Z, "0"), (1234.0, S, "1,234"),
                                                (None, N, "")])
def test_label(value: float | None, state: CellState, text: str) -> None:
    assert label(value, state, threshold=5) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 12), min_size=1, max_size=6), min_size=1, max_size=6)
       .filter(lambda rows: len({len(r) for r in rows}) == 1))
def test_no_line_ever_holds_exactly_one_hidden_cell_unless_it_cannot_be_helped(rows: list[list[int]]) -> None:
    counts = pd.DataFrame(rows, dtype=float)
    table = suppress_table(counts, threshold=5)
    values, hidden = counts.to_numpy(), table.hidden().to_numpy()
    # Every small count is hidden, every shown value is the true count.
    assert hidden[(values > 0) & (values < 5)].all()
    shown = table.values.to_numpy()
    assert np.array_equal(shown[~hidden], values[~hidden])
    # A line with exactly one hidden cell is allowed only when its total is hidden too (1-4).
    for line_values, line_hidden in itertools.chain(zip(values, hidden), zip(values.T, hidden.T)):
        if line_hidden.sum() == 1 and len(line_values) > 1:
            assert 0 < line_values.sum() < 5, (rows, hidden)


# The array fast paths give exactly the frames of the original pandas implementation ----------------
def reference_suppress_table(counts: pd.DataFrame, *, threshold: int, rows_total_known: bool = True,
                             columns_total_known: bool = True, also_hide: pd.DataFrame | None = None) -> SafeTable:
    """suppress_table as first written (frames, reindex_like, where): the reference for the fast paths."""
    values = counts.astype(float)
    grid = values.to_numpy()
    hidden = (grid > 0) & (grid < threshold)
    if also_hide is not None:
        hidden |= also_hide.reindex_like(counts).fillna(False).to_numpy(dtype=bool)
    lines = []
    if rows_total_known and grid.shape[1] > 1:
        lines += [np.s_[i, :] for i in range(grid.shape[0])]
    if columns_total_known and grid.shape[0] > 1:
        lines += [np.s_[:, j] for j in range(grid.shape[1])]
    changed = True
    while changed:
        changed = False
        for line in lines:
            pick = _complement_line(grid[line], hidden[line], threshold=threshold)
            if pick is not None:
                hidden[line][pick] = True
                changed = True
    states = pd.DataFrame(_state_grid(grid, hidden, threshold=threshold), index=counts.index,
                          columns=counts.columns, dtype=object)
    return SafeTable(values.where(~pd.DataFrame(hidden, index=counts.index, columns=counts.columns)), states)


def reference_hidden_share(table: SafeTable) -> float:
    nonzero = table.states.map(lambda state: state not in (CellState.ZERO, CellState.NO_DATA)).astype(bool)
    return float(table.hidden().to_numpy()[nonzero.to_numpy()].mean()) if nonzero.to_numpy().any() else 0.0


def assert_same_table(fast: SafeTable, slow: SafeTable) -> None:
    pd.testing.assert_frame_equal(fast.values, slow.values)
    pd.testing.assert_frame_equal(fast.states, slow.states)
    assert fast.hidden_share == reference_hidden_share(slow)


@pytest.mark.parametrize("seed", range(40))
def test_fast_suppression_gives_the_reference_frames(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, columns, threshold = int(rng.integers(1, 7)), int(rng.integers(1, 5)), int(rng.choice([3, 5, 11]))
    grid = rng.choice([0.0, 1.0, 2.0, 4.0, 5.0, 9.0, 30.0, np.nan], size=(rows, columns))
    labels = [f"k{i}" for i in range(rows)]
    counts = pd.DataFrame(grid, index=labels, columns=[f"c{j}" for j in range(columns)])
    hide = rng.random((rows, columns)) < 0.3
    aligned = pd.DataFrame(hide, index=counts.index, columns=counts.columns)
    # Misaligned, partial, with missing values: the reindexing path.
    messy = aligned.astype(object).mask(rng.random((rows, columns)) < 0.3).iloc[::-1].iloc[:max(1, rows - 1)]
    for known in ((True, True), (True, False), (False, True)):
        for extra in (None, aligned, messy):
            kwargs = dict(threshold=threshold, rows_total_known=known[0], columns_total_known=known[1],
                          also_hide=extra)
            assert_same_table(suppress_table(counts, **kwargs), reference_suppress_table(counts, **kwargs))
    series, flags = counts.iloc[:, 0], pd.Series(hide[:, 0], index=labels)
    for name in (None, "value"):
        for extra in (None, flags, flags.iloc[::-1], flags.astype(object).mask(rng.random(rows) < 0.4)):
            slow = reference_suppress_table(series.rename(name).to_frame(name=name or "count"), threshold=threshold,
                                            rows_total_known=False, also_hide=None if extra is None else
                                            extra.rename(name or "count").to_frame())
            assert_same_table(suppress_series(series.rename(name), threshold=threshold, also_hide=extra), slow)
