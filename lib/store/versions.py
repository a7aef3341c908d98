"""Versioned store: every accepted upload becomes a new version; nothing is ever overwritten.

Layout in the data folder (lib.data.paths.data_dir()):
    versions/manifest.json          one entry per version (lib.store.manifest), rewritten atomically
    versions/<table>/v0001.csv      each version as canonical CSV (lib.store.content), validated
    versions/<table>/archive/...    exact bytes of files found in the folder before they were recorded
    versions/.lock                  held around every write (two people writing at once queue up)
    <table>.csv                     the current version: what lib.data.load.load_table reads

A write, under the lock: (1) the version file, (2) the manifest entry: the commit point,
(3) the current file, (4) a stale <table>.xlsx archived and removed, (5) an audit line per recorded
version. Every file is written atomically (temp file, fsync, rename); lib.store.steps names each step.
A crash before (2) leaves the previous version current and whole; `recover` (run before every check
and write, and when the data page opens) removes the temp file and the unrecorded version file. A
crash between (2) and (5) leaves the previous version current and whole while the manifest already
names the new one; `recover` sees a current file whose hash is an earlier recorded version, copies the
recorded version into place (roll forward) and writes the missing audit line, marked as recovered.
A current file that matches no recorded version was changed outside the app: it is kept, and
recorded as a version of its own ('external') at the next write, so nothing is lost.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from filelock import Timeout

from lib.store import files as store_files
from lib.data.atomic import write_bytes_atomic
from lib.store.audit_log import record_audit
from lib.texts.i18n import format_number, t
from lib.data.load import find_table_file
from lib.data.paths import data_dir
from lib.data.schema import TABLES
from lib.store.checks import Refusal, reference_in_store, render_params
from lib.store.content import Change, canonical_csv, describe_change, sha256_of, text_frame
from lib.store.files import (archive_bytes, archive_name, change_detail, current_sha, materialise, recover, recover_locked,
                             store_lock, version_bytes)
from lib.store.steps import at, reached
from lib.store.manifest import (ManifestUnreadable, Version, latest, next_number, of_table, read_manifest,
                                version_file_name, versions_dir, write_manifest)
from lib.store.plan import (IMPORT_MODES, Plan, make_import_plan, make_rollback_plan, plan_base, plan_import,
                            plan_rollback)
from lib.data.validate import validate_file

__all__ = ["IMPORT_MODES", "Outcome", "Plan", "TableState", "commit", "current_base", "import_file", "list_versions",
           "plan_import",
           "plan_rollback", "recover", "rollback", "table_states", "version_bytes"]


@dataclass(frozen=True)
class Outcome:
    """What a write did: the versions recorded, or the reason it was refused."""

    table: str
    recorded: tuple[Version, ...] = ()
    reason: str | None = None
    params: dict = field(default_factory=dict)
    plan: Plan | None = None
    pending: bool = False          # recorded, but the current file could not be replaced yet

    @property
    def ok(self) -> bool:
        return self.reason is None and bool(self.recorded)

    @property
    def version(self) -> Version | None:
        return self.recorded[-1] if self.recorded else None

    def message(self, lang: str) -> str:
        if self.ok:
            version = self.version
            return t("da_stored_pending" if self.pending else "da_stored", lang, table=self.table,
                     version=version.version, rows=format_number(version.rows or 0, lang))
        return t(self.reason or "da_refused", lang, **render_params(self.params, lang))


# Reading ------------------------------------------------------------------------------------------
def current_base(table: str, *, folder: Path | None = None) -> tuple:
    """The table's latest version and current file hash: a plan made on another base is stale."""
    folder = Path(folder or data_dir())
    return plan_base(folder, table, read_manifest(folder))


def list_versions(*, folder: Path | None = None, table: str | None = None) -> list[Version]:
    """Recorded versions, oldest first (of one table, or all)."""
    entries = read_manifest(folder or data_dir())
    return of_table(entries, table) if table else entries


