"""The values the map draws, one row per village (or kecamatan), from validated tables; and the
village geometry, read, simplified and rounded once.

Pure functions (no streamlit). Case data reaches this module only as the published cells of
lib.safety.publication, read through lib.safety.figures (the same numbers as the violence page): a
count per kecamatan, shown, 0, '<5' or hidden. Counts per desa are not published; at desa level
each desa shows its kecamatan's count, and says so.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import pandas as pd

from lib.map.classify import Method
from lib.data.filters import Filters, category_mask, date_mask
from lib.metrics.hazards import (MULTI_HAZARD_CLASSES, data_areas, events_for_areas, high_hazard_counts, latest_hazards,
                                 multi_hazard_class)
from lib.texts.i18n import code_label, format_date, format_number, in_language, t
from lib.map.colours import (THEMES, LayerFill, Legend, LegendEntry, ThemeSpec, choropleth, format_value,
                             hazard_colours, state_text, states_from_values)
from lib.map.deck import EventLayer
from lib.map.geometry import MapGeometry
from lib.charts.palette import NO_DATA_COLOUR, category_colour
from lib.metrics.provenance import case_source_line, source_line
from lib.metrics.reach import reach_by_village
from lib.safety.figures import (CaseView, Figure, by_subdistrict, case_view, window_years,
                                year_span)
from lib.safety.publication import Publication
from lib.safety.suppress import CellState
from lib.metrics.indicators import hide_small_counts, period_ends
from lib.metrics.values_index import index_of
from lib.safety.notices import instead_text

CASE_UNITS = frozenset({"cases"})   # indicator units that count survivors: suppressed like cases


# Reach ---------------------------------------------------------------------------------------------
# Indicators ----------------------------------------------------------------------------------------
def village_indicators(indicators: pd.DataFrame, values: pd.DataFrame) -> list[str]:
    """Indicator codes that have values at village level, in the framework's order (read from the
    distinct area codes)."""
    index = index_of(values)
    villages = (index.area_level == "village").to_numpy(dtype=bool, na_value=False)
    at_village = index.indicators_with_rows(villages)
    return [code for code in indicators["indicator_code"] if code in at_village]


def _indicator_rows(values: pd.DataFrame, indicator: str, filters: Filters) -> pd.DataFrame:
    """Rows of one indicator in the chosen months (periods overlapping them), found by code."""
    index = index_of(values)
    return values.iloc[np.flatnonzero(index.rows_of("indicator_code", indicator) & index.period_rows(filters))]


def indicator_by_village(values: pd.DataFrame, *, indicator: str, unit: str, village_codes: pd.Series,
                         filters: Filters, threshold: int) -> pd.DataFrame:
    """The latest value of `indicator` per village within the chosen period and disaggregation:
    columns value, period, state (CellState); a unit of cases is suppressed like case counts."""
    rows = _chosen_groups(_indicator_rows(values, indicator, filters), filters)
    latest = rows.sort_values("period").drop_duplicates("area_code", keep="last").set_index("area_code")
    table = latest[["value", "period"]].reindex(pd.Index(village_codes.astype(str), name="village_code"))
    table["value"] = table["value"].astype(float)
    states = pd.Series(CellState.SHOWN, index=table.index, dtype=object)
    states[table["value"].isna()] = CellState.NO_DATA
    states[table["value"] == 0] = CellState.ZERO
    if unit in CASE_UNITS:
        small = (table["value"] > 0) & (table["value"] < threshold)
        states[small] = CellState.SMALL
        # Decided on each village's whole series, as the results framework does (shown_series): two
        # periods' latest values must never differ by a small count.
        unsafe = ~small & table["value"].notna() & ~_shown_in_whole_series(values, indicator, filters, table,
                                                                           threshold)
        states[unsafe] = CellState.COMPLEMENT
        table["value"] = table["value"].where(~small & ~unsafe)
    table["state"] = states
    return table


def _chosen_groups(rows: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    for column, chosen in (("sex", filters.sexes), ("age_group", filters.age_groups),
                           ("disability", filters.disabilities)):
        rows = rows[category_mask(rows[column], chosen, blank_is_total=True)]
    return rows


def _shown_in_whole_series(values: pd.DataFrame, indicator: str, filters: Filters, table: pd.DataFrame,
                           threshold: int) -> pd.Series:
    """Whether each village's value (of `table`, at its period) is shown by the survivor-count rule on
    the village's whole series (lib.metrics.indicators.hide_small_counts), whatever the period chosen."""
    every = _chosen_groups(_indicator_rows(values, indicator, replace(filters, period_from=None, period_to=None)),
                           filters)
    series = every[["indicator_code", "area_code", "period", "value"]].assign(
        value=lambda frame: frame["value"].astype(float), period_end=lambda frame: period_ends(frame["period"]))
    # A village's series starts from nothing known (the baseline is the regency's).
    unit = pd.DataFrame({"indicator_code": [indicator], "unit": ["cases"], "baseline": [np.nan]})
    whole = hide_small_counts(series, unit, threshold=threshold)
    shown = set(zip(whole.loc[~whole["hidden"], "area_code"], whole.loc[~whole["hidden"], "period"]))
    return pd.Series([(code, period) in shown for code, period in zip(table.index, table["period"])], index=table.index)


