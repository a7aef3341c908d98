"""Classification: hand-computed edges and classes, edge cases (empty, one value, all zero, missing)."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from lib.map.classify import (Method, assign_classes, bivariate_axis, bivariate_classes, class_edges, classify,
                          jenks_edges, positive_classification)

NA = pd.NA


@pytest.mark.parametrize("values, method, classes, edges", [
    # equal interval: (max - min) / k wide
    ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Method.EQUAL_INTERVAL, 5, (0, 2, 4, 6, 8, 10)),
    ([10, 20, 30, 40], Method.EQUAL_INTERVAL, 3, (10, 20, 30, 40)),
    # quantile (linear interpolation): 1..8 at 0, .25, .5, .75, 1
    ([1, 2, 3, 4, 5, 6, 7, 8], Method.QUANTILE, 4, (1, 2.75, 4.5, 6.25, 8)),
    # quantiles that tie merge classes: tertiles of [0,0,0,0,0,3,9,12] are 0, 0, 2, 12 -> 0, 2, 12
    ([0, 0, 0, 0, 0, 3, 9, 12], Method.QUANTILE, 3, (0, 2, 12)),
    # natural breaks: two obvious groups, then three
    ([1, 2, 3, 10, 11, 12], Method.NATURAL_BREAKS, 2, (1, 3, 12)),
    ([1, 2, 3, 10, 11, 12, 30, 31], Method.NATURAL_BREAKS, 3, (1, 3, 12, 31)),
    ([12, 1, 11, 2, 10, 3], Method.NATURAL_BREAKS, 2, (1, 3, 12)),        # order does not matter
    # fewer distinct values than classes: one class per value, for every method
    ([0, 5, 10, 5], Method.EQUAL_INTERVAL, 5, (0, 0, 5, 10)),
    ([0, 5, 10, 5], Method.QUANTILE, 5, (0, 0, 5, 10)),
    ([0, 5, 10, 5], Method.NATURAL_BREAKS, 5, (0, 0, 5, 10)),
    # one distinct value: one class
    ([7, 7, 7], Method.QUANTILE, 3, (7, 7)),
    ([0, 0, 0], Method.NATURAL_BREAKS, 4, (0, 0)),
    # missing values are left out
    ([None, 1, 2, 3, 10, 11, 12, np.nan], Method.NATURAL_BREAKS, 2, (1, 3, 12)),
    # nothing to classify
    ([], Method.QUANTILE, 3, ()),
    ([None, np.nan], Method.EQUAL_INTERVAL, 3, ()),
])
def test_class_edges(values, method, classes, edges) -> None:
    found = class_edges(pd.Series(values, dtype=float), method=method, classes=classes)
    assert found == pytest.approx(edges)


def _sse(groups: list[list[float]]) -> float:
    return sum(float(np.sum((np.array(g) - np.mean(g)) ** 2)) for g in groups)


@pytest.mark.parametrize("values, classes", [
    ([4, 5, 9, 10, 11, 19, 20, 21, 22, 40], 3),
    ([1, 1, 2, 2, 2, 9, 10, 10, 15], 3),
    ([0.1, 0.15, 0.4, 0.42, 0.43, 0.8, 0.95, 0.97], 4),
])
def test_natural_breaks_are_the_best_split(values: list[float], classes: int) -> None:
    """Checked against every possible split of the sorted values (brute force, small n)."""
    ordered = sorted(values)
    best = min(
        (_sse([ordered[a:b] for a, b in zip((0, *cuts), (*cuts, len(ordered)))]), cuts)
        for cuts in itertools.combinations(range(1, len(ordered)), classes - 1))
    cuts = best[1]
    expected = (ordered[0], *(ordered[c - 1] for c in cuts), ordered[-1])
    assert jenks_edges(np.array(ordered, dtype=float), classes) == pytest.approx(expected)


@pytest.mark.parametrize("values, edges, expected", [
    # right-closed classes, the first closed on both sides
    ([0, 2, 2.5, 4, 10, 11, -1], (0, 2, 4, 10), [1, 1, 2, 2, 3, NA, NA]),
    ([5, None, 5], (5, 5), [1, NA, 1]),
    ([1, 2], (), [NA, NA]),
])
def test_assign_classes(values, edges, expected) -> None:
    found = assign_classes(pd.Series(values, dtype=float), edges)
    assert found.tolist() == expected


def test_classify_keeps_the_index_and_marks_missing() -> None:
    values = pd.Series([1.0, None, 12.0, 2.0], index=["a", "b", "c", "d"])
    result = classify(values, method=Method.NATURAL_BREAKS, classes=2)
    assert result.count == 2
    assert result.classes.index.tolist() == ["a", "b", "c", "d"]
    assert result.classes.tolist() == [1, NA, 2, 1]
    assert result.ranges() == [(1.0, 2.0), (2.0, 12.0)]


@pytest.mark.parametrize("values, edges, classes", [
    ([0, 0, 0], (), [NA, NA, NA]),                         # all zero: no class, zero is its own state
    ([0, 4, 8, None], (4, 4, 8), [NA, 1, 2, NA]),          # zero and missing stay unclassified
])
def test_positive_classification_leaves_zero_out(values, edges, classes) -> None:
    result = positive_classification(pd.Series(values, dtype=float), method=Method.QUANTILE, classes=3)
    assert result.edges == pytest.approx(edges)
    assert result.classes.tolist() == classes


@pytest.mark.parametrize("values, zero_is_low, expected", [
    ([1, 2, 3, 4, 5, 6], False, [1, 1, 2, 2, 3, 3]),                 # tertiles
    ([0, 0, 0, 10, 20, 30, 40], True, [1, 1, 1, 2, 2, 3, 3]),         # zero low; positives split in two
    ([0, 0, 5], True, [1, 1, 2]),                                      # one positive value: class 2
    ([3, 3, 3], False, [1, 1, 1]),                                     # one distinct value
    ([1, 1, 9, 9], False, [1, 1, 3, 3]),                               # two classes spread to the ends
    ([1, None, 3], False, [1, NA, 3]),                                 # missing stays missing
])
def test_bivariate_axis(values, zero_is_low, expected) -> None:
    found = bivariate_axis(pd.Series(values, dtype=float), method=Method.QUANTILE, zero_is_low=zero_is_low)
    assert found.tolist() == expected


def test_bivariate_classes_name_the_cell_x_then_y() -> None:
    x = pd.Series([1, 2, 3, 4, 5, 6, None], dtype=float)
    y = pd.Series([0, 0, 0, 1, 5, 9, 2], dtype=float)
    found = bivariate_classes(x, y, y_zero_is_low=True)
    # x tertiles: 1 1 2 2 3 3 -; y: zero -> 1, positives 1 2 5 9 split at their median 3.5
    assert found["x_class"].tolist() == [1, 1, 2, 2, 3, 3, NA]
    assert found["y_class"].tolist() == [1, 1, 1, 2, 3, 3, 2]
    assert found["cell"].tolist() == ["1-1", "1-1", "2-1", "2-2", "3-3", "3-3", None]
