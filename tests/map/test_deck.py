"""The deck and its data: payload size, no tiles offline, plain-text tooltips, safe colours,
selection, and the geometry loaded, simplified and rounded once."""
from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from lib.map.classify import Method
from lib.data.filters import Filters
from lib.data.load import load_table
from lib.map.geometry import load_village_geometry
from lib.map.layers import event_layer, hazard_fill, village_tips, violence_fill
from lib.charts.palette import BIVARIATE_COLOURS
from lib.map.colours import THEMES, Legend, LegendEntry, choropleth, legend_html
from lib.map.deck import MapSpec, Overlays, VillageLayer, build_village_deck, view_for_bounds
from lib.map.selection import MapPick, resolve_pick, village_layer_id
from lib.charts.palette import HAZARD_CLASS_COLOURS, HIDDEN_COLOUR, NO_DATA_COLOUR, ZERO_COLOUR
from lib.data.paths import SHIPPED_DATA_DIR
from lib.safety.publication import publication_for
from lib.safety.suppress import CellState

PAYLOAD_LIMIT = 300_000  # the village layer, and any one layer (issue 15: official polygons <= 300 KB)
# Every layer at once: with official polygons the heaviest deck draws their lines three times (kecamatan
# fill, villages, kecamatan outlines), about 500 KB for Kabupaten Kupang.
DECK_LIMIT = 600_000
S, Z, SMALL, HIDE, ND = CellState.SHOWN, CellState.ZERO, CellState.SMALL, CellState.COMPLEMENT, CellState.NO_DATA


@pytest.fixture(scope="module")
def geometry():
    return load_village_geometry(SHIPPED_DATA_DIR / "boundaries")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """The shipped tables, the villages those of Kabupaten Kupang (the default view's area)."""
    found = {name: load_table(name) for name in ("villages", "hazards", "cases", "events")}
    villages = found["villages"]
    return {**found, "villages": villages[villages["regency_code"] == "53.01"].reset_index(drop=True)}


def _spec(tables, geometry, fill, *, events=None, selected=None, overlays=Overlays()) -> MapSpec:
    area = tables["villages"].sort_values("village_code")
    tips = village_tips(area, fill.details, geometry.villages.set_index("village_code")["boundary_source"], lang="id")
    return MapSpec(villages=VillageLayer(fill.colours, tips, alpha=fill.alpha, layer_id="villages-0-x"),
                   codes=tuple(area["village_code"]), kecamatan_colours=fill.kecamatan_colours, events=events,
                   selected=selected, overlays=overlays, centroids=area[["village_code", "lon", "lat"]],
                   kecamatan_names=dict(zip(area["subdistrict_code"], area["subdistrict_name"])))


@pytest.fixture(scope="module")
def heaviest_deck(tables, geometry) -> str:
    """Every layer at once for the whole regency: kecamatan fill, villages, events, selection, names."""
    fill = violence_fill(publication_for(tables["cases"], tables["villages"]), tables["villages"], Filters(),
                         desa_level=False, lang="id", method=Method.QUANTILE, classes=5)
    events, _, _ = event_layer(tables["events"], tables["villages"], geometry, Filters(), lang="id")
    deck = build_village_deck(geometry, _spec(tables, geometry, fill, events=events, selected="53.01.04.2003"))
    return deck.to_json()


def test_deck_sent_to_the_browser_is_under_the_limits(heaviest_deck: str) -> None:
    size = len(heaviest_deck.encode("utf-8"))
    layers = {layer["id"]: len(json.dumps(layer, separators=(",", ":"))) for layer in json.loads(heaviest_deck)["layers"]}
    print(f"\ndeck JSON (all layers): {size / 1000:.1f} KB; village layer: {layers['villages-0-x'] / 1000:.1f} KB")
    assert layers["villages-0-x"] <= PAYLOAD_LIMIT and max(layers.values()) <= PAYLOAD_LIMIT
    assert size < DECK_LIMIT


