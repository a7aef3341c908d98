"""The PostgreSQL store: every version of every table, the manifest, the audit log, the users and the
login throttle in one database that every dashboard process and the command line share.

A commit is one transaction: it takes the row of `store_head` FOR UPDATE (one writer at a time across
every process and machine), checks the plan against the versions as they are now, inserts the content,
the version and its audit line, and bumps `store_head.commits`. A reader sees the old version or the new,
never a mix; a killed writer's transaction is rolled back by the server.

Readers read files: each process keeps a working copy of the current version of every table in a folder
of its own machine (`folder`, under .cache/store/), and lib.data.load reads it as it reads the data
folder. Once per script run (`refresh`) the process asks the database for `store_head.commits`, one
row; when it moved, the tables whose latest version changed are written into the copy (atomically,
under a file lock shared by the processes of the machine). So a version committed by one process is
what every other process shows on its next rerun, with nothing restarted.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, fields
from datetime import date, datetime, timezone
from pathlib import Path

import psycopg
from filelock import FileLock

from lib.data.atomic import TEMP_PREFIX, TEMP_SUFFIX, is_temp_file, write_text_atomic
from lib.data.paths import REPO_ROOT
from lib.data.read import SUPPORTED_SUFFIXES
from lib.data.schema import TABLES
from lib.store import files
from lib.store.audit_log import audit_entry, utc_now
from lib.store.auth import Attempts, AuthPolicy, LoginOutcome, LoginResult, Users, attempt_login, throttle_key
from lib.store.base import Store
from lib.store.checks import Refusal
from lib.store.content import sha256_of
from lib.store.manifest import Version, next_number
from lib.store.plan import Plan, make_import_plan, make_rollback_plan, plan_base
from lib.store.schema import migrate
from lib.store.steps import at, reached
from lib.store.versions import Outcome, TableState, new_entry, replan, states_of

log = logging.getLogger(__name__)

COPY_ROOT = REPO_ROOT / ".cache" / "store"
COPY_ROOT_ENV = "WENEXUS_STORE_COPY_DIR"     # where the working copies live instead (a private, local disk)
MARKER_NAME = ".head.json"
LOCK_NAME = ".lock"
CONNECT_TIMEOUT_S = 15
SLICE_BYTES = 8 * 1024 * 1024
LOCK_TIMEOUT = "120s"             # a writer waits this long for the others' commits (as for the working copy), then is told to retry
BUSY_SECONDS = 120
VERSION_COLUMNS = tuple(f.name for f in fields(Version))
# The columns of `versions` in the order of Version's fields (user and table are SQL words).
_SQL_NAMES = {"table": "table_name", "user": "user_name"}
VERSION_SELECT = ", ".join(_SQL_NAMES.get(name, name) for name in VERSION_COLUMNS)


class StoreUnreachable(Exception):
    """The database cannot be reached; nothing was written."""


def public_conninfo(url: str) -> str:
    """host:port/database (user) of a connection string, never its password."""
    parts = psycopg.conninfo.conninfo_to_dict(url)
    return f"{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '')} " \
           f"({parts.get('user', '')})"


class PostgresStore(Store):
    kind = "postgresql"

    def __init__(self, url: str, *, copy_root: Path | None = None) -> None:
        self.url = url
        key = hashlib.sha256(public_conninfo(url).encode("utf-8")).hexdigest()[:16]
        self.folder = Path(copy_root or os.environ.get(COPY_ROOT_ENV) or COPY_ROOT) / key
        self._lock = threading.Lock()
        self._shared: psycopg.Connection | None = None
        self._seen: tuple | None = None     # (store_id, commits) the copy was last found at
        self._migrated = False

    def describe(self) -> str:
        return f"PostgreSQL {public_conninfo(self.url)}"

    # Connections -----------------------------------------------------------------------------------
    def connect(self) -> psycopg.Connection:
        """A new connection (the caller closes it), the schema migrated on the first."""
        try:
            connection = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, application_name="wenexus")
        except psycopg.OperationalError as error:
            raise StoreUnreachable(str(error)) from error
        if not self._migrated:
            migrate(connection)
            self._migrated = True
        return connection

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection]:
        """The process's shared connection for reads (autocommit), made again when it broke."""
        with self._lock:
            if self._shared is None or self._shared.closed or self._shared.broken:
                self._shared = self.connect()
                self._shared.autocommit = True
            shared = self._shared
        try:
            yield shared
        except psycopg.OperationalError as error:
            with self._lock:
                self._shared = None
            raise StoreUnreachable(str(error)) from error

    def close(self) -> None:
        with self._lock:
            if self._shared is not None:
                self._shared.close()
                self._shared = None

    # The working copy ------------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            with self._reading() as connection:
                head = connection.execute("SELECT store_id, commits FROM store_head").fetchone()
            if head != self._seen:
                with self._reading() as connection:
                    self._sync_copy(connection)
                self._seen = head
            self.reachable = True
        except (StoreUnreachable, psycopg.Error, Refusal) as error:   # Refusal: a content not matching its hash
            if self.reachable:
                log.warning("store unreachable; serving the last working copy: %s", error)
            self.reachable = False

    def _sync_copy(self, connection: psycopg.Connection) -> None:
        """Write into the working copy every table whose latest version is not there yet. Under the
        copy's file lock; temp files a killed process left go first. `connection` sees the state to copy."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with FileLock(str(self.folder / LOCK_NAME), timeout=120):
            for path in self.folder.iterdir():
                if is_temp_file(path.name):
                    path.unlink(missing_ok=True)
            head = connection.execute("SELECT store_id, commits FROM store_head").fetchone()
            marker = _read_marker(self.folder)
            copied: dict[str, str] = marker.get("tables", {}) if marker.get("store_id") == str(head[0]) else {}
            if not copied:
                _remove_table_files(self.folder)
            for table, file, sha, valid in connection.execute(
                    "SELECT DISTINCT ON (table_name) table_name, file, sha256, valid FROM versions "
                    "ORDER BY table_name, version DESC").fetchall():
                name = f"{table}.csv" if valid else f"{table}{Path(file).suffix}"
                if copied.get(table) == sha and (self.folder / name).is_file():
                    continue
                _remove_table_files(self.folder, table)
                _write_content(connection, sha, self.folder / name)
                reached("working_copy")
                copied[table] = sha
            write_text_atomic(self.folder / MARKER_NAME,
                              json.dumps({"store_id": str(head[0]), "commits": head[1], "tables": copied}) + "\n")

    @staticmethod
    def _content(connection: psycopg.Connection, sha: str) -> bytes:
        """Stored bytes by hash (every version's content exists: versions.sha256 references it)."""
        return bytes(connection.execute("SELECT payload FROM contents WHERE sha256 = %s", (sha,)).fetchone()[0])

    def recover(self) -> tuple[str, ...]:
        """The working copy brought in line, and what a killed process left in it removed (temp files,
        upload scratch folders); a commit is all or nothing in the database itself, so there is nothing
        else to complete."""
        if self.folder.is_dir():
            with FileLock(str(self.folder / LOCK_NAME), timeout=120):
                for path in self.folder.iterdir():
                    if is_temp_file(path.name):
                        path.unlink(missing_ok=True)
                        self._seen = None          # a refresh was killed while writing: copy again
            files.remove_scratch(self.folder)
        self.refresh()
        return ()

    # Reading ---------------------------------------------------------------------------------------
    @staticmethod
    def _manifest(connection: psycopg.Connection, table: str | None = None) -> list[Version]:
        query = f"SELECT {VERSION_SELECT} FROM versions"
        rows = connection.execute(query + (" WHERE table_name = %s" if table else "") + " ORDER BY seq",
                                  (table,) if table else ()).fetchall()
        return [Version(*row) for row in rows]

    def list_versions(self, table: str | None = None) -> list[Version]:
        with self._reading() as connection:
            return self._manifest(connection, table)

    def table_states(self) -> list[TableState]:
        self.refresh()
        return states_of(self.folder, self.list_versions())

    def current_base(self, table: str) -> tuple:
        self.refresh()
        return plan_base(self.folder, table, self.list_versions(table))

    def version_bytes(self, entry: Version) -> bytes:
        with self._reading() as connection:
            row = connection.execute("SELECT payload FROM contents WHERE sha256 = %s", (entry.sha256,)).fetchone()
        if row is None:
            raise Refusal("da_version_missing", table=entry.table, version=entry.version)
        payload = bytes(row[0])
        if sha256_of(payload) != entry.sha256:
            raise Refusal("da_version_altered", table=entry.table, version=entry.version)
        return payload

    # Planning and writing --------------------------------------------------------------------------
    def plan_import(self, payload: bytes, *, table: str, source_name: str, mode: str = "replace",
                    today: date | None = None) -> Plan:
        self.refresh()
        return make_import_plan(payload, table=table, source_name=source_name, mode=mode, folder=self.folder,
                                today=today or date.today(), entries=self.list_versions())

    def plan_rollback(self, table: str, version: int, *, today: date | None = None) -> Plan:
        self.refresh()
        return make_rollback_plan(table, version, folder=self.folder, today=today or date.today(),
                                  entries=self.list_versions(), content=self.version_bytes)

    def commit(self, plan: Plan, *, user: str, via: str = "app", today: date | None = None,
               now: datetime | None = None) -> Outcome:
        today = today or date.today()
        stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
        try:
            with self.connect() as connection:
                connection.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
                with connection.transaction():
                    connection.execute("SELECT commits FROM store_head FOR UPDATE")
                    reached("locked")
                    entries = self._manifest(connection)
                    self._sync_copy(connection)
                    if plan.ok and plan.base != plan_base(self.folder, plan.table, entries):
                        plan = replan(plan, folder=self.folder, today=today, entries=entries,
                                      content=lambda entry: self._checked_content(connection, entry))
                    if not plan.ok:
                        if plan.table in TABLES:
                            _insert_audit(connection, audit_entry(action=f"{plan.mode}_refused", user=user,
                                                                  table=plan.table, via=via, now=now,
                                                                  detail=plan.reason))
                        return Outcome(plan.table, reason=plan.reason, params=plan.params, plan=plan)
                    entry = new_entry(plan, next_number(entries, self.folder, plan.table), user, via, stamp)
                    connection.execute("INSERT INTO contents (sha256, payload) VALUES (%s, %s) "
                                       "ON CONFLICT (sha256) DO NOTHING", (entry.sha256, plan.content))
                    reached("content")
                    _insert_version(connection, entry)
                    reached("version_row")
                    _insert_audit(connection, audit_entry(action=entry.mode, user=user, table=entry.table,
                                                          version=entry.version, via=via, now=now,
                                                          detail=files.change_detail(entry)))
                    reached("audit_row")
                    connection.execute("UPDATE store_head SET commits = commits + 1, changed_at = now()")
                    reached("head")
            reached("committed")
            self.refresh()
            return Outcome(plan.table, recorded=(entry,), plan=plan)
        except psycopg.errors.LockNotAvailable:
            return Outcome(plan.table, reason="da_busy", params={"seconds": BUSY_SECONDS}, plan=plan)
        except (StoreUnreachable, psycopg.OperationalError):
            return Outcome(plan.table, reason="da_store_unreachable", plan=plan)

    def _checked_content(self, connection: psycopg.Connection, entry: Version) -> bytes:
        payload = self._content(connection, entry.sha256)
        if sha256_of(payload) != entry.sha256:
            raise Refusal("da_version_altered", table=entry.table, version=entry.version)
        return payload

    # Audit -----------------------------------------------------------------------------------------
    def record_audit(self, *, action: str, user: str, table: str | None = None, version: int | None = None,
                     detail: str | None = None, via: str = "app", now: datetime | None = None) -> None:
        with self._reading() as connection:
            _insert_audit(connection, audit_entry(action=action, user=user, table=table, version=version,
                                                  detail=detail, via=via, now=now))

    def read_audit(self, *, limit: int = 200) -> list[dict]:
        with self._reading() as connection:
            rows = connection.execute("SELECT time, user_name, action, table_name, version, via, detail, recovered, "
                                      "os_user FROM audit_log ORDER BY id DESC LIMIT %s", (limit,)).fetchall()
        lines = [{"time": time.astimezone(timezone.utc).isoformat(timespec="seconds"), "user": user, "action": action,
                  "table": table, "version": version, "via": via, "detail": detail, "recovered": recovered,
                  "os_user": account}
                 for time, user, action, table, version, via, detail, recovered, account in rows]
        return [{key: value for key, value in line.items() if key != "os_user" or value is not None} for line in lines]

    # Users and logins ------------------------------------------------------------------------------
    def users(self, configured: Users) -> Users:
        with self._reading() as connection:
            rows = connection.execute("SELECT name, password_hash FROM users ORDER BY name").fetchall()
        return Users(dict(rows))

    def set_user(self, name: str, password_hash: str, *, by: str, via: str = "cli") -> None:
        """Add a user, or give one a new password hash; audited."""
        with self.connect() as connection, connection.transaction():
            connection.execute("INSERT INTO users (name, password_hash) VALUES (%s, %s) ON CONFLICT (name) "
                               "DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()",
                               (name, password_hash))
            _insert_audit(connection, audit_entry(action="user_set", user=by, via=via, detail=name))

    def remove_user(self, name: str, *, by: str, via: str = "cli") -> bool:
        """Take a user's access away; False when there was no such user. Audited."""
        with self.connect() as connection, connection.transaction():
            removed = connection.execute("DELETE FROM users WHERE name = %s", (name,)).rowcount
            if removed:
                _insert_audit(connection, audit_entry(action="user_removed", user=by, via=via, detail=name))
        return bool(removed)

    def login(self, users: Users, name: str, password: str, *, now: datetime | None = None,
              policy: AuthPolicy = AuthPolicy(), via: str = "app") -> LoginResult:
        """lib.store.auth.login with the throttle in the database: the name's row is locked for the try,
        so a count and a lockout hold across every process."""
        now = now or utc_now()
        key = throttle_key(name)
        with self.connect() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
            row = connection.execute("SELECT failures, locked_until FROM login_attempts WHERE throttle_key = %s",
                                     (key,)).fetchone()
            before = Attempts(tuple(row[0]), row[1]) if row else Attempts()
            result, after = attempt_login(users, name, password, attempts=before, now=now, policy=policy)
            if after != before:
                connection.execute(
                    "INSERT INTO login_attempts (throttle_key, failures, locked_until) VALUES (%s, %s, %s) "
                    "ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, "
                    "locked_until = excluded.locked_until, updated_at = now()",
                    (key, list(after.failures), after.locked_until))
            if result.outcome not in (LoginOutcome.EMPTY, LoginOutcome.NO_USERS):
                _insert_audit(connection, audit_entry(action=f"login_{result.outcome.value}",
                                                      user=users.find(name) or "?", via=via, now=now))
            connection.execute("DELETE FROM login_attempts WHERE updated_at < now() - interval '2 days'")
        return result

    # Copying a file store in (lib.tools.migrate_store) ---------------------------------------------
    def insert_records(self, entries: list[Version], contents: dict[str, bytes], audit: list[dict]) -> None:
        """Add versions with their contents and audit lines as they are, in one transaction (the store
        must hold none of these versions yet)."""
        with self.connect() as connection, connection.transaction():
            connection.execute("SELECT commits FROM store_head FOR UPDATE")
            for sha, payload in contents.items():
                connection.execute("INSERT INTO contents (sha256, payload) VALUES (%s, %s) "
                                   "ON CONFLICT (sha256) DO NOTHING", (sha, payload))
            for entry in entries:
                _insert_version(connection, entry)
            for line in audit:
                _insert_audit(connection, line)
            connection.execute("UPDATE store_head SET commits = commits + 1, changed_at = now()")
        self.refresh()


def _insert_version(connection: psycopg.Connection, entry: Version) -> None:
    connection.execute(f"INSERT INTO versions ({VERSION_SELECT}) VALUES ({', '.join(['%s'] * len(VERSION_COLUMNS))})",
                       astuple(entry))


def _insert_audit(connection: psycopg.Connection, entry: dict) -> None:
    connection.execute("INSERT INTO audit_log (time, user_name, action, table_name, version, via, detail, recovered, "
                       "os_user) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                       (datetime.fromisoformat(entry["time"]), entry["user"], entry["action"], entry.get("table"),
                        entry.get("version"), entry.get("via") or "app", entry.get("detail"),
                        bool(entry.get("recovered")), entry.get("os_user")))


def _write_content(connection: psycopg.Connection, sha: str, path: Path) -> None:
    """Write stored bytes to `path` atomically, read in slices of SLICE_BYTES (a table of hundreds of
    megabytes never sits whole in the process's memory) and checked against their hash."""
    size = connection.execute("SELECT length(payload) FROM contents WHERE sha256 = %s", (sha,)).fetchone()[0]
    fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as handle:
            for start in range(0, size, SLICE_BYTES):
                piece = connection.execute("SELECT substring(payload FROM %s FOR %s) FROM contents WHERE sha256 = %s",
                                           (start + 1, SLICE_BYTES, sha)).fetchone()[0]
                digest.update(piece)
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if digest.hexdigest() != sha:
            raise Refusal("da_version_altered", table=path.stem, version="?")
        reached("working_copy_temp")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _read_marker(folder: Path) -> dict:
    try:
        return json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remove_table_files(folder: Path, table: str | None = None) -> None:
    for name in [table] if table else list(TABLES):
        for suffix in SUPPORTED_SUFFIXES:
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
