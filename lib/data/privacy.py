"""Person-identifying data detection: headers and value patterns.

A file with a column or a value that identifies a person is refused whole, in every table
(survivor safety, GBVIMS: case data is shared only non-identifiable). Matching values are never
echoed back. Text is folded before it is matched, so that no spelling slips past by accident:
Unicode NFKC (full-width letters and digits), zero-width and other format characters removed,
accents dropped and look-alike Cyrillic and Greek letters read as the Latin ones they imitate.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.data.parse import cell_text, is_blank
from lib.data.schema import PERSON_IDENTIFYING_HEADERS, Table

# Cyrillic and Greek letters drawn like Latin ones (Unicode confusables.txt, the ones that matter
# for Indonesian and English words), mapped to the Latin letter they imitate.
CONFUSABLES: dict[str, str] = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ɑ": "a", "ı": "i",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "У": "Y",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "ϲ": "c", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_CONFUSABLE_TABLE = str.maketrans(CONFUSABLES)
_DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me"})   # format (zero-width, BOM, soft hyphen) and accents


def fold_text(text: str) -> str:
    """`text` as it reads: NFKC, look-alikes as Latin, without format characters or accents."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text).translate(_CONFUSABLE_TABLE)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if unicodedata.category(ch) not in _DROPPED_CATEGORIES)


def normalise_header(header: object) -> str:
    """'Nama Korban (inisial) ' -> 'nama_korban_inisial': folded (fold_text), lower case, every run
    of spaces and punctuation one underscore."""
    text = fold_text(str(header)).strip().casefold()
    return re.sub(r"[\W_]+", "_", text).strip("_")


# Header words (between underscores) that identify a person wherever they appear.
IDENTIFYING_WORDS = frozenset({
    "nik", "ktp", "kk", "nisn", "npwp", "bpjs", "paspor", "passport", "alamat", "address", "domisili",
    "telepon", "telpon", "telefon", "telp", "tlp", "phone", "hp", "handphone", "ponsel", "wa", "whatsapp",
    "email", "surel", "dob", "ttl", "inisial", "initials",
})
# Stems found anywhere in a header written without separators ("NoTelp", "nohp", "TglLahir").
# Only stems that no innocent word contains ("nik" is in "teknik", "hp" in many words).
IDENTIFYING_STEMS = ("telp", "tlp", "telepon", "telpon", "phone", "nohp", "nomorhp", "email", "whatsapp",
                     "alamat", "address", "domisili", "lahir", "birth", "kartukeluarga", "kependudukan",
                     "noktp", "nonik", "nomornik", "nokk", "nomorkk", "inisial")
# A name of a person ("nama", "nama_peserta", "Nama Ibu Kandung") unless the name is of one of these.
PERSON_NAME_WORDS = frozenset({"nama", "name", "names", "namalengkap", "fullname"})
NOT_A_PERSON = frozenset({
    "desa", "kelurahan", "village", "kecamatan", "subdistrict", "kabupaten", "kota", "regency", "district",
    "provinsi", "province", "wilayah", "area", "dusun", "lokasi", "location", "tempat", "place", "kegiatan",
    "file", "berkas",
    "activity", "program", "programme", "project", "proyek", "indikator", "indicator", "lembaga", "organisasi",
    "organisation", "organization", "instansi", "dinas", "opd", "kejadian", "event", "bencana", "disaster",
    "hazard", "bahaya", "sumber", "source", "sheet", "lembar", "forum", "space",
    "kelompok", "group", "pokja", "layanan", "service", "unit", "satuan", "kategori", "category", "jenis",
    "type", "mitra", "partner", "donor",
})


def identifying_headers(headers: list[str], table: Table) -> list[str]:
    """Headers that name person-identifying data and are not a declared column of the table."""
    declared = {col.name for col in table.columns} | {alias for col in table.columns for alias in col.aliases}
    return [header for header in headers
            if (name := normalise_header(header)) not in declared and is_identifying_header(name)]


def is_identifying_header(name: str) -> bool:
    """Whether a normalised header (normalise_header) names data that identifies a person."""
    words = set(name.split("_"))
    compact = name.replace("_", "")
    if name in PERSON_IDENTIFYING_HEADERS or compact in {h.replace("_", "") for h in PERSON_IDENTIFYING_HEADERS}:
        return True
    if words & IDENTIFYING_WORDS or any(stem in compact for stem in IDENTIFYING_STEMS):
        return True
    if words & PERSON_NAME_WORDS:
        return not words & NOT_A_PERSON
    # Written as one word: "NamaPeserta", "namaanak", "childname" (but "namadesa", "villagename").
    for word in ("nama", "name"):
        if compact.isalpha() and word in (compact[:len(word)], compact[-len(word):]):
            return compact.replace(word, "", 1) not in NOT_A_PERSON
    return False


