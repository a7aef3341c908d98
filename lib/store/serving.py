"""What readers are served of each table: its current file when that passes validation, otherwise the
last valid version of the table from the store, so that one bad file never takes the app down.

A file dropped into the data folder by hand (or a sync) is not checked before readers see it; uploads
through the data page and `python -m lib.cli data` are. When the current file fails, the newest recorded
version that still passes today's checks is served in its place (read-only: nothing is written, the
failing file stays where it is for the data officer to roll back from or replace), and the failure is
reported for the banner every page shows. With nothing valid stored, the table is left out (the shipped
village list stands in for villages, as for a folder without one). No streamlit here: lib.ui.cache keeps
the result per data version.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from lib.data.contract import reference_for
from lib.data.load import DataError, TableMissing, find_table_file, load_table, shipped_villages
from lib.data.paths import SHIPPED_DATA_DIR, data_dir
from lib.data.schema import TABLES
from lib.data.validate import ValidationReport, validate_file
from lib.store.admin_tables import format_time, table_title
from lib.store.checks import Refusal
from lib.store.content import sha256_of
from lib.store.files import version_bytes
from lib.store.manifest import ManifestUnreadable, Version, of_table, read_manifest, versions_dir
from lib.texts.i18n import format_number, t

# Stored versions tried, newest first, when the current file fails: each is validated again (the villages
# it is checked against may have changed), which takes seconds for a large table.
VERSIONS_TRIED = 3


@dataclass(frozen=True)
class ServedTable:
    """A table as readers get it, and why."""

    name: str
    frame: pd.DataFrame | None               # None: left out (its file fails and nothing valid is stored)
    refused: ValidationReport | None = None  # the current file's problems, when it failed validation
    version: Version | None = None           # the stored version served in the failing file's place

    @property
    def served_from(self) -> str:
        """'file', 'store', 'shipped' (the shipped villages) or 'none'."""
        if self.refused is None:
            return "file"
        if self.version is not None:
            return "store"
        return "none" if self.frame is None else "shipped"


def serve_table(name: str, *, folder: Path | None = None, today: date | None = None,
                tables: Callable[[str], pd.DataFrame | None] | None = None) -> ServedTable:
    """The table `name` for readers (see the module). `tables(name)` gives a table it is checked against,
    or None (by default: served the same way). Raises TableMissing when the folder has no file for it."""
    folder, today = Path(folder or data_dir()), today or date.today()
    needed = tables or (lambda other: _served_frame(other, folder, today))
    try:
        return ServedTable(name, load_table(name, folder=folder, today=today, tables=needed))
    except DataError as error:
        refused = error.report
    found = last_valid_version(name, folder=folder, today=today, tables=needed)
    if found is not None:
        return ServedTable(name, found[0], refused, found[1])
    fallback = shipped_villages() if name == "villages" and folder != SHIPPED_DATA_DIR else None
    return ServedTable(name, fallback, refused)


def _served_frame(name: str, folder: Path, today: date) -> pd.DataFrame | None:
    try:
        return serve_table(name, folder=folder, today=today).frame
    except TableMissing:
        return None


def last_valid_version(name: str, *, folder: Path, today: date,
                       tables: Callable[[str], pd.DataFrame | None]) -> tuple[pd.DataFrame, Version] | None:
    """The newest recorded version of `name` that is intact (its hash) and passes validation today, other
    than the content of the current file; None when there is none (or the manifest cannot be read)."""
    try:
        entries = of_table(read_manifest(folder), name)
    except ManifestUnreadable:
        return None
    current = find_table_file(folder, name)
    current_sha = sha256_of(current.read_bytes()) if current is not None else None
    candidates = [entry for entry in reversed(entries) if entry.valid and entry.sha256 != current_sha]
    for entry in candidates[:VERSIONS_TRIED]:
        try:
            version_bytes(entry, folder=folder)          # missing or altered: not served
        except Refusal:
            continue
        report = validate_file(versions_dir(folder) / entry.file, table=name,
                               reference=reference_for(name, today=today, tables=tables), today=today)
        if report.ok:
            return report.frame, entry
    return None


def refusal_text(served: ServedTable, lang: str) -> str:
    """The banner of a table whose file was refused, plain text: which file, its first problem (where,
    and what; never a value of case data), and what readers are shown instead."""
    report = served.refused
    assert report is not None, "only a refused table has a banner"
    first = report.errors[0] if report.errors else report.problems[0]
    where = [t("problem_location", lang, row=format_number(first.row, lang), column=first.column)
             if first.row is not None and first.column else
             t("problem_column", lang, column=first.column) if first.column else ""]
    if first.value is not None and not TABLES[served.name].sensitive:
        where.append(t("problem_value", lang, value=first.value))
    problem = ", ".join(filter(None, where))
    problem = f"{problem}: {first.message(lang)}" if problem else first.message(lang)
    title = table_title(served.name, lang)
    params = dict(file=report.file, count=format_number(len(report.errors), lang), problem=problem, table=title)
    if served.served_from == "store":
        version = served.version
        return t("data_refused_served", lang, **params, version=version.version, time=format_time(version.time, lang))
    return t(f"data_refused_{served.served_from}", lang, **params)
