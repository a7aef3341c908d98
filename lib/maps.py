"""The map: pydeck decks (build_*_deck) and the legends drawn next to them. No streamlit here.

Works without internet: land comes from shipped geometry over a sea-coloured layer and no
basemap is fetched (map_provider=None leaves pydeck's style sentinel, which Streamlit's
frontend drops; map_style=None or "" would make Streamlit substitute CARTO tiles). Tooltips use
deck.gl's `text` form, which is set with innerText: no name or value is ever parsed as HTML (the
`html` form is escaped by Streamlit's frontend already, so escaping here too would show
"Oh&#x27;aem" for Oh'aem).
"""
from __future__ import annotations

import hashlib
import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from lib.classify import Classification, Method, bivariate_classes, classify, positive_classification
from lib.codes import HAZARD_CLASS_UPPER_BOUNDS
from lib.i18n import code_label, format_number, t
from lib.palette import (BIVARIATE_COLOURS, HAZARD_CLASS_COLOURS, HIDDEN_COLOUR, NO_DATA_COLOUR, SEQUENTIAL_RAMPS,
                         ZERO_COLOUR)
from lib.suppress import HIDDEN_STATES, CellState

if TYPE_CHECKING:   # map_data builds layers with the colours below; only the type is needed here
    from lib.map_data import MapGeometry

SEA_COLOUR = "#D4E6F1"
LAND_COLOUR = "#F4F1EA"
VILLAGE_EDGE = (255, 255, 255, 200)
KECAMATAN_EDGE = (90, 90, 90, 220)
REGENCY_EDGE = (34, 34, 34, 255)
POINT_COLOUR = (60, 60, 60, 200)
SEA_BOUNDS = (118.0, -14.0, 130.0, -5.0)       # west, south, east, north: well beyond Timor
MAP_HEIGHT = 620
TILE_PX = 512                                   # deck.gl's world is 512 px wide at zoom 0
LABEL_FONT = "'DejaVu Sans, Source Sans Pro, Arial, sans-serif'"
EVENT_METRES_PER_SQRT_PERSON = 45.0             # circle area grows with people affected
INVISIBLE_ALPHA = 1                             # drawn but see-through, still pickable
# pydeck turns an unquoted string argument into a JS expression ("pixels" -> "@@=pixels", which
# breaks every path layer); literal strings must be quoted.
PIXELS = "'pixels'"


def rgba(colour: str, alpha: int = 255) -> list[int]:
    """'#RRGGBB' -> [r, g, b, alpha] for deck.gl."""
    text = colour.lstrip("#")
    return [int(text[i:i + 2], 16) for i in (0, 2, 4)] + [int(alpha)]


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2, which nearly triples polygon
    payloads sent to the browser."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


@dataclass(frozen=True)
class Overlays:
    """Which reference layers to draw over the village fill."""

    kecamatan_outlines: bool = True
    regency_outline: bool = True
    village_points: bool = True
    kecamatan_names: bool = True
    online_basemap: bool = False


@dataclass(frozen=True)
class VillageLayer:
    """The village fill: per village code a colour (hex), an alpha and a tooltip text."""

    colours: pd.Series
    tips: pd.Series
    alpha: int = 255
    layer_id: str = "villages"


@dataclass(frozen=True)
class EventLayer:
    """Event circles: rows with lon, lat, affected, colour (hex) and tip."""

    rows: pd.DataFrame


@dataclass(frozen=True)
class MapSpec:
    """Everything a deck needs besides the geometry."""

    villages: VillageLayer
    codes: tuple[str, ...]                        # the villages in view (drawn and zoomed to)
    kecamatan_colours: pd.Series | None = None    # kecamatan code -> hex: a kecamatan-level fill
    events: EventLayer | None = None
    selected: str | None = None
    overlays: Overlays = field(default_factory=Overlays)
    centroids: pd.DataFrame | None = None         # village_code, lon, lat (points layer)
    kecamatan_names: Mapping[str, str] = field(default_factory=dict)


