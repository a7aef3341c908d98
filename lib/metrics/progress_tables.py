"""Tables of the progress page as people read them: numbers and dates formatted per language,
headers and category names from the texts. Pure: frames in, frames out; no streamlit here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.charts.progress import decimals_for
from lib.texts.i18n import code_label, format_date, format_number, format_period, in_language, t


NON_BREAKING_HYPHEN = "\u2011"


def _formatted(values: pd.Series, lang: str, *, decimals: pd.Series | int = 0, suffix: str = "") -> pd.Series:
    """Numbers as text per language ('' where missing); one format per row when decimals vary."""
    places = decimals if isinstance(decimals, pd.Series) else pd.Series(decimals, index=values.index)
    return pd.Series([("" if pd.isna(v) else format_number(float(v), lang, decimals=int(d)) + suffix)
                      for v, d in zip(values, places)], index=values.index, dtype=object)


def _dates(values: pd.Series, lang: str) -> pd.Series:
    return pd.Series(["" if pd.isna(v) else format_date(pd.Timestamp(v).date(), lang) for v in values],
                     index=values.index, dtype=object)


@dataclass(frozen=True)
class FrameworkTable:
    """The results framework as shown, and the one target date every set target shares (None when they
    differ, and the table then has a target-date column): said once under the table, the table fits a
    1024 px screen."""

    frame: pd.DataFrame
    target_date: date | None


def framework_table(table: pd.DataFrame, *, lang: str) -> FrameworkTable:
    """lib.metrics.indicators.framework_progress as shown: one row per indicator in the table's order
    (grouped by level), the level named on the first row of its group. Baseline and target only where
    they are set (target_here: a count target is the programme's, not an area's), in one column. The unit
    is in the indicator's name ("% of women…", "Number of villages…") and in the download: not a column,
    so the table fits the 560 px a 1024 px screen leaves beside the sidebar."""
    decimals = table["unit"].map(decimals_for)
    here = table["target_here"].astype(bool) if "target_here" in table else pd.Series(True, index=table.index)
    hidden = table["status"] == "hidden"
    latest = _formatted(table["value"], lang, decimals=decimals).where(~hidden, t("prog_status_hidden", lang))
    period = pd.Series([None if pd.isna(p) else format_period(p, lang) for p in table["period"]], index=table.index,
                       dtype="string")
    latest = latest.where(period.isna().to_numpy(), latest + " (" + period.fillna("") + ")")
    levels = table["level"].astype(object)
    first_of_level = (levels != levels.shift()).to_numpy(dtype=bool)
    level_names = [code_label("level", level, lang) if first else "" for level, first in zip(levels,
                                                                                           first_of_level)]
    baseline = _formatted(table["baseline"].where(here), lang, decimals=decimals)
    target = _formatted(table["target"].where(here), lang, decimals=decimals)
    dates = pd.to_datetime(table["target_date"].where(here)).dropna().dt.date.unique()
    shown = pd.DataFrame({
        t("prog_col_level", lang): level_names,
        # A non-breaking hyphen: a narrow column wrapped 'OUT-4' as 'OUT-' over '4' (st.table ignores nowrap).
        t("prog_col_code", lang): table["indicator_code"].astype(str).str.replace("-", NON_BREAKING_HYPHEN, regex=False),
        t("prog_col_name", lang): table[in_language("name", lang)],
        t("prog_hover_status", lang): [t(f"prog_status_{status}", lang) for status in table["status"]],
        t("prog_axis_percent_of_target", lang): _formatted(table["percent_of_target"], lang, suffix="%"),
        t("prog_col_expected", lang): _formatted(table["expected_share"], lang, suffix="%"),
        t("prog_col_latest", lang): latest,
        t("prog_col_baseline_target", lang): [f"{b or '–'} → {g or '–'}" if b or g else ""
                                                  for b, g in zip(baseline, target)],
    })
    if len(dates) > 1:
        shown[t("prog_col_target_date", lang)] = _dates(table["target_date"].where(here), lang)
    return FrameworkTable(shown, dates[0] if len(dates) == 1 else None)


def lag_table(table: pd.DataFrame, links: pd.Series, *, lang: str) -> pd.DataFrame:
    """lib.metrics.reach.lagging_villages as shown, ranked from 1, with the profile link."""
    return pd.DataFrame({
        t("prog_col_rank", lang): range(1, len(table) + 1),
        t("prog_col_kecamatan", lang): table["subdistrict_name"].to_numpy(),
        t("prog_col_desa", lang): table["village_name"].to_numpy(),
        t("prog_col_lag_score", lang): _formatted(table["lag_score"], lang, decimals=1).to_numpy(),
        t("prog_col_mean_progress", lang): _formatted(table["mean_progress"], lang, suffix="%").to_numpy(),
        t("prog_tile_participants", lang): _formatted(table["participants"], lang).to_numpy(),
        t("prog_col_behind", lang): table["indicators_behind"].to_numpy(),
        t("prog_col_profile", lang): links.to_numpy(),
    })


def status_styles(status_colours: dict[str, str], *, lang: str) -> dict[str, str]:
    """CSS per shown status label: the status colour, with dark or light text for contrast."""
    styles = {}
    for status, colour in status_colours.items():
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        light = 0.299 * red + 0.587 * green + 0.114 * blue > 150
        styles[t(f"prog_status_{status}", lang)] = (f"background-color: {colour}; "
                                                    f"color: {'#111111' if light else '#FFFFFF'}")
    return styles


def lagging_lines(lagging: pd.DataFrame, *, lang: str) -> list[str]:
    """'Off track · Women trained in DRR (OP-1): 210 of 750, 28% of target' per lagging indicator
    (lib.metrics.overview.IndicatorStatus.lagging): the name first, the code as a suffix, the status
    in words (never a colour alone)."""
    decimals = lagging["unit"].map(decimals_for)
    percent = (lagging["unit"] == "percent").to_numpy(dtype=bool)      # '35.6% of 50%', not '35.6 of 50.0'
    values = [text + ("%" if text and is_percent else "") for text, is_percent in
              zip(_formatted(lagging["value"], lang, decimals=decimals), percent)]
    targets = [text + ("%" if is_percent else "") for text, is_percent in
               zip(_formatted(lagging["target"], lang, decimals=decimals.where(~percent, 0)), percent)]
    shares = _formatted(lagging["percent_of_target"], lang, suffix="%")
    return [t("ov_lagging_line", lang, status=t(f"prog_status_{row.status}", lang),
              name=getattr(row, in_language("name", lang)), code=row.indicator_code,
              value=value or t("prog_status_hidden", lang), target=target, share=share or "–")
            for row, value, target, share in zip(lagging.itertuples(index=False), values, targets, shares)]


# Statuses that judge an indicator against its target here (lib.metrics.indicators.STATUSES).
JUDGED_STATUSES: tuple[str, ...] = ("achieved", "on_track", "behind", "off_track")
# What the tile's second line counts beside behind and off track, when there are any: counts whose
# target is the programme's (a kecamatan is chosen), values only for a wider area, nothing at all.
UNJUDGED_DETAILS: tuple[tuple[str, str], ...] = (("partial", "tile_indicators_partial"),
                                                 ("reported_wider", "tile_indicators_wider"),
                                                 ("no_data", "tile_indicators_no_data"))


def indicator_tile_words(counts: dict[str, int], *, lang: str) -> tuple[str, str]:
    """(value, detail) of the 'indicators on track' tile and slide headline: '3 of 4', then
    '1 behind · 0 off track · 8 with a programme-wide target · 1 reported for a wider area'. Only
    indicators judged here are counted in 'of'; a place where nothing is reported says so."""
    total = sum(counts.values())
    if counts.get("no_data", 0) + counts.get("reported_wider", 0) == total:   # nothing of its own here
        return "–", t("tile_indicators_none_here", lang)
    judged = sum(counts.get(status, 0) for status in JUDGED_STATUSES)
    on_track = counts.get("achieved", 0) + counts.get("on_track", 0)
    value = t("tile_indicators_value", lang, on_track=format_number(on_track, lang), total=format_number(judged, lang))
    detail = [t("tile_indicators_detail", lang, behind=format_number(counts.get("behind", 0), lang),
                off_track=format_number(counts.get("off_track", 0), lang))]
    detail += [t(key, lang, n=format_number(counts[status], lang)) for status, key in UNJUDGED_DETAILS
               if counts.get(status, 0)]
    return value, " · ".join(detail)
