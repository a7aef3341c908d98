"""The first view of each page after a server restart (issue 18: at most 2 s of server time at x100).

    .venv/bin/python -m bench.first_view [--data build/bench/data/x100] [--pages progress map] [--json FILE]

For each page, two new processes in turn, each started as scripts/serve.py starts the server (the app's
modules imported, lib.ui.cache.warm()), then the page's first view in Streamlit's AppTest with the
sidebar's defaults, timed:
- after a change: the first process after the data or the code changed, when nothing is kept on disk
  yet (the validated tables, the case publication, the default views). Each page is measured in a
  fresh cache folder, so each pays for what it needs, as the first visitor after a data change does;
- after a restart: the next process, the same data and code: what a visitor waits for after the
  server was restarted.
Warm-up times are the server's start, before it accepts anyone. The table cache, the shared results
and the case publications go to folders of each page's own under build/bench/first_view (--work).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

WORK_DIR = REPO_ROOT / "build" / "bench" / "first_view"
GOAL_S = 2.0

# Run in the measured process: import and warm as scripts/serve.py does, then the page's first view.
PROCESS = r"""
import importlib, json, pkgutil, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
import lib
for module in pkgutil.walk_packages(lib.__path__, "lib."):
    if not module.name.startswith(("lib.tools", "lib.cli")):
        importlib.import_module(module.name)
from lib.ui import cache
cache.warm()
warm = time.perf_counter() - started
from streamlit.testing.v1 import AppTest
app = AppTest.from_file({dashboard!r}, default_timeout=900)
app.query_params["lang"] = "en"
if {script!r} != "dashboard.py":
    app.switch_page({script!r})
began = time.perf_counter()
app.run()
print(json.dumps({{"warm_s": warm, "first_view_s": time.perf_counter() - began, "exceptions": len(app.exception)}}))
"""


def one_process(script: str, env: dict[str, str]) -> dict:
    code = PROCESS.format(root=str(REPO_ROOT), dashboard=str(REPO_ROOT / "dashboard.py"), script=script)
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          check=True, timeout=1800)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_page(script: str, data: Path | None, work: Path) -> dict:
    folder = work / Path(script).stem
    shutil.rmtree(folder, ignore_errors=True)
    env = {**os.environ, "WENEXUS_TABLE_CACHE_DIR": str(folder / "tables"), "WENEXUS_SHARED_CACHE_DIR": str(folder / "shared"),
           "WENEXUS_CACHE_DIR": str(folder / "publications"), **({"WENEXUS_DATA_DIR": str(data)} if data else {})}
    return {"after_change": one_process(script, env), "after_restart": one_process(script, env)}


def main(argv: list[str] | None = None) -> int:
    from lib.ui.navigation import PAGES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="a data folder (default: the shipped data)")
    parser.add_argument("--pages", nargs="*", default=None, help="url paths, e.g. progress map (default: all)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here too")
    parser.add_argument("--work", type=Path, default=WORK_DIR, help="cache folders (default: build/bench/first_view)")
    args = parser.parse_args(argv)
    chosen = [page for page in PAGES if args.pages is None or (page.url_path or "overview") in args.pages]
    results = {}
    print("| page | warm-up after a change (s) | first view after a change (s) | warm-up after a restart (s) "
          "| first view after a restart (s) |\n|---|---:|---:|---:|---:|")
    for page in chosen:
        started = time.perf_counter()
        found = bench_page(page.script, args.data, args.work)
        results[page.url_path or "overview"] = found
        change, restart = found["after_change"], found["after_restart"]
        mark = "" if restart["first_view_s"] <= GOAL_S else " (over 2 s)"
        print(f"| {page.url_path or 'overview'} | {change['warm_s']:.1f} | {change['first_view_s']:.2f} | "
              f"{restart['warm_s']:.1f} | {restart['first_view_s']:.2f}{mark} |", flush=True)
        if change["exceptions"] or restart["exceptions"]:
            print(f"  {page.script}: the page raised ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
            return 1
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
