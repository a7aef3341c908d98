"""lib.cache: the data folder is looked at once per script run, and again on the next."""
from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

from lib import cache


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
