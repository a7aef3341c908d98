"""The version manifest: one entry per version of every table, append-only, rewritten atomically.

`<data_dir>/versions/manifest.json` is the record of what was accepted, by whom and when; the
version files beside it hold the content. The manifest entry is the commit point of a write
(see lib.store.versions).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from lib.data.atomic import write_text_atomic

VERSIONS_SUBDIR = "versions"
MANIFEST_NAME = "manifest.json"
LOCK_NAME = ".lock"
INCOMING_SUBDIR = ".incoming"      # uploads being checked; removed when the check ends
ARCHIVE_SUBDIR = "archive"         # files found in the data folder before they were recorded
MANIFEST_FORMAT = 1
VERSION_FILE = re.compile(r"^v(\d{4,})\.csv$")

# How a version came to be.
MODES: tuple[str, ...] = ("baseline", "replace", "append", "rollback", "external")


class ManifestUnreadable(Exception):
    """The manifest exists but cannot be read; nothing is written until a person looks at it."""


@dataclass(frozen=True)
class Version:
    table: str
    version: int
    mode: str                   # one of MODES
    time: str                   # ISO 8601, UTC
    user: str
    via: str                    # "app", "cli" or "system"
    file: str                   # stored content, relative to versions/
    sha256: str                 # of `file`; also of the current file while this version is current
    valid: bool                 # False only for a baseline that failed validation (kept, never made current)
    rows: int | None = None
    rows_added: int | None = None
    rows_removed: int | None = None
    rows_changed: int | None = None
    source_name: str | None = None      # the file a person uploaded, or the file found in the folder
    source_sha256: str | None = None
    original: str | None = None         # the source's exact bytes, relative to versions/, when kept
    rollback_of: int | None = None

    @property
    def label(self) -> str:
        return f"v{self.version}"


def versions_dir(folder: Path) -> Path:
    return Path(folder) / VERSIONS_SUBDIR


def version_file_name(table: str, number: int) -> str:
    """Path of a version file relative to versions/: 'activities/v0003.csv'."""
    return f"{table}/v{number:04d}.csv"


def read_manifest(folder: Path) -> list[Version]:
    """Every recorded version, oldest first; [] when the store has never been written."""
    path = versions_dir(folder) / MANIFEST_NAME
    if not path.is_file():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        known = {f.name for f in fields(Version)}
        return [Version(**{k: v for k, v in entry.items() if k in known}) for entry in document["entries"]]
    except (ValueError, KeyError, TypeError) as error:
        raise ManifestUnreadable(f"{path}: {error}") from error


def write_manifest(folder: Path, entries: list[Version], *, before_rename: Callable[[], None] | None = None) -> None:
    """Rewrite the manifest atomically (temp file, fsync, rename)."""
    document = {"format": MANIFEST_FORMAT, "entries": [asdict(entry) for entry in entries]}
    write_text_atomic(versions_dir(folder) / MANIFEST_NAME, json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                      before_rename=before_rename)


def of_table(entries: list[Version], table: str) -> list[Version]:
    return [entry for entry in entries if entry.table == table]


def latest(entries: list[Version], table: str) -> Version | None:
    """The version of `table` that is current (the last recorded one)."""
    recorded = of_table(entries, table)
    return recorded[-1] if recorded else None


def next_number(entries: list[Version], folder: Path, table: str) -> int:
    """The next version number: above every recorded one and every file on disk, so that a file
    left by an interrupted write is never overwritten."""
    recorded = [entry.version for entry in of_table(entries, table)]
    table_dir = versions_dir(folder) / table
    on_disk = [int(match[1]) for path in table_dir.glob("v*.csv") if (match := VERSION_FILE.match(path.name))] \
        if table_dir.is_dir() else []
    return max([0, *recorded, *on_disk]) + 1
