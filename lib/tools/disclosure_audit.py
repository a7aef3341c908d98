"""`python -m lib.cli disclosure-audit [DATA_DIR]`: protect the declared publication of case
statistics and audit it with the attacker's integer program (lib.safety.attacker), beside the earlier
releases readers were served (the store's earlier case versions, lib.store.history), as the app does.

Prints, per published table, its cells, how many are shown and hidden, and the narrowest interval
the attacker reached for a small count; exits 1 on any disclosure, naming the cell (never a row).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from lib.data.load import DataError, TableMissing, load_table
from lib.data.paths import data_dir
from lib.safety.publication import Publication, build_beside, subdistricts_of
from lib.store import stores
from lib.store.history import earlier_case_versions, earlier_kecamatan_lists


def audit_report(publication: Publication, seconds: float) -> str:
    audit = publication.audit
    lines = [f"{'tabel / table':<44} {'sel/cells':>9} {'tampil/shown':>12} {'sembunyi/hidden':>15}  "
             f"interval tersempit / narrowest"]
    for table in audit.tables:
        narrowest = "–" if table.narrowest is None else f"[{table.narrowest[0]}, {table.narrowest[1]}]"
        lines.append(f"{table.table:<44} {table.cells:>9} {table.shown:>12} {table.hidden:>15}  {narrowest}")
    cells = sum(t.cells for t in audit.tables)
    shown = sum(t.shown for t in audit.tables)
    lines.append(f"{'total':<44} {cells:>9} {shown:>12} {cells - shown:>15}")
    lines.append(f"ambang / threshold: {audit.threshold}; sel kecil / small cells: {audit.small_cells}; "
                 f"waktu / time: {seconds:.1f} s")
    lines.append(f"rilis diaudit bersama / releases audited together: {audit.releases} "
                 f"(rilis sebelumnya / earlier: {len(publication.earlier)}; "
                 f"tidak dimodelkan / not modelled: {audit.not_modelled})")
    if audit.passed:
        lines.append(f"LULUS: tidak ada hitungan 1-{audit.threshold - 1} yang dapat dipersempit / PASSED: no count "
                     f"1-{audit.threshold - 1} can be narrowed by an attacker who sees every published cell")
    else:
        for table, key in audit.failures:
            lines.append(f"BOCOR / DISCLOSED: {table} [{key}]")
    return "\n".join(lines)


def run_disclosure_audit(args: argparse.Namespace) -> int:
    folder = Path(args.data_dir) if args.data_dir else data_dir()
    try:
        cases = load_table("cases", folder=folder)
        villages = load_table("villages", folder=folder)
    except TableMissing:
        print(f"Tidak ada tabel kasus di {folder} / No case table in {folder}")
        return 0
    except DataError as error:
        print(error.report.text(("id", "en")))
        return 1
    store = stores.open_store(None, folder=folder) if args.data_dir else stores.configured()
    earlier = earlier_case_versions(store, tables=lambda name: villages if name == "villages" else None)
    areas = earlier_kecamatan_lists(store, tables=lambda name: villages if name == "villages" else None)
    started = time.perf_counter()
    publication = build_beside(cases, subdistricts_of(villages), earlier=earlier, areas=areas)
    print(audit_report(publication, time.perf_counter() - started))
    return 0 if publication.audit.passed else 1


def add_disclosure_audit_parser(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("disclosure-audit",
                                  help="protect and audit the published case statistics (integer program)")
    command.add_argument("data_dir", nargs="?", help="a data folder (default: the app's)")
    command.set_defaults(handler=run_disclosure_audit)
