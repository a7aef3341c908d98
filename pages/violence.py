"""Kekerasan terhadap Perempuan dan Anak / Violence against women and children.

Only published cells (lib.safety.figures over lib.safety.publication) reach this page: no case row
is read, drawn or sent.
"""
from __future__ import annotations

from functools import partial

import streamlit as st

from lib.charts.palette import OKABE_ITO, category_colours
from lib.charts.suppressed import build_safe_bar_chart
from lib.charts.trend import linear_trend
from lib.data.load import TableMissing
from lib.exports.registry import BREAKDOWN_EXPORT_NAMES
from lib.exports.views import breakdown_frame, periods_frame
from lib.metrics.provenance import as_of_text, case_source_line, reader_sources
from lib.safety.figures import (BREAKDOWNS, Figure, by_subdistrict, case_view, compare_periods, figure, source_text,
                                trend, window_years, year_span)
from lib.safety.suppress import label
from lib.texts.data_text import as_text
from lib.texts.i18n import code_label, format_change, format_number, format_period, t
from lib.ui import cache
from lib.safety.notices import dropped_notice, instead_text
from lib.ui.page import page_context
from lib.ui.widgets import download_ui

lang, filters = page_context()
st.title(t("page_violence", lang))
try:
    publication = cache.publication()
except TableMissing:
    publication = None
if publication is None:
    st.info(t("violence_no_cases_table", lang))
    st.stop()
villages = cache.table("villages")

threshold = publication.threshold
shared = cache.page_calls(filters)   # shared by the sessions that ask the same; the default view kept on disk
view = shared(case_view, publication, filters)
source = source_text(publication)
source_line = shared(case_source_line, publication, lang=lang)
st.caption(t("violence_caveat", lang, source=as_text(reader_sources(source, lang)),
             as_of=as_of_text(publication.last_month, lang),
             verified=t("violence_verified_demo" if "DEMO" in source else "violence_verified_unknown", lang)))
st.info(t("violence_safety", lang, threshold=threshold), icon=":material/shield:")
whole_window = year_span(publication.years)
shown_years = year_span(window_years(publication, view))
if view.lifted_villages:
    st.warning(t("violence_note_lifted", lang))
if view.snapped_period:
    st.caption(t("violence_note_snapped", lang, period=shown_years))
if view.ignored_disability:
    st.caption(t("violence_note_disability", lang))
notice_slot = st.empty()       # one notice for every figure that could not follow the filters
dropped: set[str] = set()


def tile_text(value: float | None, state) -> str:
    return label(value, state, formatter=lambda v: format_number(v, lang))


def noted(found: Figure) -> Figure:
    dropped.update(found.dropped)
    return found


def shown_for(found: Figure) -> str:
    """What the figure shows instead of the filters it could not follow ('' when it followed them)."""
    return instead_text(found.dropped, lang, window=whole_window)


def chart_note(found: Figure) -> None:
    if found.dropped:
        st.caption(t("case_note_chart_dropped", lang, instead=shown_for(found)))


tiles = st.columns(4)
total = noted(shared(figure, publication, view))
tiles[0].metric(t("tile_cases", lang), tile_text(*total.single),
                help=t("tile_cases_help", lang, period=year_span(total.shown_years or publication.years)))
comparison = shared(compare_periods, publication, view)
change = comparison.relative_change
tiles[1].metric(t("tile_this_period", lang), tile_text(comparison.current, comparison.current_state),
                delta=None if change is None else format_change(change, lang),
                delta_color="off" if change is None or round(100 * change) == 0 else "inverse",   # fewer: green
                delta_arrow="off" if change is None or round(100 * change) == 0 else "auto",     # no change: no arrow
                delta_description=t("tile_change", lang, previous=comparison.previous_label,
                                    count=tile_text(comparison.previous, comparison.previous_state))
                if comparison.has_previous else None,
                help=t("tile_this_period_help", lang, current=comparison.current_label,
                       previous=comparison.previous_label) if comparison.has_previous
                else t("tile_cases_help", lang, period=comparison.current_label))
