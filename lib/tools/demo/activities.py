"""Demo activity registers: group meetings, trainings and musrenbang in the programme villages.

Group meetings recur monthly (a village meets less often when its performance is low) and are
attended by the group's members, whose women's share follows the group's recruitment; trainings
and musrenbang happen once per village inside declared windows, attendance split by sex with the
type's women's share. Disability and youth are drawn from those present, so never exceed them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from lib.tools.demo.common import as_table
from lib.tools.demo.villages import PROGRAMME_END

# The women's share of a Pokja Perdamaian: "about 70% women members" (reported, CONTEXT.md).
PEACE_GROUP_WOMEN_SHARE = 0.70
# Demo choice: a new group starts with fewer women and reaches its share after recruiting for a while.
PEACE_GROUP_WOMEN_SHARE_AT_START = 0.60
PEACE_GROUP_RAMP_DAYS = 180
# Village women's forums of "about 25 women" (reported, CONTEXT.md).
WOMENS_FORUM_SIZE = 25
# Demo choices: women's share of musrenbang before the programme and what the programme aims for.
MUSRENBANG_WOMEN_SHARE_BASELINE = 0.22
MUSRENBANG_WOMEN_SHARE_TARGET = 0.40
MUSRENBANG_RAMP_DAYS = 365           # the programme's effect shows from the second musrenbang cycle
LAGGING_WOMEN_SHARE_GAP = 0.12        # a lagging peace group recruits fewer women
MEETING_ATTENDANCE_RATE = 0.9         # members present at a group meeting
FORUM_MALE_GUESTS = 0.8               # mean men (village officials) sitting in on a women's forum
VillageRow = Any                      # one row of the village profiles (a namedtuple from itertuples)


@dataclass(frozen=True)
class Attendance:
    """Typical attendance of one activity type (demo assumptions)."""

    size: int                 # mean participants; for a standing group, its members
    women_share: float
    youth_share: float        # aged 15-24
    disability_share: float


ATTENDANCE: dict[str, Attendance] = {
    "pokja_perdamaian": Attendance(18, PEACE_GROUP_WOMEN_SHARE, 0.20, 0.05),
    "forum_perempuan": Attendance(WOMENS_FORUM_SIZE, 1.0, 0.15, 0.05),
    "pelatihan_prb": Attendance(28, 0.60, 0.25, 0.04),
    "pelatihan_gedsi": Attendance(26, 0.62, 0.25, 0.08),
    "pelatihan_peringatan_dini": Attendance(22, 0.65, 0.25, 0.04),
    "pelatihan_perencanaan_responsif_gender": Attendance(20, 0.55, 0.10, 0.04),
    "musrenbang": Attendance(45, MUSRENBANG_WOMEN_SHARE_BASELINE, 0.10, 0.03),
}
# Monthly meetings: (activity type, whether only peace-group villages hold it).
RECURRING: tuple[tuple[str, bool], ...] = (("forum_perempuan", False), ("pokja_perdamaian", True))
# One-off activities per village: (activity type, window start, window end). Musrenbang desa
# prepares next year's RKPDes in the second half of the year (Permendagri 114/2014).
ONE_OFF: tuple[tuple[str, date, date], ...] = (
    ("pelatihan_gedsi", date(2024, 9, 15), date(2024, 12, 15)),
    ("musrenbang", date(2024, 9, 1), date(2024, 10, 31)),
    ("pelatihan_prb", date(2024, 11, 1), date(2025, 3, 31)),
    ("pelatihan_peringatan_dini", date(2025, 2, 1), date(2025, 6, 30)),
    ("pelatihan_perencanaan_responsif_gender", date(2025, 4, 1), date(2025, 7, 31)),
    ("musrenbang", date(2025, 8, 1), date(2025, 10, 31)),
    ("pelatihan_prb", date(2025, 9, 1), date(2025, 11, 30)),
    ("pelatihan_gedsi", date(2026, 2, 1), date(2026, 4, 30)),
)


def generate_activities(profiles: pd.DataFrame, *, today: date, rng: np.random.Generator) -> pd.DataFrame:
    """The activities table: every meeting, training and musrenbang up to `today`."""
    last_day = min(today, PROGRAMME_END)
    rows: list[dict] = []
    for village in profiles.itertuples(index=False):
        rows += _recurring_meetings(village, last_day, rng)
        rows += _one_off_activities(village, last_day, rng)
    if not rows:
        return as_table("activities", [])
    frame = pd.DataFrame(rows).sort_values(["date", "village_code", "activity_type"], kind="stable")
    frame["activity_id"] = _activity_ids(frame["date"])
    return as_table("activities", frame)


def _recurring_meetings(village: VillageRow, last_day: date, rng: np.random.Generator) -> list[dict]:
    """Monthly group meetings from the village's start; a weaker village skips more months."""
    meet_probability = min(0.95, 0.35 + 0.6 * village.performance)
    rows: list[dict] = []
    for activity_type, peace_only in RECURRING:
        if peace_only and not village.peace_group:
            continue
        members = max(8, int(rng.poisson(ATTENDANCE[activity_type].size * _size_factor(village))))
        for month_start in pd.date_range(village.start.replace(day=1), last_day, freq="MS"):
            day = month_start.date().replace(day=int(rng.integers(1, 29)))
            if village.start <= day <= last_day and rng.random() < meet_probability:
                rows.append(_group_meeting(village, activity_type, day, members, rng))
    return rows


