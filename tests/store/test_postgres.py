"""The PostgreSQL store's own promises: migrations applied once, in order, and never silently changed;
nothing recorded can be changed or removed; a version committed through one process is what another
shows at its next refresh; an unreachable database refuses writes in words and keeps the last copy."""
from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from lib.store import schema
from lib.store.postgres import PostgresStore, public_conninfo
from tests.conftest import TODAY, new_activities


@pytest.fixture
def store(postgres_url: str, tmp_path: Path) -> PostgresStore:
    opened = PostgresStore(postgres_url, copy_root=tmp_path / "copies")
    yield opened
    opened.close()


def test_migrations_are_applied_once_in_order(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as connection:
        assert schema.migrate(connection) == [m.number for m in schema.migrations()]
        assert schema.migrate(connection) == []
        applied = connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert applied == [(m.number, m.name) for m in schema.migrations()] and applied[0] == (1, "store")


def test_a_migration_changed_after_it_was_applied_is_refused(postgres_url: str, tmp_path: Path) -> None:
    (tmp_path / "0001_store.sql").write_text("CREATE TABLE one (id integer);\n")
    with psycopg.connect(postgres_url) as connection:
        assert schema.migrate(connection, tmp_path) == [1]
        (tmp_path / "0001_store.sql").write_text("CREATE TABLE one (id bigint);\n")
        with pytest.raises(schema.MigrationChanged):
            schema.migrate(connection, tmp_path)


def test_recorded_versions_and_audit_lines_cannot_be_changed(store: PostgresStore) -> None:
    assert store.import_file(new_activities(3), table="activities", source_name="k.csv", user="maria", today=TODAY).ok
    for statement in ("UPDATE versions SET user_name = 'x'", "DELETE FROM audit_log", "DELETE FROM contents"):
        with psycopg.connect(store.url) as connection, pytest.raises(psycopg.errors.RaiseException):
            connection.execute(statement)


def test_a_commit_in_one_process_is_shown_by_another_at_its_next_refresh(store: PostgresStore, tmp_path: Path) -> None:
    other = PostgresStore(store.url, copy_root=tmp_path / "other machine")
    other.refresh()
    assert not (other.folder / "activities.csv").exists()
    assert store.import_file(new_activities(3), table="activities", source_name="k.csv", user="maria", today=TODAY).ok
    other.refresh()
    assert (other.folder / "activities.csv").read_bytes() == new_activities(3)
    assert [v.version for v in other.list_versions("activities")] == [1]
    other.close()


def test_an_unreachable_database_refuses_writes_and_keeps_the_last_copy(store: PostgresStore, tmp_path: Path) -> None:
    assert store.import_file(new_activities(3), table="activities", source_name="k.csv", user="maria", today=TODAY).ok
    gone = PostgresStore(store.url.replace(store.url.rsplit("/", 1)[0].rsplit(":", 1)[1], "1"),
                         copy_root=tmp_path / "copies")
    gone.refresh()                                               # no exception: the last copy stays
    assert gone.reachable is False
    plan = store.plan_import(new_activities(4), table="activities", source_name="k.csv", today=TODAY)
    outcome = gone.commit(plan, user="maria", today=TODAY)
    assert outcome.reason == "da_store_unreachable"
    assert "nothing was stored" in outcome.message("en") and "tidak ada yang disimpan" in outcome.message("id")


def test_people_see_where_the_store_is_but_never_its_password() -> None:
    assert public_conninfo("postgresql://ana:rahasia@10.0.0.5:5433/wenexus") == "10.0.0.5:5433/wenexus (ana)"
