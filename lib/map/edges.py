"""The village coverage's edges, each drawn once, with the villages on its two sides.

One line layer draws every boundary the map shows: the edge between two villages is a village edge, a
kecamatan edge or a regency edge by the areas of the villages it divides; an edge with one village
(the coast, or the border of the data's geography) is the outline of that village's regency. The fill
then need not stroke its polygons: a stroked fill makes deck.gl pick against every line segment,
about ten times the work, which on a slow machine drops a click (tests/e2e/test_map_browser.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
import shapely

from lib.data import geo

Path = tuple[tuple[float, float], ...]


class EdgeKind(Enum):
    VILLAGE = "village"
    KECAMATAN = "kecamatan"
    REGENCY = "regency"


@dataclass(frozen=True)
class Edge:
    """A boundary line between `sides` (one village code: a coast or outer border; two: neighbours)."""

    path: Path
    sides: tuple[str, ...]

    @property
    def kind(self) -> EdgeKind:
        if len(self.sides) == 1:
            return EdgeKind.REGENCY
        first, second = self.sides
        if geo.parent_code(geo.parent_code(first)) != geo.parent_code(geo.parent_code(second)):
            return EdgeKind.REGENCY
        return EdgeKind.VILLAGE if geo.parent_code(first) == geo.parent_code(second) else EdgeKind.KECAMATAN


def coverage_edges(codes: Sequence[str], shapes: Sequence[shapely.Geometry]) -> tuple[Edge, ...]:
    """Every edge of a polygon coverage whose neighbours share their vertices on a shared edge (what
    lib.data.geo.clean_coverage makes: coverage_simplify, then one grid): each ring segment is keyed by its
    two ends on the 1e-5 degree grid, a key met twice is shared by the two polygons it came from, once is
    an outer edge; the segments of one pair of sides are then joined into lines. Linear in the vertices
    (a province's 18,000 villages in about a second)."""
    starts, ends, owners = [], [], []
    for owner, shape in enumerate(shapes):
        rings = shapely.get_rings(shapely.get_parts(shape)) if not shape.is_empty else []
        for ring in rings:
            points = np.round(shapely.get_coordinates(ring) * 10 ** geo.COORD_DECIMALS).astype(np.int64)
            starts.append(points[:-1])
            ends.append(points[1:])
            owners.append(np.full(len(points) - 1, owner))
    if not owners:
        return ()
    start, end, owner = np.concatenate(starts), np.concatenate(ends), np.concatenate(owners)
    moving = (start != end).any(axis=1)
    start, end, owner = start[moving], end[moving], owner[moving]
    # The same segment walked either way: order its ends.
    flip = (start[:, 0] > end[:, 0]) | ((start[:, 0] == end[:, 0]) & (start[:, 1] > end[:, 1]))
    low, high = np.where(flip[:, None], end, start), np.where(flip[:, None], start, end)
    keys = np.concatenate([low, high], axis=1)
    order = np.lexsort(keys.T[::-1])
    keys, owner = keys[order], owner[order]
    first_of_run = np.ones(len(keys), dtype=bool)
    first_of_run[1:] = (keys[1:] != keys[:-1]).any(axis=1)
    run = np.cumsum(first_of_run) - 1
    run_start = np.flatnonzero(first_of_run)
    other = np.full(len(run_start), -1)
    twice = np.flatnonzero(~first_of_run)
    other[run[twice]] = owner[twice]
    side_a, side_b = owner[run_start], other
    pair_low, pair_high = np.minimum(side_a, np.where(side_b < 0, side_a, side_b)), np.maximum(side_a, side_b)
    segments = keys[run_start].reshape(-1, 2, 2) / 10 ** geo.COORD_DECIMALS
    pairs = np.stack([pair_low, np.where(side_b < 0, -1, pair_high)], axis=1)
    pair_order = np.lexsort(pairs.T[::-1])
    pairs, segments = pairs[pair_order], segments[pair_order]
    bounds = np.flatnonzero(np.r_[True, (pairs[1:] != pairs[:-1]).any(axis=1)])
    edges: list[Edge] = []
    for begin, stop in zip(bounds, np.r_[bounds[1:], len(pairs)]):
        a, b = pairs[begin]
        sides = (codes[a],) if b < 0 else (codes[a], codes[b])
        lines = shapely.line_merge(shapely.multilinestrings(list(segments[begin:stop])))
        edges += [Edge(path, sides) for path in _paths(lines)]
    return tuple(edges)


def _paths(lines: shapely.Geometry) -> list[Path]:
    return [tuple((float(x), float(y)) for x, y in np.round(shapely.get_coordinates(part), geo.COORD_DECIMALS))
            for part in shapely.get_parts(lines) if len(part.coords) > 1]
