"""`python -m lib.cli data ...`: import, list versions, roll back, hash a password, manage the users of a
PostgreSQL store, copy a file store into PostgreSQL.

The same store as the data page (lib.store.stores.configured: the data folder, or PostgreSQL when
WENEXUS_STORE_URL or [connections.store] says so). Exit code 0 on success, 1 when refused, with the
reason in Indonesian and English.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path

from lib.store import audit_log, stores
from lib.store.auth import hash_password, password_problem
from lib.texts.i18n import LANGUAGES, t
from lib.data.schema import TABLES
from lib.store.checks import render_params
from lib.store.postgres import PostgresStore, StoreUnreachable
from lib.store.versions import IMPORT_MODES, Outcome
from lib.store.manifest import ManifestUnreadable, Version
from lib.data.validate import table_for_path


def add_data_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `data import|versions|rollback|hash-password` to the command line."""
    parser = commands.add_parser("data", help="versioned data store / penyimpanan data berversi")
    actions = parser.add_subparsers(dest="data_command", required=True)

    importer = actions.add_parser("import", help="store a file as a new version / simpan berkas sebagai versi baru")
    importer.add_argument("file", type=Path, help="a .csv or .xlsx file")
    importer.add_argument("--table", choices=sorted(TABLES), help="the table (default: from the file name)")
    importer.add_argument("--mode", choices=IMPORT_MODES, default="replace",
                          help="replace the table, or append rows (new keys only)")
    importer.add_argument("--user", help="who is storing it (default: the login name)")
    importer.add_argument("--lang", choices=("both", *LANGUAGES), default="both")
    importer.add_argument("--today", help=argparse.SUPPRESS)  # tests pin the date
    importer.set_defaults(handler=run_import)

    versions = actions.add_parser("versions", help="list versions / daftar versi")
    versions.add_argument("table", nargs="?", choices=sorted(TABLES))
    versions.add_argument("--lang", choices=("both", *LANGUAGES), default="both")
    versions.set_defaults(handler=run_versions)

    back = actions.add_parser("rollback", help="make an earlier version current again / kembalikan versi lama")
    back.add_argument("table", choices=sorted(TABLES))
    back.add_argument("version", help="version number, e.g. 3 or v3")
    back.add_argument("--user", help="who is rolling back (default: the login name)")
    back.add_argument("--lang", choices=("both", *LANGUAGES), default="both")
    back.add_argument("--today", help=argparse.SUPPRESS)
    back.set_defaults(handler=run_rollback)

    hasher = actions.add_parser("hash-password", help="bcrypt hash for .streamlit/secrets.toml / hash kata sandi")
    hasher.add_argument("--user", help="print the secrets.toml line for this user name")
    hasher.set_defaults(handler=run_hash_password)

    user = actions.add_parser("user", help="users of a PostgreSQL store / pengguna penyimpanan PostgreSQL")
    user.add_argument("action", choices=("set", "remove"), help="set: add a user or change a password (asked twice)")
    user.add_argument("name")
    user.set_defaults(handler=run_user)

    migrate = actions.add_parser("migrate-store", help="copy a file store into PostgreSQL, with its history and "
                                 "audit log, and check the copy / salin penyimpanan berkas ke PostgreSQL")
    migrate.add_argument("--from", dest="source", type=Path, required=True, help="the data folder")
    migrate.add_argument("--to", dest="target", required=True, help="postgresql://user:password@host:port/database")
    migrate.add_argument("--today", help=argparse.SUPPRESS)
    migrate.set_defaults(handler=run_migrate_store)
    return parser


def _langs(choice: str) -> tuple[str, ...]:
    return LANGUAGES if choice == "both" else (choice,)


def _user(given: str | None) -> str:
    name = " ".join((given or "").split())[:64]
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _today(args: argparse.Namespace) -> date | None:
    return date.fromisoformat(args.today) if getattr(args, "today", None) else None


def _say(key: str, langs: Sequence[str], *, to_stderr: bool = False, **params: object) -> None:
    """One message in each language, numbers in each language's format."""
    for lang in langs:
        print(t(key, lang, **render_params(params, lang)), file=sys.stderr if to_stderr else sys.stdout)


def print_outcome(outcome: Outcome, langs: Sequence[str]) -> int:
    """Print what a write did, or why it was refused, with every problem; returns the exit code."""
    for lang in langs:
        print(outcome.message(lang))
    plan = outcome.plan
    if outcome.ok:
        for entry in outcome.recorded[:-1]:
            _say("da_cli_recorded_first", langs, table=entry.table, version=entry.version, file=entry.source_name)
        change = plan.change if plan else None
        if change:
            _say("da_cli_change", langs, added=change.added, removed=change.removed, changed=change.changed)
        return 0
    if plan and plan.report and (not plan.report.ok or plan.report.problems):
        print(plan.report.text(langs))
    for problem in plan.problems if plan else ():
        for index, lang in enumerate(langs):
            print(("  " if index == 0 else "    ") + problem.describe(lang))
    return 1


def run_import(args: argparse.Namespace) -> int:
    langs = _langs(args.lang)
    path: Path = args.file
    if not path.is_file():
        _say("path_not_found", langs)
        return 1
    table = args.table or table_for_path(path)
    if table is None:
        _say("table_unknown", langs, tables=", ".join(TABLES))
        return 1
    outcome = stores.configured().import_file(path.read_bytes(), table=table, source_name=path.name, mode=args.mode,
                                              user=_user(args.user), via="cli", today=_today(args))
    return print_outcome(outcome, langs)


