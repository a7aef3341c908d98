"""The files of the versioned store: the lock, version files, archived originals, the current
file, and recovery after an interrupted write. See lib.store.versions for the layout and the write order."""
from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from lib.data.atomic import write_bytes_atomic
from lib.data.load import find_table_file
from lib.data.paths import data_dir
from lib.store.checks import Refusal
from lib.store.content import sha256_of
from lib.store.manifest import (ARCHIVE_SUBDIR, INCOMING_SUBDIR, LOCK_NAME, MANIFEST_NAME, ManifestUnreadable,
                                Version, latest, of_table, read_manifest, versions_dir)

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
    scratch = Path(tempfile.mkdtemp(dir=incoming))
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def store_lock(folder: Path, timeout: float | None = None) -> FileLock:
    """The lock every write holds (versions/.lock); waits up to LOCK_TIMEOUT_SECONDS by default."""
    versions_dir(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    return FileLock(str(versions_dir(folder) / LOCK_NAME), timeout=LOCK_TIMEOUT_SECONDS if timeout is None else timeout)


def archive_bytes(folder: Path, table: str, payload: bytes, suffix: str) -> str:
    """Keep exact bytes under versions/<table>/archive/, named by their hash; returns the relative path."""
    relative = f"{table}/{ARCHIVE_SUBDIR}/{sha256_of(payload)[:16]}{suffix}"
    target = versions_dir(folder) / relative
    if not target.is_file():
        write_bytes_atomic(target, payload)
    return relative


def materialise(folder: Path, entry: Version) -> None:
    """Make `entry` the current file (<table>.csv); a stale <table>.xlsx is archived, then removed."""
    current = folder / f"{entry.table}.csv"
    if not (current.is_file() and sha256_of(current.read_bytes()) == entry.sha256):
        write_bytes_atomic(current, version_bytes(entry, folder=folder))
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
    entries = read_manifest(folder)
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
    _remove_stale_scratch(folder)
    return tuple(repaired)


def _remove_stale_scratch(folder: Path) -> None:
    incoming = versions_dir(folder) / INCOMING_SUBDIR
    if not incoming.is_dir():
        return
    for path in incoming.iterdir():
        if time.time() - path.stat().st_mtime > STALE_SCRATCH_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
