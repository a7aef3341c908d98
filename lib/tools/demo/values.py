"""Demo indicator values: tidy rows, one value per indicator, area, quarter and disaggregation.

Activity-based indicators are counted from the demo activities and the referral indicator from the
demo cases, so the tables agree with each other. Counts are reported per village, as a programme's
village records are, so that they add up to any kecamatan and the regency; only the referral count
is a regency total (per village it would be a small survivor count). Survey and adoption indicators are drawn from each
village's performance: most villages move toward the target, lagging villages clearly trail.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.tools.demo.common import Quarter, as_table, quarter_labels
from lib.tools.demo.framework import INDICATORS, IndicatorSpec
from lib.tools.demo.villages import PROGRAMME_END, PROGRAMME_START

# A disaggregated value is keyed by (column, code); None is the total (all blank).
Part = tuple[str, str] | None
PERCENT_DECIMALS = 1

# Survey rounds: baseline, two monitoring rounds, endline (demo design).
SURVEY_ROUNDS: tuple[Quarter, ...] = (Quarter(2024, 3), Quarter(2025, 1), Quarter(2025, 3), Quarter(2026, 2))
SURVEY_VILLAGE_SPREAD = 4.0         # percentage points between villages at baseline
SURVEY_NOISE = 1.5                  # percentage points of sampling noise per value
# Percentage points a group sits above (+) or below (-) the village value (demo assumptions).
SURVEY_OFFSETS: dict[str, dict[str, float]] = {
    "sex": {"perempuan": -4.0, "laki_laki": 4.0},
    "age_group": {"18-24": -5.0, "25-44": 2.0, "45-59": 1.0, "60+": -6.0},
    "disability": {"ya": -12.0, "tidak": 1.0},
}
# Quarters in which a village can adopt, with the chance a fully performing village does then:
# APBDes are set around the new year (and revised mid-year), RKPDes follow the musrenbang.
ADOPTION_ROUNDS: dict[str, tuple[tuple[Quarter, float], ...]] = {
    "OUT-3": ((Quarter(2025, 1), 0.35), (Quarter(2025, 3), 0.40), (Quarter(2026, 1), 0.55)),
    "OUT-4": ((Quarter(2024, 4), 0.20), (Quarter(2025, 4), 0.70)),
}
ACTIVE_GROUP_MIN_MEETINGS = 2       # meetings in a quarter for a forum to count as active


@dataclass(frozen=True)
class ValueContext:
    """What the indicator values are computed from."""

    profiles: pd.DataFrame
    activities: pd.DataFrame
    cases: pd.DataFrame
    quarters: tuple[Quarter, ...]
    regency_code: str


Builder = Callable[[IndicatorSpec, ValueContext, np.random.Generator], list[dict]]


def generate_indicator_values(ctx: ValueContext, rng: np.random.Generator) -> pd.DataFrame:
    """The indicator_values table for every indicator of the demo framework."""
    rows = [row for spec in INDICATORS for row in BUILDERS[spec.builder](spec, ctx, rng)]
    return as_table("indicator_values", rows)


def _row(spec: IndicatorSpec, area_code: str, quarter: Quarter, value: float, part: Part = None) -> dict:
    """One tidy row; percentages clipped to 0..100 and rounded, counts whole."""
    if spec.unit == "percent":
        value = round(float(np.clip(value, 0.0, 100.0)), PERCENT_DECIMALS)
    else:
        value = float(round(value))
    row = {"indicator_code": spec.code, "area_code": area_code, "period": quarter.label, "value": value}
    if part is not None:
        row[part[0]] = part[1]
    return row


def _survey(spec: IndicatorSpec, ctx: ValueContext, rng: np.random.Generator) -> list[dict]:
    """Village survey rounds: each village moves from its baseline toward the target by its performance."""
    rounds = [q for q in SURVEY_ROUNDS if q in ctx.quarters]
    span = (PROGRAMME_END - SURVEY_ROUNDS[0].end).days
    rows: list[dict] = []
    for village in ctx.profiles.itertuples(index=False):
        baseline = spec.baseline + rng.normal(0.0, SURVEY_VILLAGE_SPREAD)
        for quarter in rounds:
            progress = (quarter.end - SURVEY_ROUNDS[0].end).days / span
            value = baseline + (spec.target - baseline) * progress * village.performance
            rows.append(_row(spec, village.village_code, quarter, value + rng.normal(0.0, SURVEY_NOISE)))
            for column in spec.disaggregations:
                for code, offset in SURVEY_OFFSETS[column].items():
                    noisy = value + offset + rng.normal(0.0, SURVEY_NOISE)
                    rows.append(_row(spec, village.village_code, quarter, noisy, (column, code)))
    return rows


def _village_women_share(spec: IndicatorSpec, ctx: ValueContext, rng: np.random.Generator) -> list[dict]:
    """Per village and quarter: women's share of attendance at the indicator's activities."""
    frame = _activities_of(spec, ctx).assign(period=lambda f: quarter_labels(f["date"]))
    sums = frame.groupby(["village_code", "period"])[["participants_female", "participants_male"]].sum()
    by_label = {quarter.label: quarter for quarter in ctx.quarters}
    return [_row(spec, village, by_label[period], 100.0 * female / (female + male))
            for (village, period), (female, male) in sums.iterrows()
            if period in by_label and female + male > 0]


def _active_groups(spec: IndicatorSpec, ctx: ValueContext, rng: np.random.Generator) -> list[dict]:
    """Per village with a group, from its first meeting's quarter: 1 when the group met at least
    ACTIVE_GROUP_MIN_MEETINGS times in the quarter, else 0 (villages add up to the count)."""
    frame = _activities_of(spec, ctx)
    meetings = frame.groupby([frame["village_code"], quarter_labels(frame["date"])]).size()
    rows: list[dict] = []
    for village, first in _first_quarters(frame, ctx).items():
        for quarter in ctx.quarters[ctx.quarters.index(first):]:
            rows.append(_row(spec, village, quarter, int(meetings.get((village, quarter.label), 0) >= ACTIVE_GROUP_MIN_MEETINGS)))
    return rows


def _adoption(spec: IndicatorSpec, ctx: ValueContext, rng: np.random.Generator) -> list[dict]:
    """Per programme village and quarter: 1 once it adopted (baseline ones from the start, others in
    adoption rounds), else 0; villages add up to the count."""
    count = len(ctx.profiles)
    already = set(rng.choice(count, size=min(int(spec.baseline), count), replace=False).tolist())
    adopted_at: list[Quarter | None] = []
    for position, performance in enumerate(ctx.profiles["performance"]):
        if position in already:
            adopted_at.append(Quarter.of(PROGRAMME_START))
            continue
        adopted_at.append(next((quarter for quarter, chance in ADOPTION_ROUNDS[spec.code]
                                if rng.random() < chance * performance), None))
    return [_row(spec, village, quarter, int(at is not None and at.end <= quarter.end))
            for village, at in zip(ctx.profiles["village_code"], adopted_at) for quarter in ctx.quarters]


def _referred_cases(spec: IndicatorSpec, ctx: ValueContext, rng: np.random.Generator) -> list[dict]:
    """Cumulative cases from the programme's kecamatan, reported since the programme began, that got services.

    Counted per kecamatan rather than per village: village counts would be too small to show safely.
    """
    cases = ctx.cases
    referred = cases[cases["subdistrict_code"].isin(ctx.profiles["subdistrict_code"]) & cases["services"].notna()
                     & (cases["report_date"] >= pd.Timestamp(PROGRAMME_START))]
    return [_row(spec, ctx.regency_code, quarter, int((referred["report_date"] <= pd.Timestamp(quarter.end)).sum()))
            for quarter in ctx.quarters]


def _cumulative(measure: Callable[[pd.DataFrame], dict[Part, float]]) -> Builder:
    """A builder of per-village totals counted from the village's activities of the indicator up to
    each quarter's end, from the quarter of its first such activity: villages add up to kecamatan
    and regency totals (lib.metrics.indicators.UNIT_AGGREGATION)."""
    def build(spec: IndicatorSpec, ctx: ValueContext, rng: np.random.Generator) -> list[dict]:
        frame = _activities_of(spec, ctx)
        rows: list[dict] = []
        for village, first in _first_quarters(frame, ctx).items():
            own = frame[(frame["village_code"] == village).to_numpy()]
            for quarter in ctx.quarters[ctx.quarters.index(first):]:
                parts = measure(own[own["date"] <= pd.Timestamp(quarter.end)])
                rows += [_row(spec, village, quarter, value, part) for part, value in parts.items()
                         if part is None or part[0] in spec.disaggregations]
        return rows
    return build


def _first_quarters(frame: pd.DataFrame, ctx: ValueContext) -> dict[str, Quarter]:
    """Village code -> the first of ctx.quarters that ends on or after the village's first activity in
    `frame` (villages whose first activity is after the last quarter are left out)."""
    firsts: dict[str, Quarter] = {}
    for village, first_day in frame.groupby("village_code")["date"].min().items():
        quarter = next((q for q in ctx.quarters if pd.Timestamp(q.end) >= first_day), None)
        if quarter is not None:
            firsts[str(village)] = quarter
    return firsts


def _people(frame: pd.DataFrame, *, women_only: bool = False) -> dict[Part, float]:
    """Participants by sex and disability; for women only, disability is prorated by the women's share."""
    female, male = frame["participants_female"], frame["participants_male"]
    disabled = frame["participants_with_disability"]
    if women_only:
        disabled = disabled * female / (female + male).where(lambda total: total > 0, 1)
        total, parts = float(female.sum()), {}
    else:
        total = float(female.sum() + male.sum())
        parts = {("sex", "perempuan"): float(female.sum()), ("sex", "laki_laki"): float(male.sum())}
    with_disability = float(round(disabled.sum()))
    return {None: total, **parts, ("disability", "ya"): with_disability, ("disability", "tidak"): total - with_disability}


def _reach(frame: pd.DataFrame) -> dict[Part, float]:
    """People reached: everyone at one-off activities plus each group's largest meeting (its members)."""
    recurring = frame["activity_type"].isin(["pokja_perdamaian", "forum_perempuan"])
    groups = frame[recurring]
    size = groups["participants_female"] + groups["participants_male"]
    members = groups.loc[size.groupby([groups["village_code"], groups["activity_type"]]).idxmax()] if len(groups) else groups
    return _people(pd.concat([frame[~recurring], members]))


def _activities_of(spec: IndicatorSpec, ctx: ValueContext) -> pd.DataFrame:
    """The activities an indicator counts (all of them when it names no type)."""
    activities = ctx.activities
    return activities[activities["activity_type"].isin(spec.activity_types)] if spec.activity_types else activities


BUILDERS: dict[str, Builder] = {
    "survey": _survey,
    "village_women_share": _village_women_share,
    "active_groups": _active_groups,
    "adoption": _adoption,
    "referred_cases": _referred_cases,
    "women_trained": _cumulative(lambda frame: _people(frame, women_only=True)),
    "people_trained": _cumulative(_people),
    "reach": _cumulative(_reach),
    "meetings": _cumulative(lambda frame: {None: float(len(frame))}),
}
