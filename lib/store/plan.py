"""Planning a write: what storing an upload (or a rollback) would do, or why it cannot.

Nothing is written here except a private scratch copy of the upload (removed at once): the
validator's report, key conflicts, the combined table for appends, the tables that depend on the
one being replaced, and the rows added, removed and changed. lib.store.versions commits a plan.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from lib.data.contract import Reference
from lib.texts.i18n import t
from lib.data.load import find_table_file
from lib.data.paths import data_dir
from lib.data.read import read_raw
from lib.data.schema import TABLES
from lib.data.contract import dependents_of
from lib.store.checks import Refusal, check_limits, check_rows, reference_in_store, render_params, safe_file_name
from lib.store.content import (Change, canonical_csv, combine, describe_change, key_conflicts, sha256_of,
                               text_frame)
from lib.store.files import current_sha, recover, scratch_dir, version_bytes
from lib.store.manifest import ManifestUnreadable, Version, latest, of_table, read_manifest
from lib.data.validate import Problem, ValidationReport, safe_problems, validate_file

IMPORT_MODES: tuple[str, ...] = ("replace", "append")


@dataclass(frozen=True)
class Plan:
    """What storing an upload (or a rollback) would do, or why it cannot; computed without writing."""

    table: str
    mode: str                                   # replace | append | rollback
    source_name: str
    source_sha256: str
    payload: bytes = field(repr=False, default=b"")
    base: tuple = ()                            # (latest version, current file hash) the plan was made on
    reason: str | None = None                   # text key: why nothing can be stored
    params: dict = field(default_factory=dict)
    report: ValidationReport | None = None      # the validator's report of the upload
    problems: tuple[Problem, ...] = ()          # key conflicts, the combined table, dependent tables
    content: bytes = field(repr=False, default=b"")  # canonical CSV to store
    change: Change | None = None
    rollback_of: int | None = None
    records_current: bool = False               # the current file is not recorded yet: kept as a version first

    @property
    def ok(self) -> bool:
        return self.reason is None

    def message(self, lang: str) -> str:
        return t(self.reason or "da_plan_ok", lang, **render_params(self.params, lang))


def plan_base(folder: Path, table: str, entries: list[Version]) -> tuple:
    """What a plan is made on: the table's latest version and the hash of its current file. A commit
    whose base changed since (someone else wrote) makes the plan again."""
    last = latest(entries, table)
    return (last.version if last else None, current_sha(folder, table))


# Planning -----------------------------------------------------------------------------------------
def plan_import(payload: bytes, *, table: str, source_name: str, mode: str = "replace",
                folder: Path | None = None, today: date | None = None) -> Plan:
    """Check an upload as `mode` without storing it: the validator's report, key conflicts, the
    combined table (append), the tables that depend on it, and what would change."""
    folder = Path(folder or data_dir())
    recover(folder=folder)
    try:
        entries = read_manifest(folder)
    except ManifestUnreadable:
        return Plan(table, mode, safe_file_name(source_name), sha256_of(payload), payload=payload,
                    reason="da_manifest_unreadable")
    return make_import_plan(payload, table=table, source_name=source_name, mode=mode, folder=folder,
                            today=today or date.today(), entries=entries)


def plan_rollback(table: str, version: int, *, folder: Path | None = None, today: date | None = None) -> Plan:
    """Check making an earlier version current again (it becomes a new version)."""
    folder = Path(folder or data_dir())
    recover(folder=folder)
    try:
        entries = read_manifest(folder)
    except ManifestUnreadable:
        return Plan(table, "rollback", f"v{version}", "", rollback_of=version, reason="da_manifest_unreadable")
    return make_rollback_plan(table, version, folder=folder, today=today or date.today(), entries=entries,
                              content=lambda entry: version_bytes(entry, folder=folder))


def make_rollback_plan(table: str, version: int, *, folder: Path, today: date, entries: list[Version],
                       content: Callable[[Version], bytes]) -> Plan:
    """Check making version `version` of `table` current again, with the recorded `entries` and a
    way to read a version's `content` (raises Refusal when it is missing or altered); `folder` holds
    the current tables. Both stores plan a rollback with this."""
    blank = Plan(table, "rollback", f"v{version}", "", rollback_of=version)
    try:
        target = next((e for e in of_table(entries, table) if e.version == version), None)
        if target is None:
            raise Refusal("da_version_unknown", table=table, version=version)
        if not target.valid:
            raise Refusal("da_version_not_valid", table=table, version=version)
        payload = content(target)
    except Refusal as refusal:
        return replace(blank, reason=refusal.key, params=refusal.params)
    plan = make_import_plan(payload, table=table, source_name=Path(target.file).name, mode="replace",
                            folder=folder, today=today, entries=entries)
    plan = replace(plan, mode="rollback", rollback_of=version, source_sha256=target.sha256)
    if plan.reason == "da_no_change":
        return replace(plan, reason="da_rollback_is_current", params={"table": table, "version": version})
    return plan


def make_import_plan(payload: bytes, *, table: str, source_name: str, mode: str, folder: Path,
                     today: date, entries: list[Version]) -> Plan:
    """Check an upload against the current tables in `folder` and the recorded `entries`, without
    recovery or lock (a commit calls it again under its lock). Both stores plan an import with this."""
    name = safe_file_name(source_name)
    plan = Plan(table, mode, name, sha256_of(payload), payload=payload)
    try:
        if table not in TABLES:
            raise Refusal("da_table_unknown", tables=", ".join(TABLES))
        if mode not in IMPORT_MODES:
            raise Refusal("da_mode_unknown", modes=", ".join(IMPORT_MODES))
        plan = replace(plan, base=plan_base(folder, table, entries))
        check_limits(payload, name)
        reference = reference_in_store(table, folder, today)
        with scratch_dir(folder) as scratch:
            return _plan_checked(plan, scratch, reference, folder, today, entries)
    except Refusal as refusal:
        return replace(plan, reason=refusal.key, params=refusal.params)


def _plan_checked(plan: Plan, scratch: Path, reference: Reference, folder: Path, today: date,
                  entries: list[Version]) -> Plan:
    """The checks after the limits, on a scratch copy of the upload; raises Refusal."""
    table = TABLES[plan.table]
    upload_path = scratch / plan.source_name
    upload_path.write_bytes(plan.payload)
    report = validate_file(upload_path, table=table.name, reference=reference, today=today)
    report = replace(report, problems=safe_problems(report.problems, table.name))
    plan = replace(plan, report=report)
    if not report.ok:
        return replace(plan, reason="da_invalid")
    check_rows(report.rows)
    current = _current_frame(folder, table.name, reference, today)
    if plan.mode == "append" and current is None:
        raise Refusal("da_append_needs_current", table=table.name)
    existing = current if plan.mode == "append" else None
    conflicts = key_conflicts(existing, report.frame, table)
    if conflicts:
        rows = read_raw(upload_path).row_numbers
        last = latest(entries, table.name)
        problems = tuple(Problem(plan.source_name, "da_key_taken" if c.in_current else "da_key_repeated",
                                 row=rows[c.position], column=table.key[0], value=c.key,
                                 params={"key": " + ".join(table.key), "version": last.version if last else 0})
                         for c in conflicts)
        return replace(plan, problems=safe_problems(problems, table.name), reason="da_key_conflict",
                       params={"count": len(conflicts)})
    candidate = combine(existing, report.frame) if existing is not None else report.frame
    content = canonical_csv(candidate, table)
    check_rows(len(candidate))
    combined_path = scratch / f"{table.name}.csv"
    combined_path.write_bytes(content)
    combined = validate_file(combined_path, table=table.name, reference=reference, today=today)
    if not combined.ok:   # what would become current must pass the same validator
        return replace(plan, problems=safe_problems(combined.errors, table.name), reason="da_combined_invalid")
    if current_sha(folder, table.name) == sha256_of(content):
        raise Refusal("da_no_change", table=table.name)
    problems = _dependent_problems(table.name, combined.frame, folder, today)
    if problems:
        return replace(plan, problems=problems, reason="da_breaks_dependents", params={"count": len(problems)})
    last = latest(entries, table.name)
    current_text = text_frame(canonical_csv(current, table)) if current is not None else None
    return replace(plan, content=content, change=describe_change(current_text, text_frame(content), table),
                   records_current=find_table_file(folder, table.name) is not None
                   and (last is None or current_sha(folder, table.name) != last.sha256))


def _current_frame(folder: Path, table: str, reference: Reference, today: date) -> pd.DataFrame | None:
    """The validated current table, or None when there is none or it does not pass."""
    path = find_table_file(folder, table)
    if path is None:
        return None
    report = validate_file(path, table=table, reference=reference, today=today)
    return report.frame if report.ok else None


def _dependent_problems(table: str, frame: pd.DataFrame, folder: Path, today: date) -> tuple[Problem, ...]:
    """Problems the tables that depend on `table` would have with `frame` in its place."""
    problems: list[Problem] = []
    for dependent in dependents_of(table):
        path = find_table_file(folder, dependent)
        if path is None:
            continue
        try:
            reference = reference_in_store(dependent, folder, today, replaced={table: frame})
        except Refusal:
            continue   # the dependent is checked against another table that is itself missing or invalid
        report = validate_file(path, table=dependent, reference=reference, today=today)
        problems += safe_problems(report.errors, dependent)
    return tuple(problems)
