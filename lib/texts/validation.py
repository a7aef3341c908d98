"""Texts of data validation: summaries and problems (each says what is wrong and what is expected)."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # Validation: summary lines
    "validation_ok": {"id": "{file}: sah ({rows} baris)", "en": "{file}: valid ({rows} rows)"},
    "validation_failed": {
        "id": "{file}: {errors} kesalahan, {warnings} peringatan; berkas tidak diterima",
        "en": "{file}: {errors} errors, {warnings} warnings; the file is not accepted",
    },
    "validation_warnings": {
        "id": "{file}: sah dengan {warnings} peringatan ({rows} baris)",
        "en": "{file}: valid with {warnings} warnings ({rows} rows)",
    },
    "problem_location": {"id": "baris {row}, kolom {column}", "en": "row {row}, column {column}"},
    "problem_column": {"id": "kolom {column}", "en": "column {column}"},
    "problem_value": {"id": "nilai \"{value}\"", "en": "value \"{value}\""},
    "severity_error": {"id": "KESALAHAN", "en": "ERROR"},
    "severity_warning": {"id": "PERINGATAN", "en": "WARNING"},
    "value_hidden": {"id": "(disembunyikan)", "en": "(hidden)"},
    # Validation: problems (the message says what is wrong and what is expected)
    "path_not_found": {"id": "Berkas atau folder tidak ditemukan", "en": "File or folder not found"},
    "file_unreadable": {
        "id": "Berkas tidak dapat dibaca ({detail}); diharapkan .csv (UTF-8) atau .xlsx",
        "en": "The file cannot be read ({detail}); expected .csv (UTF-8) or .xlsx",
    },
    "file_format_unsupported": {
        "id": "Format berkas tidak didukung; diharapkan .csv atau .xlsx",
        "en": "Unsupported file format; expected .csv or .xlsx",
    },
    "file_empty": {"id": "Berkas tidak berisi baris data", "en": "The file has no data rows"},
    # Limits of reading (lib.data.settings.READ_LIMITS): refused before the file is read whole
    "file_too_large": {
        "id": "Berkas {size} MB, lebih besar dari batas {limit} MB; berkas tidak dibaca. Pecah berkas menjadi beberapa bagian",
        "en": "The file is {size} MB, above the {limit} MB limit; it was not read. Split it into smaller files",
    },
    "xlsx_unpacked_too_large": {
        "id": "Isi berkas Excel setelah dibuka {size} MB, melebihi batas {limit} MB; berkas tidak dibaca. Simpan sebagai CSV",
        "en": "The Excel file unpacks to {size} MB, above the {limit} MB limit; it was not read. Save it as CSV",
    },
    "xlsx_ratio_too_high": {
        "id": "Isi berkas Excel mengembang {ratio} kali saat dibuka (batas {limit} kali), ciri bom zip; berkas tidak dibaca. Simpan sebagai CSV",
        "en": "The Excel file expands {ratio} times when unpacked (limit {limit}), the mark of a zip bomb; it was not read. Save it as CSV",
    },
    "xlsx_not_a_workbook": {
        "id": "Berkas bukan buku kerja Excel yang utuh (rusak, terpotong, atau berkas lain yang diberi nama .xlsx); simpan ulang sebagai .xlsx atau .csv",
        "en": "The file is not a complete Excel workbook (damaged, cut off, or another file named .xlsx); save it again as .xlsx or .csv",
    },
    "too_many_rows": {
        "id": "Lebih dari {limit} baris data; pembacaan berhenti di batas itu. Pecah berkas atau hapus baris kosong di bawah tabel",
        "en": "More than {limit} data rows; reading stopped at the limit. Split the file or delete empty rows below the table",
    },
    "too_many_columns": {
        "id": "Lebih dari {limit} kolom; pembacaan berhenti di batas itu. Hapus kolom di luar kontrak data",
        "en": "More than {limit} columns; reading stopped at the limit. Remove columns outside the data contract",
    },
    "cell_too_long": {
        "id": "Ada sel lebih panjang dari {limit} karakter; pembacaan berhenti. Periksa sel yang terlalu panjang",
        "en": "A cell is longer than {limit} characters; reading stopped. Check for an overlong cell",
    },
    "read_too_slow": {
        "id": "Membaca berkas melebihi {limit} detik; pembacaan dihentikan. Pecah berkas menjadi beberapa bagian",
        "en": "Reading the file took more than {limit} seconds and was stopped. Split it into smaller files",
    },
    "table_unknown": {
        "id": "Tabel tidak dikenali dari nama berkas; beri nama berkas atau pakai --table, salah satu dari: {tables}",
        "en": "Cannot tell the table from the file name; rename the file or use --table, one of: {tables}",
    },
    "encoding_fallback": {
        "id": "Berkas bukan UTF-8; dibaca sebagai Windows-1252. Simpan sebagai CSV UTF-8 agar huruf tidak berubah",
        "en": "The file is not UTF-8; read as Windows-1252. Save it as CSV UTF-8 so that letters are kept",
    },
    "xlsx_values_only": {
        "id": "Excel dibaca sebagai nilai saja dari lembar \"{sheet}\": rumus, makro dan lembar tersembunyi diabaikan",
        "en": "Excel read as values only from sheet \"{sheet}\": formulas, macros and hidden sheets are ignored",
    },
    "column_missing": {
        "id": "Kolom wajib tidak ada; diharapkan kolom \"{column}\" ({meaning})",
        "en": "A required column is missing; expected a column \"{column}\" ({meaning})",
    },
    "column_duplicate": {
        "id": "Kolom muncul dua kali (juga sebagai \"{other}\"); diharapkan satu kolom saja",
        "en": "The column appears twice (also as \"{other}\"); expected a single column",
    },
    "column_unknown": {
        "id": "Kolom tidak dikenal dan diabaikan; kolom yang dikenal: {columns}",
        "en": "Unknown column, ignored; known columns: {columns}",
    },
    "column_unknown_sensitive": {
        "id": "Kolom tidak dikenal tidak diterima dalam data kasus; hanya kolom kontrak: {columns}",
        "en": "Unknown columns are not accepted in case data; only the contract's columns: {columns}",
    },
    "pii_header": {
        "id": "Kolom ini dapat mengidentifikasi seseorang; berkas ditolak seluruhnya dan tidak ada yang disimpan. Hapus kolom ini",
        "en": "This column can identify a person; the whole file is refused and nothing is kept. Remove the column",
    },
    "pii_value": {
        "id": "Nilai tampak seperti {what}; berkas ditolak seluruhnya dan tidak ada yang disimpan. Hapus data identitas",
        "en": "The value looks like {what}; the whole file is refused and nothing is kept. Remove identifying data",
    },
    "pii_nik": {"id": "NIK atau nomor KK (16 digit)", "en": "an NIK or family card number (16 digits)"},
    "pii_phone": {"id": "nomor telepon", "en": "a phone number"},
    "pii_email": {"id": "alamat email", "en": "an email address"},
    "pii_address": {"id": "alamat rumah (jalan, RT/RW, dusun)", "en": "a home address (street, RT/RW, hamlet)"},
    "pii_name": {"id": "nama orang (sapaan dan nama, mis. \"Ibu ...\")", "en": "a person's name (an honorific and a name, e.g. \"Ibu ...\")"},
    "value_required": {"id": "Nilai wajib diisi", "en": "A value is required"},
    "not_a_number": {"id": "Bukan angka; diharapkan angka seperti 12 atau 0,45", "en": "Not a number; expected a number such as 12 or 0.45"},
    "count_negative": {"id": "Jumlah tidak boleh negatif; diharapkan bilangan bulat 0 atau lebih", "en": "A count cannot be negative; expected a whole number 0 or more"},
    "count_fractional": {"id": "Jumlah harus bilangan bulat; diharapkan misalnya 12, bukan pecahan", "en": "A count must be a whole number; expected e.g. 12, not a fraction"},
    "index_out_of_range": {"id": "Indeks di luar 0..1; diharapkan angka antara 0 dan 1", "en": "Index outside 0..1; expected a number between 0 and 1"},
    "latitude_out_of_range": {"id": "Lintang di luar -90..90", "en": "Latitude outside -90..90"},
    "longitude_out_of_range": {"id": "Bujur di luar -180..180", "en": "Longitude outside -180..180"},
    "year_invalid": {"id": "Tahun tidak sah; diharapkan tahun 4 digit, tidak di masa depan", "en": "Invalid year; expected a 4-digit year, not in the future"},
    "date_invalid": {
        "id": "Tanggal tidak dapat dibaca; diharapkan misalnya 2025-02-06, 06/02/2025 atau 6 Februari 2025",
        "en": "The date cannot be read; expected e.g. 2025-02-06, 06/02/2025 or 6 February 2025",
    },
    "date_not_exist": {
        "id": "Tanggal itu tidak ada: bulannya tidak memiliki hari sebanyak itu (misalnya 31 Februari)",
        "en": "That date does not exist: its month has no such day (for example 31 February)",
    },
    "date_future": {"id": "Tanggal di masa depan (setelah {today})", "en": "The date is in the future (after {today})"},
    "period_invalid": {
        "id": "Periode tidak dapat dibaca; diharapkan YYYY-MM (2025-02) atau YYYY-Qn (2025-Q1)",
        "en": "The period cannot be read; expected YYYY-MM (2025-02) or YYYY-Qn (2025-Q1)",
    },
    "period_future": {"id": "Periode di masa depan (setelah {today})", "en": "The period is in the future (after {today})"},
    "category_unknown": {"id": "Nilai tidak dikenal; pilihan: {allowed}", "en": "Unknown value; allowed: {allowed}"},
    "code_format": {
        "id": "Format kode salah; diharapkan {expected}",
        "en": "Wrong code format; expected {expected}",
    },
    "village_unknown": {
        "id": "Kode desa tidak ada dalam daftar resmi{suggestion}",
        "en": "The village code is not in the official list{suggestion}",
    },
    "suggestion": {"id": "; maksud Anda {code} ({name})?", "en": "; did you mean {code} ({name})?"},
    "subdistrict_unknown": {"id": "Kode kecamatan tidak ada dalam daftar resmi", "en": "The kecamatan code is not in the official list"},
    "area_unknown": {
        "id": "Kode wilayah tidak dikenal; diharapkan kode desa, kecamatan atau kabupaten dari tabel desa{suggestion}",
        "en": "Unknown area code; expected a village, kecamatan or regency code from the villages table{suggestion}",
    },
    "indicator_unknown": {
        "id": "Kode indikator tidak ada di tabel indikator; pilihan: {allowed}",
        "en": "The indicator code is not in the indicators table; allowed: {allowed}",
    },
    "duplicate_key": {
        "id": "Duplikat: {key} harus unik, tetapi sama dengan baris {rows}",
        "en": "Duplicate: {key} must be unique, but repeats row {rows}",
    },
    "village_not_in_subdistrict": {
        "id": "Desa tidak berada di kecamatan {subdistrict}; kode desa harus diawali kode kecamatannya",
        "en": "The village is not in kecamatan {subdistrict}; a village code starts with its kecamatan code",
    },
    "village_type_mismatch": {
        "id": "Jenis tidak cocok dengan kode: digit pertama 1 = kelurahan, 2 = desa",
        "en": "Type does not match the code: first digit 1 = kelurahan, 2 = desa",
    },
    "participants_subset": {
        "id": "Melebihi jumlah peserta perempuan + laki-laki; diharapkan bagian dari jumlah itu",
        "en": "More than female + male participants; expected a part of that total",
    },
    "report_before_incident": {
        "id": "Tanggal lapor lebih awal dari tanggal kejadian",
        "en": "The report date is earlier than the incident date",
    },
    "percent_out_of_range": {
        "id": "Persentase di luar 0..100; indikator ini bersatuan persen, diharapkan angka antara 0 dan 100",
        "en": "Percentage outside 0..100; this indicator is measured in percent, expected a number between 0 and 100",
    },
    "case_count_below_regency": {
        "id": "Indikator ini menghitung kasus kekerasan: nilainya hanya diterima untuk kabupaten, bukan kecamatan atau "
              "desa (keselamatan penyintas: angka satu wilayah di samping angka kabupaten memberi angka wilayah lain "
              "dengan pengurangan); diharapkan kode kabupaten seperti 53.01",
        "en": "This indicator counts cases of violence: its values are accepted for a regency only, not a kecamatan or "
              "village (survivor safety: one area's count beside the regency's gives the others' by subtraction); "
              "expected a regency code such as 53.01",
    },
    "hazard_class_mismatch": {
        "id": "Kelas tidak sesuai indeks menurut Perka BNPB 2/2012; diharapkan {expected}",
        "en": "Class does not match the index under Perka BNPB 2/2012; expected {expected}",
    },
}
