"""`python -m lib.cli data ...` as a data officer runs it: exit codes, both languages, no traceback."""
from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from lib.store.auth import check_password
from lib.data.paths import REPO_ROOT, SHIPPED_DATA_DIR
from lib.tools.store_cli import add_data_parser
from lib.store.manifest import read_manifest, versions_dir
from tests.conftest import CASE_HEADER, GOOD_CASE, csv_bytes, new_activities, snapshot

TODAY = "2025-12-31"
RUNNER = ("import argparse, sys\nfrom lib.tools.store_cli import add_data_parser\n"
          "parser = argparse.ArgumentParser()\nadd_data_parser(parser.add_subparsers(dest='command', required=True))\n"
          "args = parser.parse_args(sys.argv[1:])\nsys.exit(args.handler(args))\n")


def wired_into_lib_cli() -> bool:
    """Whether lib/tools/cli.py already has the `data` command (the lead wires add_data_parser in)."""
    from lib.tools.cli import build_parser

    with contextlib.redirect_stderr(io.StringIO()):
        try:
            build_parser().parse_args(["data", "versions"])
        except SystemExit:
            return False
    return True


def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    """The command in this process (fast): exit code, stdout, stderr."""
    parser = argparse.ArgumentParser()
    add_data_parser(parser.add_subparsers(dest="command", required=True))
    parsed = parser.parse_args(["data", *args])
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = parsed.handler(parsed)
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def upload(tmp_path: Path, name: str, payload: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(payload)
    return str(path)


def test_import_stores_a_version_and_says_so_in_both_languages(folder: Path, tmp_path: Path) -> None:
    code, out, _ = run("import", upload(tmp_path, "kegiatan_baru.csv", new_activities(3)), "--mode", "append",
                       "--user", "maria", "--today", TODAY)
    assert code == 0, out
    assert "activities: stored as version 2 (492 rows)" in out and "disimpan sebagai versi 2 (492 baris)" in out
    assert "was first kept as version 1" in out and "3 rows added, 0 removed, 0 changed" in out
    assert [(v.version, v.user, v.via) for v in read_manifest(folder)] == [(1, "maria", "cli"), (2, "maria", "cli")]


def test_a_refused_import_exits_1_with_the_reason_in_both_languages(folder: Path, tmp_path: Path) -> None:
    before = snapshot(folder)
    path = upload(tmp_path, "kasus.csv", csv_bytes([*CASE_HEADER, "nik"], [[*GOOD_CASE, "5301234567890123"]]))
    code, out, err = run("import", path, "--table", "cases", "--today", TODAY)
    assert code == 1
    assert "nothing was stored" in out and "tidak ada yang disimpan" in out
    assert "column nik" in out and "kolom nik" in out and "5301234567890123" not in out
    assert "Traceback" not in out + err
    assert snapshot(folder) == before


def test_taken_keys_are_listed_row_by_row(folder: Path, tmp_path: Path) -> None:
    path = upload(tmp_path, "kegiatan.csv", new_activities(2))
    assert run("import", path, "--mode", "append", "--today", TODAY)[0] == 0
    code, out, _ = run("import", path, "--mode", "append", "--today", TODAY)
    assert code == 1
    assert "row 3, column activity_id" in out and "baris 3, kolom activity_id" in out


def test_the_table_comes_from_the_file_name_or_is_asked_for(folder: Path, tmp_path: Path) -> None:
    code, out, _ = run("import", upload(tmp_path, "laporan.csv", new_activities(2)), "--today", TODAY)
    assert code == 1 and "--table" in out
    code, out, _ = run("import", str(tmp_path / "missing.csv"), "--table", "activities")
    assert code == 1 and "not found" in out and "tidak ditemukan" in out


def test_versions_and_rollback(folder: Path, tmp_path: Path) -> None:
    run("import", upload(tmp_path, "kegiatan.csv", new_activities(5)), "--user", "maria", "--today", TODAY)
    code, out, _ = run("versions", "activities")
    assert code == 0
    assert "activities: current version v2" in out and "activities: versi berlaku v2" in out
    assert "baseline (the file already there)" in out and "489 rows (+489 -0 ~0)" in out
    assert "ganti tabel / replace table" in out and "5 rows (+5 -489 ~0)" in out
    code, out, _ = run("rollback", "activities", "v1", "--user", "yohanes", "--today", TODAY)
    assert code == 0 and "stored as version 3 (489 rows)" in out
    code, out, _ = run("versions")
    assert "roll back (ke versi 1 / to version 1)" in out and "cases: cases.csv has no version yet" in out
    assert (folder / "activities.csv").read_bytes() == (SHIPPED_DATA_DIR / "activities.csv").read_bytes()


@pytest.mark.parametrize("version, needle", [("9", "has no version 9"), ("abc", "has no version abc"),
                                              ("2", "already holds the same data")])
def test_rollback_refusals_exit_1(folder: Path, tmp_path: Path, version: str, needle: str) -> None:
    run("import", upload(tmp_path, "kegiatan.csv", new_activities(5)), "--today", TODAY)
    code, out, _ = run("rollback", "activities", version, "--lang", "en", "--today", TODAY)
    assert code == 1 and needle.replace("already holds", "holds") in out


@pytest.mark.parametrize("stdin, code, needle", [
    ("short\nshort\n", 1, "at least 10 characters"),
    ("a-long-password-1\na-long-password-2\n", 1, "The two passwords differ"),
])
def test_hash_password_refusals(stdin: str, code: int, needle: str) -> None:
    result, out, err = run("hash-password", stdin=stdin)
    assert result == code and needle in err and out == ""
    assert "Traceback" not in err


def test_hash_password_prints_a_hash_for_the_secrets_file() -> None:
    code, out, err = run("hash-password", "--user", "maria", stdin="a-long-password-1\na-long-password-1\n")
    hashed = out.strip()
    assert code == 0 and check_password("a-long-password-1", hashed)
    assert "[data_admin.users]" in err and f'maria = "{hashed}"' in err and "never commit" in err


def test_the_real_command_line_entry_point(folder: Path, tmp_path: Path) -> None:
    """Through `python -m lib.cli` once wired; until then the same parser in a fresh process."""
    command = ["-m", "lib.cli"] if wired_into_lib_cli() else ["-c", RUNNER]
    path = upload(tmp_path, "kegiatan.csv", new_activities(2))
    result = subprocess.run([sys.executable, *command, "data", "import", path, "--table", "activities", "--user",
                             "maria", "--today", TODAY], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stored as version 2" in result.stdout and "disimpan sebagai versi 2" in result.stdout
    assert versions_dir(folder).joinpath("activities", "v0002.csv").is_file()


def test_a_write_records_the_operating_system_account_beside_the_name_given(folder: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """--user is what the person typed; the audit line also names the account that ran the command, from the
    process's user id (setting $USER or $LOGNAME does not change it)."""
    import json
    import os
    import pwd

    monkeypatch.setenv("USER", "mallory")
    monkeypatch.setenv("LOGNAME", "mallory")
    run("import", upload(tmp_path, "kegiatan.csv", new_activities(2)), "--mode", "append", "--user", "Bupati",
        "--today", TODAY)
    run("rollback", "activities", "1", "--user", "Bupati", "--today", TODAY)
    lines = [json.loads(line) for line in (folder / "admin" / "audit.jsonl").read_text().splitlines()]
    account = f"{pwd.getpwuid(os.getuid()).pw_name} (uid {os.getuid()})"
    # The file found unrecorded is recorded first (baseline), then the append and the rollback: one line each.
    assert [(line["action"], line["user"], line["os_user"]) for line in lines] == [
        ("baseline", "Bupati", account), ("append", "Bupati", account), ("rollback", "Bupati", account)]
