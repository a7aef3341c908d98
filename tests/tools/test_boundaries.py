"""The official-boundary importer: SQL and vector inputs, repair, reports, refusals, the CLI handler."""
from __future__ import annotations

import argparse
import io
import json
import urllib.error
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from lib.tools import boundaries
from lib.tools.approximate_polygons import approximate_villages

from lib.data import geo
from lib.tools.boundaries import (
    BoundaryImportError,
    add_boundaries_parser,
    find_code_column,
    import_boundaries,
    normalize_village_code,
    wilayah_url,
)
from lib.tools.wilayah_sql import parse_wilayah_sql, path_to_polygon
from lib.data.paths import SHIPPED_DATA_DIR

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SQL_FIXTURE = FIXTURES / "wilayah_boundaries_kel_fixture.sql"
GEOJSON_FIXTURE = FIXTURES / "desa_fixture.geojson"
REFERENCE_SQL = Path(__file__).resolve().parents[3] / "shared" / "geo" / "reference" / "wilayah_boundaries_kel_53.01.sql"
FIXTURE_CODES = ["53.01.04.2003", "53.01.04.2004", "53.01.04.2005", "53.01.04.2006"]


@pytest.fixture(scope="module")
def village_table() -> pd.DataFrame:
    """The villages of Kabupaten Kupang (the fixtures' regency) from the shipped table."""
    shipped = pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype=str, keep_default_na=False)
    return shipped[shipped["regency_code"] == "53.01"].reset_index(drop=True)


@pytest.fixture(scope="module")
def approximate_layer(village_table: pd.DataFrame) -> gpd.GeoDataFrame:
    """Approximate cells of every village (the shipped layer is official): Voronoi cells of the
    centroids clipped to the shipped land outline."""
    centroids = village_table.astype({"lat": float, "lon": float})
    land = shapely.union_all(gpd.read_file(SHIPPED_DATA_DIR / "boundaries" / "land.geojson").geometry.values)
    return approximate_villages(centroids, centroids, land)[0]


