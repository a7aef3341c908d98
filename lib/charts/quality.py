"""Charts of the data quality panel. No streamlit import: each chart is a function of one frame."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.charts.base import finish
from lib.texts.i18n import format_number, format_period, t
from lib.charts.palette import NO_DATA_COLOUR, OKABE_ITO

SEPARATORS: dict[str, str] = {"id": ",.", "en": ".,"}


def build_reporting_chart(reporting: pd.DataFrame, *, lang: str, title: str, source: str,
                          rows_label: str) -> go.Figure:
    """Villages reporting per period as bars; periods in which no village reported as marks on the
    axis (no data is a state of its own, not a zero-height bar)."""
    labels = [format_period(p, lang) for p in reporting["period"]]
    reported = reporting["villages"] > 0
    hover = [t("da_hover_reporting", lang, period=label, villages=format_number(v, lang),
               rows=format_number(r, lang), what=rows_label)
             for label, v, r in zip(labels, reporting["villages"], reporting["rows"])]
    fig = go.Figure()
    fig.add_bar(x=[lab for lab, ok in zip(labels, reported) if ok],
                y=[float(v) for v, ok in zip(reporting["villages"], reported) if ok],
                name=t("da_legend_villages_reporting", lang), marker_color=OKABE_ITO[0],
                hovertext=[h for h, ok in zip(hover, reported) if ok], hoverinfo="text")
    if (~reported).any():
        fig.add_scatter(x=[lab for lab, ok in zip(labels, reported) if not ok], y=[0.0] * int((~reported).sum()),
                        mode="markers", name=t("da_legend_no_report", lang),
                        marker=dict(symbol="x", size=11, color=NO_DATA_COLOUR, line=dict(width=2, color="#7F7F7F")),
                        hovertext=[t("da_hover_no_report", lang, period=lab)
                                   for lab, ok in zip(labels, reported) if not ok], hoverinfo="text")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels, title=None)
    fig.update_yaxes(title=t("da_axis_villages", lang), rangemode="tozero")
    fig.update_layout(separators=SEPARATORS[lang], bargap=0.25)
    return finish(fig, title=title, source=source, height=340)
