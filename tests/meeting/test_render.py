"""The static map of slide 7, the deck and the report: its names, measured as matplotlib draws them,
never overlap, stay on the map and sit inside their area."""
from __future__ import annotations

from functools import lru_cache

import pytest
import shapely
from shapely.geometry import shape

from lib.data.filters import Filters
from lib.meeting.render import MAP_SIZE_IN, picture_figure
from lib.meeting.slides import map_slide
from tests.export_helpers import context, shipped_geometry, shipped_publication, shipped_tables

# The deck and the report (MAP_SIZE_IN) and presenter mode (pages/present.py; the browser scales that PNG
# to the screen, names and all, so a smaller screen adds no overlap).
SIZES = [MAP_SIZE_IN, (11.0, 4.2)]
VIEWS = [None, "53.01.04", "53.01.06", "53.01.05"]     # the regency; Semau; dense Kupang Timur; Kupang Barat


@lru_cache(maxsize=8)
def _picture(subdistrict: str | None):
    ctx = context(Filters(subdistricts=(subdistrict,)) if subdistrict else Filters())
    ctx.__dict__["publication"] = shipped_publication()
    return map_slide(ctx).picture


def _drawn_names(subdistrict: str | None, size_in: tuple[float, float]):
    """(code, text, (lon, lat), pixel box) of every name on the map's axes, and the axes' pixel box."""
    figure = picture_figure(_picture(subdistrict), geometry=shipped_geometry(), villages=shipped_tables()["villages"],
                            size_in=size_in)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    names = [(text.get_gid(), text.get_text(), text.get_position(),
              text.get_bbox_patch().get_window_extent(renderer).extents) for text in axes.texts]
    return names, axes.get_window_extent(renderer).extents


def _area(code: str) -> shapely.Geometry:
    geometry = shipped_geometry()
    if code in geometry.village_shapes:
        return shape(geometry.village_shapes[code])
    [feature] = [f for f in geometry.subdistrict_features if f["properties"]["subdistrict_code"] == code]
    return shape(feature["geometry"])


@pytest.mark.parametrize("size_in", SIZES, ids=lambda size: f"{size[0]}x{size[1]}in")
@pytest.mark.parametrize("subdistrict", VIEWS, ids=lambda code: code or "regency")
def test_static_map_names_never_overlap_and_sit_inside_their_area(subdistrict, size_in) -> None:
    names, (left, bottom, right, top) = _drawn_names(subdistrict, size_in)
    overlaps = [(a[1], b[1]) for i, a in enumerate(names) for b in names[i + 1:]
                if a[3][0] < b[3][2] and b[3][0] < a[3][2] and a[3][1] < b[3][3] and b[3][1] < a[3][3]]
    assert overlaps == []
    assert all(left <= x0 and x1 <= right and bottom <= y0 and y1 <= top for *_, (x0, y0, x1, y1) in names)
    assert all(_area(code).covers(shapely.Point(point)) for code, _, point, _ in names)
    villages = shipped_tables()["villages"]
    if subdistrict is None:
        expected = dict(zip(villages["subdistrict_code"], villages["subdistrict_name"]))
    else:
        chosen = villages[villages["subdistrict_code"] == subdistrict]
        expected = dict(zip(chosen["village_code"], chosen["village_name"]))
    assert all(expected[code] == text for code, text, _, _ in names)
    assert len(names) >= 0.85 * len(expected)            # kept, not dropped to avoid overlaps


def test_the_names_that_collided_are_both_on_the_slide() -> None:
    shown = {text for _, text, _, _ in _drawn_names(None, MAP_SIZE_IN)[0]}
    assert {"Amfoang Barat Laut", "Amfoang Tengah", "Semau Selatan", "Kupang Barat"} <= shown
