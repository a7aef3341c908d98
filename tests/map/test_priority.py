"""Priority index: normalising, the three terms, hidden counts, the ranking (hand-computed)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.map.priority import (CoverageDefinition, HazardAggregate, Weights, conservative_counts, coverage_share, hazard_term,
                          min_max, priority_table, rank_within)
from lib.safety.suppress import CellState

S, Z, SMALL, HIDE, ND = CellState.SHOWN, CellState.ZERO, CellState.SMALL, CellState.COMPLEMENT, CellState.NO_DATA


@pytest.mark.parametrize("values, expected", [
    ([0, 5, 10], [0.0, 0.5, 1.0]),
    ([2, 4, None, 6], [0.0, 0.5, None, 1.0]),
    ([3, 3, 3], [0.0, 0.0, 0.0]),          # no spread: nobody stands out
    ([7], [0.0]),
    ([None, None], [None, None]),
    ([], []),
])
def test_min_max(values, expected) -> None:
    found = min_max(pd.Series(values, dtype=float))
    assert [None if pd.isna(v) else pytest.approx(v) for v in found] == expected


LATEST = pd.DataFrame({
    "village_code": ["a", "a", "b", "b", "c"],
    "hazard": ["kekeringan", "banjir", "kekeringan", "banjir", "banjir"],
    "index": [0.8, 0.2, 0.4, 0.6, 0.9],
})


@pytest.mark.parametrize("aggregate, hazard, expected", [
    (HazardAggregate.SINGLE, "kekeringan", {"a": 0.8, "b": 0.4}),          # c has no drought value
    (HazardAggregate.MEAN, None, {"a": 0.5, "b": 0.5, "c": 0.9}),
    (HazardAggregate.MAX, None, {"a": 0.8, "b": 0.6, "c": 0.9}),
])
def test_hazard_term(aggregate, hazard, expected) -> None:
    found = hazard_term(LATEST, aggregate=aggregate, hazard=hazard)
    assert found.to_dict() == pytest.approx(expected)


@pytest.mark.parametrize("participants, activities, definition, expected", [
    ([0, 50, 200, None], [0, 1, 4, None], CoverageDefinition.RELATIVE, [0.0, 0.25, 1.0, 0.0]),
    ([0, 50, 200, None], [0, 1, 4, None], CoverageDefinition.REACHED, [0.0, 1.0, 1.0, 0.0]),
    ([0, 0], [0, 0], CoverageDefinition.RELATIVE, [0.0, 0.0]),                     # nobody reached yet
])
def test_coverage_share(participants, activities, definition, expected) -> None:
    found = coverage_share(pd.Series(participants, dtype=float), pd.Series(activities, dtype=float),
                           definition=definition)
    assert found.tolist() == pytest.approx(expected)


@pytest.mark.parametrize("values, states, total, expected", [
    # shown 20 and 10, zero, one '<5': the '<5' scores 4 (its highest value)
    ([20, 10, 0, None], [S, S, Z, SMALL], 33, [20, 10, 0, 4]),
    # two hidden to protect: total 60 - shown 30 - one '<5' at 4 = 26, shared: 13 each
    ([30, None, None, None], [S, SMALL, HIDE, HIDE], 60, [30, 4, 13, 13]),
    # a share below 4 is raised to 4 (a hidden-to-protect count is rarely below the threshold)
    ([30, None, None], [S, SMALL, HIDE], 36, [30, 4, 4]),
    # no published total: hidden-to-protect scores 4
    ([30, None, None], [S, HIDE, HIDE], None, [30, 4, 4]),
    # no data stays missing
    ([None, 12], [ND, S], 12, [None, 12]),
])
def test_conservative_counts_use_only_published_numbers(values, states, total, expected) -> None:
    found = conservative_counts(pd.Series(values, dtype=float), pd.Series(states, dtype=object), total=total,
                                threshold=5)
    assert [None if pd.isna(v) else pytest.approx(v) for v in found] == expected


def test_conservative_counts_do_not_depend_on_the_hidden_values() -> None:
    """The true hidden counts never reach the function (SafeTable leaves them NaN); whatever they were,
    the scores are the same."""
    states = pd.Series([S, SMALL, HIDE], dtype=object)
    one = conservative_counts(pd.Series([30, np.nan, np.nan]), states, total=50, threshold=5)
    assert one.tolist() == pytest.approx([30, 4, 16])


def test_weights_are_rescaled_to_one() -> None:
    assert Weights(2, 1, 1).normalised() == Weights(0.5, 0.25, 0.25)
    with pytest.raises(ValueError):
        Weights(0, 0, 0).normalised()


def test_priority_table_hand_computed() -> None:
    frame = pd.DataFrame({"village_code": ["a", "b", "c", "d"],
                          "hazard": [0.2, 0.6, 1.0, np.nan],
                          "violence": [10.0, 0.0, 5.0, 5.0],
                          "coverage": [1.0, 0.5, 0.0, 0.0]})
    table = priority_table(frame, Weights(0.5, 0.25, 0.25))
    # H = (0, .5, 1, -); V = (1, 0, .5, .5); G = (0, .5, 1, 1)
    # P(a) = .5*0 + .25*1 + .25*0 = .25; P(b) = .25 + 0 + .125 = .375; P(c) = .5 + .125 + .25 = .875
    # d has no hazard value and the hazard weight is not zero: no index, ranked last
    assert table["village_code"].tolist() == ["c", "b", "a", "d"]
    assert table["priority"].tolist()[:3] == pytest.approx([0.875, 0.375, 0.25])
    assert pd.isna(table["priority"].iloc[3]) and pd.isna(table["rank"].iloc[3])
    assert table["rank"].tolist()[:3] == [1, 2, 3]
    # without the hazard weight, d gets an index: V .5 and G 1 -> (.25*.5 + .25*1) / .5 = .75
    no_hazard = priority_table(frame, Weights(0, 0.25, 0.25)).set_index("village_code")
    assert no_hazard.loc["d", "priority"] == pytest.approx(0.75)


def test_priority_ties_are_broken_by_code() -> None:
    frame = pd.DataFrame({"village_code": ["b", "a"], "hazard": [0.5, 0.5], "violence": [1.0, 1.0],
                          "coverage": [0.0, 0.0]})
    assert priority_table(frame, Weights(1, 1, 1))["village_code"].tolist() == ["a", "b"]


def test_rank_within_an_area_restarts_at_one() -> None:
    table = pd.DataFrame({"village_code": ["x", "y", "z"], "priority": [0.9, 0.5, 0.1], "rank": [1, 2, 3]})
    inside = rank_within(table, pd.Series(["z", "y"]))
    assert inside["village_code"].tolist() == ["y", "z"] and inside["rank"].tolist() == [1, 2]


