"""What a reader waits for in a browser: each page against its replay floor (bench/replay_app.py).

    .venv/bin/python -m bench.browser_bench [--pages overview map] [--runs 10] [--data DIR]

For each page the page's first view and its view after choosing a kecamatan are recorded
(bench/page_tree.py); the dashboard and a replay server for that page are started on loopback, and
Debian's chromium (Playwright; never a downloaded browser) opens each in a fresh browser context,
ours and the replay interleaved, `runs` times:
- first load: from navigation to the page complete;
- filter change: from the kecamatan chosen in the sidebar (a click on its option) to the page complete.
The time is the page area's last change (a mutation observer in the page, not the polling driver) once
the page is complete: connected, the script not running, no stale element, every Plotly chart drawn
(its SVG) and every map canvas sized, with nothing changing for half a second. Also: bytes received (HTTP and websocket), requests, DOM nodes and
the JS heap at the end. Medians and 90th percentiles; ratio = ours / replay. Results:
bench/browser_results.md and .json.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--enable-precise-memory-info"]
VIEWPORT = {"width": 1366, "height": 900}
TREE_DIR = REPO_ROOT / "build" / "bench" / "tree"
RESULTS_MD = REPO_ROOT / "bench" / "browser_results.md"
RESULTS_JSON = REPO_ROOT / "bench" / "browser_results.json"
KECAMATAN = ("53.01.04", "Semau")      # the choice the filter change makes (code, name typed)
HOLD_MS = 500
GOAL = 1.3

# In the page: a frame loop that notes when the page became complete (and stayed so) after `mark`.
COMPLETE_JS = r"""
() => {
  if (window.__bench) return;
  const app = () => document.querySelector('[data-testid="stApp"]');
  const complete = () => {
    const a = app();
    if (!a || a.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (a.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]'))
      if (!chart.querySelector('.main-svg')) return false;
    for (const map of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
      const canvas = map.querySelector('canvas');
      if (!canvas || canvas.width === 0) return false;
    }
    return !!document.querySelector('h1');
  };
  window.__bench = {complete: false, changed: null};
  // The page area's last change: a rerun that draws within one frame is seen here, not as a busy frame.
  new MutationObserver(records => {
    if (records.some(r => r.target.closest && r.target.closest('[data-testid="stMain"]')))
      window.__bench.changed = performance.now();
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const loop = () => { window.__bench.complete = complete(); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(script: Path, env: dict[str, str]):
    """`streamlit run script` on a free loopback port until the block ends."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=REPO_ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{script} did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_complete(page, *, since_ms: float, timeout_s: float = 120) -> float:
    """ms from `since_ms` (the page's clock) to the page area's last change, once it has changed after
    `since_ms`, is complete, and has not changed for HOLD_MS."""
    deadline = time.monotonic() + timeout_s
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate("() => window.__bench && [window.__bench.complete, window.__bench.changed, performance.now()]")
        if state and state[0] and state[1] is not None and state[1] >= since_ms and state[2] - state[1] >= HOLD_MS:
            return state[1] - since_ms
        page.wait_for_timeout(100)
    raise TimeoutError(f"the page did not complete: {state}")


def _open_option(page, name: str, *, tries: int = 3):
    """The kecamatan filter's option `name`, its list opened and filtered (again, if a rerun closed it)."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    for attempt in range(tries):
        box.locator("input").click()
        box.locator("input").fill(name)
        option = page.get_by_role("option", name=name, exact=True)
        try:
            option.wait_for(timeout=10_000)
            return option
        except Exception:          # playwright's TimeoutError: the list closed under a rerun
            page.keyboard.press("Escape")
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def one_visit(browser, url: str) -> dict:
    """A fresh context: first load, then the filter change; the costs of the visit."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    received = {"ws": 0}
    frames: list[tuple[str, float]] = []      # (sent or received, when): the server's share of a change

    def on_socket(ws) -> None:
        ws.on("framesent", lambda frame: frames.append(("sent", time.perf_counter())))
        ws.on("framereceived", lambda frame: (received.__setitem__("ws", received["ws"] + len(frame)),
                                              frames.append(("received", time.perf_counter()))))

    page.on("websocket", on_socket)
    page.add_init_script(f"({COMPLETE_JS})()")
    page.goto(url)
    first = _wait_complete(page, since_ms=0.0)
    option = _open_option(page, KECAMATAN[1])
    clicked = page.evaluate("() => performance.now()")
    before = len(frames)
    option.click()
    change = _wait_complete(page, since_ms=clicked)
    after = frames[before:]
    request = next(when for kind, when in after if kind == "sent")
    server = (max(when for kind, when in after if kind == "received") - request) * 1000
    costs = page.evaluate("""() => ({
        http: performance.getEntriesByType('resource').reduce((sum, e) => sum + (e.transferSize || 0), 0)
              + (performance.getEntriesByType('navigation')[0]?.transferSize || 0),
        requests: performance.getEntriesByType('resource').length + 1,
        dom: document.getElementsByTagName('*').length,
        heap: performance.memory ? performance.memory.usedJSHeapSize : 0})""")
    context.close()
    return {"first_ms": first, "change_ms": change, "server_ms": server, "bytes": costs["http"] + received["ws"],
            **costs}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(visits: list[dict]) -> dict:
    out = {}
    for key in ("first_ms", "change_ms", "server_ms", "bytes", "requests", "dom", "heap"):
        values = [v[key] for v in visits]
        out[key] = {"median": statistics.median(values), "p90": percentile(values, 0.9)}
    return out


def apptest_reruns(page_script: str, tree: Path, *, data: Path | None, runs: int) -> dict[str, float]:
    """Median server time of a warm rerun in Streamlit's AppTest, ours and the replay, each alternating
    between the page's first view and its view after the kecamatan choice (both seen before)."""
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.element_tree import parse_tree_from_messages

    if data:
        os.environ["WENEXUS_DATA_DIR"] = str(data)
    ours = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
    ours.query_params["lang"] = "en"
    ours.run()
    ours.switch_page(page_script)
    os.environ["REPLAY_SPEC"] = str(tree)
    replay = AppTest.from_file(str(REPO_ROOT / "bench" / "replay_app.py"), default_timeout=300)
    timings: dict[str, list[float]] = {"ours": [], "replay": []}
    for index in range(2 * runs + 2):
        after = index % 2 == 1
        if index:
            ours.multiselect(key="f_kecamatan").set_value([KECAMATAN[0]] if after else [])
        replay.query_params["view"] = "after" if after else "first"
        # AppTest sends back the state of every widget it was drawn; the replay's recorded widgets belong
        # to no script, so its tree is emptied before each run (no widget state to send).
        emptied = parse_tree_from_messages([])
        emptied._runner = replay._tree._runner
        replay._tree = emptied
        for kind, app in (("ours", ours), ("replay", replay)):
            started = time.perf_counter()
            app.run()
            if index >= 2:                     # the first two runs see each view once
                timings[kind].append((time.perf_counter() - started) * 1000)
    return {kind: statistics.median(values) for kind, values in timings.items()}


def bench_page(page_script: str, *, data: Path | None, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    from lib.ui.navigation import PAGES, address

    name = next(p.url_path for p in PAGES if p.script == page_script)
    tree = TREE_DIR / f"{name}.json"
    command = [sys.executable, "-m", "bench.page_tree", "--page", page_script, "--kecamatan", KECAMATAN[0],
               "--out", str(tree)] + (["--data", str(data)] if data else [])
    subprocess.run(command, check=True, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = address(next(p for p in PAGES if p.script == page_script))
    data_env = {"WENEXUS_DATA_DIR": str(data)} if data else {}
    visits: dict[str, list[dict]] = {"ours": [], "replay": []}
    with served(REPO_ROOT / "dashboard.py", data_env) as ours, \
            served(REPO_ROOT / "bench" / "replay_app.py", {"REPLAY_SPEC": str(tree)}) as replay, \
            sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        urls = {"ours": f"{ours}/{path}{'&' if '?' in path else '?'}lang=en", "replay": f"{replay}/"}
        for kind in urls:                      # one untimed visit each: the servers' own first run
            one_visit(browser, urls[kind])
        for _ in range(runs):
            for kind in ("ours", "replay"):
                visits[kind].append(one_visit(browser, urls[kind]))
        browser.close()
    result = {kind: summary(v) for kind, v in visits.items()}
    result["apptest_ms"] = apptest_reruns(page_script, tree, data=data, runs=runs)
    result["ratio"] = {key: result["ours"][key]["median"] / result["replay"][key]["median"]
                       for key in ("first_ms", "change_ms", "server_ms")}
    result["ratio"]["apptest_ms"] = result["apptest_ms"]["ours"] / result["apptest_ms"]["replay"]
    return result


def write_results(results: dict[str, dict]) -> None:
    RESULTS_JSON.write_text(json.dumps(results, indent=1), encoding="utf-8")
    lines = ["| page | filter change: ours / replay (ms, median · p90) | ratio | first load: ours / replay (ms) | ratio "
             "| server, real: ours / replay (ms) | ratio | server, AppTest: ours / replay (ms) | ratio "
             "| bytes ours / replay | requests | DOM nodes | JS heap MB |",
             "|---|---|---:|---|---:|---|---:|---|---:|---|---|---|---|"]
    for page, r in results.items():
        o, f, a = r["ours"], r["replay"], r["apptest_ms"]
        lines.append(
            f"| {page} | {o['change_ms']['median']:,.0f} · {o['change_ms']['p90']:,.0f} / "
            f"{f['change_ms']['median']:,.0f} · {f['change_ms']['p90']:,.0f} | {r['ratio']['change_ms']:.2f} | "
            f"{o['first_ms']['median']:,.0f} / {f['first_ms']['median']:,.0f} | {r['ratio']['first_ms']:.2f} | "
            f"{o['server_ms']['median']:,.0f} / {f['server_ms']['median']:,.0f} | {r['ratio']['server_ms']:.2f} | "
            f"{a['ours']:,.0f} / {a['replay']:,.0f} | {r['ratio']['apptest_ms']:.2f} | "
            f"{o['bytes']['median'] / 1e6:.2f} / {f['bytes']['median'] / 1e6:.2f} MB | "
            f"{o['requests']['median']:.0f} / {f['requests']['median']:.0f} | "
            f"{o['dom']['median']:,.0f} / {f['dom']['median']:,.0f} | "
            f"{o['heap']['median'] / 1e6:.0f} / {f['heap']['median'] / 1e6:.0f} |")
    RESULTS_MD.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from lib.ui.navigation import PAGES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="*", default=[p.url_path for p in PAGES])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--data", type=Path, default=None, help="a data folder (default: the shipped data)")
    args = parser.parse_args(argv)
    results = {}
    for page in PAGES:
        if page.url_path in args.pages:
            results[page.url_path] = bench_page(page.script, data=args.data, runs=args.runs)
            r = results[page.url_path]["ratio"]
            print(f"{page.url_path}: filter change x{r['change_ms']:.2f}, first load x{r['first_ms']:.2f}", flush=True)
    write_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