# View --------------------------------------------------------------------------------------------
def view_for_bounds(bounds: Sequence[float], *, width_px: int = 760, height_px: int = MAP_HEIGHT) -> pdk.ViewState:
    """A view that fits (west, south, east, north) in a map of the given size (web mercator)."""
    west, south, east, north = bounds
    lon_span = max(east - west, 0.02) * 1.15
    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    lat_span = max(abs(merc(north) - merc(south)), 0.0004) * 1.15
    zoom_lon = math.log2(width_px * 360 / (TILE_PX * lon_span))
    zoom_lat = math.log2(height_px * 2 * math.pi / (TILE_PX * lat_span))
    return pdk.ViewState(longitude=round((west + east) / 2, 5), latitude=round((south + north) / 2, 5),
                         zoom=round(min(zoom_lon, zoom_lat, 14.0), 2), pitch=0, bearing=0)


# Selection ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MapPick:
    """The village picked on the map at the last run, under the village layer's id then."""

    layer_id: str
    code: str | None


def village_layer_id(codes: Sequence[str], generation: int) -> str:
    """An id that changes when the villages drawn change (filters) or the selection is set
    elsewhere (the selectbox), so that a stale click selection is dropped with the old id."""
    digest = hashlib.sha1("|".join(codes).encode()).hexdigest()[:8]
    return f"villages-{generation}-{digest}"


def picked_code(selection: Mapping[str, Any] | None, *, layer_id: str) -> str | None:
    """The village code of the object selected in the village layer `layer_id`, if any."""
    objects = (selection or {}).get("objects") or {}
    for item in objects.get(layer_id) or []:
        properties = item.get("properties", item) if isinstance(item, Mapping) else {}
        code = properties.get("village_code")
        if code:
            return str(code)
    return None


def resolve_pick(selection: Mapping[str, Any] | None, *, layer_id: str,
                 last: MapPick | None) -> tuple[bool, str | None, MapPick]:
    """(clicked, code, now): whether the user picked (or cleared) a village on the map since the
    last run. Clearing counts only when nothing at all is selected in the same layer that held
    the pick (a click on empty ground or on the picked village again); a stale selection under
    an older layer id, or a click on an event, changes nothing."""
    code = picked_code(selection, layer_id=layer_id)
    now = MapPick(layer_id, code)
    if code is not None and now != last:
        return True, code, now
    anything = any((selection or {}).get("objects", {}).values()) if selection else False
    if code is None and not anything and last is not None and last.code is not None and last.layer_id == layer_id:
        return True, None, now
    return False, None, now


# Deck --------------------------------------------------------------------------------------------
def _village_features(geometry: MapGeometry, spec: MapSpec) -> list[dict]:
    frame = geometry.villages.set_index("village_code")
    features = []
    for code in spec.codes:
        shape = geometry.village_shapes.get(code)
        if shape is None or code not in frame.index:
            continue
        colour = spec.villages.colours.get(code)
        features.append({"type": "Feature", "geometry": shape, "properties": {
            "village_code": code,
            "fill": rgba(colour, spec.villages.alpha) if isinstance(colour, str) else [0, 0, 0, 0],
            "tip": str(spec.villages.tips.get(code, "")),
        }})
    return features


def _reference_layers(geometry: MapGeometry, spec: MapSpec) -> tuple[list[pdk.Layer], list[pdk.Layer]]:
    """(under the villages, over the villages)."""
    under: list[pdk.Layer] = []
    over: list[pdk.Layer] = []
    if not spec.overlays.online_basemap:
        west, south, east, north = SEA_BOUNDS
        under.append(pdk.Layer("PolygonLayer", id="sea", data=[{"polygon": [[west, south], [east, south], [east, north],
                                                                              [west, north]]}],
                               get_polygon="polygon", get_fill_color=rgba(SEA_COLOUR), stroked=False, pickable=False))
        if geometry.land_features:
            under.append(pdk.Layer("GeoJsonLayer", id="land", data={"type": "FeatureCollection",
                                                                    "features": list(geometry.land_features)},
                                   get_fill_color=rgba(LAND_COLOUR), stroked=False, pickable=False))
    if spec.kecamatan_colours is not None:
        wanted = {code[:8] for code in spec.codes}
        features = [{**f, "properties": {"fill": rgba(spec.kecamatan_colours.get(f["properties"]["subdistrict_code"],
                                                                                 "#FFFFFF"), 230)}}
                    for f in geometry.subdistrict_features if f["properties"]["subdistrict_code"] in wanted]
        under.append(pdk.Layer("GeoJsonLayer", id="kecamatan-fill", data={"type": "FeatureCollection",
                                                                           "features": features},
                               get_fill_color="properties.fill", stroked=False, pickable=False))
    if spec.overlays.kecamatan_outlines and geometry.subdistrict_features:
        outlines = [{**f, "properties": {}} for f in geometry.subdistrict_features]
        over.append(pdk.Layer("GeoJsonLayer", id="kecamatan", data={"type": "FeatureCollection", "features": outlines},
                              filled=False, stroked=True, get_line_color=list(KECAMATAN_EDGE),
                              line_width_min_pixels=1.2, line_width_units=PIXELS, get_line_width=1.2,
                              pickable=False))
    if spec.overlays.regency_outline and geometry.regency_features:
        outlines = [{**f, "properties": {}} for f in geometry.regency_features]
        over.append(pdk.Layer("GeoJsonLayer", id="regency", data={"type": "FeatureCollection", "features": outlines},
                              filled=False, stroked=True, get_line_color=list(REGENCY_EDGE),
                              line_width_min_pixels=2.5, line_width_units=PIXELS, get_line_width=2.5,
                              pickable=False))
    return under, over


