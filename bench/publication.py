"""Usefulness and cost of the declared case publication on data folders (default: the shipped data).

    .venv/bin/python -m bench.publication [DATA_DIR ...] [--repeat N]

For each folder: the share of cells shown per table, the kecamatan shown with a number over the
whole window, and the time to protect and audit (built afresh N times, never from the cache: the
fastest and the median wall-clock time, and the CPU time of the fastest, which other work on a
shared machine disturbs less). Loading and validating the case file is not counted. The x100 folder
comes from `bench/generate.py --scale 100 --out build/bench/data/x100`.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from lib.data.load import load_table
from lib.data.paths import data_dir
from lib.safety.publication import Publication, build_publication, subdistricts_of
from lib.safety.suppress import CellState


def timed_build(folder: Path, repeat: int) -> tuple[Publication, int, list[tuple[float, float]]]:
    """The publication of a folder, its case count, and (wall, CPU) seconds of each build."""
    cases, villages = load_table("cases", folder=folder), load_table("villages", folder=folder)
    subdistricts = subdistricts_of(villages)
    times = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        publication = build_publication(cases, subdistricts)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return publication, len(cases), times


def share_table(publication: Publication) -> str:
    lines = ["| table | cells | shown | share shown |", "|---|---:|---:|---:|"]
    for table in publication.audit.tables:
        share = table.shown / table.cells if table.cells else 0.0
        lines.append(f"| {table.table} | {table.cells} | {table.shown} | {share:.0%} |")
    return "\n".join(lines)


def summary(folder: Path, publication: Publication, cases: int, times: list[tuple[float, float]]) -> str:
    kecamatan = publication.cells["cases_by_subdistrict"].values()
    numbers = sum(cell.state == CellState.SHOWN for cell in kecamatan)
    cells = sum(table.cells for table in publication.audit.tables)
    shown = sum(table.shown for table in publication.audit.tables)
    walls = [wall for wall, _ in times]
    fastest = min(times)
    window = f"{publication.years[0]}–{publication.years[-1]}" if publication.years else "–"
    return (f"{folder}: {cases} cases, {len(publication.subdistricts)} kecamatan; {cells} cells, {shown} shown, "
            f"{publication.audit.small_cells} small; kecamatan with a number over {window}: {numbers} of "
            f"{len(kecamatan)}; audit passed: {publication.audit.passed}; protect + audit over {len(times)} runs: "
            f"fastest {fastest[0]:.1f} s (CPU {fastest[1]:.1f} s), median {statistics.median(walls):.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dirs", nargs="*", type=Path, help="data folders (default: the shipped data)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per folder (default 1)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    passed = True
    for folder in args.data_dirs or [data_dir()]:
        publication, cases, times = timed_build(folder, max(1, args.repeat))
        print(share_table(publication))
        print(f"\n{summary(folder, publication, cases, times)}\n", flush=True)
        passed = passed and publication.audit.passed
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
