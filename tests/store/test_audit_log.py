"""The audit log (lib.store.audit_log): appended, never rewritten, newest first when read."""
from __future__ import annotations

import json
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
