"""Screenshots for docs/screenshots/: the overview in both languages at 1366 px, and every presenter
slide at the projector's 1024x768, in Bahasa Indonesia (the meeting's language).

    .venv/bin/python scripts/take_screenshots.py [--out docs/screenshots]

Serves the dashboard on the shipped data on a free loopback port and drives Debian's chromium with
Playwright (pip install -r requirements-test.txt; never `playwright install`).
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.meeting.presenter import SLIDE_KEYS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
OVERVIEW_VIEWPORT = {"width": 1366, "height": 1000}
PROJECTOR_VIEWPORT = {"width": 1024, "height": 768}
APP = '[data-testid="stApp"]'
SETTLE_MS = 2_500      # charts and the map finish drawing after the script ends


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_served(url: str, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer in {timeout_s:.0f} s")


def _settled(page) -> None:
    """Connected, the script finished, and a moment for charts to draw."""
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=90_000)
    calm = 0
    while calm < 4:
        calm = calm + 1 if page.locator(f'{APP}[data-test-script-state="notRunning"]').count() else 0
        page.wait_for_timeout(250)
    page.wait_for_timeout(SETTLE_MS)


def take(out: Path, url: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = [(f"overview-{lang}.png", f"{url}/?lang={lang}", OVERVIEW_VIEWPORT) for lang in ("id", "en")]
    shots += [(f"slide-{number:02d}-{key}-id.png", f"{url}/?lang=id&present=1&slide={number}", PROJECTOR_VIEWPORT)
              for number, key in enumerate(SLIDE_KEYS, start=1)]
    written = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name, address, viewport in shots:
            page.set_viewport_size(viewport)
            page.goto(address)
            _settled(page)
            page.screenshot(path=str(out / name))
            written.append(out / name)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
                               "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
                               "--browser.gatherUsageStats", "false"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_served(url)
        for path in take(args.out, url):
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