def _point_layers(geometry: MapGeometry, spec: MapSpec) -> list[pdk.Layer]:
    layers: list[pdk.Layer] = []
    if spec.overlays.village_points and spec.centroids is not None:
        points = spec.centroids[spec.centroids["village_code"].isin(spec.codes)]
        layers.append(pdk.Layer("ScatterplotLayer", id="village-points",
                                data=[{"p": [round(float(x), 5), round(float(y), 5)]}
                                      for x, y in zip(points["lon"], points["lat"])],
                                get_position="p", get_radius=180, radius_min_pixels=1.5, radius_max_pixels=4,
                                get_fill_color=list(POINT_COLOUR), pickable=False))
    if spec.events is not None and len(spec.events.rows):
        rows = spec.events.rows
        data = [{"p": [round(float(x), 5), round(float(y), 5)],
                 "r": round(EVENT_METRES_PER_SQRT_PERSON * math.sqrt(a), 1) if pd.notna(a) else 0.0,
                 "fill": rgba(c, 140), "line": rgba(c, 255), "tip": str(tip)}
                for x, y, a, c, tip in zip(rows["lon"], rows["lat"], rows["affected"], rows["colour"], rows["tip"])]
        layers.append(pdk.Layer("ScatterplotLayer", id="events", data=data, get_position="p", get_radius="r",
                                radius_min_pixels=4, get_fill_color="fill", get_line_color="line", stroked=True,
                                line_width_min_pixels=1.5, pickable=True, auto_highlight=True))
    if spec.overlays.kecamatan_names and spec.kecamatan_names:
        wanted = {code[:8] for code in spec.codes}
        labels = [{"p": list(geometry.area_points[code]), "name": str(name)}
                  for code, name in spec.kecamatan_names.items() if code in wanted and code in geometry.area_points]
        layers.append(pdk.Layer("TextLayer", id="kecamatan-names", data=labels, get_position="p", get_text="name",
                                get_size=13, get_color=[30, 30, 30, 255], font_weight=600, font_family=LABEL_FONT,
                                font_settings={"sdf": True}, outline_width=3, outline_color=[255, 255, 255, 230],
                                get_text_anchor="'middle'", get_alignment_baseline="'center'", pickable=False))
    return layers


def _selected_layers(geometry: MapGeometry, spec: MapSpec) -> list[pdk.Layer]:
    shape = geometry.village_shapes.get(spec.selected or "")
    if shape is None or spec.selected not in spec.codes:
        return []
    feature = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": shape, "properties": {}}]}
    return [pdk.Layer("GeoJsonLayer", id=f"selected-{name}", data=feature, filled=False, stroked=True,
                      get_line_color=colour, line_width_min_pixels=width, line_width_units=PIXELS,
                      get_line_width=width, pickable=False)
            for name, colour, width in (("halo", [255, 255, 255, 255], 7), ("line", [0, 0, 0, 255], 3.5))]