def commit(plan: Plan, *, user: str, via: str = "app", folder: Path | None = None, today: date | None = None,
           now: datetime | None = None) -> Outcome:
    """Store a checked plan as a new version. Under the lock the plan is made again when the table
    changed since it was checked (someone else wrote), so an append never builds on a stale table."""
    folder, today = Path(folder or data_dir()), today or date.today()
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    try:
        with store_lock(folder):
            reached("locked")
            recover_locked(folder)
            entries = read_manifest(folder)
            if plan.ok and plan.base != plan_base(folder, plan.table, entries):
                plan = replan(plan, folder=folder, today=today, entries=entries,
                              content=lambda entry: version_bytes(entry, folder=folder))
            if not plan.ok:
                _audit_refusal(folder, plan, user, via, now)
                return Outcome(plan.table, reason=plan.reason, params=plan.params, plan=plan)
            recorded = _record_current(folder, plan.table, entries, user, via, stamp, today)
            entries = entries + recorded
            number = next_number(entries, folder, plan.table)
            entry = new_entry(plan, number, user, via, stamp)
            write_bytes_atomic(versions_dir(folder) / entry.file, plan.content, before_rename=at("version_temp"))
            reached("version")                                                                  # (1)
            write_manifest(folder, entries + [entry], before_rename=at("manifest_temp"))
            reached("manifest")                                                                 # (2) commit point
            pending = not _materialised(folder, entry)                                          # (3), (4)
            for version in (*recorded, entry):
                _audit_write(folder, version, now)                                              # (5)
            reached("audit")
            return Outcome(plan.table, recorded=(*recorded, entry), plan=plan, pending=pending)
    except Timeout:
        return Outcome(plan.table, reason="da_busy", params={"seconds": store_files.LOCK_TIMEOUT_SECONDS}, plan=plan)
    except ManifestUnreadable:
        return Outcome(plan.table, reason="da_manifest_unreadable", plan=plan)
    except OSError as error:   # before the commit point: nothing was recorded, the current file is untouched
        return Outcome(plan.table, reason="da_write_failed", plan=plan,
                       params={"detail": f"{type(error).__name__} {error.strerror or ''}".strip()})


def _audit_write(folder: Path, entry: Version, now: datetime | None) -> None:
    """The audit line of a recorded version. Failing to write it must not report the committed write
    as failed: the manifest entry holds the same facts (who, when, which version), and the next
    recovery writes the line from them."""
    try:
        record_audit(folder, action=entry.mode, user=entry.user, table=entry.table, version=entry.version,
                     via=entry.via, now=now, detail=change_detail(entry))
    except (OSError, Timeout):
        pass


def _materialised(folder: Path, entry: Version) -> bool:
    """Make the recorded version current; False when that failed (the next recover() finishes it)."""
    try:
        materialise(folder, entry)
    except (OSError, Refusal):
        return False
    return True


def replan(plan: Plan, *, folder: Path, today: date, entries: list[Version],
           content: Callable[[Version], bytes]) -> Plan:
    """A plan made again on the store as it is now (someone else wrote since it was checked)."""
    if plan.mode == "rollback" and plan.rollback_of is not None:
        return make_rollback_plan(plan.table, plan.rollback_of, folder=folder, today=today, entries=entries,
                                  content=content)
    return make_import_plan(plan.payload, table=plan.table, source_name=plan.source_name, mode=plan.mode,
                            folder=folder, today=today, entries=entries)


def _audit_refusal(folder: Path, plan: Plan, user: str, via: str, now: datetime | None) -> None:
    if plan.table in TABLES:
        record_audit(folder, action=f"{plan.mode}_refused", user=user, table=plan.table, via=via, now=now,
                     detail=plan.reason)


def new_entry(plan: Plan, number: int, user: str, via: str, stamp: str) -> Version:
    change = plan.change or Change(0, 0, 0, 0)
    return Version(table=plan.table, version=number, mode=plan.mode, time=stamp, user=user, via=via,
                   file=version_file_name(plan.table, number), sha256=sha256_of(plan.content), valid=True,
                   rows=change.rows, rows_added=change.added, rows_removed=change.removed,
                   rows_changed=change.changed, source_name=plan.source_name, source_sha256=plan.source_sha256,
                   rollback_of=plan.rollback_of)


@dataclass(frozen=True)
class Unrecorded:
    """The current file of a table as a version the manifest does not hold yet."""

    entry: Version
    content: bytes | None       # the canonical CSV; None when the file does not pass the validator
    original: bytes             # the file's exact bytes


