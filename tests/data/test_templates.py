"""Templates: for every table and both header languages, the Excel file has the accepted headers,
an explanation of every column, dropdowns of the allowed values, and one row filled from them
passes the validator."""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from lib.data.contract import Reference
from lib.texts.i18n import LANGUAGES
from lib.data.paths import SHIPPED_DATA_DIR
from lib.data.schema import TABLES, Kind
from lib.store.checks import reference_in_store
from lib.data.templates import (DATA_SHEET, LISTS_SHEET, allowed_labels, header_for, headers, template_csv,
                           template_file_name, template_xlsx)
from lib.data.validate import table_for_path, validate_file
from tests.conftest import TODAY

CASES = [(name, lang) for name in TABLES for lang in LANGUAGES]
# One valid row per table (canonical column -> value); category cells not listed take the dropdown's first value.
SAMPLE_ROWS: dict[str, dict[str, object]] = {
    "villages": {"village_code": "53.01.04.2003", "village_name": "Bokonusan", "subdistrict_code": "53.01.04",
                 "subdistrict_name": "Semau", "regency_code": "53.01", "regency_name": "Kabupaten Kupang",
                 "lat": -10.2275, "lon": 123.3796, "population": 1200, "population_female": 610},
    "indicators": {"indicator_code": "IMP-9", "name_id": "Uji", "name_en": "Test", "baseline": 1, "target": 2,
                   "target_date": "2026-06-30", "source": "M&E plan"},
    "indicator_values": {"indicator_code": "IMP-1", "area_code": "53.01.04.2003", "period": "2025-02", "value": 10,
                         "source": "report"},
    "activities": {"activity_id": "ACT-T-1", "date": "2025-02-06", "village_code": "53.01.04.2003",
                   "participants_female": 10, "participants_male": 5, "participants_with_disability": 1,
                   "participants_youth": 2, "source": "register"},
    "cases": {"case_id": "C-T1", "report_date": "2025-02-06", "incident_date": "2025-02-01",
              "village_code": "53.01.04.2003", "subdistrict_code": "53.01.04", "source": "SIMFONI-PPA"},
    "hazards": {"village_code": "53.01.04.2003", "index": 0.5, "class": {"id": "Sedang", "en": "Medium"},
                "year": 2024, "source": "InaRISK"},
    "events": {"date": "2021-04-05", "name": "Siklon Tropis Seroja", "area_code": "53.01", "deaths": 0,
               "affected": 10, "houses_damaged": 1, "source": "DIBI"},
}


def reference(name: str) -> Reference:
    """What the store checks a table against in the shipped data folder."""
    return reference_in_store(name, SHIPPED_DATA_DIR, TODAY)


def open_template(name: str, lang: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_xlsx(name, lang)))


def dropdown_values(book: openpyxl.Workbook, letter: str) -> list[str] | None:
    """The values the dropdown of a data column offers (inline list or a range on the list sheet)."""
    sheet = book[DATA_SHEET]
    for rule in sheet.data_validations.dataValidation:
        if rule.type == "list" and any(letter == str(r).split(":")[0].rstrip("0123456789") for r in rule.sqref.ranges):
            formula = rule.formula1
            if formula.startswith('"'):
                return formula.strip('"').split(",")
            sheet_name, cells = formula.split("!")
            return [c.value for row in book[sheet_name][cells.replace("$", "")] for c in row]
    return None


@pytest.mark.parametrize("name, lang", CASES)
def test_headers_are_ones_the_validator_accepts(name: str, lang: str) -> None:
    table = TABLES[name]
    sheet = open_template(name, lang)[DATA_SHEET]
    written = [cell.value for cell in sheet[1]]
    assert written == headers(table, lang)
    for column, header in zip(table.columns, written):
        assert header == column.name if lang == "en" else header in (column.name, *column.aliases)


@pytest.mark.parametrize("column, lang, header", [("lat", "id", "lintang"), ("lon", "id", "bujur"),
                                                  ("village_code", "id", "kode_desa"), ("lat", "en", "lat")])
