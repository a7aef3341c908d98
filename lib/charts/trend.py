"""A straight trend line through the shown values of a series."""
from __future__ import annotations

import numpy as np
import pandas as pd


def linear_trend(values: pd.Series) -> pd.Series | None:
    """A least-squares line through the shown periods (needs at least 4 shown points)."""
    shown = values.dropna()
    if len(shown) < 4:
        return None
    positions = np.arange(len(values))
    known = positions[values.notna().to_numpy()]
    slope, intercept = np.polyfit(known, shown.to_numpy(dtype=float), 1)
    return pd.Series(intercept + slope * positions, index=values.index)
