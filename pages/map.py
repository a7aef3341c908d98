"""Peta / Map: villages coloured by a chosen layer, and the nexus view (a bivariate map and the
priority index). Values, colours and decks come from lib.map.layers, lib.map.deck and lib.map.priority; the
page's tables from lib.map.tables; the selected village from lib.map.selection, kept in the URL with the page
settings by lib.ui.map_controls."""
from __future__ import annotations

import pandas as pd
from functools import partial

import streamlit as st

from lib.ui import cache
from lib.map.classify import Method
from lib.data.codes import HAZARD
from lib.exports.views import details_frame, priority_frame
from lib.texts.area import area_text
from lib.texts.data_text import as_text
from lib.texts.i18n import code_label, format_number, t
from lib.map.layers import (MULTI_HAZARD, event_layer, hazard_fill, multi_hazard_fill, indicator_fill, reach_fill, village_indicators,
                          village_tips, violence_fill)
from lib.map.colours import MAX_CLASSES, LayerFill, Legend, LegendEntry, bivariate_legend_html, legend_html
from lib.map.deck import MapSpec, Overlays, VillageLayer, build_village_deck
from lib.map.geometry import boundary_source_of
from lib.map.selection import selected_in_view
from lib.map.tables import (area_villages, hazards_present, indicator_names, kecamatan_names, priority_screen_table,
                            village_labels, village_names)
from lib.ui.page import page_context
from lib.charts.palette import HIDDEN_COLOUR, NO_DATA_COLOUR
from lib.map.priority import (NEXUS_VARIABLES, CoverageDefinition, HazardAggregate, Weights, bivariate_fill, nexus_details,
                          nexus_inputs, priority_export, priority_fill, priority_scores, rank_within)
from lib.data.settings import min_shown_count
from lib.ui.map_controls import choice_ui, map_selection, radio_ui, village_picker_ui
from lib.ui.widgets import download_ui, village_table_ui

lang, filters = page_context()
threshold = min_shown_count()

villages = cache.table("villages")
tables = {name: cache.optional_table(name) for name in
          ("activities", "hazards", "events", "indicators", "indicator_values")}
geometry = cache.village_geometry()
publication = cache.publication()      # published case cells only: no case row reaches this page

st.title(t("page_map", lang))
if geometry.villages.empty:
    st.error(t("map_no_geometry", lang))
    st.stop()
kinds = geometry.boundary_sources

shared = cache.page_calls(filters)   # shared by the sessions that ask the same; the default view kept on disk
area = shared(area_villages, villages, filters)
codes = tuple(area["village_code"].astype(str))
if not codes:
    st.info(t("map_no_villages", lang))
    st.stop()
names = shared(village_names, area)

# Selection: a click on the map (read from the chart's state) or the selectbox; kept in ?selected=.
layer_id, selected = map_selection(codes)

# The map takes the page's whole width and most of the window's height (lib.ui.styles.MAP_CSS): the
# main choices sit in one row above it, the settings in a menu, the legends and notes under it.
views = {"layers": t("map_view_layers", lang), "nexus": t("map_view_nexus", lang)}
view_column, settings_column = st.columns([1.6, 1], vertical_alignment="bottom")
view = radio_ui(view_column, "map_view", list(views), key="map_view", labels=views, lang=lang)
settings = settings_column.popover(t("map_settings", lang), icon=":material/tune:", width="stretch", key="map_settings")
notes: list[str] = []
methods = {m.value: t(f"map_method_{m.value}", lang) for m in (Method.QUANTILE, Method.EQUAL_INTERVAL,
                                                                 Method.NATURAL_BREAKS)}
centroids = area[["village_code", "lon", "lat"]]
kecamatan_labels = shared(kecamatan_names, area)
village_name_labels = shared(village_labels, area)     # drawn instead when one kecamatan is chosen
legends: list[Legend] = []
extra_legend_html = ""
sources: list[str] = []

