"""What the data page's status and version tables show: no row count of case data without a login."""
from __future__ import annotations

import pytest

from lib.store.admin_tables import status_frame, versions_frame
from lib.store.manifest import Version
from lib.store.versions import TableState


def version(table: str, rows: int) -> Version:
    return Version(table, 2, "append", "2025-03-02T05:00:00+00:00", "officer", "app", f"{table}/v2.csv", "0" * 64,
                   True, rows=rows, rows_added=7, rows_removed=0, rows_changed=3, source_name=f"{table}_oelnasi_maret.csv")


@pytest.mark.parametrize("signed_in, case_text", [(False, "🔒 sign in"), (True, "213")])
def test_case_row_counts_are_for_signed_in_readers_only(signed_in: bool, case_text: str) -> None:
    states = [TableState(name, f"{name}.csv", version(name, 213), "recorded") for name in ("activities", "cases")]
    status = status_frame(states, {"activities": 213, "cases": 213}, "en", signed_in=signed_in)
    assert status["Rows"].tolist() == ["213", case_text]
    history = versions_frame([version("cases", 213)], "en", signed_in=signed_in)
    counts = history[["Rows", "Added", "Removed", "Changed"]].iloc[0].tolist()
    assert counts == ([case_text] * 4 if not signed_in else ["213", "7", "0", "<5"])
    assert history["Source file"].tolist() == ["cases_oelnasi_maret.csv" if signed_in else "🔒 sign in"]
    activities = versions_frame([version("activities", 213)], "en", signed_in=False)
    assert activities["Source file"].tolist() == ["activities_oelnasi_maret.csv"]
