"""The aggregated views that can be exported from the command line, declared once.

Each view is computed from a SlideContext (tables, filters, language) with the same lib functions
the pages use, then shaped by lib.exports.views. There is no view of case rows: case data leaves
only as published cells (lib.safety.figures), per year or quarter, kecamatan or breakdown; there is no
month. No streamlit here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lib.exports import views as views
from lib.exports import hazard_views as hazard_views
from lib.metrics import hazards as hz
from lib.metrics.indicators import programme_start, scoped_values
from lib.meeting.context import SlideContext
from lib.metrics.reach import (lagging_villages, participants_by_village, programme_villages, reach_by_area,
                               reach_by_type, reach_by_village, village_progress)
from lib.safety.figures import BREAKDOWNS, by_subdistrict, figure, trend

# Tables that hold one row per person or case: never exported as they are.
ROW_LEVEL_TABLES: frozenset[str] = frozenset({"cases"})


@dataclass(frozen=True)
class ExportView:
    """An aggregated view: the tables it needs and how it is made."""

    tables: tuple[str, ...]
    build: Callable[[SlideContext], pd.DataFrame]


def _reach_by_village(ctx: SlideContext) -> pd.DataFrame:
    reach = reach_by_village(ctx.table("activities"), ctx.area["village_code"], ctx.filters)
    return views.reach_by_village_frame(reach, ctx.area)


def _reach_by_kecamatan(ctx: SlideContext) -> pd.DataFrame:
    table = reach_by_area(ctx.activities_in_scope, ctx.villages, level="kecamatan")
    return views.reach_by_area_frame(table, level="kecamatan", villages=ctx.villages)


def _lagging(ctx: SlideContext) -> pd.DataFrame:
    """The progress page's villages lagging behind."""
    values, indicators = ctx.table("indicator_values"), ctx.table("indicators")
    activities = ctx.table("activities")
    programme = programme_villages(activities["village_code"], values, ctx.filters)
    rows = scoped_values(values, ctx.filters, village_level=True)
    progress = village_progress(rows, indicators, start=programme_start(values))
    table = lagging_villages(ctx.villages, programme, progress, participants_by_village(ctx.activities_in_scope))
    return views.lagging_frame(table)


def _cases_by_period(grain: str) -> Callable[[SlideContext], pd.DataFrame]:
    def build(ctx: SlideContext) -> pd.DataFrame:
        found = trend(ctx.publication, ctx.case_view, grain)
        return views.periods_frame(found.values, found.states, lang=ctx.lang, threshold=ctx.threshold,
                                   shown_for=ctx.shown_for(found.dropped))
    return build


def _cases_by_kecamatan(ctx: SlideContext) -> pd.DataFrame:
    """The violence page's cases per kecamatan: the chosen kecamatan, else those of the chosen regencies."""
    villages = ctx.villages
    regency = tuple(sorted(villages.loc[villages["regency_code"].isin(ctx.filters.regencies), "subdistrict_code"]
                           .unique())) if ctx.filters.regencies else ()
    found = by_subdistrict(ctx.publication, ctx.case_view, regency)
    names = dict(zip(villages["subdistrict_code"], villages["subdistrict_name"]))
    return views.breakdown_frame(found.values, found.states, lang=ctx.lang, threshold=ctx.threshold, names=names,
                                 key="subdistrict_code", name_key="subdistrict_name",
                                 shown_for=ctx.shown_for(found.dropped))


def _cases_by(dimension: str) -> Callable[[SlideContext], pd.DataFrame]:
    def build(ctx: SlideContext) -> pd.DataFrame:
        found = figure(ctx.publication, ctx.case_view, (dimension,))
        return views.breakdown_frame(found.values, found.states, lang=ctx.lang, threshold=ctx.threshold,
                                     list_name=BREAKDOWNS[dimension][0], shown_for=ctx.shown_for(found.dropped))
    return build


def _events(ctx: SlideContext) -> pd.DataFrame:
    events = hz.events_for_areas(ctx.table("events"), hz.data_areas(ctx.villages, ctx.filters))
    return hazard_views.events_frame(events, hz.area_names(ctx.villages), lang=ctx.lang)


def _priority(ctx: SlideContext) -> pd.DataFrame:
    inputs, ranked = ctx.nexus
    return views.priority_frame(ranked, inputs, ctx.villages, lang=ctx.lang, threshold=ctx.threshold)


# Case breakdowns exported as cases_by_<name>: name -> its dimension (a key of lib.safety.figures.BREAKDOWNS).
CASE_BREAKDOWNS: dict[str, str] = {
    "form": "violence_forms", "place": "place", "age_group": "victim_age_group", "sex": "victim_sex",
    "relationship": "perpetrator_relationship", "service": "services",
}

VIEWS: dict[str, ExportView] = {
    "villages": ExportView((), lambda ctx: views.village_list_frame(ctx.area)),
    "reach_by_village": ExportView(("activities",), _reach_by_village),
    "reach_by_kecamatan": ExportView(("activities",), _reach_by_kecamatan),
    "reach_by_activity_type": ExportView(("activities",), lambda ctx: views.reach_by_type_frame(
        reach_by_type(ctx.activities_in_scope), lang=ctx.lang)),
    "indicator_progress": ExportView(("indicators", "indicator_values"), lambda ctx: views.indicator_progress_frame(
        ctx.framework[0], lang=ctx.lang)),
    "lagging_villages": ExportView(("indicators", "indicator_values", "activities"), _lagging),
    "cases_by_year": ExportView(("cases",), _cases_by_period("year")),
    "cases_by_quarter": ExportView(("cases",), _cases_by_period("quarter")),
    "cases_by_kecamatan": ExportView(("cases",), _cases_by_kecamatan),
    **{f"cases_by_{name}": ExportView(("cases",), _cases_by(dimension)) for name, dimension in CASE_BREAKDOWNS.items()},
    "hazard_by_village": ExportView(("hazards",), lambda ctx: hazard_views.hazard_by_village_frame(
        ctx.latest_hazards, ctx.area, lang=ctx.lang)),
    "hazard_class_counts": ExportView(("hazards",), lambda ctx: hazard_views.hazard_class_counts_frame(
        hz.class_counts(ctx.latest_hazards, ctx.area), lang=ctx.lang)),
    "events": ExportView(("events",), _events),
    "priority_villages": ExportView(("hazards", "activities", "cases"), _priority),
}

# lib.safety.figures.BREAKDOWNS key -> the export's name (the same file name on the page and the command line).
BREAKDOWN_EXPORT_NAMES: dict[str, str] = {dimension: f"cases_by_{name}" for name, dimension in CASE_BREAKDOWNS.items()}
