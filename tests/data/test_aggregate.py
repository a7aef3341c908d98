"""Aggregation by period and category."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.data.aggregate import (PERIOD_FREQ, Granularity, period_label,
                           period_range)


@pytest.mark.parametrize("granularity, expected", [
    (Granularity.MONTH, ["2024-12", "2025-02"]), (Granularity.QUARTER, ["2024-Q4", "2025-Q1"]),
    (Granularity.YEAR, ["2024", "2025"]),
])
def test_period_label(granularity: Granularity, expected: list[str]) -> None:
    dates = pd.Series(pd.to_datetime(["2024-12-31", "2025-02-06"]))
    assert period_label(dates, granularity).tolist() == expected


def test_period_range_fills_empty_periods() -> None:
    assert period_range(pd.Timestamp("2024-11-15"), pd.Timestamp("2025-02-01"), Granularity.MONTH) == [
        "2024-11", "2024-12", "2025-01", "2025-02"]
    assert period_range(pd.Timestamp("2024-11-15"), pd.Timestamp("2025-02-01"), Granularity.QUARTER) == [
        "2024-Q4", "2025-Q1"]
    assert period_range(pd.NaT, pd.Timestamp("2025-02-01"), Granularity.YEAR) == []


@pytest.mark.parametrize("seed", range(5))
def test_remembered_period_ranges_equal_fresh_ones(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for offsets in rng.integers(0, 2000, size=(30, 2)):
        start, end = (pd.Timestamp("2021-01-01") + pd.Timedelta(days=int(offset)) for offset in offsets)
        for granularity in Granularity:
            fresh = period_label(pd.Series(pd.period_range(start, end, freq=PERIOD_FREQ[granularity])
                                           .to_timestamp()), granularity).tolist() if start <= end else []
            first = period_range(start, end, granularity)
            assert first == fresh
            first.append("changed")          # each caller gets its own list
            assert period_range(start, end, granularity) == fresh
            # The same instant at another resolution, or as a datetime, gives the same labels.
            assert period_range(start.as_unit("s"), end.to_pydatetime(), granularity) == fresh