def test_deck_json_is_compact_and_rounded(heaviest_deck: str) -> None:
    assert "\n  " not in heaviest_deck          # pydeck would indent by 2
    decimals = re.findall(r"\d+\.(\d+)", heaviest_deck)
    assert max(len(d) for d in decimals) <= 5  # coordinates at 1e-5 degree (~1 m)


def test_no_basemap_is_fetched_offline_and_one_is_when_asked(tables, geometry) -> None:
    fill = hazard_fill(tables["hazards"], tables["villages"], hazard="kekeringan", lang="en")
    offline = json.loads(build_village_deck(geometry, _spec(tables, geometry, fill)).to_json())
    # pydeck's sentinel: Streamlit drops it and draws no basemap (None or "" would fetch CARTO tiles)
    assert offline["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in offline or not offline["mapProvider"]
    assert "cartocdn" not in json.dumps(offline) and "mapbox" not in json.dumps(offline)
    assert {"sea", "land"} <= {layer["id"] for layer in offline["layers"]}
    online = json.loads(build_village_deck(geometry, _spec(tables, geometry, fill,
                                                           overlays=Overlays(online_basemap=True))).to_json())
    assert "basemaps.cartocdn.com" in online["mapStyle"]
    assert "sea" not in {layer["id"] for layer in online["layers"]}


def test_every_layer_has_an_id_and_string_literals_stay_literal(heaviest_deck: str) -> None:
    spec = json.loads(heaviest_deck)
    assert all(layer.get("id") for layer in spec["layers"])
    # pydeck turns an unquoted string argument into an expression; "@@=pixels" blanks every path layer
    assert "@@=pixels" not in heaviest_deck and "@@=middle" not in heaviest_deck
    units = {layer.get("lineWidthUnits") for layer in spec["layers"]} - {None}
    assert units == {"pixels"}


def test_tooltips_are_plain_text_so_no_name_can_inject_html(tables, geometry) -> None:
    villages = tables["villages"].copy()
    evil = '<img src=x onerror="alert(1)">'
    villages.loc[villages["village_code"] == "53.01.04.2003", "village_name"] = evil
    fill = hazard_fill(tables["hazards"], villages, hazard="kekeringan", lang="en")
    tips = village_tips(villages, fill.details, geometry.villages.set_index("village_code")["boundary_source"],
                        lang="en")
    spec = MapSpec(villages=VillageLayer(fill.colours, tips, layer_id="v"), codes=tuple(villages["village_code"]))
    deck = build_village_deck(geometry, spec)
    assert set(deck._tooltip) == {"text", "style"}       # deck.gl sets `text` with innerText: never parsed
    layer = json.loads(deck.to_json())["layers"][2]
    tip = next(f["properties"]["tip"] for f in layer["data"]["features"]
               if f["properties"]["village_code"] == "53.01.04.2003")
    assert tip.startswith(evil)                          # shown as written, e.g. "Oh'aem" stays "Oh'aem"


def test_choropleth_gives_hidden_zero_and_no_data_their_own_colours() -> None:
    values = pd.Series([None, 0, None, None, 7, 12, 20, 30], dtype=float, index=list("abcdefgh"))
    states = pd.Series([ND, Z, SMALL, HIDE, S, S, S, S], dtype=object, index=values.index)
    colours, legend = choropleth(values, states, spec=THEMES["violence"], method=Method.EQUAL_INTERVAL, classes=3,
                                 lang="en", title="Cases")
    assert colours[["a", "b", "c", "d"]].tolist() == [NO_DATA_COLOUR, ZERO_COLOUR, HIDDEN_COLOUR, HIDDEN_COLOUR]
    assert colours["e"] == colours["f"] and len(set(colours[["e", "g", "h"]])) == 3
    assert not set(colours[["e", "f", "g", "h"]]) & {NO_DATA_COLOUR, ZERO_COLOUR, HIDDEN_COLOUR}
    labels = [entry.label for entry in legend.entries]
    # equal interval over 7..30: edges 7, 14.67, 22.33, 30; counts get whole-number ranges
    assert labels == ["7 – 14 (2)", "15 – 22 (1)", "23 – 30 (1)", "0 (1)",
                      "Not published (<5 or hidden to protect survivors) (2)", "No data (1)"]
    assert legend.method == "Classes: equal interval, 3 classes."


def test_hazard_fill_uses_the_inarisk_class_colours(tables) -> None:
    fill = hazard_fill(tables["hazards"], tables["villages"], hazard="kekeringan", lang="en")
    hazards = pd.read_csv(SHIPPED_DATA_DIR / "hazards.csv", dtype={"village_code": str})
    drought = hazards[hazards["hazard"] == "kekeringan"].set_index("village_code")["class"]
    assert fill.colours.to_dict() == drought.map(HAZARD_CLASS_COLOURS).to_dict()


@pytest.mark.parametrize("selection, last, expected", [
    # a click on a village of the current layer
    ({"objects": {"L": [{"properties": {"village_code": "a"}}]}}, None, (True, "a")),
    # the same pick seen again on the next run: nothing new
    ({"objects": {"L": [{"properties": {"village_code": "a"}}]}}, MapPick("L", "a"), (False, None)),
    # a click on empty ground (or on the picked village again) clears it
    ({"indices": {}, "objects": {}}, MapPick("L", "a"), (True, None)),
    # a stale pick under an older layer id is ignored, and so is its disappearance
    ({"objects": {"OLD": [{"properties": {"village_code": "b"}}]}}, MapPick("OLD", "b"), (False, None)),
    ({"objects": {}}, MapPick("OLD", "b"), (False, None)),
    # a click on an event is not a village and does not clear the village
    ({"objects": {"events": [{"tip": "Seroja"}]}}, MapPick("L", "a"), (False, None)),
    (None, None, (False, None)),
])
def test_resolve_pick(selection, last, expected) -> None:
    clicked, code, now = resolve_pick(selection, layer_id="L", last=last)
    assert (clicked, code) == expected
    assert now.layer_id == "L"


def test_layer_id_changes_with_the_villages_and_the_generation() -> None:
    assert village_layer_id(("a", "b"), 0) == village_layer_id(("a", "b"), 0)
    assert len({village_layer_id(("a", "b"), 0), village_layer_id(("a",), 0), village_layer_id(("a", "b"), 1)}) == 3


def test_view_fits_the_regency(geometry) -> None:
    view = view_for_bounds(geometry.villages[geometry.villages["village_code"].str.startswith("53.01.")].total_bounds)
    assert 123.5 < view.longitude < 124.0 and -10.1 < view.latitude < -9.6
    assert 7.5 < view.zoom < 9.5


def test_legend_html_escapes_every_text() -> None:
    text = legend_html(Legend("<b>t</b>", (LegendEntry("#FFFFFF", "Oh'aem <script>"),), "m&m", "n"))
    assert "<script>" not in text and "&#60;script&#62;" in text and "&#60;b&#62;" in text and "m&#38;m" in text
    assert "Oh'aem" in text                        # the style attributes are double-quoted: an apostrophe is text


def test_bivariate_palette_is_three_by_three() -> None:
    assert sorted(BIVARIATE_COLOURS) == [f"{x}-{y}" for x in (1, 2, 3) for y in (1, 2, 3)]
    assert len(set(BIVARIATE_COLOURS.values())) == 9


def test_geometry_is_loaded_once_then_cached_and_kept_for_the_next_process(monkeypatch, tmp_path) -> None:
    from lib.ui import cache
    from tests.conftest import as_a_new_process

    calls = []
    real = cache.map_geometry
    monkeypatch.setattr(cache, "map_geometry", lambda folder, fingerprint: calls.append(folder) or real(folder, fingerprint))
    monkeypatch.delenv("WENEXUS_DATA_DIR", raising=False)
    monkeypatch.setenv(cache.SHARED_DIR_ENV, str(tmp_path))
    as_a_new_process(monkeypatch)
    try:
        first = cache.village_geometry()
        second = cache.village_geometry()
        assert first is second and len(calls) == 1
        as_a_new_process(monkeypatch)               # read from disk, not made again
        assert cache.village_geometry().village_shapes == first.village_shapes and len(calls) == 1
    finally:
        as_a_new_process(monkeypatch)


def test_detailed_official_polygons_are_simplified_and_rounded(tmp_path: Path) -> None:
    """An imported official layer can be detailed; what reaches the browser stays small."""
    for name in ("subdistricts", "regencies", "land"):
        shutil.copy(SHIPPED_DATA_DIR / "boundaries" / f"{name}.geojson", tmp_path)
    layer = gpd.read_file(SHIPPED_DATA_DIR / "boundaries" / "villages.geojson")
    dense = layer.set_geometry(shapely.segmentize(layer.geometry.values, 0.0002)).assign(boundary_source="official")
    dense["geometry"] = dense.geometry.map(lambda g: shapely.transform(g, lambda xy: xy + 1e-9))  # long decimals
    dense.to_file(tmp_path / "villages.geojson", driver="GeoJSON")
    loaded = load_village_geometry(tmp_path)
    assert loaded.boundary_sources == frozenset({"official"})
    dense_points = int(shapely.get_num_coordinates(dense.geometry.values).sum())
    kept_points = int(shapely.get_num_coordinates(loaded.villages.geometry.values).sum())
    assert kept_points < dense_points / 3
    payload = json.dumps([shape for code, shape in loaded.village_shapes.items() if code.startswith("53.01.")],
                         separators=(",", ":"))
    assert len(payload) < PAYLOAD_LIMIT
    assert max(len(d) for d in re.findall(r"\d+\.(\d+)", payload)) <= 5


def test_outlines_are_drawn_for_the_regencies_in_view_only() -> None:
    """A province-wide folder: the edges of other regencies stay out of the deck."""
    from lib.map.geometry import MapGeometry

    squares = {code: shapely.box(x, 0, x + 1, 1) for code, x in (("53.01.04.2003", 0), ("53.02.01.2001", 5))}
    geometry = MapGeometry(
        villages=gpd.GeoDataFrame({"village_code": list(squares)}, geometry=list(squares.values()), crs="EPSG:4326"),
        village_shapes={code: shapely.geometry.mapping(g) for code, g in squares.items()}, land_features=(),
        subdistrict_features=(), regency_features=(), area_points={})
    spec = MapSpec(codes=("53.01.04.2003",), villages=VillageLayer(colours=pd.Series(dtype=str),
                                                                    tips=pd.Series(dtype=str)))
    layers = {layer["id"]: layer for layer in json.loads(build_village_deck(geometry, spec).to_json())["layers"]}
    xs = {x for row in layers["outlines"]["data"] for x, _ in row["path"]}
    assert xs == {0, 1}


def test_every_boundary_is_one_unpickable_line_and_the_fill_is_not_stroked(geometry, tables) -> None:
    """Picking against a stroked fill costs deck.gl about ten times the work (a dropped click on a slow
    machine): the fill has no stroke, and each edge of Kupang's villages is drawn once, styled by what it divides."""
    fill = hazard_fill(tables["hazards"], tables["villages"], hazard="kekeringan", lang="en")
    deck = json.loads(build_village_deck(geometry, _spec(tables, geometry, fill)).to_json())
    layers = {layer["id"]: layer for layer in deck["layers"]}
    [villages] = [layer for layer in deck["layers"] if layer["id"].startswith("villages")]
    assert villages["stroked"] is False and villages["pickable"] is True
    outlines = layers["outlines"]
    assert outlines["@@type"] == "PathLayer" and not outlines["pickable"]
    assert not {"kecamatan", "regency"} & set(layers)
    paths = [tuple(map(tuple, row["path"])) for row in outlines["data"]]
    assert len(paths) == len(set(paths)) == len(geometry.edges(["53.01"]))
    widths = [row["w"] for row in outlines["data"]]
    assert widths == sorted(widths), "village edges under kecamatan edges under the regency's outline"
    assert set(widths) == {0.6, 1.2, 2.5}
    off = json.loads(build_village_deck(geometry, _spec(tables, geometry, fill, overlays=Overlays(
        kecamatan_outlines=False, regency_outline=False))).to_json())
    [outlines_off] = [layer for layer in off["layers"] if layer["id"] == "outlines"]
    assert {row["w"] for row in outlines_off["data"]} == {0.6} and len(outlines_off["data"]) == len(paths)


# Names on the web map --------------------------------------------------------------------------------
# Measured here with PIL's own font engine and projected with the test's own mercator: independent of
# lib.map.labels, which places them.
KNOWN_PAIRS = [("Amfoang Barat Laut", "Amfoang Tengah"), ("Semau Selatan", "Kupang Barat")]


def _font(weight: int, size: int):
    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if weight >= 600 else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), size)