# Hazards -------------------------------------------------------------------------------------------
def hazard_by_village(hazards: pd.DataFrame, *, hazard: str, village_codes: pd.Series) -> pd.DataFrame:
    """Index, InaRISK class and year of one hazard per village (latest assessment); missing = no data."""
    latest = latest_hazards(hazards)
    rows = latest[latest["hazard"] == hazard].set_index("village_code")
    return rows[["index", "class", "year"]].reindex(pd.Index(village_codes.astype(str), name="village_code"))


# Events --------------------------------------------------------------------------------------------
def event_points(events: pd.DataFrame, villages: pd.DataFrame, geometry: MapGeometry, filters: Filters) -> pd.DataFrame:
    """Events of the chosen area and period, each at a point of its area (the village centroid,
    or a point inside the kecamatan or regency); largest first so that small ones draw on top."""
    chosen = events[date_mask(events["date"], filters)] if (filters.period_from or filters.period_to) else events
    chosen = events_for_areas(chosen, data_areas(villages, filters))
    centroids = {str(c): (float(lon), float(lat)) for c, lon, lat in
                 zip(villages["village_code"], villages["lon"], villages["lat"])}
    places = {**geometry.area_points, **centroids}
    located = chosen["area_code"].astype(str).map(places)
    chosen = chosen[located.notna()].copy()
    chosen["lon"] = [p[0] for p in located.dropna()]
    chosen["lat"] = [p[1] for p in located.dropna()]
    chosen["affected"] = pd.to_numeric(chosen["affected"], errors="coerce")
    return chosen.sort_values("affected", ascending=False, na_position="last").reset_index(drop=True)


# Layers: values as colours, tooltip lines and legends ------------------------------------------------
def _source_line(frame: pd.DataFrame, as_of: str, lang: str) -> str:
    return source_line([frame], as_of=as_of, lang=lang)


def _date_text(dates: pd.Series, lang: str) -> str:
    latest = dates.max()
    return "–" if pd.isna(latest) else format_date(latest.date(), lang)


def village_tips(area: pd.DataFrame, details: Mapping[str, pd.Series], boundary: pd.Series, *, lang: str) -> pd.Series:
    """Tooltip text per village code: name, type and kecamatan, one 'label: value' line per
    detail, and whether its boundary is approximate. Plain text (see lib.map.deck)."""
    tips = {}
    for code, name, kind, kecamatan in zip(area["village_code"], area["village_name"], area["village_type"],
                                           area["subdistrict_name"]):
        lines = [t("map_tip_header", lang, village=name, kind=kind, kecamatan=kecamatan)]
        lines += [t("map_tip_line", lang, label=label, value=values.get(code, "")) for label, values in details.items()]
        source = boundary.get(code)
        if source:
            lines.append(t("map_tip_line", lang, label=t("map_tip_boundary", lang),
                           value=t(f"map_tip_boundary_{source}", lang)))
        tips[str(code)] = "\n".join(lines)
    return pd.Series(tips, dtype=object)


def reach_measure_key(filters: Filters) -> str:
    if filters.disabilities == ("ya",):
        return "map_measure_disability"
    return {("perempuan",): "map_measure_women", ("laki_laki",): "map_measure_men"}.get(filters.sexes,
                                                                                           "map_measure_all")


def reach_fill(activities: pd.DataFrame, area: pd.DataFrame, filters: Filters, *, share: bool, lang: str,
               method: Method, classes: int) -> LayerFill:
    """Participants (or the share of women among them) per village in the period."""
    reach = reach_by_village(activities, area["village_code"], filters)
    participants = reach["participants"].map(lambda v: format_number(v, lang))
    women = reach["women_share"].map(lambda v: t("climate_no_data", lang) if pd.isna(v)
                                     else format_value(v, THEMES["women_share"], lang))
    if share:
        values, spec = reach["women_share"], THEMES["women_share"]
        title, note = t("map_legend_women_share", lang), t("map_legend_women_share_note", lang)
    else:
        values, spec = reach["participants"], THEMES["reach"]
        title, note = t("map_legend_reach", lang, measure=t(reach_measure_key(filters), lang)), ""
    states = states_from_values(values, zero_is_state=spec.zero_is_state)
    colours, legend = choropleth(values, states, spec=spec, method=method, classes=classes, lang=lang, title=title,
                                 note=note)
    rows = activities[date_mask(activities["date"], filters)]
    ignored = {"age_filter": bool(filters.age_groups),
               "disability_filter": bool(filters.disabilities) and filters.disabilities != ("ya",)}
    notes = tuple(t("map_filter_not_applied", lang, filters=t(key, lang)) for key, on in ignored.items() if on)
    return LayerFill(colours, {t("prog_tile_participants", lang): participants, t("prog_tile_women_share", lang): women,
                               t("prog_tile_activities", lang): reach["activities"].map(lambda v: format_number(v, lang))},
                     (legend,), _source_line(rows, _date_text(rows["date"], lang), lang), notes=notes)


