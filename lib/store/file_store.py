"""The file store: versions, manifest, audit log and login state in the data folder, under file locks
(lib.store.versions, lib.store.files). The default: one machine, no database."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from lib.store import audit_log, auth, files, plan as planning, versions
from lib.store.auth import AuthPolicy, LoginResult, Users
from lib.store.base import Store
from lib.store.manifest import Version
from lib.store.plan import Plan
from lib.store.versions import Outcome, TableState


class FileStore(Store):
    kind = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def describe(self) -> str:
        return str(self.folder)

    def refresh(self) -> None:
        """The data folder is the store itself: nothing to bring in line."""

    def recover(self) -> tuple[str, ...]:
        return files.recover(folder=self.folder)

    def list_versions(self, table: str | None = None) -> list[Version]:
        return versions.list_versions(folder=self.folder, table=table)

    def table_states(self) -> list[TableState]:
        return versions.table_states(folder=self.folder)

    def current_base(self, table: str) -> tuple:
        return versions.current_base(table, folder=self.folder)

    def version_bytes(self, entry: Version) -> bytes:
        return files.version_bytes(entry, folder=self.folder)

    def plan_import(self, payload: bytes, *, table: str, source_name: str, mode: str = "replace",
                    today: date | None = None) -> Plan:
        return planning.plan_import(payload, table=table, source_name=source_name, mode=mode, folder=self.folder,
                                    today=today)

    def plan_rollback(self, table: str, version: int, *, today: date | None = None) -> Plan:
        return planning.plan_rollback(table, version, folder=self.folder, today=today)

    def commit(self, plan: Plan, *, user: str, via: str = "app", today: date | None = None,
               now: datetime | None = None) -> Outcome:
        return versions.commit(plan, user=user, via=via, folder=self.folder, today=today, now=now)

    def record_audit(self, *, action: str, user: str, table: str | None = None, version: int | None = None,
                     detail: str | None = None, via: str = "app", now: datetime | None = None) -> None:
        audit_log.record_audit(self.folder, action=action, user=user, table=table, version=version, detail=detail,
                               via=via, now=now)

    def read_audit(self, *, limit: int = 200) -> list[dict]:
        return audit_log.read_audit(self.folder, limit=limit)

    def users(self, configured: Users) -> Users:
        return configured

    def login(self, users: Users, name: str, password: str, *, now: datetime | None = None,
              policy: AuthPolicy = AuthPolicy(), via: str = "app") -> LoginResult:
        return auth.login(self.folder, users, name, password, now=now, policy=policy, via=via)
