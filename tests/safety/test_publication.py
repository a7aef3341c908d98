import pandas as pd

from lib.safety import publication as publication_module
from lib.safety.publication import build_publication, from_json, publication_of, to_json
from lib.safety.suppress import CellState
from tests.safety.publication_builders import KECAMATAN, cases_of, many

CASES = cases_of([*many(8, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-14", KECAMATAN[1]),
                  *many(6, "2025-07-30", KECAMATAN[2])],
                 source="UPTD PPA rujukan Puskesmas Oesao 14 Maret 2025 (ibu korban)")


def test_a_publication_holds_no_hidden_count_and_no_free_text() -> None:
    built = build_publication(CASES, KECAMATAN, threshold=5)
    assert built.audit.passed
    text = to_json(built)
    assert "Oesao" not in text and "ibu korban" not in text and "14" not in built.last_month
    assert built.sources == ("uptd_ppa", "puskesmas")
    assert built.last_month == "2025-07"          # the month, never the day
    for cells in built.cells.values():
        for cell in cells.values():
            assert (cell.value is None) == (cell.state in (CellState.SMALL, CellState.COMPLEMENT, CellState.NO_DATA))
            assert cell.value is None or cell.value == 0 or cell.value >= 5


def test_the_stored_form_reads_back_the_same() -> None:
    built = build_publication(CASES, KECAMATAN, threshold=5)
    assert from_json(to_json(built)) == built


def test_computed_once_per_data_version_and_kept_on_disk(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WENEXUS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(publication_module, "_MEMORY", type(publication_module._MEMORY)())
    first = publication_of(CASES, KECAMATAN, threshold=5)
    assert list(tmp_path.glob("*.json")) == [tmp_path / f"{first.version}.json"]
    monkeypatch.setattr(publication_module, "_MEMORY", type(publication_module._MEMORY)())
    monkeypatch.setattr(publication_module, "build_publication", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError("built again although stored")))
    assert publication_of(CASES, KECAMATAN, threshold=5) == first
    changed = pd.concat([CASES, cases_of(many(1, "2025-08-01", KECAMATAN[0]))], ignore_index=True)
    assert publication_module.data_version(changed, KECAMATAN, 5) != first.version
