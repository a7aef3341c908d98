"""The published case statistics of one data version: every cell of the declared tables, protected
together and audited (lib.safety.protect), with the sources named as systems and the as-of month.

A Publication holds no case row and no hidden count: a hidden cell is only its state. It is computed
once per data version (the case rows, the kecamatan list, the threshold and the declaration) and
kept in memory and on disk (WENEXUS_CACHE_DIR, default .cache/ in the repository), so every session
and process shares it; the disk copy is what a reader could see anyway. The publication of the
shipped demo data is committed in data/published/ (scripts/publish_shipped_cases.py), so that a
fresh checkout opens its first page without the seconds of protecting and auditing.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from lib.data.atomic import write_text_atomic
from lib.data.paths import REPO_ROOT, SHIPPED_DATA_DIR
from lib.data.settings import min_shown_count
from lib.safety.attacker import Audit
from lib.safety.cells import Layout, cell_values, true_values
from lib.safety.declaration import PUBLICATION, TABLES
from lib.safety.protect import protect
from lib.safety.sources import source_systems
from lib.safety.suppress import HIDDEN_STATES, CellState

CACHE_DIR_ENV = "WENEXUS_CACHE_DIR"
FORMAT = 1      # bump when the stored form changes


@dataclass(frozen=True)
class Cell:
    value: float | None          # None where hidden
    state: CellState


@dataclass(frozen=True)
class TableAudit:
    """What the audit found for one table: its cells, how many are shown and hidden, and the
    narrowest interval the attacker reached for a small count in it (None: no small count)."""

    table: str
    cells: int
    shown: int
    hidden: int
    narrowest: tuple[int, int] | None


@dataclass(frozen=True)
class AuditSummary:
    passed: bool
    audited_at: str              # UTC, ISO 8601 to the minute
    seconds: float
    threshold: int
    small_cells: int
    tables: tuple[TableAudit, ...]
    failures: tuple[tuple[str, str], ...]   # (table, cell key as text): never a case row


@dataclass(frozen=True)
class Publication:
    version: str
    threshold: int
    subdistricts: tuple[str, ...]
    years: tuple[int, ...]
    first_month: str | None      # 'YYYY-MM': case data is dated to the month, never the day
    last_month: str | None
    sources: tuple[str, ...]     # declared source system codes (lib.safety.sources)
    cells: dict[str, dict[tuple, Cell]]
    audit: AuditSummary

    def cell(self, table: str, key: tuple) -> Cell:
        return self.cells[table].get(tuple(key), Cell(None, CellState.NO_DATA))

    @property
    def empty(self) -> bool:
        return not self.years


def data_version(cases: pd.DataFrame, subdistricts: tuple[str, ...], threshold: int) -> str:
    """A fingerprint of everything the publication depends on."""
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(pd.util.hash_pandas_object(cases, index=False).to_numpy()).tobytes())
    digest.update(repr((sorted(cases.columns), subdistricts, threshold, PUBLICATION, FORMAT)).encode())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else REPO_ROOT / ".cache" / "publication"


SHIPPED_DIR = SHIPPED_DATA_DIR / "published"


def build_publication(cases: pd.DataFrame, subdistricts: tuple[str, ...], *, threshold: int | None = None
                      ) -> Publication:
    """Protect and audit the declared tables for these case rows (seconds; see publication_of)."""
    threshold = threshold or min_shown_count()
    version = data_version(cases, subdistricts, threshold)
    dates = cases["report_date"].dropna()
    if dates.empty:
        return _empty(version, threshold, subdistricts, cases)
    years = tuple(range(int(dates.dt.year.min()), int(dates.dt.year.max()) + 1))
    layout = Layout(tuple(subdistricts), years)
    variables = true_values(cases.loc[cases["report_date"].notna()], layout)
    values = cell_values(variables, layout)
    states, audit = protect(layout, variables, threshold)
    cells: dict[str, dict[tuple, Cell]] = {table.name: {} for table in PUBLICATION}
    for key, state, value in zip(layout.cells, states, values):
        shown = state in (CellState.SHOWN, CellState.ZERO)
        cells[key.table][key.key] = Cell(float(value) if shown else None, state)
    return Publication(version, threshold, tuple(subdistricts), years, dates.min().strftime("%Y-%m"),
                       dates.max().strftime("%Y-%m"), source_systems(cases["source"]), cells,
                       summarise(audit, layout, states))


def summarise(audit: Audit, layout: Layout, states: tuple[CellState, ...]) -> AuditSummary:
    narrowest: dict[str, tuple[int, int]] = {}
    for bounds in audit.bounds:
        width = bounds.high - bounds.low
        if bounds.cell.table not in narrowest or width < narrowest[bounds.cell.table][1] - narrowest[bounds.cell.table][0]:
            narrowest[bounds.cell.table] = (bounds.low, bounds.high)
    tables = []
    for table in PUBLICATION:
        mine = [state for key, state in zip(layout.cells, states) if key.table == table.name]
        hidden = sum(state in HIDDEN_STATES for state in mine)
        tables.append(TableAudit(table.name, len(mine), len(mine) - hidden, hidden, narrowest.get(table.name)))
    return AuditSummary(audit.passed, _now(), round(audit.seconds, 3), audit.threshold, len(audit.bounds),
                        tuple(tables), tuple((b.cell.table, _key_text(b.cell.key)) for b in audit.failures))


def _key_text(key: tuple) -> str:
    return " × ".join(str(part) for part in key) or "total"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def _empty(version: str, threshold: int, subdistricts: tuple[str, ...], cases: pd.DataFrame) -> Publication:
    audit = AuditSummary(True, _now(), 0.0, threshold, 0, tuple(TableAudit(t.name, 0, 0, 0, None)
                                                                  for t in PUBLICATION), ())
    return Publication(version, threshold, tuple(subdistricts), (), None, None, source_systems(cases["source"]),
                       {table.name: {} for table in PUBLICATION}, audit)


# --- stored form -------------------------------------------------------------------------------

def to_json(publication: Publication) -> str:
    cells = {table: [[list(key), cell.value, cell.state.value] for key, cell in found.items()]
             for table, found in publication.cells.items()}
    body = {**asdict(publication), "cells": cells, "format": FORMAT}
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Publication:
    body = json.loads(text)
    if body.pop("format", None) != FORMAT:
        raise ValueError("an older stored publication")
    cells = {table: {tuple(key): Cell(value, CellState(state)) for key, value, state in found}
             for table, found in body.pop("cells").items()}
    if set(cells) != set(TABLES):
        raise ValueError("a stored publication of another declaration")
    audit = body.pop("audit")
    audit["tables"] = tuple(TableAudit(**{**entry, "narrowest": tuple(entry["narrowest"]) if entry["narrowest"]
                                          else None}) for entry in audit["tables"])
    audit["failures"] = tuple(tuple(item) for item in audit["failures"])
    return Publication(**{**body, "subdistricts": tuple(body["subdistricts"]), "years": tuple(body["years"]),
                          "sources": tuple(body["sources"]), "cells": cells,
                          "audit": AuditSummary(**audit)})


def subdistricts_of(villages: pd.DataFrame) -> tuple[str, ...]:
    """Every kecamatan of the geography: the publication's areas (a kecamatan with no case is a 0)."""
    return tuple(sorted(villages["subdistrict_code"].dropna().astype(str).unique()))


