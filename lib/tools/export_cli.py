"""Command line: the meeting deck, the PDF report and the safe exports, for any filters.

    python -m lib.cli deck   --lang en --out slides.pptx [--kecamatan 53.01.04 ...] [--from 2025-01] [--to 2025-12]
                                                        [--regency 53.02 | all]   (default: the programme's area)
    python -m lib.cli report --lang id --out laporan.pdf [filters]
    python -m lib.cli export reach_by_village --format csv|xlsx|hxl --out FILE [--lang] [filters]

Exit codes: 0 written, 1 refused or invalid (a bilingual message says why). `export cases` is
always refused: case data leaves only as safe counts (cases_by_year, cases_by_kecamatan, ...).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lib.data import codes
from lib.data.atomic import write_bytes_atomic
from lib.data.filters import ALL_REGENCIES, MONTH, Filters, filters_from_query
from lib.data.programme_area import REPORTING_COLUMNS, programme_regencies
from lib.texts.i18n import LANGUAGES, t
from lib.data.load import DataError, TableMissing, load_table
from lib.meeting.context import KNOWN_TABLES, SlideContext
from lib.data.settings import min_shown_count
from lib.store import stores
from lib.store.history import earlier_case_versions, earlier_kecamatan_lists

# Filter option -> (URL key of lib.data.filters, code list checked against; None: a village or kecamatan code).
FILTER_OPTIONS: dict[str, tuple[str, codes.CodeList | None]] = {
    "regency": ("regency", None), "kecamatan": ("kecamatan", None), "desa": ("desa", None), "sex": ("sex", codes.SEX),
    "age": ("age", codes.AGE_GROUP), "disability": ("disability", codes.DISABILITY),
}


class Refused(Exception):
    """A request the command line will not carry out; `key` and `values` make its bilingual message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def say(key: str, *, stream=None, **values: object) -> None:
    """One message in Bahasa Indonesia, then English."""
    for lang in LANGUAGES:
        print(t(key, lang, **values), file=stream or sys.stdout)


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default="id", help="id (default) or en")
    parser.add_argument("--out", required=True, type=Path, help="the file to write")
    for option in FILTER_OPTIONS:
        parser.add_argument(f"--{option}", nargs="+", action="extend", default=[], metavar="CODE")
    parser.add_argument("--from", dest="period_from", metavar="YYYY-MM")
    parser.add_argument("--to", dest="period_to", metavar="YYYY-MM")


def add_export_parser(commands: argparse._SubParsersAction) -> None:
    """Add `deck`, `report` and `export` to the CLI (lib.tools.cli)."""
    deck = commands.add_parser("deck", help="meeting slides (PowerPoint) / slide rapat")
    _filter_arguments(deck)
    deck.set_defaults(handler=run_deck)
    report = commands.add_parser("report", help="printable report (PDF) / laporan cetak")
    _filter_arguments(report)
    report.set_defaults(handler=run_report)
    export = commands.add_parser("export", help="an aggregated, safe table / tabel agregat yang aman")
    export.add_argument("table", help="e.g. reach_by_village, indicator_progress, cases_by_year, priority_villages")
    export.add_argument("--format", choices=("csv", "xlsx", "hxl"), default="csv")
    _filter_arguments(export)
    export.set_defaults(handler=run_export)


def filters_from_args(args: argparse.Namespace, villages, programme_area: tuple[str, ...] = ()) -> Filters:
    """The Filters the options ask for (without --regency, the `programme_area`; `--regency all`, every
    regency); an unknown code or a malformed month is refused, not dropped."""
    for month in (args.period_from, args.period_to):
        if month and not MONTH.match(month):
            raise Refused("cli_bad_month", value=month)
    unknown = [c for c in args.regency if c not in {*villages["regency_code"], ALL_REGENCIES}]
    unknown += [c for c in args.kecamatan if c not in set(villages["subdistrict_code"])]
    unknown += [c for c in args.desa if c not in set(villages["village_code"])]
    for option, (_, code_list) in FILTER_OPTIONS.items():
        if code_list is not None:
            unknown += [c for c in getattr(args, option) if not code_list.resolve(c)]
    if unknown:
        raise Refused("cli_unknown_codes", codes=", ".join(unknown))
    query = {key: getattr(args, option) for option, (key, _) in FILTER_OPTIONS.items()}
    query.update({"from": [args.period_from] if args.period_from else [], "to": [args.period_to] if args.period_to
                  else []})
    return filters_from_query(query, villages, programme_area)


