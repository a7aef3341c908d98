"""lib.charts.suppressed: hidden cells carry no number, and the value axis never suggests one."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.charts.suppressed import build_safe_bar_chart
from lib.safety.suppress import CellState


def chart(values: list[float | None], states: list[CellState], *, horizontal: bool = False) -> dict:
    return build_safe_bar_chart(pd.Series(values, dtype=float), pd.Series(states, dtype=object),
                                categories=[f"c{i}" for i in range(len(values))], lang="en", title="T", source="S",
                                hidden_text="–", hidden_hover="hidden", colours="#333333", horizontal=horizontal,
                                value_axis="Cases").to_dict()


@pytest.mark.parametrize("horizontal", [False, True])
def test_with_nothing_above_zero_the_axis_shows_no_numbers(horizontal: bool) -> None:
    figure = chart([None, 0.0, None], [CellState.SMALL, CellState.ZERO, CellState.COMPLEMENT], horizontal=horizontal)
    axis = figure["layout"]["xaxis" if horizontal else "yaxis"]
    assert axis["range"][0] == 0 and axis["range"][1] > 0 and axis["showticklabels"] is False
    bars = figure["data"][0]["x" if horizontal else "y"]
    assert [v for v in bars if v] == []                          # no count in the bars either


def test_shown_counts_get_an_axis_of_whole_numbers_with_room_for_labels() -> None:
    axis = chart([None, 5.0, 0.0], [CellState.SMALL, CellState.SHOWN, CellState.ZERO])["layout"]["yaxis"]
    assert axis["showticklabels"] is True and axis["range"][1] > 5 and axis["dtick"] == 1
    axis = chart([40.0, 12.0], [CellState.SHOWN, CellState.SHOWN])["layout"]["yaxis"]
    assert axis["range"][1] > 40 and "dtick" not in axis
