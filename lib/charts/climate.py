"""Charts of the climate risk page: build_*_chart(frame, *, lang, ...) -> go.Figure. No streamlit.

Classes keep their InaRISK colours everywhere (lib.charts.palette.HAZARD_CLASS_COLOURS); "no data" has
its own grey, so a missing index never passes for a low one.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from lib.data import codes
from lib.data.filters import Filters, village_profile_urls
from lib.data.geo import AREA_LEVELS
from lib.metrics import hazards as hz
from lib.charts.base import finish
from lib.texts.data_text import as_text
from lib.texts.i18n import code_label, format_date, format_number, t
from lib.charts.palette import HAZARD_CLASS_COLOURS, NO_DATA_COLOUR, category_colour

CLASS_COLOURS: dict[str, str] = {**HAZARD_CLASS_COLOURS, hz.NO_DATA: NO_DATA_COLOUR}
ROW_HEIGHT = 24          # px per bar in horizontal bar charts
LARGEST_MARKER = 46      # px diameter of the event with the most people affected


def separators(lang: str) -> str:
    """Plotly's decimal then thousands separator for the language (1.234,5 / 1,234.5)."""
    return ",." if lang == "id" else ".,"


def class_label(code: str, lang: str) -> str:
    """'Tinggi' / 'High'; 'Tidak ada data' / 'No data' for a missing class."""
    return t("climate_no_data", lang) if code == hz.NO_DATA else code_label("hazard_class", code, lang)


def build_hazard_ranking_chart(ranking: pd.DataFrame, *, lang: str, hazard: str, source_line: str) -> go.Figure:
    """Villages ranked by one hazard's index, coloured by class; thresholds of Perka BNPB 2/2012 drawn."""
    shown = ranking[ranking["index"].notna()]
    shown = shown.assign(label=shown["label"].map(as_text), subdistrict_name=shown["subdistrict_name"].map(as_text))
    order = shown["label"].tolist()
    fig = go.Figure()
    for class_code in hz.CLASSES:
        part = shown[shown["class"] == class_code]
        fig.add_bar(
            x=part["index"].tolist(), y=part["label"].tolist(), orientation="h", name=class_label(class_code, lang),
            marker_color=CLASS_COLOURS[class_code],
            text=[format_number(v, lang, decimals=3) for v in part["index"]], textposition="outside",
            customdata=list(zip(part["village_code"], part["subdistrict_name"],
                                [format_number(v, lang, decimals=3) for v in part["index"]],
                                [class_label(class_code, lang)] * len(part), part["rank"].astype(int))),
            hovertemplate=t("climate_rank_hover", lang, village="%{y}", kecamatan="%{customdata[1]}",
                            index="%{customdata[2]}", hazard_class="%{customdata[3]}",
                            rank="%{customdata[4]}") + "<extra></extra>",
        )
    thresholds = ((0.333, "sedang"), (0.666, "tinggi"))
    # The class thresholds as layout shapes and annotations (what add_vline draws, without its cost).
    shapes = [dict(type="line", x0=upper, x1=upper, xref="x", y0=0, y1=1, yref="y domain",
                   line=dict(dash="dot", color="#555555", width=1)) for upper, _ in thresholds]
    annotations = [dict(x=upper, y=1, yref="paper", yanchor="bottom", xanchor="left", showarrow=False,
                        text=t("climate_threshold", lang, hazard_class=class_label(class_code, lang),
                               value=format_number(upper, lang, decimals=3)),
                        font=dict(size=11, color="#555555")) for upper, class_code in thresholds]
    height = max(320, ROW_HEIGHT * len(order) + 190)
    layout = dict(
        separators=separators(lang), barmode="overlay", bargap=0.25, shapes=shapes, annotations=annotations,
        xaxis=dict(title=t("climate_index_axis", lang, hazard=code_label("hazard", hazard, lang)), range=[0, 1.08],
                   tickformat=".1f"),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=None, automargin=True),
    )
    title = t("climate_rank_title", lang, hazard=code_label("hazard", hazard, lang))
    return finish(fig, title=title, source=source_line, height=height, layout=layout)


