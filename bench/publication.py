"""Usefulness and cost of the declared case publication on a data folder (default: the shipped data).

    .venv/bin/python -m bench.publication [DATA_DIR]

Prints the share of cells shown per table, the kecamatan shown with a number over the whole window,
and the time to protect and audit (built afresh, not from the cache).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from lib.data.load import load_table
from lib.data.paths import data_dir
from lib.safety.publication import build_publication
from lib.safety.suppress import CellState


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else data_dir()
    cases, villages = load_table("cases", folder=folder), load_table("villages", folder=folder)
    started = time.perf_counter()
    publication = build_publication(cases, tuple(sorted(villages["subdistrict_code"].unique())))
    seconds = time.perf_counter() - started
    print(f"| table | cells | shown | share shown |\n|---|---:|---:|---:|")
    for table in publication.audit.tables:
        share = table.shown / table.cells if table.cells else 0.0
        print(f"| {table.table} | {table.cells} | {table.shown} | {share:.0%} |")
    kecamatan = publication.cells["cases_by_subdistrict"].values()
    numbers = sum(cell.state == CellState.SHOWN for cell in kecamatan)
    print(f"\n{len(cases)} cases; kecamatan with a number over {publication.years[0]}–{publication.years[-1]}: "
          f"{numbers} of {len(kecamatan)}; audit passed: {publication.audit.passed}; "
          f"protect + audit: {seconds:.1f} s")
    return 0 if publication.audit.passed else 1


if __name__ == "__main__":
    sys.exit(main())
