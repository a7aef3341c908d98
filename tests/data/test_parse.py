"""Cell parsers: input -> expected, as tables."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.data import codes
from lib.data.parse import (Unreadable, parse_categories, parse_category, parse_code, parse_date, parse_number,
                       parse_period, period_start)
from lib.data.schema import Kind


@pytest.mark.parametrize("cell, expected", [
    ("2025-02-06", date(2025, 2, 6)),
    ("06/02/2025", date(2025, 2, 6)),          # Indonesian order: day first
    ("6-2-2025", date(2025, 2, 6)),
    ("6 Februari 2025", date(2025, 2, 6)),
    ("6 februari 2025", date(2025, 2, 6)),
    ("6 Feb 2025", date(2025, 2, 6)),
    ("17 Agustus 2024", date(2024, 8, 17)),
    ("1 Mei 2025", date(2025, 5, 1)),
    ("6 February 2025", date(2025, 2, 6)),
    ("2025-02-06 00:00:00", date(2025, 2, 6)),
    (datetime(2025, 2, 6, 10, 30), date(2025, 2, 6)),   # openpyxl gives datetimes for real Excel dates
    (45694, date(2025, 2, 6)),                          # an Excel serial number
    (45694.0, date(2025, 2, 6)),
])
def test_parse_date_accepts(cell: object, expected: date) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/2025", "2025-13-01", "kemarin", "6 Brumaire 2025", "12.5", 0.5])
def test_parse_date_refuses(cell: object) -> None:
    with pytest.raises(Unreadable):
        parse_date(cell)


@pytest.mark.parametrize("cell, key", [("31/02/2024", "date_not_exist"), ("2023-02-29", "date_not_exist"),
                                       ("31 April 2025", "date_not_exist"), ("32/01/2025", "date_invalid"),
                                       ("12/13/2025", "date_invalid"), ("kemarin", "date_invalid")])
def test_a_date_that_does_not_exist_is_told_apart_from_one_that_cannot_be_read(cell: str, key: str) -> None:
    with pytest.raises(Unreadable) as refused:
        parse_date(cell)
    assert refused.value.key == key


def test_a_case_file_with_31_february_says_the_date_does_not_exist(tmp_path, reference) -> None:
    from lib.data.validate import validate_file
    from tests.conftest import CASE_HEADER, GOOD_CASE, TODAY, with_cell, write_csv

    path = write_csv(tmp_path / "cases.csv", CASE_HEADER, [with_cell(GOOD_CASE, CASE_HEADER, "report_date", "31/02/2024")])
    report = validate_file(path, reference=reference, today=TODAY)
    messages = {lang: [problem.message(lang) for problem in report.problems] for lang in ("id", "en")}
    assert any(text.startswith("That date does not exist") for text in messages["en"]), messages
    assert any(text.startswith("Tanggal itu tidak ada") for text in messages["id"]), messages
    assert not any("expected e.g." in text for text in messages["en"])      # not the list of formats


@pytest.mark.parametrize("cell, expected", [
    ("2025-01", "2025-01"), ("2025-1", "2025-01"), ("01/2025", "2025-01"), ("2025/12", "2025-12"),
    ("Januari 2025", "2025-01"), ("Des 2024", "2024-12"), ("2025-Q1", "2025-Q1"), ("2025Q3", "2025-Q3"),
    ("Q2 2025", "2025-Q2"), ("TW4 2024", "2024-Q4"), (datetime(2025, 3, 1), "2025-03"),
])
def test_parse_period_accepts(cell: object, expected: str) -> None:
    assert parse_period(cell) == expected


@pytest.mark.parametrize("cell", ["2025-13", "2025-Q5", "Q 2025", "maret", "2025"])
def test_parse_period_refuses(cell: object) -> None:
    with pytest.raises(Unreadable):
        parse_period(cell)


@pytest.mark.parametrize("period, start", [("2025-02", date(2025, 2, 1)), ("2025-Q3", date(2025, 7, 1))])
def test_period_start(period: str, start: date) -> None:
    assert period_start(period) == start


@pytest.mark.parametrize("cell, decimal_comma, expected", [
    ("12", False, 12.0), (" 12 ", False, 12.0), ("0.45", False, 0.45), ("0,45", False, 0.45),
    ("0,45", True, 0.45), ("1.234,5", True, 1234.5), ("1.234", True, 1234.0), ("-3", False, -3.0),
    (7, False, 7.0), (0.25, False, 0.25),
])
def test_parse_number(cell: object, decimal_comma: bool, expected: float) -> None:
    assert parse_number(cell, decimal_comma=decimal_comma) == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["dua belas", "", "nan", "inf", True])
def test_parse_number_refuses(cell: object) -> None:
    with pytest.raises(Unreadable):
        parse_number(cell, decimal_comma=False)


@pytest.mark.parametrize("cell, kind, expected", [
    ("53.01.04.2003", Kind.VILLAGE_CODE, "53.01.04.2003"),
    ("5301042003", Kind.VILLAGE_CODE, "53.01.04.2003"),
    (5301042003, Kind.VILLAGE_CODE, "53.01.04.2003"),
    (" 53.01.04.2003 ", Kind.VILLAGE_CODE, "53.01.04.2003"),
    ("530104", Kind.SUBDISTRICT_CODE, "53.01.04"),
    (53.1, Kind.REGENCY_CODE, "53.10"),
    ("53.01", Kind.AREA_CODE, "53.01"),
    ("53.01.04", Kind.AREA_CODE, "53.01.04"),
    ("53.01.04.2003", Kind.AREA_CODE, "53.01.04.2003"),
])
def test_parse_code(cell: object, kind: Kind, expected: str) -> None:
    assert parse_code(cell, kind) == expected


@pytest.mark.parametrize("cell, kind", [("53.1.4.2003", Kind.VILLAGE_CODE), ("Bokonusan", Kind.VILLAGE_CODE),
                                        ("53.01.04", Kind.VILLAGE_CODE), ("5301", Kind.SUBDISTRICT_CODE)])
def test_parse_code_refuses(cell: object, kind: Kind) -> None:
    with pytest.raises(Unreadable):
        parse_code(cell, kind)


@pytest.mark.parametrize("cell, code_list, expected", [
    (" Rumah  Tangga ", codes.PLACE, "rumah_tangga"),
    ("RUMAH TANGGA", codes.PLACE, "rumah_tangga"),
    ("Household", codes.PLACE, "rumah_tangga"),
    ("Laki-laki", codes.SEX, "laki_laki"),
    ("P", codes.SEX, "perempuan"),
    ("Gelombang Ekstrem dan Abrasi", codes.HAZARD, "gelombang_ekstrem_abrasi"),
    ("13-17", codes.AGE_GROUP, "13-17"),
    ("Keluarga/Saudara", codes.RELATIONSHIP, "keluarga_saudara"),
])
def test_parse_category(cell: str, code_list: codes.CodeList, expected: str) -> None:
    assert parse_category(cell, code_list) == expected


def test_parse_category_lists_allowed_values() -> None:
    with pytest.raises(Unreadable) as raised:
        parse_category("kekerasan", codes.VIOLENCE_FORM)
    assert "seksual" in raised.value.params["allowed"]


@pytest.mark.parametrize("cell, expected", [
    ("Seksual; Fisik", "fisik;seksual"),          # stored in code-list order
    ("psikis,fisik,psikis", "fisik;psikis"),      # duplicates dropped
    ("Seksual", "seksual"),
])
def test_parse_categories(cell: str, expected: str) -> None:
    assert parse_categories(cell, codes.VIOLENCE_FORM) == expected


@pytest.mark.parametrize("index, expected", [(0.0, "rendah"), (0.333, "rendah"), (0.334, "sedang"),
                                             (0.666, "sedang"), (0.667, "tinggi"), (1.0, "tinggi")])
def test_hazard_class_thresholds(index: float, expected: str) -> None:
    assert codes.hazard_class_for(index) == expected
