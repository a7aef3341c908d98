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


# A bar's value label, as a share of the value axis: about 20 px of type on a 250 px plot.
LABEL_HEIGHT = 0.08


def label_positions(values: pd.Series, trend: pd.Series | None, *, axis_top: float) -> list[str]:
    """Where each bar's value label goes so that the trend line does not cross it: above the bar
    ('outside'), or inside the bar's end when the line passes just above the bar, through where the
    label would be (a bar too short to hold its label keeps it above)."""
    if trend is None:
        return ["outside"] * len(values)
    label = LABEL_HEIGHT * axis_top
    return ["inside" if pd.notna(value) and value >= 2 * label and value <= line <= value + 1.25 * label
            else "outside" for value, line in zip(values, trend)]
