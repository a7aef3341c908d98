"""Import official village polygons, replacing the approximate ones.

Official-looking village polygons are not in any registry package; a user with internet downloads
them from the public repository cahyadsn/wilayah_boundaries (MIT) as an SQL file, or has a
GeoJSON / GeoPackage / Shapefile from a government office. This module reads either, repairs and
simplifies the polygons, and writes the villages / subdistricts / regencies layers marked
boundary_source = "official". Villages absent from the file keep their approximate polygon.
"""
from __future__ import annotations

import argparse
import http.client
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TextIO

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from lib.data import geo
from lib.data.atomic import write_bytes_atomic
from lib.data.paths import BOUNDARIES_SUBDIR, SHIPPED_DATA_DIR, data_dir
from lib.texts.i18n import LANGUAGES, t
from lib.tools.wilayah_sql import read_wilayah_sql

# Village-code columns seen in Indonesian boundary files, most specific first (compared lower-case).
CODE_ALIASES: tuple[str, ...] = (
    "village_code", "kode_desa", "kode_kelurahan", "kd_desa", "kode_kel", "kd_kel", "kdepum", "kode_wilayah",
    "kode", "code",
)
WILAYAH_URL = ("https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/main/db/kel/"
               "{province}/wilayah_boundaries_kel_{regency}.sql")
DOWNLOAD_TIMEOUT_S = 20
# Gaps between neighbouring official polygons narrower than this (degrees, about 55 m) are digitising
# slivers, not land outside every village: shapely.coverage_clean gives each to the neighbour with the
# longest shared border. Wider openings (a bay between two villages) stay open.
COVERAGE_GAP_WIDTH = 0.0005
# Visvalingam-Whyatt tolerance for official polygons (degrees, about 130 m), a little coarser than the
# approximate cells' geo.WEB_SIMPLIFY_TOLERANCE: the Kupang village layer then reaches the browser at
# about 260 KB (under 300 KB) with a mean IoU of 0.98 against the unsimplified polygons.
OFFICIAL_SIMPLIFY_TOLERANCE = 0.0012
# Where simplifying moves an edge past a village's official centroid, the village gets back a disc of its
# own polygon around the point this much wider than the point's distance (degrees, about 20 m): a shared
# edge of a small town kelurahan (53.02.01.1008 in Kota SoE) passed 16 m beyond its centroid.
HOLD_MARGIN = 0.0002

class BoundaryImportError(Exception):
    """The file was refused; `reason` names a boundaries_reason_* text."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(t(f"boundaries_reason_{reason}", "en", detail=detail))
        self.reason = reason
        self.detail = detail


class BoundaryDownloadError(Exception):
    """The SQL file could not be downloaded."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class ImportReport:
    """What an import did; the CLI prints it in both languages."""

    imported: int
    missing: list[str]
    unknown: list[str]
    kept_approximate: list[str]
    repaired: int
    bytes_written: dict[str, int]
    out_dir: Path


# ---------------------------------------------------------------- any vector file
def read_vector(source: Path) -> gpd.GeoDataFrame:
    """A GeoJSON / GeoPackage / Shapefile as (code, geometry) rows in EPSG:4326."""
    frame = gpd.read_file(source)
    column = find_code_column(frame)
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise BoundaryImportError("no_crs")
        frame = frame.set_crs("EPSG:4326")
    codes = [None if pd.isna(value) else str(value) for value in frame[column]]
    return gpd.GeoDataFrame({"code": codes}, geometry=frame.to_crs("EPSG:4326").geometry.values, crs="EPSG:4326")


def find_code_column(frame: pd.DataFrame) -> str:
    """The column holding village codes: a known alias whose values look most like village codes."""
    by_lower = {str(c).lower(): c for c in frame.columns if c != frame.geometry.name}
    candidates = [by_lower[alias] for alias in CODE_ALIASES if alias in by_lower]
    scores = [frame[c].map(normalize_village_code).notna().sum() for c in candidates]
    if not candidates or max(scores) == 0:
        raise BoundaryImportError("no_code_column", ", ".join(CODE_ALIASES))
    return candidates[int(np.argmax(scores))]


