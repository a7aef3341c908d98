"""What every chart shares: the template, the title, the source line. No streamlit import here."""
from __future__ import annotations

import plotly.graph_objects as go

from lib.palette import TEXT_COLOUR

# Passed explicitly: importing streamlit changes plotly's default template.
TEMPLATE = "plotly_white"
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=14, color=TEXT_COLOUR)


def finish(fig: go.Figure, *, title: str, source: str, height: int = 380, legend: bool = True) -> go.Figure:
    """Title, source line under the plot, template and margins; returns the same figure."""
    fig.update_layout(
        template=TEMPLATE, font=FONT, height=height, title=dict(text=title, x=0, xanchor="left"),
        margin=dict(l=10, r=10, t=60, b=70), showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0),
    )
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=-0.2 if not legend else -0.32,
                       xanchor="left", yanchor="top", showarrow=False, font=dict(size=11, color="#555555"),
                       name="source")
    return fig
