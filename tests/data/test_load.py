"""One door to the data: load_table reads the data folder, or WENEXUS_DATA_DIR."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.data.load import DataError, TableMissing, is_demo, load_table
from lib.data.paths import SHIPPED_DATA_DIR
from tests.conftest import TODAY, write_csv
from tests.conftest import ACTIVITY_HEADER, GOOD_ACTIVITY, with_cell


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [GOOD_ACTIVITY])
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(tmp_path))
    activities = load_table("activities", today=TODAY)
    assert activities["activity_id"].tolist() == ["ACT-1"]
    assert not is_demo(activities)


def test_villages_fall_back_to_the_shipped_geography(tmp_path: Path) -> None:
    villages = load_table("villages", folder=tmp_path, today=TODAY)
    assert len(villages) == 177 + 278


def test_invalid_table_raises_with_the_report(tmp_path: Path) -> None:
    write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "date", "x")])
    with pytest.raises(DataError) as raised:
        load_table("activities", folder=tmp_path, today=TODAY)
    assert [p.key for p in raised.value.report.errors] == ["date_invalid"]


def test_missing_table(tmp_path: Path) -> None:
    with pytest.raises(TableMissing):
        load_table("cases", folder=tmp_path, today=TODAY)


def test_codes_are_checked_against_the_folders_own_villages(tmp_path: Path) -> None:
    villages = (SHIPPED_DATA_DIR / "villages.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "villages.csv").write_text("\n".join(l for l in villages if "53.01.04.2003" not in l) + "\n")
    write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [GOOD_ACTIVITY])
    with pytest.raises(DataError) as raised:
        load_table("activities", folder=tmp_path, today=TODAY)
    assert [p.key for p in raised.value.report.errors] == ["village_unknown"]


@pytest.mark.parametrize("name", ["villages", "indicators", "indicator_values", "activities", "cases", "hazards",
                                  "events"])
def test_shipped_tables_load(name: str) -> None:
    if not (SHIPPED_DATA_DIR / f"{name}.csv").exists():
        pytest.fail(f"data/{name}.csv is not shipped")
    frame = load_table(name, folder=SHIPPED_DATA_DIR)
    assert len(frame) > 0
    if name != "villages":
        assert is_demo(frame)
