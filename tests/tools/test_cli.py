"""The command line as a programme officer runs it: exit codes, both languages, no traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lib.data.paths import REPO_ROOT
from tests.conftest import write_csv
from tests.conftest import ACTIVITY_HEADER, GOOD_ACTIVITY, with_cell


def run_cli(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_shipped_data_folder_is_valid() -> None:
    result = run_cli("validate", "data/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "villages.csv: valid (455 rows)" in result.stdout      # Kupang's 177 and Timor Tengah Selatan's 278
    assert "villages.csv: sah (455 baris)" in result.stdout
    assert "Traceback" not in result.stderr


def test_bad_file_exits_1_with_every_problem_in_both_languages(tmp_path: Path) -> None:
    rows = [with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "participants_male", "-2"),
            with_cell(with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "activity_id", "ACT-2"), ACTIVITY_HEADER,
                      "village_code", "53.01.04.2030")]
    path = write_csv(tmp_path / "kegiatan.csv", ACTIVITY_HEADER, rows)
    report = tmp_path / "problems.csv"
    result = run_cli("validate", str(path), "--report", str(report))
    assert result.returncode == 1
    assert "baris 2, kolom participants_male" in result.stdout and "row 2, column participants_male" in result.stdout
    assert "row 3, column village_code" in result.stdout and "did you mean 53.01.04." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    problems = pd.read_csv(report)
    assert problems["row"].tolist() == [2, 3]
    assert set(problems.columns) >= {"pesan", "message", "column", "value"}


def test_table_option_overrides_the_file_name(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "laporan_bulanan.csv", ACTIVITY_HEADER, [GOOD_ACTIVITY])
    assert run_cli("validate", str(path)).returncode == 1
    result = run_cli("validate", str(path), "--table", "activities", "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert "valid (1 rows)" in result.stdout and "sah" not in result.stdout


@pytest.mark.parametrize("target", ["does-not-exist.csv", "does-not-exist/"])
def test_missing_path_is_a_clear_error(target: str) -> None:
    result = run_cli("validate", target)
    assert result.returncode == 1
    assert "not found" in result.stdout and "tidak ditemukan" in result.stdout
    assert "Traceback" not in result.stderr


def test_folder_with_a_bad_table_fails(tmp_path: Path) -> None:
    write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "date", "x")])
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert "activities.csv" in result.stdout


FORMULAS = ['=HYPERLINK("http://example.invalid/x","klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1+cmd",
            "\tTAB", "\rCR"]


def test_the_problem_report_neutralises_formulas_as_the_exports_do(tmp_path: Path) -> None:
    import csv

    from lib.texts.data_text import neutralise_cell

    rows = [with_cell(with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "activity_id", f"ACT-{i}"), ACTIVITY_HEADER,
                      "village_code", formula) for i, formula in enumerate(FORMULAS)]
    path = tmp_path / "kegiatan.csv"
    with path.open("w", newline="") as handle:   # quoted: a tab or CR stays inside its cell
        csv.writer(handle).writerows([ACTIVITY_HEADER, *rows])
    report = tmp_path / "problems.csv"
    assert run_cli("validate", str(path), "--report", str(report)).returncode == 1
    with report.open(newline="", encoding="utf-8-sig") as handle:   # a BOM, as the data page's download
        written = list(csv.DictReader(handle))
    values = [row["value"] for row in written if row["column"] == "village_code"]
    # The value as validation echoes it (tab and CR are trimmed with the other spaces), neutralised.
    assert values == [neutralise_cell(formula.strip()) for formula in FORMULAS]
    assert values[0].startswith("'=HYPERLINK(")
    cells = [cell for row in written for cell in row.values() if cell]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
