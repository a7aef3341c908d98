"""Aggregation by period and by area; one row per case becomes counts, never the other way."""
from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from functools import lru_cache

import pandas as pd


class Granularity(Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


PERIOD_FREQ: dict[Granularity, str] = {Granularity.MONTH: "M", Granularity.QUARTER: "Q", Granularity.YEAR: "Y"}


def period_label(dates: pd.Series, granularity: Granularity) -> pd.Series:
    """'2025-02', '2025-Q1' or '2025' for each date."""
    periods = dates.dt.to_period(PERIOD_FREQ[granularity])
    if granularity == Granularity.QUARTER:
        return periods.map(lambda p: f"{p.year}-Q{p.quarter}" if pd.notna(p) else None)
    return periods.astype("string")


def period_range(start: pd.Timestamp, end: pd.Timestamp, granularity: Granularity) -> list[str]:
    """Every period label from `start` to `end`, so that months without cases count as zero."""
    if pd.isna(start) or pd.isna(end) or start > end:
        return []
    if isinstance(start, pd.Timestamp) and isinstance(end, pd.Timestamp) and start.tz is None and end.tz is None:
        # Naive timestamps that compare equal name the same instants, hence the same labels; a page
        # rerun asks for the same few ranges again and again.
        return list(_remembered_period_range(start, end, granularity))
    return _period_range(start, end, granularity)


def _period_range(start: pd.Timestamp, end: pd.Timestamp, granularity: Granularity) -> list[str]:
    dates = pd.Series(pd.period_range(start, end, freq=PERIOD_FREQ[granularity]).to_timestamp())
    return period_label(dates, granularity).tolist()


@lru_cache(maxsize=512)
def _remembered_period_range(start: pd.Timestamp, end: pd.Timestamp, granularity: Granularity) -> tuple[str, ...]:
    return tuple(_period_range(start, end, granularity))


def month_span(dates: Sequence[pd.Series], *, first: str | None = None) -> list[str]:
    """Every month from the earliest to the latest of the given dates ('YYYY-MM'), for the period filter."""
    present = [d.dropna() for d in dates if len(d.dropna())]
    if not present:
        return [first] if first else []
    start = min(d.min() for d in present)
    end = max(d.max() for d in present)
    return period_range(start, end, Granularity.MONTH)
