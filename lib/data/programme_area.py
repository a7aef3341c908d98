"""The programme's area: the regencies its own data reports from, which every view shows by default.

The village table may hold more regencies than the programme reports from: the shipped geography has
Timor Tengah Selatan (53.02) beside Kabupaten Kupang (53.01), ready for its data. A reader who opens the
dashboard sees the regencies the indicator values and activities come from, with counts "of 177
villages", and chooses the others, or every regency, in the sidebar (?regency=all). Case data does not
decide it: which regencies hold cases is not for the default view to tell.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

# The columns whose area codes say where the programme reports: (table, column).
REPORTING_COLUMNS: tuple[tuple[str, str], ...] = (("indicator_values", "area_code"), ("activities", "village_code"))


def programme_regencies(villages: pd.DataFrame, reported: Iterable[pd.Series]) -> tuple[str, ...]:
    """The regencies of `villages` that any of the `reported` area codes lie in, in code order; () (every
    regency) when the codes name none of them or every one, so that a one-regency folder and a province
    where the programme reports everywhere keep the filters empty."""
    known = sorted(set(villages["regency_code"].dropna().astype(str)))
    found: set[str] = set()
    for codes in reported:
        found.update(codes.dropna().astype(str).str[:5].unique())
    chosen = tuple(code for code in known if code in found)
    return () if len(chosen) in (0, len(known)) else chosen
