"""Texts of the map page (Peta) and its nexus view."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "map_intro": {
        "id": "Desa/kelurahan diwarnai menurut lapisan yang dipilih. Klik desa untuk memilihnya; arahkan kursor untuk "
              "melihat nilainya. Filter di samping berlaku untuk peta.",
        "en": "Villages coloured by the chosen layer. Click a village to select it; hover to see its values. The "
              "filters on the side apply to the map.",
    },
    "map_view": {"id": "Tampilan", "en": "View"},
    "map_view_layers": {"id": "Lapisan peta", "en": "Map layers"},
    "map_view_nexus": {"id": "Tampilan nexus (prioritas)", "en": "Nexus view (priorities)"},
    "map_boundaries_approximate": {
        "id": "Batas desa di peta ini PERKIRAAN (sel Voronoi dari titik tengah resmi, dipotong garis pantai), bukan "
              "batas resmi: cukup untuk peta tematik, tidak untuk luas atau kepadatan.",
        "en": "Village boundaries on this map are APPROXIMATE (Voronoi cells of the official centroids, clipped to "
              "the coastline), not official: good enough for a thematic map, not for areas or densities.",
    },
    "map_boundaries_official": {
        "id": "Batas desa: resmi (kode Kemendagri; batas: cahyadsn/wilayah_boundaries), disederhanakan untuk peta "
              "(sekitar 130 m).",
        "en": "Village boundaries: official (Kemendagri codes; boundaries: cahyadsn/wilayah_boundaries), simplified "
              "for the map (about 130 m).",
    },
    "map_boundaries_mixed": {
        "id": "Batas desa sebagian resmi (kode Kemendagri; batas: cahyadsn/wilayah_boundaries), sebagian PERKIRAAN "
              "(sel Voronoi): lihat keterangan tiap desa.",
        "en": "Village boundaries partly official (Kemendagri codes; boundaries: cahyadsn/wilayah_boundaries), partly "
              "APPROXIMATE (Voronoi cells): see each village's tooltip.",
    },
    "map_boundary_legend": {"id": "Batas desa: {kind}", "en": "Village boundaries: {kind}"},
    "map_boundary_approximate": {"id": "perkiraan", "en": "approximate"},
    "map_boundary_official": {"id": "resmi (kode Kemendagri; batas: cahyadsn/wilayah_boundaries)",
                              "en": "official (Kemendagri codes; boundaries: cahyadsn/wilayah_boundaries)"},
    # A village's tooltip names its boundary's kind only (map_tip_boundary_approximate is
    # map_boundary_approximate, lib.texts.SAME_TEXT); the legend beside the map names the source.
    "map_tip_boundary_official": {"id": "resmi", "en": "official"},
    "map_no_geometry": {
        "id": "Berkas batas desa (boundaries/villages.geojson) tidak ditemukan; peta tidak dapat digambar.",
        "en": "The village boundary file (boundaries/villages.geojson) was not found; the map cannot be drawn.",
    },
    "map_no_villages": {
        "id": "Tidak ada desa dalam wilayah filter.",
        "en": "No villages in the filtered area.",
    },
    # Layer controls
    "map_theme": {"id": "Warnai desa menurut", "en": "Colour villages by"},
    "map_theme_none": {"id": "Tanpa warna (batas saja)", "en": "No colour (boundaries only)"},
    "map_theme_reach": {"id": "Jangkauan program: peserta", "en": "Programme reach: participants"},
    "map_theme_women_share": {"id": "Jangkauan program: persentase perempuan", "en": "Programme reach: share of women"},
    "map_theme_indicator": {"id": "Nilai indikator", "en": "Indicator value"},
    "map_theme_violence": {"id": "Kasus kekerasan (dipublikasikan)", "en": "Violence cases (published)"},
    "map_theme_hazard": {"id": "Indeks bahaya InaRISK", "en": "InaRISK hazard index"},
    "map_level_desa": {"id": "Desa (angka kecamatannya)", "en": "Desa (its kecamatan's count)"},
    "map_method": {"id": "Metode klasifikasi", "en": "Classification method"},
    "map_classes": {"id": "Jumlah kelas", "en": "Number of classes"},
    "map_method_equal_interval": {"id": "interval sama", "en": "equal interval"},
    "map_method_quantile": {"id": "kuantil", "en": "quantile"},
    "map_method_natural_breaks": {"id": "jeda alami (Jenks)", "en": "natural breaks (Jenks)"},
    "map_method_line": {"id": "Kelas: {method}, {classes} kelas.", "en": "Classes: {method}, {classes} classes."},
    "map_method_single": {
        "id": "Hanya satu nilai ({value}): satu warna, tidak dibagi ke kelas.",
        "en": "Only one value ({value}): one colour, not divided into classes.",
    },
    "map_method_nothing": {
        "id": "Tidak ada nilai (di atas nol) untuk dibagi ke kelas.",
        "en": "No values (above zero) to divide into classes.",
    },
    "map_method_inarisk": {
        "id": "Kelas InaRISK (Perka BNPB 2/2012), bukan dihitung dari data.",
        "en": "InaRISK classes (Perka BNPB 2/2012), not computed from the data.",
    },
    "map_method_fixed_note": {
        "id": "Bahaya memakai kelas InaRISK tetap; metode klasifikasi tidak berlaku.",
        "en": "Hazards use the fixed InaRISK classes; the classification method does not apply.",
    },
    "map_settings": {"id": "Pengaturan peta", "en": "Map settings"},
    "map_show_kecamatan": {"id": "Batas kecamatan", "en": "Kecamatan outlines"},
    "map_show_regency": {"id": "Batas kabupaten", "en": "Regency outline"},
    "map_show_points": {"id": "Titik desa", "en": "Village points"},
    "map_show_names": {"id": "Nama wilayah", "en": "Area names"},
    "map_show_events": {"id": "Kejadian bencana", "en": "Disaster events"},
    "map_online_basemap": {"id": "Peta dasar daring", "en": "Online basemap"},
    "map_online_basemap_help": {
        "id": "Memerlukan internet (ubin peta CARTO/OpenStreetMap). Tanpa internet, peta tetap bekerja dengan "
              "daratan dan laut dari data yang dikirim bersama aplikasi.",
        "en": "Needs internet (CARTO/OpenStreetMap map tiles). Without internet the map still works, with land and "
              "sea from the geometry shipped with the app.",
    },
    "map_online_basemap_on": {
        "id": "Peta dasar daring aktif: memerlukan internet. © CARTO, © kontributor OpenStreetMap.",
        "en": "Online basemap on: needs internet. © CARTO, © OpenStreetMap contributors.",
    },
    "map_chart_alt": {
        "id": "Peta desa/kelurahan {area} diwarnai menurut {layer}",
        "en": "Map of the villages of {area} coloured by {layer}",
    },
    # Legends
    "map_legend_count": {"id": "{label} ({count})", "en": "{label} ({count})"},
    "map_legend_count_note": {
        "id": "Angka dalam kurung: jumlah {areas}.",
        "en": "Number in brackets: how many {areas}.",
    },
    "map_areas_villages": {"id": "desa/kelurahan", "en": "villages"},
    "map_areas_kecamatan": {"id": "kecamatan", "en": "kecamatan"},
    "map_state_small": {"id": "<5", "en": "<5"},
    "map_state_hidden_short": {"id": "tidak dipublikasikan", "en": "not published"},
    "map_state_small_unpublished": {"id": "<5, tidak dipublikasikan", "en": "<5, not published"},
    "map_state_hidden": {
        "id": "Tidak dipublikasikan (<5 atau disembunyikan untuk melindungi penyintas)",
        "en": "Not published (<5 or hidden to protect survivors)",
    },
    "map_legend_reach": {"id": "Peserta kegiatan ({measure})", "en": "Activity participants ({measure})"},
    "map_measure_all": {"id": "semua", "en": "everyone"},
    "map_measure_women": {"id": "perempuan", "en": "women"},
    "map_measure_men": {"id": "laki-laki", "en": "men"},
    "map_measure_disability": {"id": "penyandang disabilitas", "en": "with a disability"},
    "map_legend_women_share": {"id": "Persentase perempuan di antara peserta", "en": "Share of women among participants"},
    "map_legend_women_share_note": {
        "id": "Tidak ada data = desa tanpa peserta dalam periode.",
        "en": "No data = a village with no participants in the period.",
    },
    "map_legend_violence_kecamatan": {
        "id": "Kasus kekerasan per kecamatan, {period}",
        "en": "Violence cases per kecamatan, {period}",
    },
    "map_legend_violence_desa": {
        "id": "Kasus kekerasan per kecamatan, digambar di setiap desanya, {period}",
        "en": "Violence cases per kecamatan, drawn on each of its desa, {period}",
    },
    "map_violence_safety": {
        "id": "Hanya statistik kasus yang dipublikasikan yang tampil: jumlah 1-4 tidak pernah ditampilkan (juga di "
              "keterangan dan unduhan), dan kecamatan yang angkanya tidak dipublikasikan mendapat warna abu-abu "
              "tua tersendiri. Angka kecamatan sama dengan halaman Kekerasan, per tahun kalender penuh.",
        "en": "Only published case statistics are shown: counts of 1-4 never (tooltips and downloads included), and "
              "a kecamatan whose count is not published has a dark grey of its own. Kecamatan numbers are the same "
              "as on the Violence page, in whole calendar years.",
    },
    "map_violence_desa_note": {
        "id": "Tingkat desa: jumlah kasus per desa tidak dipublikasikan. Setiap desa menampilkan angka "
              "kecamatannya (warna dan keterangan), bukan angka desa itu sendiri.",
        "en": "Desa level: case counts per desa are not published. Each desa shows its kecamatan's count (colour "
              "and tooltip), not a count of its own.",
    },
    "map_legend_multi_hazard": {"id": "Jumlah bahaya berkelas tinggi ({year})",
                                "en": "Number of hazards in the high class ({year})"},
    "map_method_multi_hazard": {
        "id": "Metode: untuk setiap desa, berapa dari 8 jenis bahaya InaRISK yang berkelas \"tinggi\" (indeks > 0,666, "
              "Perka BNPB 2/2012).",
        "en": "Method: for each village, how many of the 8 InaRISK hazards have the class \"tinggi\" (index > 0.666, "
              "Perka BNPB 2/2012).",
    },
    "map_multi_hazard_0": {"id": "tidak ada bahaya tinggi", "en": "no high hazard"},
    "map_multi_hazard_1": {"id": "1 bahaya tinggi", "en": "1 high hazard"},
    "map_multi_hazard_2": {"id": "2 bahaya tinggi", "en": "2 high hazards"},
    "map_multi_hazard_3": {"id": "3 bahaya tinggi atau lebih", "en": "3 or more high hazards"},
    "map_tip_multi_hazard": {"id": "Bahaya berkelas tinggi ({year})", "en": "Hazards in the high class ({year})"},
    "map_hazard_multi": {"id": "Ringkasan multi-bahaya", "en": "Multi-hazard summary"},
    "map_legend_hazard": {"id": "Indeks bahaya {hazard} ({year})", "en": "{hazard} hazard index ({year})"},
    "map_legend_indicator": {"id": "{indicator} (terbaru dalam periode)", "en": "{indicator} (latest in the period)"},
    "map_legend_events_note": {
        "id": "Luas lingkaran sebanding dengan jumlah orang terdampak (terbesar: {largest}). Titik di tengah "
              "wilayah yang tercatat (desa, kecamatan atau kabupaten).",
        "en": "Circle area is proportional to people affected (largest: {largest}). Placed at the centre of the "
              "area recorded (village, kecamatan or regency).",
    },
    "map_legend_selected": {"id": "Desa terpilih (garis tebal)", "en": "Selected village (thick outline)"},
    "map_filter_not_applied": {
        "id": "Filter {filters} tidak berlaku untuk lapisan ini.",
        "en": "The {filters} filter does not apply to this layer.",
    },
    # Tooltips
    "map_tip_header": {"id": "{village} ({kind}), Kec. {kecamatan}", "en": "{village} ({kind}), {kecamatan} kecamatan"},
    "map_tip_line": {"id": "{label}: {value}", "en": "{label}: {value}"},
    "map_tip_cases_kecamatan": {"id": "Kasus di kecamatan ({period})", "en": "Cases in the kecamatan ({period})"},
    "map_tip_hazard": {"id": "{hazard} ({year})", "en": "{hazard} ({year})"},
    "map_tip_boundary": {"id": "Batas", "en": "Boundary"},
    "map_tip_priority": {"id": "Indeks prioritas", "en": "Priority index"},
    "map_tip_event": {
        "id": "{name}\n{date} · {kind}\nTerdampak: {affected} orang",
        "en": "{name}\n{date} · {kind}\nAffected: {affected} people",
    },
    # Selection
    "map_selected_header": {"id": "Desa terpilih", "en": "Selected village"},
    "map_pick_village": {"id": "Pilih desa (atau klik di peta)", "en": "Choose a village (or click it on the map)"},
    "map_pick_none": {"id": "— tidak ada —", "en": "— none —"},
    "map_open_profile": {"id": "Buka profil desa {village}", "en": "Open the village profile of {village}"},
    "map_selected_outside": {
        "id": "Desa terpilih berada di luar wilayah filter.",
        "en": "The selected village lies outside the filtered area.",
    },
    # Nexus view
    "map_nexus_intro": {
        "id": "Di mana bahaya iklim, kekerasan terhadap perempuan dan anak, dan celah jangkauan program bertemu.",
        "en": "Where climate hazards, violence against women and children and gaps in programme reach meet.",
    },
    "map_nexus_fill": {"id": "Peta menampilkan", "en": "The map shows"},
    "map_nexus_fill_bivariate": {"id": "Peta bivariat (3 x 3)", "en": "Bivariate map (3 x 3)"},
    "map_bivariate_x": {"id": "Variabel 1 (mendatar, ke hijau toska)", "en": "Variable 1 (across, towards teal)"},
    "map_bivariate_y": {"id": "Variabel 2 (tegak, ke ungu)", "en": "Variable 2 (upwards, towards purple)"},
    "map_var_hazard": {"id": "Bahaya ({hazard})", "en": "Hazard ({hazard})"},
    "map_var_violence": {"id": "Kasus kekerasan (kecamatan)", "en": "Violence cases (kecamatan)"},
    "map_var_reach": {"id": "Peserta program", "en": "Programme participants"},
    "map_var_gap": {"id": "Celah program (1 - cakupan)", "en": "Programme gap (1 - coverage)"},
    "map_bivariate_title": {"id": "{x} x {y}", "en": "{x} x {y}"},
    "map_bivariate_note": {
        "id": "Tiap variabel dibagi 3 kelas ({method}); untuk jumlah (peserta, kasus), nol = kelas rendah. Abu-abu "
              "muda: tidak ada data; abu-abu tua: tidak dipublikasikan; keduanya bukan salah satu dari 9 warna.",
        "en": "Each variable split into 3 classes ({method}); for counts (participants, cases), zero = low class. "
              "Light grey: no data; dark grey: not published; neither is one of the 9 colours.",
    },
    "map_bivariate_same": {
        "id": "Pilih dua variabel yang berbeda.",
        "en": "Choose two different variables.",
    },
    "map_hazard_term": {"id": "Bahaya yang dipakai", "en": "Hazard used"},
    "map_hazard_mean": {"id": "Rata-rata semua bahaya", "en": "Mean of all hazards"},
    "map_hazard_max": {"id": "Maksimum semua bahaya", "en": "Maximum of all hazards"},
    "map_priority_header": {"id": "Indeks prioritas per desa", "en": "Priority index per village"},
    "map_weight_hazard": {"id": "Bobot bahaya (H)", "en": "Weight of hazard (H)"},
    "map_weight_violence": {"id": "Bobot kekerasan (V)", "en": "Weight of violence (V)"},
    "map_weight_gap": {"id": "Bobot celah program (G)", "en": "Weight of programme gap (G)"},
    "map_weights_zero": {
        "id": "Semua bobot nol: naikkan minimal satu bobot.",
        "en": "All weights are zero: raise at least one.",
    },
    "map_coverage": {"id": "Cakupan program berarti", "en": "Programme coverage means"},
    "map_coverage_relative": {
        "id": "peserta dibanding desa dengan peserta terbanyak",
        "en": "participants relative to the village with the most",
    },
    "map_coverage_reached": {
        "id": "desa dijangkau (minimal satu kegiatan dalam periode)",
        "en": "village reached (at least one activity in the period)",
    },
    "map_formula_caption": {
        "id": "Bobot dinormalkan agar jumlahnya 1, sehingga indeks berada di antara 0 dan 1.",
        "en": "Weights are rescaled to add up to 1, so the index lies between 0 and 1.",
    },
    "map_def_hazard": {
        "id": "H = {hazard}, indeks InaRISK kajian terbaru, dinormalkan min-maks di seluruh desa kabupaten "
              "((nilai - min) / (maks - min)).",
        "en": "H = {hazard}, InaRISK index of the latest assessment, min-max normalised across all villages of "
              "the regency ((value - min) / (max - min)).",
    },
    "map_def_violence": {
        "id": "V = jumlah kasus kekerasan yang dipublikasikan untuk kecamatan desa itu ({period}), sama dengan "
              "halaman Kekerasan, dinormalkan min-maks di antara angka yang dipublikasikan saja. Bila angka "
              "kecamatan tidak dipublikasikan ('<5' atau disembunyikan; {hidden} kecamatan), V tidak dihitung "
              "sebagai 0 maupun sebagai nilai tertinggi: V dikeluarkan dari indeks desanya dan bobot komponen lain "
              "dinormalkan ulang; tabel menulis 'tidak dipublikasikan'.",
        "en": "V = the published number of violence cases in the village's kecamatan ({period}), the same as on "
              "the Violence page, min-max normalised across published counts only. Where a kecamatan's count is "
              "not published ('<5' or hidden; {hidden} kecamatan), V counts neither as 0 nor as the highest: it is "
              "left out of its villages' index and the other terms' weights are rescaled; the table says 'not "
              "published'.",
    },
    "map_def_gap": {
        "id": "G = 1 - cakupan; cakupan = {coverage}, dalam periode filter.",
        "en": "G = 1 - coverage; coverage = {coverage}, in the filter period.",
    },
    "map_def_missing": {
        "id": "Desa tanpa nilai untuk komponen berbobot tidak diberi indeks (diletakkan di akhir), bukan ditebak.",
        "en": "A village with no value for a weighted term gets no index (listed last), rather than a guess.",
    },
    "map_priority_table": {"id": "Desa menurut indeks prioritas (tertinggi di atas)", "en": "Villages by priority index (highest first)"},
    "map_legend_priority": {"id": "Indeks prioritas (0-1)", "en": "Priority index (0-1)"},
    "map_col_village_code": {"id": "Kode desa", "en": "Village code"},
    "map_col_hazard": {"id": "Bahaya (indeks)", "en": "Hazard (index)"},
    "map_col_hazard_norm": {"id": "H", "en": "H"},
    "map_col_violence": {"id": "Kasus di kecamatan", "en": "Cases in the kecamatan"},
    "map_col_violence_norm": {"id": "V", "en": "V"},
    "map_col_coverage": {"id": "Cakupan", "en": "Coverage"},
    "map_col_gap": {"id": "G", "en": "G"},
}
