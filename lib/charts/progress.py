"""Charts of the progress page: build_*_chart(frame, *, lang, ...) -> go.Figure. No streamlit here.

Trace data are plain lists (None where hidden or missing), so a figure's JSON holds the numbers
themselves and a hidden value is absent from the data, not merely not drawn.
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.charts.base import base_layout, wrap_label
from lib.texts.data_text import as_text
from lib.texts.i18n import code_label, format_number, format_period, in_language, MONTHS, normalise_lang, t
from lib.metrics.indicators import STATUSES
from lib.charts.palette import (HIDDEN_COLOUR, OKABE_ITO, STATUS_COLOURS, TARGET_COLOUR,
                         category_colour)

# Plotly `separators`: decimal mark, then thousands mark.
SEPARATORS: dict[str, str] = {"id": ",.", "en": ".,"}
# Statuses beyond lib.charts.palette.STATUS_COLOURS: a programme-wide target (no judgement) and a hidden count.
VALUE_COLOUR = OKABE_ITO[0]
BASELINE_COLOUR = OKABE_ITO[8]
EXPECTED_COLOUR = OKABE_ITO[7]
LABEL_WIDTH = 34   # characters per line of a wrapped category label
ROW_HEIGHT = 34    # pixels per bar in horizontal bar charts
LINE_HEIGHT = 17   # pixels per line of a wrapped bar label


def plain(values: Sequence | pd.Series) -> list:
    """A JSON-friendly list: floats, with None for missing values."""
    series = pd.Series(values, dtype="object")
    return [None if pd.isna(v) else (float(v) if isinstance(v, (int, float)) else v) for v in series]


INDICATOR_LABEL_WIDTH = 34     # characters per line of an indicator's name on a bar chart axis


def indicator_label(name: str, code: str, *, width: int = INDICATOR_LABEL_WIDTH) -> str:
    """The indicator as a reader knows it: its name (two lines at most, shortened with '…'), the code
    as a suffix: 'Number of women trained in<br>disaster risk reduction… (OP-1)'. Plotly markup: the
    name and code are escaped (lib.texts.data_text.as_text), the line break is not."""
    lines = textwrap.wrap(str(name), width=width, break_on_hyphens=False, max_lines=2, placeholder="…")
    return "<br>".join(as_text(line) for line in lines) + f" ({as_text(code)})"


def _number(value: float | None, lang: str, *, decimals: int = 0) -> str:
    return "" if value is None or pd.isna(value) else format_number(float(value), lang, decimals=decimals)


def _percent(value: float | None, lang: str) -> str:
    return "" if value is None or pd.isna(value) else format_number(float(value), lang) + "%"


def _figure(traces: list, *, lang: str, title: str, source: str, height: int, legend: bool = True,
            legend_layout: dict | None = None, **layout: object) -> go.Figure:
    """A figure built in one step on lib.charts.base.base_layout (cheaper than updating it later),
    with the page language's number separators; `layout` adds to it, `legend_layout` to its legend."""
    base = base_layout(title=title, source=source, height=height, legend=legend)
    base["legend"] = {**base["legend"], **(legend_layout or {})}
    return go.Figure(data=traces, layout={**base, "separators": SEPARATORS[normalise_lang(lang)], **layout})


def quarter_ticks(first: pd.Timestamp, last: pd.Timestamp, *, lang: str) -> tuple[list[str], list[str]]:
    """Date-axis ticks every quarter, named in the page's language (Plotly would name months in English)."""
    starts = pd.date_range(first.to_period("Q").start_time, last, freq="QS")
    names = MONTHS[normalise_lang(lang)]
    return ([day.strftime("%Y-%m-%d") for day in starts],
            [f"{names[day.month - 1][:3]} {day.year}" for day in starts])


def decimals_for(unit: str) -> int:
    """Percentages with one decimal, counts whole."""
    return 1 if unit == "percent" else 0


# Results framework ------------------------------------------------------------------------------
def _status_hover(rows: pd.DataFrame, names: pd.Series, status_label: str, lang: str) -> list[str]:
    return [f"<b>{as_text(code)}</b> {as_text(name)}<br>{t('prog_hover_latest', lang)}: {_number(v, lang, decimals=decimals_for(u))}"
            f"<br>{t('prog_hover_percent', lang)}: {_percent(p, lang)}<br>{t('prog_hover_expected', lang)}: "
            f"{_percent(e, lang)}<br>{t('prog_hover_status', lang)}: {status_label}"
            for code, name, v, u, p, e in zip(rows["indicator_code"], names, rows["value"], rows["unit"],
                                              rows["percent_of_target"], rows["expected_share"])]


