"""Valid synthetic data at scale, for the benchmark (issue 7).

    .venv/bin/python bench/generate.py --scale 1|20|100 --out DIR [--seed N] [--today YYYY-MM-DD]

Writes every table of the data contract as CSV into DIR, with villages.csv and boundaries/, so the
app runs on it with WENEXUS_DATA_DIR=DIR:
- x1: the shipped data folder (data/), copied as is (Kabupaten Kupang, 177 villages);
- x20: all of NTT (3,442 real villages, bench/geography.py), 200,000 cases, 1,000,000 indicator values;
- x100: NTT and four shifted synthetic copies (17,210 villages), 1,000,000 cases, 5,000,000 values;
- tiny: the shipped villages with a few hundred rows, for the test suite.
Tables follow the demo generator's logic (bench/scaled_demo.py, bench/scaled_values.py). Large
outputs belong under build/ or /tmp (gitignored), never in the repository.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from lib.tools.demo import table_csv  # noqa: E402
from lib.tools.demo.framework import indicators_table  # noqa: E402
from lib.tools.demo.villages import COASTAL_DISTANCE_KM, coast_distance_km  # noqa: E402
from lib.data.geo import LAYER_FILES  # noqa: E402
from lib.data.paths import BOUNDARIES_SUBDIR, SHIPPED_DATA_DIR  # noqa: E402
from lib.data.schema import TABLES  # noqa: E402

from bench import geography  # noqa: E402
from bench.scaled_demo import (generate_activities, generate_cases, generate_events, generate_hazards,  # noqa: E402
                               programme_profiles)
from bench.scaled_values import generate_values  # noqa: E402

DEFAULT_TODAY = date(2025, 12, 31)   # the shipped demo's "today": every date lies on or before it
STREAMS = ("programme", "activities", "cases", "values", "hazards", "events")


@dataclass(frozen=True)
class Scale:
    """How big a generated folder is: its geography and row counts."""

    geography: str          # "shipped", "ntt" or "x100"
    cases: int
    values: int
    programme_share: float  # share of desa with programme activities


SCALES: dict[str, Scale | None] = {
    "1": None,   # the shipped data itself
    "20": Scale("ntt", 200_000, 1_000_000, 0.25),
    "100": Scale("x100", 1_000_000, 5_000_000, 0.25),
    "tiny": Scale("shipped", 400, 3_000, 0.25),
}


def geography_folder(name: str) -> Path:
    """The folder holding villages.csv and boundaries/ of a geography (built once when needed)."""
    if name == "shipped":
        return SHIPPED_DATA_DIR
    return geography.build_ntt() if name == "ntt" else geography.build_x100()


def coastal_flags(name: str, villages: pd.DataFrame) -> np.ndarray:
    """Whether each village centroid lies within COASTAL_DISTANCE_KM of the sea (cached per geography).

    The x100 copies are NTT shifted, so they take NTT's flags by the code without its province."""
    base = "shipped" if name == "shipped" else "ntt"
    folder = geography_folder(base)
    cache = (geography.GEO_CACHE / "shipped_coast_km.csv") if base == "shipped" else folder / "coast_km.csv"
    if not cache.is_file():
        base_villages = pd.read_csv(folder / "villages.csv", dtype={"village_code": str})
        distances = coast_distance_km(base_villages, str(folder / BOUNDARIES_SUBDIR / LAYER_FILES["land"]))
        cache.parent.mkdir(parents=True, exist_ok=True)
        pd.Series(distances, name="km").rename_axis("village_code").to_csv(cache)
    km = pd.read_csv(cache, dtype={"village_code": str}).set_index("village_code")["km"]
    by_suffix = pd.Series(km.to_numpy(), index=[code[2:] for code in km.index])
    return (villages["village_code"].str[2:].map(by_suffix).fillna(np.inf) <= COASTAL_DISTANCE_KM).to_numpy()


def generate(scale: Scale, *, seed: int, today: date, log=print) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], Path]:
    """(villages, tables by name, geography folder) for a scale."""
    folder = geography_folder(scale.geography)
    villages = pd.read_csv(folder / "villages.csv", dtype={"village_code": str, "subdistrict_code": str,
                                                           "regency_code": str})
    streams = dict(zip(STREAMS, (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(STREAMS)))))
    coastal = coastal_flags(scale.geography, villages)
    started = time.perf_counter()
    profiles = programme_profiles(villages, scale.programme_share, streams["programme"])
    activities = generate_activities(profiles, today=today, rng=streams["activities"])
    cases = generate_cases(villages, scale.cases, today=today, rng=streams["cases"])
    values = generate_values(villages, profiles, activities, cases, scale.values, today=today, rng=streams["values"])
    tables = {
        "indicators": indicators_table(),
        "indicator_values": values,
        "activities": activities,
        "cases": cases,
        "hazards": generate_hazards(villages, coastal, today=today, rng=streams["hazards"]),
        "events": generate_events(villages, coastal, today=today, rng=streams["events"]),
    }
    log(f"generated in {time.perf_counter() - started:.1f} s: " +
        ", ".join(f"{name} {len(frame):,}" for name, frame in tables.items()))
    return villages, tables, folder


def write_folder(out: Path, scale_name: str, *, seed: int, today: date, log=print) -> dict[str, int]:
    """Write the data folder of a scale; returns rows per table."""
    out.mkdir(parents=True, exist_ok=True)
    scale = SCALES[scale_name]
    if scale is None:
        for path in SHIPPED_DATA_DIR.glob("*.csv"):
            shutil.copyfile(path, out / path.name)
        shutil.copytree(SHIPPED_DATA_DIR / BOUNDARIES_SUBDIR, out / BOUNDARIES_SUBDIR, dirs_exist_ok=True)
        return {path.stem: sum(1 for _ in path.open(encoding="utf-8")) - 1 for path in sorted(out.glob("*.csv"))}
    villages, tables, folder = generate(scale, seed=seed, today=today, log=log)
    geography.copy_geography(folder, out)
    started = time.perf_counter()
    for name, frame in tables.items():
        columns = [c for c in TABLES[name].column_names if c in frame.columns]
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            for start in range(0, len(frame), 500_000):   # in chunks: one big string would double the memory
                chunk = table_csv(frame[columns].iloc[start:start + 500_000])
                handle.write(chunk if start == 0 else chunk.split("\n", 1)[1])
            if not len(frame):
                handle.write(table_csv(frame[columns]))
    log(f"written in {time.perf_counter() - started:.1f} s to {out}")
    return {"villages": len(villages), **{name: len(frame) for name, frame in tables.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=list(SCALES), required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY)
    args = parser.parse_args(argv)
    rows = write_folder(args.out, args.scale, seed=args.seed, today=args.today)
    print(" ".join(f"{name}={count}" for name, count in rows.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
