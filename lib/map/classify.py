"""Classification of map values into colour classes: equal interval, quantile, natural breaks
(Jenks), and the 3x3 classes of a bivariate map. Pure functions; no streamlit, no colours.

Classes are right-closed, the first one closed on both sides: with edges (e0, e1, ..., ek), class 1
holds e0 <= v <= e1 and class i holds e(i-1) < v <= ei. Missing values get no class (<NA>), so
that "no data" never reads as the lowest class. With fewer distinct values than classes asked
for, there are fewer classes (one per distinct value), never empty ones.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import numpy as np
import pandas as pd


class Method(str, Enum):
    EQUAL_INTERVAL = "equal_interval"
    QUANTILE = "quantile"
    NATURAL_BREAKS = "natural_breaks"


BIVARIATE_CLASSES = 3


@dataclass(frozen=True)
class Classification:
    """Edges (ascending, k+1 of them for k classes) and the class (1..k) of every value."""

    method: Method
    edges: tuple[float, ...]
    classes: pd.Series          # Int64, <NA> where the value is missing (or not classified)

    @property
    def count(self) -> int:
        return max(len(self.edges) - 1, 0)

    def ranges(self) -> list[tuple[float, float]]:
        """(low, high) of every class, for the legend."""
        return [(self.edges[i], self.edges[i + 1]) for i in range(self.count)]


def _present(values: pd.Series) -> np.ndarray:
    numbers = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    return np.sort(numbers[np.isfinite(numbers)])


def _distinct_edges(distinct: np.ndarray) -> tuple[float, ...]:
    """One class per distinct value: (d1, d1, d2, ..., dm)."""
    return (float(distinct[0]), *(float(d) for d in distinct))


def equal_interval_edges(values: np.ndarray, classes: int) -> tuple[float, ...]:
    """k classes of equal width between the smallest and the largest value."""
    return tuple(float(e) for e in np.linspace(values[0], values[-1], classes + 1))


def quantile_edges(values: np.ndarray, classes: int) -> tuple[float, ...]:
    """Edges at the 1/k, 2/k, ... quantiles (linear interpolation); tied edges merge classes."""
    edges = np.quantile(values, np.linspace(0.0, 1.0, classes + 1))
    return tuple(float(e) for e in np.unique(edges))


def jenks_edges(values: np.ndarray, classes: int) -> tuple[float, ...]:
    """Natural breaks (Jenks/Fisher): the k classes with the least sum of squared deviations from
    their class means, found exactly by dynamic programming (fine for a few hundred values)."""
    n = len(values)
    sums = np.concatenate(([0.0], np.cumsum(values)))
    squares = np.concatenate(([0.0], np.cumsum(values ** 2)))

    def cost(first: np.ndarray, last: int) -> np.ndarray:
        """Squared deviations of values[first..last] (inclusive) for every `first`."""
        count = last - first + 1
        total = sums[last + 1] - sums[first]
        return (squares[last + 1] - squares[first]) - total ** 2 / count

    best = np.full((classes + 1, n), np.inf)
    start = np.zeros((classes + 1, n), dtype=int)   # first index of the last class
    counts = np.arange(1, n + 1)
    best[1] = squares[1:] - sums[1:] ** 2 / counts     # one class: values[0..last]
    for k in range(2, classes + 1):
        for last in range(k - 1, n):
            firsts = np.arange(k - 1, last + 1)
            totals = best[k - 1, firsts - 1] + cost(firsts, last)
            pick = int(np.argmin(totals))
            best[k, last], start[k, last] = totals[pick], firsts[pick]
    uppers: list[float] = []
    last = n - 1
    for k in range(classes, 0, -1):
        uppers.append(float(values[last]))
        last = start[k, last] - 1
    return (float(values[0]), *sorted(uppers))


EDGE_FUNCTIONS: dict[Method, Callable[[np.ndarray, int], tuple[float, ...]]] = {
    Method.EQUAL_INTERVAL: equal_interval_edges,
    Method.QUANTILE: quantile_edges,
    Method.NATURAL_BREAKS: jenks_edges,
}


def class_edges(values: pd.Series, *, method: Method, classes: int) -> tuple[float, ...]:
    """Edges of at most `classes` classes of the present values (empty when there are none)."""
    if classes < 1:
        raise ValueError("classes must be at least 1")
    present = _present(values)
    if len(present) == 0:
        return ()
    distinct = np.unique(present)
    if len(distinct) <= classes:
        return _distinct_edges(distinct)
    return EDGE_FUNCTIONS[Method(method)](present, classes)


def assign_classes(values: pd.Series, edges: tuple[float, ...]) -> pd.Series:
    """Class 1..k of each value for right-closed `edges`; <NA> when missing or outside the edges."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    result = pd.Series(pd.NA, index=values.index, dtype="Int64")
    if len(edges) < 2:
        return result
    inner = np.asarray(edges[1:-1], dtype=float)
    positions = np.searchsorted(inner, numbers.to_numpy(), side="left") + 1
    inside = numbers.notna() & (numbers >= edges[0]) & (numbers <= edges[-1])
    result[inside.to_numpy()] = positions[inside.to_numpy()]
    return result