def indicator_fill(values: pd.DataFrame, indicators: pd.DataFrame, area: pd.DataFrame, filters: Filters, *,
                   indicator: str, lang: str, method: Method, classes: int, threshold: int) -> LayerFill:
    """The latest value of a village-level indicator in the period (its disaggregation from the filters)."""
    row = indicators.set_index("indicator_code").loc[indicator]
    unit = str(row["unit"])
    spec = ThemeSpec("reach", zero_is_state=False, decimals=1 if unit == "percent" else 0,
                     suffix="%" if unit == "percent" else "")
    table = indicator_by_village(values, indicator=indicator, unit=unit, village_codes=area["village_code"],
                                 filters=filters, threshold=threshold)
    name = str(row[in_language("name", lang)])
    colours, legend = choropleth(table["value"], table["state"], spec=spec, method=method, classes=classes,
                                 lang=lang, title=t("map_legend_indicator", lang, indicator=name))
    texts = pd.Series({code: state_text(v, s, spec, lang) for code, v, s in
                       zip(table.index, table["value"], table["state"])}, dtype=object)
    rows = _indicator_rows(values, indicator, filters)
    periods = table["period"].fillna("–").astype(str)
    latest = str(rows["period"].max()) if len(rows) else "–"
    return LayerFill(colours, {name: texts, t("period", lang): periods}, (legend,),
                     _source_line(rows, latest, lang))


def case_period_text(publication: Publication, found: Figure) -> str:
    """The whole years a case figure covers ('2022–2025'): the view's years, or the whole window
    when the figure has none (or had to drop them)."""
    return year_span(found.shown_years or publication.years)


def case_notes(publication: Publication, view: CaseView, found: Figure, *, lang: str) -> tuple[str, ...]:
    """What a reader is told beside a map of case figures: the safety rule, then each filter the
    publication widened (desa to kecamatan, months to years), ignored or could not follow."""
    widened = (("violence_note_lifted", view.lifted_villages), ("violence_note_snapped", view.snapped_period),
               ("violence_note_disability", view.ignored_disability))
    period = year_span(window_years(publication, view))      # the years asked for, before any were dropped
    notes = [t("map_violence_safety", lang), *(t(key, lang, period=period) for key, on in widened if on)]
    instead = instead_text(found.dropped, lang, window=year_span(publication.years))
    return tuple(notes + ([t("case_note_chart_dropped", lang, instead=instead)] if instead else []))


def violence_fill(publication: Publication, area: pd.DataFrame, filters: Filters, *, desa_level: bool, lang: str,
                  method: Method, classes: int) -> LayerFill:
    """Published case counts per kecamatan: a fill under see-through villages or, at desa level, each
    desa coloured with its kecamatan's count (counts per desa are not published). Only shown counts
    are classified; a '<5' or hidden count is its own 'not published' class, never 0 nor a ramp colour."""
    view = case_view(publication, filters)
    found = by_subdistrict(publication, view, tuple(dict.fromkeys(area["subdistrict_code"].astype(str))))
    period = case_period_text(publication, found)
    spec = THEMES["violence"]
    title_key = "map_legend_violence_desa" if desa_level else "map_legend_violence_kecamatan"
    by_kecamatan, legend = choropleth(found.values, found.states, spec=spec, method=method, classes=classes,
                                           lang=lang, title=t(title_key, lang, period=period),
                                           note=t("map_legend_count_note", lang, areas=t("map_areas_kecamatan", lang)))
    codes_ = area["village_code"].astype(str)
    kecamatan_of = codes_.str[:8]
    colours = pd.Series(kecamatan_of.map(by_kecamatan).fillna(NO_DATA_COLOUR).to_numpy(), index=codes_)
    texts = {k: state_text(v, s, spec, lang) for k, v, s in zip(found.values.index, found.values, found.states)}
    details = {t("map_tip_cases_kecamatan", lang, period=period):
               pd.Series(kecamatan_of.map(texts).fillna(t("climate_no_data", lang)).to_numpy(), index=codes_)}
    desa_note = (t("map_violence_desa_note", lang),) if desa_level else ()
    return LayerFill(colours, details, (legend,), case_source_line(publication, lang=lang),
                     kecamatan_colours=None if desa_level else by_kecamatan,
                     notes=case_notes(publication, view, found, lang=lang) + desa_note)


