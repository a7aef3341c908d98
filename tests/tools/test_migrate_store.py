"""`python -m lib.cli data migrate-store --from FOLDER --to URL`: a file store with history, an audit log
and a file changed by hand goes into an empty PostgreSQL store whole, checked, and is then the store
the command line and the app use; a second copy into the same database is refused."""
from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import pytest

from lib.store import stores
from lib.store.file_store import FileStore
from lib.store.postgres import PostgresStore
from lib.tools.store_cli import add_data_parser
from tests.conftest import TODAY, new_activities


def run(*args: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    add_data_parser(parser.add_subparsers(dest="command", required=True))
    parsed = parser.parse_args(["data", *args])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = parsed.handler(parsed)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WENEXUS_STORE_COPY_DIR", str(tmp_path / "copies"))
    return tmp_path / "copies"


def test_a_file_store_is_copied_with_its_history_and_checked(folder: Path, postgres_url: str, copies: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = FileStore(folder)
    assert files.import_file(new_activities(5), table="activities", source_name="k.csv", user="maria", today=TODAY).ok
    assert files.rollback("activities", 1, user="yohanes", today=TODAY).ok
    (folder / "events.csv").write_bytes((folder / "events.csv").read_bytes().replace(b",1578,", b",1600,"))
    code, out, err = run("migrate-store", "--from", str(folder), "--to", postgres_url, "--today", "2025-12-31")
    assert code == 0, out + err
    assert "The copy was checked: whole" in out and "Salinan diperiksa: utuh" in out
    target = PostgresStore(postgres_url)
    copied = target.list_versions()
    assert copied[:3] == files.list_versions()                       # the history, field for field
    assert sorted((v.table, v.mode) for v in copied[3:]) == [(table, "baseline") for table in
                                                             ("cases", "events", "hazards", "indicator_values",
                                                              "indicators", "villages")]
    assert [line["action"] for line in target.read_audit()][::-1][:3] == ["baseline", "replace", "rollback"]
    assert (target.folder / "events.csv").read_bytes() == (folder / "events.csv").read_bytes()
    monkeypatch.setenv(stores.STORE_URL_ENV, postgres_url)           # from now on the CLI writes there
    code, out, _ = run("versions", "activities", "--lang", "en")
    assert code == 0 and "activities: current version v3" in out
    target.close()


def test_a_second_copy_into_the_same_database_is_refused(folder: Path, postgres_url: str, copies: Path) -> None:
    assert run("migrate-store", "--from", str(folder), "--to", postgres_url)[0] == 0
    code, _, err = run("migrate-store", "--from", str(folder), "--to", postgres_url)
    assert code == 1 and "already holds versions" in err and "sudah berisi versi" in err


@pytest.mark.parametrize("target, needle", [("mysql://x@127.0.0.1/db", "must be a postgresql://"),
                                            ("postgresql://x@127.0.0.1:1/db", "cannot be reached")])
def test_a_wrong_or_unreachable_target_is_said_in_both_languages(folder: Path, copies: Path, target: str,
                                                                needle: str) -> None:
    code, out, err = run("migrate-store", "--from", str(folder), "--to", target)
    assert code == 1 and needle in err and "Traceback" not in out + err
