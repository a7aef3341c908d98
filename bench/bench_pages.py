"""Warm rerun time per page after a filter change, measured in-process with Streamlit's AppTest.

    .venv/bin/python bench/bench_pages.py [--repeat 20] [--data DIR]

For each page: one cold run, then `repeat` reruns that each choose a different kecamatan, never
one chosen before (so that every rerun computes the page for new filters, while the data tables
are warm in the cache). Reports median
and 95th percentile of the server-side script time in milliseconds. The goal (issue 3) is a warm
rerun under 150 ms on the shipped data.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402


def pages() -> list[str]:
    """Page scripts in navigation order, read from the frame's declaration."""
    import ast

    tree = ast.parse((REPO_ROOT / "dashboard.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "PAGES":
            return [element.elts[0].value for element in node.value.elts]
    raise SystemExit("PAGES not found in dashboard.py")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_page(page: str, *, repeat: int, kecamatan: list[str]) -> dict[str, float]:
    app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
    started = time.perf_counter()
    app.run()
    app.switch_page(page)
    app.run()
    cold = (time.perf_counter() - started) * 1000
    if app.exception:
        raise SystemExit(f"{page}: {app.exception[0].value}")
    warm: list[float] = []
    for index in range(repeat):
        app.multiselect(key="f_kecamatan").set_value([kecamatan[index % len(kecamatan)]])
        started = time.perf_counter()
        app.run()
        warm.append((time.perf_counter() - started) * 1000)
        if app.exception:
            raise SystemExit(f"{page}: {app.exception[0].value}")
    return {"cold_ms": cold, "median_ms": statistics.median(warm), "p95_ms": percentile(warm, 0.95)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--data", help="data folder (default: the shipped data/)")
    args = parser.parse_args()
    if args.data:
        os.environ["WENEXUS_DATA_DIR"] = args.data
    from lib.load import load_table

    kecamatan = sorted(load_table("villages")["subdistrict_code"].unique())
    print("| page | cold first render (ms) | warm rerun median (ms) | warm rerun p95 (ms) |")
    print("|---|---:|---:|---:|")
    for page in pages():
        result = bench_page(page, repeat=min(args.repeat, len(kecamatan)), kecamatan=kecamatan)
        print(f"| {page} | {result['cold_ms']:.0f} | {result['median_ms']:.0f} | {result['p95_ms']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
