"""One contract, two stores: every test here runs against the file store (a copy of the shipped data) and
against PostgreSQL (a throw-away server, the same data copied in by migrate-store). Writers killed with
SIGKILL at every named step of a commit, eight writer processes at once, rollback, the audit log, and
login lockouts shared by every process; and which store the configuration chooses."""
from __future__ import annotations

import multiprocessing
import os
import sys
import shutil
import signal
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from lib.data.load import load_table
from lib.store import steps, stores
from lib.store.auth import AuthPolicy, LoginOutcome, Users, hash_password
from lib.store.base import Store
from lib.store.content import sha256_of
from lib.store.file_store import FileStore
from lib.store.manifest import MODES, versions_dir
from lib.store.postgres import PostgresStore
from lib.store.versions import record_current_files
from lib.data.paths import SHIPPED_DATA_DIR
from lib.tools.migrate_store import Records, copy_into, read_file_store
from tests.conftest import SHIPPED_ACTIVITIES, TODAY, new_activities

KINDS = ("file", "postgresql")
SHIPPED_ROWS = 489
# Children start from a forkserver that has imported the store already: a kill test costs a fork, not
# an interpreter start.
CHILDREN = multiprocessing.get_context("forkserver")
CHILDREN.set_forkserver_preload(["tests.store.test_stores"])


def open_store(kind: str, where: str, copy_root: str | None = None) -> Store:
    """A store from what a child process is given (strings: picklable)."""
    return FileStore(Path(where)) if kind == "file" else PostgresStore(where, copy_root=Path(copy_root))