def load_context(args: argparse.Namespace, *, tables: tuple[str, ...] = KNOWN_TABLES,
                 geometry: bool = False) -> SlideContext:
    """The validated tables asked for (a missing one is None), the filters and, if asked, the map geometry."""
    loaded = {}
    for name in ("villages", *tables):
        try:
            loaded[name] = load_table(name)
        except TableMissing:
            loaded[name] = None
        except DataError as error:
            raise Refused("cli_data_error", reason=error.report.summary("en")) from error
    shapes = None
    if geometry:
        from lib.map.geometry import load_village_geometry
        from lib.data.paths import boundaries_dir

        shapes = load_village_geometry(boundaries_dir())
    history = () if loaded.get("cases") is None else tuple(earlier_case_versions(
        stores.configured(), tables=lambda name: loaded.get(name)))
    areas = () if loaded.get("cases") is None else tuple(earlier_kecamatan_lists(
        stores.configured(), tables=lambda name: loaded.get(name)))
    area = programme_regencies(loaded["villages"], [frame[column] for name, column in REPORTING_COLUMNS
                                                    if (frame := _optional(name, loaded)) is not None])
    return SlideContext(tables=loaded, filters=filters_from_args(args, loaded["villages"], area), lang=args.lang,
                        threshold=min_shown_count(), geometry=shapes, case_history=history, earlier_areas=areas)


def _optional(name: str, loaded: dict[str, pd.DataFrame | None]) -> pd.DataFrame | None:
    """A table already loaded, else loaded now; None when missing or refused (it only narrows the default area)."""
    if name in loaded:
        return loaded[name]
    try:
        return load_table(name)
    except (TableMissing, DataError):
        return None


def _guarded(run):
    """Refusals become a bilingual message on stderr and exit code 1."""
    def handler(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except Refused as refusal:
            say(refusal.key, stream=sys.stderr, **refusal.values)
            return 1
    return handler


def _written(path: Path, started: float, payload: bytes, *, warning: str = "") -> int:
    write_bytes_atomic(path, payload)
    say("cli_written", path=path, detail=f"{len(payload):,} bytes, {time.monotonic() - started:.1f} s")
    if warning:
        print(warning, file=sys.stderr)
    return 0


def _meeting_file(args: argparse.Namespace, build: Callable[..., bytes]) -> int:
    """The deck or the report (`build`) of the slides for the arguments' filters and language."""
    from lib.meeting.render import slides_with_images

    started = time.monotonic()
    context = load_context(args, geometry=True)
    slides, images, missing = slides_with_images(context)
    payload = build(slides, images, lang=context.lang, demo=context.demo, made=context.today, missing=missing)
    return _written(args.out, started, payload, warning=missing)


@_guarded
def run_deck(args: argparse.Namespace) -> int:
    from lib.meeting.deck import build_deck

    return _meeting_file(args, build_deck)


@_guarded
def run_report(args: argparse.Namespace) -> int:
    from lib.meeting.report import build_report

    return _meeting_file(args, build_report)


@_guarded
def run_export(args: argparse.Namespace) -> int:
    from lib.exports.registry import ROW_LEVEL_TABLES, VIEWS
    from lib.exports.formats import export_bytes

    started = time.monotonic()
    safe_choices = ", ".join(sorted(VIEWS))
    if args.table in ROW_LEVEL_TABLES:
        raise Refused("cli_cases_refused", tables=", ".join(name for name in VIEWS if name.startswith("cases_")))
    if args.table not in VIEWS:
        raise Refused("cli_unknown_table", table=args.table, tables=safe_choices)
    view = VIEWS[args.table]
    context = load_context(args, tables=view.tables)
    missing = [name for name in view.tables if context.table(name) is None]
    if missing:
        raise Refused("cli_table_missing", tables=", ".join(missing))
    frame = view.build(context)
    return _written(args.out, started, export_bytes(frame, fmt=args.format, lang=args.lang))
