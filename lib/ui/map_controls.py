"""The map page's controls that live in the URL: page settings seeded from and written to the link
(?view=, ?layer=, ?hazard=), and the selected village (?selected=), which a click on the map or the
village selectbox sets. The decisions are lib.map.selection's; this module only reads and writes
st.session_state and st.query_params around them. *_ui() functions draw a widget and return its value.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib.map.selection import SelectionState, after_map_run, after_selectbox, village_layer_id
from lib.texts.i18n import t

# Widget key -> URL key: these page settings travel in the link, like the sidebar filters.
URL_KEYS = {"map_view": "view", "map_theme": "layer", "map_hazard": "hazard"}
SELECTED = "selected"               # URL key of the selected village
CHART = "map"                       # the deck chart's key: its state holds the click selection
PICKER = "map_village"              # the village selectbox
GENERATION = "map_generation"       # session: generation of the village layer's id
LAST_PICK = "map_last_pick"         # session: the chart's pick seen at the last run


def seeded(key: str, options: list[str]) -> None:
    """Start a page setting from the link when it names a valid option."""
    raw = st.query_params.get(URL_KEYS[key])
    if key not in st.session_state and raw in options:
        st.session_state[key] = raw


def to_url(key: str, value: str, default: str) -> None:
    """Write a page setting to the link; the default leaves it out, so plain links stay short."""
    url_key = URL_KEYS[key]
    if value == default:
        if url_key in st.query_params:
            del st.query_params[url_key]
    elif st.query_params.get(url_key) != value:
        st.query_params[url_key] = value


def choice_ui(container: DeltaGenerator, label_key: str, options: list[str], *, key: str, labels: Mapping[str, str],
              lang: str) -> str:
    """A selectbox of `options` (shown by `labels`), seeded from the link and written back to it when
    `key` is one of URL_KEYS; the first option is the default."""
    if key in URL_KEYS:
        seeded(key, options)
    value = container.selectbox(t(label_key, lang), options, key=key, format_func=labels.get)
    if key in URL_KEYS:
        to_url(key, value, options[0])
    return value


def radio_ui(container: DeltaGenerator, label_key: str, options: list[str], *, key: str, labels: Mapping[str, str],
             lang: str) -> str:
    """A horizontal radio of `options`, kept in the link like choice_ui."""
    seeded(key, options)
    value = container.radio(t(label_key, lang), options, key=key, format_func=labels.get, horizontal=True,
                            label_visibility="collapsed")   # the choices name themselves; the label stays for screen readers
    to_url(key, value, options[0])
    return value


# Selection ---------------------------------------------------------------------------------------
def _selection_state() -> SelectionState:
    return SelectionState(selected=st.query_params.get(SELECTED), generation=st.session_state.get(GENERATION, 0),
                          last_pick=st.session_state.get(LAST_PICK))


def _write_selected(selected: str | None) -> None:
    if selected:
        st.query_params[SELECTED] = selected
    elif SELECTED in st.query_params:
        del st.query_params[SELECTED]


def map_selection(codes: Sequence[str]) -> tuple[str, str | None]:
    """(village layer id, selected) for this run. A village picked or cleared on the map since the
    last run (the chart's state) is written to ?selected=; `selected` is ?selected= then (it may
    name a village outside `codes`, the villages drawn)."""
    state = _selection_state()
    layer_id = village_layer_id(codes, state.generation)
    chart = st.session_state.get(CHART)
    step = after_map_run(state, chart.get("selection") if chart else None, layer_id=layer_id)
    st.session_state[LAST_PICK] = step.state.last_pick
    if step.write_url:
        _write_selected(step.state.selected)
    return layer_id, step.state.selected


def _picked_in_selectbox() -> None:
    """The selectbox changed: write the URL and drop the chart's own (now stale) selection."""
    step = after_selectbox(_selection_state(), st.session_state.get(PICKER))
    _write_selected(step.state.selected)
    st.session_state[GENERATION] = step.state.generation
    st.session_state[LAST_PICK] = step.state.last_pick


def village_picker_ui(container: DeltaGenerator, codes: Sequence[str], *, selected: str | None,
                      names: Mapping[str, str], lang: str) -> str | None:
    """The selectbox of the villages in view (and "none"), showing `selected` (a code of `codes` or
    None) whichever way it was chosen; choosing here sets ?selected=."""
    options = [None, *codes]
    if st.session_state.get(PICKER) != selected:
        st.session_state[PICKER] = selected
    return container.selectbox(t("map_pick_village", lang), options, key=PICKER, on_change=_picked_in_selectbox,
                               format_func=lambda code: t("map_pick_none", lang) if code is None else names[code])
