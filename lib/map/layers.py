"""The values the map draws, one row per village (or kecamatan), from validated tables; and the
village geometry, read, simplified and rounded once.

Pure functions (no streamlit). Case data leaves this module only as safe counts: kecamatan
counts come from lib.safety.violence (the same numbers as the violence page), desa counts are shown only
where the kecamatan's own count is shown and the desa count survives suppression.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from lib.data import geo
from lib.map.classify import Method
from lib.data.filters import Filters, category_mask, date_mask, period_mask
from lib.metrics.hazards import data_areas, events_for_areas, latest_hazards
from lib.texts.i18n import code_label, format_date, format_number, t
from lib.map.colours import (THEMES, LayerFill, Legend, LegendEntry, ThemeSpec, choropleth, format_value,
                             hazard_colours, state_text, states_from_values)
from lib.map.deck import EventLayer
from lib.charts.palette import NO_DATA_COLOUR, category_colour
from lib.metrics.summary import sources_of
from lib.safety.suppress import CellState, suppress_series
from lib.metrics.values_index import ValuesIndex
from lib.safety.violence import (CaseData, CaseScope, case_scope, hide_cells, neighbour_filters, safe_by_area,
                          safe_total_cases, victim_relaxations, window_years, year_span)

# Coverage-simplification tolerance for the browser (degrees; about 110 m at this latitude).
MAP_SIMPLIFY_TOLERANCE = geo.WEB_SIMPLIFY_TOLERANCE
CASE_UNITS = frozenset({"cases"})   # indicator units that count survivors: suppressed like cases


# Geometry ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MapGeometry:
    """Every layer the map draws, simplified and rounded, as GeoJSON-ready dicts. Shared by every
    rerun through the cache: never mutate it."""

    villages: gpd.GeoDataFrame          # one row per village code, geo.VILLAGE_LAYER_COLUMNS
    village_shapes: dict[str, dict]     # village code -> GeoJSON geometry
    subdistrict_features: tuple[dict, ...]
    regency_features: tuple[dict, ...]
    land_features: tuple[dict, ...]
    area_points: dict[str, tuple[float, float]]   # kecamatan / regency code -> (lon, lat) inside it

    @property
    def boundary_sources(self) -> frozenset[str]:
        return frozenset(self.villages["boundary_source"].dropna().astype(str))


def _read_layer(folder: Path, name: str) -> gpd.GeoDataFrame | None:
    path = folder / geo.LAYER_FILES[name]
    if not path.is_file():
        return None
    return gpd.read_file(path).to_crs("EPSG:4326") if path.stat().st_size else None


def _simplified(frame: gpd.GeoDataFrame, *, tolerance: float, coverage: bool) -> list[shapely.Geometry]:
    """A coverage keeps shared edges shared (lib.data.geo.clean_coverage); a lone outline is simplified alone."""
    repaired = [geo.repair_polygon(g)[0] for g in frame.geometry]
    if coverage:
        return geo.clean_coverage(repaired, tolerance=tolerance)
    return [geo.round_geometry(shapely.simplify(g, tolerance, preserve_topology=True)) for g in repaired]


def _features(frame: gpd.GeoDataFrame | None, columns: tuple[str, ...], geometries: list[shapely.Geometry]) -> tuple[dict, ...]:
    if frame is None:
        return ()
    kept = [c for c in columns if c in frame.columns]
    return tuple({"type": "Feature", "properties": {c: geo._json_value(row[c]) for c in kept}, "geometry": mapping(g)}
                 for (_, row), g in zip(frame.iterrows(), geometries, strict=True) if not g.is_empty)


def _inside_point(geometry: shapely.Geometry) -> tuple[float, float]:
    """The centroid, or a point surely inside when the centroid falls outside (islands, bays)."""
    point = geometry.centroid if geometry.contains(geometry.centroid) else geometry.representative_point()
    return round(point.x, 5), round(point.y, 5)


def load_village_geometry(folder: Path, *, tolerance: float = MAP_SIMPLIFY_TOLERANCE) -> MapGeometry:
    """Read the boundary layers of `folder`, simplify and round them for the browser.

    Slow enough (a few hundred ms) to do once per file version: see `village_geometry`. A missing
    layer gives an empty one; a missing village layer gives a map of points only.
    """
    villages = _read_layer(folder, "villages")
    if villages is None:
        villages = gpd.GeoDataFrame({c: pd.Series(dtype="object") for c in geo.VILLAGE_LAYER_COLUMNS},
                                    geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")
    villages = villages.sort_values("village_code").drop_duplicates("village_code").reset_index(drop=True)
    if "boundary_source" not in villages.columns:
        villages["boundary_source"] = geo.APPROXIMATE
    village_geometries = _simplified(villages, tolerance=tolerance, coverage=True) if len(villages) else []
    villages = villages.set_geometry(gpd.GeoSeries(village_geometries, crs="EPSG:4326", index=villages.index))
    shapes = {str(code): mapping(g) for code, g in zip(villages["village_code"], village_geometries) if not g.is_empty}
    layers = {}
    points: dict[str, tuple[float, float]] = {}
    for name, columns, code_column in (("subdistricts", geo.SUBDISTRICT_LAYER_COLUMNS, "subdistrict_code"),
                                       ("regencies", geo.REGENCY_LAYER_COLUMNS, "regency_code")):
        frame = _read_layer(folder, name)
        geometries = _simplified(frame, tolerance=tolerance, coverage=True) if frame is not None else []
        layers[name] = _features(frame, columns, geometries)
        if frame is not None:
            points.update({str(code): _inside_point(g) for code, g in zip(frame[code_column], geometries)
                           if not g.is_empty})
    land = _read_layer(folder, "land")
    land_geometries = _simplified(land, tolerance=tolerance, coverage=False) if land is not None else []
    return MapGeometry(villages[[*geo.VILLAGE_LAYER_COLUMNS, "geometry"]], shapes, layers["subdistricts"],
                       layers["regencies"], _features(land, (), land_geometries), points)


def boundary_fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of each boundary layer: a cache key that changes with the files."""
    entries = []
    for name in geo.LAYER_FILES.values():
        path = folder / name
        if path.is_file():
            stat = path.stat()
            entries.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


