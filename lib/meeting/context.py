"""What a slide is made of, and the data every slide is computed from.

`SlideContext` holds the validated tables, the filters and the language, and computes each shared
result once (the results framework, the published case statistics, the priority index) with the same
lib functions the pages call, so a slide never disagrees with the page it summarises. Case rows go no
further than `publication`: slides and exports read published cells only. No streamlit.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from lib.metrics import hazards as hz
from lib.map.classify import Method
from lib.data.filters import Filters, area_mask
from lib.texts.area import area_text
from lib.texts.i18n import MONTHS, format_date, t
from lib.metrics.indicators import (covers_whole_programme, framework_progress, programme_start, reported_wider,
                                    shown_series)
from lib.data.load import is_demo
from lib.map.geometry import MapGeometry
from lib.metrics.provenance import case_source_line
from lib.map.colours import Legend
from lib.map.priority import CoverageDefinition, HazardAggregate, NexusInputs, Weights, nexus_inputs, priority_fill, \
    priority_scores, rank_within
from lib.metrics.provenance import named_source_line
from lib.metrics.reach import scoped_activities
from lib.safety.figures import CaseView, case_view, year_span
from lib.safety.notices import instead_text
from lib.safety.publication import Publication, publication_for
from lib.safety.releases import CaseVersion


@dataclass(frozen=True)
class Headline:
    """A big number on the headline slide."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class MapPicture:
    """A static map: fill colour per village of the area, its legend and its notes."""

    colours: pd.Series                  # village code -> hex
    legend: Legend
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Slide:
    """One slide's content, the same in presenter mode, the deck and the PDF report."""

    key: str
    title: str
    message: str = ""                           # the one sentence a reader takes away
    notes: tuple[str, ...] = ()                 # speaker notes: the key numbers in words
    figure: go.Figure | None = None             # a chart built by a lib/charts_* builder
    headlines: tuple[Headline, ...] = ()
    table: pd.DataFrame | None = None           # a table as shown (headers and numbers as text)
    bullets: tuple[str, ...] = ()
    picture: MapPicture | None = None
    source: str = ""                            # "Source: … · as of …"
    export: pd.DataFrame | None = field(default=None, compare=False)   # lib.exports.formats frame behind it
    export_name: str = ""

    @property
    def kind(self) -> str:
        """What the slide mainly shows: title, headlines, chart, map, table or text."""
        present = {"title": self.key == "title", "headlines": bool(self.headlines), "chart": self.figure is not None,
                   "map": self.picture is not None, "table": self.table is not None}
        return next((kind for kind, shown in present.items() if shown), "text")


# The map page's nexus view as it opens (pages/map.py): mean hazard, relative coverage, these weights,
# quantile classes.
NEXUS_WEIGHTS = Weights(hazard=0.4, violence=0.3, gap=0.3)
NEXUS_AGGREGATE = HazardAggregate.MEAN
NEXUS_COVERAGE = CoverageDefinition.RELATIVE
NEXUS_METHOD = Method.QUANTILE
# The dated columns whose latest value is "the date of the data". Case data is dated to the month
# only, by its publication (SlideContext.case_source_line), never by a report day.
AS_OF_COLUMNS: tuple[tuple[str, str], ...] = (("activities", "date"), ("events", "date"))


