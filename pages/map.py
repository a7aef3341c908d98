"""Peta / Map: villages coloured by a chosen layer, and the nexus view (a bivariate map and the
priority index). Values, colours and decks come from lib.map.layers, lib.map.deck and lib.map.priority."""
from __future__ import annotations

import pandas as pd
from functools import partial

import streamlit as st

from lib.ui import cache
from lib.map.classify import Method
from lib.data.codes import HAZARD
from lib.exports.views import details_frame, priority_frame
from lib.data.filters import area_mask
from lib.texts.i18n import code_label, format_number, t
from lib.data.load import DataError, TableMissing
from lib.map.layers import (event_layer, hazard_fill, indicator_fill, reach_fill, village_indicators,
                          village_tips, violence_fill)
from lib.map.colours import MAX_CLASSES, LayerFill, Legend, LegendEntry, bivariate_legend_html, legend_html
from lib.map.deck import MAP_HEIGHT, MapSpec, Overlays, VillageLayer, build_village_deck, resolve_pick, village_layer_id
from lib.ui.page import page_context
from lib.charts.palette import HIDDEN_COLOUR, NO_DATA_COLOUR
from lib.map.priority import (NEXUS_VARIABLES, Coverage, HazardAggregate, Weights, bivariate_fill, display_frame,
                          nexus_details, nexus_inputs, priority_export, priority_fill, priority_scores, rank_within)
from lib.data.settings import min_shown_count
from lib.safety.suppress import CellState
from lib.ui.widgets import download_ui

lang, filters = page_context()
threshold = min_shown_count()
# Widget key -> URL key: these page settings travel in the link, like the sidebar filters.
URL_KEYS = {"map_view": "view", "map_theme": "layer", "map_hazard": "hazard"}


def optional_table(name: str) -> pd.DataFrame | None:
    try:
        return cache.table(name)
    except (TableMissing, DataError):
        return None


def seeded(key: str, options: list[str]) -> None:
    """Start a page setting from the link when it names a valid option."""
    raw = st.query_params.get(URL_KEYS[key])
    if key not in st.session_state and raw in options:
        st.session_state[key] = raw


def to_url(key: str, value: str, default: str) -> None:
    url_key = URL_KEYS[key]
    if value == default:
        if url_key in st.query_params:
            del st.query_params[url_key]
    elif st.query_params.get(url_key) != value:
        st.query_params[url_key] = value


def choice(container, label_key: str, options: list[str], key: str, labels: dict[str, str], **kw) -> str:
    if key in URL_KEYS:
        seeded(key, options)
    value = container.selectbox(t(label_key, lang), options, key=key, format_func=labels.get, **kw)
    if key in URL_KEYS:
        to_url(key, value, options[0])
    return value


villages = cache.table("villages")
tables = {name: optional_table(name) for name in
          ("activities", "cases", "hazards", "events", "indicators", "indicator_values")}
geometry = cache.village_geometry()
case_data = cache.case_data() if tables["cases"] is not None else None

st.title(t("map_title", lang))
st.caption(t("map_intro", lang))
if geometry.villages.empty:
    st.error(t("map_no_geometry", lang))
    st.stop()
kinds = geometry.boundary_sources
st.caption(t("map_boundaries_official" if kinds == {"official"} else
             "map_boundaries_approximate" if "official" not in kinds else "map_boundaries_mixed", lang))

area = villages[area_mask(villages, filters)].sort_values("village_code").reset_index(drop=True)
codes = tuple(area["village_code"].astype(str))
if not codes:
    st.info(t("map_no_villages", lang))
    st.stop()
names = dict(zip(area["village_code"], area["village_name"] + " (" + area["subdistrict_name"] + ")"))

# Selection: a click on the map (read from the chart's state) or the selectbox; kept in ?selected=.
generation = st.session_state.get("map_generation", 0)
layer_id = village_layer_id(codes, generation)
chart_state = st.session_state.get("map")
clicked, picked, now = resolve_pick(chart_state.get("selection") if chart_state else None, layer_id=layer_id,
                                    last=st.session_state.get("map_last_pick"))
st.session_state["map_last_pick"] = now
if clicked:
    if picked:
        st.query_params["selected"] = picked
    elif "selected" in st.query_params:
        del st.query_params["selected"]
selected = st.query_params.get("selected")