# Reach ---------------------------------------------------------------------------------------------
REACH_COLUMNS: tuple[str, ...] = ("participants", "female", "male", "with_disability", "activities", "women_share")


def reach_measure_columns(filters: Filters) -> tuple[str, ...]:
    """The participant columns that the sex and disability filters select."""
    if filters.disabilities == ("ya",):
        return ("participants_with_disability",)
    sexes = filters.sexes or ("perempuan", "laki_laki")
    return tuple({"perempuan": "participants_female", "laki_laki": "participants_male"}[s] for s in sexes)


def reach_by_village(activities: pd.DataFrame, village_codes: pd.Series, filters: Filters) -> pd.DataFrame:
    """Participants per village in the chosen period (all villages listed, zero where none).

    `participants` follows the sex and disability filters; `women_share` is women among all
    participants (missing where there were none)."""
    rows = activities[date_mask(activities["date"], filters)]
    measure = list(reach_measure_columns(filters))
    grouped = rows.assign(participants=rows[measure].sum(axis=1)).groupby("village_code")
    table = pd.DataFrame({
        "participants": grouped["participants"].sum(),
        "female": grouped["participants_female"].sum(),
        "male": grouped["participants_male"].sum(),
        "with_disability": grouped["participants_with_disability"].sum(),
        "activities": grouped.size(),
    }).reindex(pd.Index(village_codes.astype(str), name="village_code"), fill_value=0).astype(float)
    everyone = table["female"] + table["male"]
    table["women_share"] = (table["female"] / everyone).where(everyone > 0)
    return table[list(REACH_COLUMNS)]


# Indicators ----------------------------------------------------------------------------------------
def village_indicators(indicators: pd.DataFrame, values: pd.DataFrame, *,
                       index: ValuesIndex | None = None) -> list[str]:
    """Indicator codes that have values at village level, in the framework's order. `index`: the
    values' ValuesIndex, when there is one (the same codes, read from the distinct area codes)."""
    if index is not None and index.covers(values):
        villages = (index.areas.astype(str).str.count(r"\.") == 3).to_numpy(dtype=bool, na_value=False)
        at_village = index.indicators_with_rows(villages)
    else:
        at_village = set(values.loc[values["area_code"].astype(str).str.count(r"\.") == 3, "indicator_code"])
    return [code for code in indicators["indicator_code"] if code in at_village]


def _indicator_rows(values: pd.DataFrame, indicator: str, filters: Filters, index: ValuesIndex | None) -> pd.DataFrame:
    """Rows of one indicator in the chosen months (periods overlapping them)."""
    if index is not None and index.covers(values):
        return values.iloc[np.flatnonzero(index.rows_of("indicator_code", indicator) & index.period_rows(filters))]
    return values[(values["indicator_code"] == indicator) & period_mask(values["period"].astype(str), filters)]


