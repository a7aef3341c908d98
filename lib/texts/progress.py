"""Texts of the progress page (Capaian Program)."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "prog_intro": {
        "id": "Kemajuan indikator kerangka hasil WE Nexus terhadap target, jangkauan kegiatan, "
              "dan desa yang tertinggal.",
        "en": "WE Nexus results-framework indicators against their targets, reach of activities, "
              "and villages that lag.",
    },
    # Statuses
    "prog_status_achieved": {"id": "Tercapai", "en": "Achieved"},
    "prog_status_on_track": {"id": "Sesuai jalur", "en": "On track"},
    "prog_status_behind": {"id": "Tertinggal", "en": "Behind"},
    "prog_status_off_track": {"id": "Jauh tertinggal", "en": "Off track"},
    "prog_status_partial": {"id": "Target untuk seluruh program", "en": "Programme-wide target"},
    "prog_status_hidden": {"id": "Disembunyikan (jumlah kecil)", "en": "Hidden (small count)"},
    "prog_status_reported_wider": {"id": "Dilaporkan untuk wilayah lebih luas", "en": "Reported for a wider area"},
    # Results framework
    "prog_framework_heading": {"id": "Kerangka hasil", "en": "Results framework"},
    "prog_status_chart_title": {"id": "Capaian terhadap target per indikator",
                                "en": "Progress towards target by indicator"},
    "prog_axis_percent_of_target": {"id": "% target tercapai", "en": "% of target achieved"},
    "prog_expected_marker": {"id": "Capaian yang diharapkan saat ini", "en": "Expected progress by now"},
    "prog_target_line": {"id": "Target (100%)", "en": "Target (100%)"},
    "prog_hover_latest": {"id": "Nilai terakhir", "en": "Latest value"},
    "prog_hover_percent": {"id": "% target", "en": "% of target"},
    "prog_hover_expected": {"id": "Harapan saat ini", "en": "Expected by now"},
    "prog_hover_status": {"id": "Status", "en": "Status"},
    "prog_hover_value": {"id": "Nilai", "en": "Value"},
    "prog_col_code": {"id": "Kode", "en": "Code"},
    "prog_col_name": {"id": "Indikator", "en": "Indicator"},
    "exp_col_unit": {"id": "Satuan", "en": "Unit"},   # the downloads' column; the data page's too (da_col_unit)
    "prog_col_baseline": {"id": "Nilai dasar", "en": "Baseline"},
    "prog_col_target": {"id": "Target", "en": "Target"},
    "prog_col_baseline_target": {"id": "Nilai dasar → target", "en": "Baseline → target"},
    "prog_target_date_all": {"id": "Tanggal target semua indikator: {date}.", "en": "Target date of every indicator: {date}."},
    "prog_col_target_date": {"id": "Tanggal target", "en": "Target date"},
    "prog_col_latest": {"id": "Nilai terakhir (periode)", "en": "Latest value (period)"},
    "prog_col_expected": {"id": "% yang diharapkan", "en": "% expected by now"},
    "prog_col_level": {"id": "Tingkat", "en": "Level"},
    "prog_caption_aggregation": {
        "id": "Persentase tidak pernah dijumlahkan: antar desa dan kelompok dihitung rata-rata (tanpa bobot); "
              "jumlah (orang, desa, kelompok, dokumen, kegiatan) dijumlahkan.",
        "en": "Percentages are never summed: across villages and groups they are averaged (unweighted); "
              "counts (people, villages, groups, documents, activities) are summed.",
    },
    "prog_caption_area": {
        "id": "Dengan filter kecamatan atau desa, dipakai nilai desa (atau kecamatan) di dalam wilayah itu; "
              "nilai tingkat kabupaten hanya dipakai bila tidak ada filter wilayah.",
        "en": "With a kecamatan or desa filter, values of the villages (or kecamatan) inside the area are used; "
              "regency-level values only when no area filter is set.",
    },
    "prog_caption_status": {
        "id": "Status membandingkan % target tercapai dengan bagian waktu yang sudah berlalu dari awal program "
              "({start}) sampai tanggal target, pada akhir periode nilai terakhir: sesuai jalur bila kurang dari "
              "{on_track} poin di bawah harapan, tertinggal bila kurang dari {behind} poin, "
              "selain itu jauh tertinggal.",
        "en": "Status compares % of target achieved with the share of the time from programme start ({start}) "
              "to the target date that has elapsed at the end of the latest value's period: on track when fewer "
              "than {on_track} points below that share, behind when fewer than {behind} points, otherwise off track.",
    },
    "prog_caption_partial": {
        "id": "Target jumlah (orang, desa, dokumen, kegiatan) ditetapkan untuk seluruh program: dengan filter "
              "wilayah atau kelompok, nilai desa dijumlahkan untuk wilayah itu dan ditampilkan tanpa nilai dasar "
              "dan target. Indikator yang hanya dilaporkan untuk kabupaten tertulis 'Dilaporkan untuk wilayah "
              "lebih luas'.",
        "en": "Count targets (people, villages, documents, activities) are set for the whole programme: with an "
              "area or group filter, village values are summed for that area and shown without baseline and "
              "target. Indicators reported only for the regency read 'Reported for a wider area'.",
    },
    "prog_caption_groups": {
        "id": "Filter jenis kelamin, umur, dan disabilitas memilih baris terpilah; indikator yang tidak "
              "dilaporkan untuk kelompok itu tampil tanpa data.",
        "en": "The sex, age and disability filters select disaggregated rows; indicators not reported for "
              "that group show no data.",
    },
    "prog_caption_hidden": {
        "id": "Jumlah kasus 1 sampai {threshold_less} (dan selisih sekecil itu antarperiode) tidak ditampilkan "
              "demi keselamatan penyintas.",
        "en": "Case counts of 1 to {threshold_less} (and differences that small between periods) are not shown, "
              "to keep survivors safe.",
    },
    "prog_no_data_anywhere": {
        "id": "Belum ada tabel indikator atau nilai indikator di folder data (indicators, indicator_values); "
              "tambahkan di halaman Kelola Data.",
        "en": "There is no indicators or indicator values table in the data folder yet (indicators, "
              "indicator_values); add them on the Manage data page.",
    },
    # Progress over time
    "prog_over_time_heading": {"id": "Capaian dari waktu ke waktu", "en": "Progress over time"},
    "prog_over_time_title": {"id": "{code}: nilai dari waktu ke waktu", "en": "{code}: value over time"},
    "prog_series_expected": {"id": "Lintasan yang diharapkan", "en": "Expected trajectory"},
    "prog_axis_date": {"id": "Akhir periode pelaporan", "en": "End of reporting period"},
    "prog_no_values": {
        "id": "Tidak ada nilai untuk indikator ini dengan filter saat ini (nilai tingkat kabupaten hanya "
              "ditampilkan tanpa filter kecamatan atau desa).",
        "en": "No values for this indicator with the current filters (regency-wide values are shown only "
              "without a kecamatan or desa filter).",
    },
    # Disaggregation
    "prog_disagg_heading": {"id": "Pemilahan", "en": "Disaggregation"},
    "prog_disagg_title": {"id": "{code}: menurut kelompok", "en": "{code}: by group"},
    "prog_disagg_none": {
        "id": "Indikator ini tidak dilaporkan terpilah menurut jenis kelamin, umur, atau disabilitas.",
        "en": "This indicator is not reported by sex, age or disability.",
    },
    "prog_disagg_caption": {
        "id": "Nilai periode terakhir tiap pemilahan; filter kelompok di samping mempersempit pemilahannya sendiri.",
        "en": "Latest period of each breakdown; a group filter in the sidebar narrows its own breakdown.",
    },
    # Reach
    "prog_reach_heading": {"id": "Jangkauan kegiatan", "en": "Reach of activities"},
    "prog_tile_participants": {"id": "Peserta", "en": "Participants"},
    "prog_tile_women_share": {"id": "Perempuan", "en": "Women"},
    "prog_tile_youth": {"id": "Orang muda (15-24)", "en": "Youth (15-24)"},
    "prog_tile_disability": {"id": "Penyandang disabilitas", "en": "With a disability"},
    "prog_tile_activities": {"id": "Kegiatan", "en": "Activities"},
    "prog_reach_type_title": {"id": "Peserta menurut jenis kegiatan", "en": "Participants by activity type"},
    "prog_reach_area_title_kecamatan": {"id": "Peserta menurut kecamatan", "en": "Participants by kecamatan"},
    "prog_reach_area_title_desa": {"id": "Peserta menurut desa", "en": "Participants by village"},
    "prog_reach_caption": {
        "id": "Orang muda dan penyandang disabilitas dihitung dari semua peserta; filter umur dan disabilitas "
              "tidak berlaku untuk daftar hadir, filter jenis kelamin memilih batang yang ditampilkan. Seseorang "
              "yang ikut beberapa kegiatan dihitung setiap kali.",
        "en": "Youth and participants with a disability are counted among all participants; the age and "
              "disability filters do not apply to attendance registers, the sex filter picks the bars shown. "
              "A person attending several activities is counted each time.",
    },
    "prog_no_activities": {"id": "Tidak ada kegiatan dengan filter saat ini.",
                           "en": "No activities for the current filters."},
    # Lagging villages
    "prog_lag_heading": {"id": "Desa yang tertinggal", "en": "Villages lagging behind"},
    "prog_lag_caption": {
        "id": "Desa program = desa dengan kegiatan atau nilai indikator tingkat desa. Skor ketertinggalan = 100 "
              "dikurangi rata-rata berbobot dari rata-rata % target indikator persentase desa itu (bobot {w_progress}, "
              "tiap indikator dibatasi 0-100) dan jangkauannya dibanding desa program median (bobot {w_reach}, "
              "maksimal 100). Makin tinggi makin tertinggal.",
        "en": "Programme villages = villages with activities or village-level indicator values. Lag score = 100 "
              "minus the weighted mean of the village's mean % of target over its percentage indicators "
              "(weight {w_progress}, each capped to 0-100) and its reach relative to the median programme village "
              "(weight {w_reach}, capped at 100). Higher lags more.",
    },
    "prog_col_rank": {"id": "Peringkat", "en": "Rank"},
    "prog_col_kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "prog_col_desa": {"id": "Desa", "en": "Village"},
    "prog_col_lag_score": {"id": "Skor ketertinggalan", "en": "Lag score"},
    "prog_col_mean_progress": {"id": "Rata-rata % target", "en": "Mean % of target"},
    "prog_col_behind": {"id": "Indikator tertinggal", "en": "Indicators behind"},
    "prog_col_profile": {"id": "Profil desa", "en": "Village profile"},
    "open_profile_by_row": {"id": "Pilih satu baris untuk membuka profil desanya.",
                            "en": "Choose a row to open its village's profile."},
    "prog_no_programme_villages": {
        "id": "Tidak ada desa program di wilayah yang dipilih.",
        "en": "No programme villages in the chosen area.",
    },
}
