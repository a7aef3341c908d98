"""Demo hazard indices (InaRISK-like, per village) and a timeline of disaster events.

Hazard indices follow the terrain of each village: drought is high almost everywhere in Kupang,
waves and tsunami only on the coast, landslides in the Amfoang/Fatuleu/Takari hills, floods in the
Kupang Timur/Kupang Tengah lowlands. Events are declared here with plausible, not official, numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lib.data import codes
from lib.tools.demo.common import as_table

HAZARD_YEAR = 2023  # the InaRISK assessment year the demo pretends to copy
HILLY_SUBDISTRICT_PREFIXES: tuple[str, ...] = ("Amfoang", "Fatuleu", "Takari")
LOWLAND_SUBDISTRICTS: frozenset[str] = frozenset({"Kupang Timur", "Kupang Tengah"})
# Index range per hazard and terrain; the first terrain of a village listed for a hazard applies,
# else "default". (0, 0) means not exposed (no coast, no tsunami).
HAZARD_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "kekeringan": {"default": (0.55, 0.95)},
    "banjir": {"lowland": (0.55, 0.85), "coastal": (0.30, 0.55), "default": (0.10, 0.40)},
    "banjir_bandang": {"hilly": (0.40, 0.70), "lowland": (0.35, 0.60), "default": (0.15, 0.45)},
    "cuaca_ekstrem": {"coastal": (0.50, 0.80), "default": (0.40, 0.70)},
    "gelombang_ekstrem_abrasi": {"coastal": (0.45, 0.90), "default": (0.0, 0.0)},
    "tanah_longsor": {"hilly": (0.50, 0.85), "default": (0.10, 0.45)},
    "gempa_bumi": {"default": (0.35, 0.60)},
    "tsunami": {"coastal": (0.40, 0.85), "default": (0.0, 0.0)},
}


def generate_hazards(villages: pd.DataFrame, coastal: frozenset[str], *, today: date,
                     rng: np.random.Generator) -> pd.DataFrame:
    """One row per village and hazard of lib.data.codes.HAZARD, index 0..1 and its InaRISK class."""
    rows: list[dict] = []
    for village in villages.itertuples(index=False):
        traits = _terrain(village.subdistrict_name, village.village_code in coastal)
        for hazard in codes.HAZARD.values:
            ranges = HAZARD_RANGES[hazard]
            low, high = ranges[next((trait for trait in ranges if trait in traits), "default")]
            index = round(float(rng.uniform(low, high)), 3)
            rows.append({"village_code": village.village_code, "hazard": hazard, "index": index,
                         "class": codes.hazard_class_for(index), "year": min(HAZARD_YEAR, today.year)})
    return as_table("hazards", rows)


def _terrain(subdistrict_name: str, on_coast: bool) -> set[str]:
    """The terrain traits of a village, by its kecamatan and whether it lies on the coast."""
    traits = {"default"}
    if on_coast:
        traits.add("coastal")
    if subdistrict_name.startswith(HILLY_SUBDISTRICT_PREFIXES):
        traits.add("hilly")
    if subdistrict_name in LOWLAND_SUBDISTRICTS:
        traits.add("lowland")
    return traits


@dataclass(frozen=True)
class EventSpec:
    """A demo event: where ('regency', a kecamatan name, or a village in that kecamatan) and impact."""

    day: date
    event_type: str
    name: str
    level: str                     # "regency", "subdistrict" or "village"
    subdistrict: str | None = None
    deaths: int | None = None
    affected: int | None = None
    houses_damaged: int | None = None


SEROJA = "Siklon Tropis Seroja"
SEROJA_DAY = date(2021, 4, 4)      # landfall night of 4-5 April 2021 (BMKG)
# Plausible numbers for a demo, not the official DIBI record.
EVENTS: tuple[EventSpec, ...] = (
    EventSpec(SEROJA_DAY, "siklon_tropis", SEROJA, "regency", None, 4, 24_000, 9_500),
    EventSpec(SEROJA_DAY, "siklon_tropis", SEROJA, "subdistrict", "Kupang Timur", 2, 5_600, 2_300),
    EventSpec(SEROJA_DAY, "siklon_tropis", SEROJA, "subdistrict", "Kupang Tengah", 0, 3_900, 1_500),
    EventSpec(SEROJA_DAY, "siklon_tropis", SEROJA, "subdistrict", "Kupang Barat", 1, 4_200, 1_600),
    EventSpec(SEROJA_DAY, "siklon_tropis", SEROJA, "subdistrict", "Semau", 1, 2_800, 900),
    EventSpec(SEROJA_DAY, "siklon_tropis", SEROJA, "subdistrict", "Sulamu", 0, 2_100, 700),
    EventSpec(SEROJA_DAY, "siklon_tropis", SEROJA, "subdistrict", "Amfoang Utara", 0, 1_200, 400),
    EventSpec(date(2019, 10, 15), "kekeringan", "Kekeringan 2019", "regency", None, None, 32_000),
    EventSpec(date(2020, 2, 20), "banjir", "Banjir Oesao", "subdistrict", "Kupang Timur", 0, 1_800, 350),
    EventSpec(date(2022, 3, 10), "cuaca_ekstrem", "Angin kencang Semau", "subdistrict", "Semau", 0, 600, 120),
    EventSpec(date(2022, 12, 28), "gelombang_ekstrem_abrasi", "Gelombang pasang dan abrasi Sulamu", "village",
              "Sulamu", 0, 400, 45),
    EventSpec(date(2023, 2, 14), "tanah_longsor", "Tanah longsor Amfoang Selatan", "village", "Amfoang Selatan",
              0, 120, 12),
    EventSpec(date(2023, 10, 1), "kekeringan", "Kekeringan El Nino 2023", "regency", None, None, 45_000),
    EventSpec(date(2024, 1, 18), "banjir", "Banjir Kupang Tengah", "village", "Kupang Tengah", 0, 900, 160),
    EventSpec(date(2024, 2, 5), "gelombang_ekstrem_abrasi", "Abrasi pantai Semau Selatan", "village",
              "Semau Selatan", 0, 250, 30),
    EventSpec(date(2024, 12, 20), "cuaca_ekstrem", "Angin kencang Kupang Barat", "subdistrict", "Kupang Barat",
              0, 700, 140),
    EventSpec(date(2025, 1, 27), "gelombang_ekstrem_abrasi", "Gelombang ekstrem Kupang Barat", "village",
              "Kupang Barat", 0, 300, 25),
    EventSpec(date(2025, 3, 12), "banjir_bandang", "Banjir bandang Takari", "village", "Takari", 1, 450, 60),
)
# Affected and houses of an event vary by seed within +-15%, one factor per event so kecamatan rows
# stay below their regency total; deaths stay as declared.
EVENT_NUMBER_JITTER = 0.15
COASTAL_EVENT_TYPES: frozenset[str] = frozenset({"gelombang_ekstrem_abrasi", "tsunami"})


def generate_events(villages: pd.DataFrame, coastal: frozenset[str], *, today: date,
                    rng: np.random.Generator) -> pd.DataFrame:
    """The events table: declared events up to `today` whose area exists in `villages`."""
    names = list(dict.fromkeys(spec.name for spec in EVENTS))
    factors = dict(zip(names, rng.uniform(1 - EVENT_NUMBER_JITTER, 1 + EVENT_NUMBER_JITTER, size=len(names))))
    rows: list[dict] = []
    for spec in EVENTS:
        area_code = _area_code(spec, villages, coastal, rng)
        if spec.day > today or area_code is None:
            continue
        rows.append({"date": spec.day, "event_type": spec.event_type, "name": spec.name, "area_code": area_code,
                     "deaths": spec.deaths, "affected": _scaled(spec.affected, factors[spec.name]),
                     "houses_damaged": _scaled(spec.houses_damaged, factors[spec.name])})
    return as_table("events", sorted(rows, key=lambda row: row["date"]))


def _area_code(spec: EventSpec, villages: pd.DataFrame, coastal: frozenset[str],
               rng: np.random.Generator) -> str | None:
    """The code of the event's area; a village is picked in its kecamatan (on the coast for waves)."""
    if spec.level == "regency":
        return str(villages["regency_code"].iloc[0]) if len(villages) else None
    candidates = villages[villages["subdistrict_name"] == spec.subdistrict]
    if candidates.empty:
        return None
    if spec.level == "subdistrict":
        return str(candidates["subdistrict_code"].iloc[0])
    on_coast = candidates[candidates["village_code"].isin(coastal)]
    if spec.event_type in COASTAL_EVENT_TYPES and not on_coast.empty:
        candidates = on_coast
    return str(candidates["village_code"].iloc[int(rng.integers(len(candidates)))])


def _scaled(value: int | None, factor: float) -> int | None:
    """A declared count times the event's seed factor, so two seeds give two plausible tables."""
    return None if value is None else int(round(value * factor))
