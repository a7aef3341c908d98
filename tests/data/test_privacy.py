"""Person-identifying data is refused whole, and never echoed back."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.data.contract import Reference
from lib.data.privacy import classify_value, identifying_headers
from lib.data.schema import CASES, EVENTS, INDICATORS
from lib.data.validate import validate_file
from tests.conftest import TODAY, write_csv
from tests.conftest import CASE_HEADER, GOOD_CASE, with_cell


@pytest.mark.parametrize("header", ["nama_korban", "Nama Pelaku", "NIK", "nik_korban", "Alamat", "alamat_rumah",
                                    "No HP", "phone", "Email", "tanggal_lahir", "nama"])
def test_identifying_headers_in_cases(header: str) -> None:
    assert identifying_headers([header], CASES) == [header]


def test_declared_columns_are_not_identifying() -> None:
    assert identifying_headers(["name"], EVENTS) == []          # the event's name, e.g. Seroja
    assert identifying_headers(["name_id", "name_en", "nama"], INDICATORS) == []


@pytest.mark.parametrize("value, expected", [
    ("5301041234560001", "pii_nik"), ("5301 0412 3456 0001", "pii_nik"), (5301041234560001, "pii_nik"),
    ("081234567890", "pii_phone"), ("0812-3456-7890", "pii_phone"), ("+62 812 3456 7890", "pii_phone"),
    ("korban@example.com", "pii_email"), ("NIK 5301041234560001 (ibu)", "pii_nik"), ("tel. 0380-821234", None),
    ("hubungi 0812 3456 7890", "pii_phone"), ("C-2024-0001-2025-0002", None), ("Jl. Timor Raya No. 5", "pii_address"), ("RT 03/RW 02", "pii_address"),
    ("C-7F3A91", None), ("5301042003", None), ("seksual", None), ("2025-02-06", None), ("57", None),
])
def test_value_patterns(value: object, expected: str | None) -> None:
    assert classify_value(value, addresses=True) == expected


@pytest.mark.parametrize("column, value", [
    ("case_id", "5301041234560001"),                 # an NIK used as the case id
    ("source", "UPTD PPA hubungi 0812 3456 7890"),
    ("source", "petugas@uptd.go.id"),
    ("source", "Jalan Timor Raya 12"),
])
def test_identifying_value_refuses_the_whole_file(tmp_path: Path, reference: Reference, column: str,
                                                  value: str) -> None:
    rows = [GOOD_CASE, with_cell(with_cell(GOOD_CASE, CASE_HEADER, "case_id", "C-2"), CASE_HEADER, column, value)]
    report = validate_file(write_csv(tmp_path / "cases.csv", CASE_HEADER, rows), reference=reference, today=TODAY)
    assert not report.ok and report.frame is None
    assert [p.key for p in report.problems] == ["pii_value"]
    problem = report.problems[0]
    assert problem.row == 3 and problem.column == column
    for lang in ("id", "en"):
        assert value not in problem.describe(lang) and "7890" not in problem.describe(lang)   # the identifying value is never echoed


def test_identifying_header_refuses_even_a_clean_file(tmp_path: Path, reference: Reference) -> None:
    header = CASE_HEADER + ["nama_korban"]
    report = validate_file(write_csv(tmp_path / "cases.csv", header, [GOOD_CASE + [""]]), reference=reference,
                           today=TODAY)
    assert [p.key for p in report.problems] == ["pii_header"]
    assert report.frame is None