def build_status_chart(table: pd.DataFrame, *, lang: str, source: str) -> go.Figure:
    """% of target per indicator (one bar trace per status, for the legend), the expected share as a
    tick and the target as a dashed line at 100%. `table`: lib.metrics.indicators.framework_progress."""
    names = table[in_language("name", lang)]
    labels = {index: indicator_label(name, code) for index, name, code in zip(table.index, names,
                                                                               table["indicator_code"])}
    traces: list = []
    for status in STATUSES:
        rows = table[(table["status"] == status).to_numpy()]
        if rows.empty:
            continue
        label = t(f"prog_status_{status}", lang)
        has_bar = rows["percent_of_target"].notna()
        # Just short of the expected tick, the value would sit under it ("73%" behind the tick at 75):
        # it goes inside the bar's end instead.
        near_tick = ((rows["expected_share"] - rows["percent_of_target"]).between(0, 9)).to_numpy(dtype=bool)
        traces.append(go.Bar(
            y=[labels[index] for index in rows.index], x=plain(rows["percent_of_target"].where(has_bar, 0.0)),
            orientation="h", name=label, marker=dict(color=STATUS_COLOURS[status], line=dict(color="#666666",
                                                                                                 width=0.5)),
            text=[_percent(p, lang) if ok else label for p, ok in zip(rows["percent_of_target"], has_bar)],
            textposition=["inside" if near else "outside" for near in near_tick], insidetextanchor="end",
            insidetextfont=dict(color="#000000" if status == "behind" else "#FFFFFF"),
            cliponaxis=False, hoverinfo="text",
            hovertext=_status_hover(rows, names[rows.index], label, lang),
        ))
    expected = table[table["expected_share"].notna().to_numpy()]
    traces.append(go.Scatter(
        y=[labels[index] for index in expected.index], x=plain(expected["expected_share"]), mode="markers",
        name=t("prog_expected_marker", lang), hoverinfo="skip",
        marker=dict(symbol="line-ns", size=20, color=EXPECTED_COLOUR, line=dict(width=3, color=EXPECTED_COLOUR)),
    ))
    low = min(0.0, float(table["percent_of_target"].min(skipna=True) or 0.0))
    high = max(120.0, float(table["percent_of_target"].max(skipna=True) or 0.0) + 20)
    return _figure(
        traces, lang=lang, title=t("prog_status_chart_title", lang), source=source,
        height=140 + int(1.4 * ROW_HEIGHT) * len(table), barmode="overlay", bargap=0.35,   # two-line names
        shapes=[dict(type="line", x0=100, x1=100, y0=0, y1=1, yref="paper", showlegend=True,
                     name=t("prog_target_line", lang), line=dict(color=TARGET_COLOUR, width=2, dash="dash"))],
        xaxis=dict(title=dict(text=t("prog_axis_percent_of_target", lang)), range=[low, high], ticksuffix="%"),
        yaxis=dict(categoryorder="array", categoryarray=[labels[index] for index in table.index], autorange="reversed"),
    )


def build_progress_over_time_chart(series: pd.DataFrame, *, indicator: pd.Series, start: date, lang: str,
                                   source: str, with_target: bool = True) -> go.Figure:
    """The indicator's value per reporting period (end date), with baseline, target and the straight
    expected trajectory from (start, baseline) to (target date, target). Without `with_target` (a
    programme-wide count target beside a kecamatan's value) the values stand alone."""
    unit = str(indicator["unit"])
    decimals = decimals_for(unit)
    first, last = pd.Timestamp(start), pd.Timestamp(indicator["target_date"])
    ends = [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]
    baseline, target = float(indicator["baseline"]), float(indicator["target"])
    guides = (("prog_col_baseline", [baseline, baseline], dict(color=BASELINE_COLOUR, width=2, dash="dot")),
              ("prog_col_target", [target, target], dict(color=TARGET_COLOUR, width=2, dash="dash")),
              ("prog_series_expected", [baseline, target], dict(color=EXPECTED_COLOUR, width=1.5, dash="dash")))
    traces: list = [go.Scatter(x=ends, y=ys, mode="lines", name=t(key, lang), line=style,
                               text=[_number(y, lang, decimals=decimals) for y in ys],
                               hovertemplate=t(key, lang) + ": %{text}<extra></extra>")
                    for key, ys, style in guides if with_target]
    ordered = series.sort_values("period_end")
    values = plain(ordered["value"])
    traces.append(go.Scatter(
        x=ordered["period_end"].dt.strftime("%Y-%m-%d").tolist(), y=values, mode="lines+markers",
        name=t("prog_hover_value", lang), line=dict(color=VALUE_COLOUR, width=3), marker=dict(size=9),
        customdata=[format_period(str(period), lang) for period in ordered["period"]],   # 'TW3 2025', as on ticks
        text=[_number(v, lang, decimals=decimals) for v in values],
        hovertemplate=t("period", lang) + ": %{customdata}<br>" + t("prog_hover_value", lang)
        + ": %{text}<extra></extra>", connectgaps=False,
    ))
    tick_values, tick_texts = quarter_ticks(first, last, lang=lang)
    return _figure(
        traces, lang=lang, title=t("prog_over_time_title", lang, code=indicator["indicator_code"]), source=source,
        height=420, xaxis=dict(title=dict(text=t("prog_axis_date", lang)), tickvals=tick_values, ticktext=tick_texts),
        yaxis=dict(title=dict(text=code_label("unit", unit, lang)), rangemode="tozero", tickformat=","),
    )


