"""Shared fixtures: a pinned 'today', the shipped villages, and small file writers."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from lib.data.contract import Reference
from lib.data.filters import Filters
from lib.data.load import shipped_villages
from lib.data.paths import SHIPPED_DATA_DIR

TODAY = date(2025, 12, 31)
# The shipped geography holds Kabupaten Kupang and Timor Tengah Selatan; the programme reports from
# Kupang, so that is the default view (lib.data.programme_area), which these filters are.
KUPANG = "53.01"
DEFAULT_VIEW = Filters(regencies=(KUPANG,))

# Lines a corpus test reports (how many of its files were refused): printed at the end of every run, with
# or without -s (tests/data/test_privacy.py).
RUN_REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    for line in RUN_REPORT:
        terminalreporter.write_line(line)


def pytest_sessionfinish(session) -> None:
    if hasattr(session.config, "workeroutput"):   # a worker of a parallel run: its lines go to the summary
        session.config.workeroutput["run_report"] = list(RUN_REPORT)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """pytest-xdist: a worker finished; its report lines join the run's."""
    RUN_REPORT.extend(getattr(node, "workeroutput", {}).get("run_report", []))


def pytest_configure(config) -> None:
    # Results kept on disk for the next process (lib.ui.cache.durable) go to a folder of this run's own: a
    # developer's earlier runs must not answer for this one (servers the tests start inherit it).
    os.environ.setdefault("WENEXUS_SHARED_CACHE_DIR", tempfile.mkdtemp(prefix="wenexus-shared-"))
    # The same for the case publications (lib.safety.publication keeps every one made: the record of what
    # readers were served, which later publications are protected beside).
    os.environ.setdefault("WENEXUS_CACHE_DIR", tempfile.mkdtemp(prefix="wenexus-publications-"))
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:   # a worker of a parallel run (scripts/run_tests.sh): each its own, as the tests in it expect
        for name in ("WENEXUS_SHARED_CACHE_DIR", "WENEXUS_CACHE_DIR"):
            os.environ[name] = os.path.join(os.environ[name], worker)
            os.makedirs(os.environ[name], exist_ok=True)


@pytest.fixture(autouse=True)
def no_script_run_left_behind() -> Iterator[None]:
    """A test that plays a dashboard run (lib.ui.cache.new_run) leaves no run behind: the next test's
    tables would come from that run's folder and its one look at the files."""
    yield
    cache = sys.modules.get("lib.ui.cache")
    if cache is not None:
        cache._RUN.__dict__.clear()

# Rows of the shipped tables' shapes, for files written by the tests.
ACTIVITY_HEADER = ["activity_id", "date", "village_code", "activity_type", "participants_female",
                   "participants_male", "participants_with_disability", "participants_youth", "source"]
GOOD_ACTIVITY = ["ACT-1", "2025-02-06", "53.01.04.2003", "pokja_perdamaian", "12", "5", "1", "3", "register"]
CASE_HEADER = ["case_id", "report_date", "incident_date", "village_code", "subdistrict_code", "violence_forms",
               "place", "victim_sex", "victim_age_group", "perpetrator_relationship", "services", "source"]
GOOD_CASE = ["C-1A2B", "2025-03-02", "2025-02-27", "53.01.04.2003", "53.01.04", "seksual", "rumah_tangga",
             "perempuan", "13-17", "keluarga_saudara", "pengaduan;kesehatan", "SIMFONI-PPA"]
SHIPPED_ACTIVITIES = (SHIPPED_DATA_DIR / "activities.csv").read_bytes()


def with_cell(row: list[str], header: list[str], column: str, value: str) -> list[str]:
    changed = list(row)
    changed[header.index(column)] = value
    return changed


def make_cases(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """(report_date, subdistrict_code, victim_sex, victim_age_group, violence_forms) per case."""
    frame = pd.DataFrame(rows, columns=["report_date", "subdistrict_code", "victim_sex", "victim_age_group",
                                        "violence_forms"])
    return frame.assign(report_date=pd.to_datetime(frame["report_date"]), village_code=pd.NA,
                        place="rumah_tangga", perpetrator_relationship="lainnya", services="pengaduan")


def new_activities(count: int, *, prefix: str = "ACT-2099") -> bytes:
    """`count` rows of the shipped activities under new ids: a valid file to append."""
    lines = SHIPPED_ACTIVITIES.decode().splitlines()
    rows = [line.replace("ACT-2024", prefix, 1) for line in lines[1:count + 1]]
    return ("\n".join([lines[0], *rows]) + "\n").encode()


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    return ("\n".join(",".join(row) for row in [header, *rows]) + "\n").encode()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (except locks and the audit log), to prove nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".lock" and "admin" not in p.parts}


def store_version(folder: Path, table: str, payload: bytes) -> None:
    """`payload` stored as the table's newest version through the store (the data page's way)."""
    from lib.store.versions import import_file

    outcome = import_file(payload, table=table, source_name=f"{table}.csv", user="ana", via="app", folder=folder,
                          today=TODAY)
    assert outcome.ok, outcome.message("en")


def break_file(folder: Path, table: str) -> None:
    """The table's current file replaced by hand with one that fails validation (row 2: an unknown village)."""
    path = folder / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    code = next(cell for cell in lines[1].split(",") if cell.startswith("53.01.") and cell.count(".") == 3)
    lines[1] = lines[1].replace(code, "53.01.04.2999", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def villages() -> pd.DataFrame:
    return shipped_villages()


@pytest.fixture(scope="session")
def kupang(villages: pd.DataFrame) -> pd.DataFrame:
    """The shipped villages of Kabupaten Kupang (the programme's regency), 177."""
    return villages[villages["regency_code"] == KUPANG].reset_index(drop=True)


@pytest.fixture(scope="session")
def reference(villages: pd.DataFrame) -> Reference:
    return Reference.from_villages(villages, today=TODAY)


def write_csv(path: Path, header: list[str], rows: list[list[object]], *, sep: str = ",", bom: bool = False,
              encoding: str = "utf-8") -> Path:
    """Write a small CSV as a person's spreadsheet would export it."""
    lines = [sep.join(header)] + [sep.join("" if v is None else str(v) for v in row) for row in rows]
    payload = ("\ufeff" if bom else "") + "\n".join(lines) + "\n"
    path.write_bytes(payload.encode(encoding))
    return path



@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder holding a copy of the shipped tables, named by WENEXUS_DATA_DIR."""
    data = tmp_path / "data"
    data.mkdir()
    for path in SHIPPED_DATA_DIR.glob("*.csv"):
        shutil.copyfile(path, data / path.name)
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(data))
    return data


@pytest.fixture(scope="session")
def postgres_server() -> Iterator["ThrowawayPostgres"]:
    """A throw-away PostgreSQL on a free loopback port for the session (tests/postgres_helpers.py)."""
    from tests.postgres_helpers import start_or_skip

    server = start_or_skip()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's PostgreSQL."""
    return postgres_server.database()


def as_a_new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """lib.ui.cache as a newly started server finds it: nothing in memory, what is kept on disk still there."""
    from lib.ui import cache

    for kept in (cache._cached_quality_report, cache._cached_table, cache._cached_geometry, cache._SHARED,
                 cache._SERVED):
        kept.clear()
    monkeypatch.setattr(cache, "_PUBLICATIONS", cache.publications_memo())