if view == "layers":
    themes = {"none": t("map_theme_none", lang)}
    if tables["activities"] is not None:
        themes |= {"reach": t("map_theme_reach", lang), "women_share": t("map_theme_women_share", lang)}
    indicator_codes = shared(village_indicators, tables["indicators"], tables["indicator_values"]) \
        if tables["indicators"] is not None and tables["indicator_values"] is not None else []
    if indicator_codes:
        themes["indicator"] = t("map_theme_indicator", lang)
    if publication is not None:
        themes["violence"] = t("map_theme_violence", lang)
    if tables["hazards"] is not None:
        themes["hazard"] = t("map_theme_hazard", lang)
    first_theme = "hazard" if "hazard" in themes else next(iter(themes))
    ordered = [first_theme, *(k for k in themes if k != first_theme)]
    controls = st.columns(2)     # two wide choices: nothing cut at 1024 px
    theme = choice_ui(controls[0], "map_theme", ordered, key="map_theme", labels=themes, lang=lang)
    method = Method(settings.selectbox(t("map_method", lang), list(methods), key="map_method",
                                       format_func=methods.get, disabled=theme == "hazard"))
    classes = settings.slider(t("map_classes", lang), 3, MAX_CLASSES, 5, key="map_classes",
                              disabled=theme == "hazard")
    fill: LayerFill
    if theme == "hazard":
        hazards_known = shared(hazards_present, tables["hazards"])
        hazard = choice_ui(controls[1], "climate_hazard_select", [MULTI_HAZARD, *hazards_known], key="map_hazard",
                           labels={MULTI_HAZARD: t("map_hazard_multi", lang),
                                   **{h: code_label("hazard", h, lang) for h in hazards_known}}, lang=lang)
        fill = (shared(multi_hazard_fill, tables["hazards"], area, lang=lang) if hazard == MULTI_HAZARD
                else shared(hazard_fill, tables["hazards"], area, hazard=hazard, lang=lang))
    elif theme in ("reach", "women_share"):
        fill = shared(reach_fill, tables["activities"], area, filters, share=theme == "women_share", lang=lang,
                      method=method, classes=classes)
    elif theme == "indicator":
        indicator_labels = shared(indicator_names, tables["indicators"], lang=lang)
        indicator = controls[1].selectbox(t("prog_col_name", lang), indicator_codes, key="map_indicator",
                                          format_func=indicator_labels.get)
        fill = shared(indicator_fill, tables["indicator_values"], tables["indicators"], area, filters, indicator=indicator,
                      lang=lang, method=method, classes=classes, threshold=threshold)
    elif theme == "violence":
        levels = {"kecamatan": t("prog_col_kecamatan", lang), "desa": t("map_level_desa", lang)}
        level = controls[1].radio(t("prog_col_level", lang), list(levels), key="map_violence_level",
                                  format_func=levels.get, horizontal=True)
        fill = shared(violence_fill, publication, area, filters, desa_level=level == "desa", lang=lang, method=method,
                      classes=classes)
    else:
        fill = LayerFill(pd.Series(NO_DATA_COLOUR, index=list(codes)), {}, (), "")
    if theme == "hazard":
        settings.caption(t("map_method_fixed_note", lang))
    legends += fill.legends
    sources += [fill.source_line] if fill.source_line else []
    notes += [as_text(note) for note in fill.notes]        # data text: names of areas and layers
    tips = shared(village_tips, area, fill.details, shared(boundary_source_of, geometry), lang=lang)
    village_layer = VillageLayer(fill.colours, tips, alpha=0 if theme == "none" else fill.alpha, layer_id=layer_id)
    kecamatan_colours = fill.kecamatan_colours
    alt_layer = themes[theme]
else:
    notes.append(t("map_nexus_intro", lang))
    hazard_options = ["mean", "max", *shared(hazards_present, tables["hazards"])]
    hazard_labels = {"mean": t("map_hazard_mean", lang), "max": t("map_hazard_max", lang),
                     **{h: code_label("hazard", h, lang) for h in HAZARD.values}}
    # Two rows of two: in four columns the choices were cut at 1366 px ("Bahaya (Rata-rata semua baha…").
    controls = [*st.columns(2), *st.columns(2)]
    hazard_choice = controls[0].selectbox(t("map_hazard_term", lang), hazard_options, key="map_nexus_hazard",
                                          format_func=hazard_labels.get)
    variable_labels = {"hazard": t("map_var_hazard", lang, hazard=hazard_labels[hazard_choice]),
                       "violence": t("map_var_violence", lang), "reach": t("map_var_reach", lang),
                       "gap": t("map_var_gap", lang)}
    method = Method(settings.selectbox(t("map_method", lang), list(methods), key="map_method",
                                       format_func=methods.get))
    x = controls[2].selectbox(t("map_bivariate_x", lang), NEXUS_VARIABLES, index=0, key="map_bi_x",
                              format_func=variable_labels.get)
    y = controls[3].selectbox(t("map_bivariate_y", lang), NEXUS_VARIABLES, index=2, key="map_bi_y",
                              format_func=variable_labels.get)
    coverage_labels = {c.value: t(f"map_coverage_{c.value}", lang) for c in CoverageDefinition}
    coverage = CoverageDefinition(st.radio(t("map_coverage", lang), list(coverage_labels), key="map_coverage",
                                 format_func=coverage_labels.get, horizontal=True))
    aggregate = HazardAggregate(hazard_choice) if hazard_choice in ("mean", "max") else HazardAggregate.SINGLE
    inputs = shared(nexus_inputs, villages=villages, hazards=tables["hazards"], activities=tables["activities"],
                          cases=publication, filters=filters, aggregate=aggregate,
                          hazard=None if aggregate != HazardAggregate.SINGLE else hazard_choice, coverage=coverage,
                          lang=lang)
    sources.append(inputs.source_line)
    notes += [as_text(note) for note in inputs.violence_notes]
    weights_columns = st.columns(3)
    weights = Weights(*(weights_columns[i].slider(t(f"map_weight_{name}", lang), 0.0, 1.0, default, 0.05,
                                                  key=f"map_w_{name}")
                        for i, (name, default) in enumerate((("hazard", 0.4), ("violence", 0.3), ("gap", 0.3)))))
    fills = {"bivariate": t("map_nexus_fill_bivariate", lang), "priority": t("map_tip_priority", lang)}
    shows = st.radio(t("map_nexus_fill", lang), list(fills), key="map_nexus_fill", format_func=fills.get,
                     horizontal=True)
    scores = shared(priority_scores, inputs, weights) if weights.total > 0 else None
    ranked = shared(rank_within, scores, area["village_code"]) if scores is not None else None
    details = shared(nexus_details, inputs, ranked, codes, hazard_label=variable_labels["hazard"], lang=lang)
    if shows == "bivariate":
        if x == y:
            st.warning(t("map_bivariate_same", lang))
        colours, _ = shared(bivariate_fill, inputs, area, x=x, y=y, method=method)
        extra_legend_html = bivariate_legend_html(
            title=t("map_bivariate_title", lang, x=variable_labels[x], y=variable_labels[y]),
            x_label=variable_labels[x], y_label=variable_labels[y],
            extra=(LegendEntry(HIDDEN_COLOUR, t("map_state_hidden", lang)),
                   LegendEntry(NO_DATA_COLOUR, t("climate_no_data", lang))))
        notes.append(t("map_bivariate_note", lang, method=methods[method.value]))
    else:
        colours, priority_legend = shared(priority_fill, ranked, codes, method=method, lang=lang)
        legends.append(priority_legend)
    tips = shared(village_tips, area, details, shared(boundary_source_of, geometry), lang=lang)
    village_layer = VillageLayer(colours, tips, layer_id=layer_id)
    kecamatan_colours = None
    alt_layer = fills[shows]

