"""The audit log of every write and login: one JSON line per event in admin/audit.jsonl of the data
folder, appended under the admin lock and fsynced. It never holds data values or passwords.

A line holds time, user, action, table, version, via and detail. A command-line write (via "cli") also
holds `os_user`, the operating-system account that ran the command: `--user` is only what the person
typed, the account is what the system knows. Lines written before that field existed read as before.
Every version the store records has exactly one line (action = the version's mode). A line that a crash
kept from being written is added when the store recovers, marked `"recovered": true`; a line a crash
cut short is removed first (lib.store.files)."""
from __future__ import annotations

import getpass
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock

ADMIN_SUBDIR = "admin"
AUDIT_NAME = "audit.jsonl"
ADMIN_LOCK_NAME = ".lock"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def admin_dir(folder: Path) -> Path:
    path = Path(folder) / ADMIN_SUBDIR
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def admin_lock(folder: Path) -> FileLock:
    return FileLock(str(admin_dir(folder) / ADMIN_LOCK_NAME), timeout=30)


def os_user() -> str:
    """The operating-system account of this process, from its real user id (not from $USER or $LOGNAME,
    which anyone can set before a command): 'ana (uid 1000)'."""
    if not hasattr(os, "getuid"):          # not a POSIX system: the login name is all there is
        return getpass.getuser()
    import pwd

    uid = os.getuid()
    try:
        name = pwd.getpwuid(uid).pw_name
    except KeyError:                       # a uid without an account (a container's): the number alone
        name = "?"
    return f"{name} (uid {uid})"


def audit_entry(*, action: str, user: str, table: str | None = None, version: int | None = None,
                detail: str | None = None, via: str = "app", now: datetime | None = None,
                recovered: bool = False) -> dict:
    """One audit line as a dict: the same fields in every store. A command-line line (via "cli") records the
    operating-system account beside `user` (os_user)."""
    entry = {"time": (now or utc_now()).isoformat(timespec="seconds"), "user": user, "action": action,
             "table": table, "version": version, "via": via, "detail": detail, "recovered": recovered}
    if via == "cli":
        entry["os_user"] = os_user()
    return entry


def record_audit(folder: Path, *, action: str, user: str, table: str | None = None, version: int | None = None,
                 detail: str | None = None, via: str = "app", now: datetime | None = None,
                 recovered: bool = False) -> None:
    """Append one line to the audit log (flushed and fsynced). Never holds data values or passwords."""
    entry = audit_entry(action=action, user=user, table=table, version=version, detail=detail, via=via, now=now,
                        recovered=recovered)
    with admin_lock(folder):
        append_lines(folder, [entry])


def append_lines(folder: Path, entries: list[dict]) -> None:
    """Append audit lines (the caller holds the admin lock)."""
    payload = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
    fd = os.open(admin_dir(folder) / AUDIT_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def cut_partial_line(folder: Path) -> bool:
    """Remove a last line that a killed write left without its end (the caller holds the admin lock);
    True when one was removed."""
    path = Path(folder) / ADMIN_SUBDIR / AUDIT_NAME
    if not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb+") as handle:
        handle.seek(-1, os.SEEK_END)
        if handle.read(1) == b"\n":
            return False
        handle.seek(0)
        handle.truncate(handle.read().rfind(b"\n") + 1)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def audited_versions(folder: Path, modes: tuple[str, ...]) -> set[tuple[str, int]]:
    """(table, version) of every audit line that records a version (its action one of `modes`)."""
    path = Path(folder) / ADMIN_SUBDIR / AUDIT_NAME
    if not path.is_file():
        return set()
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("action") in modes and entry.get("version") is not None:
            found.add((entry.get("table"), entry["version"]))
    return found


def read_audit(folder: Path, *, limit: int | None = 200) -> list[dict]:
    """The latest `limit` audit entries (every entry with None), newest first."""
    path = Path(folder) / ADMIN_SUBDIR / AUDIT_NAME
    if not path.is_file():
        return []
    entries = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines if limit is None else lines[-limit:]:
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    return entries[::-1]
