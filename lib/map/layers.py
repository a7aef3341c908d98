"""The values the map draws, one row per village (or kecamatan), from validated tables; and the
village geometry, read, simplified and rounded once.

Pure functions (no streamlit). Case data leaves this module only as safe counts: kecamatan
counts come from lib.safety.violence (the same numbers as the violence page), desa counts are shown only
where the kecamatan's own count is shown and the desa count survives suppression.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from lib.map.classify import Method
from lib.data.filters import Filters, category_mask, date_mask
from lib.metrics.hazards import data_areas, events_for_areas, latest_hazards
from lib.texts.i18n import code_label, format_date, format_number, in_language, t
from lib.map.colours import (THEMES, LayerFill, Legend, LegendEntry, ThemeSpec, choropleth, format_value,
                             hazard_colours, state_text, states_from_values)
from lib.map.deck import EventLayer
from lib.map.geometry import MapGeometry
from lib.charts.palette import NO_DATA_COLOUR, category_colour
from lib.metrics.provenance import source_line
from lib.metrics.reach import reach_by_village
from lib.safety.suppress import CellState, suppress_series
from lib.metrics.values_index import index_of
from lib.safety.violence import (CaseData, CaseScope, case_scope, hide_cells, neighbour_filters, safe_by_area,
                          safe_total_cases, victim_relaxations, window_years, year_span)

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
    rows = _indicator_rows(values, indicator, filters)
    for column, chosen in (("sex", filters.sexes), ("age_group", filters.age_groups),
                           ("disability", filters.disabilities)):
        rows = rows[category_mask(rows[column], chosen, blank_is_total=True)]
    latest = rows.sort_values("period").drop_duplicates("area_code", keep="last").set_index("area_code")
    table = latest[["value", "period"]].reindex(pd.Index(village_codes.astype(str), name="village_code"))
    table["value"] = table["value"].astype(float)
    states = pd.Series(CellState.SHOWN, index=table.index, dtype=object)
    states[table["value"].isna()] = CellState.NO_DATA
    states[table["value"] == 0] = CellState.ZERO
    if unit in CASE_UNITS:
        small = (table["value"] > 0) & (table["value"] < threshold)
        states[small] = CellState.SMALL
        table["value"] = table["value"].where(~small)
    table["state"] = states
    return table


# Hazards -------------------------------------------------------------------------------------------
def hazard_by_village(hazards: pd.DataFrame, *, hazard: str, village_codes: pd.Series) -> pd.DataFrame:
    """Index, InaRISK class and year of one hazard per village (latest assessment); missing = no data."""
    latest = latest_hazards(hazards)
    rows = latest[latest["hazard"] == hazard].set_index("village_code")
    return rows[["index", "class", "year"]].reindex(pd.Index(village_codes.astype(str), name="village_code"))


# Violence (safe) -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SafeCounts:
    """Safe counts per area: value (missing where hidden or no data) and CellState."""

    values: pd.Series
    states: pd.Series
    total: float | None      # the published total of the line, when it may be shown


def kecamatan_cases(data: CaseData, scope: CaseScope, villages: pd.DataFrame) -> SafeCounts:
    """Cases per kecamatan of the scope's area, exactly as the violence page shows them."""
    safe = safe_by_area(data, scope, villages)
    total, _ = safe_total_cases(data, scope)
    return SafeCounts(safe.series.astype(float), safe.states, total)