def normalize_village_code(value: object) -> str | None:
    """A dotted 10-digit village code, or None when `value` is not one (5301042003 -> 53.01.04.2003)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    try:
        code = geo.dotted_code(value)
    except ValueError:
        return None
    return code if code.count(".") == 3 else None


def read_boundary_file(source: Path) -> gpd.GeoDataFrame:
    """(code, geometry) rows of an SQL or vector file; BoundaryImportError when it cannot be read."""
    try:
        frame = read_wilayah_sql(source) if source.suffix.lower() == ".sql" else read_vector(source)
    except BoundaryImportError:
        raise
    except Exception as error:  # pyogrio, fiona, OSError, UnicodeError...: all mean "cannot read"
        raise BoundaryImportError("unreadable", f"{type(error).__name__}: {error}".splitlines()[0][:200]) from None
    if frame.empty:
        raise BoundaryImportError("no_rows")
    return frame


# ---------------------------------------------------------------- import
class OfficialLayer(NamedTuple):
    """The village layer made from official polygons, and what went into it."""

    villages: gpd.GeoDataFrame  # every village of the table: official polygon, else approximate fallback
    missing: list[str]
    unknown: list[str]
    kept_approximate: list[str]
    repaired: int

    @property
    def imported(self) -> int:
        return int((self.villages["boundary_source"] == geo.OFFICIAL).sum())


def official_village_layer(sources: Sequence[Path], villages: pd.DataFrame, *, fallback: gpd.GeoDataFrame | None,
                           tolerance: float = OFFICIAL_SIMPLIFY_TOLERANCE) -> OfficialLayer:
    """The village layer (geo.VILLAGE_LAYER_COLUMNS) from the official polygons in `sources`.

    `villages` is the village table (data/villages.csv); only its codes are kept, with its names.
    Villages in no file keep their approximate polygon from `fallback`, cut back where official
    polygons lie. The whole is cleaned into a coverage (overlaps resolved, digitising gaps closed),
    then simplified keeping shared edges shared (geo.clean_coverage). BoundaryImportError when the
    files hold no usable polygon.
    """
    rows = pd.concat([read_boundary_file(Path(source)) for source in sources], ignore_index=True)
    official, repaired, unknown = _official_polygons(gpd.GeoDataFrame(rows, crs="EPSG:4326"), villages)
    if official.empty:
        raise BoundaryImportError("no_match")
    table = villages.set_index("village_code")
    missing = sorted(set(table.index) - set(official["village_code"]))
    kept = _approximate_for(missing, fallback, shapely.union_all(official.geometry.values))
    frame = pd.concat([official, kept], ignore_index=True).sort_values("village_code", ignore_index=True)
    attributes = table.loc[frame["village_code"]].reset_index()
    closed = close_coverage(frame.geometry.values)
    centroids = shapely.points(attributes[["lon", "lat"]].to_numpy(dtype=float))
    geometries = hold_points(geo.clean_coverage(closed, tolerance=tolerance), closed, centroids)
    layer = gpd.GeoDataFrame(attributes.assign(boundary_source=frame["boundary_source"].values),
                             geometry=geometries, crs="EPSG:4326")
    return OfficialLayer(layer, missing, unknown, kept["village_code"].tolist(), repaired)


def hold_points(simplified: Sequence[shapely.Geometry], unsimplified: Sequence[shapely.Geometry],
                points: Sequence[shapely.Geometry]) -> list[shapely.Geometry]:
    """Each simplified polygon holds its point again where it did before simplifying: the part of its
    unsimplified polygon around the point is added to it and taken from its neighbours, so the layer
    stays a coverage. A point outside its unsimplified polygon (the official data puts a few centroids in
    a bay or a neighbour) is left where it is."""
    result = list(simplified)
    for index, (before, point) in enumerate(zip(unsimplified, points)):
        after = result[index]
        if shapely.is_empty(before) or not before.contains(point) or after.contains(point):
            continue
        patch = geo.round_geometry(shapely.intersection(before, point.buffer(after.distance(point) + HOLD_MARGIN)))
        result[index] = geo.round_geometry(shapely.union(after, patch))
        for other, geometry in enumerate(result):
            if other != index and geometry.intersects(patch):
                result[other] = geo.round_geometry(shapely.difference(geometry, patch))
    return result


def close_coverage(geometries: Sequence[shapely.Geometry]) -> list[shapely.Geometry]:
    """Polygons that form a coverage: overlaps given to one side, gaps under COVERAGE_GAP_WIDTH closed.

    Digitised village boundaries rarely match exactly: the Kupang file has 319 overlapping pairs
    and 1,487 gaps (none wider than 12 m) between neighbours. coverage_simplify keeps a coverage
    but does not make one, so a gap would stay a hole in the kecamatan and regency outlines.
    """
    geoms = np.asarray(geometries, dtype=object)
    present = ~shapely.is_empty(geoms)
    closed = geoms.copy()
    if present.any():
        cleaned = shapely.coverage_clean(geoms[present], gap_width=COVERAGE_GAP_WIDTH)
        closed[present] = [geo.repair_polygon(g)[0] for g in cleaned]
    return list(closed)


def coverage_layers(villages: gpd.GeoDataFrame) -> dict[str, tuple[gpd.GeoDataFrame, tuple[str, ...]]]:
    """The village layer and the kecamatan and regencies dissolved from it: name -> (frame, columns)."""
    return {
        "villages": (villages, geo.VILLAGE_LAYER_COLUMNS),
        "subdistricts": (geo.dissolve(villages, by="subdistrict_code", columns=geo.SUBDISTRICT_LAYER_COLUMNS),
                         geo.SUBDISTRICT_LAYER_COLUMNS),
        "regencies": (geo.dissolve(villages, by="regency_code", columns=geo.REGENCY_LAYER_COLUMNS),
                      geo.REGENCY_LAYER_COLUMNS),
    }


def import_boundaries(source: Path, villages: pd.DataFrame, *, out_dir: Path | None = None,
                      fallback: gpd.GeoDataFrame | None = None,
                      tolerance: float = OFFICIAL_SIMPLIFY_TOLERANCE) -> ImportReport:
    """Write official village, subdistrict and regency layers from `source` into out_dir/boundaries.

    `villages` is the village table (data/villages.csv). Villages not in the file keep their polygon
    from `fallback` (default: the approximate layer already in out_dir, else the shipped one).
    Raises BoundaryImportError, having written nothing, when the file is refused.
    """
    target = (out_dir if out_dir is not None else data_dir()) / BOUNDARIES_SUBDIR
    result = official_village_layer([Path(source)], villages, tolerance=tolerance,
                                    fallback=fallback if fallback is not None else _default_fallback(target))
    payloads = {name: geo.geojson_bytes(frame, columns) for name, (frame, columns) in coverage_layers(result.villages).items()}
    for name, payload in payloads.items():
        write_bytes_atomic(target / geo.LAYER_FILES[name], payload)
    return ImportReport(imported=result.imported, missing=result.missing, unknown=result.unknown,
                        kept_approximate=result.kept_approximate, repaired=result.repaired,
                        bytes_written={geo.LAYER_FILES[k]: len(v) for k, v in payloads.items()}, out_dir=target)


def _official_polygons(rows: gpd.GeoDataFrame, villages: pd.DataFrame) -> tuple[gpd.GeoDataFrame, int, list[str]]:
    """Repaired polygons of the known codes (one per code), the repair count and the unknown codes."""
    codes = rows["code"].map(normalize_village_code)
    known = set(villages["village_code"])
    unknown = sorted({code or str(raw) for raw, code in zip(rows["code"], codes)
                      if code not in known and raw is not None and str(raw).strip()})
    is_known = codes.isin(known).to_numpy()
    repaired_pairs = [geo.repair_polygon(None if g is None else shapely.force_2d(g)) for g in rows.geometry[is_known]]
    frame = gpd.GeoDataFrame({"village_code": codes[is_known].to_numpy()},
                             geometry=[g for g, _ in repaired_pairs], crs="EPSG:4326")
    frame = frame[~frame.geometry.is_empty]
    merged = frame.dissolve(by="village_code", as_index=False)  # a code listed twice becomes one shape
    merged["geometry"] = [geo.repair_polygon(g)[0] for g in merged.geometry]
    return merged.assign(boundary_source=geo.OFFICIAL), sum(flag for _, flag in repaired_pairs), unknown


def _approximate_for(codes: Sequence[str], fallback: gpd.GeoDataFrame | None,
                     official_union: shapely.Geometry) -> gpd.GeoDataFrame:
    """Approximate polygons of `codes` from `fallback`, cut back where official polygons now lie."""
    empty = gpd.GeoDataFrame({"village_code": [], "boundary_source": []}, geometry=[], crs="EPSG:4326")
    if fallback is None or fallback.empty or not codes:
        return empty
    chosen = fallback[fallback["village_code"].isin(codes) & (fallback["boundary_source"] == geo.APPROXIMATE)]
    cut = [geo.polygonal_part(shapely.difference(g, official_union)) for g in chosen.geometry]
    frame = gpd.GeoDataFrame({"village_code": chosen["village_code"].values, "boundary_source": geo.APPROXIMATE},
                             geometry=cut, crs="EPSG:4326")
    return frame[~frame.geometry.is_empty] if not frame.empty else empty


def _default_fallback(target: Path) -> gpd.GeoDataFrame | None:
    for path in (target / geo.LAYER_FILES["villages"], SHIPPED_DATA_DIR / BOUNDARIES_SUBDIR / geo.LAYER_FILES["villages"]):
        if path.exists():
            return gpd.read_file(path)
    return None


# ---------------------------------------------------------------- download
def wilayah_url(regency_code: str) -> str:
    """Where cahyadsn/wilayah_boundaries keeps the village polygons of one regency."""
    code = geo.dotted_code(regency_code)
    if code.count(".") != 1:
        raise ValueError(f"not a regency code: {regency_code!r}")
    return WILAYAH_URL.format(province=geo.province_code(code), regency=code)


def download_wilayah_sql(regency_code: str, dest: Path) -> Path:
    """Download the regency's SQL file to `dest` (atomically); BoundaryDownloadError when offline."""
    url = wilayah_url(regency_code)
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:  # noqa: S310 (fixed https URL)
            payload = response.read()
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        raise BoundaryDownloadError(url, str(getattr(error, "reason", error))) from None
    write_bytes_atomic(Path(dest), payload)
    return Path(dest)


