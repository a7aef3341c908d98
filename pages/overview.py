"""Ringkasan / Overview: the programme at a glance, one tile per question a donor asks."""
from __future__ import annotations

from functools import partial

import streamlit as st

from lib.ui import cache
from lib.exports.views import village_list_frame
from lib.metrics.overview import programme_elapsed, trend_span
from lib.metrics.progress_tables import indicator_tile_words, lagging_lines
from lib.texts.area import area_text
from lib.texts.data_text import as_text
from lib.texts.i18n import format_date, format_number, format_period, t
from lib.ui.page import page_context
from lib.metrics.provenance import case_source_line, source_line
from lib.safety.figures import year_span
from lib.safety.notices import instead_text
from lib.safety.suppress import label
from lib.ui.widgets import download_ui, meeting_downloads_ui, slide_context

lang, filters = page_context()
villages = cache.table("villages")
st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang, area=as_text(cache.shared(area_text, villages, filters, lang))) + " · " + t("overview_intro", lang))
meeting_downloads_ui(slide_context(lang, filters), lang=lang, key="overview_meeting")


def number(value: float) -> str:
    return format_number(value, lang)


def source(frame, as_of) -> str:
    """The source line for a caption: it names the data's sources, escaped (they are data text)."""
    return as_text(cache.shared(source_line, [frame], as_of=as_of, lang=lang))


def tile(column):
    """One tile: a bordered box as tall as the tallest of its row, holding the number, its trend's
    dates and its source (a caption under the box reads as belonging to the next one)."""
    return column.container(border=True, height="stretch")


def missing(column, title_key: str) -> None:
    with tile(column):
        st.metric(t(title_key, lang), "–")
        st.caption(t("tile_missing", lang))


top, bottom = st.columns(3), st.columns(3)

activities = cache.optional_table("activities")
if activities is None:
    missing(top[0], "tile_reached")
    missing(top[1], "tile_coverage")
else:
    reach = cache.overview_tile("reach", filters)     # one computation per filters for every session
    totals = reach.totals
    share = "–" if totals.women_share is None else format_number(100 * totals.women_share, lang) + "%"
    with tile(top[0]):
        st.metric(t("tile_reached", lang), number(reach.people), chart_data=reach.by_quarter,
                  chart_type="area", help=t("tile_reached_help", lang),
                  delta=t("participants_women_share", lang, share=share), delta_color="off", delta_arrow="off")
        st.caption(" · ".join(filter(None, [trend_span(reach.quarters, lang=lang), t(
            "tile_reached_detail", lang, women=number(totals.female), men=number(totals.male),
            disability=number(totals.with_disability), youth=number(totals.youth))])))
        st.caption(source(activities, totals.as_of))
    coverage = cache.overview_tile("coverage", filters)
    with tile(top[1]):
        st.metric(t("tile_coverage", lang), t("tile_coverage_value", lang, covered=number(coverage.covered),
                                              villages=number(coverage.villages)),
                  chart_data=coverage.cumulative_by_quarter, chart_type="area", help=t("tile_coverage_help", lang))
        st.caption(trend_span(coverage.quarters, lang=lang))
        st.caption(source(activities, totals.as_of))

indicators, values = cache.optional_table("indicators"), cache.optional_table("indicator_values")
if indicators is None or values is None:
    missing(top[2], "tile_indicators")
else:
    status = cache.overview_tile("indicators", filters)
    shown_value, detail = indicator_tile_words(status.counts, lang=lang)
    with tile(top[2]):
        st.metric(t("tile_indicators", lang), shown_value, help=t("tile_indicators_help", lang),
                  delta=detail, delta_color="off", delta_arrow="off")
        st.caption(source(values, status.as_of))

publication = cache.publication()
if publication is None:
    missing(bottom[0], "tile_cases_year")
else:
    safe = cache.overview_tile("cases", filters)
    comparison = safe.comparison

    def shown(value, state) -> str:
        return label(value, state, formatter=number)

    with tile(bottom[0]):
        st.metric(t("tile_cases_year", lang, year=comparison.current_label),
                  shown(comparison.current, comparison.current_state),
                  chart_data=safe.by_year, chart_type="area", help=t("tile_cases_year_help", lang),
                  delta=t("tile_cases_detail", lang, previous=comparison.previous_label,
                          count=shown(comparison.previous, comparison.previous_state))
                  if comparison.has_previous else None,
                  delta_color="off", delta_arrow="off")
        if safe.by_year:
            st.caption(trend_span(safe.years, lang=lang))
        # Source systems and the newest month: never the case file's free text, never a day.
        st.caption(as_text(case_source_line(publication, lang=lang)))
        if comparison.dropped:      # the same words as the violence page and the headline slide
            st.caption(t("case_note_chart_dropped", lang, instead=instead_text(
                comparison.dropped, lang, window=year_span(publication.years))))

hazards = cache.optional_table("hazards")
if hazards is None:
    missing(bottom[1], "tile_hazard")
else:
    high = cache.overview_tile("hazards", filters)
    with tile(bottom[1]):
        st.metric(t("tile_hazard", lang), t("tile_hazard_value", lang, high=number(high.high),
                                            villages=number(high.villages)),
                  help=t("tile_hazard_help", lang),
                  delta=high.detail(lang, number),
                  delta_color="off", delta_arrow="off")
        st.caption(source(hazards, high.year))

with tile(bottom[2]):
    for script, key in (("pages/progress.py", "page_progress"), ("pages/violence.py", "page_violence"),
                        ("pages/climate.py", "page_climate"), ("pages/map.py", "page_map")):
        st.page_link(script, label=t("open_page", lang, page=t(key, lang)), icon=":material/arrow_forward:")

if indicators is not None and values is not None:
    # A donor's first question: which targets are behind. Named, with value against target, in words.
    elapsed = cache.durable(programme_elapsed, indicators, values, status.as_of)   # a first view's, kept
    if elapsed is not None:     # beside the behind list: behind against how much time has passed
        done, months = elapsed.months
        st.progress(elapsed.share, text=t("ov_elapsed", lang, elapsed=number(done), months=number(months),
                                           start=format_period(elapsed.start.strftime("%Y-%m"), lang),
                                           end=format_period(elapsed.end.strftime("%Y-%m"), lang),
                                           as_of=format_date(elapsed.as_of, lang)))
    st.subheader(t("ov_lagging_title", lang))
    lines = cache.shared(lagging_lines, status.lagging, lang=lang)
    st.markdown("\n".join(f"- {as_text(line)}" for line in lines) if lines else t("ov_lagging_none", lang))
    st.caption(source(values, status.as_of))

area = villages if not filters.regencies else villages[villages["regency_code"].isin(filters.regencies)]
# Drawn only while open: at the scale of a province the list has thousands of rows.
with st.expander(t("village_list", lang), key="overview_village_list", on_change="rerun") as village_list:
    if village_list.open:
        shown_columns = area[["village_code", "village_name", "village_type", "subdistrict_name", "regency_name"]]
        st.dataframe(shown_columns.rename(columns={c: t(f"col_{c}", lang) for c in shown_columns.columns}),
                     hide_index=True, height=320)
        st.caption(t("geography_source", lang))
    download_ui(partial(village_list_frame, area), name="villages", lang=lang)