def village_cases(data: CaseData, scope: CaseScope, villages: pd.DataFrame, kecamatan: SafeCounts, *,
                  threshold: int) -> SafeCounts:
    """Cases per desa, only where safe: a desa count is shown only when its kecamatan's count is
    shown (or zero), and it survives primary and complementary suppression within its kecamatan
    (whose total is treated as public) and the same differencing check as the violence page
    (a wider or shifted view must not differ from it by 1-4). As in lib.safety.violence._protect, under a
    sex or age filter a desa that holds 1-4 cases without it is hidden whatever its count, and over
    several years a desa holding 1-4 cases in one of them is hidden unless small itself (each year
    can be mapped on its own). Cases known only at kecamatan level are never given to a desa."""
    rows = data.cases.iloc[data.rows(scope.filters)]   # select_cases(data.cases, scope.filters), found once
    neighbours = neighbour_filters(scope.filters, first_month=data.first_month, last_month=data.last_month)
    wider = [data.cases["village_code"].iloc[data.rows(other)].value_counts() for other in neighbours]
    relaxed = [data.cases["village_code"].iloc[data.rows(view)].value_counts()
               for other in (scope.filters, *neighbours) for view in victim_relaxations(other)]
    mine_counts = rows["village_code"].value_counts()
    years = window_years(scope.filters, data)
    row_years = rows["report_date"].dt.year
    by_year = [rows["village_code"][row_years == year].value_counts() for year in years] if len(years) > 1 else []

    def small_in_any(counts: list[pd.Series], codes_: pd.Series) -> pd.Series:
        flags = pd.Series(False, index=codes_)
        for count in counts:
            count = count.reindex(codes_, fill_value=0)
            flags |= (count > 0) & (count < threshold)
        return flags

    values: dict[str, float] = {}
    states: dict[str, object] = {}
    for subdistrict, members in villages.groupby("subdistrict_code"):
        codes_ = members["village_code"].astype(str).sort_values()
        parent = kecamatan.states.get(subdistrict, CellState.NO_DATA)
        if parent not in (CellState.SHOWN, CellState.ZERO):
            hidden = CellState.NO_DATA if parent == CellState.NO_DATA else CellState.COMPLEMENT
            values.update({code: np.nan for code in codes_})
            states.update({code: hidden for code in codes_})
            continue
        mine = mine_counts.reindex(codes_, fill_value=0).astype(float)
        revealed = pd.Series(False, index=mine.index)
        for other in wider:
            gap = (other.reindex(codes_, fill_value=0) - mine).abs()
            revealed |= (gap > 0) & (gap < threshold)
        exposed = small_in_any(relaxed, codes_)
        hide = revealed | exposed | small_in_any(by_year, codes_)
        table = hide_cells(suppress_series(mine.rename("count"), threshold=threshold, also_hide=hide),
                           exposed.to_numpy(dtype=bool))
        values.update(table.values.iloc[:, 0].to_dict())
        states.update(table.states.iloc[:, 0].to_dict())
    index = pd.Index(sorted(values), name="village_code")
    return SafeCounts(pd.Series(values, dtype=float).reindex(index),
                      pd.Series(states, dtype=object).reindex(index), None)


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
                           value=t(f"map_boundary_{source}", lang)))
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


def case_period_text(data: CaseData, scope: CaseScope) -> str:
    """The whole years the case counts cover ('2022–2025')."""
    return year_span(replace(scope.filters, period_from=scope.filters.period_from or data.first_month,
                             period_to=scope.filters.period_to or data.last_month))


def violence_fill(data: CaseData, villages: pd.DataFrame, area: pd.DataFrame, filters: Filters, *,
                  desa_level: bool, lang: str, method: Method, classes: int, threshold: int) -> LayerFill:
    """Safe case counts: per kecamatan (a fill under see-through villages), or per desa where safe."""
    scope = case_scope(filters)
    period = case_period_text(data, scope)
    kecamatan = kecamatan_cases(data, scope, villages)
    spec = THEMES["violence"]
    codes_ = area["village_code"].astype(str)
    notes = (t("map_violence_safety", lang),)
    if desa_level:
        desa = village_cases(data, scope, area, kecamatan, threshold=threshold)
        colours, legend = choropleth(desa.values, desa.states, spec=spec, method=method, classes=classes, lang=lang,
                                     title=t("map_legend_violence_desa", lang, period=period),
                                     note=t("map_legend_count_note", lang, areas=t("map_areas_villages", lang)))
        texts = pd.Series({c: state_text(v, s, spec, lang) for c, v, s in
                           zip(desa.values.index, desa.values, desa.states)}, dtype=object)
        details = {t("map_tip_cases_desa", lang, period=period): texts}
        fill = LayerFill(colours, details, (legend,), "", notes=(*notes, t("map_violence_desa_note", lang)))
    else:
        by_kecamatan, legend = choropleth(kecamatan.values, kecamatan.states, spec=spec, method=method,
                                          classes=classes, lang=lang,
                                          title=t("map_legend_violence_kecamatan", lang, period=period),
                                          note=t("map_legend_count_note", lang, areas=t("map_areas_kecamatan", lang)))
        colours = pd.Series(codes_.str[:8].map(by_kecamatan).fillna(NO_DATA_COLOUR).to_numpy(), index=codes_)
        texts = {k: state_text(v, s, spec, lang) for k, v, s in
                 zip(kecamatan.values.index, kecamatan.values, kecamatan.states)}
        details = {t("map_tip_cases_kecamatan", lang, period=period):
                   pd.Series(codes_.str[:8].map(texts).fillna(t("climate_no_data", lang)).to_numpy(), index=codes_)}
        fill = LayerFill(colours, details, (legend,), "", kecamatan_colours=by_kecamatan, notes=notes)
    return replace(fill, source_line=source_line([data.cases], as_of=data.cases["report_date"].max(), lang=lang))


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