def _name_boxes(deck: dict) -> tuple[str, list[tuple[str, tuple[float, float], tuple[float, float, float, float]]]]:
    """(layer id, [(name, (lon, lat), pixel box)]) of the deck's one name layer at its initial view."""
    [layer] = [layer for layer in deck["layers"] if layer["id"].endswith("-names")]
    view = deck["initialViewState"]
    world = 512 * 2 ** view["zoom"]

    def pixels(lon: float, lat: float) -> tuple[float, float]:
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        return world * (lon + 180) / 360, world * (1 - y / math.pi) / 2

    size = layer["getSize"]
    font = _font(layer["fontWeight"], size)
    boxes = []
    for row in layer["data"]:
        x, y = pixels(*row["p"])
        half_width, half_height = font.getlength(row["name"]) / 2, 1.2 * size / 2
        boxes.append((row["name"], tuple(row["p"]), (x - half_width, y - half_height, x + half_width, y + half_height)))
    return layer["id"], boxes


def _overlapping(boxes) -> list[tuple[str, str]]:
    return [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[2][0] < b[2][2] and b[2][0] < a[2][2] and a[2][1] < b[2][3] and b[2][1] < a[2][3]]


def _names_deck(tables, geometry, subdistrict: str | None) -> dict:
    area = tables["villages"].sort_values("village_code")
    if subdistrict:
        area = area[area["subdistrict_code"] == subdistrict]
    fill = hazard_fill(tables["hazards"], area, hazard="kekeringan", lang="id")
    spec = MapSpec(villages=VillageLayer(fill.colours, pd.Series(dtype=str)), codes=tuple(area["village_code"]),
                   kecamatan_names=dict(zip(area["subdistrict_code"], area["subdistrict_name"])),
                   village_names=dict(zip(area["village_code"], area["village_name"])))
    return json.loads(build_village_deck(geometry, spec).to_json())


