"""The only place with Streamlit caching: wraps the pure loaders of lib.data.load and lib.store.serving.

Tables are read from the configured store's folder (lib.store.stores: the data folder, or the working
copy of the PostgreSQL store, brought in line with the database once per script run by new_run). The
cache key includes each file's size and modification time, so a new data version is picked up on the
next rerun without restarting the app, whichever process committed it. A file that fails validation
never takes the app down: its table is served from the last valid version in the store
(lib.store.serving), and refused_tables() names it for the banner every page shows.
"""
from __future__ import annotations

import dataclasses
import gc
import itertools
import os
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.metrics import quality
from lib.data.aggregate import month_span
from lib.data.area_options import AreaOptions, all_area_options, narrowed
from lib.data.filters import Filters
from lib.data.programme_area import REPORTING_COLUMNS, programme_regencies
from lib.data.load import TableMissing, is_demo
from lib.map.geometry import MapGeometry, boundary_fingerprint, map_geometry
from lib.metrics.values_index import index_of
from lib.metrics.overview import cases_tile, coverage_tile, hazard_tile, indicator_tile, reach_tile
from lib.data.paths import REPO_ROOT, boundaries_dir
from lib.data.read import SUPPORTED_SUFFIXES
from lib.data.schema import TABLES
from lib.data.settings import min_shown_count
from lib.data.memo import PerFrame, SharedCalls
from lib.data.table_cache import code_fingerprint
from lib.safety.publication import Publication, publication_for
from lib.safety.releases import CaseVersion
from lib.store.serving import ServedTable, serve_table
from lib.store import stores
from lib.store.history import earlier_case_versions, earlier_kecamatan_lists

# The date column of each table that spans the period filter.
DATED_COLUMNS: tuple[tuple[str, str], ...] = (("activities", "date"), ("cases", "report_date"))


# One look at the data folder per script run: a page asks for its tables a few dozen times per rerun,
# and with fifty sessions those directory scans took an eighth of the server's time (py-spy). The
# frame calls new_run() first; outside a dashboard run (tests, the command line) every call looks.
_RUN = threading.local()


def new_run() -> None:
    """Start a script run: the store is asked once whether a version was committed since (PostgreSQL:
    one row; new versions are written into the working copy), and the folder is looked at again, once,
    on the next table() call."""
    store = stores.configured()
    store.refresh()
    _RUN.fingerprints = {}
    _RUN.folder = store.folder


