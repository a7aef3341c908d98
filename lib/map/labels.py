"""Area names that never collide: where each name may go inside its polygon, which level of names a
view shows, and which names a drawn view keeps. One placement for the web map (lib.map.deck) and the
static map of the slides, the deck and the report (lib.meeting.render): each gives its own projection
(lon, lat -> pixels) and its own text measure, and this module decides."""
from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.ops import polylabel

Point = tuple[float, float]
Project = Callable[[float, float], Point]        # (lon, lat) -> (x, y) px of the drawn view
Measure = Callable[[str], tuple[float, float]]   # text -> (width, height) px of its drawn box
LABEL_GAP_PX = 2.0                               # clear space kept between two names


@dataclass(frozen=True)
class Site:
    """Where an area's name may go: points inside it, best first, and its area (larger areas are named
    first)."""

    points: tuple[Point, ...]
    area: float


@dataclass(frozen=True)
class Box:
    """A label's pixel box in the drawn view."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (self.x0 < other.x1 + gap and other.x0 < self.x1 + gap
                and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap)

    def inside(self, frame: Box) -> bool:
        return frame.x0 <= self.x0 and self.x1 <= frame.x1 and frame.y0 <= self.y0 and self.y1 <= frame.y1


@dataclass(frozen=True)
class Label:
    """A name kept for a view, at a point inside its area."""

    code: str
    text: str
    lon: float
    lat: float


def _pole(polygon: shapely.Polygon) -> shapely.Point:
    # ~1/200 of the part's size: finer changes nothing a reader sees.
    west, south, east, north = polygon.bounds
    return polylabel(polygon, tolerance=max(east - west, north - south) / 200 or 1e-6)


def site_of(geometry: shapely.Geometry, *, grid: int = 8, alternatives: int = 24) -> Site:
    """The candidate points for one area's name, every one inside the area: the pole of inaccessibility
    of its largest part, then points of a grid over that part, farthest from its edge first."""
    parts = [p for p in getattr(geometry, "geoms", [geometry]) if isinstance(p, shapely.Polygon) and not p.is_empty]
    if not parts:
        return Site((), 0.0)
    largest = max(parts, key=lambda p: p.area)
    west, south, east, north = largest.bounds
    xs = np.linspace(west, east, grid + 2)[1:-1]
    ys = np.linspace(south, north, grid + 2)[1:-1]
    x, y = (a.ravel() for a in np.meshgrid(xs, ys))
    inside = shapely.contains_xy(largest, x, y)
    grid_points = shapely.points(x[inside], y[inside])
    room = shapely.distance(largest.boundary, grid_points)
    ranked = [grid_points[i] for i in np.argsort(-room, kind="stable")[:alternatives]]
    kept = [(round(p.x, 5), round(p.y, 5)) for p in (_pole(largest), *ranked)]
    # Rounded to 1e-5 degree as the deck sends them: keep only those still inside.
    return Site(tuple(p for p in dict.fromkeys(kept) if largest.covers(shapely.Point(p))), float(geometry.area))


def names_in_view(codes: Collection[str], *, kecamatan: Mapping[str, str], villages: Mapping[str, str]
                  ) -> tuple[str, dict[str, str]]:
    """The level ("kecamatan" or "village") and the names a view of these village codes shows: the
    village names when they lie in one kecamatan (a kecamatan chosen, the view zoomed to it), the
    kecamatan names otherwise."""
    chosen = {code[:8] for code in codes}
    if len(chosen) == 1 and villages:
        return "village", {code: str(villages[code]) for code in codes if code in villages}
    return "kecamatan", {code: str(name) for code, name in kecamatan.items() if code in chosen}


def label_box(point: Point, size: tuple[float, float], project: Project) -> Box:
    """The box of a name of `size` px centred on `point`."""
    x, y = project(*point)
    width, height = size
    return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def place_labels(names: Mapping[str, str], sites: Mapping[str, Site], *, project: Project, measure: Measure,
                 frame: Box | None = None, gap: float = LABEL_GAP_PX) -> list[Label]:
    """The names kept in a view: larger areas first, each at the first of its points whose box lies in
    `frame` and clears every name kept before it; a name with no such point is left out."""
    order = sorted((code for code in names if sites.get(code) and sites[code].points),
                   key=lambda code: (-sites[code].area, code))
    kept: list[Label] = []
    boxes: list[Box] = []
    for code in order:
        size = measure(names[code])
        for point in sites[code].points:
            candidate = label_box(point, size, project)
            if (frame is None or candidate.inside(frame)) and not any(candidate.overlaps(b, gap) for b in boxes):
                kept.append(Label(code, names[code], *point))
                boxes.append(candidate)
                break
    return kept


# The web map's view ---------------------------------------------------------------------------------
def web_projection(longitude: float, latitude: float, zoom: float, *, tile_px: int = 512) -> Project:
    """deck.gl's web mercator at a view: pixels from the view's centre (x east, y south)."""
    world = tile_px * 2 ** zoom

    def mercator(lon: float, lat: float) -> Point:
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        return world * (lon + 180) / 360, world * (1 - y / math.pi) / 2

    centre_x, centre_y = mercator(longitude, latitude)
    return lambda lon, lat: (mercator(lon, lat)[0] - centre_x, mercator(lon, lat)[1] - centre_y)


@lru_cache(maxsize=4096)
def text_size_px(text: str, font_px: float, *, bold: bool = True, line_height: float = 1.2) -> tuple[float, float]:
    """(width, height) px of a line in DejaVu Sans, the first font of the web map's labels (and the
    widest of its fallbacks): its advance as matplotlib's font machinery measures it."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=100)
    width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return width * font_px / 100, line_height * font_px

