"""Where the demo programme works: coastal villages and the programme villages with their profiles.

A village profile (one row per programme village) drives every other programme table, so
activities, indicator values and laggards tell one consistent story.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import numpy as np
import pandas as pd

# Programme facts (reported; CONTEXT.md and the Pos Kupang article of 6 Feb 2025).
PROGRAMME_START = date(2024, 8, 1)    # "sejak Agustus 2024" (Pos Kupang, Feb 2025)
PROGRAMME_END = date(2026, 6, 30)     # runs to mid-2026 (reported)
PROGRAMME_VILLAGE_COUNT = 20          # the parent UN Women project works in "20+ villages" (reported)
PEACE_GROUP_VILLAGE_COUNT = 7         # Pokja Perdamaian / early-warning forums in 7 villages (reported)
# Demo choices, not reported figures.
PROGRAMME_SUBDISTRICT_COUNT = 6       # several kecamatan, mixing coast and interior
LAGGING_VILLAGE_COUNT = 4             # villages that clearly trail, so the dashboard has laggards to show
STAGGERED_START_DAYS = 75             # villages join over Aug-Oct 2024
MIN_DESA_PER_SUBDISTRICT = 4

# Villages whose centroid lies within this distance of the sea count as coastal (waves, tsunami).
COASTAL_DISTANCE_KM = 3.0
# Fallback when no coastline is at hand: kecamatan on the sea, by name (Semau island, Kupang Bay,
# the Savu Sea coast of Amarasi and the north coast of Amfoang). Coarse: every village of these
# kecamatan counts as coastal.
COASTAL_SUBDISTRICT_NAMES: frozenset[str] = frozenset({
    "Semau", "Semau Selatan", "Sulamu", "Kupang Barat", "Kupang Tengah", "Kupang Timur",
    "Amarasi Barat", "Amarasi Selatan", "Amarasi Timur",
    "Amfoang Utara", "Amfoang Barat Laut", "Amfoang Barat Daya", "Amfoang Timur",
})

PROFILE_COLUMNS: tuple[str, ...] = (
    "village_code", "subdistrict_code", "subdistrict_name", "peace_group", "lagging",
    "performance", "start",
)


def coastal_village_codes(villages: pd.DataFrame, coast_km: Mapping[str, float] | None = None) -> frozenset[str]:
    """Codes of villages near the sea: by distance to the coastline when known, else by kecamatan name."""
    if coast_km is not None:
        return frozenset(code for code in villages["village_code"]
                         if coast_km.get(code, np.inf) <= COASTAL_DISTANCE_KM)
    on_coast = villages["subdistrict_name"].isin(COASTAL_SUBDISTRICT_NAMES)
    return frozenset(villages.loc[on_coast, "village_code"])


def coast_distance_km(villages: pd.DataFrame, land_geojson: str) -> dict[str, float]:
    """Kilometres from each village centroid to the sea, measured on a land outline GeoJSON.

    Only the outer rings of the land count (holes are rivers and lakes, not sea), and edges that
    are just the clipping box of the file are not coast. geopandas is imported here: only the
    command line that writes the demo needs it.
    """
    import geopandas as gpd
    import shapely

    land = gpd.read_file(land_geojson).to_crs(4326)
    rings = shapely.get_exterior_ring(shapely.get_parts(land.geometry.to_numpy()))
    box = shapely.box(*land.total_bounds).boundary.buffer(1e-4)
    coastline = gpd.GeoSeries([shapely.union_all(rings).difference(box)], crs=4326).to_crs(32751)  # UTM 51S
    points = gpd.GeoSeries(gpd.points_from_xy(villages["lon"], villages["lat"]), crs=4326).to_crs(32751)
    distances = points.distance(coastline.iloc[0]) / 1000.0
    return dict(zip(villages["village_code"], distances.round(3)))


def programme_profiles(villages: pd.DataFrame, coastal: frozenset[str], rng: np.random.Generator) -> pd.DataFrame:
    """The programme villages, one row each, chosen by `rng`: desa only, coast and interior mixed."""
    desa = villages[villages["village_type"] == "desa"]
    subdistricts = _pick_subdistricts(desa, coastal, rng)
    quotas = _village_quotas(desa, subdistricts, rng)
    chosen = pd.concat([
        desa[desa["subdistrict_code"] == code].sample(n=quota, random_state=rng)
        for code, quota in quotas.items()
    ]).sort_values("village_code").reset_index(drop=True)
    count = len(chosen)
    peace = _one_per_subdistrict_first(chosen, PEACE_GROUP_VILLAGE_COUNT, rng)
    lagging = rng.choice(count, size=min(LAGGING_VILLAGE_COUNT, count), replace=False)
    performance = rng.uniform(0.8, 1.05, size=count)
    performance[lagging] = rng.uniform(0.25, 0.45, size=len(lagging))
    starts = [PROGRAMME_START + timedelta(days=int(d)) for d in rng.integers(0, STAGGERED_START_DAYS, size=count)]
    return pd.DataFrame({
        "village_code": chosen["village_code"],
        "subdistrict_code": chosen["subdistrict_code"],
        "subdistrict_name": chosen["subdistrict_name"],
        "peace_group": np.isin(np.arange(count), peace),
        "lagging": np.isin(np.arange(count), lagging),
        "performance": performance.round(3),
        "start": starts,
    }, columns=list(PROFILE_COLUMNS))


def _pick_subdistricts(desa: pd.DataFrame, coastal: frozenset[str], rng: np.random.Generator) -> list[str]:
    """Half coastal, half interior kecamatan among those with enough desa to host the villages."""
    sizes = desa.groupby("subdistrict_code")["village_code"].agg(["count", lambda codes: codes.isin(coastal).mean()])
    sizes.columns = ["desa", "coastal_share"]
    eligible = sizes[sizes["desa"] >= MIN_DESA_PER_SUBDISTRICT]
    if eligible.empty:
        eligible = sizes
    wanted = min(PROGRAMME_SUBDISTRICT_COUNT, len(eligible))
    on_coast = list(eligible.index[eligible["coastal_share"] >= 0.5])
    inland = list(eligible.index[eligible["coastal_share"] < 0.5])
    half = wanted // 2
    picked = list(rng.permutation(on_coast)[: max(half, wanted - len(inland))])
    picked += list(rng.permutation(inland)[: wanted - len(picked)])
    return sorted(picked)


def _village_quotas(desa: pd.DataFrame, subdistricts: list[str], rng: np.random.Generator) -> dict[str, int]:
    """How many programme villages each chosen kecamatan hosts, spread as evenly as the desa allow."""
    capacity = desa["subdistrict_code"].value_counts()
    quotas = dict.fromkeys(subdistricts, 0)
    target = min(PROGRAMME_VILLAGE_COUNT, int(capacity[subdistricts].sum()))
    while sum(quotas.values()) < target:
        open_codes = [code for code in subdistricts if quotas[code] < capacity[code]]
        lowest = min(quotas[code] for code in open_codes)
        candidates = [code for code in open_codes if quotas[code] == lowest]
        quotas[str(rng.choice(candidates))] += 1
    return quotas


def _one_per_subdistrict_first(chosen: pd.DataFrame, count: int, rng: np.random.Generator) -> np.ndarray:
    """Row positions for `count` villages, one per kecamatan before any kecamatan gets a second."""
    order = rng.permutation(len(chosen))
    shuffled = chosen["subdistrict_code"].to_numpy()[order]
    turn = pd.Series(shuffled).groupby(shuffled).cumcount().to_numpy()  # 0 for the first of its kecamatan
    return np.sort(order[np.argsort(turn, kind="stable")][:count])