def tables_dir() -> Path:
    """The folder the tables are read from: the configured store's (looked up once per script run)."""
    folder: Path | None = getattr(_RUN, "folder", None)
    return folder if folder is not None else stores.configured().folder


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, modification time) of each table file: read once per script run (see new_run)."""
    memo: dict[str, tuple] | None = getattr(_RUN, "fingerprints", None)
    if memo is None:
        return _scan(folder)
    key = str(folder)
    if key not in memo:
        memo[key] = _scan(folder)
    return memo[key]


# (folder, fingerprint) -> when it was first seen: a run that began before the files changed still
# holds the older fingerprint, and must not evict the newer version that later runs are served.
_FIRST_SEEN: dict[tuple[str, tuple], int] = {}
_SEEN_ORDER = itertools.count()
SEEN_KEPT = 64


def _scan(folder: Path) -> tuple[tuple[str, int, int], ...]:
    try:
        with os.scandir(folder) as found:
            files = sorted((entry for entry in found
                            if entry.name.lower().endswith((".csv", ".xlsx")) and entry.is_file()),
                           key=lambda entry: entry.name)
            fingerprint = tuple((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns) for entry in files)
    except (FileNotFoundError, NotADirectoryError):
        fingerprint = ()
    if (str(folder), fingerprint) not in _FIRST_SEEN:
        _FIRST_SEEN[(str(folder), fingerprint)] = next(_SEEN_ORDER)
        for stale in sorted(_FIRST_SEEN, key=_FIRST_SEEN.get)[:-SEEN_KEPT]:
            _FIRST_SEEN.pop(stale, None)
    return fingerprint


def _older(folder: str, fingerprint: tuple, than: tuple) -> bool:
    """Whether `fingerprint` was first seen before `than` (a run that began before the change)."""
    return _FIRST_SEEN.get((folder, fingerprint), -1) < _FIRST_SEEN.get((folder, than), -1)


# A resource, not data: every rerun and every session shares the one validated frame instead of
# unpickling a private copy on each call (at a million rows, a copy per call costs seconds and
# memory per session). Nothing may change a cached frame in place; lib functions never do.
@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_table(name: str, folder: str, fingerprint: tuple) -> ServedTable:
    # The tables it is checked against come from this cache too (each validated once, and served as the
    # readers get them: a refused villages file does not take every other table with it).
    return serve_table(name, folder=Path(folder), tables=_reference_table)


def _reference_table(name: str) -> pd.DataFrame | None:
    return optional_table(name)


# (table, folder) -> (fingerprint, frame) last served. A page asks for tables a dozen times per
# rerun; while the files are unchanged the frame is handed out from here, without Streamlit's cache
# machinery (which hashes the arguments on every call). Streamlit's cache still does the loading, once
# for all sessions even when several ask at the same moment.
_SERVED: dict[tuple[str, str], tuple[tuple, ServedTable]] = {}


def _served(name: str) -> ServedTable:
    """lib.store.serving's answer for `name` in the current data folder, cached until its files change.
    Raises TableMissing when the folder has no file for it."""
    folder = str(tables_dir())
    fingerprint = _fingerprint(Path(folder))
    served = _SERVED.get((name, folder))
    if served is not None and (served[0] == fingerprint or _older(folder, fingerprint, served[0])):
        return served[1]      # the current version (a run that began before a change gets the newer one)
    if served is not None:   # a replaced version is never served again: free it and what was derived from it
        _cached_table.clear(name, folder, served[0])
    answer = _cached_table(name, folder, fingerprint)
    _SERVED[(name, folder)] = (fingerprint, answer)
    if answer.frame is not None:
        _SHARED.name(answer.frame, ("table", name, folder, fingerprint))
    _freeze_long_lived()
    return answer


# What pages compute from the tables (frames, figures, tables to show), per data version, filters and
# language, for every session: a rerun with a view someone has seen draws without computing it again.
_SHARED = SharedCalls(size=1024)


def shared(fn: Callable, /, *args: object, **kwargs: object) -> object:
    """fn(*args, **kwargs) computed once for every session (lib.data.memo.SharedCalls): the tables are known
    by their version, other frames by their content, results of shared calls by the call. The smallest
    shown count and today's date join the key: a lib function may read them."""
    return _SHARED.call((min_shown_count(), date.today()), fn, *args, **kwargs)


SHARED_DIR_ENV = "WENEXUS_SHARED_CACHE_DIR"


def durable(fn: Callable, /, *args: object, **kwargs: object) -> object:
    """shared(), and kept on disk for the next process (what the first visitor after a restart waits for:
    the overview's tiles and the case publication), keyed by the tables' files and the app's code too."""
    configured = os.environ.get(SHARED_DIR_ENV, "").strip()
    folder = Path(configured).expanduser() if configured else REPO_ROOT / ".cache" / "shared"
    return _SHARED.call((min_shown_count(), date.today(), code_fingerprint("")), fn, *args, disk=folder, **kwargs)


def page_calls(filters: Filters) -> Callable[..., object]:
    """How a page computes: shared(); and for the view every visitor opens first, the sidebar's defaults,
    durable() too, so the first visitor after a restart is drawn what an earlier process computed (a
    province's progress page and map took 4-6 s to compute it). Few results: one per call of each page
    for the default filters, per language and the page's own choices."""
    return durable if filters == default_filters() else shared


def table(name: str) -> pd.DataFrame:
    """The validated table `name` from the current data folder, cached until its files change: its file, or
    the last valid version from the store when the file fails validation. Raises TableMissing when there
    is neither (no file, or a refused file and nothing valid stored)."""
    frame = _served(name).frame
    if frame is None:
        raise TableMissing(name, tables_dir())
    return frame


def _freeze_long_lived() -> None:
    """Leave what exists now (imported modules, loaded tables) out of Python's cyclic garbage
    collection. Streamlit collects garbage after every script run; scanning every object of pandas,
    Plotly and Streamlit took about 100 ms of each rerun on the server. Objects still die as soon
    as nothing refers to them; only cycles among today's objects would wait."""
    gc.freeze()


