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
    stored = sorted(path.stem for path in SHIPPED_DIR.glob("*.json"))
    assert version in stored, "run: python scripts/publish_shipped_cases.py"
    publication = from_json((SHIPPED_DIR / f"{version}.json").read_text(encoding="utf-8"))
    assert set(stored) == {version, *publication.earlier}, "run: python scripts/publish_shipped_cases.py"
    assert publication.audit.passed and publication.version == version
    assert publication.cell("cases_total", ()).value == len(cases)
    assert publication.last_month == cases["report_date"].max().strftime("%Y-%m")
    assert publication.audit.releases == 1 + len(publication.earlier)


def test_the_releases_readers_saw_before_are_held_beside_it() -> None:
    """Readers of the shipped data saw the same cases published by an earlier method (legacy format), then
    over Kupang's 24 kecamatan before Timor Tengah Selatan joined the geography: both are held."""
    cases, villages = load_table("cases", folder=SHIPPED_DATA_DIR), load_table("villages", folder=SHIPPED_DATA_DIR)
    kupang = subdistricts_of(villages[villages["regency_code"] == "53.01"])
    legacy, before = legacy_version(cases, kupang, MIN_SHOWN_COUNT_DEFAULT), data_version(cases, kupang,
                                                                                          MIN_SHOWN_COUNT_DEFAULT)
    current = from_json((SHIPPED_DIR / f"{data_version(cases, subdistricts_of(villages), MIN_SHOWN_COUNT_DEFAULT)}.json")
                        .read_text(encoding="utf-8"))
    assert current.earlier == (legacy, before)       # oldest first
    earlier = [from_json((SHIPPED_DIR / f"{legacy}.json").read_text(encoding="utf-8"), formats=(LEGACY_FORMAT,)),
               from_json((SHIPPED_DIR / f"{before}.json").read_text(encoding="utf-8"))]
    assert all(made.audit.passed and made.subdistricts == kupang for made in earlier)
