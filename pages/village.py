"""Profil Desa / Village profile: everything about one village on one page (?village=53.01.04.2003)."""
from __future__ import annotations

from functools import partial

import streamlit as st

from lib.ui import cache

from lib.metrics import hazards as hz
from lib.metrics import village_profile as vp
from lib.charts.village import (build_kecamatan_cases_chart, build_reach_by_type_chart, build_reach_over_time_chart,
                                build_village_hazard_chart, cases_table, events_table, indicator_table)
from lib.exports.views import cases_frame, indicator_progress_frame, reach_by_month_frame, village_reach_by_type_frame
from lib.exports.hazard_views import events_frame, village_hazards_frame
from lib.texts.data_text import as_text
from lib.texts.i18n import code_label, format_number, t
from lib.ui.page import page_context
from lib.metrics.provenance import case_source_line, source_line
from lib.safety.suppress import label
from lib.ui.widgets import download_ui, table_ui

URL_KEY, WIDGET_KEY, SEEN_KEY = "village", "profile_village", "profile_village_url_seen"


lang, filters = page_context()
villages = cache.table("villages")
tables = {name: cache.optional_table(name) for name in ("activities", "indicator_values", "indicators", "hazards", "events")}
publication = cache.publication()
activities = tables["activities"]
shared = cache.shared   # every computation below is shared by the sessions that ask the same
programme = shared(hz.villages_with_activities, activities, filters) if activities is not None else frozenset()

# Which village: a followed link (?village=) wins, then the selectbox, then the sidebar's choice.
default = shared(vp.default_village, villages, filters, programme)
options = shared(vp.village_choices, villages, filters,
                 keep=(st.query_params.get(URL_KEY), st.session_state.get(WIDGET_KEY), default))
labels = shared(hz.village_labels, villages)   # names, with type and kecamatan where a name occurs twice
names = shared(vp.village_names, villages)
option_texts = shared(vp.option_texts, villages, options, lang=lang)
st.session_state[WIDGET_KEY] = vp.choose_village(
    url_value=st.query_params.get(URL_KEY), current=st.session_state.get(WIDGET_KEY),
    last_url_value=st.session_state.get(SEEN_KEY), options=options, default=default)
st.title(as_text(t("profile_title", lang, village=names[st.session_state[WIDGET_KEY]])))
code = st.selectbox(t("profile_select", lang), options, key=WIDGET_KEY, format_func=option_texts.get,
                    help=t("profile_select_narrowed", lang) if len(options) < len(villages) else None)
if st.query_params.get(URL_KEY) != code:
    st.query_params[URL_KEY] = code
st.session_state[SEEN_KEY] = code

profile = shared(vp.build_profile, code, filters, villages=villages, cases=publication, **tables)
header = profile.header

# Header ----------------------------------------------------------------------------------------------
st.caption(as_text(t("profile_header_line", lang, village_type=code_label("village_type", header.village_type, lang),
                     kecamatan=header.subdistrict_name, regency=header.regency_name, code=header.code,
                     lat=format_number(header.lat, lang, decimals=4), lon=format_number(header.lon, lang, decimals=4))))
st.caption(t("profile_is_programme" if code in programme else "profile_not_programme", lang))
st.caption(t("profile_filters_note", lang))
links = st.columns(2)
links[0].page_link("pages/map.py", label=t("profile_link_map", lang), icon=":material/map:",
                   query_params={"selected": code})
links[1].page_link("pages/progress.py", label=t("profile_link_progress", lang), icon=":material/flag:")

# Activities and reach ----------------------------------------------------------------------------------
st.header(t("profile_reach_header", lang))
reach = profile.reach
if activities is None or reach.activities == 0:
    st.info(t("profile_no_activities", lang))