def test_indonesian_headers_skip_english_aliases(column: str, lang: str, header: str) -> None:
    assert header_for(TABLES["villages"].column(column), lang) == header
    assert header_for(TABLES["indicators"].column("name_en"), "id") == "name_en"   # it has no Indonesian alias


@pytest.mark.parametrize("name, lang", CASES)
def test_the_explanation_sheet_covers_every_column_and_value(name: str, lang: str) -> None:
    book = open_template(name, lang)
    assert [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"][0] == DATA_SHEET
    assert book[LISTS_SHEET].sheet_state == "hidden"
    explanation = book.worksheets[1]
    rows = {row[1]: row for row in explanation.iter_rows(min_row=2, values_only=True) if row[1]}
    for column in TABLES[name].columns:
        assert column.name in rows
        meaning = column.meaning_en if lang == "en" else column.meaning_id
        assert rows[column.name][5] == meaning
        for code in column.code_list.values if column.code_list else ():
            assert f"({code})" in rows[column.name][4]
    notes = " ".join(str(row[0]) for row in explanation.iter_rows(values_only=True) if row[0])
    assert ("NIK" in notes) and (TABLES[name].key[0] in notes)


@pytest.mark.parametrize("name, lang", CASES)
def test_category_columns_carry_a_dropdown_of_their_values(name: str, lang: str) -> None:
    book = open_template(name, lang)
    for index, column in enumerate(TABLES[name].columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        values = dropdown_values(book, letter)
        if column.kind in (Kind.CATEGORY, Kind.CATEGORIES):
            assert values == allowed_labels(column, lang), column.name
            assert all(column.code_list.resolve(v) == c for v, c in zip(values, column.code_list.values))
        else:
            assert values is None, column.name


def test_long_lists_live_on_the_hidden_sheet() -> None:
    book = open_template("activities", "id")
    rule = next(r for r in book[DATA_SHEET].data_validations.dataValidation if r.type == "list")
    assert rule.formula1.startswith(f"{LISTS_SHEET}!")
    assert [c.value for c in book[LISTS_SHEET]["A"]][:2] == allowed_labels(TABLES["activities"].column("activity_type"), "id")[:2]


@pytest.mark.parametrize("name, lang", CASES)
def test_a_row_filled_from_the_template_is_valid(name: str, lang: str, tmp_path: Path) -> None:
    book = open_template(name, lang)
    sheet = book[DATA_SHEET]
    for index, column in enumerate(TABLES[name].columns, start=1):
        value = SAMPLE_ROWS[name].get(column.name)
        if isinstance(value, dict):
            value = value[lang]
        if value is None and column.code_list is not None:
            value = dropdown_values(book, openpyxl.utils.get_column_letter(index))[0]
        sheet.cell(row=2, column=index, value=value)
    path = tmp_path / template_file_name(name, lang, ".xlsx")
    book.save(path)
    assert table_for_path(path) == name                  # the file name tells the table
    report = validate_file(path, table=name, reference=reference(name), today=TODAY)
    assert report.ok, [p.describe("en") for p in report.errors]
    assert report.rows == 1 and [p.key for p in report.warnings] == ["xlsx_values_only"]


@pytest.mark.parametrize("name, lang", CASES)
def test_the_csv_template_with_one_row_is_valid(name: str, lang: str, tmp_path: Path) -> None:
    payload = template_csv(name, lang).decode("utf-8-sig")
    assert payload.strip().split(",") == headers(TABLES[name], lang)
    cells = []
    for column in TABLES[name].columns:
        value = SAMPLE_ROWS[name].get(column.name)
        value = value[lang] if isinstance(value, dict) else value
        cells.append(str(value) if value is not None else (allowed_labels(column, lang)[0] if column.code_list else ""))
    path = tmp_path / template_file_name(name, lang, ".csv")
    path.write_text(payload + ",".join(cells) + "\n", encoding="utf-8-sig")
    report = validate_file(path, table=name, reference=reference(name), today=TODAY)
    assert report.ok, [p.describe("en") for p in report.errors]
