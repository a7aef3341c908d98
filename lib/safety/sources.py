"""Where case data comes from, as the names of source systems from a declared list.

A case file's `source` column is free text ("UPTD PPA rujukan Puskesmas ... 14 Maret 2025 (ibu
korban)") and may say more about a case than its counts do. Only the systems it names are shown.
"""
from __future__ import annotations

import re

import pandas as pd

# code -> (name shown, words that name it in a source text). Demo data is labelled in i18n.
SOURCE_SYSTEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "simfoni_ppa": ("SIMFONI-PPA", ("simfoni",)),
    "uptd_ppa": ("UPTD PPA", ("uptd",)),
    "dinas_p2kbp3a": ("Dinas P2KBP3A", ("p2kbp3a", "dp3a", "dinas pemberdayaan perempuan")),
    "polres": ("Unit PPA Polres", ("polres", "polsek", "kepolisian", "unit ppa")),
    "puskesmas": ("Puskesmas", ("puskesmas",)),
    "rsud": ("RSUD", ("rsud", "rumah sakit")),
    "lembaga_layanan": ("Lembaga layanan (LSM)", ("lsm", "ngo", "cis timor", "rumah perempuan", "lbh")),
    "demo": ("DEMO", ("demo",)),
}
OTHER = "other"
OTHER_NAME = "lainnya / other"      # a source text that names no declared system


def systems_in(text: str) -> tuple[str, ...]:
    """The declared systems a source text names (OTHER when it names none)."""
    lowered = str(text).casefold()
    found = tuple(code for code, (_, words) in SOURCE_SYSTEMS.items()
                  if any(re.search(rf"\b{re.escape(word)}", lowered) for word in words))
    return found or (OTHER,)


def source_systems(sources: pd.Series) -> tuple[str, ...]:
    """The systems named anywhere in a case table's source column, in the declared order."""
    named: set[str] = set()
    for text in sources.dropna().astype(str).unique():
        named.update(systems_in(text))
    return tuple(code for code in (*SOURCE_SYSTEMS, OTHER) if code in named)


def system_names(systems: tuple[str, ...]) -> str:
    """The names shown for declared system codes, comma-separated ('' when none)."""
    return ", ".join(SOURCE_SYSTEMS[code][0] if code in SOURCE_SYSTEMS else OTHER_NAME for code in systems)

