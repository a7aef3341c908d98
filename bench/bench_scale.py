"""Per page and data scale: warm rerun, cold first render, peak memory, bytes to the browser, and the
same for the framework's floor (bench/floor_app.py); ratio = ours / floor (issue 7).

    .venv/bin/python bench/bench_scale.py --scale 1 20 100 [--repeat 20] [--pages overview map]

Each (scale, page) runs in a fresh Python process with Streamlit's AppTest (the page's script runs
in-process exactly as the server runs it, without the network):
- cold: the first render of the page in a new process, data loading and validation included;
- warm: `repeat` reruns, each after choosing a kecamatan in the sidebar never chosen before (the
  tables are cached, the page computes for new filters); median and 95th percentile, server time;
  compiled scripts are kept between runs, as a server keeps them (AppTest alone recompiles per run);
- memory: the process's peak resident size (VmHWM), data and all reruns included;
- bytes: the ForwardMsg protobufs one warm rerun produces, serialized (what the server writes to the
  websocket for a client without Streamlit's message cache; a browser that has seen a large
  unchanged element receives a short reference instead), median over the reruns.
The floor process gets a spec written from the page's reruns: for each kecamatan choice, the very
Plotly figures the page drew (data and layout, already aggregated), and a pydeck layer with the
chosen kecamatan's village polygons when the page draws a map. Data folders come from bench/generate.py under build/bench/data/x<scale>
(generated when missing). Results: bench/results.md and bench/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

DATA_ROOT = REPO_ROOT / "build" / "bench" / "data"
RESULTS_MD = REPO_ROOT / "bench" / "results.md"
RESULTS_JSON = REPO_ROOT / "bench" / "results.json"
FLOOR_APP = REPO_ROOT / "bench" / "floor_app.py"
GOALS = {"ratio_x1": 1.5, "warm_s_x100": 1.0, "memory_gb_x100": 2.0}


def pages() -> list[str]:
    """Page scripts in navigation order, from the frame's declaration (lib.ui.navigation.PAGES)."""
    from lib.ui.navigation import PAGES

    return [page.script for page in PAGES]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def kecamatan_choices(data: Path, count: int) -> list[str]:
    """`count` kecamatan codes spread over the programme area's list (each chosen once)."""
    from bench.kecamatan import programme_kecamatan

    codes = programme_kecamatan(data)
    step = max(1, len(codes) // max(1, count))
    return [codes[(i * step) % len(codes)] for i in range(min(count, len(codes)))]


# Worker: one process per (scale, page, app) --------------------------------------------------------
def _record_message_bytes() -> list[int]:
    """Patch AppTest so that each run appends the serialized size of its ForwardMsgs."""
    import streamlit.testing.v1.local_script_runner as runner

    sizes: list[int] = []
    parse = runner.parse_tree_from_messages

    def measured(messages):
        sizes.append(sum(len(message.SerializeToString()) for message in messages))
        return parse(messages)

    runner.parse_tree_from_messages = measured
    return sizes


def _share_script_cache() -> None:
    """Keep compiled page scripts between AppTest runs, as the server does (one ScriptCache for its
    lifetime); AppTest makes a new cache per run, so every run would recompile the scripts, a cost
    a server pays once and that grows with the script's length, not with what it computes."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = runner.ScriptCache = lambda: shared


def _charts(app) -> list[dict]:
    charts = []
    for element in app.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        traces = [{"type": trace.get("type", "scatter"),
                   "points": len(trace.get("x") or trace.get("y") or trace.get("values") or trace.get("z") or [])}
                  for trace in spec.get("data", [])]
        charts.append({"traces": traces, "bytes": len(element.proto.spec),
                       "figure": {"data": spec.get("data", []), "layout": spec.get("layout", {})}})
    return charts


def _polygons(app) -> int:
    count = 0
    for element in app.get("deck_gl_json_chart"):
        for layer in json.loads(element.proto.json).get("layers", []):
            if str(layer.get("id", "")).startswith("villages"):
                count += len(((layer.get("data") or {}).get("features")) or [])
    return count


def worker(args: argparse.Namespace) -> dict:
    """Measure one app in this process; prints nothing, returns the numbers."""
    os.environ["WENEXUS_DATA_DIR"] = str(args.data)
    sizes = _record_message_bytes()
    _share_script_cache()
    from streamlit.testing.v1 import AppTest

    script = FLOOR_APP if args.worker == "floor" else REPO_ROOT / "dashboard.py"
    if args.worker == "floor":
        os.environ["FLOOR_SPEC"] = str(args.spec)
    app = AppTest.from_file(str(script), default_timeout=args.timeout)
    started = time.perf_counter()
    app.run()
    if args.worker == "ours":   # a new session opens the app, then the page (the frame loads every table)
        app.switch_page(args.page)
        app.run()
    cold_ms = (time.perf_counter() - started) * 1000
    errors = [str(e.value) for e in app.exception]
    charts = {"": _charts(app)}
    warm, sent = [], []
    for code in args.kecamatan.split(","):
        app.multiselect(key="f_kecamatan").set_value([code])
        started = time.perf_counter()
        app.run()
        warm.append((time.perf_counter() - started) * 1000)
        sent.append(sizes[-1])
        errors += [str(e.value) for e in app.exception]
        charts[code] = _charts(app)
    return {"cold_ms": cold_ms, "warm_ms": warm, "bytes": sent, "cold_bytes": sizes[-len(warm) - 1] if sizes else 0,
            "peak_mb": peak_rss_mb(), "charts": charts, "polygons": _polygons(app), "errors": errors[:3]}


def run_worker(kind: str, data: Path, *, page: str = "", spec: Path | None = None, repeat: int,
               timeout: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--data", str(data), "--page", page,
               "--repeat", str(repeat), "--timeout", str(timeout), "--json-out", str(out),
               # chosen here: reading the tables' area codes in the worker would count in its peak memory
               "--kecamatan", ",".join(kecamatan_choices(data, repeat))]
    if spec is not None:
        command += ["--spec", str(spec)]
    try:
        subprocess.run(command, check=True, cwd=REPO_ROOT, timeout=timeout * (repeat + 2),
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return json.loads(out.read_text())
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"{kind} {page} on {data}: {error.stderr.strip().splitlines()[-1:]}") from None
    finally:
        out.unlink(missing_ok=True)


# Driver -------------------------------------------------------------------------------------------
def ensure_data(scale: str) -> Path:
    folder = DATA_ROOT / f"x{scale}"
    if not (folder / "cases.csv").is_file():
        from bench.generate import write_folder

        print(f"generating x{scale} into {folder} ...", flush=True)
        write_folder(folder, scale, seed=2025, today=__import__("bench.generate").generate.DEFAULT_TODAY)
    return folder


def summarise(result: dict) -> dict:
    return {"cold_ms": result["cold_ms"], "warm_median_ms": statistics.median(result["warm_ms"]),
            "warm_p95_ms": percentile(result["warm_ms"], 0.95), "peak_mb": result["peak_mb"],
            "bytes_median": statistics.median(result["bytes"]), "cold_bytes": result["cold_bytes"],
            "charts": max(len(charts) for charts in result["charts"].values()), "polygons": result["polygons"],
            "errors": result["errors"]}


def measure(scale: str, page: str, *, repeat: int, timeout: int, floor: bool) -> dict:
    data = ensure_data(scale)
    ours = run_worker("ours", data, page=page, repeat=repeat, timeout=timeout)
    row = {"scale": scale, "page": page, "ours": summarise(ours)}
    if floor:
        spec = {"charts": {code: [c["figure"] for c in charts] for code, charts in ours["charts"].items()},
                "map": ours["polygons"] > 0, "kecamatan": sorted(code for code in ours["charts"] if code)}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(spec, handle)
        try:
            row["floor"] = summarise(run_worker("floor", data, spec=Path(handle.name), repeat=repeat, timeout=timeout))
        finally:
            Path(handle.name).unlink(missing_ok=True)
        row["ratio"] = row["ours"]["warm_median_ms"] / max(row["floor"]["warm_median_ms"], 1e-9)
    return row


def markdown(rows: list[dict], command: str) -> str:
    lines = [
        "| scale | page | warm median (ms) | warm p95 (ms) | cold first render (ms) | peak memory (MB) | "
        "bytes per rerun (KB) | charts / polygons | floor warm median (ms) | floor peak (MB) | floor bytes (KB) | "
        "ratio ours/floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ours, floor = row["ours"], row.get("floor")
        cells = [f"x{row['scale']}", Path(row["page"]).stem, f"{ours['warm_median_ms']:.0f}", f"{ours['warm_p95_ms']:.0f}",
                 f"{ours['cold_ms']:.0f}", f"{ours['peak_mb']:.0f}", f"{ours['bytes_median'] / 1024:.0f}",
                 f"{ours['charts']} / {ours['polygons']}"]
        if floor:
            cells += [f"{floor['warm_median_ms']:.0f}", f"{floor['peak_mb']:.0f}", f"{floor['bytes_median'] / 1024:.0f}",
                      f"{row['ratio']:.2f}"]
        else:
            cells += ["–"] * 4
        lines.append("| " + " | ".join(cells) + " |")
    errors = [f"- x{r['scale']} {r['page']}: {r['ours']['errors']}" for r in rows if r["ours"]["errors"]]
    return "\n".join([f"Command: `{command}`", "", *lines, "", *(["Errors:", *errors] if errors else [])]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", nargs="+", default=["1"], choices=["1", "20", "100", "tiny"])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages", nargs="*", help="page names (overview map ...); default: every page")
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--timeout", type=int, default=600, help="seconds one run may take")
    parser.add_argument("--out", type=Path, default=RESULTS_MD)
    parser.add_argument("--json", type=Path, default=RESULTS_JSON)
    parser.add_argument("--worker", choices=["ours", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--page", default="", help=argparse.SUPPRESS)
    parser.add_argument("--spec", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--kecamatan", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        args.json_out.write_text(json.dumps(worker(args)))
        return 0
    chosen = [p for p in pages() if not args.pages or Path(p).stem in args.pages]
    rows = []
    command = "python bench/bench_scale.py " + " ".join(argv if argv is not None else sys.argv[1:])
    for scale in args.scale:
        for page in chosen:
            row = measure(scale, page, repeat=args.repeat, timeout=args.timeout, floor=not args.no_floor)
            rows.append(row)
            ours = row["ours"]
            print(f"x{scale} {Path(page).stem}: warm {ours['warm_median_ms']:.0f} ms (p95 {ours['warm_p95_ms']:.0f}), "
                  f"cold {ours['cold_ms']:.0f} ms, {ours['peak_mb']:.0f} MB, {ours['bytes_median'] / 1024:.0f} KB"
                  + (f"; floor {row['floor']['warm_median_ms']:.0f} ms, ratio {row['ratio']:.2f}" if "floor" in row else ""),
                  flush=True)
    args.out.write_text(markdown(rows, command), encoding="utf-8")
    args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
