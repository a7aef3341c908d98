"""Approximate village polygons: Voronoi cells of the official centroids, clipped to land.

Seeding the Voronoi diagram with every known village centroid around the regency (not only its own)
puts the edges with neighbouring regencies halfway between villages instead of letting border cells
spill over. Clipping to land removes the sea. What happens at the margins, and why:
- a clipped cell may fall into several pieces (islets, a bay): pieces within FAR_FRAGMENT_DEGREES of
  the piece holding the centroid stay (islets go to the nearest village, as official maps mostly do);
  farther ones are dropped and reported, since they would be unrelated coast reached across open sea;
- a centroid off the (coarse) coastline is joined to its cell by a thin strip of sea inside its own
  Voronoi cell, or gets a small disc if its cell holds no land at all, so every polygon holds its
  centroid and no two polygons overlap;
- after web simplification and rounding, a centroid that ended up outside its polygon takes back a
  small disc from its neighbour (claim_points).
"""
from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from lib.data import geo


class DuplicateCentroidError(ValueError):
    """Two villages share a centroid, so no Voronoi diagram can tell them apart."""


# Seeds and land are read this far (degrees) around the regencies: about 33 km.
NEIGHBOURHOOD_MARGIN = 0.3
# A piece of a clipped cell farther than this (degrees, ~11 km) from the piece holding the
# centroid is not plausibly part of that village (an unrelated island reached across open sea).
FAR_FRAGMENT_DEGREES = 0.1
# Width (degrees, ~110 m) of the strip of sea that joins an off-shore centroid to its land cell.
SEA_LINK_WIDTH = 0.001


def voronoi_cells(points: np.ndarray, extent: shapely.Geometry) -> list[shapely.Geometry]:
    """One Voronoi cell per point, in input order, clipped to `extent`.

    Points must be distinct: coincident points would share a single cell.
    """
    if len(np.unique(points, axis=0)) != len(points):
        raise ValueError("voronoi_cells needs distinct points")
    if len(points) <= 1:
        return [extent] * len(points)
    diagram = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=extent, ordered=True)
    return list(shapely.intersection(shapely.get_parts(diagram), extent))


