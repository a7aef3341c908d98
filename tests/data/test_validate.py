"""The validator: what real exports look like is accepted; every bad input gets a clear problem."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib.data.contract import Reference
from lib.data.validate import ValidationReport, table_for_path, validate_file
from tests.conftest import ACTIVITY_HEADER, CASE_HEADER, GOOD_ACTIVITY, GOOD_CASE, TODAY, with_cell, write_csv

HAZARD_HEADER = ["village_code", "hazard", "index", "class", "year", "source"]


def check(path: Path, reference: Reference, table: str | None = None) -> ValidationReport:
    return validate_file(path, table=table, reference=reference, today=TODAY)


def keys(report: ValidationReport) -> list[str]:
    return [p.key for p in report.problems if p.severity == "error"]





# Accepted -----------------------------------------------------------------------------------------
def test_plain_utf8_csv_is_valid(tmp_path: Path, reference: Reference) -> None:
    report = check(write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [GOOD_ACTIVITY]), reference)
    assert report.ok, [p.describe("en") for p in report.problems]
    assert report.frame["participants_female"].tolist() == [12]
    assert str(report.frame["participants_female"].dtype) == "Int64"


def test_bom_semicolon_decimal_comma_and_indonesian_headers(tmp_path: Path, reference: Reference) -> None:
    header = ["Kode Desa", "Bahaya", "Indeks", "Kelas", "Tahun", "Sumber"]
    rows = [["5301042003", " Gelombang Ekstrem dan Abrasi ", "0,712", "", "2023", "InaRISK"],
            ["53.01.04.2004", "KEKERINGAN", "0,5", "Sedang", "2023", "InaRISK"]]
    report = check(write_csv(tmp_path / "bahaya.csv", header, rows, sep=";", bom=True), reference)
    assert report.ok, [p.describe("en") for p in report.problems]
    frame = report.frame
    assert frame["village_code"].tolist() == ["53.01.04.2003", "53.01.04.2004"]
    assert frame["hazard"].tolist() == ["gelombang_ekstrem_abrasi", "kekeringan"]
    assert frame["index"].tolist() == pytest.approx([0.712, 0.5])
    assert frame["class"].tolist() == ["tinggi", "sedang"]  # blank class derived from the index


def test_dates_as_staff_write_them(tmp_path: Path, reference: Reference) -> None:
    rows = [with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "date", "06/02/2025"),
            with_cell(with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "date", "17 Agustus 2025"), ACTIVITY_HEADER,
                      "activity_id", "ACT-2")]
    report = check(write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, rows), reference)
    assert report.ok
    assert [d.date().isoformat() for d in report.frame["date"]] == ["2025-02-06", "2025-08-17"]


def test_xlsx_with_real_excel_dates(tmp_path: Path, reference: Reference) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ID Kegiatan", "Tanggal", "Kode Desa", "Jenis Kegiatan", "Peserta Perempuan",
                  "Peserta Laki-laki", "Peserta Disabilitas", "Peserta Muda", "Sumber"])
    sheet.append(["ACT-9", datetime(2025, 2, 6), 5301042003, "Forum Perempuan Desa", 25, 0, 2, 6, "register"])
    sheet.append([None] * 9)  # the empty rows Excel leaves at the end
    hidden = workbook.create_sheet("catatan")
    hidden.sheet_state = "hidden"
    path = tmp_path / "kegiatan.xlsx"
    workbook.save(path)
    report = check(path, reference)
    assert report.table == "activities"
    assert report.ok, [p.describe("en") for p in report.problems]
    assert report.frame["date"].iloc[0].date().isoformat() == "2025-02-06"
    assert report.frame["activity_type"].iloc[0] == "forum_perempuan"
    assert "xlsx_values_only" in [p.key for p in report.warnings]


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path, reference: Reference) -> None:
    header = ["date", "event_type", "name", "area_code", "deaths", "affected", "houses_damaged", "source"]
    rows = [["2021-04-04", "siklon_tropis", "Siklon Tropis Seroja – Kupang", "53.01", "", "1200", "", "DIBI"]]
    report = check(write_csv(tmp_path / "events.csv", header, rows, encoding="cp1252"), reference)
    assert report.ok
    assert [p.key for p in report.warnings] == ["encoding_fallback"]
    assert report.frame["name"].iloc[0] == "Siklon Tropis Seroja – Kupang"


# Refused, one problem each -------------------------------------------------------------------------
@pytest.mark.parametrize("column, value, key", [
    ("village_code", "53.01.04.2030", "village_unknown"),
    ("village_code", "Bokonusan", "village_unknown"),
    ("village_code", "53-01", "code_format"),
    ("participants_female", "-3", "count_negative"),
    ("participants_female", "2.5", "count_fractional"),
    ("participants_female", "dua", "not_a_number"),
    ("date", "2030-01-01", "date_future"),
    ("date", "31/02/2025", "date_not_exist"),
    ("activity_type", "rapat besar", "category_unknown"),
    ("source", "", "value_required"),
    ("participants_youth", "40", "participants_subset"),
])
def test_activity_cell_problems(tmp_path: Path, reference: Reference, column: str, value: str, key: str) -> None:
    row = with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, column, value)
    report = check(write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [row]), reference)
    assert keys(report) == [key]
    problem = report.errors[0]
    assert problem.row == 2 and problem.column == column
    assert problem.message("id") and problem.message("en") and problem.message("id") != problem.message("en")
    assert report.frame is None


def test_unknown_village_suggests_the_closest_official_name(tmp_path: Path, reference: Reference) -> None:
    row = with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "village_code", "Bokonusn")
    report = check(write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [row]), reference)
    assert "53.01.04.2003 (Bokonusan)" in report.errors[0].message("en")
    assert "maksud Anda 53.01.04.2003 (Bokonusan)" in report.errors[0].message("id")


def test_unknown_category_lists_allowed_values(tmp_path: Path, reference: Reference) -> None:
    row = with_cell(GOOD_CASE, CASE_HEADER, "place", "pasar")
    report = check(write_csv(tmp_path / "cases.csv", CASE_HEADER, [row]), reference)
    assert keys(report) == ["category_unknown"]
    assert "rumah_tangga" in report.errors[0].message("en")


def test_duplicate_ids_name_the_first_row(tmp_path: Path, reference: Reference) -> None:
    report = check(write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, [GOOD_ACTIVITY, GOOD_ACTIVITY]), reference)
    assert keys(report) == ["duplicate_key"]
    assert report.errors[0].row == 3 and report.errors[0].params["rows"] == 2


@pytest.mark.parametrize("index", ["1.2", "-0.1"])
def test_index_outside_0_1(tmp_path: Path, reference: Reference, index: str) -> None:
    rows = [["53.01.04.2003", "banjir", index, "", "2023", "InaRISK"]]
    report = check(write_csv(tmp_path / "hazards.csv", HAZARD_HEADER, rows), reference)
    assert keys(report) == ["index_out_of_range"]


def test_hazard_class_must_match_index(tmp_path: Path, reference: Reference) -> None:
    rows = [["53.01.04.2003", "banjir", "0.9", "rendah", "2023", "InaRISK"]]
    report = check(write_csv(tmp_path / "hazards.csv", HAZARD_HEADER, rows), reference)
    assert keys(report) == ["hazard_class_mismatch"]
    assert "tinggi" in report.errors[0].message("en")


def test_missing_required_columns_are_all_named(tmp_path: Path, reference: Reference) -> None:
    header = [c for c in ACTIVITY_HEADER if c not in ("date", "source")]
    row = [v for c, v in zip(ACTIVITY_HEADER, GOOD_ACTIVITY) if c not in ("date", "source")]
    report = check(write_csv(tmp_path / "activities.csv", header, [row]), reference)
    assert sorted((p.key, p.column) for p in report.errors) == [("column_missing", "date"), ("column_missing", "source")]
    assert 'expected a column "date" (Date of the activity)' in report.errors[0].message("en")
    assert 'diharapkan kolom "date" (Tanggal kegiatan)' in report.errors[0].message("id")


def test_every_problem_is_reported_at_once(tmp_path: Path, reference: Reference) -> None:
    rows = [with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "participants_male", "-1"),
            with_cell(with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "activity_id", "ACT-2"), ACTIVITY_HEADER,
                      "date", "kemarin"),
            with_cell(with_cell(GOOD_ACTIVITY, ACTIVITY_HEADER, "activity_id", "ACT-3"), ACTIVITY_HEADER,
                      "village_code", "99.99.99.9999")]
    report = check(write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER, rows), reference)
    assert [(p.row, p.key) for p in report.errors] == [(2, "count_negative"), (3, "date_invalid"),
                                                        (4, "village_unknown")]


def test_case_village_must_lie_in_its_kecamatan(tmp_path: Path, reference: Reference) -> None:
    row = with_cell(GOOD_CASE, CASE_HEADER, "subdistrict_code", "53.01.05")
    report = check(write_csv(tmp_path / "cases.csv", CASE_HEADER, [row]), reference)
    assert keys(report) == ["village_not_in_subdistrict"]


def test_case_without_village_is_accepted_at_kecamatan_level(tmp_path: Path, reference: Reference) -> None:
    row = with_cell(GOOD_CASE, CASE_HEADER, "village_code", "")
    report = check(write_csv(tmp_path / "cases.csv", CASE_HEADER, [row]), reference)
    assert report.ok, [p.describe("en") for p in report.problems]


def test_case_report_before_incident(tmp_path: Path, reference: Reference) -> None:
    row = with_cell(GOOD_CASE, CASE_HEADER, "report_date", "2025-01-01")
    report = check(write_csv(tmp_path / "cases.csv", CASE_HEADER, [row]), reference)
    assert keys(report) == ["report_before_incident"]


def test_unknown_column_in_cases_is_refused(tmp_path: Path, reference: Reference) -> None:
    header = CASE_HEADER + ["kronologi"]
    report = check(write_csv(tmp_path / "cases.csv", header, [GOOD_CASE + ["cerita kejadian"]]), reference)
    assert keys(report) == ["column_unknown_sensitive"]


def test_unknown_column_elsewhere_is_a_warning(tmp_path: Path, reference: Reference) -> None:
    header = ACTIVITY_HEADER + ["catatan"]
    report = check(write_csv(tmp_path / "activities.csv", header, [GOOD_ACTIVITY + ["ok"]]), reference)
    assert report.ok and [p.key for p in report.warnings] == ["column_unknown"]
    assert "catatan" not in report.frame.columns


def test_indicator_value_needs_a_known_indicator(tmp_path: Path, villages) -> None:
    reference = Reference.from_villages(villages, today=TODAY, indicators=frozenset({"OUT1"}))
    header = ["indicator_code", "area_code", "period", "sex", "age_group", "disability", "value", "source"]
    rows = [["OUT1", "53.01", "2025-Q1", "", "", "", "12", "report"],
            ["OUT9", "53.01.04", "2025-Q1", "", "", "", "3", "report"],
            ["OUT1", "53.01", "2026-Q3", "", "", "", "3", "report"]]
    report = check(write_csv(tmp_path / "indicator_values.csv", header, rows), reference)
    assert [(p.row, p.key) for p in report.errors] == [(3, "indicator_unknown"), (4, "period_future")]


def test_percent_indicator_values_lie_in_0_to_100(tmp_path: Path, villages) -> None:
    indicators = pd.DataFrame({"indicator_code": ["PCT", "NUM"], "unit": ["percent", "people"]})
    reference = Reference.from_villages(villages, today=TODAY).with_indicators(indicators)
    assert reference.indicators == {"PCT", "NUM"} and reference.percent_indicators == {"PCT"}
    header = ["indicator_code", "area_code", "period", "sex", "age_group", "disability", "value", "source"]
    rows = [["PCT", "53.01", "2025-Q1", "", "", "", "100", "survey"],
            ["PCT", "53.01", "2025-Q2", "", "", "", "150", "survey"],      # a typing error, not progress
            ["PCT", "53.01", "2025-Q3", "", "", "", "-1", "survey"],
            ["NUM", "53.01", "2025-Q1", "", "", "", "1500", "register"]]  # people: any count
    report = check(write_csv(tmp_path / "indicator_values.csv", header, rows), reference)
    assert [(p.row, p.column, p.key) for p in report.errors] == [(3, "value", "percent_out_of_range"),
                                                                 (4, "value", "percent_out_of_range")]
    assert "0..100" in report.errors[0].describe("en") and "0..100" in report.errors[0].describe("id")


def test_an_indicator_counted_in_cases_is_accepted_for_a_regency_only(tmp_path: Path, villages) -> None:
    indicators = pd.DataFrame({"indicator_code": ["REF", "NUM"], "unit": ["cases", "people"]})
    reference = Reference.from_villages(villages, today=TODAY).with_indicators(indicators)
    assert reference.case_count_indicators == {"REF"}
    header = ["indicator_code", "area_code", "period", "sex", "age_group", "disability", "value", "source"]
    rows = [["REF", "53.01", "2025-Q1", "", "", "", "14", "register"],
            ["REF", "53.01.04", "2025-Q1", "", "", "", "11", "register"],        # the rest: 3, by subtraction
            ["REF", "53.01.04.2003", "2025-Q1", "", "", "", "6", "register"],
            ["NUM", "53.01.04", "2025-Q1", "", "", "", "150", "register"]]     # people: any area
    report = check(write_csv(tmp_path / "indicator_values.csv", header, rows), reference)
    assert [(p.row, p.column, p.key) for p in report.errors] == [(3, "area_code", "case_count_below_regency"),
                                                                 (4, "area_code", "case_count_below_regency")]
    assert "regency" in report.errors[0].describe("en") and "kabupaten" in report.errors[0].describe("id")


def test_the_whole_folder_checks_percent_values_against_its_indicators(folder: Path) -> None:
    from lib.data.load import validate_folder

    indicators = pd.read_csv(folder / "indicators.csv", dtype=str)
    percent = indicators.loc[indicators["unit"] == "percent", "indicator_code"].iloc[0]
    values = pd.read_csv(folder / "indicator_values.csv", dtype=str, keep_default_na=False)
    row = values.index[values["indicator_code"] == percent][0]
    values.loc[row, "value"] = "250"
    values.to_csv(folder / "indicator_values.csv", index=False)
    reports = {report.table: report for report in validate_folder(folder, today=TODAY)}
    assert [(p.row, p.key) for p in reports["indicator_values"].errors] == [(row + 2, "percent_out_of_range")]


# Files that cannot be read ------------------------------------------------------------------------
@pytest.mark.parametrize("name, payload, key", [
    ("activities.csv", b"", "file_empty"),
    ("activities.xlsx", b"not a zip file", "xlsx_not_a_workbook"),
    ("activities.txt", b"a,b", "file_format_unsupported"),
    ("laporan.csv", b"a,b\n1,2\n", "table_unknown"),
])
def test_unreadable_files(tmp_path: Path, reference: Reference, name: str, payload: bytes, key: str) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    report = check(path, reference)
    assert keys(report) == [key]


@pytest.mark.parametrize("file_name, table", [
    ("activities.csv", "activities"), ("kegiatan_2025.xlsx", "activities"), ("Nilai Indikator.csv", "indicator_values"),
    ("indicators.csv", "indicators"), ("kasus.csv", "cases"), ("desa.csv", "villages"), ("catatan.csv", None),
])
def test_table_from_file_name(file_name: str, table: str | None) -> None:
    assert table_for_path(Path(file_name)) == table


def test_duplicate_indicator_values_with_blank_disaggregation(tmp_path: Path, villages) -> None:
    reference = Reference.from_villages(villages, today=TODAY, indicators=frozenset({"OUT1"}))
    header = ["indicator_code", "area_code", "period", "sex", "age_group", "disability", "value", "source"]
    row = ["OUT1", "53.01", "2025-Q1", "", "", "", "12", "report"]
    report = check(write_csv(tmp_path / "indicator_values.csv", header, [row, row]), reference)
    assert keys(report) == ["duplicate_key"]


def test_case_problems_never_echo_another_column(tmp_path: Path, reference: Reference) -> None:
    row = with_cell(GOOD_CASE, CASE_HEADER, "subdistrict_code", "53.01.05")
    report = check(write_csv(tmp_path / "cases.csv", CASE_HEADER, [row]), reference)
    message = report.errors[0].message("en")
    assert "53.01.05" not in message and "(hidden)" in message
