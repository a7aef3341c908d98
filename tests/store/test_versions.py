"""The versioned store: new versions, appends, rollbacks, refusals that store nothing, crashes at
every step of a write, and the limits. Every test works in a copy of the shipped data in tmp_path."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from filelock import FileLock

from lib.data import atomic

from lib.store import versions as store

from lib.store import checks as store_checks

from lib.store import files as store_files
from lib.data.load import load_table
from lib.data.paths import SHIPPED_DATA_DIR
from lib.store.content import sha256_of
from lib.store.manifest import read_manifest, versions_dir
from tests.conftest import TODAY
from tests.conftest import CASE_HEADER, GOOD_CASE, SHIPPED_ACTIVITIES, csv_bytes, new_activities, snapshot










def do_import(payload: bytes, table: str = "activities", *, mode: str = "replace", name: str = "upload.csv",
              user: str = "maria") -> store.Outcome:
    return store.import_file(payload, table=table, source_name=name, mode=mode, user=user, via="cli", today=TODAY)


# New versions --------------------------------------------------------------------------------------
def test_first_import_keeps_the_current_file_as_version_1(folder: Path) -> None:
    outcome = do_import(new_activities(5))
    assert outcome.ok, outcome.message("en")
    baseline, stored = outcome.recorded
    assert (baseline.version, baseline.mode, baseline.rows) == (1, "baseline", 489)
    assert baseline.sha256 == sha256_of(SHIPPED_ACTIVITIES)            # the shipped file is canonical already
    assert (stored.version, stored.mode, stored.rows, stored.rows_added, stored.rows_removed) == (2, "replace", 5, 5, 489)
    assert (folder / "activities.csv").read_bytes() == (versions_dir(folder) / stored.file).read_bytes()
    assert (versions_dir(folder) / baseline.file).read_bytes() == SHIPPED_ACTIVITIES
    assert load_table("activities", today=TODAY)["activity_id"].str.startswith("ACT-2099").all()


def test_append_adds_rows_and_refuses_keys_already_there(folder: Path) -> None:
    first = do_import(new_activities(3), mode="append")
    assert first.ok and first.version.rows == 492 and first.version.rows_added == 3
    before = snapshot(folder)
    again = do_import(new_activities(3), mode="append", name="kegiatan.csv")
    assert not again.ok and again.reason == "da_key_conflict"
    assert [(p.key, p.row, p.value) for p in again.plan.problems] == [
        ("da_key_taken", row, f"ACT-2099-000{row - 1}") for row in (2, 3, 4)]
    assert snapshot(folder) == before
    assert len(load_table("activities", today=TODAY)) == 492


def test_append_refuses_keys_repeated_within_the_file(folder: Path) -> None:
    """indicator_values has a key with optional parts; the validator refuses a repeat in the upload."""
    lines = (SHIPPED_DATA_DIR / "indicator_values.csv").read_text().splitlines()
    row = lines[1].replace("2024-Q3", "2025-10")                    # a period the current table does not hold
    payload = "\n".join([lines[0], row, row]) + "\n"
    outcome = do_import(payload.encode(), "indicator_values", mode="append")
    assert outcome.reason == "da_invalid"
    assert [p.key for p in outcome.plan.report.errors] == ["duplicate_key"]


def test_append_needs_a_valid_current_table(folder: Path) -> None:
    (folder / "events.csv").unlink()
    outcome = do_import((SHIPPED_DATA_DIR / "events.csv").read_bytes(), "events", mode="append")
    assert outcome.reason == "da_append_needs_current"
    assert not versions_dir(folder).joinpath("manifest.json").exists()


def test_the_same_data_again_makes_no_version(folder: Path) -> None:
    assert do_import(new_activities(4)).ok
    again = do_import(new_activities(4), name="same_again.csv")
    assert again.reason == "da_no_change"
    assert [v.version for v in store.list_versions(table="activities")] == [1, 2]


def test_an_xlsx_becomes_a_csv_and_the_old_xlsx_is_kept(folder: Path) -> None:
    frame = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    frame.to_excel(folder / "events.xlsx", index=False)
    original = (folder / "events.xlsx").read_bytes()
    (folder / "events.csv").unlink()
    outcome = do_import((SHIPPED_DATA_DIR / "events.csv").read_bytes().replace(b",1578,", b",1600,"),
                        "events")
    assert outcome.ok, outcome.message("en")
    baseline = outcome.recorded[0]
    assert baseline.source_name == "events.xlsx"
    assert (versions_dir(folder) / baseline.original).read_bytes() == original
    assert not (folder / "events.xlsx").exists() and (folder / "events.csv").is_file()
    assert outcome.version.rows_changed == 1 and outcome.version.rows_added == 0


# Refusals store nothing ----------------------------------------------------------------------------
def test_a_file_with_an_nik_column_is_refused_and_nothing_is_stored(folder: Path) -> None:
    before = snapshot(folder)
    header = [*CASE_HEADER, "nik"]
    outcome = do_import(csv_bytes(header, [[*GOOD_CASE, "5301234567890123"]]), "cases", name="kasus.csv")
    assert not outcome.ok and outcome.reason == "da_invalid"
    assert {p.key for p in outcome.plan.report.errors} == {"pii_header", "pii_value"}
    assert all("5301234567890123" not in (p.value or "") for p in outcome.plan.report.problems)
    assert snapshot(folder) == before                        # no version file, no manifest, same current file
    assert not list(versions_dir(folder).glob("cases/*")) and read_manifest(folder) == []
    assert not any((versions_dir(folder) / ".incoming").iterdir())   # the scratch copy is gone


def test_an_invalid_file_is_refused_with_every_problem(folder: Path) -> None:
    payload = new_activities(2).replace(b",0,4,2,", b",-1,4,2,")
    before = snapshot(folder)
    outcome = do_import(payload)
    assert outcome.reason == "da_invalid"
    assert [(p.key, p.row) for p in outcome.plan.report.errors] == [("count_negative", 2)]
    assert snapshot(folder) == before


def test_case_problems_never_echo_another_column(folder: Path) -> None:
    row = [*GOOD_CASE]
    row[CASE_HEADER.index("subdistrict_code")] = "53.01.05"      # the village is in 53.01.04
    outcome = do_import(csv_bytes(CASE_HEADER, [row]), "cases")
    problem = next(p for p in outcome.plan.report.errors if p.key == "village_not_in_subdistrict")
    assert "53.01.05" not in problem.message("en") and "(hidden)" in problem.message("en")
    assert problem.value == "53.01.04.2003"                      # the problem's own column


def test_replacing_villages_that_others_need_is_refused(folder: Path) -> None:
    lines = (SHIPPED_DATA_DIR / "villages.csv").read_text().splitlines()
    used = pd.read_csv(folder / "activities.csv", dtype=str)["village_code"].iloc[0]
    kept = [line for line in lines if not line.startswith(used + ",")]
    outcome = do_import(("\n".join(kept) + "\n").encode(), "villages")
    assert outcome.reason == "da_breaks_dependents"
    assert {p.file for p in outcome.plan.problems} >= {"activities.csv"}
    assert all(p.key in ("village_unknown", "area_unknown") for p in outcome.plan.problems)


def test_indicator_values_need_the_indicators_table(folder: Path) -> None:
    (folder / "indicators.csv").unlink()
    outcome = do_import((SHIPPED_DATA_DIR / "indicator_values.csv").read_bytes(), "indicator_values")
    assert (outcome.reason, outcome.params) == ("da_dependency_missing", {"table": "indicators"})


@pytest.mark.parametrize("setting, value, payload, reason", [
    ("MAX_UPLOAD_BYTES", 100, new_activities(5), "da_too_large"),
    ("MAX_ROWS", 3, new_activities(5), "da_too_many_rows"),
])
def test_limits(folder: Path, monkeypatch: pytest.MonkeyPatch, setting: str, value: int, payload: bytes,
                reason: str) -> None:
    monkeypatch.setattr(store_checks, setting, value)
    outcome = do_import(payload)
    assert outcome.reason == reason
    assert outcome.message("en") and outcome.message("id") != outcome.message("en")


def test_an_excel_file_that_unpacks_too_far_is_refused_unopened(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 200_000)
    monkeypatch.setattr(store_checks, "MAX_XLSX_UNPACKED_BYTES", 100_000)
    assert do_import(buffer.getvalue(), name="bom.xlsx").reason == "da_xlsx_too_large"


def test_excel_is_read_as_values_only_and_says_so(folder: Path) -> None:
    book = openpyxl.Workbook()
    for line in new_activities(2).decode().splitlines():
        book.active.append(line.split(","))
    hidden = book.create_sheet("rahasia")
    hidden.append(["nama", "nik"])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    plan = store.plan_import(buffer.getvalue(), table="activities", source_name="kegiatan.xlsx", today=TODAY)
    assert plan.ok, plan.message("en")
    assert [p.key for p in plan.report.warnings] == ["xlsx_values_only"]


# Rollback ------------------------------------------------------------------------------------------
def test_rollback_restores_an_earlier_version_as_a_new_one(folder: Path) -> None:
    do_import(new_activities(5))
    outcome = store.rollback("activities", 1, user="yohanes", today=TODAY)
    assert outcome.ok, outcome.message("en")
    assert (outcome.version.version, outcome.version.mode, outcome.version.rollback_of) == (3, "rollback", 1)
    assert (outcome.version.rows_added, outcome.version.rows_removed) == (489, 5)
    assert (folder / "activities.csv").read_bytes() == SHIPPED_ACTIVITIES
    assert len(load_table("activities", today=TODAY)) == 489
    assert [v.version for v in store.list_versions(table="activities")] == [1, 2, 3]


@pytest.mark.parametrize("version, reason", [(3, "da_rollback_is_current"), (9, "da_version_unknown")])
def test_rollback_refusals(folder: Path, version: int, reason: str) -> None:
    do_import(new_activities(5))
    store.rollback("activities", 1, user="maria", today=TODAY)
    assert store.rollback("activities", version, user="maria", today=TODAY).reason == reason


def test_an_altered_version_file_is_never_restored(folder: Path) -> None:
    do_import(new_activities(5))
    (versions_dir(folder) / "activities/v0001.csv").write_bytes(new_activities(2))
    assert store.rollback("activities", 1, user="maria", today=TODAY).reason == "da_version_altered"


def test_an_invalid_baseline_is_kept_but_never_made_current(folder: Path) -> None:
    broken = (folder / "events.csv").read_bytes().replace(b"2020-02-20", b"kemarin")
    (folder / "events.csv").write_bytes(broken)
    assert do_import((SHIPPED_DATA_DIR / "events.csv").read_bytes(), "events").ok
    baseline = store.list_versions(table="events")[0]
    assert (baseline.valid, (versions_dir(folder) / baseline.file).read_bytes()) == (False, broken)
    assert store.rollback("events", 1, user="maria", today=TODAY).reason == "da_version_not_valid"


# Files changed outside the app ---------------------------------------------------------------------
def test_a_file_changed_by_hand_is_kept_as_a_version_not_overwritten(folder: Path) -> None:
    do_import(new_activities(5))
    edited = new_activities(6)
    (folder / "activities.csv").write_bytes(edited)
    assert store.recover() == ()                                   # not an interrupted write: left alone
    assert {s.table: s.state for s in store.table_states()}["activities"] == "changed_outside"
    outcome = do_import(new_activities(7))
    assert [(v.version, v.mode) for v in outcome.recorded] == [(3, "external"), (4, "replace")]
    assert (versions_dir(folder) / outcome.recorded[0].file).read_bytes() == edited


# Crashes -------------------------------------------------------------------------------------------
def failing_replace(monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """os.replace fails when it would put a file at a path ending in `target` (between write and rename)."""
    real = os.replace

    def replace(source, destination):
        if str(destination).endswith(target):
            raise OSError(28, "No space left on device")
        return real(source, destination)

    monkeypatch.setattr(atomic.os, "replace", replace)


def test_crash_writing_the_version_file_leaves_everything_as_it_was(folder: Path, monkeypatch) -> None:
    do_import(new_activities(5))
    before = snapshot(folder)
    failing_replace(monkeypatch, "v0003.csv")
    outcome = do_import(new_activities(6))
    assert outcome.reason == "da_write_failed" and "nothing was stored" in outcome.message("en")
    assert snapshot(folder) == before                               # temp file removed, nothing renamed
    assert len(load_table("activities", today=TODAY)) == 5


def test_crash_writing_the_manifest_leaves_the_previous_version_current(folder: Path, monkeypatch) -> None:
    do_import(new_activities(5))
    current, manifest = (folder / "activities.csv").read_bytes(), read_manifest(folder)
    failing_replace(monkeypatch, "manifest.json")
    assert do_import(new_activities(6)).reason == "da_write_failed"
    assert (folder / "activities.csv").read_bytes() == current and read_manifest(folder) == manifest
    assert (versions_dir(folder) / "activities/v0003.csv").is_file()    # written, never recorded
    monkeypatch.undo()
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(folder))
    assert store.recover() == ()
    assert not (versions_dir(folder) / "activities/v0003.csv").exists()   # recovery removes what was never committed
    outcome = do_import(new_activities(7))
    assert outcome.version.version == 3 and outcome.version.rows == 7


def test_crash_replacing_the_current_file_is_finished_by_recover(folder: Path, monkeypatch) -> None:
    do_import(new_activities(5))
    previous = (folder / "activities.csv").read_bytes()
    failing_replace(monkeypatch, "activities.csv")
    outcome = do_import(new_activities(6))
    assert outcome.ok and outcome.pending and "next operation" in outcome.message("en")
    assert (folder / "activities.csv").read_bytes() == previous     # previous version whole and current
    assert len(load_table("activities", today=TODAY)) == 5
    monkeypatch.undo()
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(folder))
    assert store.recover() == ("activities",)
    assert len(load_table("activities", today=TODAY)) == 6
    assert {s.table: s.state for s in store.table_states()}["activities"] == "recorded"


# Concurrency ---------------------------------------------------------------------------------------
def test_a_writer_waits_for_the_lock_and_then_gives_up_clearly(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_files, "LOCK_TIMEOUT_SECONDS", 0.2)
    versions_dir(folder).mkdir()
    with FileLock(str(versions_dir(folder) / ".lock")):
        outcome = do_import(new_activities(5))
    assert outcome.reason == "da_busy"
    assert not (versions_dir(folder) / "manifest.json").exists()


def test_recover_does_nothing_without_a_store(folder: Path) -> None:
    before = snapshot(folder)
    assert store.recover() == ()
    assert snapshot(folder) == before and not versions_dir(folder).exists()