def hazard_fill(hazards: pd.DataFrame, area: pd.DataFrame, *, hazard: str, lang: str) -> LayerFill:
    """InaRISK class of one hazard per village (latest assessment), coloured by class."""
    table = hazard_by_village(hazards, hazard=hazard, village_codes=area["village_code"])
    years = table["year"].dropna()
    year = str(int(years.max())) if len(years) else "–"
    name = code_label("hazard", hazard, lang)
    colours, legend = hazard_colours(table["class"], lang=lang, title=t("map_legend_hazard", lang, hazard=name,
                                                                         year=year))
    texts = pd.Series({code: t("climate_no_data", lang) if pd.isna(index) else
                       f"{format_number(index, lang, decimals=3)} ({code_label('hazard_class', cls, lang)})"
                       for code, index, cls in zip(table.index, table["index"], table["class"])}, dtype=object)
    rows = hazards[hazards["hazard"] == hazard]
    return LayerFill(colours, {t("map_tip_hazard", lang, hazard=name, year=year): texts}, (legend,),
                     _source_line(rows, year, lang))


MULTI_HAZARD = "multi_high"     # the map's multi-hazard summary, offered before the single hazards
MULTI_HAZARD_COLOURS: dict[str, str] = {"0": "#FEF0D9", "1": "#FDCC8A", "2": "#E34A33", "3+": "#990000"}


def multi_hazard_fill(hazards: pd.DataFrame, area: pd.DataFrame, *, lang: str) -> LayerFill:
    """How many hazards are in the high class per village (lib.metrics.hazards.high_hazard_counts), in
    four classes with the method in the legend: the default climate layer, which ranks villages where
    one high hazard (drought) would colour nearly all of them red."""
    latest = latest_hazards(hazards)
    counts = high_hazard_counts(latest, area)
    counts.index = counts.index.astype(str)
    classes = multi_hazard_class(counts)
    colours = classes.map(MULTI_HAZARD_COLOURS).astype(object).where(classes.notna(), NO_DATA_COLOUR)
    years = latest["year"].dropna()
    year = str(int(years.max())) if len(years) else "–"
    entries = tuple(LegendEntry(MULTI_HAZARD_COLOURS[code], t("map_legend_count", lang, label=t(
        f"map_multi_hazard_{code.rstrip('+')}", lang), count=int((classes == code).sum())))
        for code in MULTI_HAZARD_CLASSES)
    entries += (LegendEntry(NO_DATA_COLOUR, t("map_legend_count", lang, label=t("climate_no_data", lang),
                                              count=int(classes.isna().sum()))),)
    legend = Legend(t("map_legend_multi_hazard", lang, year=year), entries, t("map_method_multi_hazard", lang))
    texts = pd.Series({code: t("climate_no_data", lang) if pd.isna(n) else format_number(n, lang)
                       for code, n in counts.items()}, dtype=object)
    return LayerFill(colours, {t("map_tip_multi_hazard", lang, year=year): texts}, (legend,),
                     _source_line(hazards, year, lang))


def event_layer(events: pd.DataFrame, villages: pd.DataFrame, geometry: MapGeometry, filters: Filters, *,
                lang: str) -> tuple[EventLayer, Legend, str]:
    """Event circles (colour by event type, area by people affected), their legend and source line."""
    rows = event_points(events, villages, geometry, filters)
    rows["colour"] = rows["event_type"].map(lambda code: category_colour("event_type", code))
    rows["tip"] = [t("map_tip_event", lang, name=name, date=format_date(date.date(), lang),
                     kind=code_label("event_type", kind, lang),
                     affected="–" if pd.isna(affected) else format_number(affected, lang))
                   for name, date, kind, affected in zip(rows["name"], rows["date"], rows["event_type"],
                                                          rows["affected"])]
    kinds = list(dict.fromkeys(rows["event_type"]))
    largest = rows["affected"].max()
    legend = Legend(t("map_show_events", lang),
                    tuple(LegendEntry(category_colour("event_type", k), code_label("event_type", k, lang), "circle")
                          for k in kinds),
                    note=t("map_legend_events_note", lang,
                           largest="–" if pd.isna(largest) else format_number(largest, lang)))
    return EventLayer(rows), legend, _source_line(rows, _date_text(rows["date"], lang), lang)