def build_class_counts_chart(counts: pd.DataFrame, *, lang: str, source_line: str) -> go.Figure:
    """Villages per hazard and class, stacked (hazards as rows, in InaRISK order from the top)."""
    labels = [code_label("hazard", hazard, lang) for hazard in counts.index]
    fig = go.Figure()
    for class_code in (*hz.CLASSES, hz.NO_DATA):
        values = counts[class_code].astype(int).tolist()
        if class_code == hz.NO_DATA and not any(values):
            continue
        fig.add_bar(
            x=values, y=labels, orientation="h", name=class_label(class_code, lang),
            marker_color=CLASS_COLOURS[class_code], marker_line=dict(color="#FFFFFF", width=1),
            text=[format_number(v, lang) if v else "" for v in values], textposition="inside",
            insidetextanchor="middle", textfont=dict(color="#FFFFFF" if class_code == "tinggi" else "#222222"),
            customdata=[[class_label(class_code, lang), format_number(v, lang)] for v in values],
            hovertemplate=t("climate_counts_hover", lang, hazard="%{y}", hazard_class="%{customdata[0]}",
                            villages="%{customdata[1]}") + "<extra></extra>",
        )
    height = max(320, 44 * len(labels) + 190)
    layout = dict(separators=separators(lang), barmode="stack", legend=dict(traceorder="normal"),
                  xaxis=dict(title=t("climate_villages_axis", lang)),
                  yaxis=dict(categoryorder="array", categoryarray=labels[::-1], title=None, automargin=True))
    return finish(fig, title=t("climate_counts_title", lang), source=source_line, height=height, layout=layout)


def _count_text(value: object, lang: str) -> str:
    return t("climate_no_data", lang) if pd.isna(value) else format_number(int(value), lang)


def event_area_label(area_code: str, names: dict[str, str], village_types: dict[str, str], lang: str) -> str:
    """'Kabupaten Kupang', 'Kec. Semau', 'Desa Otan' / 'Semau (kecamatan)', 'Otan (desa)'."""
    kind = hz.area_kind(area_code, village_types)
    return t(f"climate_area_{kind}", lang, name=names.get(area_code, area_code))


