"""The aggregated views that can be exported from the command line, declared once.

Each view is computed from a SlideContext (tables, filters, language) with the same lib functions
the pages use, then shaped by lib.exports.views. There is no view of case rows: case data leaves
only as safe counts. No streamlit here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lib.exports import views as views
from lib.exports import hazard_views as hazard_views
from lib.metrics import hazards as hz
from lib.data.aggregate import Granularity
from lib.metrics.indicators import programme_start, scoped_values
from lib.meeting.context import SlideContext
from lib.metrics.reach import (lagging_villages, participants_by_village, programme_villages, reach_by_area,
                               reach_by_type, reach_by_village, village_progress)
from lib.safety.violence import safe_breakdown, safe_by_area, safe_by_period

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


def _cases_by_period(granularity: Granularity) -> Callable[[SlideContext], pd.DataFrame]:
    def build(ctx: SlideContext) -> pd.DataFrame:
        safe, _ = safe_by_period(ctx.case_data, ctx.case_scope, granularity, threshold=ctx.threshold)
        return views.periods_frame(safe.series, safe.states, lang=ctx.lang, threshold=ctx.threshold)
    return build


def _cases_by_kecamatan(ctx: SlideContext) -> pd.DataFrame:
    safe = safe_by_area(ctx.case_data, ctx.case_scope, ctx.villages, threshold=ctx.threshold)
    names = dict(zip(ctx.villages["subdistrict_code"], ctx.villages["subdistrict_name"]))
    return views.breakdown_frame(safe.series, safe.states, lang=ctx.lang, threshold=ctx.threshold, names=names,
                                 key="subdistrict_code", name_key="subdistrict_name")


def _cases_by(breakdown: str, list_name: str) -> Callable[[SlideContext], pd.DataFrame]:
    def build(ctx: SlideContext) -> pd.DataFrame:
        safe = safe_breakdown(ctx.case_data, ctx.case_scope, breakdown, threshold=ctx.threshold)
        return views.breakdown_frame(safe.series, safe.states, lang=ctx.lang, threshold=ctx.threshold,
                                     list_name=list_name)
    return build


def _events(ctx: SlideContext) -> pd.DataFrame:
    events = hz.events_for_areas(ctx.table("events"), hz.data_areas(ctx.villages, ctx.filters))
    return hazard_views.events_frame(events, hz.area_names(ctx.villages), lang=ctx.lang)


def _priority(ctx: SlideContext) -> pd.DataFrame:
    inputs, ranked = ctx.nexus
    return views.priority_frame(ranked, inputs, ctx.villages, lang=ctx.lang, threshold=ctx.threshold)


# Case breakdowns exported as cases_by_<name>: name -> (lib.safety.violence.BREAKDOWNS key, code list).
CASE_BREAKDOWNS: dict[str, tuple[str, str]] = {
    "form": ("violence_forms", "violence_form"), "place": ("place", "place"),
    "age_group": ("victim_age_group", "age_group"), "sex": ("victim_sex", "sex"),
    "relationship": ("perpetrator_relationship", "perpetrator_relationship"), "service": ("services", "service"),
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
    "cases_by_year": ExportView(("cases",), _cases_by_period(Granularity.YEAR)),
    "cases_by_quarter": ExportView(("cases",), _cases_by_period(Granularity.QUARTER)),
    "cases_by_kecamatan": ExportView(("cases",), _cases_by_kecamatan),
    **{f"cases_by_{name}": ExportView(("cases",), _cases_by(*spec)) for name, spec in CASE_BREAKDOWNS.items()},
    "hazard_by_village": ExportView(("hazards",), lambda ctx: hazard_views.hazard_by_village_frame(
        ctx.latest_hazards, ctx.area, lang=ctx.lang)),
    "hazard_class_counts": ExportView(("hazards",), lambda ctx: hazard_views.hazard_class_counts_frame(
        hz.class_counts(ctx.latest_hazards, ctx.area), lang=ctx.lang)),
    "events": ExportView(("events",), _events),
    "priority_villages": ExportView(("hazards", "activities", "cases"), _priority),
}

# lib.safety.violence.BREAKDOWNS key -> the export's name (the same file name on the page and the command line).
BREAKDOWN_EXPORT_NAMES: dict[str, str] = {spec[0]: f"cases_by_{name}" for name, spec in CASE_BREAKDOWNS.items()}