def layer(out_dir: Path, name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(out_dir / "boundaries" / geo.LAYER_FILES[name])


def run_cli(argv: list[str]) -> int:
    """Parse as lib.tools.cli does (a `handler` default per command) and run the handler."""
    parser = argparse.ArgumentParser()
    add_boundaries_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


# ---------------------------------------------------------------- parsing
@pytest.mark.parametrize(("sql", "expected"), [
    ("INSERT INTO t(kode,nama) VALUES ('53.01','A'),('53.02','B');",
     [{"kode": "53.01", "nama": "A"}, {"kode": "53.02", "nama": "B"}]),
    ("INSERT INTO t(kode,nama) VALUES ('1','Oh''aem');", [{"kode": "1", "nama": "Oh'aem"}]),
    ("INSERT INTO t(kode,nama) VALUES ('1','Oe\\'ekam');", [{"kode": "1", "nama": "Oe'ekam"}]),
    ("INSERT INTO `t` (`nama`, `kode`, `lat`) VALUES\n\t( 'X' , '9' , -10.5 ) ,\n\t('Y','8',NULL);",
     [{"nama": "X", "kode": "9", "lat": -10.5}, {"nama": "Y", "kode": "8", "lat": None}]),
    ("/* (c) header ('not', 'a row') */ DELETE FROM t WHERE kode LIKE '53.%';", []),
    ("insert into t(kode) values ('1');\ninsert into t(kode) values ('2');", [{"kode": "1"}, {"kode": "2"}]),
])
def test_parse_wilayah_sql(sql: str, expected: list[dict]) -> None:
    assert parse_wilayah_sql(sql) == expected


@pytest.mark.parametrize(("path", "geom_type", "centroid"), [
    ("[[-10,123],[-10,124],[-11,124],[-11,123],[-10,123]]", "Polygon", (123.5, -10.5)),  # one ring
    ("[[[-10,123],[-10,124],[-11,124],[-11,123],[-10,123]]]", "Polygon", (123.5, -10.5)),  # lat,lng swapped
    ("[[[123,-10],[124,-10],[124,-11],[123,-11],[123,-10]]]", "Polygon", (123.5, -10.5)),  # already lon,lat
    ("[[[[-10,123],[-10,124],[-11,124],[-11,123],[-10,123]]],[[[-12,123],[-12,124],[-13,124],[-13,123],[-12,123]]]]",
     "MultiPolygon", (123.5, -11.5)),
])
def test_path_to_polygon_reads_lat_lng(path: str, geom_type: str, centroid: tuple[float, float]) -> None:
    polygon = path_to_polygon(path)
    assert polygon.geom_type == geom_type
    assert polygon.centroid.coords[0] == pytest.approx(centroid)


def test_path_to_polygon_keeps_holes() -> None:
    polygon = path_to_polygon("[[[0,0],[0,4],[4,4],[4,0],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]")
    assert len(polygon.interiors) == 1 and polygon.area == pytest.approx(15)


@pytest.mark.parametrize(("value", "expected"), [
    ("53.01.04.2003", "53.01.04.2003"), ("5301042003", "53.01.04.2003"), (5301042003, "53.01.04.2003"),
    (5301042003.0, "53.01.04.2003"), (" 5301042003 ", "53.01.04.2003"), ("53.01.04", None), ("5301", None),
    ("abc", None), (None, None), (float("nan"), None), ("53.01.04.20031", None),
])
def test_normalize_village_code(value: object, expected: str | None) -> None:
    assert normalize_village_code(value) == expected


@pytest.mark.parametrize(("columns", "expected"), [
    ({"KDEPUM": ["53.01.04.2003"], "NAMOBJ": ["x"]}, "KDEPUM"),
    ({"kode": ["5301"], "kode_desa": ["5301042003"]}, "kode_desa"),  # the column with village codes wins
    ({"Kode_Desa": [5301042003]}, "Kode_Desa"),
    ({"kd_desa": ["5301042003"], "village_code": ["x"]}, "kd_desa"),
])
def test_find_code_column(columns: dict, expected: str) -> None:
    frame = gpd.GeoDataFrame(columns, geometry=[shapely.Point(0, 0)])
    assert find_code_column(frame) == expected


def test_find_code_column_refuses_without_one() -> None:
    frame = gpd.GeoDataFrame({"nama": ["x"]}, geometry=[shapely.Point(0, 0)])
    with pytest.raises(BoundaryImportError) as refusal:
        find_code_column(frame)
    assert refusal.value.reason == "no_code_column"


@pytest.mark.parametrize(("regency", "url_end"), [
    ("53.01", "/db/kel/53/wilayah_boundaries_kel_53.01.sql"),
    ("5302", "/db/kel/53/wilayah_boundaries_kel_53.02.sql"),
])
def test_wilayah_url(regency: str, url_end: str) -> None:
    assert wilayah_url(regency).startswith("https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/main/")
    assert wilayah_url(regency).endswith(url_end)


# ---------------------------------------------------------------- importing the SQL fixture
@pytest.fixture(scope="module")
def sql_import(tmp_path_factory: pytest.TempPathFactory, village_table: pd.DataFrame,
               approximate_layer: gpd.GeoDataFrame) -> tuple[boundaries.ImportReport, Path]:
    out_dir = tmp_path_factory.mktemp("sql_import")
    return import_boundaries(SQL_FIXTURE, village_table, out_dir=out_dir, fallback=approximate_layer), out_dir


def test_sql_import_reports(sql_import: tuple[boundaries.ImportReport, Path]) -> None:
    report, out_dir = sql_import
    assert report.imported == 4
    assert report.unknown == ["53.01.99.2999"]
    assert len(report.missing) == 177 - 4 and not set(FIXTURE_CODES) & set(report.missing)
    assert sorted(report.kept_approximate) == report.missing
    assert report.repaired == 1  # the bow-tie
    assert report.out_dir == out_dir / "boundaries"
    assert set(report.bytes_written) == {"villages.geojson", "subdistricts.geojson", "regencies.geojson"}
    for name, size in report.bytes_written.items():
        assert (out_dir / "boundaries" / name).stat().st_size == size


def test_sql_import_swaps_lat_lng_and_labels_sources(sql_import: tuple[boundaries.ImportReport, Path]) -> None:
    _, out_dir = sql_import
    villages = layer(out_dir, "villages").set_index("village_code")
    assert len(villages) == 177 and villages.is_valid.all()
    assert (villages.loc[FIXTURE_CODES, "boundary_source"] == "official").all()
    assert (villages.drop(index=FIXTURE_CODES)["boundary_source"] == "approximate").all()
    bokonusan = villages.loc["53.01.04.2003"]
    assert bokonusan.geometry.centroid.coords[0] == pytest.approx((123.3796, -10.2275), abs=1e-4)
    assert bokonusan.village_name == "Bokonusan"  # names come from the official table, not the file
    assert villages.loc["53.01.04.2004"].geometry.geom_type == "MultiPolygon"
    assert len(villages.loc["53.01.04.2006"].geometry.interiors) == 1
    bowtie = villages.loc["53.01.04.2005"].geometry
    assert bowtie.is_valid and bowtie.area == pytest.approx(0.01 * 0.01 / 2, rel=0.05)  # two triangles


def test_sql_import_cuts_approximate_polygons_back(sql_import: tuple[boundaries.ImportReport, Path]) -> None:
    _, out_dir = sql_import
    villages = layer(out_dir, "villages")
    official = shapely.union_all(villages.loc[villages["boundary_source"] == "official"].geometry)
    approximate = villages.loc[villages["boundary_source"] == "approximate"].geometry
    assert shapely.area(shapely.intersection(approximate.values, official)).max() < 1e-7


def test_sql_import_dissolves_with_mixed_sources(sql_import: tuple[boundaries.ImportReport, Path]) -> None:
    _, out_dir = sql_import
    subdistricts = layer(out_dir, "subdistricts").set_index("subdistrict_code")
    regencies = layer(out_dir, "regencies")
    assert len(subdistricts) == 24 and subdistricts.is_valid.all()
    assert set(subdistricts["boundary_source"]) == {"approximate"}  # Semau mixes official and approximate
    assert regencies[["regency_code", "regency_name", "boundary_source"]].values.tolist() == [
        ["53.01", "Kabupaten Kupang", "approximate"]]


def test_sql_import_writes_only_the_three_layers(sql_import: tuple[boundaries.ImportReport, Path]) -> None:
    _, out_dir = sql_import
    assert sorted(p.name for p in out_dir.rglob("*") if p.is_file()) == [
        "regencies.geojson", "subdistricts.geojson", "villages.geojson"]  # no temp files left behind


def test_import_without_fallback_reports_missing_without_polygons(tmp_path: Path, village_table: pd.DataFrame) -> None:
    empty = gpd.GeoDataFrame({"village_code": [], "boundary_source": []}, geometry=[], crs="EPSG:4326")
    report = import_boundaries(SQL_FIXTURE, village_table, out_dir=tmp_path, fallback=empty)
    assert report.kept_approximate == [] and len(report.missing) == 173
    assert len(layer(tmp_path, "villages")) == 4


def test_import_defaults_to_the_approximate_layer_in_the_folder(tmp_path: Path, village_table: pd.DataFrame,
                                                               approximate_layer: gpd.GeoDataFrame) -> None:
    geo.write_layer(approximate_layer, tmp_path / "boundaries" / "villages.geojson", geo.VILLAGE_LAYER_COLUMNS)
    report = import_boundaries(SQL_FIXTURE, village_table, out_dir=tmp_path)
    assert len(report.kept_approximate) == 173


def test_import_over_the_shipped_official_layer_keeps_no_approximate_cell(tmp_path: Path,
                                                                          village_table: pd.DataFrame) -> None:
    report = import_boundaries(SQL_FIXTURE, village_table, out_dir=tmp_path)
    assert report.kept_approximate == [] and len(report.missing) == 173


# ---------------------------------------------------------------- vector files
def test_geojson_with_kode_desa(tmp_path: Path, village_table: pd.DataFrame) -> None:
    report = import_boundaries(GEOJSON_FIXTURE, village_table, out_dir=tmp_path, fallback=None)
    assert report.imported == 2 and report.unknown == ["53.01.99.2999"] and report.repaired == 0
    villages = layer(tmp_path, "villages").set_index("village_code")
    assert villages.loc["53.01.04.2004"].geometry.centroid.coords[0] == pytest.approx((123.393, -10.1793), abs=1e-4)


def test_projected_geopackage_is_reprojected(tmp_path: Path, village_table: pd.DataFrame) -> None:
    source = gpd.read_file(GEOJSON_FIXTURE).rename(columns={"kode_desa": "KDEPUM"})
    source["KDEPUM"] = source["KDEPUM"].map(geo.dotted_code)
    source.to_crs("EPSG:32751").to_file(tmp_path / "desa.gpkg")
    report = import_boundaries(tmp_path / "desa.gpkg", village_table, out_dir=tmp_path / "out", fallback=None)
    assert report.imported == 2
    villages = layer(tmp_path / "out", "villages").set_index("village_code")
    assert villages.loc["53.01.04.2003"].geometry.centroid.coords[0] == pytest.approx((123.3796, -10.2275), abs=1e-4)


# ---------------------------------------------------------------- refusals
def _unknown_only(path: Path) -> Path:
    text = "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES ('99.99.99.2999','X',0,0,'[[[0,0],[0,1],[1,1],[0,0]]]');"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("make_source", "reason"), [
    (lambda d: (d / "broken.geojson").write_text("{not json", encoding="utf-8") and d / "broken.geojson", "unreadable"),
    (lambda d: (d / "empty.sql").write_text("-- nothing here", encoding="utf-8") and d / "empty.sql", "no_rows"),
    (lambda d: d / "does-not-exist.gpkg", "unreadable"),
    (lambda d: gpd.GeoDataFrame({"nama": ["x"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4326).to_file(d / "x.geojson")
     or d / "x.geojson", "no_code_column"),
    (lambda d: _unknown_only(d / "unknown.sql"), "no_match"),
])
def test_refusals_write_nothing(tmp_path: Path, village_table: pd.DataFrame, make_source, reason: str) -> None:
    source = make_source(tmp_path)
    out_dir = tmp_path / "out"
    with pytest.raises(BoundaryImportError) as refusal:
        import_boundaries(source, village_table, out_dir=out_dir, fallback=None)
    assert refusal.value.reason == reason
    assert not out_dir.exists()


# ---------------------------------------------------------------- the CLI handler
def test_cli_imports_and_reports_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   village_table: pd.DataFrame) -> None:
    village_table.to_csv(tmp_path / "villages.csv", index=False)
    assert run_cli(["boundaries", "import", str(SQL_FIXTURE), "--out", str(tmp_path),
                    "--villages", str(tmp_path / "villages.csv")]) == 0
    out = capsys.readouterr().out
    assert "4 desa diimpor (resmi)" in out and "4 villages imported (official)" in out
    assert "173 desa tidak ada di berkas" in out and "173 villages not in the file" in out
    assert "53.01.99.2999" in out and "1 invalid polygons repaired" in out
    assert (tmp_path / "boundaries" / "villages.geojson").exists()


@pytest.mark.parametrize("argv", [
    ["boundaries", "import"],  # neither FILE nor --download
    ["boundaries", "import", "{tmp}/nothing.sql"],
    ["boundaries", "import", str(GEOJSON_FIXTURE), "--villages", "{tmp}/no-villages.csv"],
])
def test_cli_refusals_exit_1_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv] + ["--out", str(tmp_path / "out")]
    assert run_cli(argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 2  # one line in each language, no traceback
    assert not (tmp_path / "out").exists()


def test_cli_download_without_network(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(*_args, **_kwargs):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(boundaries.urllib.request, "urlopen", offline)
    assert run_cli(["boundaries", "import", "--download", "53.01", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Gagal mengunduh" in err and "Could not download" in err
    assert wilayah_url("53.01") in err and "boundaries import FILE" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_download_then_import(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    requested: list[str] = []

    def serve_fixture(url: str, timeout: float) -> io.BytesIO:
        requested.append(url)
        return io.BytesIO(SQL_FIXTURE.read_bytes())

    monkeypatch.setattr(boundaries.urllib.request, "urlopen", serve_fixture)
    kept = tmp_path / "kept.sql"
    assert run_cli(["boundaries", "import", str(kept), "--download", "53.01", "--out", str(tmp_path)]) == 0
    assert requested == [wilayah_url("53.01")] and kept.read_bytes() == SQL_FIXTURE.read_bytes()
    assert "4 villages imported (official)" in capsys.readouterr().out


# ---------------------------------------------------------------- the real file, when the shared reference is here
@pytest.mark.skipif(not REFERENCE_SQL.exists(), reason="shared/geo/reference is not beside this clone")
def test_reference_sql_imports_all_177(tmp_path: Path, village_table: pd.DataFrame) -> None:
    report = import_boundaries(REFERENCE_SQL, village_table, out_dir=tmp_path, fallback=None)
    assert (report.imported, report.missing, report.unknown) == (177, [], [])
    villages = layer(tmp_path, "villages")
    assert len(villages) == 177 and villages.is_valid.all() and (villages["boundary_source"] == "official").all()
    assert len(layer(tmp_path, "subdistricts")) == 24 and len(layer(tmp_path, "regencies")) == 1
    names = json.loads((tmp_path / "boundaries" / "villages.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["village_name"] for f in names["features"]} >= {"Oh'aem", "Oh'aem II"}


# ---------------------------------------------------------------- making a coverage of digitised polygons
def test_hold_points_gives_a_village_back_the_point_simplifying_moved_an_edge_past() -> None:
    before = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
    after = [shapely.box(0, 0, 0.99, 1), shapely.box(0.99, 0, 2, 1)]      # the shared edge moved 0.01 west
    point, bay = shapely.Point(0.995, 0.5), shapely.Point(1.5, 2.0)        # inside before; and outside any
    held = boundaries.hold_points(after, before, [point, bay])
    assert held[0].contains(point) and not held[1].intersects(point)
    assert shapely.coverage_is_valid(held) and not held[1].contains(bay)
    assert shapely.union_all(held).equals(shapely.box(0, 0, 2, 1))          # no gap, no overlap: the same land
    untouched = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
    assert boundaries.hold_points(untouched, before, [point, bay]) == untouched



def test_close_coverage_resolves_overlaps_and_closes_slivers() -> None:
    left, right = shapely.box(0, 0, 1, 2), shapely.box(1.0003, 0, 2, 2)  # a 33 m sliver between them
    top, bottom = shapely.box(0, 1.9999, 2, 3), shapely.box(0, -1, 2, 0)  # top overlaps both by 11 m
    closed = boundaries.close_coverage([left, right, top, bottom, shapely.Polygon()])
    assert closed[-1].is_empty and shapely.coverage_is_valid(closed[:4])
    union = shapely.union_all(closed)
    assert union.geom_type == "Polygon" and not union.interiors
    assert union.area == pytest.approx(2 * 4) and sum(g.area for g in closed) == pytest.approx(2 * 4)


def test_wide_openings_stay_open() -> None:
    """A bay or lake wider than COVERAGE_GAP_WIDTH is not a sliver."""
    ring = shapely.box(0, 0, 3, 3).difference(shapely.box(1, 1, 2, 2))
    closed = boundaries.close_coverage([ring])
    assert len(closed[0].interiors) == 1


def test_official_layer_reads_several_files(village_table: pd.DataFrame) -> None:
    whole = boundaries.official_village_layer([SQL_FIXTURE], village_table, fallback=None)
    twice = boundaries.official_village_layer([SQL_FIXTURE, SQL_FIXTURE], village_table, fallback=None)
    assert whole.imported == twice.imported == 4  # a code in two files is one village
    assert whole.villages.geometry.geom_equals(twice.villages.geometry).all()
