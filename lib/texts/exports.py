"""Texts of presenter mode, the meeting deck, the PDF report and the data downloads."""
from __future__ import annotations

# Export column headers: exp_col_<key> for every key of lib.exports.formats.COLUMNS (a header that reads
# like a text elsewhere is an alias of it: lib.texts.SAME_TEXT).
_COLUMN_HEADERS: dict[str, tuple[str, str]] = {
    "regency_code": ("Kode kabupaten", "Regency code"),
    "subdistrict_code": ("Kode kecamatan", "Kecamatan code"),
    "village_type": ("Jenis desa", "Village type"),
    "activity_type": ("Kode jenis kegiatan", "Activity type code"),
    "activity_type_name": ("Jenis kegiatan", "Activity type"),
    "participants_female": ("Peserta perempuan", "Women participants"),
    "participants_male": ("Peserta laki-laki", "Men participants"),
    "participants_youth": ("Peserta muda", "Youth participants"),
    "participants_with_disability": ("Peserta dengan disabilitas", "Participants with disability"),
    "women_share": ("Perempuan (%)", "Women (%)"),
    "indicator_code": ("Kode indikator", "Indicator code"),
    "percent_of_target": ("Capaian terhadap target (%)", "Progress to target (%)"),
    "expected_share": ("Capaian yang diharapkan saat ini (%)", "Expected by now (%)"),
    "status": ("Kode status", "Status code"),
    "cases_state": ("Keterangan jumlah kasus", "Case count note"),
    "category_code": ("Kode kategori", "Category code"),
    "category_name": ("Kategori", "Category"),
    "hazard": ("Kode bahaya", "Hazard code"),
    "hazard_name": ("Bahaya", "Hazard"),
    "hazard_index": ("Indeks bahaya", "Hazard index"),
    "hazard_class": ("Kelas bahaya", "Hazard class"),
    "villages": ("Jumlah desa", "Villages"),
    "event_type": ("Kode jenis kejadian", "Event type code"),
    "event_type_name": ("Jenis kejadian", "Event type"),
    "area_code": ("Kode wilayah", "Area code"),
    "affected": ("Orang terdampak", "People affected"),
    "hazard_norm": ("Bahaya (0-1)", "Hazard (0-1)"),
    "violence_norm": ("Kekerasan (0-1)", "Violence (0-1)"),
    "coverage": ("Cakupan (0-1)", "Coverage (0-1)"),
    "gap": ("Kesenjangan program (0-1)", "Programme gap (0-1)"),
    "mean_progress": ("Rata-rata capaian (%)", "Mean progress (%)"),
    "measure": ("Ukuran", "Measure"),
    "label": ("Nilai yang ditampilkan", "Value shown"),
}

TEXTS: dict[str, dict[str, str]] = {f"exp_col_{key}": {"id": id_, "en": en}
                                    for key, (id_, en) in _COLUMN_HEADERS.items()}

