"""Texts of the official-boundary importer (python -m lib.cli boundaries import)."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "boundaries_imported": {
        "id": "{count} desa diimpor (resmi) ke {path}",
        "en": "{count} villages imported (official) into {path}",
    },
    "boundaries_missing": {
        "id": "{count} desa tidak ada di berkas: {codes}",
        "en": "{count} villages not in the file: {codes}",
    },
    "boundaries_kept_approximate": {
        "id": "{count} desa tetap memakai batas perkiraan",
        "en": "{count} villages keep their approximate boundary",
    },
    "boundaries_unknown": {
        "id": "{count} kode di berkas bukan kode desa resmi (diabaikan): {codes}",
        "en": "{count} codes in the file are not official village codes (ignored): {codes}",
    },
    "boundaries_repaired": {
        "id": "{count} poligon tidak valid diperbaiki",
        "en": "{count} invalid polygons repaired",
    },
    "boundaries_written": {
        "id": "{size} KB ditulis",
        "en": "{size} KB written",
    },
    "boundaries_refused": {
        "id": "Impor ditolak, tidak ada yang ditulis: {reason}",
        "en": "Import refused, nothing written: {reason}",
    },
    "boundaries_no_input": {
        "id": "Sebutkan BERKAS atau --download KODE_KABUPATEN",
        "en": "Give a FILE or --download REGENCY_CODE",
    },
    "boundaries_no_villages": {
        "id": "Tabel desa tidak ditemukan: {path}",
        "en": "Village table not found: {path}",
    },
    "boundaries_download_failed": {
        "id": "Gagal mengunduh {url} ({reason}). Unduh berkas itu di komputer yang terhubung internet, lalu jalankan: python -m lib.cli boundaries import BERKAS",
        "en": "Could not download {url} ({reason}). Fetch that file on a connected machine, then run: python -m lib.cli boundaries import FILE",
    },
    "boundaries_reason_unreadable": {
        "id": "berkas tidak dapat dibaca ({detail})",
        "en": "the file cannot be read ({detail})",
    },
    "boundaries_reason_no_rows": {
        "id": "tidak ada poligon di berkas",
        "en": "no polygons in the file",
    },
    "boundaries_reason_no_code_column": {
        "id": "tidak ada kolom kode desa (dicari: {detail})",
        "en": "no village-code column (looked for: {detail})",
    },
    "boundaries_reason_no_match": {
        "id": "tidak ada kode desa yang cocok dengan tabel desa",
        "en": "no village code matches the village table",
    },
    "boundaries_reason_no_crs": {
        "id": "sistem koordinat tidak diketahui dan koordinat bukan derajat",
        "en": "unknown coordinate system and the coordinates are not degrees",
    },
}
