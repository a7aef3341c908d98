"""The audit log of every write and login: one JSON line per event in admin/audit.jsonl of the data
folder, appended under the admin lock and fsynced. It never holds data values or passwords.

A line holds time, user, action, table, version, via and detail. A command-line write (via "cli") also
holds `os_user`, the operating-system account that ran the command: `--user` is only what the person
typed, the account is what the system knows. Lines written before that field existed read as before.
"""
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


def record_audit(folder: Path, *, action: str, user: str, table: str | None = None, version: int | None = None,
                 detail: str | None = None, via: str = "app", now: datetime | None = None) -> None:
    """Append one line to the audit log (flushed and fsynced). Never holds data values or passwords.
    A command-line line (via "cli") records the operating-system account beside `user` (os_user)."""
    entry = {"time": (now or utc_now()).isoformat(timespec="seconds"), "user": user, "action": action,
             "table": table, "version": version, "via": via, "detail": detail}
    if via == "cli":
        entry["os_user"] = os_user()
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with admin_lock(folder):
        fd = os.open(admin_dir(folder) / AUDIT_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())


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
