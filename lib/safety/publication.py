"""The published case statistics of one data version: every cell of the declared tables, protected
together and audited (lib.safety.protect), with the sources named as systems and the as-of month.

A publication is made beside every earlier release readers were served (lib.safety.releases): the
earlier case versions of the store, and a publication of the same case rows made by an earlier
method. Its hidden cells are chosen so that the attacker who holds them all learns no small count.

A Publication holds no case row and no hidden count: a hidden cell is only its state. It is computed
once per data version (the case rows, the kecamatan list, the threshold, the declaration and the
earlier case versions) and kept in memory and on disk (WENEXUS_CACHE_DIR, default .cache/ in the
repository), so every session and process shares it; the disk copy is what a reader could see
anyway, and it is the record of what readers were served, which the next data version is protected
against: keep it. The publication of the shipped demo data is committed in data/published/
(scripts/publish_shipped_cases.py), so that a fresh checkout opens its first page without the
seconds of protecting and auditing.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from lib.data.atomic import write_text_atomic
from lib.data.paths import REPO_ROOT, SHIPPED_DATA_DIR
from lib.data.settings import min_shown_count
from lib.safety.attacker import Audit
from lib.safety.cells import Layout
from lib.safety.declaration import PUBLICATION, TABLES
from lib.safety.protect import protect
from lib.safety.releases import CaseVersion, Months, Release, joint_space
from lib.safety.sources import source_systems
from lib.safety.suppress import HIDDEN_STATES, CellState

CACHE_DIR_ENV = "WENEXUS_CACHE_DIR"
FORMAT = 2      # bump when the stored form or the method changes
LEGACY_FORMAT = 1   # made alone, each data version by itself: read only as an earlier release
# The earlier case versions a publication is held beside: the work grows faster than their number (each
# holds a table of what changed, and what changed between any two of them is counted), so the oldest
# are left out and counted in the audit (AuditSummary.not_modelled): a reader who kept one of those and
# subtracts is not accounted for. Three: about 20 s for the shipped data on one core.
EARLIER_VERSIONS_HELD = 3


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
    releases: int = 1            # publications audited together: this one and the earlier ones readers saw
    not_modelled: int = 0        # earlier case versions that could not be held (unreadable, or not their figures)


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
    earlier: tuple[str, ...] = ()    # the versions of the earlier publications it was made beside

    def cell(self, table: str, key: tuple) -> Cell:
        return self.cells[table].get(tuple(key), Cell(None, CellState.NO_DATA))

    @property
    def empty(self) -> bool:
        return not self.years

    @property
    def subdistricts_with_cases(self) -> tuple[str, ...]:
        """The kecamatan whose published total is not 0. The others add 0 to every cell, so a view of all
        of these is a view of the whole area: a regency chosen beside another with no case reads the
        regency's own cells, not a sum of its kecamatan, which a hidden one would hide."""
        return tuple(code for code in self.subdistricts
                     if self.cell("cases_by_subdistrict", (code,)).state != CellState.ZERO)


def data_version(cases: pd.DataFrame, subdistricts: tuple[str, ...], threshold: int,
                 earlier: tuple[str, ...] = (), areas: Sequence[tuple[str, ...]] = ()) -> str:
    """A fingerprint of everything the publication depends on (`earlier`: the keys of the earlier case
    versions, oldest first; `areas`: the kecamatan lists readers were served before, oldest first)."""
    rest = (sorted(cases.columns), subdistricts, threshold, PUBLICATION, FORMAT, earlier)
    return _fingerprint(cases, (*rest, tuple(map(tuple, areas))) if areas else rest)


def legacy_version(cases: pd.DataFrame, subdistricts: tuple[str, ...], threshold: int) -> str:
    """The fingerprint a LEGACY_FORMAT publication of these rows was stored under."""
    return _fingerprint(cases, (sorted(cases.columns), subdistricts, threshold, PUBLICATION, LEGACY_FORMAT))


def _fingerprint(cases: pd.DataFrame, rest: tuple) -> str:
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(pd.util.hash_pandas_object(cases, index=False).to_numpy()).tobytes())
    digest.update(repr(rest).encode())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else REPO_ROOT / ".cache" / "publication"


SHIPPED_DIR = SHIPPED_DATA_DIR / "published"


