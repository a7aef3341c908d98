"""The demo results framework: WE Nexus-like indicators declared as data.

Names follow the programme's reported aims (women in peace working groups and early-warning
forums, women's forums, DRR/GEDSI/early-warning training, gender-responsive village planning and
budgeting). Baselines and targets are demo assumptions except where a comment cites a report.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.tools.demo.common import as_table
from lib.tools.demo.villages import PEACE_GROUP_VILLAGE_COUNT, PROGRAMME_END

TARGET_DATE: date = PROGRAMME_END


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name_id: str
    name_en: str
    level: str                       # lib.data.codes.LEVEL
    unit: str                        # lib.data.codes.UNIT
    baseline: float
    target: float
    builder: str                     # how lib.tools.demo.values computes its values (a key of its BUILDERS)
    disaggregations: tuple[str, ...] = ()   # lib.data.codes.DISAGGREGATION
    direction: str = "increase"      # lib.data.codes.DIRECTION
    activity_types: tuple[str, ...] = ()    # activities the value is counted from, when it is


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("IMP-1", "Persentase perempuan yang merasa mampu mempengaruhi keputusan desa",
                  "% of women who feel able to influence village decisions",
                  "impact", "percent", 24, 50, "survey", ("age_group", "disability")),
    IndicatorSpec("IMP-2", "Persentase warga yang merasa aman dari konflik dan kekerasan di desanya",
                  "% of residents who feel safe from conflict and violence in their village",
                  "impact", "percent", 58, 75, "survey", ("sex",)),
    # "about 70% women members" of the peace working groups (reported).
    IndicatorSpec("OUT-1", "Persentase perempuan anggota Pokja Perdamaian",
                  "% women in village peace working groups",
                  "outcome", "percent", 30, 70, "village_women_share", activity_types=("pokja_perdamaian",)),
    # Peace working groups / early-warning forums in 7 villages (reported).
    IndicatorSpec("OUT-2", "Jumlah desa dengan Forum Kewaspadaan Dini yang aktif",
                  "Number of villages with an active early-warning forum",
                  "outcome", "villages", 0, PEACE_GROUP_VILLAGE_COUNT, "active_groups",
                  activity_types=("pokja_perdamaian",)),
    IndicatorSpec("OUT-3", "Jumlah desa yang APBDes-nya memuat alokasi responsif gender",
                  "Number of villages whose APBDes includes gender-responsive allocations",
                  "outcome", "villages", 2, 14, "adoption"),
    IndicatorSpec("OUT-4", "Jumlah RKPDes yang memuat aksi PRB dan kesetaraan gender",
                  "Number of village plans (RKPDes) with DRR and gender equality actions",
                  "outcome", "documents", 0, 15, "adoption"),
    IndicatorSpec("OUT-5", "Persentase perempuan peserta Musrenbang Desa",
                  "% women among village musrenbang participants",
                  "outcome", "percent", 22, 40, "village_women_share", activity_types=("musrenbang",)),
    IndicatorSpec("OUT-6", "Kasus kekerasan terhadap perempuan dan anak dari kecamatan program yang dirujuk ke "
                  "layanan (kumulatif)",
                  "Violence cases from programme kecamatan referred to services (cumulative)",
                  "outcome", "cases", 0, 40, "referred_cases"),
    IndicatorSpec("OP-1", "Jumlah perempuan yang dilatih pengurangan risiko bencana (kumulatif)",
                  "Number of women trained in disaster risk reduction (cumulative)",
                  "output", "people", 0, 750, "women_trained", ("disability",), activity_types=("pelatihan_prb",)),
    IndicatorSpec("OP-2", "Jumlah orang yang dijangkau kegiatan program (kumulatif)",
                  "Number of people reached by programme activities (cumulative)",
                  "output", "people", 0, 5000, "reach", ("sex", "disability")),
    IndicatorSpec("OP-3", "Jumlah pertemuan Pokja Perdamaian dan Forum Perempuan (kumulatif)",
                  "Number of peace working group and women's forum meetings held (cumulative)",
                  "output", "activities", 0, 480, "meetings", activity_types=("pokja_perdamaian", "forum_perempuan")),
    IndicatorSpec("OP-4", "Jumlah aparat desa dan warga yang dilatih perencanaan dan penganggaran responsif gender "
                  "(kumulatif)",
                  "Village officials and residents trained in gender-responsive planning and budgeting (cumulative)",
                  "output", "people", 0, 450, "people_trained", ("sex",),
                  activity_types=("pelatihan_perencanaan_responsif_gender",)),
)


def indicators_table() -> pd.DataFrame:
    """The indicators table of the demo results framework."""
    return as_table("indicators", [{
        "indicator_code": spec.code, "name_id": spec.name_id, "name_en": spec.name_en, "level": spec.level,
        "unit": spec.unit, "baseline": float(spec.baseline), "target": float(spec.target),
        "target_date": TARGET_DATE, "direction": spec.direction,
        "disaggregations": ";".join(spec.disaggregations) or None,
    } for spec in INDICATORS])
