"""Texts of the village page."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "profile_select": {"id": "Pilih desa/kelurahan", "en": "Choose a village"},
    "profile_select_narrowed": {
        "id": "Data ini memuat lebih dari 1.000 desa: daftar ini berisi desa di wilayah yang dipilih di samping.",
        "en": "The data holds more than 1,000 villages: this list holds the villages of the area chosen on the side.",
    },
    "profile_option": {"id": "{village} (Kec. {kecamatan})", "en": "{village} ({kecamatan} kecamatan)"},
    "profile_title": {"id": "Profil Desa: {village}", "en": "Village profile: {village}"},
    "profile_header_line": {
        "id": "{village_type} · Kecamatan {kecamatan} · {regency} · Kode {code} · Titik tengah {lat}, {lon}",
        "en": "{village_type} · {kecamatan} kecamatan · {regency} · Code {code} · Centroid {lat}, {lon}",
    },
    "profile_is_programme": {
        "id": "Desa program: ada kegiatan WE Nexus dalam periode filter.",
        "en": "Programme village: WE Nexus activities took place here in the filter period.",
    },
    "profile_not_programme": {
        "id": "Belum ada kegiatan WE Nexus di desa ini dalam periode filter.",
        "en": "No WE Nexus activities in this village in the filter period.",
    },
    "profile_filters_note": {
        "id": "Filter periode di samping berlaku untuk kegiatan dan indikator; filter kecamatan/desa hanya "
              "menentukan desa awal halaman ini.",
        "en": "The period filter on the side applies to activities and indicators; the kecamatan/village filters "
              "only set the village this page opens on.",
    },
    "profile_link_map": {"id": "Lihat desa ini di peta", "en": "See this village on the map"},
    "profile_link_progress": {"id": "Ke halaman capaian program", "en": "Go to programme progress"},
    # Reach
    "profile_reach_header": {"id": "Kegiatan dan jangkauan", "en": "Activities and reach"},
    "profile_no_activities": {
        "id": "Tidak ada kegiatan program tercatat di desa ini dalam periode filter.",
        "en": "No programme activities recorded in this village in the filter period.",
    },
    "profile_tile_female": {"id": "Perempuan", "en": "Women and girls"},
    "profile_tile_male": {"id": "Laki-laki", "en": "Men and boys"},
    "profile_tile_disability": {"id": "Penyandang disabilitas", "en": "With disability"},
    "profile_type_title": {"id": "Peserta per jenis kegiatan", "en": "Participants by activity type"},
    "profile_type_hover": {
        "id": "{activity_type}<br>{sex}: {participants} peserta<br>{activities} kegiatan",
        "en": "{activity_type}<br>{sex}: {participants} participants<br>{activities} activities",
    },
    "profile_month_title": {"id": "Peserta per bulan", "en": "Participants per month"},
    "profile_month_hover": {
        "id": "{month}<br>{sex}: {participants} peserta<br>{activities} kegiatan",
        "en": "{month}<br>{sex}: {participants} participants<br>{activities} activities",
    },
    "profile_reach_note": {
        "id": "Peserta dihitung per kegiatan: orang yang ikut dua kegiatan dihitung dua kali. Penyandang disabilitas "
              "dan orang muda termasuk dalam jumlah perempuan dan laki-laki.",
        "en": "Participants are counted per activity: a person at two activities counts twice. Participants with "
              "disability and youth are included in the women and men.",
    },
    # Indicators
    "profile_indicators_header": {"id": "Indikator desa", "en": "Village indicators"},
    "profile_no_indicators": {
        "id": "Tidak ada nilai indikator tingkat desa untuk desa ini dalam periode dan pemilahan filter.",
        "en": "No village-level indicator values for this village in the filter period and groups.",
    },
    "profile_indicators_note": {
        "id": "Nilai terbaru per indikator, dengan aturan halaman Capaian Program: % target = bagian jarak dari nilai "
              "dasar ke target yang sudah ditempuh; target jumlah berlaku untuk seluruh program, sehingga tidak "
              "menilai satu desa.",
        "en": "Latest value per indicator, by the rules of the Programme progress page: % of target = share of the "
              "distance from baseline to target covered; count targets are programme-wide, so they do not judge one "
              "village.",
    },
    "profile_col_value": {"id": "Nilai terbaru", "en": "Latest value"},
    "profile_col_target": {"id": "Target (tanggal)", "en": "Target (date)"},
    # Hazards and events
    "profile_hazard_header": {"id": "Profil bahaya (InaRISK)", "en": "Hazard profile (InaRISK)"},
    "profile_no_hazards": {
        "id": "Tidak ada data indeks bahaya untuk desa ini (bukan berarti bahaya rendah).",
        "en": "No hazard index data for this village (which does not mean low hazard).",
    },
    "profile_hazard_title": {"id": "Indeks bahaya {village} per jenis bahaya", "en": "{village}: index per hazard"},
    "profile_hazard_axis": {"id": "Indeks bahaya (0-1)", "en": "Hazard index (0-1)"},
    "profile_events_header": {"id": "Kejadian bencana yang berdampak", "en": "Disaster events affecting it"},
    "profile_no_events": {
        "id": "Tidak ada kejadian tercatat untuk desa ini, kecamatannya atau kabupatennya.",
        "en": "No events recorded for this village, its kecamatan or its regency.",
    },
    "profile_events_note": {
        "id": "Kejadian desa ini, kecamatannya dan kabupatennya (kejadian kabupaten berlaku bagi setiap desa di "
              "dalamnya). Angka terdampak adalah angka wilayah yang tercatat, bukan angka desa ini. Semua tahun "
              "ditampilkan; filter periode tidak berlaku di sini.",
        "en": "Events of this village, its kecamatan and its regency (a regency's event applies to every village in "
              "it). Figures are for the area recorded, not for this village. All years are shown; the period filter "
              "does not apply here.",
    },
    "profile_level_village": {"id": "Desa ini", "en": "This village"},
    "profile_level_subdistrict": {"id": "Seluruh kecamatan", "en": "Whole kecamatan"},
    "profile_level_regency": {"id": "Seluruh kabupaten", "en": "Whole regency"},
    # Cases: kecamatan level only
    "profile_cases_header": {
        "id": "Kasus kekerasan terhadap perempuan dan anak: Kecamatan {kecamatan}",
        "en": "Violence against women and children: {kecamatan} kecamatan",
    },
    "profile_cases_why": {
        "id": "Demi keselamatan penyintas, jumlah kasus tidak pernah ditampilkan per desa: di desa kecil, beberapa "
              "kasus saja dapat mengungkap siapa korbannya. Yang ditampilkan hanya jumlah kecamatan per tahun, sama "
              "seperti di halaman Kekerasan: jumlah 1-4 tertulis \"<5\"; sebuah angka, termasuk jumlah keseluruhan, "
              "disembunyikan (–) bila jumlah lain atau tampilan lain (seluruh kabupaten, satu tahun lebih atau "
              "kurang) dapat membukanya dengan pengurangan.",
        "en": "For survivors' safety, case counts are never shown per village: in a small village a handful of cases "
              "can reveal who the victim is. Only the kecamatan's totals per year are shown, as on the Violence page: "
              "counts of 1-4 read \"<5\"; a number, the overall total included, is hidden (–) wherever another "
              "total or view (the whole regency, one year more or less) would reveal it by subtraction.",
    },
    "profile_no_cases": {
        "id": "Belum ada data kasus.",
        "en": "No case data yet.",
    },
    "profile_cases_total": {
        "id": "Kasus dilaporkan, Kec. {kecamatan}, semua tahun",
        "en": "Cases reported, {kecamatan} kecamatan, all years",
    },
    "profile_cases_title": {
        "id": "Kasus dilaporkan per tahun, Kecamatan {kecamatan}",
        "en": "Cases reported per year, {kecamatan} kecamatan",
    },
    "profile_hidden_mark": {"id": "–", "en": "–"},
    "profile_cases_note": {
        "id": "Per tahun kalender menurut tanggal pelaporan, semua tahun dan semua korban: filter periode, jenis "
              "kelamin dan umur tidak berlaku di sini, karena selisih dua pilihan periode dapat membuka jumlah kecil. "
              "Tanggal 'per' adalah laporan terbaru kabupaten, bukan kecamatan.",
        "en": "Per calendar year by report date, every year and all victims: the period, sex and age filters do not "
              "apply here, because the difference between two choices of period could reveal a small count. The "
              "'as of' date is the regency's latest report, not the kecamatan's.",
    },
    "profile_col_year": {"id": "Tahun", "en": "Year"},
}