def shown_months(dates: pd.Series) -> Months:
    """The first and last case month to show. Both in one quarter but apart would tell that quarter
    holds two cases or more, which no hidden cell can cover: then years only."""
    first, last = dates.min(), dates.max()
    if (first.year, (first.month - 1) // 3) == (last.year, (last.month - 1) // 3) and first.month != last.month:
        return Months(None, None)
    return Months(first.strftime("%Y-%m"), last.strftime("%Y-%m"))


def build_publication(cases: pd.DataFrame, subdistricts: tuple[str, ...], *, threshold: int | None = None,
                      earlier: Sequence[Release] = (), unreadable: int = 0, version: str | None = None
                      ) -> Publication:
    """Protect and audit the declared tables for these case rows, beside the `earlier` releases
    readers were served, oldest first (seconds; see publication_of). `unreadable`: earlier case
    versions that could not be read (named in the audit summary)."""
    threshold = threshold or min_shown_count()
    version = version or data_version(cases, subdistricts, threshold)
    dates = cases["report_date"].dropna()
    if dates.empty:
        return _empty(version, threshold, subdistricts, cases)
    years = tuple(range(int(dates.dt.year.min()), int(dates.dt.year.max()) + 1))
    layout = Layout(tuple(subdistricts), years)
    dated = cases.loc[cases["report_date"].notna()]
    months = shown_months(dates)
    space = joint_space(layout, dated, months, earlier, threshold)
    hidden_before = _hidden_before(layout, [float(np.dot(space.true_variables[v], c)) for v, c in zip(
        space.cell_variables[: space.published], space.cell_coefficients[: space.published])], earlier, threshold)
    states, audit = protect(space, space.true_variables, threshold, fixed=space.fixed, start=hidden_before)
    if not audit.passed and months.first is not None:     # what the months tell cannot be covered: years only
        months = Months(None, None)
        space = joint_space(layout, dated, months, earlier, threshold)
        states, audit = protect(space, space.true_variables, threshold, fixed=space.fixed, start=hidden_before)
    values = [float(np.dot(space.true_variables[v], c)) for v, c in
              zip(space.cell_variables[: space.published], space.cell_coefficients[: space.published])]
    cells: dict[str, dict[tuple, Cell]] = {table.name: {} for table in PUBLICATION}
    for key, state, value in zip(layout.cells, states, values):
        shown = state in (CellState.SHOWN, CellState.ZERO)
        cells[key.table][key.key] = Cell(float(value) if shown else None, state)
    summary = summarise(audit, layout, states[: space.published])
    summary = replace(summary, releases=space.releases, not_modelled=space.not_modelled + unreadable)
    return Publication(version, threshold, tuple(subdistricts), years, months.first, months.last,
                       source_systems(cases["source"]), cells, summary,
                       tuple(release.publication.version for release in earlier))


def _hidden_before(layout: Layout, values: Sequence[float], earlier: Sequence[Release], threshold: int) -> list[int]:
    """The cells (by position in layout.cells) to hide from the start, given the latest earlier release:
    those it hid, and those it showed that changed by a small count since (a reader would subtract)."""
    if not earlier:
        return []
    last = earlier[-1].publication
    found = []
    for position, key in enumerate(layout.cells):
        before = last.cell(key.table, key.key)
        if before.state == CellState.COMPLEMENT or (
                before.state in (CellState.SHOWN, CellState.ZERO) and 0 < abs(values[position] - before.value) < threshold):
            found.append(position)
    return found


def summarise(audit: Audit, layout: Layout, states: tuple[CellState, ...]) -> AuditSummary:
    narrowest: dict[str, tuple[int, int]] = {}
    for bounds in audit.bounds:
        if bounds.cell.release:
            continue
        width = bounds.high - bounds.low
        if bounds.cell.table not in narrowest or width < narrowest[bounds.cell.table][1] - narrowest[bounds.cell.table][0]:
            narrowest[bounds.cell.table] = (bounds.low, bounds.high)
    tables = []
    for table in PUBLICATION:
        mine = [state for key, state in zip(layout.cells, states) if key.table == table.name]
        hidden = sum(state in HIDDEN_STATES for state in mine)
        tables.append(TableAudit(table.name, len(mine), len(mine) - hidden, hidden, narrowest.get(table.name)))
    return AuditSummary(audit.passed, _now(), round(audit.seconds, 3), audit.threshold, len(audit.bounds),
                        tuple(tables), tuple((b.cell.table, _key_text(b.cell.key, b.cell.release)) for b in audit.failures))


def _key_text(key: tuple, release: str = "") -> str:
    """A cell's key as text; with the release it belongs to (an earlier release by number, or the cases
    added between two releases) when it is not a cell of this publication."""
    text = " × ".join(str(part) for part in key) or "total"
    return f"{text} ({release})" if release else text


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


def from_json(text: str, *, formats: tuple[int, ...] = (FORMAT,)) -> Publication:
    """A stored publication of one of `formats` (an earlier release may be of LEGACY_FORMAT)."""
    body = json.loads(text)
    if body.pop("format", None) not in formats:
        raise ValueError("a stored publication of another format")
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
                          "earlier": tuple(body.get("earlier", ())), "audit": AuditSummary(**audit)})


