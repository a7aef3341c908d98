"""Small case tables for the publication tests: few kecamatan and years keep each program tiny."""
from __future__ import annotations

import pandas as pd

from tests.conftest import make_cases

KECAMATAN = ("53.01.01", "53.01.02", "53.01.03")


def cases_of(rows: list[tuple[str, str, str, str, str]], *, source: str = "DEMO (synthetic)") -> pd.DataFrame:
    return make_cases(rows).assign(source=source, source_note=None).drop(columns=["source_note"])


def many(count: int, date: str, kecamatan: str, sex: str = "perempuan", age: str = "25-44",
         forms: str = "fisik") -> list[tuple[str, str, str, str, str]]:
    return [(date, kecamatan, sex, age, forms)] * count