def _shapes_by_name(tables, geometry, level: str) -> dict[str, list[shapely.Geometry]]:
    villages = tables["villages"]
    shapes: dict[str, list[shapely.Geometry]] = {}
    if level == "kecamatan-names":
        names = dict(zip(villages["subdistrict_code"], villages["subdistrict_name"]))
        for feature in geometry.subdistrict_features:
            code = feature["properties"]["subdistrict_code"]
            shapes.setdefault(names.get(code, ""), []).append(shapely.geometry.shape(feature["geometry"]))
    else:
        for code, name in zip(villages["village_code"], villages["village_name"]):
            if code in geometry.village_shapes:
                shapes.setdefault(name, []).append(shapely.geometry.shape(geometry.village_shapes[code]))
    return shapes


def _check_names(tables, geometry, subdistrict: str | None) -> list[str]:
    """What is wrong with the names of one view: overlaps, points outside their area, names dropped."""
    deck = _names_deck(tables, geometry, subdistrict)
    layer, boxes = _name_boxes(deck)
    shapes = _shapes_by_name(tables, geometry, layer)
    area = tables["villages"] if subdistrict is None else tables["villages"].query("subdistrict_code == @subdistrict")
    wanted = area["subdistrict_code"].nunique() if subdistrict is None else len(area)
    problems = [f"{subdistrict}: {a} overlaps {b}" for a, b in _overlapping(boxes)]
    problems += [f"{subdistrict}: {name} outside its area" for name, point, _ in boxes
                 if not any(s.covers(shapely.Point(point)) for s in shapes[name])]
    # Names are kept, not dropped to avoid overlaps.
    problems += [f"{subdistrict}: {len(boxes)} of {wanted} names"] if len(boxes) < 0.9 * wanted else []
    expected = "kecamatan-names" if subdistrict is None else "village-names"
    return problems + ([f"{subdistrict}: {layer} drawn"] if layer != expected else [])