# The publication of a case table over a village table, per smallest shown count: found once per pair
# of frames, so a rerun does not hash the case rows again (lib.safety.publication keeps it per data
# version for every session and process, on disk too).
def publications_memo() -> PerFrame:
    """Case frame -> village frame -> {smallest shown count: publication}."""
    return PerFrame(lambda cases: PerFrame(lambda villages: {}, size=2), size=2)


_PUBLICATIONS = publications_memo()


def publication() -> Publication | None:
    """The published case statistics of the current data (lib.safety.publication): the only form in
    which case data reaches a page. None when the folder has no case table (or nothing valid to serve)."""
    cases = optional_table("cases")
    if cases is None:
        return None
    villages, threshold = table("villages"), min_shown_count()
    by_threshold: dict[int, Publication] = _PUBLICATIONS(cases)(villages)
    if threshold not in by_threshold:
        # Kept on disk by lib.safety.publication itself, per data version and earlier versions; named by
        # that version, so what is computed from it is known by it too (lib.ui.cache.durable).
        by_threshold[threshold] = publication_for(cases, villages, threshold=threshold, earlier=case_history(),
                                                  areas=earlier_areas())
        _SHARED.name(by_threshold[threshold], ("publication", by_threshold[threshold].version))
    return by_threshold[threshold]


def case_history() -> list[CaseVersion]:
    """The case versions readers were served before the current one (lib.store.history), oldest first:
    the publication is protected beside theirs, so that a reader who kept them learns nothing by
    subtracting. Each is read only when a publication is made; none without a case table."""
    try:
        served = _served("cases")
    except TableMissing:
        return []
    return earlier_case_versions(stores.configured(), tables=_reference_table,
                                 served_sha=None if served.version is None else served.version.sha256)


def earlier_areas() -> list[tuple[str, ...]]:
    """The kecamatan lists of the village tables readers were served before the current one (lib.store.history):
    the publication is protected beside the current cases' publications over them too."""
    served = _served("villages")
    return earlier_kecamatan_lists(stores.configured(), tables=_reference_table,
                                   served_sha=None if served.version is None else served.version.sha256)


# The overview is the page every session opens first, most often with the same filters: each of its
# tiles is computed once per data version and filters for all sessions (fifty people opening the
# dashboard at the same moment compute it once, and wait for that one result, instead of fifty times
# at once). A tile is a few numbers: hundreds fit in memory.
OVERVIEW_TILES: dict[str, Callable[[Filters], object]] = {
    "reach": lambda filters: reach_tile(table("activities"), filters),
    "coverage": lambda filters: coverage_tile(table("activities"), table("villages"), filters),
    "indicators": lambda filters: indicator_tile(table("indicators"), table("indicator_values"), filters),
    "cases": lambda filters: cases_tile(publication(), filters),
    "hazards": lambda filters: hazard_tile(table("hazards"), table("villages"), filters),
}


def _tile(kind: str, filters: Filters, folder: str, fingerprint: tuple) -> object:
    return OVERVIEW_TILES[kind](filters)


def overview_tile(kind: str, filters: Filters) -> object:
    """lib.metrics.overview's tile `kind` (OVERVIEW_TILES) for the filters, shared by every session until the
    files or the smallest shown count change. Raises TableMissing as the tables do."""
    folder = str(tables_dir())
    return durable(_tile, kind, filters, folder, _fingerprint(Path(folder)))


def optional_table(name: str) -> pd.DataFrame | None:
    """The table, or None when the data folder has none (the page then says so)."""
    try:
        return table(name)
    except TableMissing:
        return None


def _present_tables() -> list[str]:
    """The tables the data folder has a file for (villages always)."""
    files = {entry[0] for entry in _fingerprint(tables_dir())}   # the run's one look at the folder
    return [name for name in TABLES
            if name == "villages" or any(f"{name}{suffix}" in files for suffix in SUPPORTED_SUFFIXES)]


def loaded_tables() -> dict[str, pd.DataFrame]:
    """Every table readers are served (villages always): a refused file's table from the store, or left out."""
    found: dict[str, pd.DataFrame] = {}
    for name in _present_tables():
        try:
            found[name] = table(name)
        except TableMissing:
            continue
    return found


def refused_tables() -> list[ServedTable]:
    """The tables whose current file failed validation (lib.store.serving): for the banner on every page."""
    refused = []
    for name in _present_tables():
        try:
            served = _served(name)
        except TableMissing:
            continue
        if served.refused is not None:
            refused.append(served)
    return refused


