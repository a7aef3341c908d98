"""lib.ui.cache: the data folder is looked at once per script run, and again on the next."""
from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

from lib.ui import cache


def test_the_data_folder_is_looked_at_once_per_script_run(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within a run (the frame calls cache.new_run() first) tables come from one look at the folder;
    the next run sees a changed file; outside a run every call looks."""
    scans: list[Path] = []
    real = cache._scan
    monkeypatch.setattr(cache, "_scan", lambda path: scans.append(path) or real(path))

    def run() -> tuple[int, int]:
        cache.new_run()
        rows = len(cache.table("events"))
        cache.table("villages"), cache.loaded_tables()
        return rows, len(scans)

    results: list[tuple[int, int]] = []
    worker = threading.Thread(target=lambda: results.append(run()))      # a script run has its own thread
    worker.start(), worker.join()
    events = pd.read_csv(folder / "events.csv", dtype=str)
    assert results == [(len(events), 1)]
    events.iloc[1:].to_csv(folder / "events.csv", index=False)          # a new version between two runs
    worker = threading.Thread(target=lambda: results.append(run()))
    worker.start(), worker.join()
    assert results[1] == (len(events) - 1, 2)
    cache.table("events"), cache.table("events")                        # not in a run: each call looks
    assert len(scans) == 4


def test_a_run_that_began_before_a_change_does_not_evict_the_newer_version(folder: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Run A looks at the folder, the file changes, run B loads the new version; when A asks again it
    gets B's version: no table is loaded again and again between overlapping runs."""
    loads: list[str] = []
    real = cache.serve_table
    monkeypatch.setattr(cache, "serve_table", lambda name, **kw: loads.append(name) or real(name, **kw))
    cache._cached_table.clear()
    cache._SERVED.clear()
    events = pd.read_csv(folder / "events.csv", dtype=str)
    a_started, changed, b_done = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, list[int]] = {"a": [], "b": []}

    def run_a() -> None:
        cache.new_run()
        seen["a"].append(len(cache.table("events")))
        a_started.set()
        b_done.wait(30)
        seen["a"].append(len(cache.table("events")))     # the same run, its fingerprint now older

    def run_b() -> None:
        changed.wait(30)
        cache.new_run()
        seen["b"].append(len(cache.table("events")))
        b_done.set()

    threads = [threading.Thread(target=run_a), threading.Thread(target=run_b)]
    for thread in threads:
        thread.start()
    a_started.wait(30)
    events.iloc[1:].to_csv(folder / "events.csv", index=False)
    changed.set()
    for thread in threads:
        thread.join(30)
    assert seen == {"a": [len(events), len(events) - 1], "b": [len(events) - 1]}

    def events_loads() -> list[str]:      # villages are loaded too: what events are checked against
        return [name for name in loads if name == "events"]

    assert events_loads() == ["events", "events"]
    assert len(cache.table("events")) == len(events) - 1 and events_loads() == ["events", "events"]   # outside a run
    cache._cached_table.clear()
    cache._SERVED.clear()


def test_warm_loads_what_a_first_view_needs_before_anyone_asks(monkeypatch, tmp_path) -> None:
    """scripts/serve.py runs cache.warm() before serving: afterwards the overview's tiles are answered
    without computing them again."""
    from lib.data.filters import Filters
    from lib.ui import cache

    monkeypatch.setenv(cache.SHARED_DIR_ENV, str(tmp_path / "shared"))
    cache._SHARED.clear()
    cache.warm()
    computed: list[str] = []
    real = dict(cache.OVERVIEW_TILES)
    monkeypatch.setattr(cache, "OVERVIEW_TILES", {kind: (lambda f, kind=kind: computed.append(kind) or real[kind](f))
                                                  for kind in real})
    cache.new_run()
    assert cache.default_filters() == Filters(regencies=("53.01",))          # the programme's area
    for kind in real:
        cache.overview_tile(kind, cache.default_filters())
    assert computed == []
    assert list((tmp_path / "shared").glob("*.pickle"))                      # kept for the next process


def test_the_default_view_is_kept_on_disk_and_a_filtered_one_in_memory(tmp_path, monkeypatch) -> None:
    from lib.data.filters import Filters

    monkeypatch.setenv(cache.SHARED_DIR_ENV, str(tmp_path / "shared"))
    cache._SHARED.clear()
    frame = pd.DataFrame({"area": ["a"], "value": [1]})
    cache.page_calls(Filters(subdistricts=("53.01.04",)))(len, frame)
    cache.page_calls(Filters())(len, frame)                                # every regency: not the default
    assert not (tmp_path / "shared").exists()
    cache.page_calls(Filters(regencies=("53.01",)))(len, frame)
    assert len(list((tmp_path / "shared").glob("*.pickle"))) == 1
    cache._SHARED.clear()


def test_the_publication_is_made_beside_the_case_versions_readers_were_served(folder: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upload appends a case, the app's publication is protected beside the earlier version's
    (and the shipped data's publication by the earlier method): lib.store.history through case_history."""
    from tests.conftest import store_version
    from tests.store.test_history import _appended

    monkeypatch.setenv("WENEXUS_CACHE_DIR", str(tmp_path / "cache"))
    before = cache.publication()
    store_version(folder, "cases", _appended(folder, "C-NEW001"))
    assert [item.key for item in cache.case_history()] == [cache.stores.configured().list_versions("cases")[0].sha256]
    after = cache.publication()
    # the shipped cases by the earlier method and over Kupang's kecamatan alone, as readers saw them, v1, v2
    assert after.earlier[-1] == before.version and after.audit.releases == 4 and after.audit.passed
    assert after.cell("cases_total", ()).value is None         # one case more than readers saw: not shown
