"""Bar charts of suppressed counts: hidden cells carry no number, only their '<5' or '–' mark.

Used wherever case counts are drawn. A hidden bar has y=None; its mark sits on the axis at 0 in a
separate trace, so that the figure JSON holds no count from 1 to 4 anywhere.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from lib.chart_base import finish
from lib.i18n import format_number
from lib.palette import HIDDEN_COLOUR
from lib.suppress import HIDDEN_STATES, CellState, label

SEPARATORS = {"id": ",.", "en": ".,"}   # plotly: decimal then thousands


def cell_texts(values: pd.Series, states: pd.Series, lang: str, hidden_text: str) -> list[str]:
    """The label of every cell: number, 0, '<5' or the hidden mark."""
    return [label(None if pd.isna(v) else float(v), s, hidden_text=hidden_text,
                  formatter=lambda x: format_number(x, lang)) for v, s in zip(values, states)]


def build_safe_bar_chart(values: pd.Series, states: pd.Series, *, categories: Sequence[str], lang: str, title: str,
                         source: str, hidden_text: str, hidden_hover: str, colours: Sequence[str] | str,
                         horizontal: bool = False, value_axis: str = "", trend: pd.Series | None = None,
                         trend_name: str = "", height: int = 380) -> go.Figure:
    """Bars of safe counts with text labels; hidden cells as grey marks at 0 with their label."""
    texts = cell_texts(values, states, lang, hidden_text)
    shown_y = [None if pd.isna(v) else float(v) for v in values]
    hidden = [s in HIDDEN_STATES for s in states]
    hidden_positions = [c for c, h in zip(categories, hidden) if h]
    hidden_texts = [t for t, h in zip(texts, hidden) if h]
    bar_xy = dict(x=shown_y, y=list(categories), orientation="h") if horizontal else dict(x=list(categories), y=shown_y)
    fig = go.Figure(go.Bar(**bar_xy, marker_color=colours, text=texts, textposition="outside", cliponaxis=False,
                           hovertemplate=("%{y}: %{text}" if horizontal else "%{x}: %{text}") + "<extra></extra>",
                           name=value_axis, showlegend=False))
    if hidden_positions:
        mark_xy = (dict(x=[0] * len(hidden_positions), y=hidden_positions) if horizontal
                   else dict(x=hidden_positions, y=[0] * len(hidden_positions)))
        fig.add_trace(go.Scatter(**mark_xy, mode="markers+text", text=hidden_texts,
                                 textposition="middle right" if horizontal else "top center",
                                 marker=dict(color=HIDDEN_COLOUR, symbol="line-ew-open" if not horizontal else "line-ns-open",
                                             size=14, line=dict(width=3, color=HIDDEN_COLOUR)),
                                 hovertemplate=hidden_hover + "<extra></extra>", name=hidden_hover, showlegend=False))
    if trend is not None:
        fig.add_trace(go.Scatter(x=list(categories), y=[round(float(v), 2) for v in trend], mode="lines",
                                 line=dict(dash="dash", color="#555555", width=2), name=trend_name,
                                 hovertemplate=trend_name + "<extra></extra>", showlegend=True))
    fig = finish(fig, title=title, source=source, height=height, legend=trend is not None)
    # Room beyond the longest bar for its outside label.
    top = max([v for v in shown_y if v is not None] or [1.0]) * 1.18
    axis = dict(title=value_axis, range=[0, top])
    fig.update_layout(separators=SEPARATORS.get(lang, ".,"))
    if horizontal:
        fig.update_xaxes(**axis)
        fig.update_yaxes(autorange="reversed", type="category")
    else:
        fig.update_yaxes(**axis)
        fig.update_xaxes(type="category")
    return fig
