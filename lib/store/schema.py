"""The PostgreSQL store's schema: plain SQL files in lib/store/migrations/ (NNNN_name.sql), applied in
order at start, each once and in its own transaction, recorded in schema_migrations. Several processes
starting at once apply them once: the first holds an advisory lock while the others wait."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# pg_advisory_lock key held while migrating: 'WENEXUS' in ASCII.
MIGRATION_LOCK = 0x57454E45585553


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files, in order."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_FILE.match(path.name)
        if match:
            found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    return found


def migrate(connection: psycopg.Connection, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply the migrations not applied yet; returns their numbers. An applied file that was changed
    since raises MigrationChanged rather than leave a schema that no file describes."""
    applied_now = []
    connection.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                           "name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        connection.commit()
        applied = dict(connection.execute("SELECT version, sha256 FROM schema_migrations").fetchall())
        connection.commit()
        for migration in migrations(directory):
            if migration.number in applied:
                if applied[migration.number] != migration.sha256:
                    raise MigrationChanged(migration.number)
                continue
            with connection.transaction():
                connection.execute(migration.sql)
                connection.execute("INSERT INTO schema_migrations (version, name, sha256) VALUES (%s, %s, %s)",
                                   (migration.number, migration.name, migration.sha256))
            applied_now.append(migration.number)
    finally:
        connection.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
        connection.commit()
    return applied_now


class MigrationChanged(Exception):
    """An applied migration file differs from what was applied."""

    def __init__(self, number: int) -> None:
        super().__init__(f"migration {number:04d} was changed after it was applied")
        self.number = number