else:
    tiles = st.columns(6)
    for tile, (key, value) in zip(tiles, (("prog_tile_activities", reach.activities),
                                          ("prog_tile_participants", reach.participants),
                                          ("profile_tile_female", reach.female), ("profile_tile_male", reach.male),
                                          ("profile_tile_disability", reach.with_disability),
                                          ("prog_tile_youth", reach.youth))):
        tile.metric(t(key, lang), format_number(value, lang))
    reach_source = shared(source_line, [profile.activities], as_of=reach.last, lang=lang)
    left, right = st.columns(2)
    left.plotly_chart(shared(build_reach_by_type_chart, profile.by_type, lang=lang, source_line=reach_source),
                      key="profile_type_chart")
    right.plotly_chart(shared(build_reach_over_time_chart, profile.by_month, lang=lang, source_line=reach_source),
                       key="profile_month_chart")
    with left:
        download_ui(partial(village_reach_by_type_frame, profile.by_type, lang=lang),
                    name=f"village_{code}_reach_by_type", lang=lang, key="profile_reach_by_type")
    with right:
        download_ui(partial(reach_by_month_frame, profile.by_month), name=f"village_{code}_reach_by_month", lang=lang,
                    key="profile_reach_by_month")
    st.caption(t("profile_reach_note", lang))

# Indicators --------------------------------------------------------------------------------------------
st.header(t("profile_indicators_header", lang))
if profile.indicators.empty:
    st.info(t("profile_no_indicators", lang))
else:
    table_ui(shared(indicator_table, profile.indicators, lang=lang))
    st.caption(as_text(shared(source_line, [shared(vp.village_values, tables["indicator_values"], code)],
                              as_of=max(profile.indicators["period"]), lang=lang)))
    download_ui(partial(indicator_progress_frame, profile.indicators, lang=lang), name=f"village_{code}_indicators",
                lang=lang, key="profile_indicators")
    st.caption(t("profile_indicators_note", lang))

# Hazards -----------------------------------------------------------------------------------------------
st.header(t("profile_hazard_header", lang))
known = shared(hz.ranked_with_index, profile.hazards)
if known.empty:
    st.info(t("profile_no_hazards", lang))
else:
    hazard_source = shared(source_line, [known], as_of=known["year"].max(), lang=lang)
    st.plotly_chart(shared(build_village_hazard_chart, profile.hazards, lang=lang, village=labels[code],
                           source_line=hazard_source), key="profile_hazard_chart")
    download_ui(partial(village_hazards_frame, profile.hazards, lang=lang), name=f"village_{code}_hazards", lang=lang,
                key="profile_hazards")
    st.caption(t("climate_class_rule", lang))

# Events ------------------------------------------------------------------------------------------------
st.header(t("profile_events_header", lang))
if profile.events.empty:
    st.info(t("profile_no_events", lang))
else:
    village_types = shared(hz.village_types, villages)
    area_name_of = shared(hz.area_names, villages)
    table_ui(shared(events_table, profile.events, area_name_of, village_types, lang=lang))
    st.caption(as_text(shared(source_line, [profile.events], as_of=profile.events["date"].max(), lang=lang)))
    download_ui(partial(events_frame, profile.events, area_name_of, lang=lang), name=f"village_{code}_events",
                lang=lang, key="profile_events")
    st.caption(t("profile_events_note", lang))

# Violence cases: kecamatan level only ------------------------------------------------------------------
st.header(as_text(t("profile_cases_header", lang, kecamatan=header.subdistrict_name)))
st.info(t("profile_cases_why", lang), icon=":material/shield_person:")
cases = profile.cases
if cases is None or cases.table.empty:
    st.info(t("profile_no_cases", lang))
else:
    # Systems and the regency's newest month, never the kecamatan's: that could point at one case.
    cases_source = shared(case_source_line, publication, lang=lang)
    total = label(cases.total, cases.total_state, hidden_text=t("profile_hidden_mark", lang),
                  formatter=lambda v: format_number(v, lang))
    st.metric(as_text(t("profile_cases_total", lang, kecamatan=header.subdistrict_name)), total)
    left, right = st.columns([2, 1])
    left.plotly_chart(shared(build_kecamatan_cases_chart, cases, lang=lang, kecamatan=header.subdistrict_name,
                             source_line=cases_source), key="profile_cases_chart")
    right.dataframe(shared(cases_table, cases, lang=lang), hide_index=True, key="profile_cases_table")
    with right:
        download_ui(partial(cases_frame, {"year": [str(y) for y in cases.table["year"]]},
                            cases.table["value"].to_numpy(), cases.table["state"].to_numpy(), lang=lang,
                            threshold=publication.threshold),
                    name=f"kecamatan_{header.subdistrict_code}_cases_by_year", lang=lang, key="profile_cases")
    st.caption(t("profile_cases_note", lang))
