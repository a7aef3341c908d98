"""Indicator values at scale, following lib.tools.demo.values: survey indicators from village performance,
women's shares and programme totals counted from the drawn activities and cases.

See bench/scaled_demo.py for what differs from the shipped demo. The table has exactly `count`
rows: survey rows are made for as many monitored villages as needed, then random survey rows are
dropped (a missed survey round) until `count` remain.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lib.tools.demo.common import Quarter, completed_quarters
from lib.tools.demo.framework import INDICATORS, IndicatorSpec
from lib.tools.demo.values import (ACTIVE_GROUP_MIN_MEETINGS, ADOPTION_ROUNDS, SURVEY_NOISE, SURVEY_OFFSETS,
                             SURVEY_VILLAGE_SPREAD)
from lib.tools.demo.villages import PROGRAMME_END, PROGRAMME_START
from lib.data.schema import DEMO_SOURCE

from bench.scaled_demo import NON_PROGRAMME_PERFORMANCE, SURVEY_FIRST_MONTH, Profiles

COLUMNS = ["indicator_code", "area_code", "period", "sex", "age_group", "disability", "value", "source"]
SPECS: dict[str, IndicatorSpec] = {spec.code: spec for spec in INDICATORS}
SURVEYS = tuple(spec for spec in INDICATORS if spec.builder == "survey")


def _parts(spec: IndicatorSpec) -> list[tuple[str, str] | None]:
    return [None] + [(column, code) for column in spec.disaggregations for code in SURVEY_OFFSETS[column]]


def survey_rows_per_village(months: int) -> int:
    return months * sum(len(_parts(spec)) for spec in SURVEYS)


def _frame(code: str, area: np.ndarray, period: np.ndarray, value: np.ndarray,
           part: tuple[str, str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"indicator_code": code, "area_code": area, "period": period, "value": value})
    if part is not None:
        frame[part[0]] = part[1]
    return frame


def _months(today: date) -> tuple[np.ndarray, np.ndarray]:
    """Survey months ('YYYY-MM') from SURVEY_FIRST_MONTH to the last completed month, and their last days."""
    last = np.datetime64(today, "M") - (0 if (today + pd.Timedelta(days=1)).day == 1 else 1)
    months = np.arange(np.datetime64(SURVEY_FIRST_MONTH), last + 1)
    ends = (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    return months.astype(str), ends


def survey_values(villages: np.ndarray, performance: np.ndarray, *, today: date,
                  rng: np.random.Generator) -> pd.DataFrame:
    """IMP-1 and IMP-2 each month in the monitored villages, totals and groups (SURVEY_OFFSETS)."""
    months, ends = _months(today)
    span = (np.datetime64(PROGRAMME_END) - np.datetime64(PROGRAMME_START)).astype(float)
    progress = np.clip((ends - np.datetime64(PROGRAMME_START)).astype(float) / span, 0.0, 1.0)
    area = np.repeat(villages, len(months))
    period = np.tile(months, len(villages))
    frames = []
    for spec in SURVEYS:
        baseline = spec.baseline + rng.normal(0.0, SURVEY_VILLAGE_SPREAD, len(villages))
        level = baseline[:, None] + (spec.target - baseline)[:, None] * progress[None, :] * performance[:, None]
        for part in _parts(spec):
            offset = 0.0 if part is None else SURVEY_OFFSETS[part[0]][part[1]]
            noisy = level + offset + rng.normal(0.0, SURVEY_NOISE, level.shape)
            frames.append(_frame(spec.code, area, period, np.clip(noisy, 0.0, 100.0).round(1).ravel(), part))
    return pd.concat(frames, ignore_index=True)


def _quarter_labels(days: pd.Series) -> pd.Series:
    return days.dt.year.astype(str) + "-Q" + days.dt.quarter.astype(str)


def women_share_values(activities: pd.DataFrame, quarters: list[Quarter]) -> pd.DataFrame:
    """OUT-1 and OUT-5: women's share of attendance per village and completed quarter."""
    labels = {q.label for q in quarters}
    frames = []
    for spec in (SPECS["OUT-1"], SPECS["OUT-5"]):
        rows = activities[activities["activity_type"].isin(spec.activity_types)]
        rows = rows.assign(period=_quarter_labels(rows["date"]))
        sums = rows[rows["period"].isin(labels)].groupby(["village_code", "period"])[
            ["participants_female", "participants_male"]].sum()
        total = sums.sum(axis=1)
        sums = sums[total > 0]
        share = (100.0 * sums["participants_female"] / sums.sum(axis=1)).round(1)
        frames.append(_frame(spec.code, share.index.get_level_values(0).to_numpy(),
                             share.index.get_level_values(1).to_numpy(), share.to_numpy()))
    return pd.concat(frames, ignore_index=True)


def _cumulative(per_quarter: pd.Series, regencies: list[str], quarters: list[str]) -> pd.Series:
    """Sums per (regency, quarter) on the full grid, accumulated over quarters."""
    grid = pd.MultiIndex.from_product([regencies, quarters], names=["regency", "period"])
    return per_quarter.reindex(grid, fill_value=0).groupby(level=0).cumsum()


def _totals(code: str, series: pd.Series, part: tuple[str, str] | None = None) -> pd.DataFrame:
    return _frame(code, series.index.get_level_values(0).to_numpy(), series.index.get_level_values(1).to_numpy(),
                  series.to_numpy(dtype=float).round(), part)