def build_events_timeline_chart(events: pd.DataFrame, *, lang: str, names: dict[str, str],
                                village_types: dict[str, str], source_line: str) -> go.Figure:
    """Events over time, one row per area (regency first), marker area ~ people affected."""
    frame = events.copy()
    frame["area_label"] = [as_text(event_area_label(code, names, village_types, lang)) for code in frame["area_code"]]
    level_rank = {level: rank for rank, level in enumerate(AREA_LEVELS)}
    rows = (frame.assign(rank=frame["level"].map(level_rank))
            .sort_values(["rank", "area_label"])["area_label"].drop_duplicates().tolist())
    largest = float(frame["affected"].max()) if frame["affected"].notna().any() else 1.0
    sizeref = 2.0 * max(largest, 1.0) / LARGEST_MARKER ** 2
    fig = go.Figure()
    for event_type in codes.EVENT_TYPE.values:
        part = frame[frame["event_type"] == event_type]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["date"].tolist(), y=part["area_label"].tolist(), mode="markers",
            name=code_label("event_type", event_type, lang),
            marker=dict(size=part["affected"].fillna(0).astype(float).tolist(), sizemode="area", sizeref=sizeref,
                        sizemin=7, color=category_colour("event_type", event_type), opacity=0.8,
                        line=dict(color="#222222", width=1)),
            customdata=[[as_text(name), format_date(day.date(), lang), _count_text(affected, lang), _count_text(deaths, lang),
                         _count_text(houses, lang), area]
                        for name, day, affected, deaths, houses, area in zip(
                            part["name"], part["date"], part["affected"], part["deaths"], part["houses_damaged"],
                            part["area_code"])],
            hovertemplate=t("climate_event_hover", lang, name="%{customdata[0]}", area="%{y}",
                            date="%{customdata[1]}", affected="%{customdata[2]}", deaths="%{customdata[3]}",
                            houses="%{customdata[4]}") + "<extra></extra>",
        )
    height = max(340, 46 * len(rows) + 210)
    span = _padded_span(frame["date"])
    layout = dict(separators=separators(lang),
                  xaxis=dict(title=t("climate_events_axis", lang), range=span, type="date"),
                  yaxis=dict(categoryorder="array", categoryarray=rows[::-1], title=None, automargin=True),
                  # Up to a dozen event types: a column to the right reads better than rows wrapping under the axis.
                  legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top"))
    return finish(fig, title=t("climate_events_title", lang), source=source_line, height=height, layout=layout)


def _padded_span(dates: pd.Series) -> list[str] | None:
    """A date range with a few months either side, so the first and last markers are not cut."""
    if dates.dropna().empty:
        return None
    pad = pd.Timedelta(days=120)
    return [(dates.min() - pad).strftime("%Y-%m-%d"), (dates.max() + pad).strftime("%Y-%m-%d")]


def style_hazard_table(index_grid: pd.DataFrame, class_grid: pd.DataFrame, labels: pd.Series,
                       kecamatan: pd.Series, *, lang: str) -> Styler:
    """Villages x hazards: the index in each cell, coloured by class; empty cells read 'no data'."""
    hazard_names = {hazard: code_label("hazard", hazard, lang) for hazard in index_grid.columns}
    village_column, kecamatan_column = t("climate_col_village", lang), t("prog_col_kecamatan", lang)
    shown = index_grid.rename(columns=hazard_names)
    shown.insert(0, kecamatan_column, kecamatan.reindex(index_grid.index).to_numpy())
    shown.insert(0, village_column, labels.reindex(index_grid.index).to_numpy())
    shown = shown.reset_index(drop=True)
    classes = class_grid.rename(columns=hazard_names).reset_index(drop=True)

    def colours(column: pd.Series) -> list[str]:
        if column.name not in classes.columns:
            return [""] * len(column)
        return [_cell_style(code) for code in classes[column.name]]

    return (shown.style.apply(colours, axis=0)
            .format(lambda v: format_number(v, lang, decimals=3), subset=list(hazard_names.values()),
                    na_rep=t("climate_no_data", lang)))


def _cell_style(class_code: str) -> str:
    text = "#FFFFFF" if class_code == "tinggi" else "#222222"
    return f"background-color: {CLASS_COLOURS.get(class_code, NO_DATA_COLOUR)}; color: {text}"



# Tables shown next to the charts: translated headers, formatted numbers ---------------------------
def ranking_table(ranking: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The ranking as a table: rank, village, kecamatan, index, class (no data last)."""
    return pd.DataFrame({
        t("prog_col_rank", lang): ranking["rank"].map(lambda r: "" if pd.isna(r) else str(int(r))),
        t("climate_col_village", lang): ranking["label"],
        t("prog_col_kecamatan", lang): ranking["subdistrict_name"],
        t("climate_col_index", lang): ranking["index"].map(
            lambda v: t("climate_no_data", lang) if pd.isna(v) else format_number(v, lang, decimals=3)),
        t("climate_col_class", lang): ranking["class"].map(lambda c: class_label(c, lang)),
    })


def events_table(events: pd.DataFrame, names: dict[str, str], village_types: dict[str, str], *,
                 lang: str) -> pd.DataFrame:
    """Events as a table, newest first, with the area each row was recorded for."""
    return pd.DataFrame({
        t("climate_col_date", lang): [format_date(day.date(), lang) for day in events["date"]],
        t("climate_col_event", lang): events["name"].tolist(),
        t("climate_col_event_type", lang): [code_label("event_type", c, lang) for c in events["event_type"]],
        t("climate_col_area", lang): [event_area_label(c, names, village_types, lang) for c in events["area_code"]],
        t("climate_col_affected", lang): [_count_text(v, lang) for v in events["affected"]],
        t("climate_col_deaths", lang): [_count_text(v, lang) for v in events["deaths"]],
        t("climate_col_houses", lang): [_count_text(v, lang) for v in events["houses_damaged"]],
    })


def overlap_table(table: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The programme x high-hazard counts with readable row and column names and totals."""
    shown = table.copy()
    shown["total"] = shown.sum(axis=1)
    shown.loc["total"] = shown.sum(axis=0)
    rows = {True: t("climate_row_programme", lang), False: t("climate_row_not_programme", lang),
            "total": t("climate_total", lang)}
    columns = {hz.HIGH: t("climate_col_high", lang), hz.NOT_HIGH: t("climate_col_not_high", lang),
               hz.NO_DATA: t("climate_no_data", lang), "total": t("climate_total", lang)}
    shown = shown.rename(index=rows, columns=columns).map(lambda v: format_number(int(v), lang))
    shown.index.name, shown.columns.name = None, None
    return shown


def overlap_list(villages: pd.DataFrame, *, lang: str, filters: Filters | None = None) -> pd.DataFrame:
    """Villages with their high hazards, and a link to each village's profile."""
    return pd.DataFrame({
        t("climate_col_village", lang): villages["label"].tolist(),
        t("prog_col_kecamatan", lang): villages["subdistrict_name"].tolist(),
        t("climate_col_high_hazards", lang): [", ".join(code_label("hazard", h, lang) for h in hazards)
                                              for hazards in villages["high_hazards"]],
        t("climate_col_profile", lang): village_profile_urls(villages["village_code"].astype(str).tolist(), lang=lang,
                                                             filters=filters),
    })
