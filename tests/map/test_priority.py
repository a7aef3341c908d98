"""Priority index: normalising, the three terms, counts that are not published, the ranking (hand-computed)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.charts.palette import HIDDEN_COLOUR, NO_DATA_COLOUR
from lib.map.classify import Method
from lib.map.priority import (CoverageDefinition, HazardAggregate, Weights, case_cell_text, coverage_share, hazard_term,
                              min_max, priority_fill, priority_table, rank_within)
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


def test_weights_are_rescaled_to_one() -> None:
    assert Weights(2, 1, 1).normalised() == Weights(0.5, 0.25, 0.25)
    with pytest.raises(ValueError):
        Weights(0, 0, 0).normalised()


def test_priority_table_hand_computed() -> None:
    frame = pd.DataFrame({"village_code": ["a", "b", "c", "d"],
                          "hazard": [0.2, 0.6, 1.0, np.nan],
                          "violence": [10.0, 0.0, 5.0, 5.0],
                          "violence_hidden": False,
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
                          "violence_hidden": False, "coverage": [0.0, 0.0]})
    assert priority_table(frame, Weights(1, 1, 1))["village_code"].tolist() == ["a", "b"]


def test_rank_within_an_area_restarts_at_one() -> None:
    table = pd.DataFrame({"village_code": ["x", "y", "z"], "priority": [0.9, 0.5, 0.1], "rank": [1, 2, 3]})
    inside = rank_within(table, pd.Series(["z", "y"]))
    assert inside["village_code"].tolist() == ["y", "z"] and inside["rank"].tolist() == [1, 2]




# a: V not published; b: V = 0 (the lowest); c: V = 20 (the highest); d and f in between.
# H and G are made equal per village to keep the arithmetic readable.
RANKING = pd.DataFrame({"village_code": ["a", "b", "c", "d", "f"],
                        "hazard": [0.6, 0.0, 1.0, 0.5, 0.7],
                        "violence": [np.nan, 0.0, 20.0, 10.0, 14.0],
                        "violence_hidden": [True, False, False, False, False],
                        "coverage": [0.4, 1.0, 0.0, 0.5, 0.3]})


def test_a_count_not_published_is_left_out_and_the_other_terms_reweighted() -> None:
    table = priority_table(RANKING, Weights(1, 1, 1)).set_index("village_code")
    # a: H .6, G .6, no V -> (1/3 * .6 + 1/3 * .6) / (2/3) = .6
    # scored as 0 it would be (.6 + .6 + 0) / 3 = .4; scored as the highest, (.6 + .6 + 1) / 3 = .733
    assert table.loc["a", "priority"] == pytest.approx(0.6)
    assert pd.isna(table.loc["a", "violence_norm"]) and bool(table.loc["a", "violence_hidden"])
    assert table.loc["f", "priority"] == pytest.approx(0.7) and table.loc["d", "priority"] == pytest.approx(0.5)


def test_the_ranking_treats_a_hidden_count_neither_as_zero_nor_as_the_highest() -> None:
    order = priority_table(RANKING, Weights(1, 1, 1))["village_code"].tolist()
    as_zero = priority_table(RANKING.assign(violence=RANKING["violence"].fillna(0.0), violence_hidden=False),
                             Weights(1, 1, 1))["village_code"].tolist()
    as_highest = priority_table(RANKING.assign(violence=RANKING["violence"].fillna(20.0), violence_hidden=False),
                                Weights(1, 1, 1))["village_code"].tolist()
    assert order == ["c", "f", "a", "d", "b"]
    assert as_zero == ["c", "f", "d", "a", "b"] and as_highest == ["c", "a", "f", "d", "b"]     # both differ


@pytest.mark.parametrize("hidden_value", [np.nan, 1.0, 3.0, 999.0])
def test_whatever_a_hidden_row_holds_the_scores_are_the_same(hidden_value: float) -> None:
    """A hidden count never reaches a score: not its own, nor the others' normalisation."""
    table = priority_table(RANKING.assign(violence=RANKING["violence"].fillna(hidden_value)), Weights(1, 2, 1))
    expected = priority_table(RANKING, Weights(1, 2, 1))
    pd.testing.assert_frame_equal(table.drop(columns="violence"), expected.drop(columns="violence"))


def test_with_only_violence_weighted_a_hidden_count_gives_no_index() -> None:
    table = priority_table(RANKING, Weights(0, 1, 0))
    assert table["village_code"].iloc[-1] == "a" and pd.isna(table["priority"].iloc[-1])
    assert pd.isna(table["rank"].iloc[-1]) and table["rank"].iloc[:-1].tolist() == [1, 2, 3, 4]
    # the published counts alone: c 1, f .7, d .5, b 0
    assert table["priority"].iloc[:-1].tolist() == pytest.approx([1.0, 0.7, 0.5, 0.0])


def test_priority_map_shows_a_village_without_index_for_a_hidden_count_as_not_published() -> None:
    ranked = rank_within(priority_table(RANKING, Weights(0, 1, 0)), RANKING["village_code"])
    missing = ranked.iloc[[0]].assign(village_code="z", priority=np.nan, violence_hidden=False, rank=pd.NA)
    colours, legend = priority_fill(pd.concat([ranked, missing]), ["a", "b", "c", "d", "f", "z"],
                                    method=Method.QUANTILE, lang="en")
    assert colours["a"] == HIDDEN_COLOUR and colours["z"] == NO_DATA_COLOUR
    labels = [entry.label for entry in legend.entries]
    assert "Not published (<5 or hidden to protect survivors) (1)" in labels and "No data (1)" in labels


@pytest.mark.parametrize("value, state, lang, expected", [
    (12.0, S, "en", "12"),
    (0.0, Z, "en", "0"),
    (None, SMALL, "en", "<5, not published"),
    (None, SMALL, "id", "<5, tidak dipublikasikan"),
    (None, HIDE, "en", "not published"),
    (None, HIDE, "id", "tidak dipublikasikan"),
    (None, ND, "en", "No data"),
    (3.0, SMALL, "en", "<5, not published"),        # a value beside a hidden state is never written
])
def test_case_cell_text(value, state, lang: str, expected: str) -> None:
    assert case_cell_text(value, state, lang=lang) == expected


def test_an_unranked_village_reads_a_dash_not_a_missing_value() -> None:
    from lib.map.priority import display_frame
    from lib.texts.i18n import t

    rank = t("prog_col_rank", "en")
    export = pd.DataFrame({rank: pd.array([1, 2, pd.NA], dtype="Int64"), "Village": ["A", "B", "C"]})
    assert display_frame(export, lang="en")[rank].tolist() == [1, 2, "–"]
    ranked = pd.DataFrame({rank: pd.array([1, 2], dtype="Int64")})
    assert display_frame(ranked, lang="en")[rank].tolist() == [1, 2]        # all ranked: kept as numbers
