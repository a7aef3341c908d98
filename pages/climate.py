"""Risiko Iklim / Climate risk: InaRISK hazard classes per village, events, and where the
programme works in high-hazard villages."""
from __future__ import annotations

from functools import partial

import streamlit as st

from lib.ui import cache

from lib.data import codes
from lib.metrics import hazards as hz
from lib.charts.climate import (build_class_counts_chart, build_events_timeline_chart, build_hazard_ranking_chart,
                                events_table, overlap_list, overlap_table, ranking_table, style_hazard_table)
from lib.exports.hazard_views import (events_frame, hazard_by_village_frame, hazard_class_counts_frame,
                                      hazard_ranking_frame, overlap_frame, overlap_list_frame)
from lib.metrics.reach import scoped_activities
from lib.texts.data_text import as_text
from lib.texts.i18n import code_label, format_number, t
from lib.ui.page import page_context
from lib.metrics.provenance import as_of_text, source_line
from lib.ui.widgets import download_ui, table_ui, village_table_ui

TOP_N = 30   # villages drawn in the ranking before "show all" is asked for

lang, filters = page_context()
st.title(t("climate_title", lang))
st.caption(t("climate_intro", lang))

villages = cache.table("villages")
hazards = cache.optional_table("hazards")
if hazards is None:
    st.info(t("climate_no_hazards", lang))
    st.stop()

# Every computation below is shared by the sessions that ask the same, and kept on disk for the default view
# (lib.ui.cache.page_calls).
shared = cache.page_calls(filters)
area = shared(hz.villages_in_area, villages, filters)
latest = shared(hz.latest_hazards, hazards)
in_area = shared(hz.hazards_of, latest, area)
hazard_year = int(in_area["year"].max()) if len(in_area) else None
hazard_source = shared(source_line, [in_area], as_of=hazard_year, lang=lang)
st.caption(t("climate_area_note", lang, villages=format_number(len(area), lang)))

# 1. Hazard index per village -------------------------------------------------------------------------
st.header(t("climate_rank_header", lang))
hazard = st.selectbox(t("climate_hazard_select", lang), codes.HAZARD.values, key="climate_hazard",
                      format_func=lambda code: code_label("hazard", code, lang))
ranking = shared(hz.hazard_ranking, latest, area, hazard=hazard)
with_value = shared(hz.ranked_with_index, ranking)
show_all = len(with_value) <= TOP_N or st.toggle(t("climate_show_all", lang, count=len(with_value)),
                                                 key="climate_show_all")
drawn = with_value if show_all else shared(hz.ranked_with_index, ranking, top=TOP_N)
if len(drawn):
    st.plotly_chart(shared(build_hazard_ranking_chart, drawn, lang=lang, hazard=hazard, source_line=hazard_source),
                    key="climate_ranking_chart")
if not show_all:
    st.caption(t("climate_top_note", lang, shown=TOP_N, total=len(with_value)))
missing = len(ranking) - len(with_value)
if missing:
    st.caption(t("climate_missing_note", lang, count=format_number(missing, lang)))
# The tables below are drawn only while open: one row per village of the area.
with st.expander(t("climate_rank_table", lang), key="climate_rank_open", on_change="rerun") as rank_table:
    if rank_table.open:
        st.dataframe(shared(ranking_table, ranking, lang=lang), hide_index=True, key="climate_ranking_table")
        st.caption(as_text(hazard_source))
download_ui(partial(hazard_ranking_frame, ranking, hazard=hazard, lang=lang), name=f"hazard_ranking_{hazard}",
            lang=lang, key="climate_ranking")
st.caption(t("climate_class_rule", lang))

# 2. Villages per class, every hazard -------------------------------------------------------------------
st.header(t("climate_counts_header", lang))
counts = shared(hz.class_counts, latest, area)
st.plotly_chart(shared(build_class_counts_chart, counts, lang=lang, source_line=hazard_source), key="climate_counts_chart")
download_ui(partial(hazard_class_counts_frame, counts, lang=lang), name="hazard_class_counts", lang=lang)
with st.expander(t("climate_heat_header", lang), key="climate_heat_open", on_change="rerun") as heat_table:
    if heat_table.open:
        labels = hz.village_labels(area)
        kecamatan = area.set_index("village_code")["subdistrict_name"]
        st.dataframe(style_hazard_table(hz.hazard_index_grid(latest, area),
                                        hz.hazard_class_grid(latest, area), labels, kecamatan, lang=lang),
                     hide_index=True, height=420, key="climate_heat_table")
        st.caption(as_text(hazard_source))
    download_ui(partial(hazard_by_village_frame, latest, area, lang=lang), name="hazard_by_village",
                lang=lang)