def build_disaggregation_chart(frame: pd.DataFrame, *, indicator: pd.Series, lang: str, source: str) -> go.Figure:
    """The latest value per group, groups of one dimension side by side under the dimension's name
    (a two-level category axis); hidden small counts have no bar and read 'hidden'.
    `frame`: lib.metrics.indicators.disaggregation_latest."""
    decimals = decimals_for(str(indicator["unit"]))
    values = plain(frame["value"])
    hidden = frame["hidden"].astype(bool).tolist()
    x = [[code_label("disaggregation", d, lang) for d in frame["dimension"]],
         [code_label(d, c, lang) for d, c in zip(frame["dimension"], frame["category"])]]
    bar = go.Bar(
        x=x, y=values, showlegend=False, textposition="outside", cliponaxis=False,
        marker=dict(color=[HIDDEN_COLOUR if h else category_colour(d, c)
                           for d, c, h in zip(frame["dimension"], frame["category"], hidden)]),
        text=[t("prog_status_hidden", lang) if h else _number(v, lang, decimals=decimals)
              for v, h in zip(values, hidden)],
        hovertemplate="%{x}: %{text}<extra></extra>",
    )
    top = max((v for v in values if v is not None), default=0.0)
    return _figure(
        [bar], lang=lang, title=t("prog_disagg_title", lang, code=indicator["indicator_code"]), source=source,
        height=400, legend=False, bargap=0.25,
        yaxis=dict(title=dict(text=code_label("unit", str(indicator["unit"]), lang)),
                   range=[0, top * 1.2 if top > 0 else 1], tickformat=","),
    )


# Reach ----------------------------------------------------------------------------------------------------
REACH_COLUMNS: dict[str, str] = {"perempuan": "female", "laki_laki": "male"}


def _stacked_reach_chart(table: pd.DataFrame, labels: list[str], *, sexes: Sequence[str], lang: str, title: str,
                         source: str) -> go.Figure:
    """Horizontal bars of participants, stacked by sex, with the women's share at each bar's end."""
    traces: list = [go.Bar(
        y=labels, x=plain(table[REACH_COLUMNS[sex]]), orientation="h", name=code_label("sex", sex, lang),
        marker=dict(color=category_colour("sex", sex)), textposition="inside", insidetextanchor="middle", textangle=0,
        text=[_number(v, lang) for v in table[REACH_COLUMNS[sex]]],
        hovertemplate="%{y}<br>" + code_label("sex", sex, lang) + ": %{text}<extra></extra>",
    ) for sex in sexes]
    shown_total = table[[REACH_COLUMNS[sex] for sex in sexes]].sum(axis=1)
    traces.append(go.Scatter(
        y=labels, x=plain(shown_total), mode="text", textposition="middle right", showlegend=False,
        hoverinfo="skip", cliponaxis=False, textfont=dict(size=12, color="#444444"),
        text=[t("participants_women_share", lang, share=_percent(100 * s, lang)) if pd.notna(s) else ""
              for s in table["women_share"]],
    ))
    top = float(shown_total.max()) if len(table) else 0.0
    rows_height = sum(max(ROW_HEIGHT, LINE_HEIGHT * (label.count("<br>") + 1) + 8) for label in labels)
    return _figure(
        traces, lang=lang, title=title, source=source, height=170 + max(rows_height, 2 * ROW_HEIGHT),
        barmode="stack", bargap=0.3, legend_layout=dict(traceorder="normal"), uniformtext=dict(minsize=11, mode="hide"),
        xaxis=dict(title=dict(text=t("prog_tile_participants", lang)), range=[0, top * 1.3 if top > 0 else 1],
                   tickformat=",d"),
        yaxis=dict(categoryorder="array", categoryarray=labels, autorange="reversed"),
    )


def build_reach_by_type_chart(table: pd.DataFrame, *, sexes: Sequence[str], lang: str, source: str) -> go.Figure:
    """Participants per activity type, women and men stacked (lib.metrics.reach.reach_by_type)."""
    labels = [wrap_label(code_label("activity_type", code, lang), width=LABEL_WIDTH) for code in table["activity_type"]]
    return _stacked_reach_chart(table, labels, sexes=sexes, lang=lang, title=t("prog_reach_type_title", lang),
                                source=source)


def build_reach_by_area_chart(table: pd.DataFrame, *, level: str, sexes: Sequence[str], lang: str,
                              source: str) -> go.Figure:
    """Participants per kecamatan or desa, most first (lib.metrics.reach.reach_by_area)."""
    labels = [as_text(name) for name in table["area_name"].astype(str)]
    return _stacked_reach_chart(table, labels, sexes=sexes, lang=lang,
                                title=t(f"prog_reach_area_title_{level}", lang), source=source)