@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_demo(folder: str, fingerprint: tuple) -> bool:
    return any(is_demo(frame) for frame in loaded_tables().values())


def demo_loaded() -> bool:
    """Whether any loaded table holds demo rows (drives the banner on every page); looked up once per
    data version (a scan of five million values on every rerun costs 20 ms)."""
    folder = str(tables_dir())
    return _cached_demo(folder, _fingerprint(Path(folder)))


# The data page's quality panel reads every row of every table: computed once per data version for all
# sessions, not on each rerun. The smallest shown count is in the key: the report's case rows use it.
@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_quality_report(folder: str, fingerprint: tuple, threshold: int) -> quality.QualityReport:
    report = durable(quality.quality_report, loaded_tables(), publication())   # a restart reads it (x100: 4 s)
    for part in dataclasses.fields(report):      # the panel's figures and tables are shared calls of these
        if isinstance(value := getattr(report, part.name), (pd.DataFrame, pd.Series)):
            _SHARED.name(value, ("quality", folder, fingerprint, threshold, part.name))
    return report


def quality_report() -> quality.QualityReport:
    """lib.metrics.quality.quality_report of every loaded table, shared by all sessions until the files change
    (never change it in place)."""
    folder = str(tables_dir())
    return _cached_quality_report(folder, _fingerprint(Path(folder)), min_shown_count())


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_geometry(folder: str, fingerprint: tuple) -> MapGeometry:
    return durable(map_geometry, Path(folder), fingerprint)


def village_geometry() -> MapGeometry:
    """Simplified, rounded boundary layers; loaded once and again only when a boundary file changes."""
    folder = boundaries_dir()
    fingerprint = boundary_fingerprint(folder)
    geometry = _cached_geometry(str(folder), fingerprint)
    _SHARED.name(geometry, ("geometry", str(folder), fingerprint))
    return geometry


# The sidebar's area options and period months: every rerun of every session asks for them, and they
# change only with the data (sorting 17,000 villages, or finding the months of a million cases, on
# every rerun would cost more than the page).
@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_area_options(folder: str, fingerprint: tuple) -> AreaOptions:
    return all_area_options(table("villages"))


def area_options_for(regencies: tuple[str, ...], subdistricts: tuple[str, ...]) -> AreaOptions:
    """lib.data.area_options.area_options of the villages table for the choices: the sorted lists are kept
    until the files change, and narrowed to the choices on each call."""
    folder = str(tables_dir())
    return narrowed(_cached_area_options(folder, _fingerprint(Path(folder))), regencies, subdistricts)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_programme_area(folder: str, fingerprint: tuple) -> tuple[str, ...]:
    reported = [frame[column] for name, column in REPORTING_COLUMNS if (frame := optional_table(name)) is not None]
    return programme_regencies(table("villages"), reported)


def programme_area() -> tuple[str, ...]:
    """lib.data.programme_area.programme_regencies of the data folder: the regencies a view shows until
    the reader chooses others (() for every one), found once per data version."""
    folder = str(tables_dir())
    return _cached_programme_area(folder, _fingerprint(Path(folder)))


def default_filters() -> Filters:
    """The sidebar's filters before the reader changes any: the programme's area, every month and group."""
    return Filters(regencies=programme_area())


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_months(folder: str, fingerprint: tuple) -> list[str]:
    dated = [table(name)[column] for name, column in DATED_COLUMNS if optional_table(name) is not None]
    # Without activities or cases (a new folder) the period filter still needs one month: this one.
    return month_span(dated, first=date.today().strftime("%Y-%m"))


def filter_months() -> list[str]:
    """Every month from the first to the last activity or case (the period filter), shared until the
    files change."""
    folder = str(tables_dir())
    return _cached_months(folder, _fingerprint(Path(folder)))


def warm() -> None:
    """Load what a new visitor's first view needs before anyone asks (scripts/serve.py runs this as the server
    starts): every table, the case publication and the overview's tiles for the sidebar's defaults. What a
    run would raise for a missing or refused table is left for that run to show."""
    new_run()
    try:
        loaded_tables()
        publication()
        village_geometry()
        values = optional_table("indicator_values")
        if values is not None:
            index_of(values)                    # the codes of every value, which most pages look up
        for kind in OVERVIEW_TILES:
            try:
                overview_tile(kind, default_filters())
            except TableMissing:
                continue
    finally:
        _RUN.__dict__.clear()
