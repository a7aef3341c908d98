"""Bar charts of suppressed counts: hidden cells carry no number, only their '<5' or '–' mark.

Used wherever case counts are drawn. A hidden bar has y=None; its mark sits on the axis at 0 in a
separate trace, so that the figure JSON holds no count from 1 to 4 anywhere.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from lib.charts.base import base_layout
from lib.charts.trend import label_positions
from lib.texts.data_text import as_text
from lib.texts.i18n import format_number
from lib.charts.palette import HIDDEN_COLOUR
from lib.safety.suppress import HIDDEN_STATES, label

SEPARATORS = {"id": ",.", "en": ".,"}   # plotly: decimal then thousands


def cell_texts(values: pd.Series, states: pd.Series, lang: str, hidden_text: str) -> list[str]:
    """The label of every cell: number, 0, '<5' or the hidden mark."""
    return [label(None if pd.isna(v) else float(v), s, hidden_text=hidden_text,
                  formatter=lambda x: format_number(x, lang)) for v, s in zip(values, states)]


def build_safe_bar_chart(values: pd.Series, states: pd.Series, *, categories: Sequence[str], lang: str, title: str,
                         source: str, hidden_text: str, hidden_hover: str, colours: Sequence[str] | str,
                         horizontal: bool = False, value_axis: str = "", trend: pd.Series | None = None,
                         trend_name: str = "", height: int = 380) -> go.Figure:
    """Bars of safe counts with text labels; hidden cells as grey marks at 0 with their label. `categories`
    are plain text (kecamatan names among them): escaped here."""
    categories = [as_text(category) for category in categories]
    texts = cell_texts(values, states, lang, hidden_text)
    shown = [None if pd.isna(v) else float(v) for v in values]
    hidden = [s in HIDDEN_STATES for s in states]
    value_key, category_key = ("x", "y") if horizontal else ("y", "x")
    # Room beyond the longest bar for its outside label; whole numbers on a short axis. With nothing
    # above zero to show, the axis has no numbers: a scale would only suggest some (and run from -1 to 1).
    visible = [v for v in shown if v is not None and v > 0]
    top = max(visible or [1.0]) * 1.18
    traces: list[dict] = [dict(
        type="bar", **{value_key: shown, category_key: categories}, orientation="h" if horizontal else "v",
        marker=dict(color=colours), text=texts, cliponaxis=False, showlegend=False,
        textposition=label_positions(pd.Series(shown, dtype=float), trend, axis_top=top), insidetextanchor="end",
        hovertemplate=f"%{{{category_key}}}: %{{text}}<extra></extra>",
    )]
    if any(hidden):
        marks = [c for c, h in zip(categories, hidden) if h]
        traces.append(dict(
            type="scatter", mode="markers+text", **{value_key: [0] * len(marks), category_key: marks},
            text=[t for t, h in zip(texts, hidden) if h], textposition="middle right" if horizontal else "top center",
            marker=dict(color=HIDDEN_COLOUR, symbol="line-ns-open" if horizontal else "line-ew-open", size=14,
                        line=dict(width=3, color=HIDDEN_COLOUR)),
            hovertemplate=hidden_hover + "<extra></extra>", name=hidden_hover, showlegend=False,
        ))
    if trend is not None:
        traces.append(dict(type="scatter", mode="lines", x=categories, y=[round(float(v), 2) for v in trend],
                           line=dict(dash="dash", color="#555555", width=2), name=trend_name,
                           hovertemplate=trend_name + "<extra></extra>"))
    value_axis_layout = dict(title=dict(text=value_axis), range=[0, top], showticklabels=bool(visible),
                             **({"dtick": 1} if top <= 6 else {}))
    category_axis_layout = dict(type="category", **({"autorange": "reversed"} if horizontal else {}))
    layout = base_layout(title=title, source=source, height=height, legend=trend is not None)
    layout.update(separators=SEPARATORS.get(lang, ".,"),
                  **{f"{value_key}axis": value_axis_layout, f"{category_key}axis": category_axis_layout})
    return go.Figure(data=traces, layout=layout)
