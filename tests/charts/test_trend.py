"""The straight trend line drawn through shown values (hidden ones are skipped, not read as 0), and
bar labels it never crosses."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.charts.trend import label_positions, linear_trend


@pytest.mark.parametrize("values, expected", [
    ([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
    ([1.0, None, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]),
    ([1.0, None, 3.0], None),                        # too few shown points for a trend
])
def test_linear_trend(values: list, expected: list | None) -> None:
    trend = linear_trend(pd.Series(values, dtype=float))
    if expected is None:
        assert trend is None
    else:
        assert trend.round(6).tolist() == expected


# The violence slide's years: the line passes just above 45 and 60, through where their labels sat.
@pytest.mark.parametrize("values, trend, expected", [
    ([45, 51, 57, 60], [45.9, 50.8, 55.7, 60.6], ["inside", "outside", "outside", "inside"]),
    ([45, 51, 57, 60], None, ["outside"] * 4),
    ([10, 50], [10.5, 50.0], ["outside", "inside"]),        # 10 is too short to hold its label
    ([None, 50], [49.0, 70.0], ["outside", "outside"]),     # a hidden cell; a line far above the label
])
def test_labels_move_inside_the_bar_where_the_trend_would_cross_them(values, trend, expected) -> None:
    series = pd.Series(values, dtype=float)
    line = None if trend is None else pd.Series(trend, dtype=float)
    assert label_positions(series, line, axis_top=70.8) == expected
