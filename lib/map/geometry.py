"""The village geometry the map draws: the boundary layers of the data folder, read, simplified (shared
edges kept shared) and rounded once per file version, as GeoJSON-ready dicts."""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

from lib.data import geo
from lib.map.edges import Edge, coverage_edges
from lib.map.labels import Site, site_of

# Coverage-simplification tolerance for the browser (degrees; about 110 m at this latitude).
MAP_SIMPLIFY_TOLERANCE = geo.WEB_SIMPLIFY_TOLERANCE


# Geometry ------------------------------------------------------------------------------------------
class LazySites(Mapping[str, Site]):
    """Where each area's name may go (lib.map.labels.site_of), found the first time a map names it: a
    province has 17,000 villages, a map names a few hundred, and each site takes a search of its polygon."""

    def __init__(self, shapes: dict[str, shapely.Geometry]) -> None:
        self._shapes = dict(shapes)
        self._found: dict[str, Site] = {}
        self._lock = threading.Lock()

    def add(self, shapes: dict[str, shapely.Geometry]) -> None:
        self._shapes.update(shapes)

    def __getitem__(self, code: str) -> Site:
        found = self._found.get(code)
        if found is None:
            found = site_of(self._shapes[code])      # KeyError for an unknown code, as a dict
            with self._lock:
                self._found[code] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._shapes)

    def __getstate__(self) -> dict:                 # kept on disk with its geometry (lib.ui.cache): no lock
        return {"_shapes": self._shapes, "_found": dict(self._found)}

    def __setstate__(self, state: dict) -> None:
        self._shapes, self._found, self._lock = state["_shapes"], state["_found"], threading.Lock()

    def __len__(self) -> int:
        return len(self._shapes)


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
    label_sites: Mapping[str, Site] = field(default_factory=dict)   # kecamatan / village code -> where its name may go
    # Regency code -> its villages' edges, made on first use (a province holds hundreds of regencies).
    _edges: dict[str, tuple[Edge, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def boundary_sources(self) -> frozenset[str]:
        return frozenset(self.villages["boundary_source"].dropna().astype(str))

    def edges(self, regencies: Iterable[str]) -> tuple[Edge, ...]:
        """The edges of the villages of `regencies` (lib.map.edges), each regency's made once."""
        found: list[Edge] = []
        for regency in sorted(set(regencies)):
            if regency not in self._edges:
                inside = self.villages[self.villages["village_code"].astype(str).str[:5] == regency]
                self._edges[regency] = coverage_edges(list(inside["village_code"].astype(str)), list(inside.geometry))
            found += self._edges[regency]
        return tuple(found)


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
    # Names sit inside the shapes as drawn (simplified), so a label point is inside what the reader sees.
    sites = LazySites({str(code): g for code, g in zip(villages["village_code"], village_geometries) if not g.is_empty})
    for name, columns, code_column in (("subdistricts", geo.SUBDISTRICT_LAYER_COLUMNS, "subdistrict_code"),
                                       ("regencies", geo.REGENCY_LAYER_COLUMNS, "regency_code")):
        frame = _read_layer(folder, name)
        geometries = _simplified(frame, tolerance=tolerance, coverage=True) if frame is not None else []
        layers[name] = _features(frame, columns, geometries)
        if frame is not None:
            points.update({str(code): _inside_point(g) for code, g in zip(frame[code_column], geometries)
                           if not g.is_empty})
    sites.add({str(f["properties"]["subdistrict_code"]): shape(f["geometry"]) for f in layers["subdistricts"]})
    land = _read_layer(folder, "land")
    land_geometries = _simplified(land, tolerance=tolerance, coverage=False) if land is not None else []
    return MapGeometry(villages[[*geo.VILLAGE_LAYER_COLUMNS, "geometry"]], shapes, layers["subdistricts"],
                       layers["regencies"], _features(land, (), land_geometries), points, sites)


def map_geometry(folder: Path, fingerprint: tuple) -> MapGeometry:
    """load_village_geometry with the edges of every regency made too: what a map's first view needs, for
    lib.ui.cache to keep on disk per boundary files (`fingerprint`, boundary_fingerprint) so a restarted
    server reads it instead of simplifying again (a province's map waited about 9 s for both), and where each
kecamatan's name goes."""
    geometry = load_village_geometry(folder)
    geometry.edges(set(geometry.villages["village_code"].astype(str).str[:5]))
    for code in geometry.area_points:            # kecamatan names: on the first view of every map
        if geo.area_level(code) == "subdistrict" and code in geometry.label_sites:
            geometry.label_sites[code]
    return geometry


def boundary_fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of each boundary layer: a cache key that changes with the files."""
    entries = []
    for name in geo.LAYER_FILES.values():
        path = folder / name
        if path.is_file():
            stat = path.stat()
            entries.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def boundary_source_of(geometry: MapGeometry) -> pd.Series:
    """Village code -> how its polygon was made ('official' or 'approximate'), for the tooltips."""
    return geometry.villages.set_index("village_code")["boundary_source"]