def pick_from_selectbox() -> None:
    """The selectbox changed: write the URL and drop the chart's own (now stale) selection."""
    code = st.session_state.get("map_village")
    if code:
        st.query_params["selected"] = code
    elif "selected" in st.query_params:
        del st.query_params["selected"]
    st.session_state["map_generation"] = st.session_state.get("map_generation", 0) + 1
    st.session_state["map_last_pick"] = None


views = {"layers": t("map_view_layers", lang), "nexus": t("map_view_nexus", lang)}
seeded("map_view", list(views))
view = st.radio(t("map_view", lang), list(views), key="map_view", format_func=views.get, horizontal=True)
to_url("map_view", view, "layers")
methods = {m.value: t(f"map_method_{m.value}", lang) for m in (Method.QUANTILE, Method.EQUAL_INTERVAL,
                                                                 Method.NATURAL_BREAKS)}
centroids = area[["village_code", "lon", "lat"]]
kecamatan_names = dict(zip(area["subdistrict_code"], area["subdistrict_name"]))
legends: list[Legend] = []
extra_legend_html = ""
sources: list[str] = []

if view == "layers":
    themes = {"none": t("map_theme_none", lang)}
    if tables["activities"] is not None:
        themes |= {"reach": t("map_theme_reach", lang), "women_share": t("map_theme_women_share", lang)}
    indicator_codes = village_indicators(tables["indicators"], tables["indicator_values"], index=cache.values_index()) \
        if tables["indicators"] is not None and tables["indicator_values"] is not None else []
    if indicator_codes:
        themes["indicator"] = t("map_theme_indicator", lang)
    if tables["cases"] is not None:
        themes["violence"] = t("map_theme_violence", lang)
    if tables["hazards"] is not None:
        themes["hazard"] = t("map_theme_hazard", lang)
    first_theme = "hazard" if "hazard" in themes else next(iter(themes))
    ordered = [first_theme, *(k for k in themes if k != first_theme)]
    controls = st.columns([1.3, 1.3, 1, 1])
    theme = choice(controls[0], "map_theme", ordered, "map_theme", themes)
    method = Method(controls[2].selectbox(t("map_method", lang), list(methods), key="map_method",
                                          format_func=methods.get, disabled=theme == "hazard"))
    classes = controls[3].slider(t("map_classes", lang), 3, MAX_CLASSES, 5, key="map_classes",
                                 disabled=theme == "hazard")
    fill: LayerFill
    if theme == "hazard":
        present = set(tables["hazards"]["hazard"].unique())
        hazards_known = [h for h in HAZARD.values if h in present]
        hazard = choice(controls[1], "map_hazard", hazards_known, "map_hazard",
                        {h: code_label("hazard", h, lang) for h in hazards_known})
        fill = hazard_fill(tables["hazards"], area, hazard=hazard, lang=lang, latest=cache.latest_hazards_table())
    elif theme in ("reach", "women_share"):
        fill = reach_fill(tables["activities"], area, filters, share=theme == "women_share", lang=lang,
                          method=method, classes=classes)
    elif theme == "indicator":
        indicator_names = dict(zip(tables["indicators"]["indicator_code"],
                                   tables["indicators"]["indicator_code"] + " · " +
                                   tables["indicators"]["name_en" if lang == "en" else "name_id"]))
        indicator = controls[1].selectbox(t("map_indicator", lang), indicator_codes, key="map_indicator",
                                          format_func=indicator_names.get)
        fill = indicator_fill(tables["indicator_values"], tables["indicators"], area, filters, indicator=indicator,
                              lang=lang, method=method, classes=classes, threshold=threshold,
                              index=cache.values_index())
    elif theme == "violence":
        levels = {"kecamatan": t("map_level_kecamatan", lang), "desa": t("map_level_desa", lang)}
        level = controls[1].radio(t("map_violence_level", lang), list(levels), key="map_violence_level",
                                  format_func=levels.get, horizontal=True)
        fill = violence_fill(case_data, villages, area, filters, desa_level=level == "desa", lang=lang,
                             method=method, classes=classes, threshold=threshold)
    else:
        fill = LayerFill(pd.Series(NO_DATA_COLOUR, index=list(codes)), {}, (), "")
    if theme == "hazard":
        controls[2].caption(t("map_method_fixed_note", lang))
    legends += fill.legends
    sources += [fill.source_line] if fill.source_line else []
    for note in fill.notes:
        st.caption(note)
    tips = village_tips(area, fill.details, geometry.villages.set_index("village_code")["boundary_source"], lang=lang)
    village_layer = VillageLayer(fill.colours, tips, alpha=0 if theme == "none" else fill.alpha, layer_id=layer_id)
    kecamatan_colours = fill.kecamatan_colours
    alt_layer = themes[theme]