def approximate_villages(villages: pd.DataFrame, seeds: pd.DataFrame,
                         land: shapely.Geometry) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Approximate village polygons (valid, web-simplified, each holding its centroid) and notes.

    `seeds` are all known centroids around (village_code, lat, lon); `land` is the clipping land.
    """
    extent = shapely.box(*geo.expand_bounds(centroid_bounds(villages), NEIGHBOURHOOD_MARGIN))
    targets = villages[["village_code", "lon", "lat"]].to_numpy()
    _refuse_duplicates(villages)
    neighbours = seeds[~seeds["village_code"].isin(villages["village_code"])].dropna(subset=["lat", "lon"])
    neighbours = neighbours[shapely.contains_xy(extent, neighbours["lon"], neighbours["lat"])]
    target_xy = targets[:, 1:].astype(float)
    neighbour_xy = neighbours[["lon", "lat"]].to_numpy(dtype=float)
    neighbour_xy = neighbour_xy[~_coincides(neighbour_xy, target_xy)]
    raw_cells = voronoi_cells(np.vstack([target_xy, neighbour_xy]), extent)[: len(target_xy)]
    land_here = geo.polygonal_part(shapely.intersection(land, extent))
    points = shapely.points(target_xy)
    notes: list[str] = []
    cells = []
    for code, point, raw in zip(targets[:, 0], points, raw_cells, strict=True):
        cell, dropped = drop_far_fragments(geo.polygonal_part(shapely.intersection(raw, land_here)), point)
        if dropped:
            notes.append(f"{code}: dropped {dropped} land piece(s) more than {FAR_FRAGMENT_DEGREES} deg away")
        if not cell.contains(point):
            notes.append(f"{code}: centroid off the land outline; joined to its cell by a strip of sea")
            cell = reach_point(cell, point, raw)
        cells.append(cell)
    cells = claim_points(geo.clean_coverage(cells, tolerance=geo.WEB_SIMPLIFY_TOLERANCE), points)
    frame = gpd.GeoDataFrame(villages.assign(boundary_source=geo.APPROXIMATE), geometry=cells, crs="EPSG:4326")
    return frame, notes


def drop_far_fragments(cell: shapely.Geometry, point: shapely.Point) -> tuple[shapely.Geometry, int]:
    """`cell` without pieces farther than FAR_FRAGMENT_DEGREES from the piece nearest `point`.

    Nearby islets stay with the village whose centroid is nearest (as official maps mostly do);
    a piece farther away is an unrelated coast reached across open sea and is dropped.
    """
    parts = shapely.get_parts(cell)
    if len(parts) < 2:
        return cell, 0
    home = parts[np.argmin(shapely.distance(parts, point))]
    keep = shapely.distance(parts, home) <= FAR_FRAGMENT_DEGREES
    return shapely.union_all(parts[keep]), int((~keep).sum())


def reach_point(cell: shapely.Geometry, point: shapely.Point, raw_cell: shapely.Geometry) -> shapely.Geometry:
    """`cell` plus a strip of sea from it to `point`, kept inside the point's own Voronoi cell.

    The raw cell is convex and holds both, so the strip stays connected and never overlaps another
    village. An empty cell (a centroid on an islet missing from the coastline) becomes a small disc.
    """
    if cell.is_empty:
        return geo.polygonal_part(shapely.intersection(point.buffer(5 * SEA_LINK_WIDTH), raw_cell))
    nearest = shapely.shortest_line(point, cell)
    strip = shapely.intersection(nearest.buffer(SEA_LINK_WIDTH), raw_cell)
    return geo.polygonal_part(shapely.union(cell, strip))


def claim_points(cells: Sequence[shapely.Geometry], points: Sequence[shapely.Point], *,
                 radius: float = SEA_LINK_WIDTH) -> list[shapely.Geometry]:
    """Cells that each contain their point, taking a small disc from neighbours where needed.

    Simplification and rounding can move a shared edge across a centroid that sits very close to
    it; the disc is kept under half the distance to any other point so it never takes theirs.
    """
    result = list(cells)
    xy = shapely.get_coordinates(np.asarray(points, dtype=object))
    for i, point in enumerate(points):
        if result[i].contains(point):
            continue
        others = np.delete(np.hypot(*(xy - xy[i]).T), i)
        disc = point.buffer(min(radius, 0.4 * others.min()) if len(others) else radius)
        for j, other in enumerate(result):
            if j != i and other.intersects(disc):
                result[j] = geo.round_geometry(shapely.difference(other, disc, grid_size=geo.GRID_SIZE))
        result[i] = geo.round_geometry(shapely.union(result[i], disc, grid_size=geo.GRID_SIZE))
    return result


def centroid_bounds(villages: pd.DataFrame) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of the lon/lat columns."""
    return (villages["lon"].min(), villages["lat"].min(), villages["lon"].max(), villages["lat"].max())


def _coincides(candidates: np.ndarray, fixed: np.ndarray, tolerance: float = 1e-6) -> np.ndarray:
    if len(candidates) == 0 or len(fixed) == 0:
        return np.zeros(len(candidates), dtype=bool)
    tree = shapely.STRtree(shapely.points(fixed))
    hits = tree.query(shapely.points(candidates), predicate="dwithin", distance=tolerance)
    flags = np.zeros(len(candidates), dtype=bool)
    flags[hits[0]] = True
    return flags


def _refuse_duplicates(villages: pd.DataFrame) -> None:
    twins = villages[villages.duplicated(["lat", "lon"], keep=False)]
    if not twins.empty:
        raise DuplicateCentroidError(f"villages share a centroid, Voronoi cannot split them: {', '.join(twins['village_code'])}")
