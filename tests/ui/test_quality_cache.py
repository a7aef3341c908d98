"""The data quality report is computed once per data version (lib.ui.cache.quality_report), equals the
direct computation, and is computed again when a file or the smallest shown count changes."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from lib.ui import cache

from lib.metrics import quality
from lib.data.settings import MIN_SHOWN_COUNT_ENV
from lib.safety.publication import build_publication
from tests.conftest import as_a_new_process
from tests.safety.publication_builders import KECAMATAN, cases_of, many


def assert_reports_equal(cached: quality.QualityReport, direct: quality.QualityReport) -> None:
    for field in dataclasses.fields(quality.QualityReport):
        left, right = getattr(cached, field.name), getattr(direct, field.name)
        if isinstance(left, pd.DataFrame):
            pd.testing.assert_frame_equal(left, right, check_exact=True, obj=field.name)
        else:
            assert left == right, field.name


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """Counts the report computations that lib.ui.cache makes; its caches start and end empty (the shared
    calls on disk in a folder of this test's own: an earlier test's publication of the same data is
    otherwise found there)."""
    calls: list[int] = []
    real = quality.quality_report
    monkeypatch.setattr(quality, "quality_report", lambda *args, **options: calls.append(1) or real(*args, **options))
    monkeypatch.setenv(cache.SHARED_DIR_ENV, str(tmp_path / "shared"))
    as_a_new_process(monkeypatch)
    yield calls
    cache._cached_quality_report.clear()
    cache._SHARED.clear()


def test_cached_report_equals_the_direct_one_and_is_computed_once(folder: Path, counted: list[int]) -> None:
    first = cache.quality_report()
    assert cache.quality_report() is first and len(counted) == 1
    assert_reports_equal(first, quality.quality_report(cache.loaded_tables(), cache.publication()))
    assert first.value_jumps is not None and len(first.value_jumps) > 0     # the shipped data has jumps


def test_a_new_data_version_is_computed_again(folder: Path, counted: list[int]) -> None:
    before = cache.quality_report()
    assert "events" in set(before.last_update_by_source["table"])
    (folder / "events.csv").unlink()
    after = cache.quality_report()
    assert len(counted) == 2 and "events" not in set(after.last_update_by_source["table"])
    assert cache.quality_report() is after and len(counted) == 2


def test_a_new_smallest_shown_count_is_computed_again(folder: Path, counted: list[int],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []

    def small_publication(cases, villages, *, threshold, earlier, areas):    # 12 cases in one kecamatan: seconds
        built.append(threshold)
        return build_publication(cases_of(many(12, "2025-03-01", KECAMATAN[0])), KECAMATAN, threshold=threshold)

    monkeypatch.setattr(cache, "publication_for", small_publication)
    first = cache.quality_report().last_update_by_source.set_index("table").loc["cases"]
    monkeypatch.setenv(MIN_SHOWN_COUNT_ENV, "20")      # the 12 cases are now a small count
    cases = cache.quality_report().last_update_by_source.set_index("table").loc["cases"]
    assert len(counted) == 2 and built == [5, 20]
    assert first["rows"] == 12 and pd.isna(cases["rows"])



def test_a_restarted_server_reads_the_report_an_earlier_one_computed(folder: Path, counted: list[int],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = cache.quality_report()
    as_a_new_process(monkeypatch)                  # the same files: read from disk
    assert_reports_equal(cache.quality_report(), first)
    assert len(counted) == 1
