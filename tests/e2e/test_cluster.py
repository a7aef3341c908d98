"""scripts/run_cluster.sh 2 as an IT officer starts it: PostgreSQL (as the postgres user), two dashboard
processes and nginx, on loopback, on the shipped data copied into the store. Every page is served
through the proxy over Streamlit's websocket without an error; a version committed in one process is
what both dashboard processes show at their next rerun; wrong passwords counted in two processes lock
the name in a third. Skipped without PostgreSQL or nginx on a workstation, failed under CI."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bench.load_test import Cluster, SessionLog, _run, load, loopback_url
from lib.data.paths import REPO_ROOT
from lib.store.auth import LoginOutcome, Users, hash_password
from lib.store.postgres import PostgresStore
from tests.conftest import TODAY, new_activities
from tests.postgres_helpers import in_ci, postgres_bin

PAGES = {"overview", "progress", "violence", "climate", "map", "village", "data_admin"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if postgres_bin() is None or shutil.which("nginx") is None:
        problem = "PostgreSQL and nginx are needed (bash scripts/setup.sh test)"
        if in_ci():
            pytest.fail(problem)
        pytest.skip(problem)
    state = Path(tempfile.mkdtemp(prefix="wenexus-cluster-"))
    os.chmod(state, 0o711)                     # the postgres user reaches its data folder inside
    started = Cluster(2, None, state / "cluster")
    try:
        started.wait_ready(timeout=300)
        yield started
    finally:
        started.stop()
        shutil.rmtree(state, ignore_errors=True)


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API (the browser the e2e tests share for the
    session) keeps an event loop running in the main thread once a browser test has run."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def store_of(cluster: Cluster, tmp_path: Path) -> PostgresStore:
    return PostgresStore(cluster.store_url, copy_root=tmp_path)


def overview_tiles(base: str) -> list[str]:
    """The overview's tiles as one fresh session of a browser sees them."""
    async def one_run() -> list[str]:
        import websockets

        url = loopback_url(base)
        log, pages = SessionLog(), {}
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=2 ** 28) as websocket:
            await _run(websocket, urlencode({"lang": "en"}), "", log, pages)
        assert log.errors == []
        return log.metrics

    return run(one_run())


def test_the_proxy_serves_every_page_over_postgresql(cluster: Cluster) -> None:
    url = loopback_url(cluster.url)
    run(load(url, sessions=4, seconds=0.01, kecamatan=["53.01.06"], pids=cluster.pids, seed=0))  # warm
    result = run(load(url, sessions=4, seconds=20, kecamatan=["53.01.06", "53.01.04"], pids=cluster.pids,
                      seed=3, think=(0.0, 0.1)))
    assert result["errors"] == 0, result["error_examples"]
    assert set(result["pages"]) == PAGES, result["pages"]   # the menu's pages, every one
    assert result["processes"] == 2 and all(peak > 0 for peak in result["per_process_peak_mb"])


def test_a_version_committed_in_one_process_shows_in_every_process(cluster: Cluster, tmp_path: Path) -> None:
    backends = [f"http://127.0.0.1:{cluster.app_port + n}" for n in range(2)]
    before = [overview_tiles(base) for base in backends]
    assert before[0] == before[1] and before[0]
    upload = tmp_path / "kegiatan.csv"
    upload.write_bytes(new_activities(5))
    result = subprocess.run([sys.executable, "-m", "lib.cli", "data", "import", str(upload), "--table", "activities",
                             "--user", "ana", "--today", TODAY.isoformat()], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "WENEXUS_STORE_URL": store_of(cluster, tmp_path).url,
                                                         "WENEXUS_STORE_COPY_DIR": str(tmp_path / "cli")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stored as version 2" in result.stdout
    after = [overview_tiles(base) for base in [*backends, cluster.url]]
    assert after[0] != before[0]
    assert after[0] == after[1] == after[2]


LOGIN = """
import os, sys
from lib.store.auth import AuthPolicy, Users
from lib.store.postgres import PostgresStore
from datetime import timedelta
store = PostgresStore(os.environ["WENEXUS_STORE_URL"], copy_root=sys.argv[2])
users = store.users(Users())
policy = AuthPolicy(first_delay=timedelta(0), max_delay=timedelta(0))
print(",".join(store.login(users, "Maria", "wrong-password", policy=policy).outcome.value for _ in range(int(sys.argv[1]))))
"""


def test_wrong_passwords_in_two_processes_lock_the_name_in_a_third(cluster: Cluster, tmp_path: Path) -> None:
    store = store_of(cluster, tmp_path / "test")
    store.set_user("maria", hash_password("a-long-password-1", rounds=4), by="test")
    env = {**os.environ, "WENEXUS_STORE_URL": store.url}
    outcomes = [subprocess.run([sys.executable, "-c", LOGIN, str(count), str(tmp_path / str(count))], cwd=REPO_ROOT,
                               env=env, capture_output=True, text=True, timeout=120).stdout.strip()
                for count in (3, 2)]
    assert outcomes == ["wrong,wrong,wrong", "wrong,locked"]
    assert store.login(store.users(Users()), "maria", "a-long-password-1").outcome == LoginOutcome.LOCKED
    store.close()


def test_the_proxy_compresses_streamlit_s_scripts(cluster: Cluster) -> None:
    """Streamlit serves its JavaScript uncompressed; through the proxy it travels gzipped, a fraction of it."""
    import gzip
    import re
    import urllib.request

    index = urllib.request.urlopen(f"{cluster.url}/", timeout=30).read().decode("utf-8")
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', index).group(1)
    plain = urllib.request.urlopen(f"{cluster.url}/{script}", timeout=30).read()
    request = urllib.request.Request(f"{cluster.url}/{script}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers.get("Content-Encoding") == "gzip"
        packed = response.read()
    assert gzip.decompress(packed) == plain and len(packed) < len(plain) / 2
