"""The synthetic demo dataset: every table of the data contract except villages, from one seed.

The demo lets the app run, and be shown, before real programme data exists. It is calibrated to
public figures where there are some (SIMFONI-PPA 2024 via Pos Kupang, Feb 2025; the programme's
reported design) and plausible elsewhere. Every row's source is DEMO_SOURCE, so the app shows its
demo banner. Same seed and `today`, same tables: nothing depends on the clock or on global state.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from lib.data.atomic import write_text_atomic
from lib.tools.demo.activities import generate_activities
from lib.tools.demo.cases import generate_cases
from lib.tools.demo.common import completed_quarters
from lib.tools.demo.framework import indicators_table
from lib.tools.demo.hazards import generate_events, generate_hazards
from lib.tools.demo.values import ValueContext, generate_indicator_values
from lib.tools.demo.villages import (PROGRAMME_END, PROGRAMME_START, coast_distance_km, coastal_village_codes,
                               programme_profiles)
from lib.data.schema import TABLES

DEMO_TABLES: tuple[str, ...] = tuple(name for name in TABLES if name != "villages")
# One independent random stream per part, so changing one generator leaves the others' tables alone.
_STREAMS: tuple[str, ...] = ("programme", "activities", "values", "cases", "hazards", "events")
CSV_FLOAT_FORMAT = "%.10g"   # whole numbers print without '.0'; no value needs more digits
# The demo is calibrated to Kabupaten Kupang's public figures (SIMFONI-PPA cases, BPS population, the
# programme's targets): it covers that regency when the villages hold it, else the one regency they hold.
DEMO_REGENCY = "53.01"


def generate_demo(villages: pd.DataFrame, *, seed: int, today: date,
                  coast_km: Mapping[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """All demo tables keyed by table name, columns in schema order, nothing dated after `today`.

    `coast_km` (village code -> km to the sea) refines which villages are coastal; without it a
    kecamatan-name rule decides (see lib.tools.demo.villages). Only the villages of one regency get
    data (demo_villages): the geography's other regencies stay without, as a regency not yet reporting.
    """
    villages = demo_villages(villages)
    streams = dict(zip(_STREAMS, (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(_STREAMS)))))
    coastal = coastal_village_codes(villages, coast_km)
    profiles = programme_profiles(villages, coastal, streams["programme"])
    activities = generate_activities(profiles, today=today, rng=streams["activities"])
    cases = generate_cases(villages, today=today, rng=streams["cases"])
    context = ValueContext(
        profiles=profiles, activities=activities, cases=cases,
        quarters=tuple(completed_quarters(PROGRAMME_START, today, PROGRAMME_END)),
        regency_code=_regency_code(villages),
    )
    tables = {
        "indicators": indicators_table(),
        "indicator_values": generate_indicator_values(context, streams["values"]),
        "activities": activities,
        "cases": cases,
        "hazards": generate_hazards(villages, coastal, today=today, rng=streams["hazards"]),
        "events": generate_events(villages, coastal, today=today, rng=streams["events"]),
    }
    return {name: tables[name] for name in DEMO_TABLES}


def write_demo(out_dir: Path, *, seed: int, villages: pd.DataFrame, today: date,
               land_geojson: Path | None = None) -> list[Path]:
    """Write one UTF-8 CSV per demo table into `out_dir`; returns the paths written.

    The coastline comes from `land_geojson`, else from the boundaries folder's land layer when it
    exists, else the kecamatan-name rule applies.
    """
    land = land_geojson or _land_layer(Path(out_dir))
    villages = demo_villages(villages)
    coast_km = coast_distance_km(villages, str(land)) if land is not None and land.is_file() else None
    tables = generate_demo(villages, seed=seed, today=today, coast_km=coast_km)
    paths: list[Path] = []
    for name, frame in tables.items():
        path = Path(out_dir) / f"{name}.csv"
        write_text_atomic(path, table_csv(frame))
        paths.append(path)
    return paths


def table_csv(frame: pd.DataFrame) -> str:
    """A table as CSV text: ISO dates, whole numbers without decimals, blank for missing."""
    return frame.to_csv(index=False, float_format=CSV_FLOAT_FORMAT, date_format="%Y-%m-%d", lineterminator="\n")


def _land_layer(out_dir: Path) -> Path | None:
    """The land outline of the boundaries folder that goes with `out_dir`, if there is one."""
    from lib.data.geo import LAYER_FILES  # geopandas-heavy: only writing the demo needs it
    from lib.data.paths import boundaries_dir

    path = boundaries_dir(out_dir) / LAYER_FILES["land"]
    return path if path.is_file() else None


def demo_villages(villages: pd.DataFrame) -> pd.DataFrame:
    """The villages the demo covers: those of DEMO_REGENCY, else of the table's one regency."""
    regencies = sorted(villages["regency_code"].dropna().astype(str).unique())
    if DEMO_REGENCY in regencies:
        return villages[villages["regency_code"] == DEMO_REGENCY].reset_index(drop=True)
    if len(regencies) != 1:
        raise ValueError(f"demo data needs the villages of {DEMO_REGENCY} or of exactly one regency, got {regencies}")
    return villages


def _regency_code(villages: pd.DataFrame) -> str:
    """The one regency of the demo's villages (demo_villages)."""
    return str(villages["regency_code"].iloc[0])