women = noted(shared(figure, publication, view, group="women"))
tiles[2].metric(t("tile_women_victims", lang), tile_text(*women.single))
children = noted(shared(figure, publication, view, group="children"))
tiles[3].metric(t("tile_child_victims", lang), tile_text(*children.single))

hidden_text, hidden_hover = "–", t("hidden_hover", lang)
grain = st.radio(t("granularity", lang), ["quarter", "year"], index=0, horizontal=True, key="violence_granularity",
                 format_func=lambda g: t(f"granularity_{g}", lang))
by_period = noted(shared(trend, publication, view, grain))
if by_period.all_hidden:
    st.info(t("case_chart_all_hidden", lang, chart=t("chart_cases_by_period", lang, unit=t(f"granularity_{grain}", lang))))
else:
    st.plotly_chart(shared(build_safe_bar_chart,
        by_period.values, by_period.states, categories=[format_period(p, lang) for p in by_period.values.index],
        lang=lang, title=t("chart_cases_by_period", lang, unit=t(f"granularity_{grain}", lang)), source=source_line,
        hidden_text=hidden_text, hidden_hover=hidden_hover, colours=OKABE_ITO[0], value_axis=t("axis_cases", lang),
        trend=shared(linear_trend, by_period.values), trend_name=t("chart_trend", lang)), key="violence_by_period")
    chart_note(by_period)
    download_ui(partial(periods_frame, by_period.values, by_period.states, lang=lang, threshold=threshold,
                        shown_for=shown_for(by_period)),
                name=f"cases_by_{grain}", lang=lang, key="violence_by_period")

columns = st.columns(2)
for index, (dimension, (list_name, multi)) in enumerate(BREAKDOWNS.items()):
    found = noted(shared(figure, publication, view, (dimension,)))
    codes_ = list(found.values.index)
    colours = category_colours(list_name)
    title = t(f"chart_by_{dimension}", lang)
    with columns[index % 2]:
        if found.all_hidden:
            st.info(t("case_chart_all_hidden", lang, chart=title))
            continue
        st.plotly_chart(shared(build_safe_bar_chart,
            found.values, found.states, categories=[code_label(list_name, c, lang) for c in codes_], lang=lang,
            title=title, source=source_line, hidden_text=hidden_text, hidden_hover=hidden_hover,
            colours=[colours[c] for c in codes_], horizontal=True, value_axis=t("axis_cases", lang), height=340),
            key=f"violence_by_{dimension}")
        chart_note(found)
        if multi:
            st.caption(t("multi_count_note", lang))
        download_ui(partial(breakdown_frame, found.values, found.states, lang=lang, threshold=threshold,
                            list_name=list_name, shown_for=shown_for(found)),
                    name=BREAKDOWN_EXPORT_NAMES[dimension], lang=lang, key=f"violence_by_{dimension}")

regency_kecamatan = tuple(sorted(villages.loc[villages["regency_code"].isin(filters.regencies), "subdistrict_code"]
                                 .unique())) if filters.regencies else ()
by_area = noted(shared(by_subdistrict, publication, view, regency_kecamatan))
names = dict(zip(villages["subdistrict_code"], villages["subdistrict_name"]))
title = t("chart_by_subdistrict", lang)
if by_area.all_hidden:
    st.info(t("case_chart_all_hidden", lang, chart=title))
else:
    st.plotly_chart(shared(build_safe_bar_chart,
        by_area.values, by_area.states, categories=[names.get(c, c) for c in by_area.values.index], lang=lang,
        title=title, source=source_line, hidden_text=hidden_text, hidden_hover=hidden_hover,
        colours=OKABE_ITO[0], horizontal=True, value_axis=t("axis_cases", lang),
        height=max(340, 26 * len(by_area.values) + 120)), key="violence_by_subdistrict")
    chart_note(by_area)
    download_ui(partial(breakdown_frame, by_area.values, by_area.states, lang=lang, threshold=threshold, names=names,
                        key="subdistrict_code", name_key="subdistrict_name", shown_for=shown_for(by_area)),
                name="cases_by_kecamatan", lang=lang, key="violence_by_subdistrict")

notice = dropped_notice(dropped, lang, window=whole_window)
if notice:
    notice_slot.info(notice, icon=":material/filter_alt_off:")
