"""The village coverage's edges: each boundary once, with the villages on its sides."""
from __future__ import annotations

import pytest
import shapely

from lib.data.paths import SHIPPED_DATA_DIR
from lib.map.edges import Edge, EdgeKind, coverage_edges
from lib.map.geometry import load_village_geometry


def _length(edge: Edge) -> float:
    return shapely.LineString(edge.path).length


def test_two_neighbours_share_one_edge_and_keep_their_own_outer_edges() -> None:
    left, right = shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)
    edges = coverage_edges(["53.01.04.2001", "53.01.04.2002"], [left, right])
    shared = [e for e in edges if len(e.sides) == 2]
    assert [sorted(e.path) for e in shared] == [[(1.0, 0.0), (1.0, 1.0)]]
    assert shared[0].kind == EdgeKind.VILLAGE
    outer = {e.sides: _length(e) for e in edges if len(e.sides) == 1}
    assert outer == {("53.01.04.2001",): pytest.approx(3.0), ("53.01.04.2002",): pytest.approx(3.0)}
    assert all(e.kind == EdgeKind.REGENCY for e in edges if len(e.sides) == 1)


@pytest.mark.parametrize(("sides", "kind"), [
    (("53.01.04.2001", "53.01.04.2002"), EdgeKind.VILLAGE),
    (("53.01.04.2001", "53.01.05.2002"), EdgeKind.KECAMATAN),
    (("53.01.04.2001", "53.02.01.2002"), EdgeKind.REGENCY),
    (("53.01.04.2001",), EdgeKind.REGENCY),
])
def test_an_edge_is_what_it_divides(sides: tuple[str, ...], kind: EdgeKind) -> None:
    assert Edge(((0.0, 0.0), (1.0, 1.0)), sides).kind == kind


def test_a_hole_and_an_island_are_edges_too() -> None:
    ring = shapely.box(0, 0, 4, 4).difference(shapely.box(1, 1, 3, 3))
    island = shapely.box(1, 1, 3, 3)
    edges = coverage_edges(["53.01.04.2001", "53.01.04.2002"], [ring, island])
    assert sum(_length(e) for e in edges if len(e.sides) == 2) == pytest.approx(8.0)
    assert sum(_length(e) for e in edges if len(e.sides) == 1) == pytest.approx(16.0)


def test_kupang_s_edges_walk_every_village_boundary_exactly_once_per_side() -> None:
    """Each village's perimeter is the sum of its edges: nothing drawn twice, nothing left out."""
    geometry = load_village_geometry(SHIPPED_DATA_DIR / "boundaries")
    edges = geometry.edges(["53.01"])
    perimeter = {code: shape.length for code, shape in zip(geometry.villages["village_code"], geometry.villages.geometry)
                 if code.startswith("53.01.")}
    walked = dict.fromkeys(perimeter, 0.0)
    for edge in edges:
        for side in edge.sides:
            walked[side] += _length(edge)
    assert walked == pytest.approx(perimeter, rel=1e-9)
    kinds = {kind: sum(1 for e in edges if e.kind == kind) for kind in EdgeKind}
    assert all(kinds.values()), kinds
