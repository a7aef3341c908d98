"""Kekerasan terhadap Perempuan dan Anak / Violence against women and children.

Only safe counts from lib.safety.violence reach this page; no case row is drawn or sent.
"""
from __future__ import annotations

from dataclasses import replace

from functools import partial

import streamlit as st

from lib.ui import cache
from lib.data.aggregate import Granularity
from lib.charts.suppressed import build_safe_bar_chart
from lib.exports.registry import BREAKDOWN_EXPORT_NAMES
from lib.exports.views import breakdown_frame, periods_frame
from lib.texts.i18n import code_label, format_date, format_number, format_period, t
from lib.data.load import TableMissing
from lib.ui.page import page_context
from lib.charts.palette import OKABE_ITO, category_colours
from lib.data.settings import min_shown_count
from lib.metrics.provenance import named_source_line, source_names
from lib.safety.suppress import label
from lib.safety.violence import (BREAKDOWNS, CHILD_VICTIMS, WOMEN_VICTIMS, as_of, case_scope, compare_periods, linear_trend,
                          safe_breakdown, safe_by_area, safe_by_period, safe_total_cases, year_span)
from lib.ui.widgets import download_ui

lang, filters = page_context()
st.title(t("page_violence", lang))
try:
    cases = cache.table("cases")
except TableMissing:
    st.info(t("violence_no_cases_table", lang))
    st.stop()
villages = cache.table("villages")

threshold = min_shown_count()
data = cache.case_data()   # shared with every rerun: the counts already found are kept
first, last = data.first_month, data.last_month
scope = case_scope(filters)
source = source_names(cases)
as_of_text = format_date(as_of(cases), lang)
source_line = named_source_line(source, as_of=as_of(cases), lang=lang)
demo = "DEMO" in source
st.caption(t("violence_caveat", lang, source=source, as_of=as_of_text,
             verified=t("violence_verified_demo" if demo else "violence_verified_unknown", lang)))
st.info(t("violence_safety", lang, threshold=threshold), icon=":material/shield:")
if scope.lifted_villages:
    st.warning(t("violence_note_lifted", lang))
whole_span = year_span(replace(scope.filters, period_from=scope.filters.period_from or first,
                               period_to=scope.filters.period_to or last))     # an open end: the data's
if scope.snapped_period:
    st.caption(t("violence_note_snapped", lang, period=whole_span))
if filters.disabilities:
    st.caption(t("violence_note_disability", lang))


def tile_text(value: float | None, state) -> str:
    return label(value, state, formatter=lambda v: format_number(v, lang))


tiles = st.columns(4)
total = safe_total_cases(data, scope)
tiles[0].metric(t("tile_cases", lang), tile_text(*total), help=t("tile_cases_help", lang, period=whole_span))
comparison = compare_periods(data, scope)
change = comparison.relative_change
tiles[1].metric(t("tile_this_period", lang), tile_text(comparison.current, comparison.current_state),
                delta=None if change is None else f"{'+' if change >= 0 else '−'}{format_number(abs(100 * change), lang)}%",
                delta_color="inverse",
                delta_description=t("tile_change", lang, previous=comparison.previous_label,
                                    count=tile_text(comparison.previous, comparison.previous_state))
                if comparison.has_previous else None,
                help=t("tile_this_period_help", lang, current=comparison.current_label,
                       previous=comparison.previous_label))
women = safe_total_cases(data, scope, where=WOMEN_VICTIMS)
tiles[2].metric(t("tile_women_victims", lang), tile_text(*women))
children = safe_total_cases(data, scope, where=CHILD_VICTIMS)
tiles[3].metric(t("tile_child_victims", lang), tile_text(*children))

units = [Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR]
asked = st.radio(t("granularity", lang), units, index=1, horizontal=True, key="violence_granularity",
                 format_func=lambda g: t(f"granularity_{g.value}", lang))
by_period, shown_unit = safe_by_period(data, scope, asked)
if "coarsened" in by_period.notes:
    st.caption(t("violence_note_coarsened", lang, asked=t(f"granularity_{asked.value}", lang),
                 shown=t(f"granularity_{shown_unit.value}", lang)))
hidden_text, hidden_hover = "–", t("hidden_hover", lang)
st.plotly_chart(build_safe_bar_chart(
    by_period.series, by_period.states, categories=[format_period(p, lang) for p in by_period.series.index], lang=lang,
    title=t("chart_cases_by_period", lang, unit=t(f"granularity_{shown_unit.value}", lang)), source=source_line,
    hidden_text=hidden_text, hidden_hover=hidden_hover, colours=OKABE_ITO[0], value_axis=t("axis_cases", lang),
    trend=linear_trend(by_period.series), trend_name=t("chart_trend", lang)), key="violence_by_period")
download_ui(partial(periods_frame, by_period.series, by_period.states, lang=lang, threshold=threshold),
            name=f"cases_by_{shown_unit.value}", lang=lang, key="violence_by_period")

breakdowns = {breakdown: safe_breakdown(data, scope, breakdown) for breakdown in BREAKDOWNS}
if any("small_selection" in safe.notes for safe in breakdowns.values()):
    st.info(t("violence_note_small_selection", lang, threshold=threshold), icon=":material/shield:")
columns = st.columns(2)
for index, breakdown in enumerate(BREAKDOWNS):
    column, list_name, multi = BREAKDOWNS[breakdown]
    safe = breakdowns[breakdown]
    codes_ = list(safe.series.index)
    colours = category_colours(list_name)
    with columns[index % 2]:
        st.plotly_chart(build_safe_bar_chart(
            safe.series, safe.states, categories=[code_label(list_name, c, lang) for c in codes_], lang=lang,
            title=t(f"chart_by_{breakdown}", lang), source=source_line, hidden_text=hidden_text,
            hidden_hover=hidden_hover, colours=[colours[c] for c in codes_], horizontal=True,
            value_axis=t("axis_cases", lang), height=340), key=f"violence_by_{breakdown}")
        if multi:
            st.caption(t("multi_count_note", lang))
        download_ui(partial(breakdown_frame, safe.series, safe.states, lang=lang, threshold=threshold,
                            list_name=list_name),
                    name=BREAKDOWN_EXPORT_NAMES[breakdown], lang=lang, key=f"violence_by_{breakdown}")

by_area = safe_by_area(data, scope, villages)
names = dict(zip(villages["subdistrict_code"], villages["subdistrict_name"]))
st.plotly_chart(build_safe_bar_chart(
    by_area.series, by_area.states, categories=[names.get(c, c) for c in by_area.series.index], lang=lang,
    title=t("chart_by_subdistrict", lang), source=source_line, hidden_text=hidden_text, hidden_hover=hidden_hover,
    colours=OKABE_ITO[0], horizontal=True, value_axis=t("axis_cases", lang),
    height=max(340, 26 * len(by_area.series) + 120)), key="violence_by_subdistrict")
download_ui(partial(breakdown_frame, by_area.series, by_area.states, lang=lang, threshold=threshold, names=names,
                            key="subdistrict_code", name_key="subdistrict_name"),
            name="cases_by_kecamatan", lang=lang, key="violence_by_subdistrict")
