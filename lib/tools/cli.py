"""Command line: `python -m lib.cli COMMAND ...`, the same functions the app uses.

Exit codes: 0 success, 1 refused or invalid (with the reason, in Indonesian and English).
A person never sees a traceback: unexpected failures print a short bilingual message.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from lib.texts.i18n import LANGUAGES
from lib.data.schema import TABLES
from lib.data.load import validate_folder
from lib.data.validate import ValidationReport, validate_file

Handler = Callable[[argparse.Namespace], int]


def _languages(choice: str) -> tuple[str, ...]:
    return LANGUAGES if choice == "both" else (choice,)


def run_validate(args: argparse.Namespace) -> int:
    path = Path(args.path)
    today = date.fromisoformat(args.today) if args.today else None
    if path.is_dir():
        if args.table:
            print("--table hanya untuk satu berkas / --table applies to a single file", file=sys.stderr)
            return 1
        reports = validate_folder(path, today=today)
    else:
        from lib.data.contract import Reference
        from lib.data.load import shipped_villages
        from lib.data.validate import table_for_path

        table = args.table or table_for_path(path)
        reference = None
        if table != "villages":
            reference = Reference.from_villages(shipped_villages(), today=today or date.today())
        reports = [validate_file(path, table=args.table, reference=reference, today=today)]
    langs = _languages(args.lang)
    for report in reports:
        print(report.text(langs))
    if args.report:
        _write_problem_table(reports, Path(args.report))
    return 0 if reports and all(report.ok for report in reports) else 1


def _write_problem_table(reports: Sequence[ValidationReport], out: Path) -> None:
    """The problems as CSV: the same file as the data page's download, every cell neutralised (a value
    copied from a data file may be a formula: =HYPERLINK(...), +cmd|..., @SUM(...))."""
    from lib.data.atomic import write_bytes_atomic
    from lib.store.admin_tables import problems_download

    write_bytes_atomic(out, problems_download([problem for report in reports for problem in report.problems]))


def run_demo_data(args: argparse.Namespace) -> int:
    import shutil

    from lib.tools.demo import write_demo
    from lib.data.load import shipped_villages
    from lib.data.paths import SHIPPED_DATA_DIR

    out = Path(args.out)
    today = date.fromisoformat(args.today) if args.today else date.today()
    villages = shipped_villages()
    written = write_demo(out, seed=args.seed, villages=villages, today=today)
    if out.resolve() != SHIPPED_DATA_DIR.resolve():
        shutil.copyfile(SHIPPED_DATA_DIR / "villages.csv", out / "villages.csv")
        written.append(out / "villages.csv")
    for path in written:
        print(f"{path}")
    print(f"Data demo ditulis ke {out} / Demo data written to {out} (seed {args.seed})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description="WE Nexus Monitor command line")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="validate a data file or a data folder")
    validate.add_argument("path", help="a .csv/.xlsx file or a data folder")
    validate.add_argument("--table", choices=sorted(TABLES), help="the table, when the file name does not say it")
    validate.add_argument("--lang", choices=("both", *LANGUAGES), default="both")
    validate.add_argument("--report", help="also write every problem to this CSV file")
    validate.add_argument("--today", help=argparse.SUPPRESS)  # tests pin the date
    validate.set_defaults(handler=run_validate)

    demo = commands.add_parser("demo-data", help="write a synthetic demo dataset for the real villages")
    demo.add_argument("--seed", type=int, required=True)
    demo.add_argument("--out", required=True)
    demo.add_argument("--today", help="last date the demo data may reach (YYYY-MM-DD; default today)")
    demo.set_defaults(handler=run_demo_data)

    from lib.tools.boundaries import add_boundaries_parser

    add_boundaries_parser(commands)

    from lib.tools.export_cli import add_export_parser

    add_export_parser(commands)

    from lib.tools.store_cli import add_data_parser

    add_data_parser(commands)

    from lib.tools.disclosure_audit import add_disclosure_audit_parser

    add_disclosure_audit_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last guard: a person gets a sentence, not a traceback
        print(f"Gagal: {type(error).__name__}: {error} / Failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
