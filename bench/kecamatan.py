"""The kecamatan a benchmark chooses: those of the programme's area, the regencies a reader's first view
shows (lib.data.programme_area), so that every choice is one the sidebar offers. The shipped geography
holds Timor Tengah Selatan beside Kupang, and the sidebar's kecamatan are Kupang's until a reader adds it.

Reads the CSV folders the benchmarks use (the shipped data and bench/generate.py's), only the columns needed.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.data.programme_area import REPORTING_COLUMNS, programme_regencies


def programme_kecamatan(folder: Path) -> list[str]:
    """The kecamatan codes of the programme's area of `folder`, sorted (every kecamatan when the programme
    reports from every regency)."""
    villages = pd.read_csv(folder / "villages.csv", dtype=str, usecols=["subdistrict_code", "regency_code"])
    reported = [pd.read_csv(path, dtype=str, usecols=[column])[column]
                for table, column in REPORTING_COLUMNS if (path := folder / f"{table}.csv").is_file()]
    regencies = programme_regencies(villages, reported)
    shown = villages[villages["regency_code"].isin(regencies)] if regencies else villages
    return sorted(shown["subdistrict_code"].dropna().unique())
