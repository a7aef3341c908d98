"""The shipped data's publication, committed in data/published/, is the one for today's shipped data."""
from __future__ import annotations

from lib.data.load import load_table
from lib.data.paths import SHIPPED_DATA_DIR
from lib.data.settings import MIN_SHOWN_COUNT_DEFAULT
from lib.safety.publication import SHIPPED_DIR, data_version, from_json, subdistricts_of


def test_the_committed_publication_is_current_and_passed_its_audit() -> None:
    cases, villages = load_table("cases", folder=SHIPPED_DATA_DIR), load_table("villages", folder=SHIPPED_DATA_DIR)
    version = data_version(cases, subdistricts_of(villages), MIN_SHOWN_COUNT_DEFAULT)
    stored = sorted(path.name for path in SHIPPED_DIR.glob("*.json"))
    assert stored == [f"{version}.json"], "run: python scripts/publish_shipped_cases.py"
    publication = from_json((SHIPPED_DIR / stored[0]).read_text(encoding="utf-8"))
    assert publication.audit.passed and publication.version == version
    assert publication.cell("cases_total", ()).value == len(cases)
    assert publication.last_month == cases["report_date"].max().strftime("%Y-%m")
