"""What every chart shares: the template, the title, the source line. No streamlit import here."""
from __future__ import annotations

import plotly.graph_objects as go

from lib.palette import TEXT_COLOUR

# Passed explicitly: importing streamlit changes plotly's default template.
TEMPLATE = "plotly_white"
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=14, color=TEXT_COLOUR)
SOURCE_FONT = dict(size=11, color="#555555")


def finish(fig: go.Figure, *, title: str, source: str, height: int = 380, legend: bool = True) -> go.Figure:
    """Title with the source line under it, legend above the plot, explicit template; returns `fig`.

    The source is the title's subtitle, so it travels with the chart into every export and never
    collides with axis labels.
    """
    fig.update_layout(
        template=TEMPLATE, font=FONT, height=height,
        title=dict(text=title, x=0, xanchor="left", y=0.97, yanchor="top",
                   subtitle=dict(text=source, font=SOURCE_FONT)),
        margin=dict(l=10, r=30, t=90, b=40), showlegend=legend,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=1, xanchor="right", bgcolor="rgba(0,0,0,0)"),
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig
