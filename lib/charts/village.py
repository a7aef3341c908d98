"""Charts and tables of the village profile page: build_*_chart(frame, *, lang, ...) -> go.Figure.

No streamlit here. Case counts are drawn only through lib.charts.suppressed (hidden cells carry no number).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.metrics import hazards as hz
from lib.charts.base import finish
from lib.charts.progress import wrap_label
from lib.charts.climate import CLASS_COLOURS, class_label, separators
from lib.charts.climate import events_table as climate_events_table
from lib.charts.suppressed import build_safe_bar_chart, cell_texts
from lib.texts.i18n import code_label, format_date, format_number, format_period, in_language, MONTHS, t
from lib.charts.palette import OKABE_ITO, category_colour
from lib.metrics.village_profile import KecamatanCases

SEX_COLUMNS: dict[str, str] = {"perempuan": "female", "laki_laki": "male"}   # lib.metrics.reach columns
CASES_COLOUR = OKABE_ITO[0]


def short_month(month: str, lang: str) -> str:
    """'2025-02' -> 'Feb 2025'."""
    year, number = month.split("-")
    return f"{MONTHS[lang][int(number) - 1][:3]} {year}"


def _hover_numbers(participants: list[int], activities: pd.Series, lang: str) -> list[list[str]]:
    return [[format_number(p, lang), format_number(a, lang)] for p, a in zip(participants, activities)]


def build_reach_by_type_chart(by_type: pd.DataFrame, *, lang: str, source_line: str) -> go.Figure:
    """Participants per activity type, women and men stacked; the number of activities in the hover."""
    labels = [wrap_label(code_label("activity_type", code, lang)) for code in by_type["activity_type"]]
    fig = go.Figure()
    for sex, column in SEX_COLUMNS.items():
        values = by_type[column].astype(int).tolist()
        fig.add_bar(
            x=values, y=labels, orientation="h", name=code_label("sex", sex, lang),
            marker_color=category_colour("sex", sex),
            customdata=_hover_numbers(values, by_type["activities"], lang),
            hovertemplate=t("profile_type_hover", lang, activity_type="%{y}", sex=code_label("sex", sex, lang),
                            participants="%{customdata[0]}", activities="%{customdata[1]}") + "<extra></extra>",
        )
    height = max(300, 56 * len(labels) + 150)
    layout = dict(separators=separators(lang), barmode="stack", legend=dict(traceorder="normal"),
                  xaxis=dict(title=t("prog_tile_participants", lang)),
                  yaxis=dict(categoryorder="array", categoryarray=labels[::-1], title=None))
    return finish(fig, title=t("profile_type_title", lang), source=source_line, height=height, layout=layout)


def build_reach_over_time_chart(by_month: pd.DataFrame, *, lang: str, source_line: str) -> go.Figure:
    """Participants per month, women and men stacked; months without activities stay on the axis."""
    months = [short_month(month, lang) for month in by_month["month"]]
    fig = go.Figure()
    for sex, column in SEX_COLUMNS.items():
        values = by_month[column].astype(int).tolist()
        fig.add_bar(
            x=months, y=values, name=code_label("sex", sex, lang), marker_color=category_colour("sex", sex),
            customdata=_hover_numbers(values, by_month["activities"], lang),
            hovertemplate=t("profile_month_hover", lang, month="%{x}", sex=code_label("sex", sex, lang),
                            participants="%{customdata[0]}", activities="%{customdata[1]}") + "<extra></extra>",
        )
    layout = dict(separators=separators(lang), barmode="stack", legend=dict(traceorder="normal"),
                  xaxis=dict(type="category", title=None, tickangle=-45),
                  yaxis=dict(title=t("prog_tile_participants", lang)))
    return finish(fig, title=t("profile_month_title", lang), source=source_line, height=400, layout=layout)


def build_village_hazard_chart(hazards: pd.DataFrame, *, lang: str, village: str, source_line: str) -> go.Figure:
    """The village's index for every InaRISK hazard, coloured by class; a missing index reads 'no data'."""
    fig = go.Figure()
    labels = [code_label("hazard", code, lang) for code in hazards["hazard"]]
    for class_code in (*hz.CLASSES, hz.NO_DATA):
        part = hazards[hazards["class"] == class_code]
        if part.empty:
            continue
        part_labels = [code_label("hazard", code, lang) for code in part["hazard"]]
        missing = class_code == hz.NO_DATA
        fig.add_bar(
            x=[0.0] * len(part) if missing else part["index"].tolist(), y=part_labels, orientation="h",
            name=class_label(class_code, lang), marker_color=CLASS_COLOURS[class_code],
            text=[class_label(class_code, lang) if missing else
                  f"{format_number(v, lang, decimals=3)} · {class_label(class_code, lang)}" for v in part["index"]],
            textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    layout = dict(separators=separators(lang), barmode="overlay",
                  xaxis=dict(title=t("profile_hazard_axis", lang), range=[0, 1.25], tickvals=[0, 0.333, 0.666, 1]),
                  yaxis=dict(categoryorder="array", categoryarray=labels[::-1], title=None))
    return finish(fig, title=t("profile_hazard_title", lang, village=village), source=source_line,
                  height=max(320, 44 * len(labels) + 150), layout=layout)


def build_kecamatan_cases_chart(cases: KecamatanCases, *, lang: str, kecamatan: str, source_line: str) -> go.Figure:
    """Cases reported in the kecamatan per year, suppressed (see lib.metrics.village_profile)."""
    fig = build_safe_bar_chart(
        cases.table["value"], cases.table["state"], categories=[str(y) for y in cases.table["year"]], lang=lang,
        title=t("profile_cases_title", lang, kecamatan=kecamatan), source=source_line,
        hidden_text=t("profile_hidden_mark", lang), hidden_hover=t("hidden_hover", lang),
        colours=CASES_COLOUR, value_axis=t("axis_cases", lang), height=340)
    # Whole cases only; with every year hidden, an empty scale would only suggest numbers.
    return fig.update_yaxes(tickformat=",d", showticklabels=bool(cases.table["value"].notna().any()))


# Tables --------------------------------------------------------------------------------------------
def indicator_table(table: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Latest value, baseline, target, % of target and status of each indicator, as people read them."""
    def number(value: object, unit: str) -> str:
        if pd.isna(value):
            return "–"
        percent = unit == "percent"
        return format_number(float(value), lang, decimals=1 if percent else 0) + ("%" if percent else "")

    name_column = in_language("name", lang)
    return pd.DataFrame({
        t("prog_col_name", lang): [f"{c} · {n}" for c, n in zip(table["indicator_code"], table[name_column])],
        t("period", lang): [format_period(p, lang) for p in table["period"]],
        t("profile_col_value", lang): [t("prog_status_hidden", lang) if h else number(v, u)
                                       for v, u, h in zip(table["value"], table["unit"], table["hidden"])],
        t("prog_col_baseline", lang): [number(v, u) for v, u in zip(table["baseline"], table["unit"])],
        t("profile_col_target", lang): [f"{number(v, u)} ({format_date(d.date(), lang)})"
                                        for v, u, d in zip(table["target"], table["unit"], table["target_date"])],
        t("prog_hover_percent", lang): ["–" if pd.isna(p) else format_number(p, lang) + "%"
                                         for p in table["percent_of_target"]],
        t("prog_hover_status", lang): [t(f"prog_status_{s}", lang) for s in table["status"]],
    })


def events_table(events: pd.DataFrame, names: dict[str, str], village_types: dict[str, str], *,
                 lang: str) -> pd.DataFrame:
    """The events affecting the village, with the level they were recorded at."""
    shown = climate_events_table(events, names, village_types, lang=lang)
    shown.insert(4, t("prog_col_level", lang), [t(f"profile_level_{level}", lang) for level in events["level"]])
    return shown


def cases_table(cases: KecamatanCases, *, lang: str) -> pd.DataFrame:
    """Year and the safe label of its count ('<5', '–', 0 or the number), with the total."""
    labels = cell_texts(cases.table["value"], cases.table["state"], lang, t("profile_hidden_mark", lang))
    total = cell_texts(pd.Series([cases.total]), pd.Series([cases.total_state]), lang, t("profile_hidden_mark", lang))
    years = [str(y) for y in cases.table["year"]] + [t("climate_total", lang)]
    return pd.DataFrame({t("profile_col_year", lang): years, t("axis_cases", lang): labels + total})