else:
    st.caption(t("map_nexus_intro", lang))
    present = set(tables["hazards"]["hazard"].unique()) if tables["hazards"] is not None else set()
    hazard_options = ["mean", "max", *(h for h in HAZARD.values if h in present)]
    hazard_labels = {"mean": t("map_hazard_mean", lang), "max": t("map_hazard_max", lang),
                     **{h: code_label("hazard", h, lang) for h in HAZARD.values}}
    controls = st.columns([1.2, 1.2, 1.2, 1])
    hazard_choice = controls[0].selectbox(t("map_hazard_term", lang), hazard_options, key="map_nexus_hazard",
                                          format_func=hazard_labels.get)
    variable_labels = {"hazard": t("map_var_hazard", lang, hazard=hazard_labels[hazard_choice]),
                       "violence": t("map_var_violence", lang), "reach": t("map_var_reach", lang),
                       "gap": t("map_var_gap", lang)}
    x = controls[1].selectbox(t("map_bivariate_x", lang), NEXUS_VARIABLES, index=0, key="map_bi_x",
                              format_func=variable_labels.get)
    y = controls[2].selectbox(t("map_bivariate_y", lang), NEXUS_VARIABLES, index=2, key="map_bi_y",
                              format_func=variable_labels.get)
    method = Method(controls[3].selectbox(t("map_method", lang), list(methods), key="map_method",
                                          format_func=methods.get))
    coverage_labels = {c.value: t(f"map_coverage_{c.value}", lang) for c in Coverage}
    coverage = Coverage(st.radio(t("map_coverage", lang), list(coverage_labels), key="map_coverage",
                                 format_func=coverage_labels.get, horizontal=True))
    aggregate = HazardAggregate(hazard_choice) if hazard_choice in ("mean", "max") else HazardAggregate.SINGLE
    inputs = nexus_inputs(villages=villages, hazards=tables["hazards"], activities=tables["activities"],
                          cases=case_data, filters=filters, aggregate=aggregate,
                          hazard=None if aggregate != HazardAggregate.SINGLE else hazard_choice, coverage=coverage,
                          threshold=threshold, lang=lang)
    sources.append(inputs.source_line)
    weights_columns = st.columns(3)
    weights = Weights(*(weights_columns[i].slider(t(f"map_weight_{name}", lang), 0.0, 1.0, default, 0.05,
                                                  key=f"map_w_{name}")
                        for i, (name, default) in enumerate((("hazard", 0.4), ("violence", 0.3), ("gap", 0.3)))))
    fills = {"bivariate": t("map_nexus_fill_bivariate", lang), "priority": t("map_nexus_fill_priority", lang)}
    shows = st.radio(t("map_nexus_fill", lang), list(fills), key="map_nexus_fill", format_func=fills.get,
                     horizontal=True)
    scores = priority_scores(inputs, weights) if weights.total > 0 else None
    ranked = rank_within(scores, area["village_code"]) if scores is not None else None
    details = nexus_details(inputs, ranked, codes, hazard_label=variable_labels["hazard"], lang=lang)
    if shows == "bivariate":
        if x == y:
            st.warning(t("map_bivariate_same", lang))
        colours, _ = bivariate_fill(inputs, area, x=x, y=y, method=method)
        extra_legend_html = bivariate_legend_html(
            title=t("map_bivariate_title", lang, x=variable_labels[x], y=variable_labels[y]),
            x_label=variable_labels[x], y_label=variable_labels[y],
            extra=(LegendEntry(HIDDEN_COLOUR, t("map_state_hidden", lang)),
                   LegendEntry(NO_DATA_COLOUR, t("map_no_data", lang))))
        st.caption(t("map_bivariate_note", lang, method=methods[method.value]))
    else:
        colours, priority_legend = priority_fill(ranked, codes, method=method, lang=lang)
        legends.append(priority_legend)
    tips = village_tips(area, details, geometry.villages.set_index("village_code")["boundary_source"], lang=lang)
    village_layer = VillageLayer(colours, tips, layer_id=layer_id)
    kecamatan_colours = None
    alt_layer = fills[shows]