def spec_of(store: Store) -> tuple[str, str, str | None]:
    if isinstance(store, PostgresStore):
        return ("postgresql", store.url, str(store.folder.parent))
    return ("file", str(store.folder), None)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Records]:
    """The shipped data in a file store with every table recorded as version 1, and the same read for
    copying into PostgreSQL: both stores start from the same versions (made once per session)."""
    template = tmp_path_factory.mktemp("seeded") / "data"
    template.mkdir()
    for path in SHIPPED_DATA_DIR.glob("*.csv"):
        shutil.copyfile(path, template / path.name)
    record_current_files(user="seed", folder=template, today=TODAY)
    return template, read_file_store(template, user="seed", today=TODAY)


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, seeded: tuple[Path, Records], tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store under test, holding the shipped data as version 1 of each table."""
    template, records = seeded
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(folder))
    if request.param == "file":
        yield FileStore(folder)
        return
    target = PostgresStore(request.getfixturevalue("postgres_url"), copy_root=tmp_path / "copies")
    copy_into(records, target, by="seed")
    yield target
    target.close()


def latest_number(store: Store, table: str = "activities") -> int:
    versions = store.list_versions(table)
    return versions[-1].version if versions else 0


def audited(store: Store) -> list[tuple[str, int, str, bool]]:
    """(table, version, action, recovered) of the audit lines that record a version, oldest first."""
    return [(line["table"], line["version"], line["action"], bool(line["recovered"]))
            for line in reversed(store.read_audit(limit=10_000)) if line["action"] in MODES]


def temp_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*")
                  if path.name.endswith(".tmp") or (path.parent.name == ".incoming"))


def assert_consistent(store: Store, *, edited: str | None = None) -> None:
    """Manifest, contents, current files and audit log agree, and nothing temporary is left (the
    table `edited` by hand keeps the hand-made file: it is recorded at the next write)."""
    entries = store.list_versions()
    for entry in entries:
        assert sha256_of(store.version_bytes(entry)) == entry.sha256
    for state in store.table_states():
        if state.table == edited:
            assert state.state == "changed_outside"
            continue
        assert state.state in ("recorded", "unrecorded"), state
        if state.latest is not None:
            assert sha256_of((store.folder / state.current_file).read_bytes()) == state.latest.sha256
    lines = audited(store)
    assert sorted((table, version) for table, version, _, _ in lines) == sorted((e.table, e.version) for e in entries)
    assert temp_files(store.folder) == []
    if isinstance(store, FileStore):
        recorded = {entry.file for entry in entries}
        assert sorted(str(p.relative_to(versions_dir(store.folder))) for p in versions_dir(store.folder).glob("*/v*.csv")
                      if str(p.relative_to(versions_dir(store.folder))) not in recorded) == []


# Writing, refusing, rolling back ------------------------------------------------------------------
def test_an_import_becomes_the_current_version_and_is_audited(store: Store) -> None:
    before = latest_number(store)
    outcome = store.import_file(new_activities(5), table="activities", source_name="kegiatan.csv", user="maria",
                                today=TODAY)
    assert outcome.ok, outcome.message("en")
    assert (outcome.version.version, outcome.version.rows, outcome.version.rows_removed) == (before + 1, 5, SHIPPED_ROWS)
    assert len(load_table("activities", folder=store.folder, today=TODAY)) == 5
    assert ("activities", before + 1, "replace", False) in audited(store)
    assert_consistent(store)


def test_a_refused_import_stores_nothing_and_is_audited(store: Store) -> None:
    before = store.list_versions()
    outcome = store.import_file(new_activities(2).replace(b",0,4,2,", b",-1,4,2,"), table="activities",
                                source_name="kegiatan.csv", user="maria", today=TODAY)
    assert outcome.reason == "da_invalid"
    assert store.list_versions() == before
    assert store.read_audit(limit=1)[0]["action"] == "replace_refused"
    assert (store.folder / "activities.csv").read_bytes() == SHIPPED_ACTIVITIES


def test_rollback_is_a_new_version_with_the_old_content(store: Store) -> None:
    store.import_file(new_activities(5), table="activities", source_name="k.csv", user="maria", today=TODAY)
    first = store.list_versions("activities")[0].version
    outcome = store.rollback("activities", first, user="yohanes", today=TODAY)
    assert outcome.ok, outcome.message("en")
    assert (outcome.version.mode, outcome.version.rollback_of, outcome.version.rows) == ("rollback", first, SHIPPED_ROWS)
    assert (store.folder / "activities.csv").read_bytes() == SHIPPED_ACTIVITIES
    assert store.rollback("activities", 99, user="yohanes", today=TODAY).reason == "da_version_unknown"
    assert [line[2] for line in audited(store)][-2:] == ["replace", "rollback"]
    assert_consistent(store)


def test_a_stale_plan_is_made_again_at_commit(store: Store) -> None:
    """Two people check an append at the same time; the second commit builds on the first."""
    first = store.plan_import(new_activities(2, prefix="ACT-2097"), table="activities", source_name="a.csv",
                              mode="append", today=TODAY)
    second = store.plan_import(new_activities(3, prefix="ACT-2098"), table="activities", source_name="b.csv",
                               mode="append", today=TODAY)
    assert store.commit(first, user="maria", today=TODAY).ok
    outcome = store.commit(second, user="yohanes", today=TODAY)
    assert outcome.ok and outcome.version.rows == SHIPPED_ROWS + 5


def test_the_audit_log_has_the_same_fields_in_both_stores(store: Store) -> None:
    store.record_audit(action="logout", user="maria", via="app")
    assert store.read_audit(limit=1)[0] | {"time": None} == {
        "time": None, "user": "maria", "action": "logout", "table": None, "version": None, "via": "app",
        "detail": None, "recovered": False}


# Crashes ------------------------------------------------------------------------------------------
def commit_killed_at(spec: tuple, step: str, payload: bytes) -> None:
    """In a child: import `payload`, SIGKILLing this process when the commit reaches `step`."""
    steps.HOOK = lambda reached: os.kill(os.getpid(), signal.SIGKILL) if reached == step else None
    open_store(*spec).import_file(payload, table="activities", source_name="kegiatan.csv", user="maria", via="cli",
                                  today=TODAY)
    os._exit(3)   # the step was never reached


KILLS = [("file", step) for step in steps.FILE_COMMIT_STEPS] + \
        [("postgresql", step) for step in steps.POSTGRES_COMMIT_STEPS]
COMMIT_POINT = {"file": "manifest", "postgresql": "committed"}


@pytest.mark.parametrize("store, step", KILLS, indirect=["store"], ids=[f"{k}-{s}" for k, s in KILLS])
def test_a_writer_killed_at_any_step_leaves_a_whole_audited_store(store: Store, step: str) -> None:
    previous = SHIPPED_ACTIVITIES
    if store.kind == "file":   # a file changed by hand: the commit keeps it as a version first ("recorded")
        previous = new_activities(4, prefix="ACT-2096")
        (store.folder / "activities.csv").write_bytes(previous)
    before = store.list_versions()
    child = CHILDREN.Process(target=commit_killed_at, args=(spec_of(store), step, new_activities(5)))
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL
    order = steps.FILE_COMMIT_STEPS if store.kind == "file" else steps.POSTGRES_COMMIT_STEPS
    committed = order.index(step) >= order.index(COMMIT_POINT[store.kind])
    if not committed:   # the previous version is current and whole, before any recovery
        assert (store.folder / "activities.csv").read_bytes() == previous
    store.recover()
    after = store.list_versions()
    rows = len(load_table("activities", folder=store.folder, today=TODAY))
    if committed:
        assert after[:len(before)] == before and after[-1].mode == "replace" and rows == 5
    else:
        assert after == before and (store.folder / "activities.csv").read_bytes() == previous
    assert_consistent(store, edited="activities" if store.kind == "file" and not committed else None)
    recovered = [line for line in audited(store) if line[3]]
    # Only the file store can lose an audit line: PostgreSQL writes it in the commit's transaction.
    expect_recovered = store.kind == "file" and committed and step != "audit"
    assert [(table, version) for table, version, _, _ in recovered] == \
        ([(e.table, e.version) for e in after[len(before):]] if expect_recovered else [])
    assert store.import_file(new_activities(6), table="activities", source_name="again.csv", user="maria",
                             today=TODAY).ok


def test_recovery_removes_an_audit_line_cut_short_and_writes_it_again(folder: Path) -> None:
    store = FileStore(folder)
    assert store.import_file(new_activities(5), table="activities", source_name="k.csv", user="maria", today=TODAY).ok
    log = folder / "admin" / "audit.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:-1]) + lines[-1][:25])            # the last line, cut by a crash
    store.recover()
    assert log.read_bytes().endswith(b"\n")
    assert [line[1:] for line in audited(store)] == [(1, "baseline", False), (2, "replace", True)]


# Concurrency -------------------------------------------------------------------------------------
def append_when_told(spec: tuple, prefix: str, rows: int, start: multiprocessing.Event) -> None:
    start.wait(60)
    outcome = open_store(*spec).import_file(new_activities(rows, prefix=prefix), table="activities",
                                            source_name=f"{prefix}.csv", mode="append", user=prefix, today=TODAY)
    if not outcome.ok:     # said in the failure report: which refusal (busy, unreachable, a problem)
        print(f"{prefix}: {outcome.reason} {outcome.params}", file=sys.stderr, flush=True)
    os._exit(0 if outcome.ok else 1)


def test_eight_writer_processes_at_once_lose_nothing(store: Store) -> None:
    before = latest_number(store)
    start = CHILDREN.Event()
    writers = [CHILDREN.Process(target=append_when_told, args=(spec_of(store), f"ACT-20{80 + n}", 2 + n, start))
               for n in range(8)]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(300)
    assert [writer.exitcode for writer in writers] == [0] * 8
    store.recover()
    appended = [v for v in store.list_versions("activities") if v.mode == "append"]
    assert [v.version for v in appended] == list(range(before + 1, before + 9))
    assert sorted(v.rows_added for v in appended) == [2 + n for n in range(8)]
    ids = load_table("activities", folder=store.folder, today=TODAY)["activity_id"]
    assert len(ids) == SHIPPED_ROWS + sum(2 + n for n in range(8)) and ids.is_unique
    assert_consistent(store)


def test_a_lockout_holds_for_every_process_of_the_store(store: Store) -> None:
    hashed = hash_password("a-long-password-1", rounds=4)
    if isinstance(store, PostgresStore):
        store.set_user("maria", hashed, by="test")
    users = store.users(Users({"maria": hashed}))
    other = open_store(*spec_of(store))        # another process's store object on the same store
    policy = AuthPolicy(first_delay=timedelta(0), max_delay=timedelta(0))
    outcomes = [(store if n % 2 else other).login(users, "Maria ", "wrong-password", policy=policy).outcome
                for n in range(policy.max_failures)]
    assert outcomes[-1] == LoginOutcome.LOCKED
    assert other.login(users, "maria", "a-long-password-1", policy=policy).outcome == LoginOutcome.LOCKED
    assert [line["action"] for line in store.read_audit(limit=2)] == ["login_locked", "login_locked"]


# Which store ------------------------------------------------------------------------------------
def test_the_file_store_is_the_default(monkeypatch: pytest.MonkeyPatch, folder: Path, tmp_path: Path) -> None:
    monkeypatch.delenv(stores.STORE_URL_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(stores, "secrets_files", lambda: (tmp_path / ".streamlit" / "secrets.toml",))
    chosen = stores.configured()
    assert isinstance(chosen, FileStore) and chosen.folder == folder


@pytest.mark.parametrize("section, url", [
    ('url = "postgresql://ana:pw@127.0.0.1:5433/wenexus"', "postgresql://ana:pw@127.0.0.1:5433/wenexus"),
    ('host = "127.0.0.1"\nport = 5434\ndatabase = "nexus"\nusername = "ana"\npassword = "p@ss word"',
     "postgresql://ana:p%40ss%20word@127.0.0.1:5434/nexus"),
])
def test_connections_store_in_the_secrets_file_chooses_postgresql(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                  section: str, url: str) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f"[connections.store]\n{section}\n")
    monkeypatch.delenv(stores.STORE_URL_ENV, raising=False)
    monkeypatch.setattr(stores, "secrets_files", lambda: (secrets,))
    assert stores.store_url() == url
    monkeypatch.setenv(stores.STORE_URL_ENV, "postgresql://env@127.0.0.1/x")      # the environment comes first
    assert stores.store_url() == "postgresql://env@127.0.0.1/x"
    with pytest.raises(stores.StoreUrlInvalid):
        stores.open_store("mysql://ana@127.0.0.1/x")