def _group_meeting(village: VillageRow, activity_type: str, day: date, members: int,
                   rng: np.random.Generator) -> dict:
    """A meeting of a standing group: its members (women's share of the day) attend, mostly."""
    women_members = round(members * _women_share(village, activity_type, day))
    women = int(rng.binomial(women_members, MEETING_ATTENDANCE_RATE))
    men = int(rng.binomial(members - women_members, MEETING_ATTENDANCE_RATE))
    if activity_type == "forum_perempuan":  # a few men (village officials) sometimes sit in
        men += int(rng.poisson(FORUM_MALE_GUESTS))
    return _row(village, activity_type, day, women, men, rng)


def _one_off_activities(village: VillageRow, last_day: date, rng: np.random.Generator) -> list[dict]:
    """Trainings and musrenbang inside their windows; a weaker village sometimes misses one."""
    rows: list[dict] = []
    for activity_type, first, last in ONE_OFF:
        day = first + timedelta(days=int(rng.integers(0, (last - first).days + 1)))
        if day > last_day or day < village.start or rng.random() > 0.55 + 0.5 * village.performance:
            continue
        total = max(5, int(rng.poisson(ATTENDANCE[activity_type].size * _size_factor(village))))
        women = int(rng.binomial(total, _women_share(village, activity_type, day)))
        rows.append(_row(village, activity_type, day, women, total - women, rng))
    return rows


def _size_factor(village: VillageRow) -> float:
    """Weaker villages gather somewhat fewer people."""
    return 0.8 + 0.2 * min(village.performance, 1.0)


def _row(village: VillageRow, activity_type: str, day: date, women: int, men: int, rng: np.random.Generator) -> dict:
    """One activity row; people with a disability and youth are drawn from those present."""
    plan = ATTENDANCE[activity_type]
    return {
        "date": day,
        "village_code": village.village_code,
        "activity_type": activity_type,
        "participants_female": women,
        "participants_male": men,
        "participants_with_disability": int(rng.binomial(women + men, plan.disability_share)),
        "participants_youth": int(rng.binomial(women + men, plan.youth_share)),
    }


def _women_share(village: VillageRow, activity_type: str, day: date) -> float:
    """The expected women's share: peace groups recruit women over months, laggards fewer; musrenbang rises."""
    share = ATTENDANCE[activity_type].women_share
    if activity_type == "pokja_perdamaian":
        ramp = min(1.0, (day - village.start).days / PEACE_GROUP_RAMP_DAYS)
        share = PEACE_GROUP_WOMEN_SHARE_AT_START + (share - PEACE_GROUP_WOMEN_SHARE_AT_START) * ramp
        return share - LAGGING_WOMEN_SHARE_GAP if village.lagging else share
    if activity_type == "musrenbang":
        progress = min(1.0, (day - village.start).days / MUSRENBANG_RAMP_DAYS)
        return share + (MUSRENBANG_WOMEN_SHARE_TARGET - share) * progress * min(village.performance, 1.0)
    return share


def _activity_ids(days: pd.Series) -> list[str]:
    """'ACT-2024-0001', numbered in date order within each year."""
    years = pd.Series([day.year for day in days], index=days.index)
    numbers = years.groupby(years).cumcount() + 1
    return [f"ACT-{year}-{number:04d}" for year, number in zip(years, numbers)]
