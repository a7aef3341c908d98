"""The shipped data's publication, committed in data/published/, is the one for today's shipped data and
method, made beside the publication an earlier method made of the same data (kept there as that release)."""
from __future__ import annotations

from lib.data.load import load_table
from lib.data.paths import SHIPPED_DATA_DIR
from lib.data.settings import MIN_SHOWN_COUNT_DEFAULT
from lib.safety.publication import (LEGACY_FORMAT, SHIPPED_DIR, data_version, from_json, legacy_version,
                                    subdistricts_of)


def test_the_committed_publication_is_current_and_passed_its_audit() -> None:
    cases, villages = load_table("cases", folder=SHIPPED_DATA_DIR), load_table("villages", folder=SHIPPED_DATA_DIR)
    subdistricts = subdistricts_of(villages)
    version = data_version(cases, subdistricts, MIN_SHOWN_COUNT_DEFAULT)
    legacy = legacy_version(cases, subdistricts, MIN_SHOWN_COUNT_DEFAULT)
    stored = sorted(path.name for path in SHIPPED_DIR.glob("*.json"))
    assert f"{version}.json" in stored, "run: python scripts/publish_shipped_cases.py"
    assert set(stored) <= {f"{version}.json", f"{legacy}.json"}, "run: python scripts/publish_shipped_cases.py"
    publication = from_json((SHIPPED_DIR / f"{version}.json").read_text(encoding="utf-8"))
    assert publication.audit.passed and publication.version == version
    assert publication.cell("cases_total", ()).value == len(cases)
    assert publication.last_month == cases["report_date"].max().strftime("%Y-%m")
    if f"{legacy}.json" in stored:     # what readers were served before: held as an earlier release
        assert publication.earlier == (legacy,) and publication.audit.releases == 2
        earlier = from_json((SHIPPED_DIR / f"{legacy}.json").read_text(encoding="utf-8"), formats=(LEGACY_FORMAT,))
        assert earlier.audit.passed
