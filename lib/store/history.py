"""The earlier versions of a table that readers were served: what a new publication of case statistics is
protected beside (lib.safety.releases), since a reader who kept an earlier version's figures can subtract.

Every valid recorded version of the table was current once (a baseline that failed validation never
was), so the earlier ones are those recorded before the version readers are served now: before the
latest record of the current file's content, or every record when that content was never recorded (a
file dropped in by hand). A rollback to a version readers saw is recorded again, and stays in the list:
the publication served after it was a release of its own. Each version's rows are read only when a
publication is made (validated as readers would get them today); a missing, altered or now invalid one
reads as None and is named in the audit as not modelled.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path, PurePosixPath

import pandas as pd

from lib.data.contract import reference_for
from lib.data.validate import validate_file
from lib.safety.releases import CaseVersion
from lib.store.base import Store
from lib.store.checks import Refusal
from lib.store.files import current_sha
from lib.store.manifest import ManifestUnreadable, Version


def earlier_versions(store: Store, name: str, *, served_sha: str | None = None) -> list[Version]:
    """The valid versions of `name` recorded before the one readers are served now, oldest first.
    `served_sha`: the content served (default: the current file's; a refused file is served from a
    stored version, lib.store.serving). [] when the record cannot be read."""
    try:
        entries = [entry for entry in store.list_versions(name) if entry.valid]
    except ManifestUnreadable:
        return []
    served = served_sha or current_sha(Path(store.folder), name)
    current = [position for position, entry in enumerate(entries) if entry.sha256 == served]
    return entries[: current[-1]] if current else entries


def version_frame(store: Store, entry: Version, *, today: date,
                  tables: Callable[[str], pd.DataFrame | None]) -> pd.DataFrame | None:
    """A stored version's rows as readers would get them today, or None (missing, altered or invalid)."""
    try:
        payload = store.version_bytes(entry)
    except Refusal:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PurePosixPath(entry.file).name
        path.write_bytes(payload)
        report = validate_file(path, table=entry.table,
                               reference=reference_for(entry.table, today=today, tables=tables), today=today)
    return report.frame if report.ok else None


def earlier_case_versions(store: Store, *, tables: Callable[[str], pd.DataFrame | None],
                          served_sha: str | None = None, today: date | None = None) -> list[CaseVersion]:
    """The earlier case versions readers were served (earlier_versions), each read on demand; `tables`
    gives the tables a version is checked against (the villages)."""
    today = today or date.today()
    return [CaseVersion(entry.sha256, lambda entry=entry: version_frame(store, entry, today=today, tables=tables))
            for entry in earlier_versions(store, "cases", served_sha=served_sha)]


_KECAMATAN_OF: dict[str, tuple[str, ...] | None] = {}     # villages version sha256 -> its kecamatan


def earlier_kecamatan_lists(store: Store, *, tables: Callable[[str], pd.DataFrame | None],
                            served_sha: str | None = None, today: date | None = None) -> list[tuple[str, ...]]:
    """The kecamatan lists of the village tables readers were served before the current one (earlier_versions
    of `villages`), oldest first: the case statistics readers saw were published over them, so a new
    publication is protected beside those too (lib.safety.publication.earlier_releases). A version that
    cannot be read is left out. Each version is read once per process."""
    today = today or date.today()
    lists = []
    for entry in earlier_versions(store, "villages", served_sha=served_sha):
        if entry.sha256 not in _KECAMATAN_OF:
            frame = version_frame(store, entry, today=today, tables=tables)
            _KECAMATAN_OF[entry.sha256] = None if frame is None else tuple(
                sorted(frame["subdistrict_code"].dropna().astype(str).unique()))
        if _KECAMATAN_OF[entry.sha256] is not None:
            lists.append(_KECAMATAN_OF[entry.sha256])
    return list(dict.fromkeys(lists))