def run_rollback(args: argparse.Namespace) -> int:
    langs = _langs(args.lang)
    number = str(args.version).strip().lower().lstrip("v")
    if not number.isdigit():
        _say("da_version_unknown", langs, table=args.table, version=args.version)
        return 1
    outcome = stores.configured().rollback(args.table, int(number), user=_user(args.user), via="cli",
                                           today=_today(args))
    return print_outcome(outcome, langs)


def version_line(entry: Version, langs: Sequence[str]) -> str:
    """One version as a line: number, time (UTC), user, mode, rows and what changed."""
    when = datetime.fromisoformat(entry.time).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    def both(key: str, **params: object) -> str:
        return " / ".join(dict.fromkeys(t(key, lang, **render_params(params, lang)) for lang in langs))

    mode = both(f"da_mode_{entry.mode}")
    if entry.rollback_of:
        mode += f" ({both('da_rollback_of', version=entry.rollback_of)})"
    rows = both("da_cli_rows", rows=entry.rows, added=entry.rows_added, removed=entry.rows_removed,
                changed=entry.rows_changed) if entry.valid else both("da_not_valid_short")
    return f"  {entry.label:>5}  {when}  {entry.user} ({entry.via})  {mode}  {rows}  {entry.source_name or ''}"


def run_versions(args: argparse.Namespace) -> int:
    langs = _langs(args.lang)
    store = stores.configured()
    try:
        entries = store.list_versions(args.table)
        states = {state.table: state for state in store.table_states()}
    except ManifestUnreadable:
        _say("da_manifest_unreadable", langs)
        return 1
    except StoreUnreachable:
        _say("da_store_unreachable", langs)
        return 1
    for table in [args.table] if args.table else list(TABLES):
        state = states[table]
        for lang in langs:
            print(t(f"da_state_{state.state}", lang, table=table, version=state.versions_label,
                    file=state.current_file or "–"))
        for entry in [e for e in entries if e.table == table]:
            print(version_line(entry, langs))
    return 0


def _read_passwords() -> tuple[str, str]:
    if sys.stdin.isatty():
        first = getpass.getpass("Kata sandi / Password: ")
        return first, getpass.getpass("Ulangi / Repeat: ")
    lines = sys.stdin.read().splitlines()
    first = lines[0] if lines else ""
    return first, lines[1] if len(lines) > 1 else first


def run_hash_password(args: argparse.Namespace) -> int:
    first, second = _read_passwords()
    if first != second:
        _say("da_password_mismatch", LANGUAGES, to_stderr=True)
        return 1
    problem = password_problem(first)
    if problem:
        _say(problem, LANGUAGES, to_stderr=True)
        return 1
    hashed = hash_password(first)
    print(hashed)
    _say("da_hash_instructions", LANGUAGES, to_stderr=True, user=args.user or "nama_pengguna", hash=hashed)
    return 0


def run_user(args: argparse.Namespace) -> int:
    """Add a user to a PostgreSQL store, change a password, or remove a user (the file store keeps its
    users in the secrets file: hash-password)."""
    store = stores.configured()
    name = " ".join(args.name.split())[:64]
    if not isinstance(store, PostgresStore):
        _say("da_users_in_secrets", LANGUAGES, to_stderr=True)
        return 1
    try:
        if args.action == "remove":
            removed = store.remove_user(name, by=_user(None))
            _say("da_user_removed" if removed else "da_user_unknown", LANGUAGES, user=name, store=store.describe())
            return 0 if removed else 1
        first, second = _read_passwords()
        problem = "da_password_mismatch" if first != second else password_problem(first)
        if problem:
            _say(problem, LANGUAGES, to_stderr=True)
            return 1
        store.set_user(name, hash_password(first), by=_user(None))
    except StoreUnreachable:
        _say("da_store_unreachable", LANGUAGES, to_stderr=True)
        return 1
    _say("da_user_saved", LANGUAGES, user=name, store=store.describe())
    return 0


def run_migrate_store(args: argparse.Namespace) -> int:
    """Copy a file store into an empty PostgreSQL store and check the copy."""
    from lib.tools import migrate_store

    if not str(args.target).startswith(stores.URL_SCHEMES):
        _say("mig_to_not_postgres", LANGUAGES, to_stderr=True)
        return 1
    if not args.source.is_dir():
        _say("path_not_found", LANGUAGES, to_stderr=True)
        return 1
    target = PostgresStore(args.target)
    who = audit_log.os_user()
    try:
        records = migrate_store.read_file_store(args.source, user=who, today=_today(args) or date.today())
        migrate_store.copy_into(records, target, by=who)
        problems = migrate_store.verify_copy(records, target)
    except migrate_store.MigrationRefused as refused:
        _say(refused.key, LANGUAGES, to_stderr=True, **refused.params)
        return 1
    except StoreUnreachable:
        _say("da_store_unreachable", LANGUAGES, to_stderr=True)
        return 1
    except ManifestUnreadable:
        _say("da_manifest_unreadable", LANGUAGES, to_stderr=True)
        return 1
    finally:
        target.close()
    for problem in problems:
        _say("mig_verify_failed", LANGUAGES, to_stderr=True, problem=problem)
    if problems:
        return 1
    _say("mig_done", LANGUAGES, target=target.describe(), versions=len(records.entries),
         tables=len({entry.table for entry in records.entries}), audit=len(records.audit), users=len(records.users))
    return 0