def test_web_map_kecamatan_names_never_overlap_at_the_regency_view(tables, geometry) -> None:
    assert _check_names(tables, geometry, None) == []


def test_web_map_village_names_never_overlap_at_each_kecamatan_view(tables, geometry) -> None:
    """Every kecamatan chosen in turn (53.01.04 Semau, dense 53.01.06 Kupang Timur, ...): its villages named."""
    subdistricts = sorted(tables["villages"]["subdistrict_code"].unique())
    assert len(subdistricts) == 24
    assert [problem for code in subdistricts for problem in _check_names(tables, geometry, code)] == []


def test_both_regencies_at_once_draw_kecamatan_names_that_never_overlap(geometry) -> None:
    """Kupang and Timor Tengah Selatan together (?regency=all): a wider view, where a name that would
    collide is left out rather than drawn over another."""
    villages = load_table("villages")
    deck = _names_deck({"villages": villages, "hazards": load_table("hazards")}, geometry, None)
    layer, boxes = _name_boxes(deck)
    assert layer == "kecamatan-names" and _overlapping(boxes) == []
    assert len(boxes) >= 0.75 * villages["subdistrict_code"].nunique()


def test_the_names_that_collided_are_both_shown_apart(tables, geometry) -> None:
    _, boxes = _name_boxes(_names_deck(tables, geometry, None))
    shown = {name for name, _, _ in boxes}
    pairs = {frozenset(pair) for pair in _overlapping(boxes)}
    assert all(a in shown and b in shown and frozenset((a, b)) not in pairs for a, b in KNOWN_PAIRS)