# Value patterns, searched anywhere in a folded cell so that "hubungi 0812 3456 7890" is caught too.
_SEP = r"[ .\-/]"
VALUE_PATTERNS: dict[str, re.Pattern[str]] = {
    # NIK and KK numbers: 16 digits, one separator at most between two; not inside a longer number
    # or an id such as C-2024-0001-2025-0002. Or any number after the word NIK, KTP or KK.
    "pii_nik": re.compile(rf"(?<![\w\-./])\d(?:{_SEP}?\d){{15}}(?!\w|{_SEP}\d)"
                          r"|\b(?:nik|ktp|kk|no\.?\s*kk|nomor\s+kk)\s*[:.\-=]?\s*\d(?:[ .\-]?\d){5,}", re.IGNORECASE),
    # Indonesian mobile numbers (08.., +62 8.., 62 8..) and landlines ((0380) 821234, 0380-821234,
    # +62 380 821234), with spaces, dots, dashes, slashes or brackets between the digits; not the
    # digits of an id such as C-04214396.
    "pii_phone": re.compile(
        r"(?:(?<![\w+])(?<!\w-)0|\+\s*62\s*[\-.]?\s*|(?<![\w+.,])(?<!\w-)62[ \-]?)\(?\s*8\d{1,2}\s*\)?"
        r"(?:[ .\-/]{0,3}\d){6,9}(?!\d)"
        r"|(?:\(\s*0\d{2,3}\s*\)|(?<![\w+])(?<!\w-)0[1-79]\d{1,2}|\+\s*62\s*[\-.]?\s*\(?\s*[1-79]\d{1,2}\s*\)?)"
        r"[ .\-/]{0,3}\d(?:[ .\-]?\d){4,7}(?![\d])"),
    "pii_email": re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"),
}
ADDRESS_PATTERN = re.compile(
    r"\b(?:jl|jln|jalan|gg|gang)\.?\s+\w+"
    r"|\br\s*\.?\s*t\s*[.:]?\s*\d{1,3}\b|\br\s*\.?\s*w\s*[.:]?\s*\d{1,3}\b"   # RT 05, RT.005/RW.002, R.T. 5
    r"|\bdusun\s+\w+", re.IGNORECASE)
# A person named after an honorific: "Ibu Maria", "Bpk. Yohanes", "Sdri. Ana", "an. Maria" (atas nama),
# but not "Ibu Hamil", "Bapak Bupati" or "Ibu Kota": the word after it is a role or a group, not a name.
HONORIFIC_WORDS = ("Ibu", "Bu", "Bapak", "Bpk", "Bp", "Pak", "Sdr", "Sdri", "Saudara", "Saudari", "Ny", "Nyonya",
                   "Nn", "Nona", "Tn", "Tuan", "Mama", "Bapa", "Kak", "Kakak", "Adik", "Dik", "Om", "Tante", "Opa",
                   "Oma", "Mr", "Mrs", "Ms", "Miss")
NOT_A_NAME = ("Hamil", "Menyusui", "Balita", "Bayi", "Anak", "Rumah", "Tangga", "Kepala", "Ketua", "Wakil",
              "Camat", "Bupati", "Wakil", "Lurah", "Desa", "Kades", "Sekdes", "Guru", "Bidan", "Kader", "Pendeta",
              "Pastor", "Dokter", "Kapolres", "Kapolsek", "Gubernur", "Menteri", "Presiden", "Sekda", "Dinas",
              "Kota", "Negara", "Pertiwi", "Kandung", "Tiri", "Asuh", "Angkat", "Korban", "Pelaku", "Pendamping",
              "Petugas", "Fasilitator", "Peserta", "Anggota", "Pengurus", "Warga", "Tani", "Nelayan", "Ibu",
              "Bapak", "Kami", "Saya", "Mereka", "Yang", "Dan", "Atau", "Dari", "Untuk", "Dengan", "Lansia",
              "Remaja", "Muda", "Janda", "Disabilitas", "Penyandang", "Pemuda", "Perempuan")
# Places named like people ("Bu Selatan" is a village in NTT): not after a word that names a place.
_AFTER_A_PLACE = "".join(rf"(?<!{word} )" for word in ("Desa", "desa", "Kelurahan", "kelurahan", "Kecamatan",
                                                          "kecamatan", "Dusun", "dusun", "di", "ke", "dari"))
NAME_PATTERN = re.compile(
    rf"(?:{_AFTER_A_PLACE}(?<![\w.])(?:{'|'.join(HONORIFIC_WORDS)})\.?\s+|\b[Aa]\.?\s?[Nn]\.\s*)"
    rf"(?!(?:{'|'.join(NOT_A_NAME)})\b)[A-Z][a-z]{{2,}}")

