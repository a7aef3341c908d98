"""Placement of area names: candidate points inside their polygon, the level of names a view shows,
and no two kept names overlapping in the view's pixels."""
from __future__ import annotations

import math

import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from lib.map.labels import Box, Site, names_in_view, place_labels, site_of, text_size_px, web_projection

SQUARE = box(0, 0, 1, 1)
# A C shape: its centroid lies in the gap, outside the polygon.
C_SHAPE = Polygon([(0, 0), (3, 0), (3, 1), (1, 1), (1, 2), (3, 2), (3, 3), (0, 3)])
ISLANDS = MultiPolygon([box(10, 10, 10.1, 10.1), box(0, 0, 2, 2)])


def identity(lon: float, lat: float) -> tuple[float, float]:
    return lon, lat


def fixed(width: float, height: float):
    return lambda text: (width, height)


@pytest.mark.parametrize("shape", [SQUARE, C_SHAPE, ISLANDS, box(0, 0, 5, 0.2)], ids=["square", "c", "islands", "thin"])
def test_every_candidate_point_is_inside_the_polygon(shape: shapely.Geometry) -> None:
    site = site_of(shape)
    assert len(site.points) > 1
    assert all(shape.covers(shapely.Point(p)) for p in site.points)
    assert site.area == pytest.approx(shape.area)


def test_the_first_point_is_the_pole_of_inaccessibility_not_the_centroid() -> None:
    assert not C_SHAPE.contains(C_SHAPE.centroid)
    first = shapely.Point(site_of(C_SHAPE).points[0])
    assert C_SHAPE.contains(first) and C_SHAPE.boundary.distance(first) >= 0.45


def test_a_multipolygon_is_named_in_its_largest_part() -> None:
    assert all(box(0, 0, 2, 2).covers(shapely.Point(p)) for p in site_of(ISLANDS).points)


def test_an_empty_geometry_has_no_place() -> None:
    assert site_of(Polygon()).points == ()


@pytest.mark.parametrize("codes, level, expected", [
    (("53.01.04.2001", "53.01.04.2002"), "village", {"53.01.04.2001": "Uiasa", "53.01.04.2002": "Otan"}),
    (("53.01.04.2001", "53.01.05.2001"), "kecamatan", {"53.01.04": "Semau", "53.01.05": "Kupang Barat"}),
    (("53.01.04.2001",), "village", {"53.01.04.2001": "Uiasa"}),
])
def test_one_kecamatan_shows_its_villages_and_more_show_kecamatan(codes, level, expected) -> None:
    kecamatan = {"53.01.04": "Semau", "53.01.05": "Kupang Barat", "53.01.06": "Kupang Timur"}
    villages = {"53.01.04.2001": "Uiasa", "53.01.04.2002": "Otan", "53.01.05.2001": "Bolok"}
    assert names_in_view(codes, kecamatan=kecamatan, villages=villages) == (level, expected)


def test_an_overlapping_pair_keeps_the_larger_area_and_moves_the_other_inside_its_polygon() -> None:
    big, small = box(0, 0, 10, 10), box(10, 0, 14, 10)
    sites = {"big": Site(((9.0, 5.0),), big.area), "small": Site(((10.5, 5.0), (12.0, 9.0)), small.area)}
    placed = place_labels({"big": "Big", "small": "Small"}, sites, project=identity, measure=fixed(4, 1), gap=0)
    assert [(label.code, label.lon, label.lat) for label in placed] == [("big", 9.0, 5.0), ("small", 12.0, 9.0)]


def test_a_name_with_no_free_place_is_left_out() -> None:
    sites = {"a": Site(((0.0, 0.0),), 2.0), "b": Site(((1.0, 0.0), (0.0, 0.5)), 1.0)}
    placed = place_labels({"a": "A", "b": "B"}, sites, project=identity, measure=fixed(4, 2))
    assert [label.code for label in placed] == ["a"]


@pytest.mark.parametrize("point, kept", [((5.0, 5.0), True), ((9.5, 5.0), False), ((0.5, 5.0), False)])
def test_a_name_must_fit_inside_the_frame(point, kept) -> None:
    placed = place_labels({"a": "A"}, {"a": Site((point,), 1.0)}, project=identity, measure=fixed(2, 1),
                          frame=Box(0, 0, 10, 10))
    assert bool(placed) is kept


def test_names_without_a_site_are_skipped() -> None:
    assert place_labels({"a": "A"}, {}, project=identity, measure=fixed(1, 1)) == []


def test_kept_boxes_never_overlap_on_a_crowded_grid() -> None:
    sites = {f"{i}-{j}": Site(((i * 1.0, j * 1.0), (i + 0.5, j + 0.5)), float(i + j)) for i in range(6) for j in range(6)}
    placed = place_labels({code: "name" for code in sites}, sites, project=identity, measure=fixed(1.6, 0.8), gap=0)
    boxes = [Box(p.lon - 0.8, p.lat - 0.4, p.lon + 0.8, p.lat + 0.4) for p in placed]
    assert 6 < len(placed) < len(sites)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_web_projection_is_deck_gl_mercator() -> None:
    project = web_projection(123.5, -10.0, 8.0)
    assert project(123.5, -10.0) == pytest.approx((0.0, 0.0))
    x, y = project(124.5, -10.0)
    assert x == pytest.approx(512 * 2 ** 8 / 360) and y == pytest.approx(0.0)
    assert project(123.5, -9.0)[1] < 0                 # north is up: smaller y


def test_text_size_grows_with_characters_and_font() -> None:
    width, height = text_size_px("Amfoang Barat Laut", 12)
    assert 0.55 * 12 * 18 < width < 0.75 * 12 * 18 and height == pytest.approx(1.2 * 12)
    assert text_size_px("Semau", 12)[0] < width < text_size_px("Amfoang Barat Laut", 14)[0]
    assert text_size_px("Semau", 12, bold=False)[0] < text_size_px("Semau", 12)[0]
    assert not math.isnan(width)
