"""Protect, audit and store the publication of the shipped case data in data/published/.

    python scripts/publish_shipped_cases.py

Run it after changing data/cases.csv, data/villages.csv, lib/safety/declaration.py or the method
(lib.safety.publication.FORMAT): a fresh checkout then opens its first violence figure without
protecting and auditing first (about 5 s). The publication is made beside the ones readers were
served before (lib.safety.releases): a publication of the same data by an earlier method stays in
data/published/ as that earlier release; any other file there is removed.
tests/safety/test_publication_shipped.py fails while the stored publication is out of date.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.data.atomic import write_text_atomic  # noqa: E402
from lib.data.load import load_table  # noqa: E402
from lib.data.paths import SHIPPED_DATA_DIR  # noqa: E402
from lib.safety.publication import SHIPPED_DIR, build_beside, subdistricts_of, to_json  # noqa: E402


def main() -> int:
    cases, villages = load_table("cases", folder=SHIPPED_DATA_DIR), load_table("villages", folder=SHIPPED_DATA_DIR)
    publication = build_beside(cases, subdistricts_of(villages))
    if not publication.audit.passed:
        print("The audit found a disclosure: nothing stored (python -m lib.cli disclosure-audit data/).")
        return 1
    SHIPPED_DIR.mkdir(parents=True, exist_ok=True)
    target = SHIPPED_DIR / f"{publication.version}.json"
    write_text_atomic(target, to_json(publication))
    kept = {target.name, *(f"{version}.json" for version in publication.earlier)}
    for older in SHIPPED_DIR.glob("*.json"):
        if older.name not in kept:
            older.unlink()
    print(f"Stored {target.relative_to(SHIPPED_DATA_DIR.parent)} (audit passed, {publication.audit.seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
