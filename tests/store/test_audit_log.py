"""The audit log (lib.store.audit_log): appended, never rewritten, newest first when read."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from lib.store import audit_log


def at(seconds: int) -> datetime:
    return datetime(2025, 2, 6, 9, 0, tzinfo=timezone.utc) + timedelta(seconds=seconds)


def test_the_audit_log_only_grows(tmp_path: Path) -> None:
    for version in range(1, 4):
        audit_log.record_audit(tmp_path, action="append", user="maria", table="cases", version=version, now=at(version))
    lines = (tmp_path / "admin" / "audit.jsonl").read_text().splitlines()
    assert [json.loads(line)["version"] for line in lines] == [1, 2, 3]
    assert [e["version"] for e in audit_log.read_audit(tmp_path, limit=2)] == [3, 2]


def test_reading_a_missing_or_damaged_log(tmp_path: Path) -> None:
    assert audit_log.read_audit(tmp_path) == []
    audit_log.record_audit(tmp_path, action="rollback", user="ana", table="events", version=1, now=at(1))
    with (tmp_path / "admin" / "audit.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    assert [e["action"] for e in audit_log.read_audit(tmp_path)] == ["rollback"]


def test_a_command_line_line_names_the_account_and_an_app_line_does_not(tmp_path: Path) -> None:
    audit_log.record_audit(tmp_path, action="append", user="maria", table="events", version=2, via="cli", now=at(1))
    audit_log.record_audit(tmp_path, action="login", user="maria", via="app", now=at(2))
    app_line, cli_line = audit_log.read_audit(tmp_path)
    assert cli_line["os_user"] == audit_log.os_user() and "os_user" not in app_line
    assert re.fullmatch(r".+ \(uid \d+\)", audit_log.os_user())


def test_lines_written_before_the_account_was_recorded_still_read(tmp_path: Path) -> None:
    from lib.store.admin_tables import audit_frame

    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "audit.jsonl").write_text(
        '{"time": "2025-02-06T01:05:00+00:00", "user": "ana", "action": "replace", "table": "events", '
        '"version": 3, "via": "cli", "detail": null}\n', encoding="utf-8")
    audit_log.record_audit(tmp_path, action="rollback", user="ana", table="events", version=4, via="cli", now=at(3))
    shown = audit_frame(audit_log.read_audit(tmp_path, limit=None), "en")
    assert shown["Operating-system account"].tolist() == [audit_log.os_user(), "–"]
    assert shown["User"].tolist() == ["ana", "ana"] and shown["Version"].tolist() == ["v4", "v3"]