map_column, side_column = st.columns([4, 1.35])
with side_column:
    st.markdown(f"**{t('map_layers_label', lang)}**")
    overlays = Overlays(
        kecamatan_outlines=st.toggle(t("map_show_kecamatan", lang), True, key="map_show_kecamatan"),
        regency_outline=st.toggle(t("map_show_regency", lang), True, key="map_show_regency"),
        village_points=st.toggle(t("map_show_points", lang), True, key="map_show_points"),
        kecamatan_names=st.toggle(t("map_show_names", lang), True, key="map_show_names"),
        online_basemap=st.toggle(t("map_online_basemap", lang), False, key="map_online_basemap",
                                 help=t("map_online_basemap_help", lang)),
    )
    show_events = st.toggle(t("map_show_events", lang), False, key="map_show_events",
                            disabled=tables["events"] is None)
    if overlays.online_basemap:
        st.caption(t("map_online_basemap_on", lang))
events = None
if show_events and tables["events"] is not None:
    events, events_legend, events_source = event_layer(tables["events"], villages, geometry, filters, lang=lang)
    legends.append(events_legend)
    sources.append(events_source)

selected_here = selected if selected in codes else None
deck = build_village_deck(geometry, MapSpec(
    villages=village_layer, codes=codes, kecamatan_colours=kecamatan_colours, events=events,
    selected=selected_here, overlays=overlays, centroids=centroids, kecamatan_names=kecamatan_names))
with map_column:
    st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height=MAP_HEIGHT,
                    alt=t("map_chart_alt", lang, layer=alt_layer))
    for line in dict.fromkeys(sources):
        st.caption(line)
    st.caption(t("geography_source", lang))
    layer_details = fill.details if view == "layers" else details
    if layer_details:
        download_ui(partial(details_frame, area, layer_details), name=f"map_{theme if view == 'layers' else shows}",
                    lang=lang, key="map_layer")
with side_column:
    boundary_kind = t("map_boundary_official" if kinds == {"official"} else "map_boundary_approximate", lang)
    st.html(extra_legend_html + "".join(legend_html(legend) for legend in legends) + legend_html(Legend(
        t("map_boundary_legend", lang, kind=boundary_kind), (LegendEntry("#FFFFFF", t("map_legend_selected", lang), "outline"),))))

st.subheader(t("map_selected_header", lang))
options = [None, *codes]
if st.session_state.get("map_village") != selected_here:
    st.session_state["map_village"] = selected_here
pick_column, link_column = st.columns([2, 3])
pick_column.selectbox(t("map_pick_village", lang), options, key="map_village", on_change=pick_from_selectbox,
                      format_func=lambda code: t("map_pick_none", lang) if code is None else names[code])
if selected and not selected_here:
    st.caption(t("map_selected_outside", lang))
if selected_here:
    link_column.page_link("pages/village.py", label=t("map_open_profile", lang, village=names[selected_here]),
                          icon=":material/home_pin:", query_params={"village": selected_here})
    link_column.text(tips.get(selected_here, ""))

if view == "nexus":
    st.subheader(t("map_priority_header", lang))
    if scores is None:
        st.warning(t("map_weights_zero", lang))
        st.stop()
    w = weights.normalised()
    share = inputs.hidden_score(CellState.COMPLEMENT)
    numbers = [format_number(value, lang, decimals=2).replace(",", "{,}") for value in (w.hazard, w.violence, w.gap)]
    st.latex(rf"P = {numbers[0]}\,H + {numbers[1]}\,V + {numbers[2]}\,G")
    st.caption(t("map_formula_caption", lang))
    st.markdown("\n".join(f"- {text}" for text in (
        t("map_def_hazard", lang, hazard=hazard_labels[hazard_choice]),
        t("map_def_violence", lang, period=inputs.violence_period, small=format_number(threshold - 1, lang),
          share=format_number(share, lang, decimals=1) if share is not None else "–"),
        t("map_def_gap", lang, coverage=coverage_labels[coverage.value]),
        t("map_def_missing", lang))))
    export = priority_export(ranked, inputs, villages, lang=lang, threshold=threshold)
    profile = t("map_col_profile", lang)
    shown = display_frame(export, lang=lang).drop(columns=[t("map_col_village_code", lang), t("map_col_hazard", lang)]).assign(
        **{profile: "./village?village=" + ranked["village_code"]})
    st.markdown(f"**{t('map_priority_table', lang)}**")
    st.dataframe(shown, hide_index=True, height=420, key="map_priority_table", column_config={
        profile: st.column_config.LinkColumn(profile, display_text=t("map_open", lang))})
    st.caption(sources[0])
    download_ui(partial(priority_frame, ranked, inputs, villages, lang=lang, threshold=threshold),
                name="priority_villages", lang=lang)