def subdistricts_of(villages: pd.DataFrame) -> tuple[str, ...]:
    """Every kecamatan of the geography: the publication's areas (a kecamatan with no case is a 0)."""
    return tuple(sorted(villages["subdistrict_code"].dropna().astype(str).unique()))


def publication_for(cases: pd.DataFrame, villages: pd.DataFrame, *, threshold: int | None = None,
                    earlier: Sequence[CaseVersion] = (), areas: Sequence[tuple[str, ...]] = ()) -> Publication:
    """publication_of the case rows over every kecamatan of `villages`."""
    return publication_of(cases, subdistricts_of(villages), threshold=threshold, earlier=earlier, areas=areas)


_MEMORY: OrderedDict[str, Publication] = OrderedDict()
_LOCK = threading.Lock()
_BUILDING: dict[str, threading.Lock] = {}


def publication_of(cases: pd.DataFrame, subdistricts: tuple[str, ...], *, threshold: int | None = None,
                   earlier: Sequence[CaseVersion] = (), areas: Sequence[tuple[str, ...]] = ()) -> Publication:
    """The publication of this data version: from memory, else from disk, else built (once, even
    when several sessions ask at the same time) and stored. `earlier`: the case versions readers
    were served before this one, oldest first (lib.store.history); `areas`: the kecamatan lists of the
    village tables readers were served before (lib.store.history.earlier_kecamatan_lists). It is made
    beside their publications (each found, or made, the same way)."""
    threshold = threshold or min_shown_count()
    subdistricts = tuple(subdistricts)
    areas = _other_areas(areas, subdistricts)
    version = data_version(cases, subdistricts, threshold, tuple(item.key for item in earlier), areas)
    with _LOCK:
        if version in _MEMORY:
            _MEMORY.move_to_end(version)
            return _MEMORY[version]
        building = _BUILDING.setdefault(version, threading.Lock())
    with building:
        try:
            with _LOCK:
                if version in _MEMORY:
                    return _MEMORY[version]
            publication = _stored(version) or _store(build_beside(cases, subdistricts, threshold=threshold,
                                                                  earlier=earlier, areas=areas))
            with _LOCK:
                _MEMORY[version] = publication
                while len(_MEMORY) > 4:
                    _MEMORY.popitem(last=False)
            return publication
        finally:
            with _LOCK:
                _BUILDING.pop(version, None)


def build_beside(cases: pd.DataFrame, subdistricts: tuple[str, ...], *, threshold: int | None = None,
                 earlier: Sequence[CaseVersion] = (), areas: Sequence[tuple[str, ...]] = ()) -> Publication:
    """Protect and audit the publication of `cases` beside the releases readers were served before:
    those of the `earlier` case versions (oldest first), those of the same rows over the kecamatan lists
    of `areas` and any other stored, and one by an earlier method (earlier_releases). What
    publication_of stores; the command line's audit builds it afresh."""
    threshold = threshold or min_shown_count()
    subdistricts = tuple(subdistricts)
    areas = _other_areas(areas, subdistricts)
    releases, unreadable = earlier_releases(cases, subdistricts, threshold, earlier, areas)
    return build_publication(cases, subdistricts, threshold=threshold, earlier=releases, unreadable=unreadable,
                             version=data_version(cases, subdistricts, threshold, tuple(item.key for item in earlier),
                                                  areas))


