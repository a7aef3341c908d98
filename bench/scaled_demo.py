"""The demo generator's logic (lib/demo_*.py), vectorised with numpy so it reaches millions of rows.

Same framework (lib.tools.demo.framework.INDICATORS), same calibration tables (case distributions of
lib.tools.demo.cases, attendance of lib.tools.demo.activities, hazard ranges of lib.tools.demo.hazards, events of
lib.tools.demo.hazards.EVENTS), but drawn per column instead of per row, for any number of villages,
regencies, cases and indicator values. What differs from the shipped demo, and why:
- cases are spread over every regency of the geography, `cases` rows in total (2022-2025);
- village survey indicators (IMP-1, IMP-2) are reported monthly from 2022-01 in "monitored"
  villages, as many as needed to reach `values` rows; the table is then trimmed to exactly
  `values` rows by dropping random village survey rows (a missed survey round);
- programme totals (OUT-2..OUT-6, OP-*) are reported per regency and quarter (the shipped demo reports counts
  per village, which the app adds up; regency totals exercise the other path, values set for a wider area).
Every row's source is DEMO_SOURCE. Nothing here is hard-coded to look right: values follow the
drawn activities, cases and performances.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lib.data import codes
from lib.tools.demo.activities import (ATTENDANCE, FORUM_MALE_GUESTS, LAGGING_WOMEN_SHARE_GAP, MEETING_ATTENDANCE_RATE,
                                 MUSRENBANG_RAMP_DAYS, MUSRENBANG_WOMEN_SHARE_TARGET, ONE_OFF, PEACE_GROUP_RAMP_DAYS,
                                 PEACE_GROUP_WOMEN_SHARE_AT_START, RECURRING)
from lib.tools.demo.cases import (AGE_BY_SEX, CHILD_AGE_GROUPS, EXTRA_SERVICES, FORM_BY_LIFE_STAGE, MEAN_REPORT_DELAY_DAYS,
                            NO_SERVICE_SHARE, PLACE_BY_RELATIONSHIP, RELATIONSHIP_BY_LIFE_STAGE, SECOND_FORM,
                            SECOND_FORM_SHARE, SUBDISTRICT_WEIGHT, UNKNOWN_INCIDENT_SHARE, UNKNOWN_VILLAGE_SHARE,
                            WOMEN_VICTIM_SHARE, YEAR_TARGETS)
from lib.tools.demo.hazards import EVENTS, HAZARD_RANGES, HAZARD_YEAR, HILLY_SUBDISTRICT_PREFIXES, LOWLAND_SUBDISTRICTS
from lib.tools.demo.villages import PROGRAMME_END, PROGRAMME_START, STAGGERED_START_DAYS
from lib.data.schema import DEMO_SOURCE

SURVEY_FIRST_MONTH = "2022-01"      # monitoring of the village survey indicators starts here
PEACE_GROUP_SHARE = 7 / 20          # of programme villages (7 of 20 in the shipped demo)
LAGGING_SHARE = 4 / 20
HILLY_SHARE, LOWLAND_SHARE = 0.3, 0.15   # kecamatan outside Kupang: terrain drawn, not known
NON_PROGRAMME_PERFORMANCE = (0.0, 0.3)   # monitored villages outside the programme drift little


@dataclass(frozen=True)
class Profiles:
    """Programme villages, one entry each (arrays aligned)."""

    village_code: np.ndarray
    start: np.ndarray            # datetime64[D]
    performance: np.ndarray
    peace_group: np.ndarray
    lagging: np.ndarray


def programme_profiles(villages: pd.DataFrame, share: float, rng: np.random.Generator) -> Profiles:
    """`share` of the desa, drawn at random, with performances, peace groups and laggards."""
    desa = villages.loc[villages["village_type"] == "desa", "village_code"].to_numpy(dtype=object)
    count = max(1, int(round(share * len(desa))))
    chosen = np.sort(rng.choice(desa, size=count, replace=False))
    lagging = rng.random(count) < LAGGING_SHARE
    performance = np.where(lagging, rng.uniform(0.25, 0.45, count), rng.uniform(0.8, 1.05, count)).round(3)
    start = np.datetime64(PROGRAMME_START) + rng.integers(0, STAGGERED_START_DAYS, count).astype("timedelta64[D]")
    return Profiles(chosen, start, performance, rng.random(count) < PEACE_GROUP_SHARE, lagging)


# Activities -----------------------------------------------------------------------------------------
def _women_share(kind: str, days: np.ndarray, profiles: Profiles, who: np.ndarray) -> np.ndarray:
    share = np.full(len(days), ATTENDANCE[kind].women_share)
    elapsed = (days - profiles.start[who]).astype(float)
    if kind == "pokja_perdamaian":
        ramp = np.minimum(1.0, elapsed / PEACE_GROUP_RAMP_DAYS)
        share = PEACE_GROUP_WOMEN_SHARE_AT_START + (share - PEACE_GROUP_WOMEN_SHARE_AT_START) * ramp
        share -= np.where(profiles.lagging[who], LAGGING_WOMEN_SHARE_GAP, 0.0)
    if kind == "musrenbang":
        progress = np.minimum(1.0, elapsed / MUSRENBANG_RAMP_DAYS)
        share += (MUSRENBANG_WOMEN_SHARE_TARGET - share) * progress * np.minimum(profiles.performance[who], 1.0)
    return share


def _activity_frame(kind: str, days: np.ndarray, who: np.ndarray, women: np.ndarray, men: np.ndarray,
                    profiles: Profiles, rng: np.random.Generator) -> pd.DataFrame:
    plan, total = ATTENDANCE[kind], women + men
    return pd.DataFrame({"date": days, "village_code": profiles.village_code[who], "activity_type": kind,
                         "participants_female": women, "participants_male": men,
                         "participants_with_disability": rng.binomial(total, plan.disability_share),
                         "participants_youth": rng.binomial(total, plan.youth_share)})


def generate_activities(profiles: Profiles, *, today: date, rng: np.random.Generator) -> pd.DataFrame:
    """Monthly group meetings and one-off trainings/musrenbang of every programme village."""
    last_day = np.datetime64(min(today, PROGRAMME_END))
    count = len(profiles.village_code)
    size = 0.8 + 0.2 * np.minimum(profiles.performance, 1.0)
    frames = []
    months = np.arange(np.datetime64(PROGRAMME_START, "M"), np.datetime64(last_day, "M") + 1)
    meet = np.minimum(0.95, 0.35 + 0.6 * profiles.performance)
    for kind, peace_only in RECURRING:
        members = np.maximum(8, rng.poisson(ATTENDANCE[kind].size * size))
        who = np.repeat(np.arange(count), len(months))
        days = np.tile(months.astype("datetime64[D]"), count) + rng.integers(0, 28, len(who)).astype("timedelta64[D]")
        keep = (days >= profiles.start[who]) & (days <= last_day) & (rng.random(len(who)) < meet[who])
        if peace_only:
            keep &= profiles.peace_group[who]
        who, days = who[keep], days[keep]
        women_members = np.round(members[who] * _women_share(kind, days, profiles, who)).astype(int)
        women = rng.binomial(women_members, MEETING_ATTENDANCE_RATE)
        men = rng.binomial(members[who] - women_members, MEETING_ATTENDANCE_RATE)
        if kind == "forum_perempuan":
            men = men + rng.poisson(FORUM_MALE_GUESTS, len(who))
        frames.append(_activity_frame(kind, days, who, women, men, profiles, rng))
    for kind, first, last in ONE_OFF:
        days = np.datetime64(first) + rng.integers(0, (last - first).days + 1, count).astype("timedelta64[D]")
        keep = (days <= last_day) & (days >= profiles.start) & (rng.random(count) <= 0.55 + 0.5 * profiles.performance)
        who, days = np.arange(count)[keep], days[keep]
        total = np.maximum(5, rng.poisson(ATTENDANCE[kind].size * size[who]))
        women = rng.binomial(total, _women_share(kind, days, profiles, who))
        frames.append(_activity_frame(kind, days, who, women, total - women, profiles, rng))
    frame = pd.concat(frames, ignore_index=True).sort_values(["date", "village_code", "activity_type"], kind="stable")
    years = frame["date"].dt.year
    numbers = years.groupby(years.to_numpy()).cumcount() + 1
    frame.insert(0, "activity_id", "ACT-" + years.astype(str) + "-" + numbers.map("{:06d}".format))
    frame["source"] = DEMO_SOURCE
    return frame.reset_index(drop=True)


# Cases ----------------------------------------------------------------------------------------------
def _draw(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    keys = np.array(list(weights), dtype=object)
    p = np.asarray(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=p / p.sum())]


def _draw_by(rng: np.random.Generator, condition: np.ndarray, table: dict[str, dict[str, float]]) -> np.ndarray:
    out = np.empty(len(condition), dtype=object)
    for key, weights in table.items():
        where = condition == key
        out[where] = _draw(rng, weights, int(where.sum()))
    return out


def _joined(sets: np.ndarray, order: tuple[str, ...]) -> np.ndarray:
    """Bit sets (one bit per code of `order`) as ';'-joined codes in code-list order."""
    unique, inverse = np.unique(sets, return_inverse=True)
    texts = np.array([";".join(code for i, code in enumerate(order) if bits >> i & 1) for bits in unique],
                     dtype=object)
    return texts[inverse]


def generate_cases(villages: pd.DataFrame, count: int, *, today: date, rng: np.random.Generator) -> pd.DataFrame:
    """`count` cases 2022-2025 over the whole geography, drawn with the demo's distributions."""
    years = np.array(list(YEAR_TARGETS))
    weights = np.array([target.cases for target in YEAR_TARGETS.values()], dtype=float)
    year = years[rng.choice(len(years), size=count, p=weights / weights.sum())]
    first = np.array([np.datetime64(f"{y}-01-01") for y in year])
    length = np.where((year % 4 == 0), 366, 365)
    report = first + (rng.random(count) * length).astype(int).astype("timedelta64[D]")
    report = np.minimum(report, np.datetime64(min(today, date(2025, 12, 31))))
    sex = np.where(rng.random(count) < WOMEN_VICTIM_SHARE, "perempuan", "laki_laki").astype(object)
    age = _draw_by(rng, sex, AGE_BY_SEX)
    stage = np.where(np.isin(age, CHILD_AGE_GROUPS), "child", np.where(sex == "perempuan", "woman", "man")).astype(object)
    relationship = _draw_by(rng, stage, RELATIONSHIP_BY_LIFE_STAGE)
    form_order = codes.VIOLENCE_FORM.values
    first_form = _draw_by(rng, stage, FORM_BY_LIFE_STAGE)
    bit = {code: 1 << i for i, code in enumerate(form_order)}
    forms = np.array([bit[f] for f in first_form])
    second = rng.random(count) < SECOND_FORM_SHARE
    # The second form is psikis or fisik (SECOND_FORM weights), never the first form again.
    draw_psikis = rng.random(count) < SECOND_FORM["psikis"] / sum(SECOND_FORM.values())
    add_psikis = np.where(first_form == "psikis", False, np.where(first_form == "fisik", True, draw_psikis))
    forms[second & add_psikis] |= bit["psikis"]
    forms[second & ~add_psikis] |= bit["fisik"]
    forms_text = _joined(forms, form_order)
    place = _draw_by(rng, relationship, PLACE_BY_RELATIONSHIP)
    service_order = codes.SERVICE.values
    sbit = {code: 1 << i for i, code in enumerate(service_order)}
    services = np.full(count, sbit["pengaduan"])
    for round_ in range(2):
        take = rng.random(count) < (1.0 if round_ == 0 else 0.5)
        extra = _draw(rng, EXTRA_SERVICES, count)
        services[take] |= np.array([sbit[s] for s in extra[take]])
    services[(forms & bit["trafficking"]) > 0] |= sbit["pemulangan"]
    services_text = _joined(services, service_order).astype(object)
    services_text[rng.random(count) < NO_SERVICE_SHARE] = None
    delay = rng.geometric(1 / MEAN_REPORT_DELAY_DAYS, count) - 1
    incident = (report - delay.astype("timedelta64[D]")).astype(object)
    incident[rng.random(count) < UNKNOWN_INCIDENT_SHARE] = None
    weights = villages["subdistrict_name"].map(SUBDISTRICT_WEIGHT).fillna(1.0).to_numpy()
    weights = weights * rng.lognormal(0.0, 0.6, size=len(villages))
    picked = rng.choice(len(villages), size=count, p=weights / weights.sum())
    village_codes = villages["village_code"].to_numpy(dtype=object)[picked].copy()
    village_codes[rng.random(count) < UNKNOWN_VILLAGE_SHARE] = None
    ids = rng.choice(16 ** 8, size=count, replace=False)
    frame = pd.DataFrame({
        "case_id": [f"C-{int(n):08X}" for n in ids], "report_date": report, "incident_date": incident,
        "village_code": village_codes, "subdistrict_code": villages["subdistrict_code"].to_numpy(dtype=object)[picked],
        "violence_forms": forms_text, "place": place, "victim_sex": sex, "victim_age_group": age,
        "perpetrator_relationship": relationship, "services": services_text, "source": DEMO_SOURCE})
    return frame.sort_values(["report_date", "case_id"], ignore_index=True)