TEXTS.update({
    # States of a case count in an export
    "exp_state_shown": {"id": "Ditampilkan", "en": "Shown"},
    "exp_state_zero": {"id": "Nol", "en": "Zero"},
    "exp_state_small": {"id": "<{threshold} (disembunyikan)", "en": "<{threshold} (hidden)"},
    "exp_state_complement": {"id": "Disembunyikan agar jumlah kecil tidak dapat dihitung",
                             "en": "Hidden so that a small count cannot be worked out"},
    "exp_state_shown_for": {"id": "{state}; angka ini untuk {instead}", "en": "{state}; this figure is for {instead}"},
    # Download widget
    "download": {"id": "Unduh", "en": "Download"},
    "download_help": {
        "id": "Data yang ditampilkan, dengan filter saat ini. Jumlah kasus 1-4 tidak pernah disertakan.",
        "en": "The data shown, with the current filters. Case counts of 1-4 are never included.",
    },
    "download_csv": {"id": "CSV", "en": "CSV"},
    "download_xlsx": {"id": "Excel (XLSX)", "en": "Excel (XLSX)"},
    "download_hxl": {"id": "CSV bertanda HXL", "en": "HXL-tagged CSV"},
    "deck_download": {"id": "Unduh slide rapat (PowerPoint)", "en": "Download meeting slides (PowerPoint)"},
    "report_download": {"id": "Unduh laporan (PDF)", "en": "Download report (PDF)"},
    "deck_help": {
        "id": "Slide untuk filter dan bahasa saat ini, dengan catatan pembicara. Dibuat saat diklik (beberapa detik).",
        "en": "Slides for the current filters and language, with speaker notes. Made when clicked (a few seconds).",
    },
    "deck_file": {"id": "wenexus_slide_rapat", "en": "wenexus_meeting_slides"},
    "report_file": {"id": "wenexus_laporan", "en": "wenexus_report"},
    # Presenter mode
    "presenter_mode": {"id": "Mode presentasi", "en": "Presenter mode"},
    "presenter_help": {
        "id": "Layar penuh untuk rapat: satu grafik per layar, huruf besar. Panah kanan/kiri berpindah slide, "
              "Esc keluar.",
        "en": "Full screen for a meeting: one chart per screen, large type. Right/left arrows change slides, "
              "Esc exits.",
    },
    "present_previous": {"id": "Sebelumnya", "en": "Previous"},
    "present_next": {"id": "Berikutnya", "en": "Next"},
    "present_exit": {"id": "Keluar", "en": "Exit"},
    "present_counter": {"id": "Slide {number} dari {count}", "en": "Slide {number} of {count}"},
    "present_files": {"id": "Berkas rapat", "en": "Meeting files"},
    "present_notes": {"id": "Catatan pembicara", "en": "Speaker notes"},
    "present_map_alt": {"id": "Peta statis: {title}", "en": "Static map: {title}"},
    # Slide titles and words
    "slide_programme": {"id": "WE Nexus: Pemberdayaan Perempuan untuk Perdamaian Berkelanjutan",
                        "en": "WE Nexus: Women's Empowerment for Sustainable Peace"},
    "slide_title_message": {"id": "Pembaruan pemantauan untuk rapat koordinasi",
                            "en": "Monitoring update for the coordination meeting"},
    "slide_title_area": {"id": "Wilayah: {area}", "en": "Area: {area}"},
    "slide_title_period": {"id": "Periode: {period}", "en": "Period: {period}"},
    "slide_title_as_of": {"id": "Data per {date}", "en": "Data as of {date}"},
    "slide_title_made": {"id": "Dibuat {date} dengan WE Nexus Monitor", "en": "Made {date} with WE Nexus Monitor"},
    "slide_title_note": {
        "id": "Slide ini menunjukkan hasil WE Nexus untuk {area}, periode {period}. Data terakhir per {date}.",
        "en": "These slides show WE Nexus results for {area}, {period}. The latest data is from {date}.",
    },
    "slide_area_villages": {"id": "Desa {names}", "en": "{names} (villages)"},
    "slide_area_kecamatan": {"id": "Kecamatan {names}", "en": "Kecamatan {names}"},
    "slide_list_and": {"id": "{names} dan {last}", "en": "{names} and {last}"},
    "slide_list_more": {"id": "{names} dan {more} lainnya", "en": "{names} and {more} more"},
    "slide_headline_title": {"id": "Angka utama", "en": "Headline numbers"},
    "slide_progress_title": {"id": "Capaian terhadap target", "en": "Progress against targets"},
    "slide_violence_title": {"id": "Kekerasan terhadap perempuan dan anak: tren",
                             "en": "Violence against women and children: trend"},
    "slide_climate_title": {"id": "Risiko iklim dan bencana", "en": "Climate and disaster risk"},
    "slide_map_title": {"id": "Di mana bertindak: indeks prioritas per desa",
                        "en": "Where to act: priority index per village"},
    "slide_priority_title": {"id": "Desa prioritas", "en": "Priority villages"},
    "slide_sources_title": {"id": "Sumber dan catatan", "en": "Sources and caveats"},
    "slide_sources_message": {"id": "Dari mana angka-angka ini berasal, dan apa batasannya.",
                              "en": "Where these numbers come from, and what they cannot tell."},
    "slide_source_table": {"id": "{table}: {source} (data per {date})", "en": "{table}: {source} (data as of {date})"},
    "slide_table_activities": {"id": "Kegiatan dan peserta", "en": "Activities and participants"},
    "slide_table_indicator_values": {"id": "Nilai indikator", "en": "Indicator values"},
    "slide_table_cases": {"id": "Kasus kekerasan", "en": "Violence cases"},
    "slide_table_hazards": {"id": "Indeks bahaya InaRISK", "en": "InaRISK hazard indices"},
    "slide_caveat_cases": {
        "id": "Kasus kekerasan adalah kasus yang tercatat (SIMFONI-PPA), bukan seluruh kejadian: banyak kasus tidak "
              "dilaporkan, dan angka dari sumber lain dapat berbeda.",
        "en": "Violence cases are recorded cases (SIMFONI-PPA), not all that happened: many go unreported, and other "
              "sources give other numbers.",
    },
    # A case figure that could not follow the filters (lib.safety.figures.Figure.dropped)
    "slide_cases_shown_for": {
        "id": "Angka kasus ini untuk {instead}: tabel kasus yang diterbitkan tidak dapat mengikuti semua filter.",
        "en": "These case figures are for {instead}: the published case tables cannot follow every filter.",
    },
    "slide_count_shown_for": {
        "id": "Jumlah kasus ini untuk {instead}: tabel kasus yang diterbitkan tidak dapat mengikuti semua filter.",
        "en": "This case count is for {instead}: the published case tables cannot follow every filter.",
    },
    "slide_chart_shown_for": {
        "id": "Grafik ini untuk {instead}: tabel kasus yang diterbitkan tidak dapat mengikuti semua filter.",
        "en": "The chart is for {instead}: the published case tables cannot follow every filter.",
    },
    # Speaker notes: the key numbers in words
    "note_cases_count": {"id": "Pada {year}, tercatat {count} kasus.", "en": "In {year}, {count} cases were recorded."},
    "note_cases_more": {"id": "Pada {year}, tercatat {count} kasus, {change} lebih banyak daripada {previous}.",
                        "en": "In {year}, {count} cases were recorded, {change} more than in {previous}."},
    "note_cases_fewer": {"id": "Pada {year}, tercatat {count} kasus, {change} lebih sedikit daripada {previous}.",
                         "en": "In {year}, {count} cases were recorded, {change} fewer than in {previous}."},
    "note_cases_same": {"id": "Pada {year}, tercatat {count} kasus, sekitar sama dengan {previous} ({change}).",
                        "en": "In {year}, {count} cases were recorded, about as many as in {previous} ({change})."},
    "note_cases_small": {"id": "Pada {year}, tercatat kurang dari {threshold} kasus.",
                         "en": "In {year}, fewer than {threshold} cases were recorded."},
    "note_cases_hidden": {"id": "Jumlah kasus {year} disembunyikan untuk melindungi penyintas.",
                          "en": "The number of cases in {year} is hidden to protect survivors."},
    "note_cases_none": {"id": "Tidak ada data kasus untuk {year}.", "en": "There is no case data for {year}."},
    "note_reach": {
        "id": "{people} kehadiran peserta dalam kegiatan, {share} perempuan; program menjangkau {covered} dari "
              "{villages} desa.",
        "en": "{people} participant attendances at activities, {share} women; the programme reached {covered} of "
              "{villages} villages.",
    },
    "note_indicators": {
        "id": "{on_track} dari {total} indikator tercapai atau sesuai jalur; {behind} tertinggal dan {off_track} "
              "jauh tertinggal.",
        "en": "{on_track} of {total} indicators are achieved or on track; {behind} are behind and {off_track} off "
              "track.",
    },
    "note_hazard": {
        "id": "{high} dari {villages} desa berkelas tinggi untuk dua bahaya atau lebih (kajian InaRISK {year}).",
        "en": "{high} of {villages} villages have a high class for two hazards or more (InaRISK assessment {year}).",
    },
    "note_hazard_widest": {"id": "Bahaya tinggi yang paling luas: {hazard} ({villages} desa).",
                           "en": "The most widespread high hazard: {hazard} ({villages} villages)."},
    "note_progress": {
        "id": "Dari {total} indikator: {achieved} tercapai, {on_track} sesuai jalur, {behind} tertinggal, "
              "{off_track} jauh tertinggal.",
        "en": "Of {total} indicators: {achieved} achieved, {on_track} on track, {behind} behind, {off_track} off "
              "track.",
    },
    "note_progress_worst": {
        "id": "Paling tertinggal: {code} ({name}), {percent}% dari target, padahal diharapkan {expected}% saat ini.",
        "en": "Furthest behind: {code} ({name}), at {percent}% of target where {expected}% was expected by now.",
    },
    "note_reach_detail": {
        "id": "{participants} kehadiran peserta dalam {activities} kegiatan di {villages} desa; {share} perempuan.",
        "en": "{participants} participant attendances at {activities} activities in {villages} villages; "
              "{share} women.",
    },
    "note_reach_groups": {"id": "Di antaranya {youth} peserta muda dan {disability} peserta dengan disabilitas.",
                          "en": "Among them {youth} young participants and {disability} with a disability."},
    "note_reach_top": {"id": "Peserta terbanyak: {area} ({participants}).",
                       "en": "Most participants: {area} ({participants})."},
    "note_map": {
        "id": "Desa yang lebih gelap lebih tinggi indeks prioritasnya (bahaya, kekerasan, kesenjangan program). "
              "Tertinggi: {top}.",
        "en": "Darker villages rank higher on the priority index (hazard, violence, programme gap). Highest: {top}.",
    },
    "note_priority_formula": {
        "id": "Indeks prioritas = {hazard} x bahaya + {violence} x kekerasan + {gap} x kesenjangan program, "
              "masing-masing 0-1, seperti tampilan nexus di halaman Peta.",
        "en": "Priority index = {hazard} x hazard + {violence} x violence + {gap} x programme gap, each 0-1, as in "
              "the map page's nexus view.",
    },
    "note_priority": {"id": "{count} desa teratas dari {villages} menurut indeks prioritas.",
                      "en": "The top {count} of {villages} villages by priority index."},
    "note_priority_top": {"id": "Tertinggi: {top}.", "en": "Highest: {top}."},
    # Deck and report
    "deck_demo_mark": {"id": "Data demo, bukan data nyata / Demo data, not real",
                       "en": "Data demo, bukan data nyata / Demo data, not real"},
    "deck_page": {"id": "{number}/{count}", "en": "{number}/{count}"},
    "report_in_words": {"id": "Dalam kata-kata", "en": "In words"},
    "report_page": {"id": "Halaman {number}", "en": "Page {number}"},
    "report_image_missing": {"id": "(Gambar grafik tidak tersedia: {reason})",
                             "en": "(Chart image not available: {reason})"},
    # Command line
    "cli_cases_refused": {
        "id": "Data kasus tidak pernah diekspor per baris, demi keselamatan penyintas. Pilih tabel agregat yang "
              "aman, misalnya: {tables}.",
        "en": "Case data is never exported row by row, to keep survivors safe. Choose a safe aggregated table, "
              "for example: {tables}.",
    },
    "cli_unknown_table": {"id": "Tabel tidak dikenal: {table}. Pilihan: {tables}.",
                          "en": "Unknown table: {table}. Choices: {tables}."},
    "cli_unknown_codes": {"id": "Kode tidak dikenal di data: {codes}", "en": "Codes not found in the data: {codes}"},
    "cli_bad_month": {"id": "Bulan harus berbentuk YYYY-MM: {value}", "en": "A month must read YYYY-MM: {value}"},
    "cli_written": {"id": "Ditulis: {path} ({detail})", "en": "Written: {path} ({detail})"},
    "cli_table_missing": {"id": "Folder data tidak memiliki tabel: {tables}", "en": "The data folder has no table: {tables}"},
    "cli_data_error": {"id": "Data tidak dapat dimuat: {reason}", "en": "The data cannot be loaded: {reason}"},
})
