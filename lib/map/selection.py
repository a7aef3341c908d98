"""Which village the map page has selected: a click on the map, the selectbox, or the link's
?selected=. Pure functions over a frozen state (no streamlit); lib.ui.map_controls keeps the state
in the session and the URL.

The chart remembers its own click selection across reruns, under the id of the village layer. The
layer id changes with the villages drawn and with a generation counter that moves on when the
selectbox sets the selection, so a selection made before then (now stale) is never read again.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class MapPick:
    """The village picked on the map at the last run, under the village layer's id then."""

    layer_id: str
    code: str | None


@dataclass(frozen=True)
class SelectionState:
    """The selection between runs: the URL's ?selected= value as written (None: absent; it may name
    a village outside the filters, or none at all), the generation of the village layer's id, and
    the pick the chart held at the last run."""

    selected: str | None = None
    generation: int = 0
    last_pick: MapPick | None = None


@dataclass(frozen=True)
class SelectionStep:
    """A transition: the new state, and whether ?selected= is written (set to state.selected, or
    removed when that is None). A pick on the map writes the URL even when it names the village
    already there, as a click always did."""

    state: SelectionState
    write_url: bool


def village_layer_id(codes: Sequence[str], generation: int) -> str:
    """An id that changes when the villages drawn change (filters) or the selection is set
    elsewhere (the selectbox), so that a stale click selection is dropped with the old id."""
    digest = hashlib.sha1("|".join(codes).encode()).hexdigest()[:8]
    return f"villages-{generation}-{digest}"


def picked_code(selection: Mapping[str, Any] | None, *, layer_id: str) -> str | None:
    """The village code of the object selected in the village layer `layer_id`, if any."""
    objects = (selection or {}).get("objects") or {}
    for item in objects.get(layer_id) or []:
        properties = item.get("properties", item) if isinstance(item, Mapping) else {}
        code = properties.get("village_code")
        if code:
            return str(code)
    return None


def resolve_pick(selection: Mapping[str, Any] | None, *, layer_id: str,
                 last: MapPick | None) -> tuple[bool, str | None, MapPick]:
    """(clicked, code, now): whether the user picked (or cleared) a village on the map since the
    last run. Clearing counts only when nothing at all is selected in the same layer that held
    the pick (a click on empty ground or on the picked village again); a stale selection under
    an older layer id, or a click on an event, changes nothing."""
    code = picked_code(selection, layer_id=layer_id)
    now = MapPick(layer_id, code)
    if code is not None and now != last:
        return True, code, now
    anything = any((selection or {}).get("objects", {}).values()) if selection else False
    if code is None and not anything and last is not None and last.code is not None and last.layer_id == layer_id:
        return True, None, now
    return False, None, now


def after_map_run(state: SelectionState, chart_selection: Mapping[str, Any] | None, *,
                  layer_id: str) -> SelectionStep:
    """The run's step for the chart's selection (`chart_selection`: the chart state's "selection",
    None before the chart exists) in the village layer drawn this run (village_layer_id of the codes
    and state.generation): a new pick replaces ?selected=, a clear removes it, anything else keeps
    it. The pick seen is remembered either way."""
    clicked, code, now = resolve_pick(chart_selection, layer_id=layer_id, last=state.last_pick)
    return SelectionStep(replace(state, selected=code if clicked else state.selected, last_pick=now), clicked)


def after_selectbox(state: SelectionState, code: str | None) -> SelectionStep:
    """The selectbox chose `code` (None or "": no village). It becomes ?selected=, and the generation
    moves on so that the chart's own selection, now stale, is dropped with the old layer id."""
    return SelectionStep(SelectionState(selected=code or None, generation=state.generation + 1, last_pick=None),
                         True)


def selected_in_view(selected: str | None, codes: Sequence[str]) -> str | None:
    """The selected village when it is among the villages shown (the filters may leave it out)."""
    return selected if selected in codes else None