@dataclass(frozen=True)
class SlideContext:
    """Tables (a missing one is None), filters and language; shared results computed once."""

    tables: Mapping[str, pd.DataFrame | None]
    filters: Filters
    lang: str
    threshold: int
    # The village geometry, or how to load it: a page holding a context for its meeting buttons does not
    # wait for a province's polygons until a deck or report is asked for.
    geometry: MapGeometry | Callable[[], MapGeometry | None] | None = None
    today: date = field(default_factory=date.today)
    # The earlier case versions readers were served (lib.store.history), or how to find them (a page's
    # context is shared by its sessions: it looks them up when a deck or report asks for the cases).
    case_history: Sequence[CaseVersion] | Callable[[], Sequence[CaseVersion]] = ()
    earlier_areas: Sequence[tuple[str, ...]] | Callable[[], Sequence[tuple[str, ...]]] = ()   # kecamatan lists served

    def table(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)

    @cached_property
    def map_geometry(self) -> MapGeometry | None:
        return self.geometry() if callable(self.geometry) else self.geometry

    @cached_property
    def villages(self) -> pd.DataFrame:
        return self.tables["villages"]

    @cached_property
    def area(self) -> pd.DataFrame:
        """The villages inside the chosen area, by code (as the map page orders them)."""
        inside = self.villages[area_mask(self.villages, self.filters)]
        return inside.sort_values("village_code").reset_index(drop=True)

    @cached_property
    def demo(self) -> bool:
        publication = self.publication
        return any(is_demo(frame) for name, frame in self.tables.items() if frame is not None and name != "cases") \
            or (publication is not None and "demo" in publication.sources)

    # Activities and indicators ---------------------------------------------------------------------
    @cached_property
    def activities_in_scope(self) -> pd.DataFrame | None:
        activities = self.table("activities")
        return None if activities is None else scoped_activities(activities, self.filters)

    @cached_property
    def framework(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
        """(framework table, scoped values, series) exactly as the progress page computes them."""
        indicators, values = self.table("indicators"), self.table("indicator_values")
        if indicators is None or values is None:
            return None
        scoped, series = shown_series(values, indicators, self.filters)
        table = framework_progress(indicators, series, start=programme_start(values),
                                   whole_programme=covers_whole_programme(self.filters, values),
                                   reported_wider=reported_wider(values, self.filters))
        return table, scoped, series

    # Cases (published cells only) -----------------------------------------------------------------------
    @cached_property
    def publication(self) -> Publication | None:
        """The published case statistics of the cases table (lib.safety.publication); None without one."""
        cases = self.table("cases")
        history = self.case_history() if callable(self.case_history) else self.case_history
        areas = self.earlier_areas() if callable(self.earlier_areas) else self.earlier_areas
        return None if cases is None else publication_for(cases, self.villages, threshold=self.threshold,
                                                          earlier=history, areas=areas)

    @cached_property
    def case_view(self) -> CaseView | None:
        """The filters as the publication reads them (desa lifted, months snapped); None without cases."""
        return None if self.publication is None else case_view(self.publication, self.filters)

    def case_source_line(self) -> str:
        """'Source: DEMO · as of Dec 2025': the case data's systems by name and its newest month."""
        if self.publication is None:
            return named_source_line("", as_of=None, lang=self.lang)
        return case_source_line(self.publication, lang=self.lang)

    def shown_for(self, dropped: Iterable[str]) -> str:
        """What a case figure shows instead of the filters it could not follow ('both sexes, all ages';
        '' when it followed them all), in the context's language."""
        window = year_span(self.publication.years) if self.publication is not None else ""
        return instead_text(dropped, self.lang, window=window)

    # Hazards and the priority index -------------------------------------------------------------------
    @cached_property
    def latest_hazards(self) -> pd.DataFrame | None:
        hazards = self.table("hazards")
        return None if hazards is None else hz.latest_hazards(hazards)

    @cached_property
    def nexus(self) -> tuple[NexusInputs, pd.DataFrame]:
        """(inputs, villages of the area ranked by priority) as the map page's nexus view opens."""
        inputs = nexus_inputs(villages=self.villages, hazards=self.table("hazards"),
                              activities=self.table("activities"), cases=self.publication, filters=self.filters,
                              aggregate=NEXUS_AGGREGATE, hazard=None, coverage=NEXUS_COVERAGE, lang=self.lang)
        ranked = rank_within(priority_scores(inputs, NEXUS_WEIGHTS), self.area["village_code"])
        return inputs, ranked

    def priority_colours(self) -> tuple[pd.Series, Legend]:
        _, ranked = self.nexus
        return priority_fill(ranked, tuple(self.area["village_code"].astype(str)), method=NEXUS_METHOD,
                             lang=self.lang)

    # Words about the view -------------------------------------------------------------------------------
    @cached_property
    def as_of(self) -> date | None:
        """The latest day in the programme data behind the slides (case data has its own month)."""
        dates = [self.tables[name][column].max() for name, column in AS_OF_COLUMNS
                 if self.table(name) is not None and len(self.tables[name])]
        dates = [d for d in dates if pd.notna(d)]
        return max(dates).date() if dates else None

    def as_of_text(self) -> str:
        return format_date(self.as_of, self.lang) if self.as_of else "–"

    def area_text(self) -> str:
        """'Kabupaten Kupang', 'Kecamatan Semau and Amarasi' or the chosen desa."""
        return area_text(self.villages, self.filters, self.lang)

    def period_text(self) -> str:
        """'August 2024 – December 2025': the chosen months, else the months of the activities and
        the case publication."""
        first, last = self.filters.period_from, self.filters.period_to
        months = self.data_months()
        if months:
            first, last = first or min(months), last or max(months)
        if not (first and last):
            return "–"
        return f"{month_text(first, self.lang)} – {month_text(last, self.lang)}"

    def data_months(self) -> tuple[str, ...]:
        """The first and last month ('YYYY-MM') of the activities and of the case publication."""
        months: list[str] = []
        activities = self.table("activities")
        if activities is not None and activities["date"].notna().any():
            dates = activities["date"].dropna()
            months += [dates.min().strftime("%Y-%m"), dates.max().strftime("%Y-%m")]
        if self.publication is not None:
            months += [m for m in (self.publication.first_month, self.publication.last_month) if m]
        return tuple(months)

    def filter_notes(self) -> tuple[str, ...]:
        """The group filters in force (sex, age, disability), in words."""
        notes = []
        for label_key, list_name, chosen in (("sex_filter", "sex", self.filters.sexes),
                                             ("age_filter", "age_group", self.filters.age_groups),
                                             ("disability_filter", "disability", self.filters.disabilities)):
            if chosen:
                names = [t(f"code.{list_name}.{code}", self.lang) for code in chosen]
                notes.append(f"{t(label_key, self.lang)}: {', '.join(names)}")
        return tuple(notes)


def month_text(month: str, lang: str) -> str:
    """'2025-02' -> 'Februari 2025' / 'February 2025'."""
    year, number = month.split("-")
    return f"{MONTHS[lang][int(number) - 1]} {year}"


KNOWN_TABLES: tuple[str, ...] = ("villages", "activities", "cases", "hazards", "events", "indicators",
                                 "indicator_values")