def build_village_deck(geometry: MapGeometry, spec: MapSpec) -> pdk.Deck:
    """The map: sea and land, the village fill (pickable, with tooltips), kecamatan and regency
    outlines, village points, events, the selected village outlined, kecamatan names."""
    under, over = _reference_layers(geometry, spec)
    villages = pdk.Layer("GeoJsonLayer", id=spec.villages.layer_id,
                         data={"type": "FeatureCollection", "features": _village_features(geometry, spec)},
                         get_fill_color="properties.fill", stroked=True, get_line_color=list(VILLAGE_EDGE),
                         line_width_min_pixels=0.6, line_width_units=PIXELS, get_line_width=0.6,
                         pickable=True, auto_highlight=True, highlight_color=[255, 255, 255, 90])
    layers = [*under, villages, *over, *_point_layers(geometry, spec), *_selected_layers(geometry, spec)]
    in_view = geometry.villages[geometry.villages["village_code"].isin(spec.codes)]
    bounds = in_view.total_bounds if len(in_view) else geometry.villages.total_bounds
    basemap = {"map_provider": "carto", "map_style": "light"} if spec.overlays.online_basemap else {"map_provider": None}
    return CompactDeck(
        layers=layers, initial_view_state=view_for_bounds(bounds), **basemap,
        tooltip={"text": "{tip}", "style": {"backgroundColor": "#222222", "color": "#FFFFFF", "fontSize": "13px",
                                            "padding": "6px 8px", "maxWidth": "320px", "whiteSpace": "pre-line"}},
    )


# Colours and legends -----------------------------------------------------------------------------
MAX_CLASSES = len(SEQUENTIAL_RAMPS["reach"])


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    shape: str = "box"          # "box", "circle" or "outline"


@dataclass(frozen=True)
class Legend:
    title: str
    entries: tuple[LegendEntry, ...]
    method: str = ""
    note: str = ""


@dataclass(frozen=True)
class LayerFill:
    """A thematic layer ready to draw: colour and tooltip lines per village, legends, source."""

    colours: pd.Series                      # village code -> hex
    details: dict[str, pd.Series]           # tooltip label -> text per village code
    legends: tuple[Legend, ...]
    source_line: str
    kecamatan_colours: pd.Series | None = None   # a kecamatan-level fill drawn under the villages
    notes: tuple[str, ...] = ()

    @property
    def alpha(self) -> int:
        """Villages over a kecamatan fill are see-through (still pickable, for tooltips)."""
        return INVISIBLE_ALPHA if self.kecamatan_colours is not None else 255


@dataclass(frozen=True)
class ThemeSpec:
    """How a village (or kecamatan) value is coloured and written."""

    ramp: str                   # key of SEQUENTIAL_RAMPS
    zero_is_state: bool         # zero has its own colour; classes cover the values above zero
    scale: float = 1.0          # shown = value * scale (a share shown as percent)
    suffix: str = ""
    decimals: int = 0


THEMES: dict[str, ThemeSpec] = {
    "reach": ThemeSpec("reach", zero_is_state=True),
    "women_share": ThemeSpec("reach", zero_is_state=False, scale=100.0, suffix="%"),
    "indicator": ThemeSpec("reach", zero_is_state=False, decimals=1),
    "violence": ThemeSpec("violence", zero_is_state=True),
    "priority": ThemeSpec("priority", zero_is_state=False, decimals=2),
}


