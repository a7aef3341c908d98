"""lib.data.table_cache: a table validated once is read back as validated, by any process, until anything
its validation depends on changes; nothing that failed is kept, and a damaged copy is validated again."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from lib.data import table_cache
from lib.data.load import DataError, load_table
from lib.data.paths import SHIPPED_DATA_DIR
from lib.data.schema import TABLES

TODAY = date(2026, 1, 15)


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(table_cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    for name in ("villages", "indicators", "indicator_values", "activities", "hazards"):
        shutil.copy(SHIPPED_DATA_DIR / f"{name}.csv", data / f"{name}.csv")
    return data


def _validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import lib.data.load as load

    seen: list[str] = []
    real = load.validate_file

    def counted(path, *, table, **kwargs):
        seen.append(table)
        return real(path, table=table, **kwargs)

    monkeypatch.setattr(load, "validate_file", counted)
    return seen


@pytest.mark.parametrize("name", ["villages", "indicator_values", "activities", "hazards"])
def test_a_kept_table_reads_back_exactly_as_validated(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    validated = load_table(name, folder=folder, today=TODAY)
    seen = _validations(monkeypatch)
    kept = load_table(name, folder=folder, today=TODAY)
    assert name not in seen                                  # read, not validated again
    pd.testing.assert_frame_equal(kept, validated, check_exact=True)
    assert list(kept.dtypes) == list(validated.dtypes) and set(validated.columns) <= set(TABLES[name].column_names)


def test_a_change_to_the_file_its_references_or_the_day_validates_again(folder: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    load_table("activities", folder=folder, today=TODAY)
    seen = _validations(monkeypatch)
    load_table("activities", folder=folder, today=date(2026, 1, 16))             # date rules: a new day
    assert seen.count("activities") == 1
    text = (folder / "villages.csv").read_text(encoding="utf-8")
    (folder / "villages.csv").write_text(text.replace("Bokonusan", "Bokonusan Baru"), encoding="utf-8")
    load_table("activities", folder=folder, today=TODAY)                         # checked against new villages
    assert seen.count("activities") == 2 and seen.count("villages") == 2   # the new day, then the new file
    rows = (folder / "activities.csv").read_text(encoding="utf-8").splitlines()
    (folder / "activities.csv").write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")
    assert len(load_table("activities", folder=folder, today=TODAY)) == len(rows) - 2
    assert seen.count("activities") == 3


def test_a_refused_table_is_never_kept(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "hazards.csv").write_text("village_code,hazard\nnot a code,banjir\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError):
            load_table("hazards", folder=folder, today=TODAY)
    assert not list(table_cache.cache_dir().glob("hazards-*.parquet"))


def test_a_damaged_copy_is_validated_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_table("hazards", folder=folder, today=TODAY)
    [kept] = table_cache.cache_dir().glob("hazards-*.parquet")
    payload = bytearray(kept.read_bytes())
    payload[len(payload) // 2] ^= 0xFF                                           # one flipped byte
    kept.write_bytes(bytes(payload))
    seen = _validations(monkeypatch)
    pd.testing.assert_frame_equal(load_table("hazards", folder=folder, today=TODAY), first)
    assert seen == ["hazards"]