def classify(values: pd.Series, *, method: Method, classes: int) -> Classification:
    """Edges and classes of `values` in one step."""
    edges = class_edges(values, method=method, classes=classes)
    return Classification(Method(method), edges, assign_classes(values, edges))


def positive_classification(values: pd.Series, *, method: Method, classes: int) -> Classification:
    """Classes of the values above zero only: zero is a state of its own on the map (its own
    colour), distinct from the lowest class and from no data. Zeros and missing get <NA>."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    positive = numbers.where(numbers > 0)
    return classify(positive, method=method, classes=classes)


# Bivariate -----------------------------------------------------------------------------------------
def bivariate_axis(values: pd.Series, *, method: Method, zero_is_low: bool = False) -> pd.Series:
    """Class 1 (low), 2 or 3 (high) of one variable of a bivariate map; <NA> where missing.

    With `zero_is_low`, zero is class 1 and the values above zero split into classes 2 and 3 (a
    count where most villages have none, such as participants). With fewer classes than three, the
    classes spread to the ends: two classes become 1 and 3, one class is 1.
    """
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    if zero_is_low:
        upper = classify(numbers.where(numbers > 0), method=method, classes=BIVARIATE_CLASSES - 1)
        spread = _spread(upper.classes, upper.count, BIVARIATE_CLASSES - 1) + 1
        return spread.mask(numbers == 0, 1).astype("Int64")
    found = classify(numbers, method=method, classes=BIVARIATE_CLASSES)
    return _spread(found.classes, found.count, BIVARIATE_CLASSES)


def _spread(classes: pd.Series, found: int, wanted: int) -> pd.Series:
    """Map classes 1..found onto 1..wanted keeping both ends (2 of 3 -> 1, 3)."""
    if found <= 1 or found == wanted:
        return classes.astype("Int64")
    scale = {i: int(round(1 + (i - 1) * (wanted - 1) / (found - 1))) for i in range(1, found + 1)}
    return classes.map(scale, na_action="ignore").astype("Int64")


def bivariate_classes(x: pd.Series, y: pd.Series, *, method: Method = Method.QUANTILE, x_zero_is_low: bool = False,
                      y_zero_is_low: bool = False) -> pd.DataFrame:
    """The 3x3 class of each row: columns x_class and y_class (1..3), and `cell` ('x-y', e.g.
    '3-1' for high x and low y); <NA> / None where either value is missing."""
    x_class = bivariate_axis(x, method=method, zero_is_low=x_zero_is_low)
    y_class = bivariate_axis(y, method=method, zero_is_low=y_zero_is_low)
    cell = pd.Series([f"{a}-{b}" if pd.notna(a) and pd.notna(b) else None for a, b in zip(x_class, y_class)],
                     index=x.index, dtype="object")
    return pd.DataFrame({"x_class": x_class, "y_class": y_class, "cell": cell})