def ramp_colours(ramp: Sequence[str], count: int) -> list[str]:
    """`count` colours spread evenly over a ramp, light to dark."""
    if count <= 0:
        return []
    if count == 1:
        return [ramp[len(ramp) // 2]]
    return [ramp[round(i * (len(ramp) - 1) / (count - 1))] for i in range(count)]


def format_value(value: float, spec: ThemeSpec, lang: str) -> str:
    return format_number(value * spec.scale, lang, decimals=spec.decimals) + spec.suffix


def states_from_values(values: pd.Series, *, zero_is_state: bool) -> pd.Series:
    """CellState per value of a table that is not case data: no data, zero (if a state), shown."""
    states = pd.Series(CellState.SHOWN, index=values.index, dtype=object)
    if zero_is_state:
        states[values == 0] = CellState.ZERO
    states[values.isna()] = CellState.NO_DATA
    return states


def state_text(value: float | None, state: CellState, spec: ThemeSpec, lang: str) -> str:
    """What a tooltip says for one value: the number, 0, <5, hidden or no data."""
    if state == CellState.SMALL:
        return t("map_state_small", lang)
    if state in HIDDEN_STATES:
        return t("map_state_hidden_short", lang)
    if state == CellState.NO_DATA or value is None or pd.isna(value):
        return t("map_no_data", lang)
    return format_value(float(value), spec, lang)


def _range_label(low: float, high: float, spec: ThemeSpec, lang: str, count: int) -> str:
    text = format_value(low, spec, lang) if low == high else \
        f"{format_value(low, spec, lang)} – {format_value(high, spec, lang)}"
    return t("map_legend_count", lang, label=text, count=count)


def class_ranges(found: Classification, *, integers: bool) -> list[tuple[float, float]]:
    """The ranges a legend shows. For whole numbers (counts), whole-number ranges that do not
    overlap: classes (7, 14.7] and (14.7, 22.3] read 7 – 14 and 15 – 22."""
    ranges = found.ranges()
    if not integers:
        return ranges
    shown, previous = [], None
    for low, high in ranges:
        start = math.ceil(low) if previous is None else math.floor(previous) + 1
        shown.append((float(min(start, math.floor(high))), float(math.floor(high))))
        previous = high
    return shown


def _state_entries(states: pd.Series, lang: str) -> list[LegendEntry]:
    """Legend rows for the zero, hidden and no-data states present (no data always listed)."""
    entries = []
    zero = int((states == CellState.ZERO).sum())
    hidden = int(states.map(lambda s: s in HIDDEN_STATES).sum())
    if zero:
        entries.append(LegendEntry(ZERO_COLOUR, t("map_legend_count", lang, label="0", count=zero)))
    if hidden:
        entries.append(LegendEntry(HIDDEN_COLOUR, t("map_legend_count", lang, label=t("map_state_hidden", lang),
                                                    count=hidden)))
    entries.append(LegendEntry(NO_DATA_COLOUR, t("map_legend_count", lang, label=t("map_no_data", lang),
                                                 count=int((states == CellState.NO_DATA).sum()))))
    return entries


def method_text(method: Method, classification: Classification, lang: str) -> str:
    if classification.count == 0:
        return t("map_method_nothing", lang)
    return t("map_method_line", lang, method=t(f"map_method_{Method(method).value}", lang),
             classes=classification.count)


def choropleth(values: pd.Series, states: pd.Series, *, spec: ThemeSpec, method: Method, classes: int,
               lang: str, title: str, note: str = "") -> tuple[pd.Series, Legend]:
    """Colour per area and its legend. Only SHOWN values are classified; zero, hidden and no data
    keep their own colours, so a hidden count never takes a class colour."""
    shown = values.where(states == CellState.SHOWN)
    found = (positive_classification if spec.zero_is_state else classify)(shown, method=method, classes=classes)
    palette = ramp_colours(SEQUENTIAL_RAMPS[spec.ramp], found.count)
    colours = pd.Series(NO_DATA_COLOUR, index=values.index, dtype=object)
    colours[states == CellState.ZERO] = ZERO_COLOUR
    colours[states.map(lambda s: s in HIDDEN_STATES).astype(bool)] = HIDDEN_COLOUR
    classified = found.classes.notna()
    colours[classified] = [palette[int(c) - 1] for c in found.classes[classified]]
    counts = found.classes.value_counts()
    shown_values = shown.dropna()
    integers = spec.decimals == 0 and spec.scale == 1 and bool((shown_values == shown_values.round()).all())
    entries = [LegendEntry(palette[i], _range_label(low, high, spec, lang, int(counts.get(i + 1, 0))))
               for i, (low, high) in enumerate(class_ranges(found, integers=integers))]
    legend = Legend(title, tuple(entries + _state_entries(states, lang)), method_text(method, found, lang), note)
    return colours, legend


def hazard_colours(classes: pd.Series, *, lang: str, title: str, note: str = "") -> tuple[pd.Series, Legend]:
    """InaRISK class colours (lib.palette.HAZARD_CLASS_COLOURS) and their legend; no data grey."""
    colours = classes.map(HAZARD_CLASS_COLOURS).astype(object).where(classes.notna(), NO_DATA_COLOUR)
    colours = colours.fillna(NO_DATA_COLOUR)
    entries, low = [], 0.0
    for code, upper in HAZARD_CLASS_UPPER_BOUNDS:
        bounds = f"{format_number(low, lang, decimals=3)} – {format_number(upper, lang, decimals=3)}"
        label = f"{code_label('hazard_class', code, lang)} ({bounds})"
        entries.append(LegendEntry(HAZARD_CLASS_COLOURS[code], t("map_legend_count", lang, label=label,
                                                                 count=int((classes == code).sum()))))
        low = upper
    entries.append(LegendEntry(NO_DATA_COLOUR, t("map_legend_count", lang, label=t("map_no_data", lang),
                                                 count=int(classes.isna().sum()))))
    return colours, Legend(title, tuple(entries), t("map_method_inarisk", lang), note)


def bivariate_colours(x: pd.Series, y: pd.Series, *, x_states: pd.Series, y_states: pd.Series, method: Method,
                      x_zero_is_low: bool, y_zero_is_low: bool) -> tuple[pd.Series, pd.DataFrame]:
    """Colour per area from its 3x3 class, and the classes. Hidden values (either variable) are
    grey as hidden, missing ones as no data: never one of the nine colours."""
    xs, ys = x.where(x_states.isin([CellState.SHOWN, CellState.ZERO])), y.where(y_states.isin([CellState.SHOWN,
                                                                                              CellState.ZERO]))
    found = bivariate_classes(xs, ys, method=method, x_zero_is_low=x_zero_is_low, y_zero_is_low=y_zero_is_low)
    colours = found["cell"].map(BIVARIATE_COLOURS).astype(object)
    hidden = x_states.map(lambda s: s in HIDDEN_STATES).astype(bool) | y_states.map(
        lambda s: s in HIDDEN_STATES).astype(bool)
    colours[hidden] = HIDDEN_COLOUR
    colours = colours.fillna(NO_DATA_COLOUR)
    return colours, found


# Legend HTML (drawn by the page with st.html) -------------------------------------------------------
def _swatch(colour: str, shape: str) -> str:
    radius = "50%" if shape == "circle" else "2px"
    border = "3px solid #000" if shape == "outline" else "1px solid #888"
    return (f'<span style="display:inline-block;width:16px;height:16px;flex:none;box-sizing:border-box;'
            f'background:{html.escape(colour)};border:{border};border-radius:{radius}"></span>')


def legend_html(legend: Legend) -> str:
    """A legend as HTML: title, swatches with labels, method and note (every text escaped)."""
    rows = "".join(f'<div style="display:flex;align-items:center;gap:8px;margin:3px 0">{_swatch(e.colour, e.shape)}'
                   f"<span>{html.escape(e.label)}</span></div>" for e in legend.entries)
    parts = [f'<div style="font-weight:600;margin-bottom:4px">{html.escape(legend.title)}</div>', rows]
    if legend.method:
        parts.append(f'<div style="color:#555;font-size:0.85em;margin-top:4px">{html.escape(legend.method)}</div>')
    if legend.note:
        parts.append(f'<div style="color:#555;font-size:0.85em;margin-top:2px">{html.escape(legend.note)}</div>')
    return f'<div style="font-size:0.92rem;line-height:1.25;margin-bottom:12px">{"".join(parts)}</div>'


def bivariate_legend_html(*, title: str, x_label: str, y_label: str, extra: Sequence[LegendEntry] = ()) -> str:
    """The 3x3 legend: x grows to the right, y grows upwards; then the hidden / no data rows."""
    cells = "".join(f'<div style="width:30px;height:30px;background:{BIVARIATE_COLOURS[f"{x}-{y}"]}"></div>'
                    for y in (3, 2, 1) for x in (1, 2, 3))
    grid = (f'<div style="display:flex;align-items:center;gap:6px">'
            f'<div style="writing-mode:vertical-rl;transform:rotate(180deg);font-size:0.85em">{html.escape(y_label)} →</div>'
            f'<div><div style="display:grid;grid-template-columns:repeat(3,30px);gap:2px">{cells}</div>'
            f'<div style="font-size:0.85em;margin-top:4px">{html.escape(x_label)} →</div></div></div>')
    rest = legend_html(Legend("", tuple(extra))) if extra else ""
    return (f'<div style="font-size:0.92rem;margin-bottom:12px"><div style="font-weight:600;margin-bottom:6px">'
            f"{html.escape(title)}</div>{grid}{rest}</div>")
