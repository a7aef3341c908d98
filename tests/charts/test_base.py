"""lib.charts.base: the one-step layout merge gives what plotly's update_layout gives."""
from __future__ import annotations

import plotly.graph_objects as go

from lib.charts.base import TEMPLATE, base_layout, finish, merge_layout


def test_merge_layout_merges_nested_dicts_and_replaces_the_rest() -> None:
    under = {"legend": {"orientation": "h", "x": 1}, "shapes": [{"type": "line"}], "height": 300}
    over = {"legend": {"x": 0, "traceorder": "normal"}, "shapes": [], "height": 400}
    assert merge_layout(under, over) == {"legend": {"orientation": "h", "x": 0, "traceorder": "normal"},
                                         "shapes": [], "height": 400}
    assert under == {"legend": {"orientation": "h", "x": 1}, "shapes": [{"type": "line"}], "height": 300}


def test_finish_gives_the_figure_update_layout_would() -> None:
    def figure() -> go.Figure:
        fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
        fig.layout.barmode = "stack"
        fig.layout.legend.bgcolor = "red"     # set before: the base legend is laid over it
        return fig

    extra = dict(separators=",.", xaxis=dict(title="x", range=[0, 3]), legend=dict(traceorder="normal"),
                 shapes=[dict(type="line", x0=1, x1=1, xref="x", y0=0, y1=1, yref="y domain")])
    by_update = figure()
    by_update.update_layout(**base_layout(title="T", source="S", height=420, legend=False))
    by_update.update_layout(**extra)
    by_finish = finish(figure(), title="T", source="S", height=420, legend=False, layout=extra)
    assert by_finish.to_dict() == by_update.to_dict()
    assert by_finish.layout.template == go.Figure(layout={"template": TEMPLATE}).layout.template
    assert by_finish.layout.legend.bgcolor == "rgba(0,0,0,0)" and by_finish.layout.legend.traceorder == "normal"
