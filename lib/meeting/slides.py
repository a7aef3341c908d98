"""One builder per slide: SlideContext -> Slide, with the chart from the page's own chart builder.

The words (message and speaker notes) say the key numbers in the slide's language; a case count
is only ever a published cell (lib.safety.figures), said as the violence page shows it (a number of
5 or more, 0, "fewer than 5" or "hidden"), and a case figure that could not follow the filters says
what it shows instead. No streamlit.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lib.metrics import hazards as hz
from lib.charts.climate import build_class_counts_chart
from lib.charts.progress import build_reach_by_area_chart, build_status_chart
from lib.charts.suppressed import build_safe_bar_chart
from lib.charts.trend import linear_trend
from lib.exports.views import indicator_progress_frame, periods_frame, priority_frame, reach_by_area_frame
from lib.exports.hazard_views import hazard_class_counts_frame
from lib.texts.i18n import code_label, format_date, format_number, format_period, in_language, t
from lib.metrics.overview import cases_tile, coverage_tile, hazard_tile, indicator_tile, reach_tile
from lib.charts.palette import OKABE_ITO
from lib.meeting.context import NEXUS_WEIGHTS, Headline, MapPicture, Slide, SlideContext
from lib.map.priority import display_frame, priority_export
from lib.metrics.reach import reach_by_area, reach_level, reach_totals
from lib.metrics.progress_tables import JUDGED_STATUSES, indicator_tile_words
from lib.safety.suppress import CellState, label
from lib.metrics.provenance import MISSING, as_of_text, named_source_line, reader_sources, source_line, source_names
from lib.safety.figures import (PeriodComparison, as_of_month, compare_periods, source_text, trend,
                                window_years, year_span)

PRIORITY_ROWS = 10      # villages listed on the priority slide
# The map page's priority list without its kecamatan case counts: next to the headline slide's total
# for a chosen area, a kecamatan's count could be subtracted (the counts stay in the download).
PRIORITY_COLUMNS: tuple[str, ...] = ("prog_col_rank", "climate_col_village", "prog_col_kecamatan", "map_tip_priority",
                                     "prog_tile_participants")


def _number(value: float, ctx: SlideContext, *, decimals: int = 0) -> str:
    return format_number(value, ctx.lang, decimals=decimals)


def _percent(share: float | None, ctx: SlideContext) -> str:
    return "–" if share is None or pd.isna(share) else _number(100 * share, ctx) + "%"


# 1. Title ---------------------------------------------------------------------------------------------
def title_slide(ctx: SlideContext) -> Slide:
    lang = ctx.lang
    bullets = (t("slide_title_area", lang, area=ctx.area_text()),
               t("slide_title_period", lang, period=ctx.period_text()),
               t("slide_title_as_of", lang, date=ctx.as_of_text()), *ctx.filter_notes(),
               t("slide_title_made", lang, date=format_date(ctx.today, lang)))
    notes = [t("slide_title_note", lang, area=ctx.area_text(), period=ctx.period_text(), date=ctx.as_of_text())]
    if ctx.demo:
        notes.append(t("demo_banner", lang))
    return Slide("title", t("slide_programme", lang), message=t("slide_title_message", lang), bullets=bullets,
                 notes=tuple(notes))


# 2. Headline numbers -----------------------------------------------------------------------------------
def cases_sentence(comparison: PeriodComparison, ctx: SlideContext) -> str:
    """'In 2025, 60 cases were recorded, 5% more than in 2024.' Never a count from 1 to 4."""
    lang, year, previous = ctx.lang, comparison.current_label, comparison.previous_label
    state = comparison.current_state
    if state == CellState.SMALL:
        return t("note_cases_small", lang, year=year, threshold=ctx.threshold)
    if state == CellState.COMPLEMENT:
        return t("note_cases_hidden", lang, year=year)
    if state == CellState.NO_DATA or comparison.current is None:
        return t("note_cases_none", lang, year=year)
    count = _number(comparison.current, ctx)
    change = comparison.relative_change
    if change is None:
        return t("note_cases_count", lang, year=year, count=count)
    percent = round(abs(100 * change))
    key = "note_cases_same" if percent == 0 else "note_cases_more" if change > 0 else "note_cases_fewer"
    return t(key, lang, year=year, count=count, change=_number(percent, ctx) + "%", previous=previous)


def headline_slide(ctx: SlideContext) -> Slide:
    lang, filters = ctx.lang, ctx.filters
    headlines: list[Headline] = []
    notes: list[str] = []
    sources: list[str] = []
    activities = ctx.table("activities")
    if activities is not None:
        reach = reach_tile(activities, filters)
        share = _percent(reach.totals.women_share, ctx)
        coverage = coverage_tile(activities, ctx.villages, filters)
        headlines += [Headline(t("tile_reached", lang), _number(reach.people, ctx),
                               t("participants_women_share", lang, share=share)),
                      Headline(t("tile_coverage", lang), t("tile_coverage_value", lang, covered=_number(
                          coverage.covered, ctx), villages=_number(coverage.villages, ctx)))]
        notes.append(t("note_reach", lang, people=_number(reach.people, ctx), share=share,
                       covered=_number(coverage.covered, ctx), villages=_number(coverage.villages, ctx)))
        sources.append(source_names(activities))
    indicators, values = ctx.table("indicators"), ctx.table("indicator_values")
    if indicators is not None and values is not None:
        counts = indicator_tile(indicators, values, filters).counts
        on_track = counts.get("achieved", 0) + counts.get("on_track", 0)
        total = sum(counts.get(status, 0) for status in JUDGED_STATUSES)
        headlines.append(Headline(t("tile_indicators", lang), *indicator_tile_words(counts, lang=lang)))
        notes.append(t("note_indicators", lang, on_track=_number(on_track, ctx), total=_number(total, ctx),
                       behind=_number(counts.get("behind", 0), ctx),
                       off_track=_number(counts.get("off_track", 0), ctx)))
        sources.append(source_names(values))
    if ctx.publication is not None:
        comparison = cases_tile(ctx.publication, filters).comparison
        shown_for = ctx.shown_for(comparison.dropped)
        detail = [t("tile_cases_detail", lang, previous=comparison.previous_label,
                    count=_case_label(comparison.previous, comparison.previous_state, ctx))] \
            if comparison.has_previous else []
        detail += [t("case_note_chart_dropped", lang, instead=shown_for)] if shown_for else []
        headlines.append(Headline(t("tile_cases_year", lang, year=comparison.current_label),
                                  _case_label(comparison.current, comparison.current_state, ctx), " · ".join(detail)))
        notes.append(cases_sentence(comparison, ctx))
        notes += [t("slide_count_shown_for", lang, instead=shown_for)] if shown_for else []
    if ctx.table("hazards") is not None:
        high = hazard_tile(ctx.table("hazards"), ctx.villages, filters)
        headlines.append(Headline(t("tile_hazard", lang), t("tile_hazard_value", lang, high=_number(high.high, ctx),
                                                            villages=_number(high.villages, ctx)),
                                  high.detail(lang, lambda value: _number(value, ctx))))
        notes.append(t("note_hazard", lang, high=_number(high.high, ctx), villages=_number(high.villages, ctx),
                       year=high.year))
        sources.append(source_names(ctx.table("hazards")))
    lines = [named_source_line(", ".join(sources), as_of=ctx.as_of_text(), lang=lang)] if sources else []
    source = "; ".join(lines + ([ctx.case_source_line()] if ctx.publication is not None else []))
    return Slide("headline", t("slide_headline_title", lang), message=notes[0] if notes else t("tile_missing", lang),
                 notes=tuple(notes), headlines=tuple(headlines), source=source)


def _case_label(value: float | None, state: CellState, ctx: SlideContext) -> str:
    return label(value, state, threshold=ctx.threshold, formatter=lambda v: _number(v, ctx))


def shown_instead(ctx: SlideContext, *, count: tuple[str, ...], chart: tuple[str, ...]) -> tuple[str, ...]:
    """What the slide's count and chart show instead of the filters they could not follow: one
    sentence when both gave up the same filters, else one for each that gave up any."""
    lang = ctx.lang
    if set(count) == set(chart):
        return (t("slide_cases_shown_for", lang, instead=ctx.shown_for(count)),) if count else ()
    return tuple(t(key, lang, instead=ctx.shown_for(dropped))
                 for key, dropped in (("slide_count_shown_for", count), ("slide_chart_shown_for", chart)) if dropped)


# 3. Progress against targets -----------------------------------------------------------------------------
def progress_slide(ctx: SlideContext) -> Slide:
    lang = ctx.lang
    title = t("slide_progress_title", lang)
    if ctx.framework is None:
        return Slide("progress", title, message=t("prog_no_data_anywhere", lang))
    table, scoped, series = ctx.framework
    source = source_line([scoped, ctx.table("indicators")], as_of=series["period_end"].max(), lang=lang)
    counts = table["status"].value_counts()
    numbers = {status: _number(int(counts.get(status, 0)), ctx) for status in
               ("achieved", "on_track", "behind", "off_track")}
    message = t("note_progress", lang, total=_number(len(table), ctx), **numbers)
    notes = [message]
    late = table[table["status"].isin(["behind", "off_track"]).to_numpy()]
    if len(late):
        gap = (late["expected_share"] - late["percent_of_target"]).astype(float)
        worst = late.loc[gap.idxmax()]
        notes.append(t("note_progress_worst", lang, code=worst["indicator_code"],
                       name=worst[in_language("name", lang)],
                       percent=_number(worst["percent_of_target"], ctx),
                       expected=_number(worst["expected_share"], ctx)))
    return Slide("progress", title, message=message, notes=tuple(notes),
                 figure=build_status_chart(table, lang=lang, source=source), source=source,
                 export=indicator_progress_frame(table, lang=lang), export_name="indicator_progress")


# 4. Reach --------------------------------------------------------------------------------------------------
def reach_slide(ctx: SlideContext) -> Slide:
    lang, filters = ctx.lang, ctx.filters
    title = t("slide_reach_title", lang)
    in_scope = ctx.activities_in_scope
    if in_scope is None or in_scope.empty:
        return Slide("reach", title, message=t("prog_no_activities", lang))
    totals = reach_totals(in_scope)
    level = reach_level(filters)
    table = reach_by_area(in_scope, ctx.villages, level=level)
    source = source_line([in_scope], as_of=totals.as_of, lang=lang)
    sexes = filters.sexes or ("perempuan", "laki_laki")
    message = t("note_reach_detail", lang, participants=_number(totals.participants, ctx),
                activities=_number(totals.activities, ctx), villages=_number(totals.villages, ctx),
                share=_percent(totals.women_share, ctx))
    top = table.iloc[0]
    notes = (message,
             t("note_reach_groups", lang, youth=_number(totals.youth, ctx),
               disability=_number(totals.with_disability, ctx)),
             t("note_reach_top", lang, area=top["area_name"], participants=_number(top["total"], ctx)))
    return Slide("reach", title, message=message, notes=notes, source=source,
                 figure=build_reach_by_area_chart(table, level=level, sexes=sexes, lang=lang, source=source),
                 export=reach_by_area_frame(table, level=level, villages=ctx.villages),
                 export_name=f"reach_by_{'village' if level == 'desa' else 'kecamatan'}")


# 5. Violence (published cells) ------------------------------------------------------------------------------
def violence_slide(ctx: SlideContext) -> Slide:
    lang, publication, view = ctx.lang, ctx.publication, ctx.case_view
    title = t("slide_violence_title", lang)
    if publication is None:
        return Slide("violence", title, message=t("violence_no_cases_table", lang))
    source = ctx.case_source_line()
    by_year = trend(publication, view, "year")
    chart_title = t("chart_cases_by_period", lang, unit=t("granularity_year", lang))
    comparison = compare_periods(publication, view)
    sentence = cases_sentence(comparison, ctx)
    instead = shown_instead(ctx, count=comparison.dropped, chart=by_year.dropped)
    message = " ".join((sentence, *instead))
    notes = [sentence, *instead]
    # The violence page's notes about the view, each where it applies.
    view_notes = {"violence_safety": True, "violence_note_lifted": view.lifted_villages,
                  "violence_note_snapped": view.snapped_period, "violence_note_disability": view.ignored_disability}
    notes += [t(key, lang, threshold=ctx.threshold, period=year_span(window_years(publication, view)))
              for key, applies in view_notes.items() if applies]
    export = periods_frame(by_year.values, by_year.states, lang=lang, threshold=ctx.threshold,
                           shown_for=ctx.shown_for(by_year.dropped))
    if by_year.all_hidden:
        return Slide("violence", title, message=message, notes=tuple(notes), source=source,
                     bullets=(t("case_chart_all_hidden", lang, chart=chart_title),), export=export,
                     export_name="cases_by_year")
    chart = build_safe_bar_chart(
        by_year.values, by_year.states, categories=[format_period(p, lang) for p in by_year.values.index],
        lang=lang, title=chart_title, source=source, hidden_text="–", hidden_hover=t("hidden_hover", lang),
        colours=OKABE_ITO[0], value_axis=t("axis_cases", lang), trend=linear_trend(by_year.values),
        trend_name=t("chart_trend", lang))
    return Slide("violence", title, message=message, notes=tuple(notes), figure=chart, source=source,
                 export=export, export_name="cases_by_year")


# 6. Climate risk ---------------------------------------------------------------------------------------------
def climate_slide(ctx: SlideContext) -> Slide:
    lang = ctx.lang
    title = t("slide_climate_title", lang)
    latest = ctx.latest_hazards
    if latest is None:
        return Slide("climate", title, message=t("climate_no_hazards", lang))
    in_area = latest[latest["village_code"].isin(ctx.area["village_code"])]
    year = int(in_area["year"].max()) if len(in_area) else None
    source = source_line([in_area], as_of=year, lang=lang)
    counts = hz.class_counts(latest, ctx.area)
    high = hazard_tile(ctx.table("hazards"), ctx.villages, ctx.filters)
    message = t("note_hazard", lang, high=_number(high.high, ctx), villages=_number(high.villages, ctx),
                year=high.year)
    notes = [message]
    widest = counts[hz.HIGH_CLASS].astype(int)
    if widest.max() > 0:
        notes.append(t("note_hazard_widest", lang, hazard=code_label("hazard", widest.idxmax(), lang),
                       villages=_number(widest.max(), ctx)))
    notes.append(t("climate_class_rule", lang))
    return Slide("climate", title, message=message, notes=tuple(notes), source=source,
                 figure=build_class_counts_chart(counts, lang=lang, source_line=source),
                 export=hazard_class_counts_frame(counts, lang=lang), export_name="hazard_class_counts")


# 7. Map and 8. priority villages -------------------------------------------------------------------------------
def boundaries_note(ctx: SlideContext) -> str:
    kinds = ctx.map_geometry.boundary_sources if ctx.map_geometry is not None else frozenset()
    key = "map_boundaries_official" if kinds == {"official"} else \
        "map_boundaries_approximate" if "official" not in kinds else "map_boundaries_mixed"
    return t(key, ctx.lang)


def _top_names(ranked: pd.DataFrame, ctx: SlideContext, count: int) -> str:
    names = ctx.villages.set_index("village_code")["village_name"]
    top = ranked[ranked["priority"].notna()].head(count)
    return ", ".join(f"{names.get(code, code)} ({_number(p, ctx, decimals=2)})"
                     for code, p in zip(top["village_code"], top["priority"])) or "–"


def _formula(ctx: SlideContext) -> str:
    weights = NEXUS_WEIGHTS.normalised()
    return t("note_priority_formula", ctx.lang, hazard=_number(weights.hazard, ctx, decimals=1),
             violence=_number(weights.violence, ctx, decimals=1), gap=_number(weights.gap, ctx, decimals=1))


def map_slide(ctx: SlideContext) -> Slide:
    lang = ctx.lang
    inputs, ranked = ctx.nexus
    colours, legend = ctx.priority_colours()
    message = t("note_map", lang, top=_top_names(ranked, ctx, 3))
    notes = (message, _formula(ctx), boundaries_note(ctx))
    picture = MapPicture(colours, legend, (boundaries_note(ctx),))
    return Slide("map", t("slide_map_title", lang), message=message, notes=notes, picture=picture,
                 source=inputs.source_line)


def priority_slide(ctx: SlideContext) -> Slide:
    lang = ctx.lang
    inputs, ranked = ctx.nexus
    shown = display_frame(priority_export(ranked, inputs, ctx.villages, lang=lang), lang=lang)
    table = shown[[t(key, lang) for key in PRIORITY_COLUMNS]].head(PRIORITY_ROWS)
    message = t("note_priority", lang, count=_number(min(PRIORITY_ROWS, len(ranked)), ctx),
                villages=_number(len(ranked), ctx))
    notes = (message, t("note_priority_top", lang, top=_top_names(ranked, ctx, 5)),
             _formula(ctx))
    return Slide("priority", t("slide_priority_title", lang), message=message, notes=notes, table=table,
                 source=inputs.source_line, export_name="priority_villages",
                 export=priority_frame(ranked, inputs, ctx.villages, lang=lang, threshold=ctx.threshold))


# 9. Sources and caveats ----------------------------------------------------------------------------------------
def _rows_source(name: str, column: str):
    """A table's source names and the latest value of the column that dates it (a day, a reporting
    period or an assessment year)."""
    def found(ctx: SlideContext) -> tuple[str, str] | None:
        frame = ctx.table(name)
        if frame is None or frame.empty:
            return None
        return source_names(frame), as_of_text(frame[column].max(), ctx.lang)
    return found


def _published_cases(ctx: SlideContext) -> tuple[str, str] | None:
    """The case data's source systems by name and its newest month: never its free text nor a day."""
    publication = ctx.publication
    if publication is None or publication.empty:
        return None
    return source_text(publication), as_of_text(as_of_month(publication), ctx.lang)


# Table -> (its sources, the date of its data) as the sources slide lists them; None when absent.
SOURCE_TABLES: dict[str, Callable[[SlideContext], tuple[str, str] | None]] = {
    "activities": _rows_source("activities", "date"), "indicator_values": _rows_source("indicator_values", "period"),
    "cases": _published_cases, "hazards": _rows_source("hazards", "year"), "events": _rows_source("events", "date"),
}


def sources_slide(ctx: SlideContext) -> Slide:
    lang = ctx.lang
    bullets = []
    for name, source_of in SOURCE_TABLES.items():
        found = source_of(ctx)
        if found is not None:
            bullets.append(t("slide_source_table", lang, table=t(f"slide_table_{name}", lang),
                             source=reader_sources(found[0], lang) or MISSING, date=found[1]))
    caveats = [t("violence_safety", lang, threshold=ctx.threshold), t("slide_caveat_cases", lang),
               boundaries_note(ctx), t("climate_class_rule", lang), t("geography_source", lang)]
    if ctx.demo:
        caveats.insert(0, t("demo_banner", lang))
    return Slide("sources", t("slide_sources_title", lang), message=t("slide_sources_message", lang),
                 bullets=tuple(bullets + caveats), notes=tuple(caveats))
