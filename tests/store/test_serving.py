"""A bad file never takes the app down (lib.store.serving): a table whose current file fails validation is
served from the last valid version in the store, read-only, and its refusal is worded for the banner."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.data.load import TableMissing, load_table, shipped_villages
from lib.store.manifest import read_manifest, versions_dir
from lib.store.serving import refusal_text, serve_table
from tests.conftest import TODAY, break_file as broken, new_activities, snapshot, store_version as stored


def test_a_valid_file_is_served_as_it_is(folder: Path) -> None:
    served = serve_table("activities", folder=folder, today=TODAY)
    assert served.served_from == "file" and served.refused is None and served.version is None
    pd.testing.assert_frame_equal(served.frame, load_table("activities", folder=folder, today=TODAY))


def test_a_refused_file_is_replaced_by_the_last_valid_version_and_nothing_is_written(folder: Path) -> None:
    stored(folder, "activities", new_activities(7))                 # v1 the shipped file (baseline), v2 seven rows
    broken(folder, "activities")
    before = snapshot(folder)
    served = serve_table("activities", folder=folder, today=TODAY)
    assert served.served_from == "store" and served.version.version == 2 and len(served.frame) == 7
    assert served.refused.file == "activities.csv" and [p.key for p in served.refused.errors] == ["village_unknown"]
    assert snapshot(folder) == before                                # read-only: the bad file stays for the officer


def test_the_current_files_own_version_and_an_altered_version_are_passed_over(folder: Path) -> None:
    stored(folder, "activities", new_activities(7))
    stored(folder, "activities", new_activities(5))                 # v3, current
    newest = read_manifest(folder)[-1]
    (versions_dir(folder) / newest.file).write_text("altered\n")    # v3's stored copy no longer matches its hash
    broken(folder, "activities")
    served = serve_table("activities", folder=folder, today=TODAY)
    assert served.version.version == 2 and len(served.frame) == 7


def test_with_nothing_valid_stored_the_table_is_left_out(folder: Path) -> None:
    broken(folder, "activities")
    served = serve_table("activities", folder=folder, today=TODAY)
    assert served.served_from == "none" and served.frame is None and served.refused is not None
    with pytest.raises(TableMissing):
        serve_table("events", folder=folder / "nowhere", today=TODAY)


def test_a_refused_village_file_is_replaced_and_the_other_tables_are_checked_against_what_is_served(
        folder: Path) -> None:
    (folder / "villages.csv").write_text("village_code,village_name\n53.01.04.2003,Bokonusan\n", encoding="utf-8")
    villages = serve_table("villages", folder=folder, today=TODAY)
    assert villages.served_from == "shipped" and len(villages.frame) == len(shipped_villages())
    activities = serve_table("activities", folder=folder, today=TODAY)
    assert activities.served_from == "file" and len(activities.frame) > 0      # not refused with its villages


@pytest.mark.parametrize("lang, words", [
    ("id", ["activities.csv", "tidak lolos pemeriksaan", "v2", "baris 2, kolom village_code", "53.01.04.2999"]),
    ("en", ["activities.csv", "failed validation", "the last valid version in the store: v2",
            "row 2, column village_code", "53.01.04.2999"])])
def test_the_banner_names_the_file_its_problem_and_what_is_shown(folder: Path, lang: str, words: list[str]) -> None:
    stored(folder, "activities", new_activities(7))
    broken(folder, "activities")
    text = refusal_text(serve_table("activities", folder=folder, today=TODAY), lang)
    assert all(word in text for word in words), text


def test_the_banner_of_case_data_shows_where_but_never_a_value(folder: Path) -> None:
    path = folder / "cases.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("53.01.", "53.99.", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    served = serve_table("cases", folder=folder, today=TODAY)
    assert served.served_from == "none"
    for lang in ("id", "en"):
        text = refusal_text(served, lang)
        assert "cases.csv" in text and "53.99." not in text and lines[1].split(",")[0] not in text