def unrecorded_current(folder: Path, table: str, entries: list[Version], *, user: str, via: str, stamp: str,
                       today: date, content: Callable[[Version], bytes]) -> Unrecorded | None:
    """The current file as a version of its own when the manifest does not hold it yet: the first
    import of a table keeps what was there ('baseline'), a file changed by hand is kept ('external').
    Writes nothing; `content` reads the latest recorded version (to count what changed)."""
    path = find_table_file(folder, table)
    last = latest(entries, table)
    if path is None:
        return None
    original = path.read_bytes()
    if last is not None and sha256_of(original) == last.sha256:
        return None
    number = next_number(entries, folder, table)
    mode = "baseline" if last is None else "external"
    try:
        report = validate_file(path, table=table, reference=reference_in_store(table, folder, today), today=today)
    except Refusal:
        report = None
    canonical = canonical_csv(report.frame, TABLES[table]) if report is not None and report.ok else None
    # The exact bytes are kept too when the canonical CSV differs from them (an .xlsx, other spellings).
    archived = archive_name(table, original, path.suffix.lower()) if canonical != original else None
    common = dict(table=table, version=number, mode=mode, time=stamp, user=user, via=via,
                  source_name=path.name, source_sha256=sha256_of(original), original=archived)
    if canonical is None:   # kept for the record; can never be made current again
        return Unrecorded(Version(**common, file=archived, sha256=sha256_of(original), valid=False), None, original)
    previous = text_frame(content(last)) if last is not None and last.valid else None
    change = describe_change(previous, text_frame(canonical), TABLES[table])
    return Unrecorded(Version(**common, file=version_file_name(table, number), sha256=sha256_of(canonical), valid=True,
                              rows=change.rows, rows_added=change.added, rows_removed=change.removed,
                              rows_changed=change.changed), canonical, original)


def _record_current(folder: Path, table: str, entries: list[Version], user: str, via: str, stamp: str,
                    today: date) -> list[Version]:
    """unrecorded_current, written into the store: its original archived, its version file."""
    found = unrecorded_current(folder, table, entries, user=user, via=via, stamp=stamp, today=today,
                               content=lambda entry: version_bytes(entry, folder=folder))
    if found is None:
        return []
    if found.entry.original:
        archive_bytes(folder, table, found.original, Path(found.entry.original).suffix)
    if found.content is not None:
        write_bytes_atomic(versions_dir(folder) / found.entry.file, found.content, before_rename=at("recorded_temp"))
        reached("recorded")
    return [found.entry]


def record_current_files(*, user: str, via: str = "cli", folder: Path | None = None, today: date | None = None,
                         now: datetime | None = None) -> list[Version]:
    """Keep every current file the manifest does not hold yet as a version of its own, audited (what
    the first write of each table would do first)."""
    folder, today = Path(folder or data_dir()), today or date.today()
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    with store_lock(folder):
        recover_locked(folder)
        entries = read_manifest(folder)
        recorded = [version for table in TABLES
                    for version in _record_current(folder, table, entries, user, via, stamp, today)]
        if recorded:
            write_manifest(folder, entries + recorded)
            for version in recorded:
                _audit_write(folder, version, now)
    return recorded


# Convenience for the command line -----------------------------------------------------------------
def import_file(payload: bytes, *, table: str, source_name: str, mode: str = "replace", user: str,
                via: str = "cli", folder: Path | None = None, today: date | None = None,
                now: datetime | None = None) -> Outcome:
    """Check and store in one go."""
    plan = plan_import(payload, table=table, source_name=source_name, mode=mode, folder=folder, today=today)
    return commit(plan, user=user, via=via, folder=folder, today=today, now=now)


def rollback(table: str, version: int, *, user: str, via: str = "cli", folder: Path | None = None,
             today: date | None = None, now: datetime | None = None) -> Outcome:
    """Make an earlier version current again; it is recorded as a new version."""
    plan = plan_rollback(table, version, folder=folder, today=today)
    return commit(plan, user=user, via=via, folder=folder, today=today, now=now)


@dataclass(frozen=True)
class TableState:
    """How a table's current file stands against the store."""

    table: str
    current_file: str | None
    latest: Version | None
    state: str        # recorded | unrecorded | changed_outside | missing

    @property
    def versions_label(self) -> str:
        return self.latest.label if self.latest else "–"


def table_states(*, folder: Path | None = None) -> list[TableState]:
    """Every table: its current file, its latest version, and whether the two agree."""
    folder = Path(folder or data_dir())
    return states_of(folder, read_manifest(folder))


def states_of(folder: Path, entries: list[Version]) -> list[TableState]:
    """Every table: its current file in `folder` against its latest version in `entries`."""
    states = []
    for table in TABLES:
        path = find_table_file(folder, table)
        last = latest(entries, table)
        if path is None:
            state = "missing"
        elif last is None:
            state = "unrecorded"
        else:
            state = "recorded" if current_sha(folder, table) == last.sha256 else "changed_outside"
        states.append(TableState(table, path.name if path else None, last, state))
    return states