def programme_totals(activities: pd.DataFrame, cases: pd.DataFrame, profiles: Profiles, quarters: list[Quarter],
                     rng: np.random.Generator) -> pd.DataFrame:
    """OUT-2, OUT-3, OUT-4, OUT-6 and OP-1..OP-4 per regency and completed quarter, from the tables."""
    labels = [q.label for q in quarters]
    regencies = sorted({code[:5] for code in profiles.village_code})
    acts = activities.assign(regency=activities["village_code"].str[:5], period=_quarter_labels(activities["date"]))
    acts = acts[acts["period"].isin(labels)]
    total = acts["participants_female"] + acts["participants_male"]

    def summed(rows: pd.DataFrame, values: pd.Series) -> pd.Series:
        return _cumulative(values.loc[rows.index].groupby([rows["regency"], rows["period"]]).sum(), regencies, labels)

    frames = []
    pokja = acts[acts["activity_type"] == "pokja_perdamaian"]
    meetings = pokja.groupby(["regency", "period", "village_code"]).size()
    active = (meetings >= ACTIVE_GROUP_MIN_MEETINGS).groupby(level=[0, 1]).sum()
    grid = pd.MultiIndex.from_product([regencies, labels])
    frames.append(_totals("OUT-2", active.reindex(grid, fill_value=0)))
    for code in ("OUT-3", "OUT-4"):
        rounds = ADOPTION_ROUNDS[code]
        adopted = np.full(len(profiles.village_code), None, dtype=object)
        for quarter, chance in reversed(rounds):   # the earliest round that succeeds wins
            adopted[rng.random(len(adopted)) < chance * profiles.performance] = quarter.label
        frame = pd.DataFrame({"regency": [c[:5] for c in profiles.village_code], "period": adopted}).dropna()
        frames.append(_totals(code, _cumulative(frame.groupby(["regency", "period"]).size(), regencies, labels)))
    programme_kecamatan = {code[:8] for code in profiles.village_code}
    referred = cases[cases["subdistrict_code"].isin(programme_kecamatan) & cases["services"].notna()
                     & (cases["report_date"] >= pd.Timestamp(PROGRAMME_START))]
    referred = referred.assign(regency=referred["subdistrict_code"].str[:5],
                               period=_quarter_labels(referred["report_date"]))
    frames.append(_totals("OUT-6", _cumulative(referred.groupby(["regency", "period"]).size(), regencies, labels)))
    prb = acts[acts["activity_type"] == "pelatihan_prb"]
    women_disabled = (prb["participants_with_disability"] * prb["participants_female"]
                      / total.loc[prb.index].where(lambda s: s > 0, 1))
    women = summed(prb, prb["participants_female"])
    disabled = summed(prb, women_disabled).round()
    frames += [_totals("OP-1", women), _totals("OP-1", disabled, ("disability", "ya")),
               _totals("OP-1", women - disabled, ("disability", "tidak"))]
    everyone, disabled = summed(acts, total), summed(acts, acts["participants_with_disability"])
    frames += [_totals("OP-2", everyone),
               _totals("OP-2", summed(acts, acts["participants_female"]), ("sex", "perempuan")),
               _totals("OP-2", summed(acts, acts["participants_male"]), ("sex", "laki_laki")),
               _totals("OP-2", disabled, ("disability", "ya")),
               _totals("OP-2", everyone - disabled, ("disability", "tidak"))]
    groups = acts[acts["activity_type"].isin(SPECS["OP-3"].activity_types)]
    frames.append(_totals("OP-3", summed(groups, pd.Series(1, index=groups.index))))
    grpb = acts[acts["activity_type"].isin(SPECS["OP-4"].activity_types)]
    frames += [_totals("OP-4", summed(grpb, total)),
               _totals("OP-4", summed(grpb, grpb["participants_female"]), ("sex", "perempuan")),
               _totals("OP-4", summed(grpb, grpb["participants_male"]), ("sex", "laki_laki"))]
    return pd.concat(frames, ignore_index=True)


def generate_values(villages: pd.DataFrame, profiles: Profiles, activities: pd.DataFrame, cases: pd.DataFrame,
                    count: int, *, today: date, rng: np.random.Generator) -> pd.DataFrame:
    """Exactly `count` indicator values (see the module docstring)."""
    quarters = completed_quarters(PROGRAMME_START, today, PROGRAMME_END)
    fixed = pd.concat([women_share_values(activities, quarters),
                       programme_totals(activities, cases, profiles, quarters, rng)], ignore_index=True)
    months, _ = _months(today)
    per_village = survey_rows_per_village(len(months))
    wanted = int(np.ceil(max(0, count - len(fixed)) / per_village))
    others = np.setdiff1d(villages["village_code"].to_numpy(dtype=object), profiles.village_code)
    if wanted > len(profiles.village_code) + len(others):
        raise ValueError(f"{count} values need {wanted} monitored villages; the geography has {len(villages)}")
    extra = np.sort(rng.choice(others, size=max(0, wanted - len(profiles.village_code)), replace=False)) \
        if wanted > len(profiles.village_code) else np.array([], dtype=object)
    monitored = np.concatenate([profiles.village_code, extra])[:wanted]
    performance = np.concatenate([profiles.performance,
                                  rng.uniform(*NON_PROGRAMME_PERFORMANCE, len(extra))])[:wanted]
    survey = survey_values(monitored, performance, today=today, rng=rng)
    surplus = len(fixed) + len(survey) - count
    if surplus > 0:
        survey = survey.drop(index=rng.choice(len(survey), size=surplus, replace=False))
    frame = pd.concat([survey, fixed], ignore_index=True).reindex(columns=COLUMNS)
    frame["source"] = DEMO_SOURCE
    return frame.iloc[:count].sort_values(["indicator_code", "area_code", "period"], kind="stable", ignore_index=True)
