"""Texts of the violence page (Kekerasan terhadap Perempuan dan Anak)."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "violence_caveat": {
        "id": "Kasus yang tercatat di {source}, bukan seluruh kejadian: banyak kasus tidak dilaporkan dan "
              "kelengkapan pencatatan SIMFONI-PPA diketahui bermasalah (2020: hanya 12 dari 22 kabupaten/kota "
              "di NTT mengisi data). Angka dari sumber lain dapat berbeda (Polres Kupang: 34 kasus kejahatan seksual "
              "pada 2024). Data per {as_of}; status verifikasi: {verified}.",
        "en": "Cases recorded in {source}, not all that happened: many cases go unreported and SIMFONI-PPA "
              "completeness is a known problem (2020: only 12 of 22 NTT regencies entered data). Other sources "
              "differ (Polres Kupang: 34 sexual-crime cases in 2024). Data as of {as_of}; verification status: "
              "{verified}.",
    },
    "violence_verified_demo": {"id": "data demo sintetis, tidak untuk verifikasi",
                               "en": "synthetic demo data, nothing to verify"},
    "violence_verified_unknown": {"id": "sebagaimana tercatat, belum diverifikasi",
                                  "en": "as recorded, not verified"},
    "violence_safety": {
        "id": "Demi keselamatan penyintas, statistik kasus diterbitkan sebagai sekumpulan tabel tetap yang dilindungi "
              "bersama: jumlah 1-4 tidak pernah ditampilkan (tertulis \"<{threshold}\"), dan sel lain disembunyikan "
              "(\"–\") bila jumlahnya dapat dihitung dari sel lain. Sebuah audit memastikan bahwa dari semua angka "
              "yang terbit tidak ada jumlah kecil yang dapat dihitung. Data kasus hanya sampai tingkat kecamatan dan "
              "per tahun kalender penuh.",
        "en": "To keep survivors safe, case statistics are published as a fixed set of tables protected together: "
              "counts of 1-4 are never shown (they read \"<{threshold}\"), and other cells are hidden (\"–\") where "
              "the rest would let a reader work them out. An audit proves that no small count can be worked out from "
              "everything published. Case data goes down to kecamatan level and whole calendar years only.",
    },
    "violence_note_lifted": {
        "id": "Filter desa diangkat ke kecamatannya: data kasus tidak ditampilkan per desa.",
        "en": "The desa filter is lifted to its kecamatan: case data is not shown per desa.",
    },
    "violence_note_snapped": {
        "id": "Periode diperluas ke tahun kalender penuh: {period}.",
        "en": "The period is widened to whole calendar years: {period}.",
    },
    "violence_note_disability": {
        "id": "Filter disabilitas tidak berlaku: data kasus tidak mencatat disabilitas.",
        "en": "The disability filter does not apply: case data does not record disability.",
    },


    "case_note_dropped": {
        "id": "Statistik kasus diterbitkan hanya sebagai sekumpulan tabel tetap yang dilindungi bersama. Beberapa "
              "angka di halaman ini tidak dapat mengikuti filter Anda, jadi menampilkan {instead} (lihat keterangan "
              "di bawah grafiknya).",
        "en": "Case statistics are published only as a fixed set of tables protected together. Some figures on this "
              "page cannot follow your filters, so they show {instead} (see the note under each chart).",
    },
    "case_note_chart_dropped": {"id": "Ditampilkan untuk {instead}.", "en": "Shown for {instead}."},
    "case_instead_all_ages": {"id": "semua umur", "en": "all ages"},
    "case_instead_both_sexes": {"id": "kedua jenis kelamin", "en": "both sexes"},
    "case_instead_regency": {"id": "seluruh kabupaten", "en": "the whole regency"},
    "case_instead_window": {"id": "seluruh periode data ({window})", "en": "the whole period of the data ({window})"},
    "case_chart_all_hidden": {
        "id": "{chart}: semua nilai disembunyikan untuk melindungi penyintas.",
        "en": "{chart}: every value is hidden to protect survivors.",
    },
    "violence_no_cases_table": {
        "id": "Belum ada tabel kasus di folder data.",
        "en": "There is no cases table in the data folder yet.",
    },
    "tile_cases": {"id": "Kasus tercatat", "en": "Recorded cases"},
    "tile_cases_help": {"id": "Periode {period}", "en": "Period {period}"},
    "tile_this_period": {"id": "Periode ini", "en": "This period"},
    "tile_this_period_help": {"id": "{current} dibanding {previous}", "en": "{current} against {previous}"},
    "tile_change": {"id": "dibanding {previous}: {count}", "en": "against {previous}: {count}"},
    "tile_women_victims": {"id": "Korban perempuan", "en": "Women and girl victims"},
    "tile_child_victims": {"id": "Korban anak (0-17)", "en": "Child victims (0-17)"},
    "granularity": {"id": "Satuan waktu", "en": "Time unit"},
    "granularity_month": {"id": "bulan", "en": "month"},
    "granularity_quarter": {"id": "triwulan", "en": "quarter"},
    "granularity_year": {"id": "tahun", "en": "year"},
    "chart_cases_by_period": {"id": "Kasus per {unit}", "en": "Cases per {unit}"},
    "chart_trend": {"id": "Tren (garis lurus)", "en": "Trend (straight line)"},
    "axis_cases": {"id": "Kasus", "en": "Cases"},
    "hidden_hover": {"id": "Disembunyikan untuk melindungi penyintas", "en": "Hidden to protect survivors"},
    "chart_by_violence_forms": {"id": "Bentuk kekerasan", "en": "Form of violence"},
    "chart_by_place": {"id": "Tempat kejadian", "en": "Place of occurrence"},
    "chart_by_victim_age_group": {"id": "Umur korban", "en": "Victim's age group"},
    "chart_by_victim_sex": {"id": "Jenis kelamin korban", "en": "Victim's sex"},
    "chart_by_perpetrator_relationship": {"id": "Hubungan pelaku dengan korban", "en": "Perpetrator's relationship"},
    "chart_by_services": {"id": "Layanan yang diterima", "en": "Services received"},
    "chart_by_subdistrict": {"id": "Kasus per kecamatan", "en": "Cases per kecamatan"},
    "multi_count_note": {
        "id": "Satu kasus dapat memiliki beberapa bentuk kekerasan atau layanan: dihitung sekali untuk setiap bentuk, "
              "jadi jumlahnya bisa melebihi jumlah kasus.",
        "en": "A case can have several forms of violence or services: it counts once per form, so these add up "
              "to more than the number of cases.",
    },
}
