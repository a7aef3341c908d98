"""The one contract both stores keep (the file store in the data folder, PostgreSQL for a deployment):
the pages, the command line and the tests talk to a Store and never to its files or tables.

`folder` is where readers find the current version of every table (lib.data.load reads it): the data
folder itself for the file store, a working copy kept in line with the database for PostgreSQL.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date, datetime
from pathlib import Path

from lib.store.auth import AuthPolicy, LoginResult, Users
from lib.store.manifest import Version
from lib.store.plan import Plan
from lib.store.versions import Outcome, TableState


class Store(ABC):
    kind: str               # "file" | "postgresql"
    folder: Path            # the current tables, as files (see the module docstring)
    reachable: bool = True  # False while the last refresh could not reach the database

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for people (a folder, or host:port/database without the password)."""

    @abstractmethod
    def refresh(self) -> None:
        """Bring `folder` in line with the latest committed versions (cheap when nothing changed;
        called once per script run). Never raises: an unreachable database leaves the last copy."""

    @abstractmethod
    def recover(self) -> tuple[str, ...]:
        """Complete or remove what an interrupted write left; the tables repaired."""

    @abstractmethod
    def list_versions(self, table: str | None = None) -> list[Version]:
        """Recorded versions, oldest first (of one table, or all)."""

    @abstractmethod
    def table_states(self) -> list[TableState]:
        """Every table: its current file, its latest version, and whether the two agree."""

    @abstractmethod
    def current_base(self, table: str) -> tuple:
        """What a plan of `table` is made on now (a plan made on another base is stale)."""

    @abstractmethod
    def version_bytes(self, entry: Version) -> bytes:
        """The stored content of a version; raises lib.store.checks.Refusal when missing or altered."""

    @abstractmethod
    def plan_import(self, payload: bytes, *, table: str, source_name: str, mode: str = "replace",
                    today: date | None = None) -> Plan:
        """Check an upload without storing it (lib.store.plan)."""

    @abstractmethod
    def plan_rollback(self, table: str, version: int, *, today: date | None = None) -> Plan:
        """Check making an earlier version current again."""

    @abstractmethod
    def commit(self, plan: Plan, *, user: str, via: str = "app", today: date | None = None,
               now: datetime | None = None) -> Outcome:
        """Store a checked plan as a new version, audited; all or nothing."""

    @abstractmethod
    def record_audit(self, *, action: str, user: str, table: str | None = None, version: int | None = None,
                     detail: str | None = None, via: str = "app", now: datetime | None = None) -> None:
        """One audit line (lib.store.audit_log's fields)."""

    @abstractmethod
    def read_audit(self, *, limit: int = 200) -> list[dict]:
        """The latest `limit` audit lines, newest first."""

    @abstractmethod
    def users(self, configured: Users) -> Users:
        """Who may write: `configured` (the secrets file) for the file store, the database's users
        for PostgreSQL."""

    @abstractmethod
    def login(self, users: Users, name: str, password: str, *, now: datetime | None = None,
              policy: AuthPolicy = AuthPolicy(), via: str = "app") -> LoginResult:
        """A login try, throttled and locked across every process of the store; audited."""

    def import_file(self, payload: bytes, *, table: str, source_name: str, mode: str = "replace", user: str,
                    via: str = "cli", today: date | None = None, now: datetime | None = None) -> Outcome:
        """Check and store in one go."""
        plan = self.plan_import(payload, table=table, source_name=source_name, mode=mode, today=today)
        return self.commit(plan, user=user, via=via, today=today, now=now)

    def rollback(self, table: str, version: int, *, user: str, via: str = "cli", today: date | None = None,
                 now: datetime | None = None) -> Outcome:
        """Make an earlier version current again; it is recorded as a new version."""
        plan = self.plan_rollback(table, version, today=today)
        return self.commit(plan, user=user, via=via, today=today, now=now)
