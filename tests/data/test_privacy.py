"""Person-identifying data is refused whole, in every table, and never echoed back.

The corpus is data: spellings people use (or use to slip past a filter) that must be refused, and
values and headers of real monitoring data that must pass.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from lib.data.contract import Reference
from lib.data.privacy import classify_value, fold_text, identifying_headers, normalise_header
from lib.data.schema import ACTIVITIES, CASES, EVENTS, INDICATORS, TABLES
from lib.data.validate import validate_file
from tests.conftest import (ACTIVITY_HEADER, CASE_HEADER, GOOD_ACTIVITY, GOOD_CASE, RUN_REPORT, TODAY, with_cell,
                            write_csv)

IDENTIFYING_HEADERS = [
    "nama_korban", "Nama Pelaku", "NIK", "nik_korban", "Alamat", "alamat_rumah", "No HP", "phone", "Email",
    "tanggal_lahir", "nama", "Nama Peserta", "nama_anak", "Nama Ibu Kandung", "NoTelp", "nohp", "E-mail",
    "Tanggal Lahir Korban", "Nama Korban (inisial)", "Domisili", "Nomor Kartu Keluarga", "NAMA", "NamaPeserta",
    "No. HP", "Telp/WA", "No. WA", "Alamat Lengkap", "no_kk", "No. KTP", "TTL", "Tempat/Tgl Lahir", "Nama Lengkap",
    "Nama Petugas", "whatsapp", "Email Address", "Nomor Induk Kependudukan", "Inisial", "Date of Birth",
    "full name", "child_name", "Handphone",
    "na\u200bma",        # a zero-width space inside
    "n\u0430ma",         # a Cyrillic а
    "N\u0410\u041c\u0410",   # Cyrillic А and М in upper case
    "ｎａｍａ",           # full-width
    "nama\u00ad",        # a soft hyphen
    "\ufeffNIK",         # a BOM
]
BENIGN_HEADERS = [
    "nama_desa", "Nama Desa", "village_name", "nama_kecamatan", "nama_kegiatan", "activity_name", "indicator_name",
    "nama_indikator", "event_name", "NamaDesa", "keterangan", "catatan", "notes", "jumlah", "teknik", "unik",
    "klinik", "elektronik", "kategori", "jenis_kegiatan", "tahun", "sumber", "Nama Lembaga", "nama_program",
]


@pytest.mark.parametrize("header", IDENTIFYING_HEADERS)
@pytest.mark.parametrize("table", sorted(TABLES))
def test_identifying_headers_in_every_table(header: str, table: str) -> None:
    # Except where the table declares the column itself (events and indicators have a name).
    declared = {spelling for col in TABLES[table].columns for spelling in (col.name, *col.aliases)}
    expected = [] if normalise_header(header) in declared else [header]
    assert identifying_headers([header], TABLES[table]) == expected


@pytest.mark.parametrize("header", BENIGN_HEADERS)
def test_benign_headers_pass(header: str) -> None:
    assert identifying_headers([header], ACTIVITIES) == []


def test_declared_columns_are_not_identifying() -> None:
    assert identifying_headers(["name"], EVENTS) == []          # the event's name, e.g. Seroja
    assert identifying_headers(["name_id", "name_en", "nama"], INDICATORS) == []


@pytest.mark.parametrize("written, folded", [
    ("ｎａｍａ＠ｍａｉｌ．ｃｏｍ", "nama@mail.com"), ("０８１２", "0812"), ("n\u0430m\u0430", "nama"),
    ("na\u200bma", "nama"), ("Bokonusan", "Bokonusan"), ("Sulamú", "Sulamu"),
])
def test_text_is_folded_before_matching(written: str, folded: str) -> None:
    assert fold_text(written) == folded


@pytest.mark.parametrize("header, normalised", [
    ("Nama Korban (inisial) ", "nama_korban_inisial"), ("E-mail", "e_mail"), ("Tempat/Tgl. Lahir", "tempat_tgl_lahir"),
    ("\ufeffvillage_code", "village_code"), ("NoTelp", "notelp"),
])
def test_headers_are_normalised(header: str, normalised: str) -> None:
    assert normalise_header(header) == normalised


IDENTIFYING_VALUES = [
    # NIK and family card numbers
    ("5301041234560001", "pii_nik"), ("5301 0412 3456 0001", "pii_nik"), (5301041234560001, "pii_nik"),
    ("5301-0412-3456-0001", "pii_nik"), ("5301.0412.3456.0001", "pii_nik"), ("5301/0412/3456/0001", "pii_nik"),
    ("NIK 5301041234560001 (ibu)", "pii_nik"), ("NIK: 530104123456", "pii_nik"), ("No. KK 5301041234560002", "pii_nik"),
    ("５３０１０４１２３４５６０００１", "pii_nik"), ("5301\u200b0412\u200b3456\u200b0001", "pii_nik"),
    # mobile numbers
    ("081234567890", "pii_phone"), ("0812-3456-7890", "pii_phone"), ("+62 812 3456 7890", "pii_phone"),
    ("hubungi 0812 3456 7890", "pii_phone"), ("0812 34 56 78 90", "pii_phone"), ("0812/3456/7890", "pii_phone"),
    ("08l2 3456 789O", "pii_phone"), ("O812-3456-7890", "pii_phone"), ("0812.3456.7890", "pii_phone"),
    ("62 812 3456 7890", "pii_phone"), ("6281234567890", "pii_phone"), ("+6281234567890", "pii_phone"),
    ("(0812) 3456 7890", "pii_phone"), ("０８１２３４５６７８９０", "pii_phone"), ("0812\u200b3456\u200b7890", "pii_phone"),
    ("WA 0852-3912-0045", "pii_phone"), ("0813 3912 004", "pii_phone"),
    (81234567890, "pii_phone"), (81234567890.0, "pii_phone"),   # a number cell: the spreadsheet dropped the 0
    # landlines
    ("tel. 0380-821234", "pii_phone"), ("(0380) 821234", "pii_phone"), ("(0380)821234", "pii_phone"),
    ("0380 821234", "pii_phone"), ("+62 380 821234", "pii_phone"), ("+62-380-821234", "pii_phone"),
    ("+62 (380) 821234", "pii_phone"), ("021-5551234", "pii_phone"),
    # emails
    ("korban@example.com", "pii_email"), ("petugas@uptd.go.id", "pii_email"), ("nama [at] mail [dot] com", "pii_email"),
    ("nama(at)mail.com", "pii_email"), ("nama (at) mail (dot) com", "pii_email"), ("nama at mail dot com", "pii_email"),
    ("ｎａｍａ＠ｍａｉｌ．ｃｏｍ", "pii_email"), ("nama @ mail . com", "pii_email"), ("nama{at}mail{dot}co{dot}id", "pii_email"),
    # addresses (case data)
    ("Jl. Timor Raya No. 5", "pii_address"), ("Jalan Timor Raya 12", "pii_address"), ("RT 03/RW 02", "pii_address"),
    ("RT.05 RW.02", "pii_address"), ("RT 005/RW 002", "pii_address"), ("RT05/RW02", "pii_address"),
    ("rt 3 rw 4", "pii_address"), ("R.T. 5", "pii_address"), ("Dusun II", "pii_address"), ("Dusun 2", "pii_address"),
    ("dusun Oenunu", "pii_address"), ("Gg. Mawar", "pii_address"),
    # personal names after an honorific
    ("Ibu Maria", "pii_name"), ("Bpk. Yohanes", "pii_name"), ("an. Maria", "pii_name"), ("a.n. Yosefina", "pii_name"),
    ("Sdri. Ana", "pii_name"), ("dilaporkan oleh Bapak Yohanes", "pii_name"), ("Mama Yosefina", "pii_name"),
    ("Pak Agus", "pii_name"), ("Ny. Sarlin", "pii_name"), ("Ib\u200bu Maria", "pii_name"),
]
BENIGN_VALUES = [
    # villages, kecamatan, codes
    "Oelamasi", "Oesao", "Bokonusan", "Noelbaki", "Tuapukan", "Oeltua", "Lifuleo", "Kupang Tengah", "Semau Selatan",
    "Amarasi Barat", "Sulamu", "53.01", "53.01.04", "53.01.04.2003", "5301042003", "53.01.04.2003;53.01.04.2004",
    # dates, periods, amounts, ids
    "2025-02-06", "06/02/2025", "6 Februari 2025", "2024-Q3", "2024-12", "2019-2024", "08.00-12.00",
    "1.250.000", "Rp 1.250.000,00", "12.500.000.000", "Rp 62.812.500.000", "0,45", "33.3", "27826", "57",
    "C-2024-0001-2025-0002", 27826, 5301042003, 1250000.0, 8500000000,  "C-393F1C", "C-7F3A91", "C-04214396", "C-08123456789", "ACT-2024-0001", "ACT-2025-123456789",
    # sources, activities, categories
    "DEMO (synthetic)", "SIMFONI-PPA", "UPTD PPA Kabupaten Kupang", "Dinas P2KBP3A", "Laporan BPBD 2024",
    "Pelatihan kader ibu hamil", "Kelas Ibu Hamil", "Posyandu Ibu Balita", "Bapak Bupati Kupang", "Ibu Kota",
    "Rapat koordinasi OPD di Oelamasi", "Pelatihan pengurangan risiko bencana", "Forum perempuan desa",
    "Siklon Seroja 2021", "Banjir Oesao", "Kekeringan 2019", "Pokja Perdamaian", "Musrenbang desa 2025",
    "Kepala Dusun", "Gereja GMIT", "seksual", "rumah_tangga", "pengaduan;kesehatan", "at least 25 women",
    "Persentase perempuan yang merasa mampu mempengaruhi keputusan desa",
    "% of women who feel able to influence village decisions",
]


@pytest.mark.parametrize("value, expected", IDENTIFYING_VALUES)
def test_identifying_values_are_caught(value: object, expected: str) -> None:
    assert classify_value(value, addresses=True) == expected


@pytest.mark.parametrize("value", BENIGN_VALUES)
def test_benign_values_pass(value: str) -> None:
    assert classify_value(value, addresses=True) is None


def test_addresses_are_looked_for_in_case_data_only() -> None:
    assert classify_value("Jl. Timor Raya No. 5", addresses=False) is None
    assert classify_value("Ibu Maria", addresses=False) == "pii_name"


@pytest.mark.parametrize("column, value", [
    ("case_id", "5301041234560001"),                 # an NIK used as the case id
    ("source", "UPTD PPA hubungi 0812 3456 7890"),
    ("source", "petugas@uptd.go.id"),
    ("source", "Jalan Timor Raya 12"),
    ("source", "UPTD PPA RT.05 RW.02"),
    ("source", "laporan Ibu Maria"),
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
        described = problem.describe(lang)
        assert value not in described and "7890" not in described and "Maria" not in described


def test_identifying_header_refuses_even_a_clean_file(tmp_path: Path, reference: Reference) -> None:
    header = CASE_HEADER + ["nama_korban"]
    report = validate_file(write_csv(tmp_path / "cases.csv", header, [GOOD_CASE + [""]]), reference=reference,
                           today=TODAY)
    assert [p.key for p in report.problems] == ["pii_header"]
    assert report.frame is None


@pytest.mark.parametrize("header", ["Nama Peserta", "nohp", "n\u0430ma"])
def test_an_identifying_header_refuses_an_activities_file_whole(tmp_path: Path, reference: Reference,
                                                               header: str) -> None:
    # Outside case data too: not a warning and a dropped column, the file is refused.
    report = validate_file(write_csv(tmp_path / "activities.csv", ACTIVITY_HEADER + [header], [GOOD_ACTIVITY + [""]]),
                           reference=reference, today=TODAY)
    assert [(p.key, p.severity) for p in report.problems] == [("pii_header", "error")]
    assert report.frame is None


# The corpus as files: every identifying header and value, in activities and case data, as CSV and XLSX.
def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    if path.suffix == ".csv":
        return write_csv(path, [h.replace(",", " ") for h in header],
                         [[str(v).replace(",", " ") for v in row] for row in rows])
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    book.save(path)
    return path


def _corpus() -> list[tuple[str, list[str], list[list[object]]]]:
    files = []
    for name, header, good in (("activities", ACTIVITY_HEADER, GOOD_ACTIVITY), ("cases", CASE_HEADER, GOOD_CASE)):
        files += [(name, header + [extra], [good + [""]]) for extra in IDENTIFYING_HEADERS]
        files += [(name, header, [with_cell(good, header, "source", str(value))]) for value, what in IDENTIFYING_VALUES
                  if (what != "pii_address" or name == "cases") and (isinstance(value, str) or what == "pii_nik")]
    return files


def test_the_corpus_of_identifying_files_is_refused_whole(tmp_path: Path, reference: Reference) -> None:
    corpus = _corpus()
    refused, passed = 0, []
    for index, (table, header, rows) in enumerate(corpus):
        for suffix in (".csv", ".xlsx"):
            path = _write(tmp_path / f"{table}_{index}{suffix}", header, rows)
            report = validate_file(path, table=table, reference=reference, today=TODAY)
            if report.frame is None and {p.key for p in report.problems} <= {"pii_header", "pii_value"}:
                refused += 1
            else:
                passed.append(path.name)
    RUN_REPORT.append(f"privacy corpus: {refused} of {2 * len(corpus)} identifying files refused whole")
    assert 2 * len(corpus) >= 300 and not passed, passed


@pytest.mark.parametrize("table", ["activities", "cases"])
def test_benign_values_in_a_source_column_pass(tmp_path: Path, reference: Reference, table: str) -> None:
    header, good = (ACTIVITY_HEADER, GOOD_ACTIVITY) if table == "activities" else (CASE_HEADER, GOOD_CASE)
    rows = [with_cell(with_cell(good, header, header[0], f"X-{i}"), header, "source", str(value).replace(",", " "))
            for i, value in enumerate(BENIGN_VALUES)]
    report = validate_file(write_csv(tmp_path / f"{table}.csv", header, rows), reference=reference, today=TODAY)
    assert not [p for p in report.problems if p.key.startswith("pii_")]
    assert report.ok, report.text(["en"])


def test_case_header_list_is_the_contract() -> None:
    assert identifying_headers(list(CASE_HEADER), CASES) == []