def indicator_by_village(values: pd.DataFrame, *, indicator: str, unit: str, village_codes: pd.Series,
                         filters: Filters, threshold: int, index: ValuesIndex | None = None) -> pd.DataFrame:
    """The latest value of `indicator` per village within the chosen period and disaggregation:
    columns value, period, state (CellState); a unit of cases is suppressed like case counts."""
    rows = _indicator_rows(values, indicator, filters, index)
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
def hazard_by_village(hazards: pd.DataFrame, *, hazard: str, village_codes: pd.Series,
                      latest: pd.DataFrame | None = None) -> pd.DataFrame:
    """Index, InaRISK class and year of one hazard per village (latest assessment); missing = no data.
    `latest`: latest_hazards(hazards), when the page has it (lib.ui.cache keeps it)."""
    latest = latest_hazards(hazards) if latest is None else latest
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
    return t("source_line", lang, source=sources_of(frame), as_of=as_of)


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
    women = reach["women_share"].map(lambda v: t("map_no_data", lang) if pd.isna(v)
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
    return LayerFill(colours, {t("map_tip_participants", lang): participants, t("map_tip_women_share", lang): women,
                               t("map_tip_activities", lang): reach["activities"].map(lambda v: format_number(v, lang))},
                     (legend,), _source_line(rows, _date_text(rows["date"], lang), lang), notes=notes)


def indicator_fill(values: pd.DataFrame, indicators: pd.DataFrame, area: pd.DataFrame, filters: Filters, *,
                   indicator: str, lang: str, method: Method, classes: int, threshold: int,
                   index: ValuesIndex | None = None) -> LayerFill:
    """The latest value of a village-level indicator in the period (its disaggregation from the filters)."""
    row = indicators.set_index("indicator_code").loc[indicator]
    unit = str(row["unit"])
    spec = ThemeSpec("reach", zero_is_state=False, decimals=1 if unit == "percent" else 0,
                     suffix="%" if unit == "percent" else "")
    table = indicator_by_village(values, indicator=indicator, unit=unit, village_codes=area["village_code"],
                                 filters=filters, threshold=threshold, index=index)
    name = str(row["name_en" if lang == "en" else "name_id"])
    colours, legend = choropleth(table["value"], table["state"], spec=spec, method=method, classes=classes,
                                 lang=lang, title=t("map_legend_indicator", lang, indicator=name))
    texts = pd.Series({code: state_text(v, s, spec, lang) for code, v, s in
                       zip(table.index, table["value"], table["state"])}, dtype=object)
    rows = _indicator_rows(values, indicator, filters, index)
    periods = table["period"].fillna("–").astype(str)
    latest = str(rows["period"].max()) if len(rows) else "–"
    return LayerFill(colours, {name: texts, t("map_tip_period", lang): periods}, (legend,),
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
                   pd.Series(codes_.str[:8].map(texts).fillna(t("map_no_data", lang)).to_numpy(), index=codes_)}
        fill = LayerFill(colours, details, (legend,), "", kecamatan_colours=by_kecamatan, notes=notes)
    latest = data.cases["report_date"].max()
    as_of = "–" if pd.isna(latest) else format_date(latest.date(), lang)
    return replace(fill, source_line=t("source_line", lang, source=sources_of(data.cases), as_of=as_of))


def hazard_fill(hazards: pd.DataFrame, area: pd.DataFrame, *, hazard: str, lang: str,
                latest: pd.DataFrame | None = None) -> LayerFill:
    """InaRISK class of one hazard per village (latest assessment), coloured by class."""
    table = hazard_by_village(hazards, hazard=hazard, village_codes=area["village_code"], latest=latest)
    years = table["year"].dropna()
    year = str(int(years.max())) if len(years) else "–"
    name = code_label("hazard", hazard, lang)
    colours, legend = hazard_colours(table["class"], lang=lang, title=t("map_legend_hazard", lang, hazard=name,
                                                                         year=year))
    texts = pd.Series({code: t("map_no_data", lang) if pd.isna(index) else
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
    legend = Legend(t("map_legend_events", lang),
                    tuple(LegendEntry(category_colour("event_type", k), code_label("event_type", k, lang), "circle")
                          for k in kinds),
                    note=t("map_legend_events_note", lang,
                           largest="–" if pd.isna(largest) else format_number(largest, lang)))
    return EventLayer(rows), legend, _source_line(rows, _date_text(rows["date"], lang), lang)