# Hazards and events ------------------------------------------------------------------------------------
def generate_hazards(villages: pd.DataFrame, coastal: np.ndarray, *, today: date,
                     rng: np.random.Generator) -> pd.DataFrame:
    """One row per village and hazard; terrain from the kecamatan (Kupang names) or drawn per kecamatan."""
    names = villages["subdistrict_name"].astype(str)
    kecamatan = villages["subdistrict_code"].astype(str)
    unique = kecamatan.unique()
    drawn = pd.Series(rng.random(len(unique)), index=unique)
    known = names.str.startswith(HILLY_SUBDISTRICT_PREFIXES) | names.isin(LOWLAND_SUBDISTRICTS)
    hilly = names.str.startswith(HILLY_SUBDISTRICT_PREFIXES) | (~known & (kecamatan.map(drawn) < HILLY_SHARE))
    lowland = names.isin(LOWLAND_SUBDISTRICTS) | (~known & (kecamatan.map(drawn) > 1 - LOWLAND_SHARE))
    traits = {"coastal": np.asarray(coastal, dtype=bool), "hilly": hilly.to_numpy(), "lowland": lowland.to_numpy()}
    frames = []
    for hazard in codes.HAZARD.values:
        ranges = HAZARD_RANGES[hazard]
        low = np.full(len(villages), ranges["default"][0])
        high = np.full(len(villages), ranges["default"][1])
        for trait in reversed([t for t in ranges if t != "default"]):   # the first listed trait wins
            low = np.where(traits[trait], ranges[trait][0], low)
            high = np.where(traits[trait], ranges[trait][1], high)
        index = rng.uniform(low, high).round(3)
        frames.append(pd.DataFrame({"village_code": villages["village_code"].to_numpy(), "hazard": hazard,
                                    "index": index, "class": [codes.hazard_class_for(v) for v in index]}))
    frame = pd.concat(frames, ignore_index=True).sort_values(["village_code"], kind="stable", ignore_index=True)
    frame["year"] = min(HAZARD_YEAR, today.year)
    frame["source"] = DEMO_SOURCE
    return frame