def earlier_releases(cases: pd.DataFrame, subdistricts: tuple[str, ...], threshold: int,
                     earlier: Sequence[CaseVersion], areas: Sequence[tuple[str, ...]] = ()) -> tuple[list[Release], int]:
    """The releases readers were served before a publication of `cases`, oldest first, and how many
    earlier case versions are not held: each of the last EARLIER_VERSIONS_HELD earlier versions'
    publication (after those of its rows by an earlier method or over other kecamatan, if stored), then
    those of `cases` over each of `areas` (found or made) and by an earlier method or over other
    kecamatan (if stored). Older versions, and any that cannot be read, are counted."""
    releases: list[Release] = []
    unreadable = max(0, len(earlier) - EARLIER_VERSIONS_HELD)
    stored = _stored_areas(threshold)
    for position, item in enumerate(earlier[unreadable:], start=unreadable):
        rows = item.rows()
        if rows is None:
            unreadable += 1
            continue
        keys = tuple(entry.key for entry in earlier[:position])
        releases += [Release(made, rows) for made in _same_rows(rows, subdistricts, threshold, keys, stored)]
        if not _fits_area(rows, subdistricts):      # a kecamatan no longer in the villages
            unreadable += 1
            continue
        # As served: made beside the kecamatan lists known then (any prefix of today's), else made now.
        made = next((found for count in range(len(areas), -1, -1) if (found := _stored(
            data_version(rows, subdistricts, threshold, keys, areas[:count]))) is not None), None)
        try:
            made = made or publication_of(rows, subdistricts, threshold=threshold, earlier=earlier[:position],
                                          areas=areas)
        except ValueError:      # rows the publication cannot hold otherwise (a category it does not list)
            unreadable += 1
            continue
        releases.append(Release(made, rows))
    keys = tuple(item.key for item in earlier)
    over_areas = [publication_of(cases, area, threshold=threshold, earlier=earlier, areas=areas[:position])
                  for position, area in enumerate(areas) if _fits_area(cases, area)]   # else never served over it
    made_here = {made.version for made in over_areas}
    same = [made for made in _same_rows(cases, subdistricts, threshold, keys, stored) if made.version not in made_here]
    releases += [Release(made, cases) for made in sorted([*over_areas, *same], key=lambda made: made.audit.audited_at)]
    return releases, unreadable


def _fits_area(cases: pd.DataFrame, subdistricts: tuple[str, ...]) -> bool:
    """Whether every case lies in one of these kecamatan (a publication over them can hold the rows)."""
    return bool(cases["subdistrict_code"].dropna().astype(str).isin(set(subdistricts)).all())


def _other_areas(areas: Sequence[tuple[str, ...]], subdistricts: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each earlier kecamatan list once, oldest first, without the current one."""
    return tuple(dict.fromkeys(tuple(area) for area in areas if tuple(area) != tuple(subdistricts)))


def _same_rows(cases: pd.DataFrame, subdistricts: tuple[str, ...], threshold: int, keys: tuple[str, ...],
               stored: set[tuple[str, ...]]) -> list[Publication]:
    """The stored publications of these rows other than this method's over these kecamatan, in the order
    they were made: by the earlier method, and over another stored kecamatan list."""
    found = [_legacy(cases, subdistricts, threshold)]
    for other in sorted(stored - {tuple(subdistricts)}):
        found += [_legacy(cases, other, threshold), _stored(data_version(cases, other, threshold, keys))]
    return sorted((made for made in found if made is not None), key=lambda made: made.audit.audited_at)


# path -> (modification time, (threshold, kecamatan list) or None): each stored publication is read once
_AREAS_READ: dict[Path, tuple[float, tuple[int, tuple[str, ...]] | None]] = {}


def _stored_areas(threshold: int) -> set[tuple[str, ...]]:
    """The kecamatan lists of the stored publications made with `threshold`: readers saw publications over
    them (a village table that gained or lost kecamatan since)."""
    found: set[tuple[str, ...]] = set()
    for folder in (cache_dir(), SHIPPED_DIR):
        for path in folder.glob("*.json"):
            known = _area_of(path)
            if known is not None and known[0] == threshold:
                found.add(known[1])
    return found


def _area_of(path: Path) -> tuple[int, tuple[str, ...]] | None:
    """(threshold, kecamatan list) of a stored publication, read once per modification; None for a file
    that is not one."""
    try:
        modified = path.stat().st_mtime
    except OSError:
        return None
    if path not in _AREAS_READ or _AREAS_READ[path][0] != modified:
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            known = (int(body["threshold"]), tuple(str(code) for code in body["subdistricts"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            known = None
        _AREAS_READ[path] = (modified, known)
    return _AREAS_READ[path][1]


def _legacy(cases: pd.DataFrame, subdistricts: tuple[str, ...], threshold: int) -> Publication | None:
    """The publication of these rows made by the earlier method (each data version alone), if stored."""
    return _stored(legacy_version(cases, subdistricts, threshold), formats=(LEGACY_FORMAT,))


def _stored(version: str, *, formats: tuple[int, ...] = (FORMAT,)) -> Publication | None:
    for folder in (cache_dir(), SHIPPED_DIR):
        try:
            return from_json((folder / f"{version}.json").read_text(encoding="utf-8"), formats=formats)
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
