"""Code lists (controlled vocabularies) declared as data.

Each list maps a stable code (what the data files store) to its Indonesian and English label.
Input files may use the code, either label, or a declared alias, in any case and with stray spaces;
`lib.data.parse` normalises them to the code. Sources: SIMFONI-PPA public summary categories (cases),
BNPB InaRISK hazard list and Perka BNPB 2/2012 classes (hazards), the WE Nexus results framework.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Code:
    code: str
    label_id: str
    label_en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: tuple[Code, ...]
    _lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for item in self.codes:
            for spelling in (item.code, item.label_id, item.label_en, *item.aliases):
                lookup[normalise_token(spelling)] = item.code
        object.__setattr__(self, "_lookup", lookup)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.codes)

    def resolve(self, raw: str) -> str | None:
        """The code for any accepted spelling of it, or None when it is not in the list."""
        return self._lookup.get(normalise_token(raw))


def normalise_token(raw: str) -> str:
    """Case- and spacing-insensitive key: ' Rumah  Tangga ' and 'rumah_tangga' match."""
    cleaned = " ".join(str(raw).replace("_", " ").replace("-", " ").split()).casefold()
    return cleaned


def _codes(*rows: tuple) -> tuple[Code, ...]:
    return tuple(Code(*row) for row in rows)


VILLAGE_TYPE = CodeList("village_type", _codes(
    ("desa", "Desa", "Village (desa)", ("village",)),
    ("kelurahan", "Kelurahan", "Urban village (kelurahan)", ("urban village",)),
))

LEVEL = CodeList("level", _codes(
    ("impact", "Dampak", "Impact"),
    ("outcome", "Hasil", "Outcome", ("hasil antara",)),
    ("output", "Keluaran", "Output"),
))

DIRECTION = CodeList("direction", _codes(
    ("increase", "Naik", "Increase", ("meningkat", "up")),
    ("decrease", "Turun", "Decrease", ("menurun", "down")),
))

UNIT = CodeList("unit", _codes(
    ("people", "Orang", "People", ("jiwa", "persons")),
    ("percent", "Persen", "Percent", ("%", "pct", "persentase")),
    ("villages", "Desa", "Villages"),
    ("groups", "Kelompok", "Groups", ("forum", "pokja")),
    ("documents", "Dokumen", "Documents"),
    ("activities", "Kegiatan", "Activities"),
    ("cases", "Kasus", "Cases"),
    ("idr", "Rupiah", "Rupiah", ("rp",)),
))

DISAGGREGATION = CodeList("disaggregation", _codes(
    ("sex", "Jenis kelamin", "Sex", ("jenis_kelamin",)),
    ("age_group", "Kelompok umur", "Age group", ("umur", "kelompok_umur")),
    ("disability", "Disabilitas", "Disability"),
))

SEX = CodeList("sex", _codes(
    ("perempuan", "Perempuan", "Female", ("p", "f", "wanita", "women", "woman")),
    ("laki_laki", "Laki-laki", "Male", ("l", "m", "pria", "men", "man")),
))

AGE_GROUP = CodeList("age_group", _codes(
    ("0-5", "0-5 tahun", "0-5 years"),
    ("6-12", "6-12 tahun", "6-12 years"),
    ("13-17", "13-17 tahun", "13-17 years"),
    ("18-24", "18-24 tahun", "18-24 years"),
    ("25-44", "25-44 tahun", "25-44 years"),
    ("45-59", "45-59 tahun", "45-59 years"),
    ("60+", "60 tahun ke atas", "60 years and over", ("60 keatas", "60 plus")),
))

DISABILITY = CodeList("disability", _codes(
    ("ya", "Dengan disabilitas", "With disability", ("yes", "y", "disabilitas", "true", "1")),
    ("tidak", "Tanpa disabilitas", "Without disability", ("no", "n", "non disabilitas", "false", "0")),
))

ACTIVITY_TYPE = CodeList("activity_type", _codes(
    ("pokja_perdamaian", "Pertemuan Pokja Perdamaian / Forum Kewaspadaan Dini",
     "Peace working group / early-warning forum meeting", ("fkd", "forum kewaspadaan dini")),
    ("forum_perempuan", "Pertemuan Forum Perempuan Desa", "Village women's forum meeting",
     ("forum perempuan desa", "forum perempuan", "women's forum")),
    ("pelatihan_prb", "Pelatihan Pengurangan Risiko Bencana", "Disaster risk reduction training",
     ("prb", "drr training")),
    ("pelatihan_gedsi", "Pelatihan GEDSI", "GEDSI training", ("gedsi",)),
    ("pelatihan_peringatan_dini", "Pelatihan Peringatan Dini", "Early-warning training"),
    ("pelatihan_perencanaan_responsif_gender",
     "Pelatihan Perencanaan dan Penganggaran Desa Responsif Gender",
     "Gender-responsive village planning and budgeting training", ("pprg",)),
    ("musrenbang", "Partisipasi Musrenbang Desa", "Village development planning (musrenbang) participation"),
    ("lainnya", "Kegiatan lainnya", "Other activity", ("other",)),
))

VIOLENCE_FORM = CodeList("violence_form", _codes(
    ("fisik", "Fisik", "Physical"),
    ("psikis", "Psikis", "Psychological"),
    ("seksual", "Seksual", "Sexual"),
    ("eksploitasi", "Eksploitasi", "Exploitation"),
    ("trafficking", "Trafficking", "Trafficking", ("perdagangan orang", "tppo")),
    ("penelantaran", "Penelantaran", "Neglect"),
    ("lainnya", "Lainnya", "Other", ("other",)),
))

PLACE = CodeList("place", _codes(
    ("rumah_tangga", "Rumah Tangga", "Household"),
    ("fasilitas_umum", "Fasilitas Umum", "Public facility"),
    ("sekolah", "Sekolah", "School"),
    ("tempat_kerja", "Tempat Kerja", "Workplace"),
    ("lembaga_pendidikan_kilat", "Lembaga Pendidikan Kilat", "Short-course institution"),
    ("lainnya", "Lainnya", "Other", ("other",)),
))

RELATIONSHIP = CodeList("perpetrator_relationship", _codes(
    ("orang_tua", "Orang Tua", "Parent"),
    ("keluarga_saudara", "Keluarga/Saudara", "Family/relative", ("keluarga", "saudara")),
    ("suami_istri", "Suami/Istri", "Husband/wife", ("suami", "istri")),
    ("pacar_teman", "Pacar/Teman", "Partner/friend", ("pacar", "teman")),
    ("tetangga", "Tetangga", "Neighbour"),
    ("guru", "Guru", "Teacher"),
    ("majikan", "Majikan", "Employer"),
    ("rekan_kerja", "Rekan Kerja", "Co-worker"),
    ("lainnya", "Lainnya", "Other", ("other",)),
))

SERVICE = CodeList("service", _codes(
    ("pengaduan", "Pengaduan", "Complaint intake"),
    ("kesehatan", "Kesehatan", "Health"),
    ("bantuan_hukum", "Bantuan Hukum", "Legal aid"),
    ("penegakan_hukum", "Penegakan Hukum", "Law enforcement"),
    ("rehabilitasi_sosial", "Rehabilitasi Sosial", "Social rehabilitation"),
    ("reintegrasi_sosial", "Reintegrasi Sosial", "Social reintegration"),
    ("pemulangan", "Pemulangan", "Repatriation"),
    ("pendampingan_tokoh_agama", "Pendampingan Tokoh Agama", "Support by religious leaders"),
))

HAZARD = CodeList("hazard", _codes(
    ("kekeringan", "Kekeringan", "Drought"),
    ("banjir", "Banjir", "Flood"),
    ("banjir_bandang", "Banjir Bandang", "Flash flood"),
    ("cuaca_ekstrem", "Cuaca Ekstrem", "Extreme weather"),
    ("gelombang_ekstrem_abrasi", "Gelombang Ekstrem dan Abrasi", "Extreme waves and coastal erosion",
     ("gelombang ekstrem", "abrasi")),
    ("tanah_longsor", "Tanah Longsor", "Landslide", ("longsor",)),
    ("gempa_bumi", "Gempa Bumi", "Earthquake", ("gempa",)),
    ("tsunami", "Tsunami", "Tsunami"),
))

HAZARD_CLASS = CodeList("hazard_class", _codes(
    ("rendah", "Rendah", "Low"),
    ("sedang", "Sedang", "Medium", ("moderate",)),
    ("tinggi", "Tinggi", "High"),
))

EVENT_TYPE = CodeList("event_type", _codes(
    ("siklon_tropis", "Siklon Tropis", "Tropical cyclone", ("siklon", "cyclone")),
    *((h.code, h.label_id, h.label_en, h.aliases) for h in HAZARD.codes),
    ("kebakaran_hutan_lahan", "Kebakaran Hutan dan Lahan", "Forest and land fire", ("karhutla",)),
    ("konflik_sosial", "Konflik Sosial", "Social conflict"),
    ("lainnya", "Lainnya", "Other", ("other",)),
))

# Perka BNPB 2/2012: rendah <= 0.333 < sedang <= 0.666 < tinggi.
HAZARD_CLASS_UPPER_BOUNDS: tuple[tuple[str, float], ...] = (("rendah", 0.333), ("sedang", 0.666), ("tinggi", 1.0))


def hazard_class_for(index: float) -> str:
    """The InaRISK class of a hazard index in 0..1 (Perka BNPB 2/2012 thresholds)."""
    for code, upper in HAZARD_CLASS_UPPER_BOUNDS:
        if index <= upper:
            return code
    return HAZARD_CLASS_UPPER_BOUNDS[-1][0]


ALL_CODE_LISTS: dict[str, CodeList] = {
    code_list.name: code_list
    for code_list in (VILLAGE_TYPE, LEVEL, DIRECTION, UNIT, DISAGGREGATION, SEX, AGE_GROUP, DISABILITY,
                      ACTIVITY_TYPE, VIOLENCE_FORM, PLACE, RELATIONSHIP, SERVICE, HAZARD, HAZARD_CLASS,
                      EVENT_TYPE)
}
