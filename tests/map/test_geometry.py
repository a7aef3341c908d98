"""The map's geometry as lib.ui.cache keeps it on disk (lib.map.geometry.map_geometry): the same layers,
edges and label sites after a restart, with nothing left to compute for a map's first view."""
from __future__ import annotations

import pickle

from lib.data.paths import SHIPPED_DATA_DIR, boundaries_dir
from lib.map.geometry import boundary_fingerprint, load_village_geometry, map_geometry


def test_the_kept_geometry_has_every_edge_and_kecamatan_site_and_equals_a_fresh_one() -> None:
    folder = boundaries_dir(SHIPPED_DATA_DIR)
    kept = pickle.loads(pickle.dumps(map_geometry(folder, boundary_fingerprint(folder))))
    fresh = load_village_geometry(folder)
    assert kept.village_shapes == fresh.village_shapes and kept.subdistrict_features == fresh.subdistrict_features
    assert set(kept._edges) == {"53.01", "53.02"} and kept.edges(["53.01"]) == fresh.edges(["53.01"])
    kecamatan = [code for code in kept.area_points if len(code) == 8]
    assert len(kecamatan) == 24 + 32 and set(kecamatan) <= set(kept.label_sites._found)   # found before it was kept
    assert all(kept.label_sites[code] == fresh.label_sites[code] for code in kecamatan)
    village = kept.villages["village_code"].iloc[0]
    assert kept.label_sites[village] == fresh.label_sites[village]                  # still found on demand
