"""The straight trend line drawn through shown values (hidden ones are skipped, not read as 0)."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.charts.trend import linear_trend


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