# 3. Events ---------------------------------------------------------------------------------------------
st.header(t("climate_events_header", lang))
events = cache.optional_table("events")
if events is None:
    st.info(t("climate_no_events", lang))
else:
    use_period = st.toggle(t("climate_events_period_toggle", lang), value=False, key="climate_events_period")
    relevant = shared(hz.events_for_areas, events, shared(hz.data_areas, villages, filters))
    if use_period:
        relevant = shared(hz.events_in_period, relevant, filters)
    st.caption(t("climate_events_period_on" if use_period else "climate_events_period_off", lang))
    st.caption(t("climate_events_area_rule", lang))
    if relevant.empty:
        st.info(t("climate_events_none", lang))
    else:
        names = shared(hz.area_names, villages)
        village_types = shared(hz.village_types, villages)
        events_source = shared(source_line, [relevant], as_of=relevant["date"].max(), lang=lang)
        st.plotly_chart(shared(build_events_timeline_chart, relevant, lang=lang, names=names,
                               village_types=village_types, source_line=events_source),
                        key="climate_events_chart")
        st.caption(t("climate_events_sum_note", lang))
        table_ui(shared(events_table, relevant, names, village_types, lang=lang))
        st.caption(as_text(events_source))
        download_ui(partial(events_frame, relevant, names, lang=lang), name="events", lang=lang)

# 4. Programme villages x high hazard -------------------------------------------------------------------
st.header(t("climate_overlap_header", lang))
activities = cache.optional_table("activities")
if activities is None:
    st.info(t("climate_no_activities", lang))
else:
    rule = st.radio(t("climate_rule_select", lang), ("any", "chosen"), key="climate_high_rule", horizontal=True,
                    format_func=lambda option: t(f"climate_rule_{option}", lang,
                                                 hazard=code_label("hazard", hazard, lang)))
    considered = codes.HAZARD.values if rule == "any" else (hazard,)
    programme = shared(hz.villages_with_activities, activities, filters)
    overlap = shared(hz.programme_hazard_overlap, latest, area, programme, hazards=considered)
    st.caption(t(f"climate_rule_{rule}_explained", lang, hazard=code_label("hazard", hazard, lang)))
    tiles = st.columns(3)
    tiles[0].metric(t("programme_villages", lang), format_number(int(overlap.table.loc[True].sum()), lang))
    tiles[1].metric(t("climate_tile_overlap", lang), format_number(len(overlap.overlapping), lang))
    tiles[2].metric(t("climate_tile_gaps", lang), format_number(len(overlap.gaps), lang))
    st.dataframe(shared(overlap_table, overlap.table, lang=lang), key="climate_overlap_table")
    download_ui(partial(overlap_frame, overlap.table, lang=lang), name="programme_x_high_hazard", lang=lang)
    in_period = shared(scoped_activities, activities, filters)
    as_of = t("climate_overlap_as_of", lang, date=as_of_text(in_period["date"].max() if len(in_period) else None, lang),
              year=as_of_text(hazard_year, lang))
    overlap_source = shared(source_line, [in_period, in_area], as_of=as_of, lang=lang)
    st.caption(as_text(overlap_source))
    for title_key, frame, key in (("climate_overlap_list", overlap.overlapping, "climate_overlap_list"),
                                  ("climate_gap_list", overlap.gaps, "climate_gap_list")):
        st.subheader(t(title_key, lang))
        village_table_ui(shared(overlap_list, frame, lang=lang, filters=filters), link_column=t("climate_col_profile", lang),
                         key=key, lang=lang)
        download_ui(partial(overlap_list_frame, frame, lang=lang), name=key.removeprefix("climate_"), lang=lang,
                    key=key)
    st.caption(t("climate_no_data_rule", lang))
