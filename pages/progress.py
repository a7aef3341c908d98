"""Capaian Program / Programme progress: results framework, progress over time, disaggregation,
reach of activities and villages lagging behind. Draws only; lib computes."""
from __future__ import annotations

import pandas as pd
from functools import partial

import streamlit as st

from lib.ui import cache

from lib.data import codes
from lib.charts.progress import (STATUS_COLOURS, build_disaggregation_chart, build_progress_over_time_chart,
                                 build_reach_by_area_chart, build_reach_by_type_chart, build_status_chart)
from lib.metrics.provenance import source_line
from lib.exports.views import (disaggregation_frame, indicator_progress_frame, indicator_series_frame, lagging_frame,
                              reach_by_area_frame, reach_by_type_frame)
from lib.texts.data_text import as_text, as_text_table
from lib.texts.i18n import format_date, format_number, in_language, t
from lib.metrics.indicators import (BEHIND_TOLERANCE, ON_TRACK_TOLERANCE, SMALL_COUNT_UNITS, covers_whole_programme, declared_disaggregations, disaggregation_summary,
                            framework_progress, programme_start, reported_wider, rows_of_indicator, scoped_values, shown_series,
                            target_applies)
from lib.ui.page import page_context
from lib.metrics.reach import (LAG_WEIGHTS, lagging_villages, participants_by_village, profile_links,
                                programme_villages, reach_by_area, reach_by_type, reach_level, reach_totals,
                                scoped_activities, village_progress)
from lib.data.settings import min_shown_count
from lib.metrics.progress_tables import framework_table, lag_table, status_styles
from lib.ui.widgets import download_ui, village_table_ui


lang, filters = page_context()
villages = cache.table("villages")
indicators = cache.optional_table("indicators")
values = cache.optional_table("indicator_values")
activities = cache.optional_table("activities")

st.title(t("page_progress", lang))
st.caption(t("prog_intro", lang))

# 1. Results framework ------------------------------------------------------------------------------------
st.header(t("prog_framework_heading", lang))
if indicators is None or values is None:
    st.info(t("prog_no_data_anywhere", lang))
    st.stop()
# Every computation below is shared by the sessions that ask the same, and kept on disk for the default view
# (lib.ui.cache.page_calls).
shared = cache.page_calls(filters)
start = shared(programme_start, values)
scoped, series = shared(shown_series, values, indicators, filters)
whole_programme = shared(covers_whole_programme, filters, values)
framework = shared(framework_progress, indicators, series, start=start, whole_programme=whole_programme,
                   reported_wider=shared(reported_wider, values, filters))
framework_source = shared(source_line, [scoped, indicators], as_of=series["period_end"].max(), lang=lang)

counts = framework["status"].value_counts()
tiles = st.columns(4)
for tile, status in zip(tiles, ("achieved", "on_track", "behind", "off_track")):
    tile.metric(t(f"prog_status_{status}", lang), format_number(int(counts.get(status, 0)), lang))

st.plotly_chart(shared(build_status_chart, framework, lang=lang, source=framework_source), key="progress_status_chart")
styles = status_styles(STATUS_COLOURS, lang=lang)
status_column, code_column = t("prog_hover_status", lang), t("prog_col_code", lang)
shown_framework = shared(framework_table, framework, lang=lang)
styled = as_text_table(shown_framework.frame).style.map(lambda label: styles.get(label, ""), subset=[status_column])
st.table(styled.set_properties(subset=[code_column, status_column], **{"white-space": "nowrap"}).hide(axis="index"))
if shown_framework.target_date is not None:
    st.caption(t("prog_target_date_all", lang, date=format_date(shown_framework.target_date, lang)))
st.caption(as_text(framework_source))
download_ui(partial(indicator_progress_frame, framework, lang=lang), name="indicator_progress", lang=lang)
st.caption(" ".join([
    t("prog_caption_status", lang, start=format_date(start, lang), on_track=format_number(ON_TRACK_TOLERANCE, lang),
      behind=format_number(BEHIND_TOLERANCE, lang)),
    t("prog_caption_aggregation", lang), t("prog_caption_area", lang), t("prog_caption_partial", lang),
    t("prog_caption_groups", lang),
    *([t("prog_caption_hidden", lang, threshold_less=min_shown_count() - 1)]
      if indicators["unit"].isin(SMALL_COUNT_UNITS).any() else []),
]))

# 2. Progress over time ---------------------------------------------------------------------------------
st.header(t("prog_over_time_heading", lang))
names = dict(zip(indicators["indicator_code"], indicators[in_language("name", lang)]))
code = st.selectbox(t("prog_col_name", lang), list(names), key="progress_indicator",
                    format_func=lambda c: f"{c} · {names[c]}")
indicator = indicators[(indicators["indicator_code"] == code).to_numpy()].iloc[0]
indicator_series = shared(rows_of_indicator, series, code)
if indicator_series.empty:
    st.info(t("prog_no_values", lang))
