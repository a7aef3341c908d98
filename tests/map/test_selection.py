"""The map's selection as a state machine: a click on the map, a click that clears it, the selectbox,
the link's ?selected=, and a stale chart selection after the selectbox or the filters changed."""
from __future__ import annotations

import pytest

from lib.map.selection import (MapPick, SelectionState, after_map_run, after_selectbox, selected_in_view,
                               village_layer_id)

A, B, OUTSIDE = "53.01.06.2006", "53.01.08.2013", "53.01.04.2003"
CODES = (A, B)
L0, L1 = village_layer_id(CODES, 0), village_layer_id(CODES, 1)   # before and after one selectbox choice
NARROWER = village_layer_id((A,), 0)                                # the layer once the filters leave B out


def clicked(layer_id: str, code: str) -> dict:
    """The chart's selection after a click on village `code` of layer `layer_id`."""
    return {"indices": {layer_id: [0]}, "objects": {layer_id: [{"properties": {"village_code": code}}]}}


NOTHING = {"indices": {}, "objects": {}}   # a click on empty ground, or on the picked village again
EVENT = {"indices": {"events": [0]}, "objects": {"events": [{"tip": "Seroja"}]}}


@pytest.mark.parametrize("state, chart, layer_id, selected, write", [
    # first visit: no chart yet, no link
    (SelectionState(), None, L0, None, False),
    # a deep link (?selected=) is kept while nothing is clicked
    (SelectionState(selected=A), None, L0, A, False),
    (SelectionState(selected=OUTSIDE), None, L0, OUTSIDE, False),   # outside the filters: kept in the link
    # a click on the map selects the village, replacing a linked one
    (SelectionState(), clicked(L0, A), L0, A, True),
    (SelectionState(selected=B), clicked(L0, A), L0, A, True),
    # a click on the village already linked is still a pick (the URL is written again)
    (SelectionState(selected=A), clicked(L0, A), L0, A, True),
    # the next run sees the same pick in the chart's state: nothing new
    (SelectionState(selected=A, last_pick=MapPick(L0, A)), clicked(L0, A), L0, A, False),
    # another village clicked
    (SelectionState(selected=A, last_pick=MapPick(L0, A)), clicked(L0, B), L0, B, True),
    # a click on the picked village again (or on empty ground) deselects it
    (SelectionState(selected=A, last_pick=MapPick(L0, A)), NOTHING, L0, None, True),
    (SelectionState(selected=A, last_pick=MapPick(L0, A)), {}, L0, None, True),
    # ... but nothing to clear when nothing was picked on the map (a linked village stays)
    (SelectionState(selected=A), NOTHING, L0, A, False),
    (SelectionState(selected=A, last_pick=MapPick(L0, None)), NOTHING, L0, A, False),
    # a click on an event is not a village: the selection stays
    (SelectionState(selected=A, last_pick=MapPick(L0, A)), EVENT, L0, A, False),
    # after the selectbox (generation 1) the chart still holds its old pick under L0: stale, ignored
    (SelectionState(selected=B, generation=1), clicked(L0, A), L1, B, False),
    (SelectionState(selected=None, generation=1), clicked(L0, A), L1, None, False),
    # ... and its disappearance clears nothing either
    (SelectionState(selected=B, generation=1, last_pick=MapPick(L0, A)), NOTHING, L1, B, False),
    # a click in the renamed layer is a pick again
    (SelectionState(selected=B, generation=1, last_pick=MapPick(L1, None)), clicked(L1, A), L1, A, True),
    # the filters changed: the layer id with them, so the old pick is stale too
    (SelectionState(selected=B, last_pick=MapPick(L0, B)), clicked(L0, B), NARROWER, B, False),
    (SelectionState(selected=B, last_pick=MapPick(L0, B)), NOTHING, NARROWER, B, False),
])
def test_a_run_of_the_page(state: SelectionState, chart: dict | None, layer_id: str, selected: str | None,
                           write: bool) -> None:
    step = after_map_run(state, chart, layer_id=layer_id)
    assert (step.state.selected, step.write_url) == (selected, write)
    assert step.state.generation == state.generation                 # only the selectbox moves it on
    code = next((item["properties"]["village_code"] for item in (chart or {}).get("objects", {}).get(layer_id, [])),
                None)
    assert step.state.last_pick == MapPick(layer_id, code)          # the pick seen is remembered


@pytest.mark.parametrize("state, choice, selected", [
    (SelectionState(), A, A),                                       # a village chosen
    (SelectionState(selected=A, generation=2, last_pick=MapPick(L0, A)), B, B),
    (SelectionState(selected=A, last_pick=MapPick(L0, A)), None, None),   # "no village": the link loses it
    (SelectionState(selected=A), "", None),
])
def test_a_choice_in_the_selectbox(state: SelectionState, choice: str | None, selected: str | None) -> None:
    step = after_selectbox(state, choice)
    assert step == after_selectbox(state, choice)                   # pure: same input, same step
    assert step.write_url
    assert step.state == SelectionState(selected=selected, generation=state.generation + 1, last_pick=None)


def test_click_selectbox_and_click_again_in_sequence() -> None:
    """Link to A; click B; choose A in the selectbox (the chart keeps its B under the old id); the
    stale B is ignored; a click on B in the renamed layer selects it; a click on it again clears it."""
    state = SelectionState(selected=A)
    step = after_map_run(state, None, layer_id=L0)
    assert (step.state.selected, step.write_url) == (A, False)
    step = after_map_run(step.state, clicked(L0, B), layer_id=L0)
    assert (step.state.selected, step.write_url) == (B, True)
    step = after_selectbox(step.state, A)
    assert (step.state.selected, step.state.generation) == (A, 1)
    layer = village_layer_id(CODES, step.state.generation)
    assert layer == L1
    step = after_map_run(step.state, clicked(L0, B), layer_id=layer)
    assert (step.state.selected, step.write_url) == (A, False)
    step = after_map_run(step.state, clicked(L1, B), layer_id=layer)
    assert (step.state.selected, step.write_url) == (B, True)
    step = after_map_run(step.state, NOTHING, layer_id=layer)
    assert (step.state.selected, step.write_url) == (None, True)


@pytest.mark.parametrize("selected, expected", [(A, A), (B, B), (OUTSIDE, None), (None, None), ("", None)])
def test_only_a_village_in_view_is_outlined(selected: str | None, expected: str | None) -> None:
    assert selected_in_view(selected, CODES) == expected
