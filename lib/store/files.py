"""The files of the versioned store: the lock, version files, archived originals, the current
file, and recovery after an interrupted write. See lib.store.versions for the layout and the write order.

Recovery, under the lock, completes or removes what a killed write left: temp files go, version files
the manifest never recorded go, a recorded version not yet current is made current (roll forward), an
audit line cut short is removed and a recorded version without an audit line gets one, marked as
recovered; an upload's scratch folder goes once the process that checked it is gone.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from lib.data.atomic import is_temp_file, write_bytes_atomic
from lib.data.load import find_table_file
from lib.data.paths import data_dir
from lib.data.read import SUPPORTED_SUFFIXES
from lib.data.schema import TABLES
from lib.store import audit_log
from lib.store.checks import Refusal
from lib.store.content import sha256_of
from lib.store.manifest import (ARCHIVE_SUBDIR, INCOMING_SUBDIR, LOCK_NAME, MANIFEST_NAME, MODES, ManifestUnreadable,
                                VERSION_FILE, Version, latest, of_table, read_manifest, versions_dir)
from lib.store.steps import at, reached

LOCK_TIMEOUT_SECONDS = 30
STALE_SCRATCH_SECONDS = 3600


def version_bytes(entry: Version, *, folder: Path | None = None) -> bytes:
    """The stored content of a version; raises Refusal when the file is missing or altered."""
    path = versions_dir(folder or data_dir()) / entry.file
    if not path.is_file():
        raise Refusal("da_version_missing", table=entry.table, version=entry.version)
    payload = path.read_bytes()
    if sha256_of(payload) != entry.sha256:
        raise Refusal("da_version_altered", table=entry.table, version=entry.version)
    return payload


def current_sha(folder: Path, table: str) -> str | None:
    """The hash of the file readers see for `table` (csv before xlsx), or None."""
    path = find_table_file(folder, table)
    return sha256_of(path.read_bytes()) if path else None


@contextlib.contextmanager
def scratch_dir(folder: Path) -> Iterator[Path]:
    """A private folder for an upload being checked, inside the data folder, always removed."""
    incoming = versions_dir(folder) / INCOMING_SUBDIR
    incoming.mkdir(mode=0o700, parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=incoming, prefix=f"{os.getpid()}-"))   # whose it is: see remove_scratch
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def store_lock(folder: Path, timeout: float | None = None) -> FileLock:
    """The lock every write holds (versions/.lock); waits up to LOCK_TIMEOUT_SECONDS by default."""
    versions_dir(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    return FileLock(str(versions_dir(folder) / LOCK_NAME), timeout=LOCK_TIMEOUT_SECONDS if timeout is None else timeout)


def archive_name(table: str, payload: bytes, suffix: str) -> str:
    """Where exact bytes are kept, relative to versions/: <table>/archive/<hash>.<suffix>."""
    return f"{table}/{ARCHIVE_SUBDIR}/{sha256_of(payload)[:16]}{suffix}"


def archive_bytes(folder: Path, table: str, payload: bytes, suffix: str) -> str:
    """Keep exact bytes under versions/<table>/archive/, named by their hash; returns the relative path."""
    relative = archive_name(table, payload, suffix)
    target = versions_dir(folder) / relative
    if not target.is_file():
        write_bytes_atomic(target, payload)
    return relative


def materialise(folder: Path, entry: Version) -> None:
    """Make `entry` the current file (<table>.csv); a stale <table>.xlsx is archived, then removed."""
    current = folder / f"{entry.table}.csv"
    if not (current.is_file() and sha256_of(current.read_bytes()) == entry.sha256):
        write_bytes_atomic(current, version_bytes(entry, folder=folder), before_rename=at("current_temp"))
        reached("current")
    stale = folder / f"{entry.table}.xlsx"
    if stale.is_file():
        archive_bytes(folder, entry.table, stale.read_bytes(), ".xlsx")
        stale.unlink()


# Recovery -----------------------------------------------------------------------------------------
def recover(*, folder: Path | None = None, timeout: float = 5) -> tuple[str, ...]:
    """Bring the current files in line with the manifest after an interrupted write (roll forward);
    returns the tables repaired. Does nothing when the store has never been written."""
    folder = Path(folder or data_dir())
    if not (versions_dir(folder) / MANIFEST_NAME).is_file():
        return ()
    try:
        with store_lock(folder, timeout):
            return recover_locked(folder)
    except (Timeout, ManifestUnreadable):
        return ()


def recover_locked(folder: Path) -> tuple[str, ...]:
    """recover() for a caller holding the lock."""
    _remove_temp_files(folder)
    entries = read_manifest(folder)
    _remove_unrecorded_versions(folder, entries)
    repaired = []
    for table in dict.fromkeys(entry.table for entry in entries):
        last = latest(entries, table)
        if last is None or not last.valid:
            continue
        found = current_sha(folder, table)
        earlier = {sha for e in of_table(entries, table)[:-1] for sha in (e.sha256, e.source_sha256) if sha}
        stale_xlsx = (folder / f"{table}.xlsx").is_file()
        if found == last.sha256 and not stale_xlsx:
            continue
        if found is None or found == last.sha256 or found in earlier:
            try:
                materialise(folder, last)
            except Refusal:
                continue   # the version file itself is missing or altered: shown by table_states
            repaired.append(table)
    audit_recorded(folder, entries)
    remove_scratch(folder)
    return tuple(repaired)


def _remove_temp_files(folder: Path) -> None:
    """Temp files of the store's own writes: current table files, everything under versions/, and
    under the admin lock the admin files (login state)."""
    table_files = {f"{table}{suffix}" for table in TABLES for suffix in SUPPORTED_SUFFIXES}
    left = [path for path in Path(folder).glob(".*.tmp")
            if is_temp_file(path.name) and path.name[1:].rsplit(".", 2)[0] in table_files]
    left += [path for path in versions_dir(folder).rglob("*.tmp")
             if is_temp_file(path.name) and INCOMING_SUBDIR not in path.parts]
    for path in left:
        path.unlink(missing_ok=True)
    admin = Path(folder) / audit_log.ADMIN_SUBDIR
    if admin.is_dir() and any(is_temp_file(path.name) for path in admin.iterdir()):
        with audit_log.admin_lock(folder):
            for path in admin.iterdir():
                if is_temp_file(path.name):
                    path.unlink(missing_ok=True)


def _remove_unrecorded_versions(folder: Path, entries: list[Version]) -> None:
    """Version files no manifest entry names: written by a write killed before its commit point."""
    recorded = {entry.file for entry in entries}
    for table in TABLES:
        table_dir = versions_dir(folder) / table
        if not table_dir.is_dir():
            continue
        for path in table_dir.iterdir():
            if VERSION_FILE.match(path.name) and f"{table}/{path.name}" not in recorded:
                path.unlink(missing_ok=True)


# (manifest, audit log) sizes and times when every recorded version was last found audited: recovery
# runs before every check and write, and reading the whole log each time would cost more than the rest.
_AUDITED: dict[str, tuple] = {}


def audit_recorded(folder: Path, entries: list[Version]) -> tuple[Version, ...]:
    """Give every recorded version its audit line: a line a killed write cut short is removed, a missing
    one added, marked as recovered. Returns the versions whose line was added."""
    key = str(Path(folder).resolve())
    seen = _audit_stamp(folder)
    if _AUDITED.get(key) == seen:
        return ()
    with audit_log.admin_lock(folder):
        audit_log.cut_partial_line(folder)
        audited = audit_log.audited_versions(folder, MODES)
        missing = tuple(entry for entry in entries if (entry.table, entry.version) not in audited)
        if missing:
            audit_log.append_lines(folder, [recovered_line(entry) for entry in missing])
    _AUDITED[key] = _audit_stamp(folder)
    return missing


def recovered_line(entry: Version) -> dict:
    """The audit line of a recorded version, written by recovery: who and how from the manifest."""
    return audit_log.audit_entry(action=entry.mode, user=entry.user, table=entry.table, version=entry.version,
                                 via=entry.via, detail=f"{change_detail(entry)} committed={entry.time}",
                                 recovered=True)


def change_detail(entry: Version) -> str:
    """What an audit line says of a version's rows (never a value)."""
    return f"rows={entry.rows} added={entry.rows_added} removed={entry.rows_removed}"


def _audit_stamp(folder: Path) -> tuple:
    stamps = []
    for path in (versions_dir(folder) / MANIFEST_NAME, Path(folder) / audit_log.ADMIN_SUBDIR / audit_log.AUDIT_NAME):
        try:
            stat = path.stat()
            stamps.append((stat.st_size, stat.st_mtime_ns))
        except FileNotFoundError:
            stamps.append(None)
    return tuple(stamps)


def remove_scratch(folder: Path) -> None:
    """Upload scratch folders of processes that are gone (killed while checking), or older than an hour."""
    incoming = versions_dir(folder) / INCOMING_SUBDIR
    if not incoming.is_dir():
        return
    for path in incoming.iterdir():
        owner = path.name.split("-", 1)[0]
        gone = owner.isdigit() and not _alive(int(owner))
        if gone or time.time() - path.stat().st_mtime > STALE_SCRATCH_SECONDS:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
