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
        "id": "Demi keselamatan penyintas, jumlah 1-4 tidak pernah ditampilkan (tertulis \"<{threshold}\"), "
              "dan sel lain disembunyikan (\"–\") bila jumlahnya dapat dihitung dari total. Data kasus hanya "
              "ditampilkan sampai tingkat kecamatan, dan filter periode diperluas ke tahun kalender penuh.",
        "en": "To keep survivors safe, counts of 1-4 are never shown (they read \"<{threshold}\"), and other "
              "cells are hidden (\"–\") where a total would let a reader work them out. Case data is shown down to "
              "kecamatan level only, and the period filter is widened to whole calendar years.",
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
    "violence_note_coarsened": {
        "id": "Sebagian besar nilai per {asked} akan disembunyikan, jadi ditampilkan per {shown}.",
        "en": "Most {asked} values would be hidden, so the chart shows {shown} values.",
    },
    "violence_note_small_selection": {
        "id": "Pilihan ini (atau pilihan yang sama tanpa filter jenis kelamin dan umur) berisi kurang dari {threshold} kasus, jadi tidak dirinci menurut bentuk, tempat, usia, jenis kelamin, pelaku atau layanan: setiap rincian akan menggambarkan penyintasnya.",
        "en": "This selection (or the same without its sex and age filters) holds fewer than {threshold} cases, so it is not broken down by form, place, age, sex, perpetrator or service: any breakdown would describe its survivors.",
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