else:
    rows_behind = shared(rows_of_indicator, scoped, code)
    st.plotly_chart(shared(
        build_progress_over_time_chart, indicator_series, indicator=indicator, start=start, lang=lang,
        source=shared(source_line, [rows_behind], as_of=indicator_series["period_end"].max(), lang=lang),
        with_target=bool(target_applies(pd.Series([indicator["unit"]]), whole_programme=whole_programme).iloc[0]),
    ), key="progress_over_time_chart")
    download_ui(partial(indicator_series_frame, indicator_series), name=f"indicator_{code}_over_time", lang=lang,
                key="progress_over_time")
    if indicator_series["hidden"].any():
        st.caption(t("prog_caption_hidden", lang, threshold_less=min_shown_count() - 1))

# 3. Disaggregation -----------------------------------------------------------------------------------------
st.subheader(t("prog_disagg_heading", lang))
if not declared_disaggregations(indicators, code):
    st.info(t("prog_disagg_none", lang))
else:
    groups, sources = shared(disaggregation_summary, values, indicators, filters, indicator_code=code)
    groups_source = "" if groups.empty else shared(source_line, [sources], as_of=groups["period_end"].max(), lang=lang)
    if groups.empty:
        st.info(t("prog_no_values", lang))
    else:
        st.plotly_chart(shared(build_disaggregation_chart, groups, indicator=indicator, lang=lang, source=groups_source),
                        key="progress_disaggregation_chart")
        download_ui(partial(disaggregation_frame, groups, indicator_code=code, lang=lang),
                    name=f"indicator_{code}_groups", lang=lang, key="progress_disaggregation")
        st.caption(t("prog_disagg_caption", lang) + " " + t("prog_caption_aggregation", lang))

# 4. Reach ----------------------------------------------------------------------------------------------------
st.header(t("prog_reach_heading", lang))
in_scope = shared(scoped_activities, activities, filters) if activities is not None else None
reach = shared(reach_totals, in_scope) if in_scope is not None else None
if reach is None or reach.activities == 0:
    st.info(t("prog_no_activities", lang))
else:
    reach_source = shared(source_line, [in_scope], as_of=reach.as_of, lang=lang)
    share = "–" if reach.women_share is None else format_number(100 * reach.women_share, lang) + "%"
    reach_tiles = (("prog_tile_participants", format_number(reach.participants, lang)),
                   ("prog_tile_women_share", share), ("prog_tile_youth", format_number(reach.youth, lang)),
                   ("prog_tile_disability", format_number(reach.with_disability, lang)),
                   ("prog_tile_activities", format_number(reach.activities, lang)))
    for tile, (label_key, shown_value) in zip(st.columns(len(reach_tiles)), reach_tiles):
        tile.metric(t(label_key, lang), shown_value)
    sexes = filters.sexes or codes.SEX.values
    by_type = shared(reach_by_type, in_scope)
    st.plotly_chart(shared(build_reach_by_type_chart, by_type, sexes=sexes, lang=lang, source=reach_source),
                    key="progress_reach_type_chart")
    download_ui(partial(reach_by_type_frame, by_type, lang=lang), name="reach_by_activity_type", lang=lang)
    level = reach_level(filters)
    by_area = shared(reach_by_area, in_scope, villages, level=level)
    st.plotly_chart(shared(build_reach_by_area_chart, by_area, level=level, sexes=sexes, lang=lang, source=reach_source),
                    key="progress_reach_area_chart")
    download_ui(partial(reach_by_area_frame, by_area, level=level, villages=villages),
                name=f"reach_by_{'village' if level == 'desa' else 'kecamatan'}", lang=lang, key="progress_reach_area")
    st.caption(t("prog_reach_caption", lang))

# 5. Villages lagging behind --------------------------------------------------------------------------------
st.header(t("prog_lag_heading", lang))
activity_villages = activities["village_code"] if activities is not None else pd.Series(dtype="string")
programme = shared(programme_villages, activity_villages, values, filters)
if programme.empty:
    st.info(t("prog_no_programme_villages", lang))
else:
    village_rows = shared(scoped_values, values, filters, village_level=True)
    progress = shared(village_progress, village_rows, indicators, start=start)
    reach_per_village = shared(participants_by_village, in_scope) if in_scope is not None else pd.Series(dtype=float)
    lagging = shared(lagging_villages, villages, programme, progress, reach_per_village)
    village_table_ui(shared(lag_table, lagging, shared(profile_links, lagging["village_code"], lang=lang, filters=filters),
                            lang=lang),
                     link_column=t("prog_col_profile", lang), key="progress_lag_table", lang=lang)
    behind = [village_rows] + ([in_scope] if in_scope is not None else [])
    as_of_dates = [progress["as_of"].max(), pd.Timestamp(reach.as_of) if reach and reach.as_of else pd.NaT]
    st.caption(as_text(shared(source_line, behind, as_of=max((d for d in as_of_dates if pd.notna(d)), default=None),
                              lang=lang)))
    download_ui(partial(lagging_frame, lagging), name="lagging_villages", lang=lang)
    st.caption(t("prog_lag_caption", lang, w_progress=format_number(LAG_WEIGHTS["progress"], lang, decimals=1),
                 w_reach=format_number(LAG_WEIGHTS["reach"], lang, decimals=1)))