def publication_for(cases: pd.DataFrame, villages: pd.DataFrame, *, threshold: int | None = None) -> Publication:
    """publication_of the case rows over every kecamatan of `villages`."""
    return publication_of(cases, subdistricts_of(villages), threshold=threshold)


_MEMORY: OrderedDict[str, Publication] = OrderedDict()
_LOCK = threading.Lock()
_BUILDING: dict[str, threading.Lock] = {}


def publication_of(cases: pd.DataFrame, subdistricts: tuple[str, ...], *, threshold: int | None = None
                   ) -> Publication:
    """The publication of this data version: from memory, else from disk, else built (once, even
    when several sessions ask at the same time) and stored."""
    threshold = threshold or min_shown_count()
    version = data_version(cases, tuple(subdistricts), threshold)
    with _LOCK:
        if version in _MEMORY:
            _MEMORY.move_to_end(version)
            return _MEMORY[version]
        building = _BUILDING.setdefault(version, threading.Lock())
    with building:
        with _LOCK:
            if version in _MEMORY:
                return _MEMORY[version]
        publication = _stored(version) or _store(build_publication(cases, tuple(subdistricts), threshold=threshold))
        with _LOCK:
            _MEMORY[version] = publication
            while len(_MEMORY) > 4:
                _MEMORY.popitem(last=False)
            _BUILDING.pop(version, None)
        return publication


def _stored(version: str) -> Publication | None:
    for folder in (cache_dir(), SHIPPED_DIR):
        try:
            return from_json((folder / f"{version}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            continue     # absent, unreadable or of another format: built again
    return None


def _store(publication: Publication) -> Publication:
    try:
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        write_text_atomic(directory / f"{publication.version}.json", to_json(publication))
    except OSError:
        pass             # a read-only folder: kept in memory only
    return publication
