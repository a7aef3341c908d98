"""The load test through the proxy with 1, 2 and 4 dashboard processes over PostgreSQL (issue 17).

    .venv/bin/python bench/cluster_load.py --json bench/load_cluster_x1.json [--data DIR] [--processes 1 2 4]
                                          [--seconds 60]

For each number of processes: scripts/run_cluster.sh N (one PostgreSQL state folder per data folder,
build/cluster-bench-<data>, filled once by migrate-store), warm-up sessions until every process has
loaded the data, then bench/load_test.py's sessions through nginx: 50 clicking non-stop, 200 clicking
non-stop, 50 people reading (10-20 s between clicks, arriving over 20 s). Each result is load_test's,
with the servers' memory in total and per process, and the machine's load average over the run (the
machine is shared: other work on it takes cores from the servers).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bench.load_test import Cluster, MAX_SECONDS, kecamatan_codes, load, loopback_url  # noqa: E402

SCENARIOS: dict[str, dict] = {
    "clicking_50": {"sessions": 50, "think": (0.1, 0.5), "ramp": 0.0},
    "clicking_200": {"sessions": 200, "think": (0.1, 0.5), "ramp": 0.0},
    "reading_50": {"sessions": 50, "think": (10.0, 20.0), "ramp": 20.0},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="data folder copied into the store (default: the shipped data)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS), choices=list(SCENARIOS))
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= MAX_SECONDS or not all(1 <= n <= 16 for n in args.processes):
        raise SystemExit("seconds 0..1800, processes 1..16")
    state = REPO_ROOT / "build" / f"cluster-bench-{(args.data or Path('x1')).name}"
    kecamatan = kecamatan_codes(args.data)
    results = json.loads(args.json.read_text()) if args.json.is_file() else []
    for processes in args.processes:
        cluster = Cluster(processes, args.data, state)
        try:
            cluster.wait_ready()
            url, pids = loopback_url(cluster.url), cluster.pids
            for _ in range(2):   # every process loads and validates the data on its first views
                asyncio.run(load(url, sessions=8 * processes, seconds=0.01, kecamatan=kecamatan, pids=pids, seed=0))
            for name in args.scenarios:
                scenario = SCENARIOS[name]
                before = os.getloadavg()
                result = asyncio.run(load(url, sessions=scenario["sessions"], seconds=args.seconds, kecamatan=kecamatan,
                                          pids=pids, seed=1, think=scenario["think"], ramp=scenario["ramp"]))
                result.update(scenario=name, data=(args.data or Path("x1")).name, load_average_1min=[
                    round(before[0], 2), round(os.getloadavg()[0], 2)])
                print(json.dumps({k: result[k] for k in ("scenario", "processes", "sessions", "reruns_per_s", "errors",
                                                         "rerun_p95_ms", "server_peak_mb", "per_process_peak_mb")}),
                      flush=True)
                results = [r for r in results if (r["scenario"], r["processes"], r["data"]) !=
                           (name, processes, result["data"])] + [result]
                args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        finally:
            cluster.stop()
    return 0 if all(r["errors"] == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
