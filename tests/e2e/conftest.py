"""Browser-test fixtures: the app on a free port (polled until ready, always stopped) and Debian's
Chromium driven by Playwright in a fresh profile (no browser download).

A missing browser skips the browser tests on a workstation, but fails them under CI (CI=true),
where a silently skipped browser test would hide a blank map.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.data.paths import REPO_ROOT

CHROMIUM = Path(os.environ.get("WENEXUS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS: tuple[str, ...] = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                  "--disable-component-update", "--disable-sync", "--no-first-run")
SERVER_START_TIMEOUT_S = 60


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextlib.contextmanager
def served(data_dir: Path | None = None) -> Iterator[str]:
    """The dashboard served by `streamlit run` on a free port (on `data_dir` when given), polled
    until it answers and always stopped."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tempfile.TemporaryFile()
    env = {**os.environ, **({"WENEXUS_DATA_DIR": str(data_dir)} if data_dir else {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read().decode(errors='replace')}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer {url}/_stcore/health in {SERVER_START_TIMEOUT_S} s")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The dashboard on the shipped data, for the whole session."""
    with served() as url:
        yield url


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; skipped when absent (failed under CI), and so is a missing Playwright."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"no browser at {CHROMIUM} (apt-get install chromium)"
    elif importlib.util.find_spec("playwright") is None:
        problem = "playwright is not installed (pip install -r requirements-test.txt)"
    if problem:
        if _in_ci():
            pytest.fail(f"browser test cannot run under CI: {problem}")
        pytest.skip(problem)
    return CHROMIUM


@pytest.fixture(scope="session")
def chromium(chromium_path: Path):
    """Debian's Chromium, started once per test session (Playwright gives it a fresh profile folder of its
    own); a new browser per test took a second or two each, about a minute and a half of the suite."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), headless=True,
                                             args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def browser_page(chromium):
    """One page in a fresh browser context of its own (no cookies, storage or cache from another test)."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    try:
        yield context.new_page()
    finally:
        context.close()
