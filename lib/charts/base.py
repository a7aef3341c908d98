"""What every chart shares: the template, the title, the source line. No streamlit import here.

Plotly reads its labels as HTML-like markup (links, line breaks, bold): every chart builder takes plain
text and passes data text (names, sources) through lib.texts.data_text.as_text where it puts it into a
figure; the title and the source line are escaped here, for every chart.
"""
from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from lib.charts.palette import OKABE_ITO, TEXT_COLOUR
from lib.texts.data_text import as_text

FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=14, color=TEXT_COLOUR)
SOURCE_FONT = dict(size=11, color="#555555")
GRID_COLOUR = "#E5E8EE"
_AXIS = dict(gridcolor=GRID_COLOUR, linecolor="#B0B7C3", zerolinecolor="#B0B7C3", ticks="", automargin=True,
             title=dict(standoff=10))

# A small explicit template: passed by name on every figure (importing streamlit changes plotly's
# default template), and small enough that building a figure stays cheap (plotly copies it).
TEMPLATE = "wenexus"
pio.templates[TEMPLATE] = go.layout.Template(layout=dict(
    font=FONT, paper_bgcolor="white", plot_bgcolor="white", colorway=list(OKABE_ITO),
    xaxis=_AXIS, yaxis=_AXIS, hoverlabel=dict(font=dict(family=FONT["family"])),
))


def base_layout(*, title: str, source: str, height: int = 380, legend: bool = True) -> dict:
    """The layout every chart starts from: template, title with the source line under it, legend.
    `title` and `source` are plain text (they may name villages and sources): escaped here.

    The source is the title's subtitle, so it travels with the chart into every export and never
    collides with axis labels. The legend sits at the foot of the figure (plotly makes room for it):
    above the plot, a legend that wraps on a narrow screen grew into the title and the source line.
    """
    return dict(
        template=TEMPLATE, height=height,
        title=dict(text=as_text(title), x=0, xanchor="left", y=0.97, yanchor="top",
                   subtitle=dict(text=as_text(source), font=SOURCE_FONT)),
        margin=dict(l=10, r=30, t=75, b=40), showlegend=legend,
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, x=0, xanchor="left",
                    bgcolor="rgba(0,0,0,0)"),
    )


def finish(fig: go.Figure, *, title: str, source: str, height: int = 380, legend: bool = True,
           layout: dict | None = None) -> go.Figure:
    """Apply base_layout, then the chart's own `layout` (axes, bar mode, shapes...), to an existing
    figure; returns the same figure.

    One assignment of the merged layout instead of update_layout: plotly validates the layout once
    (update_layout walks every property and costs ~5 ms a chart, which the pages pay on every rerun).
    """
    merged = merge_layout(fig.layout.to_plotly_json(), base_layout(title=title, source=source, height=height,
                                                                     legend=legend))
    fig.layout = merge_layout(merged, layout or {})
    return fig


def merge_layout(under: dict, over: dict) -> dict:
    """`over` laid on `under`, nested dicts merged key by key (what update_layout does)."""
    merged = dict(under)
    for key, value in over.items():
        both_dicts = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = merge_layout(merged[key], value) if both_dicts else value
    return merged


def wrap_label(text: str, *, width: int) -> str:
    """A long category name broken into lines of `width` characters for a bar chart axis (plotly breaks
    on <br>; Plotly markup, so each line is escaped: lib.texts.data_text.as_text)."""
    return "<br>".join(as_text(line) for line in textwrap.wrap(str(text), width=width, break_on_hyphens=False)) \
        or as_text(text)
