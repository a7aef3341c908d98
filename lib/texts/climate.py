"""Texts of the climate page."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "climate_title": {"id": "Risiko Iklim dan Bencana", "en": "Climate and disaster risk"},
    "climate_intro": {
        "id": "Indeks bahaya InaRISK (BNPB) per desa, riwayat kejadian bencana, dan di mana desa program "
              "berada di wilayah dengan bahaya tinggi.",
        "en": "InaRISK (BNPB) hazard index per village, the history of disaster events, and where programme "
              "villages lie in high-hazard areas.",
    },
    "climate_area_note": {
        "id": "Wilayah sesuai filter kecamatan/desa di samping: {villages} desa/kelurahan.",
        "en": "Area as chosen in the kecamatan/village filters on the side: {villages} villages.",
    },
    "climate_no_hazards": {
        "id": "Belum ada data indeks bahaya (tabel hazards/bahaya/inarisk).",
        "en": "No hazard index data yet (table hazards/bahaya/inarisk).",
    },
    "climate_no_data": {"id": "Tidak ada data", "en": "No data"},
    # 1. Ranking
    "climate_rank_header": {"id": "Indeks bahaya per desa", "en": "Hazard index per village"},
    "climate_hazard_select": {"id": "Jenis bahaya", "en": "Hazard"},
    "climate_rank_title": {
        "id": "Desa menurut indeks bahaya {hazard} (tertinggi di atas)",
        "en": "Villages by {hazard} hazard index (highest at the top)",
    },
    "climate_index_axis": {"id": "Indeks bahaya {hazard} (0-1)", "en": "{hazard} hazard index (0-1)"},
    "climate_rank_hover": {
        "id": "<b>{village}</b><br>Kecamatan {kecamatan}<br>Indeks: {index} ({hazard_class})<br>Peringkat {rank}",
        "en": "<b>{village}</b><br>{kecamatan} kecamatan<br>Index: {index} ({hazard_class})<br>Rank {rank}",
    },
    "climate_threshold": {"id": "{hazard_class} > {value}", "en": "{hazard_class} > {value}"},
    "climate_show_all": {"id": "Tampilkan semua {count} desa", "en": "Show all {count} villages"},
    "climate_top_note": {
        "id": "Grafik menampilkan {shown} desa teratas dari {total}; tabel di bawah memuat semuanya.",
        "en": "The chart shows the top {shown} of {total} villages; the table below lists them all.",
    },
    "climate_missing_note": {
        "id": "{count} desa tanpa nilai indeks untuk bahaya ini: ditandai 'tidak ada data', bukan rendah.",
        "en": "{count} villages have no index for this hazard: marked 'no data', not low.",
    },
    "climate_rank_table": {"id": "Tabel peringkat semua desa", "en": "Ranking table of all villages"},
    "climate_class_rule": {
        "id": "Kelas menurut Perka BNPB No. 2/2012: rendah ≤ 0,333 < sedang ≤ 0,666 < tinggi. Kelas diambil dari "
              "kolom kelas InaRISK; bila kosong, dihitung dari indeks. Tahun kajian terbaru per desa dan bahaya.",
        "en": "Classes per Perka BNPB No. 2/2012: low ≤ 0.333 < medium ≤ 0.666 < high. The class comes from the "
              "InaRISK class column; where blank, from the index. Latest assessment year per village and hazard.",
    },
    "climate_col_village": {"id": "Desa/kelurahan", "en": "Village"},
    "climate_col_index": {"id": "Indeks", "en": "Index"},
    "climate_col_class": {"id": "Kelas", "en": "Class"},
    # 2. Class counts
    "climate_counts_header": {"id": "Jumlah desa per kelas bahaya", "en": "Villages per hazard class"},
    "climate_counts_title": {
        "id": "Jumlah desa per kelas, untuk setiap jenis bahaya",
        "en": "Number of villages per class, for every hazard",
    },
    "climate_villages_axis": {"id": "Jumlah desa/kelurahan", "en": "Number of villages"},
    "climate_counts_hover": {
        "id": "{hazard}<br>{hazard_class}: {villages} desa",
        "en": "{hazard}<br>{hazard_class}: {villages} villages",
    },
    "climate_heat_header": {
        "id": "Tabel desa x jenis bahaya (indeks, warna menurut kelas)",
        "en": "Villages x hazards table (index, coloured by class)",
    },
    # 3. Events
    "climate_events_header": {"id": "Riwayat kejadian bencana", "en": "History of disaster events"},
    "climate_no_events": {
        "id": "Belum ada data kejadian (tabel events/kejadian/dibi).",
        "en": "No event data yet (table events/kejadian/dibi).",
    },
    "climate_events_period_toggle": {
        "id": "Terapkan filter periode pada kejadian",
        "en": "Apply the period filter to events",
    },
    "climate_events_period_off": {
        "id": "Semua kejadian ditampilkan; filter periode tidak berlaku di sini, karena riwayat bencana (mis. Siklon "
              "Tropis Seroja, April 2021) penting untuk membaca risiko hari ini. Aktifkan sakelar di atas untuk hanya "
              "menampilkan kejadian dalam periode filter.",
        "en": "All events are shown; the period filter does not apply here, because disaster history (e.g. Tropical "
              "Cyclone Seroja, April 2021) matters for reading today's risk. Turn on the switch above to show only "
              "events within the filter period.",
    },
    "climate_events_period_on": {
        "id": "Hanya kejadian dalam periode filter yang ditampilkan; periode yang dimulai dari bulan pertama "
              "penggeser mencakup juga semua kejadian sebelumnya.",
        "en": "Only events within the filter period are shown; a period starting at the slider's first month also "
              "takes in every earlier event.",
    },
    "climate_events_area_rule": {
        "id": "Kejadian yang dicatat untuk kabupaten berlaku bagi setiap desa di dalamnya; kejadian kecamatan berlaku "
              "bagi desa-desanya. Untuk wilayah filter, ditampilkan kejadian wilayah itu sendiri, wilayah di atasnya, "
              "dan wilayah di dalamnya.",
        "en": "An event recorded for the regency applies to every village in it; one recorded for a kecamatan "
              "applies to its villages. For the area in the filters, the page shows the events of that area, of the "
              "areas above it, and of the areas inside it.",
    },
    "climate_events_none": {
        "id": "Tidak ada kejadian tercatat untuk wilayah dan periode ini.",
        "en": "No events recorded for this area and period.",
    },
    "climate_events_title": {
        "id": "Kejadian bencana per wilayah (ukuran = orang terdampak)",
        "en": "Disaster events by area (size = people affected)",
    },
    "climate_events_axis": {"id": "Tanggal kejadian", "en": "Date of the event"},
    "climate_event_hover": {
        "id": "<b>{name}</b><br>{area}<br>{date}<br>Terdampak: {affected} orang<br>Meninggal: {deaths}"
              "<br>Rumah rusak: {houses}",
        "en": "<b>{name}</b><br>{area}<br>{date}<br>Affected: {affected} people<br>Deaths: {deaths}"
              "<br>Houses damaged: {houses}",
    },
    "climate_events_sum_note": {
        "id": "Angka kabupaten dan kecamatan dicatat terpisah dan dapat saling mencakup (mis. Seroja): jangan "
              "dijumlahkan.",
        "en": "Regency and kecamatan figures are recorded separately and may include one another (e.g. Seroja): "
              "do not add them up.",
    },
    "climate_area_regency": {"id": "{name}", "en": "{name}"},
    "climate_area_subdistrict": {"id": "Kec. {name}", "en": "{name} (kecamatan)"},
    "climate_area_desa": {"id": "Desa {name}", "en": "{name} (desa)"},
    "climate_area_kelurahan": {"id": "Kel. {name}", "en": "{name} (kelurahan)"},
    "climate_col_date": {"id": "Tanggal", "en": "Date"},
    "climate_col_event": {"id": "Kejadian", "en": "Event"},
    "climate_col_event_type": {"id": "Jenis", "en": "Type"},
    "climate_col_area": {"id": "Wilayah tercatat", "en": "Area recorded"},
    "climate_col_affected": {"id": "Terdampak", "en": "Affected"},
    "climate_col_deaths": {"id": "Meninggal", "en": "Deaths"},
    "climate_col_houses": {"id": "Rumah rusak", "en": "Houses damaged"},
    # 4. Overlap
    "climate_overlap_header": {
        "id": "Desa program di wilayah dengan bahaya tinggi",
        "en": "Programme villages in high-hazard areas",
    },
    "climate_no_activities": {
        "id": "Belum ada data kegiatan, sehingga desa program tidak dapat ditentukan.",
        "en": "No activity data yet, so programme villages cannot be told.",
    },
    "climate_rule_select": {"id": "Desa dengan bahaya tinggi bila", "en": "A village is high-hazard when"},
    "climate_rule_any": {"id": "tinggi pada minimal satu jenis bahaya", "en": "high in at least one hazard"},
    "climate_rule_chosen": {"id": "tinggi pada {hazard}", "en": "high in {hazard}"},
    "climate_rule_any_explained": {
        "id": "Aturan: desa dengan bahaya tinggi = kelas tinggi pada minimal satu jenis bahaya InaRISK. Desa program = "
              "desa dengan minimal satu kegiatan dalam periode dan wilayah filter.",
        "en": "Rule: high-hazard village = class high in at least one InaRISK hazard. Programme village = a village "
              "with at least one activity in the filter period and area.",
    },
    "climate_rule_chosen_explained": {
        "id": "Aturan: desa dengan bahaya tinggi = kelas tinggi untuk {hazard} (bahaya yang dipilih di atas). Desa "
              "program = desa dengan minimal satu kegiatan dalam periode dan wilayah filter.",
        "en": "Rule: high-hazard village = class high for {hazard} (the hazard chosen above). Programme village = "
              "a village with at least one activity in the filter period and area.",
    },
    "climate_tile_overlap": {"id": "Desa program dengan bahaya tinggi", "en": "Programme villages, high hazard"},
    "climate_tile_gaps": {"id": "Desa dengan bahaya tinggi tanpa program", "en": "High-hazard villages without programme"},
    "climate_row_programme": {"id": "Desa program", "en": "Programme village"},
    "climate_row_not_programme": {"id": "Bukan desa program", "en": "Not a programme village"},
    "climate_col_high": {"id": "Bahaya tinggi", "en": "High hazard"},
    "climate_col_not_high": {"id": "Tidak tinggi", "en": "Not high"},
    "climate_total": {"id": "Jumlah", "en": "Total"},
    "climate_overlap_as_of": {
        "id": "{date} (kegiatan); {year} (kajian bahaya)",
        "en": "{date} (activities); {year} (hazard assessment)",
    },
    "climate_overlap_list": {
        "id": "Desa program dengan bahaya tinggi",
        "en": "Programme villages with a high hazard",
    },
    "climate_gap_list": {
        "id": "Desa dengan bahaya tinggi tanpa program (kesenjangan)",
        "en": "High-hazard villages without the programme (gaps)",
    },
    "climate_col_high_hazards": {"id": "Bahaya tinggi", "en": "High hazards"},
    "climate_col_profile": {"id": "Profil", "en": "Profile"},
    "climate_no_data_rule": {
        "id": "Desa tanpa nilai indeks dihitung 'tidak ada data', bukan rendah; begitu pula desa yang tidak tinggi "
              "pada bahaya yang diketahui tetapi tanpa nilai untuk bahaya lain yang dipertimbangkan.",
        "en": "Villages with no index count as 'no data', not low; so do villages that are not high in the hazards "
              "known but have no value for another hazard considered.",
    },
}