with settings:
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
    events, events_legend, events_source = shared(event_layer, tables["events"], villages, geometry, filters, lang=lang)
    legends.append(events_legend)
    sources.append(events_source)

selected_here = selected_in_view(selected, codes)
deck = shared(build_village_deck, geometry, MapSpec(
    villages=village_layer, codes=codes, kecamatan_colours=kecamatan_colours, events=events,
    selected=selected_here, overlays=overlays, centroids=centroids, kecamatan_names=kecamatan_labels, 
    village_names=village_name_labels))
with st.container(key="map_frame"):
    st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height="stretch",
                    alt=t("map_chart_alt", lang, layer=alt_layer, area=shared(area_text, villages, filters, lang)))
boundary_kind = t("map_boundary_official" if kinds == {"official"} else "map_boundary_approximate", lang)
legend_row = extra_legend_html + "".join(legend_html(legend) for legend in legends) + legend_html(Legend(
    t("map_boundary_legend", lang, kind=boundary_kind), (LegendEntry("#FFFFFF", t("map_legend_selected", lang), "outline"),)))
st.html(f'<div class="map-legends">{legend_row}</div>')
for line in [*notes, t("map_intro", lang),
             t("map_boundaries_official" if kinds == {"official"} else
               "map_boundaries_approximate" if "official" not in kinds else "map_boundaries_mixed", lang),
             *(as_text(line) for line in dict.fromkeys(sources)), t("geography_source", lang)]:
    st.caption(line)
layer_details = fill.details if view == "layers" else details
if layer_details:
    download_ui(partial(details_frame, area, layer_details), name=f"map_{theme if view == 'layers' else shows}",
                lang=lang, key="map_layer")

st.subheader(t("map_selected_header", lang))
pick_column, link_column = st.columns([2, 3])
village_picker_ui(pick_column, codes, selected=selected_here, names=names, lang=lang)
if selected and not selected_here:
    st.caption(t("map_selected_outside", lang))
if selected_here:
    link_column.page_link("pages/village.py", label=as_text(t("map_open_profile", lang, village=names[selected_here])),
                          icon=":material/home_pin:", query_params={"village": selected_here})
    link_column.text(tips.get(selected_here, ""))

if view == "nexus":
    st.subheader(t("map_priority_header", lang))
    if scores is None:
        st.warning(t("map_weights_zero", lang))
        st.stop()
    w = weights.normalised()
    numbers = [format_number(value, lang, decimals=2).replace(",", "{,}") for value in (w.hazard, w.violence, w.gap)]
    st.latex(rf"P = {numbers[0]}\,H + {numbers[1]}\,V + {numbers[2]}\,G")
    st.caption(t("map_formula_caption", lang))
    st.markdown("\n".join(f"- {text}" for text in (
        t("map_def_hazard", lang, hazard=hazard_labels[hazard_choice]),
        t("map_def_violence", lang, period=inputs.violence_period,
          hidden=format_number(inputs.hidden_kecamatan, lang)),
        t("map_def_gap", lang, coverage=coverage_labels[coverage.value]),
        t("map_def_missing", lang))))
    export = shared(priority_export, ranked, inputs, villages, lang=lang)
    shown = shared(priority_screen_table, export, ranked, lang=lang, filters=filters)
    st.markdown(f"**{t('map_priority_table', lang)}**")
    village_table_ui(shown, link_column=t("climate_col_profile", lang), key="map_priority_table", lang=lang, height=420)
    st.caption(as_text(sources[0]))
    download_ui(partial(priority_frame, ranked, inputs, villages, lang=lang, threshold=threshold),
                name="priority_villages", lang=lang)
