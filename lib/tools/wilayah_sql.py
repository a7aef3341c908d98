"""Read the SQL files of cahyadsn/wilayah_boundaries (db/kel/PP/wilayah_boundaries_kel_PP.RR.sql).

Each file holds INSERT statements with many tuples `('53.01.04.2003','Bokonusan',lat,lng,'path')`,
where `path` is JSON of nested [lat, lng] pairs (latitude first, unlike GeoJSON). Names may carry
escaped quotes (Oh''aem, Oe\\'ekam). No SQL engine is needed: a small scanner reads the tuples.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.errors import GEOSException

_INSERT = re.compile(r"INSERT\s+INTO\s+[`\"]?\w+[`\"]?\s*\(([^)]*)\)\s*VALUES\s*", re.IGNORECASE)
_STRING = re.compile(r"'([^'\\]*(?:(?:''|\\.)[^'\\]*)*)'", re.DOTALL)
_NUMBER_OR_NULL = re.compile(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|NULL", re.IGNORECASE)
_SPACE = re.compile(r"\s*")


def parse_wilayah_sql(text: str) -> list[dict[str, object]]:
    """Rows of every INSERT in the SQL text, as {column: value} (str, float or None).

    Handles many tuples per INSERT, '' and \\' escapes inside strings, and any column order.
    """
    rows: list[dict[str, object]] = []
    for header in _INSERT.finditer(text):
        columns = [c.strip().strip("`\"").lower() for c in header.group(1).split(",")]
        position = header.end()
        while position < len(text) and text[position] == "(":
            values, position = _parse_tuple(text, position + 1)
            rows.append(dict(zip(columns, values, strict=False)))
            position = _SPACE.match(text, position).end()
            if text.startswith(",", position):
                position = _SPACE.match(text, position + 1).end()
            else:
                break
    return rows


def _parse_tuple(text: str, position: int) -> tuple[list[object], int]:
    values: list[object] = []
    while True:
        position = _SPACE.match(text, position).end()
        string = _STRING.match(text, position)
        if string:
            values.append(_unescape(string.group(1)))
            position = string.end()
        else:
            token = _NUMBER_OR_NULL.match(text, position)
            if token is None:
                raise ValueError(f"unexpected SQL near character {position}: {text[position:position + 30]!r}")
            values.append(None if token.group().upper() == "NULL" else float(token.group()))
            position = token.end()
        position = _SPACE.match(text, position).end()
        if text.startswith(")", position):
            return values, position + 1
        if not text.startswith(",", position):
            raise ValueError(f"unexpected SQL near character {position}: {text[position:position + 30]!r}")
        position += 1


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value.replace("''", "'"))


def path_to_polygon(path: str) -> shapely.Geometry:
    """The geometry of a wilayah_boundaries `path`: nested [lat, lng] lists, swapped to lon/lat.

    Nesting depth 2 is one ring, 3 a polygon with holes, 4 a multipolygon. The format stores lat
    first; a first value beyond +-90 cannot be a latitude, so such a path is read as lon/lat.
    Rings too short to form a polygon are dropped (the village then counts as missing).
    """
    nested = json.loads(path)
    depth, first = _depth_and_first(nested)
    as_polygons = {2: lambda: [[nested]], 3: lambda: [nested], 4: lambda: nested}
    if depth not in as_polygons:
        raise ValueError(f"path nested {depth} deep, expected 2 to 4")
    swap = abs(first) <= 90
    parts = [p for p in (_polygon(rings, swap=swap) for rings in as_polygons[depth]()) if p is not None]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _depth_and_first(nested: object) -> tuple[int, float]:
    depth = 0
    while isinstance(nested, list) and nested:
        depth, nested = depth + 1, nested[0]
    if not isinstance(nested, (int, float)):
        raise ValueError("path holds no coordinates")
    return depth, float(nested)


def _polygon(rings: Sequence[Sequence[Sequence[float]]], *, swap: bool) -> shapely.Polygon | None:
    try:
        coords = [np.asarray(ring, dtype=float)[:, :2] for ring in rings]
        coords = [ring[:, ::-1] for ring in coords] if swap else coords
        return shapely.Polygon(coords[0], coords[1:])
    except (ValueError, IndexError, GEOSException):
        return None


def read_wilayah_sql(source: Path) -> gpd.GeoDataFrame:
    """A wilayah_boundaries SQL file as (code, geometry) rows in EPSG:4326."""
    rows = parse_wilayah_sql(source.read_text(encoding="utf-8", errors="replace"))
    codes, geometries = [], []
    for row in rows:
        if row.get("kode") is None or not isinstance(row.get("path"), str):
            continue
        try:
            geometries.append(path_to_polygon(row["path"]))
        except (ValueError, TypeError):
            geometries.append(shapely.Polygon())  # unparsable path: counted as missing later
        codes.append(str(row["kode"]))
    return gpd.GeoDataFrame({"code": codes}, geometry=geometries, crs="EPSG:4326")