# A mobile number that a spreadsheet stored as a number, losing its leading 0 (812 3456 7890).
# Only the operators' prefixes (0811-0819, 0821-0823, 0831-0838, 0851-0859, 0877-0878, 0881-0889,
# 0895-0899): a round amount such as 8500000000 is not one.
_NUMBER_AS_MOBILE = re.compile(r"8(?:1[1-9]|2[1-3]|3[1-8]|5[1-9]|7[78]|8[1-9]|9[5-9])\d{7,9}")
# Obfuscated emails: "nama [at] mail [dot] com", "nama(at)mail.com", "nama @ mail . com".
_AT = re.compile(r"\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+at\s+(?=[\w-]+\s*(?:[\[({<]\s*)?(?:dot|titik)\b)"
                 r"|\s*@\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*[\[({<]\s*(?:dot|titik)\s*[\])}>]\s*|(?<=@[\w-])\s+(?:dot|titik)\s+|\s+dot\s+(?=[a-z]{2,}\b)",
                  re.IGNORECASE)
_DOMAIN_DOT = re.compile(r"(@[\w-]+)\s*\.\s*(?=[A-Za-z]{2,})")
# Digits written with letters: O or o for 0, l or I for 1, in a run that holds at least six digits.
_DIGIT_RUN = re.compile(r"[0-9oOlI+(][0-9oOlI \-./()]{6,}[0-9oOlI]")
_AS_DIGITS = str.maketrans("oOlI", "0011")


def reading_of(text: str) -> str:
    """A cell as a person reads it: folded, obfuscated emails spelt out, look-alike digits as digits."""
    text = fold_text(text)
    if re.search(r"(?i)[\[({<]\s*at\s*[\])}>]|\sat\s|@", text):
        text = _DOMAIN_DOT.sub(r"\1.", _DOT.sub(".", _AT.sub("@", text)))
    return _DIGIT_RUN.sub(lambda m: m.group().translate(_AS_DIGITS) if sum(c.isdigit() for c in m.group()) >= 6
                          else m.group(), text)


@dataclass(frozen=True)
class Finding:
    column: str
    position: int | None   # None for a header finding
    what: str | None       # the pii_* text key of a value finding


def classify_value(cell: object, *, addresses: bool, names: bool = True) -> str | None:
    """The pii_* key a value matches, or None. Addresses are looked for only when asked (case data),
    and so are personal names (not in a declared column of place names or titles)."""
    if is_blank(cell):
        return None
    text = reading_of(cell_text(cell))
    if isinstance(cell, (int, float, np.integer, np.floating)) and _NUMBER_AS_MOBILE.fullmatch(text.removesuffix(".0")):
        return "pii_phone"
    for key, pattern in VALUE_PATTERNS.items():
        if pattern.search(text):
            return key
    if addresses and ADDRESS_PATTERN.search(text):
        return "pii_address"
    if names and NAME_PATTERN.search(text):
        return "pii_name"
    return None


def identifying_values(frame: pd.DataFrame, columns: list[str], *, addresses: bool,
                       without_names: Collection[str] = ()) -> list[Finding]:
    """Cells of `columns` that look like an NIK, a phone number, an email, a person's name (except in
    the columns `without_names`: place names, titles) or (if asked) an address.

    Text columns are classified once per distinct value; values that cannot match any pattern
    (see `could_identify`) are not searched. Findings come column by column, top to bottom."""
    findings = []
    for column in columns:
        values, names = frame[column], column not in without_names
        if not isinstance(values.dtype, pd.StringDtype):
            findings += [Finding(column, position, what) for position, cell in enumerate(values.tolist())
                         if (what := classify_value(cell, addresses=addresses, names=names))]
            continue
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        texts = uniques.tolist()
        searched = could_identify(pd.Series(uniques), addresses=addresses)
        what = [classify_value(text, addresses=addresses, names=names) if searched[i] else None
                for i, text in enumerate(texts)]
        found = np.array([w is not None for w in what] + [False], dtype=bool)
        findings += [Finding(column, int(p), what[codes[p]]) for p in np.flatnonzero(found[codes])]
    return findings


# What a value must hold for any pattern to match it (ASCII text; anything else is searched):
# six digits (an NIK has 16, a phone number at least 8, letters standing in for a few), an '@' or
# an obfuscated one, an honorific, or for addresses 'jl', 'ja', 'gg', 'ga', 'rt', 'rw', 'dusun'.
_COULD_BE_NAME = re.compile(rf"(?:{'|'.join(HONORIFIC_WORDS)})\.?\s|[Aa]\.?\s?[Nn]\.")
_COULD_BE_ADDRESS = re.compile(r"(?i)jl|ja|gg|ga|r\s*\.?\s*[tw]|dusun")


def could_identify(texts: pd.Series, *, addresses: bool) -> np.ndarray:
    """False only for values no pattern can match (see above); anything else is searched in full."""
    if not len(texts):
        return np.zeros(0, dtype=bool)
    possible = (texts.str.contains(r"[^\x00-\x7f]|@|(?i:\bat\b)", regex=True) | (texts.str.count(r"[0-9]") >= 6)
                | texts.str.contains(_COULD_BE_NAME.pattern, regex=True))
    if addresses:
        possible |= texts.str.contains(_COULD_BE_ADDRESS.pattern, regex=True)
    return possible.to_numpy(dtype=bool, na_value=True)
