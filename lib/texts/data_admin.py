"""Texts of the data management page (Kelola Data), the versioned store and `python -m lib.cli data`."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # Store: outcomes and refusals (the command line prints them in both languages)
    "da_plan_ok": {"id": "Berkas dapat disimpan", "en": "The file can be stored"},
    "da_stored": {
        "id": "{table}: disimpan sebagai versi {version} ({rows} baris); versi ini sekarang berlaku",
        "en": "{table}: stored as version {version} ({rows} rows); it is now the current version",
    },
    "da_stored_pending": {
        "id": "{table}: disimpan sebagai versi {version} ({rows} baris), tetapi berkas yang berlaku belum dapat diganti; diselesaikan otomatis pada operasi berikutnya",
        "en": "{table}: stored as version {version} ({rows} rows), but the current file could not be replaced yet; it is finished automatically at the next operation",
    },
    "da_write_failed": {
        "id": "Penulisan gagal ({detail}); tidak ada yang disimpan dan versi yang berlaku tetap utuh",
        "en": "Writing failed ({detail}); nothing was stored and the current version is intact",
    },
    "da_refused": {"id": "Ditolak; tidak ada yang disimpan", "en": "Refused; nothing was stored"},
    "da_invalid": {
        "id": "Berkas tidak lolos validasi; tidak ada yang disimpan. Perbaiki masalah di bawah lalu unggah lagi",
        "en": "The file did not pass validation; nothing was stored. Fix the problems below and upload again",
    },
    "da_table_unknown": {"id": "Tabel tidak dikenal; pilihan: {tables}", "en": "Unknown table; one of: {tables}"},
    "da_mode_unknown": {"id": "Cara simpan tidak dikenal; pilihan: {modes}", "en": "Unknown mode; one of: {modes}"},
    "da_too_large": {
        "id": "Berkas {size} MB, lebih besar dari batas {limit} MB; tidak ada yang disimpan. Pecah berkas menjadi beberapa bagian dan pakai \"tambah baris\"",
        "en": "The file is {size} MB, above the {limit} MB limit; nothing was stored. Split it and use \"append rows\"",
    },
    "da_too_many_rows": {
        "id": "{rows} baris, lebih dari batas {limit} baris; tidak ada yang disimpan",
        "en": "{rows} rows, more than the {limit}-row limit; nothing was stored",
    },
    "da_xlsx_too_large": {
        "id": "Isi berkas Excel setelah dibuka melebihi {limit} MB; tidak ada yang disimpan. Simpan sebagai CSV",
        "en": "The Excel file unpacks to more than {limit} MB; nothing was stored. Save it as CSV",
    },
    "da_dependency_missing": {
        "id": "Tabel {table} belum ada; unggah tabel itu dulu, karena kode di berkas ini diperiksa terhadapnya",
        "en": "The {table} table is missing; upload it first, since the codes in this file are checked against it",
    },
    "da_dependency_invalid": {
        "id": "Tabel {table} yang berlaku tidak sah; perbaiki tabel itu dulu",
        "en": "The current {table} table is not valid; fix that table first",
    },
    "da_append_needs_current": {
        "id": "Tambah baris membutuhkan tabel {table} yang berlaku dan sah; pakai \"ganti tabel\"",
        "en": "Appending rows needs a current, valid {table} table; use \"replace table\"",
    },
    "da_key_conflict": {
        "id": "{count} baris memakai kunci yang sudah ada; tidak ada yang disimpan",
        "en": "{count} rows use a key that is already taken; nothing was stored",
    },
    "da_key_taken": {
        "id": "Kunci ({key}) ini sudah ada di tabel yang berlaku (versi {version}); diharapkan kunci baru",
        "en": "This key ({key}) is already in the current table (version {version}); expected a new key",
    },
    "da_key_repeated": {
        "id": "Kunci ({key}) ini muncul lebih dari sekali di berkas; diharapkan unik",
        "en": "This key ({key}) appears more than once in the file; expected unique values",
    },
    "da_combined_invalid": {
        "id": "Tabel gabungan (tabel berlaku + berkas) tidak lolos validasi; tidak ada yang disimpan",
        "en": "The combined table (current table + file) does not pass validation; nothing was stored",
    },
    "da_breaks_dependents": {
        "id": "Tabel lain tidak akan sah lagi dengan berkas ini ({count} masalah); tidak ada yang disimpan",
        "en": "Other tables would no longer be valid with this file ({count} problems); nothing was stored",
    },
    "da_no_change": {
        "id": "Isi berkas sama dengan versi {table} yang berlaku; tidak ada versi baru",
        "en": "The file holds the same data as the current {table} version; no new version",
    },
    "da_rollback_is_current": {
        "id": "Isi versi {version} sama dengan versi {table} yang berlaku; tidak ada versi baru",
        "en": "Version {version} holds the same data as the current {table} version; no new version",
    },
    "da_version_unknown": {
        "id": "{table} tidak punya versi {version}; lihat: python -m lib.cli data versions {table}",
        "en": "{table} has no version {version}; see: python -m lib.cli data versions {table}",
    },
    "da_version_not_valid": {
        "id": "Versi {version} dari {table} tidak lolos validasi; disimpan sebagai arsip tetapi tidak dapat diberlakukan",
        "en": "Version {version} of {table} did not pass validation; it is kept for the record but cannot be made current",
    },
    "da_version_missing": {
        "id": "Berkas versi {version} dari {table} tidak ditemukan",
        "en": "The file of version {version} of {table} is missing",
    },
    "da_version_altered": {
        "id": "Berkas versi {version} dari {table} telah berubah sejak disimpan (hash berbeda); tidak dipakai",
        "en": "The file of version {version} of {table} changed after it was stored (hash differs); not used",
    },
    "da_manifest_unreadable": {
        "id": "Daftar versi (versions/manifest.json) tidak dapat dibaca; tidak ada yang ditulis. Periksa berkas itu",
        "en": "The version list (versions/manifest.json) cannot be read; nothing was written. Check that file",
    },
    "da_busy": {
        "id": "Orang lain sedang menyimpan data; coba lagi sebentar lagi (menunggu {seconds} detik)",
        "en": "Someone else is storing data; try again shortly (waited {seconds} seconds)",
    },
    # Modes and version listings
    "da_mode_baseline": {"id": "awal (berkas yang sudah ada)", "en": "baseline (the file already there)"},
    "da_mode_replace": {"id": "ganti tabel", "en": "replace table"},
    "da_mode_append": {"id": "tambah baris", "en": "append rows"},
    "da_mode_rollback": {"id": "kembali ke versi lama", "en": "roll back"},
    "da_mode_external": {"id": "diubah di luar aplikasi", "en": "changed outside the app"},
    "da_rollback_of": {"id": "ke versi {version}", "en": "to version {version}"},
    "da_cli_rows": {
        "id": "{rows} baris (+{added} -{removed} ~{changed})",
        "en": "{rows} rows (+{added} -{removed} ~{changed})",
    },
    "da_not_valid_short": {"id": "tidak sah (arsip saja)", "en": "not valid (kept for the record)"},
    "da_cli_recorded_first": {
        "id": "{table}: berkas yang sudah ada ({file}) disimpan dulu sebagai versi {version}, agar dapat dikembalikan",
        "en": "{table}: the file already there ({file}) was first kept as version {version}, so that it can be restored",
    },
    "da_cli_change": {
        "id": "Perubahan: {added} baris ditambah, {removed} dihapus, {changed} diubah",
        "en": "Changes: {added} rows added, {removed} removed, {changed} changed",
    },
    "da_state_recorded": {"id": "{table}: versi berlaku {version} ({file})", "en": "{table}: current version {version} ({file})"},
    "da_state_unrecorded": {
        "id": "{table}: {file} belum punya versi; disimpan sebagai versi 1 pada impor pertama",
        "en": "{table}: {file} has no version yet; it is kept as version 1 at the first import",
    },
    "da_state_changed_outside": {
        "id": "{table}: {file} diubah di luar aplikasi sejak versi {version}; disimpan sebagai versi baru pada penulisan berikutnya",
        "en": "{table}: {file} was changed outside the app since version {version}; it is kept as a new version at the next write",
    },
    "da_state_missing": {"id": "{table}: belum ada data", "en": "{table}: no data yet"},
    # Passwords
    "da_password_mismatch": {
        "id": "Kedua kata sandi tidak sama; tidak ada hash yang dibuat",
        "en": "The two passwords differ; no hash was made",
    },
    "da_password_short": {
        "id": "Kata sandi terlalu pendek; diharapkan minimal 10 karakter",
        "en": "The password is too short; expected at least 10 characters",
    },
    "da_password_long": {
        "id": "Kata sandi terlalu panjang; bcrypt hanya membaca 72 byte pertama. Pakai yang lebih pendek",
        "en": "The password is too long; bcrypt reads only the first 72 bytes. Use a shorter one",
    },
    "da_hash_instructions": {
        "id": "Tempel ke .streamlit/secrets.toml (jangan di-commit):\n[data_admin.users]\n{user} = \"{hash}\"",
        "en": "Paste into .streamlit/secrets.toml (never commit it):\n[data_admin.users]\n{user} = \"{hash}\"",
    },
    # Templates
    "da_template_word": {"id": "templat", "en": "template"},
    "da_template_sheet_explanation": {"id": "penjelasan", "en": "explanation"},
    "da_template_col_header": {"id": "Judul kolom", "en": "Column header"},
    "da_template_col_name": {"id": "Nama baku", "en": "Canonical name"},
    "da_template_col_required": {"id": "Wajib", "en": "Required"},
    "da_template_col_type": {"id": "Jenis isi", "en": "Type"},
    "da_template_col_allowed": {"id": "Nilai yang diperbolehkan (kode)", "en": "Allowed values (code)"},
    "da_template_col_meaning": {"id": "Arti", "en": "Meaning"},
    "da_template_col_example": {"id": "Contoh", "en": "Example"},
    "da_template_col_others": {"id": "Judul lain yang diterima", "en": "Other accepted headers"},
    "da_template_prompt_one": {"id": "Pilih dari daftar", "en": "Choose from the list"},
    "da_template_prompt_many": {
        "id": "Satu atau lebih dari daftar; pisahkan dengan titik koma (;)",
        "en": "One or more from the list; separate them with a semicolon (;)",
    },
    "da_template_error_title": {"id": "Nilai tidak sah", "en": "Value not allowed"},
    "da_template_error_list": {"id": "Pilih salah satu nilai dari daftar", "en": "Choose one of the values in the list"},
    "da_template_note_table": {"id": "Tabel: {title}. Sumber: {source}", "en": "Table: {title}. Source: {source}"},
    "da_template_note_key": {
        "id": "Kunci unik: {key} (tidak boleh berulang, juga tidak dengan data yang sudah disimpan saat menambah baris)",
        "en": "Unique key: {key} (may not repeat, nor repeat stored rows when appending)",
    },
    "da_template_note_identity": {
        "id": "Data yang mengidentifikasi orang (nama, NIK, alamat, nomor HP, email, tanggal lahir) ditolak: berkas tidak disimpan sama sekali",
        "en": "Data that identifies a person (name, NIK, address, phone, email, date of birth) is refused: the file is not stored at all",
    },
    "da_template_note_values_only": {
        "id": "Hanya lembar pertama yang terlihat dibaca, sebagai nilai: rumus, makro dan lembar tersembunyi diabaikan",
        "en": "Only the first visible sheet is read, as values: formulas, macros and hidden sheets are ignored",
    },
    "da_template_note_sensitive": {
        "id": "Data kasus: kolom di luar daftar ini ditolak. Jangan pernah menulis identitas korban atau pelaku",
        "en": "Case data: columns outside this list are refused. Never write the identity of a victim or perpetrator",
    },
    "da_required_yes": {"id": "ya", "en": "yes"},
    "da_required_blank": {"id": "ya (sel boleh kosong)", "en": "yes (cells may be blank)"},
    "da_required_no": {"id": "tidak", "en": "no"},
    "da_kind_text": {"id": "teks", "en": "text"},
    "da_kind_id": {"id": "nomor pengenal (teks)", "en": "identifier (text)"},
    "da_kind_village_code": {"id": "kode desa 53.01.04.2003 (atau 5301042003)", "en": "village code 53.01.04.2003 (or 5301042003)"},
    "da_kind_subdistrict_code": {"id": "kode kecamatan 53.01.04", "en": "kecamatan code 53.01.04"},
    "da_kind_regency_code": {"id": "kode kabupaten 53.01", "en": "regency code 53.01"},
    "da_kind_area_code": {"id": "kode desa, kecamatan atau kabupaten", "en": "village, kecamatan or regency code"},
    "da_kind_count": {"id": "bilangan bulat 0 atau lebih", "en": "whole number, 0 or more"},
    "da_kind_number": {"id": "angka (koma atau titik desimal)", "en": "number (decimal point or comma)"},
    "da_kind_latitude": {"id": "lintang, -90 sampai 90", "en": "latitude, -90 to 90"},
    "da_kind_longitude": {"id": "bujur, -180 sampai 180", "en": "longitude, -180 to 180"},
    "da_kind_index01": {"id": "angka antara 0 dan 1", "en": "number between 0 and 1"},
    "da_kind_year": {"id": "tahun, bukan di masa depan", "en": "year, not in the future"},
    "da_kind_date": {
        "id": "tanggal: 2025-02-06, 06/02/2025, 6 Februari 2025 atau tanggal Excel",
        "en": "date: 2025-02-06, 06/02/2025, 6 February 2025 or an Excel date",
    },
    "da_kind_date_future": {"id": "(boleh di masa depan)", "en": "(may be in the future)"},
    "da_kind_date_past": {"id": "(bukan di masa depan)", "en": "(not in the future)"},
    "da_kind_period": {"id": "periode YYYY-MM (2025-02) atau YYYY-Qn (2025-Q1)", "en": "period YYYY-MM (2025-02) or YYYY-Qn (2025-Q1)"},
    "da_kind_category": {"id": "satu nilai dari daftar", "en": "one value from the list"},
    "da_kind_categories": {"id": "satu atau lebih nilai dari daftar, dipisah ;", "en": "one or more values from the list, ;-separated"},
    # Page: frame and login
    "da_intro": {
        "id": "Unggah tabel, periksa, simpan sebagai versi baru dan kembalikan versi lama. Melihat tidak perlu masuk; menyimpan perlu. Tidak ada yang pernah ditimpa.",
        "en": "Upload tables, check them, store them as new versions and roll back. Viewing needs no login; storing does. Nothing is ever overwritten.",
    },
    "da_no_users": {
        "id": "Belum ada pengguna yang dapat menyimpan data, jadi halaman ini hanya untuk melihat.",
        "en": "No user may store data yet, so this page is view-only.",
    },
    "da_setup_title": {"id": "Untuk administrator server: mengaktifkan penyimpanan", "en": "For the server administrator: enabling storage"},
    "da_setup": {
        "id": "Buat hash kata sandi dengan perintah di bawah, lalu tulis ke .streamlit/secrets.toml (lihat .streamlit/secrets.example.toml; jangan di-commit) dan muat ulang aplikasi.",
        "en": "Make a password hash with the command below, put it in .streamlit/secrets.toml (see .streamlit/secrets.example.toml; never commit it) and reload the app.",
    },
    "da_users_invalid": {
        "id": "Hash kata sandi tidak sah untuk: {names}. Buat ulang dengan python -m lib.cli data hash-password",
        "en": "Not a valid password hash for: {names}. Make it again with python -m lib.cli data hash-password",
    },
    "da_login_title": {"id": "Masuk untuk menyimpan data", "en": "Log in to store data"},
    "da_login_user": {"id": "Nama pengguna", "en": "User name"},
    "da_login_password": {"id": "Kata sandi", "en": "Password"},
    "da_login_button": {"id": "Masuk", "en": "Log in"},
    "da_login_wrong": {
        "id": "Nama pengguna atau kata sandi salah. Coba lagi setelah {time}",
        "en": "Wrong user name or password. Try again after {time}",
    },
    "da_login_wait": {
        "id": "Terlalu cepat setelah percobaan yang salah; coba lagi setelah {time}",
        "en": "Too soon after a wrong try; try again after {time}",
    },
    "da_login_locked": {
        "id": "Terlalu banyak kata sandi salah; nama ini dikunci sampai {time}",
        "en": "Too many wrong passwords; this name is locked until {time}",
    },
    "da_login_empty": {"id": "Isi nama pengguna dan kata sandi", "en": "Enter a user name and a password"},
    "da_logged_in": {
        "id": "Masuk sebagai **{user}**. Sesi berakhir setelah {minutes} menit tanpa aktivitas.",
        "en": "Logged in as **{user}**. The session ends after {minutes} minutes without activity.",
    },
    "da_logout": {"id": "Keluar", "en": "Log out"},
    "da_logged_out": {"id": "Anda telah keluar", "en": "You are logged out"},
    "da_session_ended": {
        "id": "Sesi berakhir (tidak ada aktivitas selama {minutes} menit); masuk lagi untuk menyimpan",
        "en": "The session ended (no activity for {minutes} minutes); log in again to store data",
    },
    "da_login_to_write": {"id": "Masuk (di atas) untuk mengunggah dan menyimpan data.", "en": "Log in (above) to upload and store data."},
    "da_writes_off": {
        "id": "Menyimpan data belum mungkin: belum ada pengguna yang diatur (lihat di atas).",
        "en": "Storing data is off: no users are configured yet (see above).",
    },
    "da_login_to_rollback": {"id": "Masuk (di atas) untuk mengembalikan versi lama.", "en": "Log in (above) to roll back to an earlier version."},
    "da_login_to_audit": {"id": "Log audit hanya terlihat setelah masuk.", "en": "The audit log is visible after logging in."},
    # Page: status and tabs
    "da_status_title": {"id": "Tabel di folder data", "en": "Tables in the data folder"},
    "da_status_source": {"id": "Sumber: folder data dan versions/manifest.json · per {as_of}", "en": "Source: the data folder and versions/manifest.json · as of {as_of}"},
    "da_tab_upload": {"id": "Unggah", "en": "Upload"},
    "da_tab_versions": {"id": "Versi", "en": "Versions"},
    "da_tab_templates": {"id": "Templat", "en": "Templates"},
    "da_tab_audit": {"id": "Log audit", "en": "Audit log"},
    "da_col_file": {"id": "Berkas", "en": "File"},
    "da_col_rows": {"id": "Baris", "en": "Rows"},
    "da_col_changed_at": {"id": "Waktu", "en": "Time"},
    "da_col_user": {"id": "Pengguna", "en": "User"},
    "da_col_state": {"id": "Keadaan", "en": "State"},
    "da_col_mode": {"id": "Cara", "en": "Mode"},
    "da_col_added": {"id": "Ditambah", "en": "Added"},
    "da_col_removed": {"id": "Dihapus", "en": "Removed"},
    "da_col_changed": {"id": "Diubah", "en": "Changed"},
    "da_col_source_file": {"id": "Berkas asal", "en": "Source file"},
    "da_col_valid": {"id": "Sah", "en": "Valid"},
    "da_col_row": {"id": "Baris", "en": "Row"},
    "da_col_column": {"id": "Kolom", "en": "Column"},
    "da_col_severity": {"id": "Tingkat", "en": "Severity"},
    "da_col_message": {"id": "Masalah", "en": "Problem"},
    "da_col_message_own_language": {"id": "Masalah (Bahasa Indonesia)", "en": "Problem (English)"},
    "da_col_action": {"id": "Tindakan", "en": "Action"},
    "da_col_via": {"id": "Melalui", "en": "Via"},
    "da_col_os_user": {"id": "Akun sistem operasi", "en": "Operating-system account"},
    "da_state_short_recorded": {"id": "tercatat", "en": "recorded"},
    "da_state_short_unrecorded": {"id": "belum berversi", "en": "not versioned yet"},
    "da_status_help": {
        "id": "Berkas yang belum berversi disimpan sebagai versi 1 pada impor pertama; berkas yang diubah di luar aplikasi disimpan sebagai versi tersendiri pada penulisan berikutnya. Tidak ada yang hilang.",
        "en": "A file not versioned yet is kept as version 1 at the first import; a file changed outside the app is kept as a version of its own at the next write. Nothing is lost.",
    },
    "da_state_short_missing": {"id": "belum ada", "en": "none yet"},
    # Page: upload
    "da_upload_title": {"id": "Unggah tabel", "en": "Upload a table"},
    "da_choose_table": {"id": "Tabel", "en": "Table"},
    "da_choose_mode": {"id": "Cara menyimpan", "en": "How to store it"},
    "da_mode_help_replace": {
        "id": "Berkas menjadi isi tabel yang baru; versi sekarang tetap tersimpan dan dapat dikembalikan.",
        "en": "The file becomes the table's new content; the current version stays stored and can be restored.",
    },
    "da_mode_help_append": {
        "id": "Baris berkas ditambahkan ke tabel yang berlaku; kunci yang sudah ada ditolak dan tabel gabungan diperiksa lagi.",
        "en": "The file's rows are added to the current table; keys already there are refused and the combined table is checked again.",
    },
    "da_choose_file": {
        "id": "Berkas .csv atau .xlsx (maks. {limit} MB, {rows} baris; Excel dibaca sebagai nilai saja)",
        "en": ".csv or .xlsx file (max. {limit} MB, {rows} rows; Excel is read as values only)",
    },
    "da_report_summary": {
        "id": "{file}: {rows} baris, {errors} kesalahan, {warnings} peringatan",
        "en": "{file}: {rows} rows, {errors} errors, {warnings} warnings",
    },
    "da_table_name_mismatch": {
        "id": "Nama berkas {file} menunjukkan tabel \"{named}\", tetapi yang dipilih \"{chosen}\". Periksa pilihan tabel",
        "en": "The file name {file} suggests the table \"{named}\", but \"{chosen}\" is chosen. Check the table",
    },
    "da_checking": {"id": "Memeriksa berkas…", "en": "Checking the file…"},
    "da_problems_title": {"id": "Masalah per baris", "en": "Problems, row by row"},
    "da_problems_download": {"id": "Unduh daftar masalah (CSV)", "en": "Download the problems (CSV)"},
    "da_problems_word": {"id": "masalah", "en": "problems"},
    "da_change_title": {"id": "Yang akan berubah", "en": "What will change"},
    "da_tile_rows": {"id": "Baris setelah disimpan", "en": "Rows after storing"},
    "da_tile_added": {"id": "Baris baru", "en": "Rows added"},
    "da_tile_removed": {"id": "Baris dihapus", "en": "Rows removed"},
    "da_tile_changed": {"id": "Baris diubah", "en": "Rows changed"},
    "da_note_records_current": {
        "id": "Berkas yang sekarang ada ({file}) belum punya versi: disimpan dulu sebagai versi tersendiri, agar dapat dikembalikan.",
        "en": "The file now in place ({file}) has no version yet: it is kept first as a version of its own, so that it can be restored.",
    },
    "da_preview_title": {"id": "Pratinjau (20 baris pertama berkas)", "en": "Preview (first 20 rows of the file)"},
    "da_no_preview_sensitive": {
        "id": "Data kasus tidak pernah ditampilkan per baris (keselamatan penyintas).",
        "en": "Case data is never shown row by row (survivor safety).",
    },
    "da_removes_rows": {
        "id": "Versi baru ini menghapus {removed} baris dari tabel yang berlaku (baris itu tetap ada di versi lama).",
        "en": "This new version removes {removed} rows from the current table (they stay in the earlier version).",
    },
    "da_confirm_removal": {"id": "Ya, hapus baris-baris itu dari versi yang berlaku", "en": "Yes, remove those rows from the current version"},
    "da_save": {"id": "Simpan sebagai versi baru", "en": "Store as a new version"},
    # Page: versions
    "da_versions_title": {"id": "Versi tersimpan", "en": "Stored versions"},
    "da_no_versions": {
        "id": "{table} belum punya versi. Impor pertama menyimpan berkas yang sekarang ada sebagai versi 1.",
        "en": "{table} has no versions yet. The first import keeps the file now in place as version 1.",
    },
    "da_versions_source": {"id": "Sumber: versions/manifest.json · per {as_of}", "en": "Source: versions/manifest.json · as of {as_of}"},
    "da_rollback_title": {"id": "Kembalikan versi lama", "en": "Roll back to an earlier version"},
    "da_rollback_choose": {"id": "Versi", "en": "Version"},
    "da_rollback_none": {"id": "Belum ada versi lain yang dapat dikembalikan.", "en": "There is no other version to roll back to yet."},
    "da_rollback_confirm": {
        "id": "Saya mengerti: versi {version} menjadi versi baru yang berlaku; versi sekarang tetap tersimpan",
        "en": "I understand: version {version} becomes a new current version; the current one stays stored",
    },
    "da_rollback_button": {"id": "Kembalikan ke versi {version}", "en": "Roll back to version {version}"},
    # Page: templates
    "da_templates_title": {"id": "Templat untuk diisi", "en": "Templates to fill in"},
    "da_templates_help": {
        "id": "Excel berisi daftar pilihan untuk kolom kategori dan lembar penjelasan tiap kolom. Judul kolom bahasa Indonesia dan Inggris sama-sama diterima.",
        "en": "The Excel file has dropdowns for category columns and a sheet explaining every column. Indonesian and English headers are both accepted.",
    },
    "da_template_headers": {"id": "Bahasa judul kolom", "en": "Language of the headers"},
    "da_lang_id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "da_lang_en": {"id": "Bahasa Inggris", "en": "English"},
    "da_download_xlsx": {"id": "Unduh templat Excel", "en": "Download the Excel template"},
    "da_download_csv": {"id": "Unduh templat CSV", "en": "Download the CSV template"},
    "da_template_source": {"id": "Sumber: kontrak data (data/README.md)", "en": "Source: the data contract (data/README.md)"},
    # Page: quality
    "da_quality_title": {"id": "Kualitas data", "en": "Data quality"},
    "da_coverage_title": {"id": "Desa dengan data", "en": "Villages with data"},
    "da_coverage_value": {"id": "{villages} dari {total}", "en": "{villages} of {total}"},
    "da_chart_activity_reporting": {"id": "Desa dengan kegiatan, per bulan", "en": "Villages with activities, per month"},
    "da_chart_value_reporting": {"id": "Desa yang melaporkan nilai indikator, per periode", "en": "Villages reporting indicator values, per period"},
    "da_rows_activities": {"id": "kegiatan", "en": "activities"},
    "da_rows_values": {"id": "nilai", "en": "values"},
    "da_axis_villages": {"id": "Desa", "en": "Villages"},
    "da_legend_villages_reporting": {"id": "Desa melapor", "en": "Villages reporting"},
    "da_legend_no_report": {"id": "Tidak ada laporan", "en": "No report"},
    "da_hover_reporting": {"id": "{period}<br>{villages} desa · {rows} {what}", "en": "{period}<br>{villages} villages · {rows} {what}"},
    "da_hover_no_report": {"id": "{period}<br>tidak ada laporan", "en": "{period}<br>no report"},
    "da_missing_periods": {"id": "Periode tanpa laporan: {periods}", "en": "Periods with no report: {periods}"},
    "da_no_missing_periods": {"id": "Setiap periode dalam rentang data punya laporan.", "en": "Every period in the data's span has reports."},
    "da_cases_title": {"id": "Kelengkapan data kasus (per kecamatan dan tahun)", "en": "Completeness of case data (per kecamatan and year)"},
    "da_cases_safety": {
        "id": "Jumlah kasus per tahun kalender, persis seperti di halaman Kekerasan: 1–4 tertulis \"<5\", dan sel yang memungkinkan orang menghitung angka kecil tertulis \"–\". Angka 0 bisa berarti kecamatan itu tidak melapor. Tidak ada rincian per bulan (keselamatan penyintas).",
        "en": "Cases per calendar year, exactly as on the violence page: 1–4 read \"<5\", and a cell that would let a reader work out a small count reads \"–\". A 0 can mean the kecamatan did not report. No monthly detail (survivor safety).",
    },
    "da_rows_sign_in": {"id": "🔒 masuk", "en": "🔒 sign in"},   # fits the narrow rows column
    "da_publishing": {
        "id": "Melindungi dan mengaudit statistik kasus versi baru (beberapa detik, sekali per versi)…",
        "en": "Protecting and auditing the case statistics of the new version (a few seconds, once per version)…",
    },
    "da_case_audit_passed": {
        "id": "Statistik kasus yang terbit lolos audit pengungkapan pada {at}: {tables} tabel, {shown} dari {cells} sel "
              "ditampilkan, {small} jumlah kecil diperiksa; tidak satu pun dapat dipersempit dari rentang 1–{below}. "
              "Cek ulang: python -m lib.cli disclosure-audit",
        "en": "The published case statistics passed the disclosure audit on {at}: {tables} tables, {shown} of {cells} "
              "cells shown, {small} small counts checked; none can be narrowed from the range 1–{below}. "
              "Re-check: python -m lib.cli disclosure-audit",
    },
    "da_case_audit_passed_public": {
        "id": "Statistik kasus yang terbit lolos audit pengungkapan pada {at}: {tables} tabel, {shown} dari {cells} sel "
              "ditampilkan; tidak satu pun angka yang disembunyikan dapat dipersempit dari rentang 1–{below}.",
        "en": "The published case statistics passed the disclosure audit on {at}: {tables} tables, {shown} of {cells} "
              "cells shown; no hidden count can be narrowed from the range 1–{below}.",
    },
    "da_case_audit_releases": {
        "id": "Diaudit bersama {releases} rilis (versi ini dan yang sebelumnya dilihat pembaca), sehingga membandingkan "
              "versi tidak mengungkap jumlah kecil. Versi sebelumnya yang tidak dimodelkan: {not_modelled}.",
        "en": "Audited together with the earlier releases readers saw ({releases} in all), so comparing versions tells "
              "no small count. Earlier versions not modelled: {not_modelled}.",
    },
    "da_case_audit_failed": {
        "id": "Audit pengungkapan statistik kasus GAGAL pada {at}. Jalankan python -m lib.cli disclosure-audit.",
        "en": "The disclosure audit of the case statistics FAILED on {at}. Run python -m lib.cli disclosure-audit.",
    },
    "da_outliers_title": {"id": "Nilai yang perlu diperiksa", "en": "Values worth a check"},
    "da_participants_outliers": {
        "id": "Kegiatan dengan peserta di atas Q3 + 3 × IQR jenis kegiatannya",
        "en": "Activities with more participants than Q3 + 3 × IQR of their type",
    },
    "da_no_participant_outliers": {"id": "Tidak ada jumlah peserta yang jauh di luar kebiasaan.", "en": "No participant count far outside the usual."},
    "da_negative_values": {"id": "Nilai indikator di bawah nol", "en": "Indicator values below zero"},
    "da_no_negative_values": {"id": "Tidak ada nilai di bawah nol. (Persentase di luar 0–100 sudah ditolak saat berkas dimuat.)", "en": "No value below zero. (Percentages outside 0–100 are refused when a file is loaded.)"},
    "da_jumps": {
        "id": "Lompatan besar antar periode (persentase ±30 poin; lainnya ×3, ÷3 atau turun ke nol)",
        "en": "Large jumps between periods (percentages ±30 points; others ×3, ÷3 or a fall to zero)",
    },
    "da_no_jumps": {"id": "Tidak ada lompatan besar.", "en": "No large jumps."},
    "da_col_area": {"id": "Wilayah", "en": "Area"},
    "da_col_previous_period": {"id": "Periode sebelumnya", "en": "Previous period"},
    "da_col_previous": {"id": "Nilai sebelumnya", "en": "Previous value"},
    "da_col_group": {"id": "Kelompok", "en": "Group"},
    "da_col_activity": {"id": "Kegiatan", "en": "Activity"},
    "da_col_threshold": {"id": "Batas", "en": "Threshold"},
    "da_value_hidden_cases": {"id": "(disembunyikan: jumlah kasus)", "en": "(hidden: a case count)"},
    "da_freshness_title": {"id": "Pembaruan terakhir per sumber", "en": "Last update per source"},
    "da_col_source": {"id": "Sumber", "en": "Source"},
    "da_col_last": {"id": "Data terbaru", "en": "Latest data"},
    "da_no_data_title": {"id": "Desa tanpa data sama sekali", "en": "Villages with no data at all"},
    "da_no_data_help": {
        "id": "Tanpa baris di kegiatan, nilai indikator maupun indeks bahaya (data kasus sengaja tidak dipakai di sini).",
        "en": "No row in activities, indicator values or hazard index (case data is deliberately not used here).",
    },
    "da_every_village_has_data": {"id": "Setiap desa punya setidaknya satu baris data.", "en": "Every village has at least one row of data."},
    # Page: audit log
    "da_audit_title": {"id": "Log audit (100 catatan terakhir)", "en": "Audit log (latest 100 entries)"},
    "da_audit_source_file": {"id": "Sumber: admin/audit.jsonl di folder data", "en": "Source: admin/audit.jsonl in the data folder"},
    "da_audit_source_postgresql": {
        "id": "Sumber: tabel audit_log di basis data PostgreSQL ({store})",
        "en": "Source: the audit_log table of the PostgreSQL database ({store})",
    },
    "da_audit_recovered": {
        "id": "{action} (dicatat saat pemulihan)",
        "en": "{action} (written by recovery)",
    },
    "da_audit_empty": {"id": "Log audit masih kosong.", "en": "The audit log is still empty."},
    "da_audit_download": {"id": "Unduh seluruh log audit (CSV)", "en": "Download the whole audit log (CSV)"},
    "da_audit_file": {"id": "log_audit", "en": "audit_log"},
    "da_action_login_ok": {"id": "masuk", "en": "logged in"},
    "da_action_login_wrong": {"id": "kata sandi salah", "en": "wrong password"},
    "da_action_login_wait": {"id": "masuk terlalu cepat (ditunda)", "en": "login too soon (slowed down)"},
    "da_action_login_locked": {"id": "masuk dikunci", "en": "login locked"},
    "da_action_logout": {"id": "keluar", "en": "logged out"},
    "da_action_replace": {"id": "ganti tabel", "en": "replaced table"},
    "da_action_append": {"id": "tambah baris", "en": "appended rows"},
    "da_action_rollback": {"id": "kembali ke versi lama", "en": "rolled back"},
    "da_action_replace_refused": {"id": "ganti tabel ditolak", "en": "replace refused"},
    "da_action_append_refused": {"id": "tambah baris ditolak", "en": "append refused"},
    "da_action_rollback_refused": {"id": "kembali ke versi lama ditolak", "en": "rollback refused"},
    "da_action_baseline": {"id": "simpan berkas yang sudah ada", "en": "kept the file already there"},
    "da_action_external": {"id": "simpan berkas yang diubah di luar aplikasi", "en": "kept a file changed outside the app"},
    "da_action_user_set": {"id": "pengguna ditambah atau sandinya diganti", "en": "user added or password changed"},
    "da_action_user_removed": {"id": "pengguna dihapus", "en": "user removed"},
    # The store: PostgreSQL, migration, users
    "da_store_unreachable": {
        "id": "Basis data penyimpanan tidak dapat dihubungi; tidak ada yang disimpan. Coba lagi nanti atau hubungi pengelola server",
        "en": "The store's database cannot be reached; nothing was stored. Try again later or contact the server's administrator",
    },
    "store_unreachable_banner": {
        "id": "Basis data penyimpanan ({store}) tidak dapat dihubungi: yang tampil adalah data terakhir yang diterima proses ini",
        "en": "The store's database ({store}) cannot be reached: what is shown is the last data this process received",
    },
    "store_url_invalid": {
        "id": "Penyimpanan yang diatur ({scheme}://…) bukan URL postgresql://; periksa WENEXUS_STORE_URL atau [connections.store] di .streamlit/secrets.toml",
        "en": "The configured store ({scheme}://…) is not a postgresql:// URL; check WENEXUS_STORE_URL or [connections.store] in .streamlit/secrets.toml",
    },
    "mig_done": {
        "id": "Disalin ke {target}: {versions} versi dari {tables} tabel, {audit} baris log audit, {users} pengguna. Salinan diperiksa: utuh",
        "en": "Copied to {target}: {versions} versions of {tables} tables, {audit} audit log lines, {users} users. The copy was checked: whole",
    },
    "mig_target_not_empty": {
        "id": "{target} sudah berisi versi; tidak ada yang disalin (salin hanya ke penyimpanan PostgreSQL yang kosong)",
        "en": "{target} already holds versions; nothing was copied (copy only into an empty PostgreSQL store)",
    },
    "mig_source_altered": {
        "id": "Sebuah berkas versi di folder tidak sesuai hash-nya ({sha}…); tidak ada yang disalin",
        "en": "A version file in the folder does not match its hash ({sha}…); nothing was copied",
    },
    "mig_verify_failed": {
        "id": "Salinan tidak sama dengan sumbernya: {problem}",
        "en": "The copy differs from its source: {problem}",
    },
    "mig_to_not_postgres": {
        "id": "--to harus berupa URL postgresql://pengguna:sandi@host:port/basisdata",
        "en": "--to must be a postgresql://user:password@host:port/database URL",
    },
    "da_users_in_secrets": {
        "id": "Penyimpanan berkas menyimpan pengguna di .streamlit/secrets.toml: buat hash dengan `python -m lib.cli data hash-password --user NAMA`",
        "en": "The file store keeps users in .streamlit/secrets.toml: make a hash with `python -m lib.cli data hash-password --user NAME`",
    },
    "da_user_saved": {"id": "Pengguna {user} disimpan di {store}", "en": "User {user} saved in {store}"},
    "da_user_removed": {"id": "Pengguna {user} dihapus dari {store}", "en": "User {user} removed from {store}"},
    "da_user_unknown": {"id": "Tidak ada pengguna {user} di {store}", "en": "There is no user {user} in {store}"},
}