def test_without_placement_the_regency_names_would_overlap(tables, geometry) -> None:
    """The check above is not vacuous: every kecamatan name at its pole collides at the regency view."""
    deck = _names_deck(tables, geometry, None)
    names = dict(zip(tables["villages"]["subdistrict_code"], tables["villages"]["subdistrict_name"]))
    [layer] = [layer for layer in deck["layers"] if layer["id"] == "kecamatan-names"]
    layer["data"] = [{"p": list(geometry.label_sites[code].points[0]), "name": name} for code, name in names.items()]
    assert _overlapping(_name_boxes(deck)[1])


def test_names_follow_the_toggle(tables, geometry) -> None:
    area = tables["villages"]
    fill = hazard_fill(tables["hazards"], area, hazard="kekeringan", lang="id")
    spec = MapSpec(villages=VillageLayer(fill.colours, pd.Series(dtype=str)), codes=tuple(area["village_code"]),
                   kecamatan_names=dict(zip(area["subdistrict_code"], area["subdistrict_name"])),
                   overlays=Overlays(kecamatan_names=False))
    assert not [layer for layer in json.loads(build_village_deck(geometry, spec).to_json())["layers"]
                if layer["id"].endswith("-names")]


def test_a_kept_deck_carries_its_json(heaviest_deck, tables, geometry) -> None:
    import pickle

    fill = violence_fill(publication_for(tables["cases"], tables["villages"]), tables["villages"], Filters(),
                         desa_level=False, lang="id", method=Method.QUANTILE, classes=5)
    deck = build_village_deck(geometry, _spec(tables, geometry, fill))
    kept = pickle.loads(pickle.dumps(deck))
    assert kept._written == deck.to_json() and kept.to_json() is kept._written
