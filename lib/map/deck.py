"""The map: pydeck decks (build_village_deck). Colours and legends: lib.map.colours; the selected
village: lib.map.selection. No streamlit here.

Works without internet: land comes from shipped geometry over a sea-coloured layer and no
basemap is fetched (map_provider=None leaves pydeck's style sentinel, which Streamlit's
frontend drops; map_style=None or "" would make Streamlit substitute CARTO tiles). Tooltips use
deck.gl's `text` form, which is set with innerText: no name or value is ever parsed as HTML (the
`html` form is escaped by Streamlit's frontend already, so escaping here too would show
"Oh&#x27;aem" for Oh'aem).
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from lib.map.edges import EdgeKind, Path
from lib.map.geometry import MapGeometry
from lib.map.labels import names_in_view, place_labels, text_size_px, web_projection


SEA_COLOUR = "#D4E6F1"
LAND_COLOUR = "#F4F1EA"
VILLAGE_EDGE = (255, 255, 255, 200)
KECAMATAN_EDGE = (90, 90, 90, 220)
REGENCY_EDGE = (34, 34, 34, 255)
POINT_COLOUR = (60, 60, 60, 200)
SEA_BOUNDS = (118.0, -14.0, 130.0, -5.0)       # west, south, east, north: well beyond Timor
# The map box the opening view is fitted to. The page's map is as wide as the page and 72% of the
# window's height (lib.ui.styles.MAP_CSS): 906 x 648 px at 1366 x 900, 564 x 553 at 1024 x 768, where
# the view's 15% margin still holds the whole area.
VIEW_BOX_PX = (760, 620)
TILE_PX = 512                                   # deck.gl's world is 512 px wide at zoom 0
LABEL_FONT = "'DejaVu Sans, Source Sans Pro, Arial, sans-serif'"
EVENT_METRES_PER_SQRT_PERSON = 45.0             # circle area grows with people affected
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
        # Written once: a built deck is never changed (lib.ui.cache shares it), and st.pydeck_chart asks on
        # every rerun for what is several hundred kilobytes of JSON.
        if getattr(self, "_written", None) is None:
            self._written = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
        return self._written

    def __getstate__(self) -> dict:
        self.to_json()                 # kept on disk (lib.ui.cache.durable) with its JSON: written once, ever
        return self.__dict__


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
    village_names: Mapping[str, str] = field(default_factory=dict)   # shown when the view is one kecamatan


@dataclass(frozen=True)
class NameStyle:
    """How one level of area names is drawn on the web map."""

    font_px: int
    weight: int


# 12 px: at 13 px one of Kupang's 24 kecamatan names finds no free place at the regency view.
NAME_STYLES = {"kecamatan": NameStyle(12, 600), "village": NameStyle(12, 600)}


# View --------------------------------------------------------------------------------------------
def view_for_bounds(bounds: Sequence[float], *, width_px: int = VIEW_BOX_PX[0],
                    height_px: int = VIEW_BOX_PX[1]) -> pdk.ViewState:
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
    over.append(_outline_layer(geometry, spec))
    return under, over


@dataclass(frozen=True)
class LineStyle:
    colour: tuple[int, int, int, int]
    width_px: float


# An edge is drawn as what it divides (lib.map.edges): a coast or a regency's border thickest, then a
# kecamatan's, then two villages'. With its outline switched off, a kecamatan or regency edge next to a
# village in view is still that village's edge.
EDGE_STYLES = {EdgeKind.VILLAGE: LineStyle(VILLAGE_EDGE, 0.6), EdgeKind.KECAMATAN: LineStyle(KECAMATAN_EDGE, 1.2),
               EdgeKind.REGENCY: LineStyle(REGENCY_EDGE, 2.5)}


def _outline_layer(geometry: MapGeometry, spec: MapSpec) -> pdk.Layer:
    """Every boundary in one unpickable line layer, each edge once: the village fill is not stroked, so a
    click picks against its polygons only. Outlines of the regencies in view only: a province-wide folder
    has thousands of kecamatan, and the whole deck travels to the browser on every rerun."""
    in_view = set(spec.codes)
    shown = {EdgeKind.VILLAGE: True, EdgeKind.KECAMATAN: spec.overlays.kecamatan_outlines,
             EdgeKind.REGENCY: spec.overlays.regency_outline}
    drawn: list[tuple[EdgeKind, Path]] = []
    for edge in geometry.edges({code[:5] for code in spec.codes}):
        kind = edge.kind if shown[edge.kind] else EdgeKind.VILLAGE
        if kind != EdgeKind.VILLAGE or in_view.intersection(edge.sides):
            drawn.append((kind, edge.path))
    order = list(EdgeKind)
    data = [{"path": [list(point) for point in path], "c": list(EDGE_STYLES[kind].colour), "w": EDGE_STYLES[kind].width_px}
            for kind, path in sorted(drawn, key=lambda item: order.index(item[0]))]
    return pdk.Layer("PathLayer", id="outlines", data=data, get_path="path", get_color="c", get_width="w",
                     width_units=PIXELS, width_min_pixels=0.5, joint_rounded=True, pickable=False)


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
    return layers


def _name_layers(geometry: MapGeometry, spec: MapSpec, view: pdk.ViewState) -> list[pdk.Layer]:
    """The kecamatan names, or a chosen kecamatan's village names, that fit without overlap at the
    view the deck opens with (lib.map.labels decides, as for the static maps)."""
    level, names = names_in_view(spec.codes, kecamatan=spec.kecamatan_names, villages=spec.village_names)
    if not spec.overlays.kecamatan_names or not names:
        return []
    style = NAME_STYLES[level]
    placed = place_labels(names, geometry.label_sites, project=web_projection(view.longitude, view.latitude, view.zoom,
                                                                                tile_px=TILE_PX),
                          measure=lambda text: text_size_px(text, style.font_px, bold=style.weight >= 600))
    data = [{"p": [label.lon, label.lat], "name": label.text} for label in placed]
    return [pdk.Layer("TextLayer", id=f"{level}-names", data=data, get_position="p", get_text="name",
                      get_size=style.font_px, get_color=[30, 30, 30, 255], font_weight=style.weight,
                      font_family=LABEL_FONT, font_settings={"sdf": True}, outline_width=3,
                      outline_color=[255, 255, 255, 230], get_text_anchor="'middle'",
                      get_alignment_baseline="'center'", pickable=False)]


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
    outlines, village points, events, area names (kecamatan, or a chosen kecamatan's villages), the selected
    village outlined."""
    under, over = _reference_layers(geometry, spec)
    villages = pdk.Layer("GeoJsonLayer", id=spec.villages.layer_id,
                         data={"type": "FeatureCollection", "features": _village_features(geometry, spec)},
                         get_fill_color="properties.fill", stroked=False,
                         pickable=True, auto_highlight=True, highlight_color=[255, 255, 255, 90])
    in_view = geometry.villages[geometry.villages["village_code"].isin(spec.codes)]
    bounds = in_view.total_bounds if len(in_view) else geometry.villages.total_bounds
    view = view_for_bounds(bounds)
    layers = [*under, villages, *over, *_point_layers(geometry, spec), *_name_layers(geometry, spec, view),
              *_selected_layers(geometry, spec)]
    basemap = {"map_provider": "carto", "map_style": "light"} if spec.overlays.online_basemap else {"map_provider": None}
    return CompactDeck(
        layers=layers, initial_view_state=view, **basemap,
        tooltip={"text": "{tip}", "style": {"backgroundColor": "#222222", "color": "#FFFFFF", "fontSize": "13px",
                                            "padding": "6px 8px", "maxWidth": "320px", "whiteSpace": "pre-line"}},
    )
