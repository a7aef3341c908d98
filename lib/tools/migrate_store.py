"""`python -m lib.cli data migrate-store --from FOLDER --to URL`: copy a file store into PostgreSQL with
its history and its audit log, then check the copy.

What is copied, in one transaction: every version of the manifest with its content (and the exact bytes
of originals kept beside it), each table's current file when the manifest does not hold it yet (as the
file store's next write would record it: 'baseline' or 'external'), every audit line as written, and
the users of [data_admin.users] in the secrets file. The file store is recovered first (a write a crash
interrupted is completed) and is otherwise left as it was. The target must hold no version yet.

The check reads everything back from the database: the same versions with the same fields, every
content with its SHA-256, the audit lines in order, each table's latest version equal to the file
store's current file, the users; and the working copy a dashboard process would read.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from lib.data.schema import TABLES
from lib.store import audit_log, files
from lib.store.auth import SECRETS_SECTION, users_from_secrets
from lib.store.content import sha256_of
from lib.store.manifest import Version, read_manifest, versions_dir
from lib.store.postgres import PostgresStore
from lib.store.stores import secrets_files
from lib.store.versions import unrecorded_current


@dataclass(frozen=True)
class Records:
    """What a file store holds, read into memory: versions, contents by hash, audit lines, users."""

    entries: list[Version]
    contents: dict[str, bytes]
    audit: list[dict]
    users: dict[str, str] = field(default_factory=dict)


class MigrationRefused(Exception):
    """Nothing was copied: `key` names the reason in lib.texts, `params` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def read_file_store(folder: Path, *, user: str, today: date, now: datetime | None = None) -> Records:
    """Everything a file store holds, with unrecorded current files as the versions they would become."""
    folder = Path(folder)
    files.recover(folder=folder)
    entries = read_manifest(folder)
    contents: dict[str, bytes] = {}
    for entry in entries:
        contents[entry.sha256] = files.version_bytes(entry, folder=folder)
        if entry.original and entry.source_sha256:
            contents[entry.source_sha256] = (versions_dir(folder) / entry.original).read_bytes()
    audit = list(reversed(audit_log.read_audit(folder, limit=10 ** 9)))
    stamp = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    for table in TABLES:
        found = unrecorded_current(folder, table, entries, user=user, via="cli", stamp=stamp, today=today,
                                   content=lambda entry: contents[entry.sha256])
        if found is None:
            continue
        entries = [*entries, found.entry]
        contents[found.entry.sha256] = found.content if found.content is not None else found.original
        if found.entry.original:
            contents[found.entry.source_sha256] = found.original
        audit.append(audit_log.audit_entry(action=found.entry.mode, user=user, table=table,
                                           version=found.entry.version, via="cli", now=now,
                                           detail=f"{files.change_detail(found.entry)} migrated"))
    for key in contents:
        if sha256_of(contents[key]) != key:
            raise MigrationRefused("mig_source_altered", sha=key[:12])
    return Records(entries, contents, audit, configured_users())


def configured_users() -> dict[str, str]:
    """[data_admin.users] of the secrets file (name -> bcrypt hash)."""
    for path in secrets_files():
        try:
            section = tomllib.loads(path.read_text(encoding="utf-8")).get(SECRETS_SECTION, {})
        except (OSError, tomllib.TOMLDecodeError):
            continue
        users = users_from_secrets(section)
        if users.hashes:
            return dict(users.hashes)
    return {}


def copy_into(records: Records, target: PostgresStore, *, by: str) -> None:
    """Write the records into an empty PostgreSQL store, in one transaction (users after it)."""
    if target.list_versions():
        raise MigrationRefused("mig_target_not_empty", target=target.describe())
    target.insert_records(records.entries, records.contents, records.audit)
    for name, hashed in records.users.items():
        target.set_user(name, hashed, by=by, via="cli")


def verify_copy(records: Records, target: PostgresStore) -> list[str]:
    """What differs between the records and the database (empty when the copy is whole)."""
    problems = []
    copied = target.list_versions()
    if copied != records.entries:
        problems.append(f"versions: {len(copied)} in the database, {len(records.entries)} in the file store")
    for entry in copied:
        try:
            target.version_bytes(entry)
        except Exception as error:  # a missing or altered content, whatever the exception
            problems.append(f"{entry.table} v{entry.version}: {error}")
    audit = list(reversed(target.read_audit(limit=10 ** 9)))
    wanted = [_comparable(line) for line in records.audit]
    if [_comparable(line) for line in audit[:len(wanted)]] != wanted:
        problems.append(f"audit log: {len(audit)} lines in the database, {len(wanted)} to copy, not the same")
    target.refresh()
    for table in TABLES:
        last = next((e for e in reversed(copied) if e.table == table), None)
        path = target.folder / (f"{table}.csv" if last is None or last.valid else f"{table}{Path(last.file).suffix}")
        if last is not None and (not path.is_file() or sha256_of(path.read_bytes()) != last.sha256):
            problems.append(f"{table}: the working copy is not version {last.version}")
    users = target.users(users_from_secrets({})).hashes
    if any(users.get(name) != hashed for name, hashed in records.users.items()):
        problems.append("users: not every user was copied")
    return problems


def _comparable(line: dict) -> str:
    keys = ("time", "user", "action", "table", "version", "via", "detail", "os_user")
    return json.dumps([line.get(key) for key in keys] + [bool(line.get("recovered"))])