def generate_events(villages: pd.DataFrame, coastal: np.ndarray, *, today: date,
                    rng: np.random.Generator) -> pd.DataFrame:
    """The demo's event list in every regency, each at the regency, a kecamatan or a village of it."""
    rows = []
    table = villages.assign(coastal=np.asarray(coastal, dtype=bool))
    for regency, members in table.groupby("regency_code"):
        kecamatan = members["subdistrict_code"].unique()
        factors = rng.uniform(0.85, 1.15, len(EVENTS))
        for spec, factor in zip(EVENTS, factors):
            if spec.day > today:
                continue
            if spec.level == "regency":
                area = regency
            elif spec.level == "subdistrict":
                area = str(rng.choice(kecamatan))
            else:
                pool = members[members["coastal"]] if spec.event_type in ("gelombang_ekstrem_abrasi", "tsunami") \
                    and members["coastal"].any() else members
                area = str(pool["village_code"].iloc[int(rng.integers(len(pool)))])
            scale = lambda v: None if v is None else int(round(v * factor))  # noqa: E731
            rows.append({"date": spec.day, "event_type": spec.event_type, "name": spec.name, "area_code": area,
                         "deaths": spec.deaths, "affected": scale(spec.affected),
                         "houses_damaged": scale(spec.houses_damaged)})
    frame = pd.DataFrame(rows).drop_duplicates(["date", "name", "area_code"]).sort_values(["date", "area_code"])
    for column in ("deaths", "affected", "houses_damaged"):
        frame[column] = frame[column].astype("Int64")
    frame["source"] = DEMO_SOURCE
    return frame.reset_index(drop=True)
