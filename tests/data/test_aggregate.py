"""Aggregation by period and category."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.data.aggregate import (PERIOD_FREQ, Granularity, count_by, crosstab, explode_codes, period_label,
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


def test_a_case_with_several_forms_counts_once_per_form() -> None:
    cases = pd.DataFrame({"case_id": ["a", "b", "c"], "violence_forms": ["fisik;psikis", "seksual", "psikis"]})
    counts = count_by(explode_codes(cases, "violence_forms"), "violence_forms",
                      categories=["fisik", "psikis", "seksual", "penelantaran"])
    assert counts.tolist() == [1, 2, 1, 0]


def test_crosstab_keeps_empty_rows_and_columns() -> None:
    frame = pd.DataFrame({"period": ["2025-01", "2025-01", "2025-03"], "sex": ["perempuan", "laki_laki", "perempuan"]})
    table = crosstab(frame, "period", "sex", row_values=["2025-01", "2025-02", "2025-03"],
                     column_values=["perempuan", "laki_laki"])
    assert table.to_numpy().tolist() == [[1, 1], [0, 0], [1, 0]]


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
