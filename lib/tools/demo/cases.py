"""Demo cases of violence against women and children, one de-identified row per case.

Calibrated to the public SIMFONI-PPA figures for Kabupaten Kupang quoted in the Pos Kupang article
of 6 Feb 2025 (Kepala Dinas P2KBP3A): in 2024, 57 cases, 50 of them with women victims, sexual
violence the most frequent form, most victims school-age children. Counts are exact by
construction; the shape of a year (most frequent form, school-age majority) is enforced by
redrawing that year until it holds. A year is the year of the report date, as SIMFONI counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from lib.data import codes
from lib.tools.demo.common import Weights, as_table, draw, join_codes, random_days


@dataclass(frozen=True)
class YearTarget:
    """What one year of cases must look like."""

    cases: int
    women_victims: int | None = None          # exact when set, else drawn with WOMEN_VICTIM_SHARE
    top_form: str | None = None               # the strictly most frequent form, when set
    min_school_age_share: float | None = None  # share of victims aged 6-17 must exceed this


# SIMFONI-PPA 2024 for Kabupaten Kupang (Pos Kupang, 6 Feb 2025): 57 cases, 50 women victims,
# sexual violence most frequent, most victims school-age. Other years are demo assumptions.
YEAR_TARGETS: dict[int, YearTarget] = {
    2022: YearTarget(45),
    2023: YearTarget(51),
    2024: YearTarget(57, women_victims=50, top_form="seksual", min_school_age_share=0.5),
    2025: YearTarget(60),
}
CASES_LAST_DAY = date(2025, 12, 31)
WOMEN_VICTIM_SHARE = 50 / 57               # the 2024 ratio, used for years without an exact figure
SCHOOL_AGE_GROUPS: tuple[str, ...] = ("6-12", "13-17")
CHILD_AGE_GROUPS: tuple[str, ...] = ("0-5", "6-12", "13-17")
MAX_REDRAWS = 200

# Demo assumptions below: distributions conditional on the victim, keyed by lib.data.codes codes.
AGE_BY_SEX: dict[str, Weights] = {
    "perempuan": {"0-5": 0.05, "6-12": 0.22, "13-17": 0.36, "18-24": 0.11, "25-44": 0.20, "45-59": 0.05, "60+": 0.01},
    "laki_laki": {"0-5": 0.16, "6-12": 0.46, "13-17": 0.28, "18-24": 0.04, "25-44": 0.04, "45-59": 0.01, "60+": 0.01},
}
# Life stages: children (0-17), women, and men (adult male victims are few, rarely of partners).
RELATIONSHIP_BY_LIFE_STAGE: dict[str, Weights] = {
    "child": {"orang_tua": 0.17, "keluarga_saudara": 0.24, "tetangga": 0.22, "pacar_teman": 0.17, "guru": 0.05,
              "lainnya": 0.15},
    "woman": {"suami_istri": 0.56, "pacar_teman": 0.14, "keluarga_saudara": 0.12, "tetangga": 0.06,
              "rekan_kerja": 0.03, "majikan": 0.02, "lainnya": 0.07},
    "man": {"keluarga_saudara": 0.35, "tetangga": 0.25, "rekan_kerja": 0.10, "majikan": 0.05, "lainnya": 0.25},
}
FORM_BY_LIFE_STAGE: dict[str, Weights] = {
    "child": {"seksual": 0.60, "fisik": 0.14, "psikis": 0.08, "penelantaran": 0.11, "eksploitasi": 0.03,
              "trafficking": 0.02, "lainnya": 0.02},
    "woman": {"fisik": 0.45, "psikis": 0.25, "seksual": 0.15, "penelantaran": 0.08, "trafficking": 0.03,
              "eksploitasi": 0.02, "lainnya": 0.02},
    "man": {"fisik": 0.60, "psikis": 0.20, "eksploitasi": 0.08, "trafficking": 0.07, "lainnya": 0.05},
}
SECOND_FORM_SHARE = 0.20                   # cases recorded with two forms, e.g. "fisik;psikis"
SECOND_FORM: Weights = {"psikis": 0.7, "fisik": 0.3}  # never both the first and second form
PLACE_BY_RELATIONSHIP: dict[str, Weights] = {
    "orang_tua": {"rumah_tangga": 0.95, "lainnya": 0.05},
    "keluarga_saudara": {"rumah_tangga": 0.85, "fasilitas_umum": 0.1, "lainnya": 0.05},
    "suami_istri": {"rumah_tangga": 0.95, "lainnya": 0.05},
    "tetangga": {"rumah_tangga": 0.55, "fasilitas_umum": 0.35, "lainnya": 0.1},
    "pacar_teman": {"fasilitas_umum": 0.45, "rumah_tangga": 0.3, "sekolah": 0.1, "lainnya": 0.15},
    "guru": {"sekolah": 0.85, "lembaga_pendidikan_kilat": 0.15},
    "rekan_kerja": {"tempat_kerja": 1.0},
    "majikan": {"tempat_kerja": 0.8, "rumah_tangga": 0.2},
    "lainnya": {"fasilitas_umum": 0.5, "rumah_tangga": 0.3, "lainnya": 0.2},
}
NO_SERVICE_SHARE = 0.15                    # services not (yet) recorded
EXTRA_SERVICES: Weights = {"kesehatan": 0.35, "penegakan_hukum": 0.25, "bantuan_hukum": 0.15,
                           "rehabilitasi_sosial": 0.15, "pendampingan_tokoh_agama": 0.05,
                           "reintegrasi_sosial": 0.05}
UNKNOWN_INCIDENT_SHARE = 0.04
UNKNOWN_VILLAGE_SHARE = 0.10               # only the kecamatan is recorded
MEAN_REPORT_DELAY_DAYS = 18
# Populous kecamatan near Kota Kupang carry more cases (demo weights per village, default 1).
SUBDISTRICT_WEIGHT: dict[str, float] = {
    "Kupang Timur": 3.0, "Kupang Tengah": 3.0, "Kupang Barat": 2.0, "Amarasi": 2.0, "Taebenu": 1.5,
    "Nekamese": 1.5, "Amarasi Barat": 1.3, "Fatuleu": 1.3, "Takari": 1.2,
}


def generate_cases(villages: pd.DataFrame, *, today: date, rng: np.random.Generator) -> pd.DataFrame:
    """The cases table, 2022 to min(today, 2025-12-31), with opaque random case ids."""
    last_day = min(today, CASES_LAST_DAY)
    years = [pd.DataFrame(_year_of_cases(year, target, rng)) for year, target in YEAR_TARGETS.items()]
    frame = pd.concat(years, ignore_index=True)
    frame = frame[frame["report_date"] <= last_day].reset_index(drop=True)
    frame = pd.concat([frame, _places_of(villages, len(frame), rng)], axis=1)
    frame["case_id"] = _case_ids(len(frame), rng)
    return as_table("cases", frame)


def _year_of_cases(year: int, target: YearTarget, rng: np.random.Generator) -> list[dict]:
    """One year's cases, redrawn until the year's shape targets hold."""
    for _ in range(MAX_REDRAWS):
        cases = _draw_year(year, target, rng)
        if _meets(cases, target):
            return cases
    raise RuntimeError(f"demo cases for {year} missed their calibration after {MAX_REDRAWS} draws")


def _draw_year(year: int, target: YearTarget, rng: np.random.Generator) -> list[dict]:
    women = target.women_victims if target.women_victims is not None else int(
        rng.binomial(target.cases, WOMEN_VICTIM_SHARE))
    sexes = rng.permutation(["perempuan"] * women + ["laki_laki"] * (target.cases - women))
    reported = random_days(rng, date(year, 1, 1), date(year, 12, 31), target.cases)
    return [_draw_case(str(sex), day, rng) for sex, day in zip(sexes, reported)]


def _draw_case(sex: str, report_date: date, rng: np.random.Generator) -> dict:
    """One case: victim, perpetrator, forms, place and services drawn consistently."""
    age = draw(rng, AGE_BY_SEX[sex])
    stage = "child" if age in CHILD_AGE_GROUPS else ("woman" if sex == "perempuan" else "man")
    relationship = draw(rng, RELATIONSHIP_BY_LIFE_STAGE[stage])
    forms = {draw(rng, FORM_BY_LIFE_STAGE[stage])}
    if rng.random() < SECOND_FORM_SHARE:
        forms.add(draw(rng, {form: weight for form, weight in SECOND_FORM.items() if form not in forms}))
    delay = int(rng.geometric(1 / MEAN_REPORT_DELAY_DAYS)) - 1
    return {
        "report_date": report_date,
        "incident_date": None if rng.random() < UNKNOWN_INCIDENT_SHARE else report_date - timedelta(days=delay),
        "violence_forms": join_codes(forms, codes.VIOLENCE_FORM.values),
        "place": draw(rng, PLACE_BY_RELATIONSHIP[relationship]),
        "victim_sex": sex,
        "victim_age_group": age,
        "perpetrator_relationship": relationship,
        "services": _services(forms, rng),
    }


def _services(forms: set[str], rng: np.random.Generator) -> str | None:
    """Complaint intake plus one or two follow-up services; repatriation after trafficking."""
    if rng.random() < NO_SERVICE_SHARE:
        return None
    received = {"pengaduan", *(draw(rng, EXTRA_SERVICES) for _ in range(int(rng.integers(1, 3))))}
    if "trafficking" in forms:
        received.add("pemulangan")
    return join_codes(received, codes.SERVICE.values)


def _meets(cases: list[dict], target: YearTarget) -> bool:
    """Whether a drawn year has the declared shape."""
    forms_ok = target.top_form is None or most_frequent_form(
        [case["violence_forms"] for case in cases]) == target.top_form
    school_age = sum(case["victim_age_group"] in SCHOOL_AGE_GROUPS for case in cases)
    ages_ok = target.min_school_age_share is None or school_age / len(cases) > target.min_school_age_share
    return forms_ok and ages_ok


def most_frequent_form(forms_cells: list[str]) -> str | None:
    """The form counted most often (each form of a multi-form case once); None on a tie."""
    counts = pd.Series([form for cell in forms_cells for form in cell.split(";")]).value_counts()
    if counts.empty or (len(counts) > 1 and counts.iloc[0] == counts.iloc[1]):
        return None
    return str(counts.index[0])


def _places_of(villages: pd.DataFrame, count: int, rng: np.random.Generator) -> pd.DataFrame:
    """Village and kecamatan per case: weighted to populous kecamatan, some villages unknown."""
    weights = villages["subdistrict_name"].map(SUBDISTRICT_WEIGHT).fillna(1.0).to_numpy()
    weights = weights * rng.lognormal(0.0, 0.6, size=len(villages))  # some villages report more
    picked = villages.iloc[rng.choice(len(villages), size=count, p=weights / weights.sum())]
    village_codes = picked["village_code"].to_numpy(dtype=object).copy()
    village_codes[rng.random(count) < UNKNOWN_VILLAGE_SHARE] = None
    return pd.DataFrame({"village_code": village_codes, "subdistrict_code": picked["subdistrict_code"].to_numpy()})


def _case_ids(count: int, rng: np.random.Generator) -> list[str]:
    """Opaque ids like 'C-7F3A91': random, unique, carrying no order or registry number."""
    numbers = rng.choice(16 ** 6, size=count, replace=False)
    return [f"C-{int(number):06X}" for number in numbers]