# ---------------------------------------------------------------- command line
def add_boundaries_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `boundaries import FILE [--download REGENCY_CODE] [--out DIR]` to a CLI."""
    parser = subparsers.add_parser("boundaries", help="village boundaries / batas desa")
    actions = parser.add_subparsers(dest="boundaries_command", required=True)
    importer = actions.add_parser("import", help="import official village polygons / impor batas desa resmi")
    importer.add_argument("file", nargs="?", type=Path,
                          help="wilayah_boundaries .sql, GeoJSON, GeoPackage or Shapefile (with --download: where to keep the download)")
    importer.add_argument("--download", metavar="REGENCY_CODE", help="fetch cahyadsn/wilayah_boundaries for this regency, e.g. 53.01")
    importer.add_argument("--out", type=Path, default=None, help="data folder; layers go to OUT/boundaries (default: the data folder)")
    importer.add_argument("--villages", type=Path, default=None, help="village table (default: OUT/villages.csv, else the shipped one)")
    importer.set_defaults(handler=run_boundaries_import)
    return parser


def run_boundaries_import(args: argparse.Namespace) -> int:
    """CLI handler: 0 when imported, 1 when refused or the download failed (nothing written)."""
    out_dir = args.out if args.out is not None else data_dir()
    if args.file is None and not args.download:
        return _refuse("no_input")
    villages_path = args.villages or next((p for p in (out_dir / "villages.csv", SHIPPED_DATA_DIR / "villages.csv") if p.exists()), None)
    if villages_path is None or not Path(villages_path).exists():
        return _refuse("no_villages", path=villages_path or out_dir / "villages.csv")
    villages = pd.read_csv(villages_path, dtype=str, keep_default_na=False)
    with tempfile.TemporaryDirectory() as scratch:
        source = args.file
        if args.download:
            try:
                source = download_wilayah_sql(args.download, args.file or Path(scratch) / "wilayah_boundaries.sql")
            except BoundaryDownloadError as error:
                return _refuse("download_failed", url=error.url, reason=error.reason)
            except ValueError as error:
                return _refuse("refused", reason=(str(error), str(error)))
        try:
            report = import_boundaries(source, villages, out_dir=out_dir)
        except BoundaryImportError as error:
            reason = tuple(t(f"boundaries_reason_{error.reason}", lang, detail=error.detail) for lang in LANGUAGES)
            return _refuse("refused", reason=reason)
    _print_report(report)
    return 0


def _print_report(report: ImportReport) -> None:
    _say("imported", count=report.imported, path=report.out_dir)
    if report.missing:
        _say("missing", count=len(report.missing), codes=_short_list(report.missing))
        _say("kept_approximate", count=len(report.kept_approximate))
    if report.unknown:
        _say("unknown", count=len(report.unknown), codes=_short_list(report.unknown))
    if report.repaired:
        _say("repaired", count=report.repaired)
    _say("written", size=f"{sum(report.bytes_written.values()) / 1024:.1f}")


def _say(key: str, *, stream: TextIO | None = None, **values: object) -> None:
    """Print one message in Bahasa Indonesia, then English; a (id, en) pair value is split by language."""
    for index, lang in enumerate(LANGUAGES):
        params = {k: v[index] if isinstance(v, tuple) else v for k, v in values.items()}
        print(t(f"boundaries_{key}", lang, **params), file=stream or sys.stdout)


def _refuse(key: str, **values: object) -> int:
    """Print a bilingual refusal on stderr; the exit code of a refusal."""
    _say(key, stream=sys.stderr, **values)
    return 1


def _short_list(codes: Sequence[str], limit: int = 10) -> str:
    return ", ".join(codes[:limit]) + (f", ... (+{len(codes) - limit})" if len(codes) > limit else "")
