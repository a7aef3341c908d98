"""The framework's floor: a bare Streamlit script that draws what a dashboard page draws, and nothing else.

    FLOOR_SPEC=spec.json .venv/bin/python -m streamlit run bench/floor_app.py

bench/bench_scale.py writes the spec from a measured page: the number of Plotly charts with, for
each, its trace types and points, and whether the page draws a pydeck map. This script loads its
data once (st.cache_resource: random but fixed numbers already aggregated per chart, and the
village polygons of the data folder grouped by kecamatan), then on every rerun draws the same number
of st.plotly_chart calls of the same size and one pydeck GeoJsonLayer with the polygons of the
kecamatan chosen in its one sidebar filter (the key the benchmark changes, f_kecamatan), as the map
page draws the villages of the chosen kecamatan. No validation, no computation, no translation:
what is left is Streamlit's and Plotly's own cost, the floor a page cannot go below.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

SPEC = json.loads(Path(os.environ["FLOOR_SPEC"]).read_text(encoding="utf-8"))
DATA = Path(os.environ.get("WENEXUS_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")


@st.cache_resource(show_spinner=False)
def aggregated(spec_text: str) -> dict[str, list[list[dict]]]:
    """Per kecamatan choice ("" for none), per chart, per trace: labels and values, as a page holds
    them after aggregation (the page drew these charts for that choice)."""
    rng = np.random.default_rng(7)
    by_choice = {}
    for choice, charts in json.loads(spec_text).items():
        by_choice[choice] = [[{"type": trace["type"], "labels": [f"kategori {i}" for i in range(max(1, trace["points"]))],
                               "values": rng.integers(0, 500, size=max(1, trace["points"]) * 4).astype(float)}
                              for trace in chart["traces"]] for chart in charts]
    return by_choice


@st.cache_resource(show_spinner=False)
def polygons(folder: str) -> dict[str, list[dict]]:
    """Village polygons of the data folder by kecamatan code (the boundaries layer, as shipped)."""
    path = Path(folder) / "boundaries" / "villages.geojson"
    if not path.is_file():
        path = Path(__file__).resolve().parent.parent / "data" / "boundaries" / "villages.geojson"
    by_kecamatan: dict[str, list[dict]] = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = feature["properties"]["village_code"]
        by_kecamatan.setdefault(code[:8], []).append(
            {"type": "Feature", "geometry": feature["geometry"],
             "properties": {"village_code": code, "fill": [31, 120, 180, 200], "tip": code}})
    return by_kecamatan


def figure(traces: list[dict], shift: int) -> go.Figure:
    """One chart: the chart's traces with their points (shifted with the filter, so each rerun differs)."""
    data = []
    for trace in traces:
        size = len(trace["labels"])
        values = np.roll(trace["values"], shift)[:size]
        if trace["type"] == "pie":
            data.append(go.Pie(labels=trace["labels"], values=values))
        elif trace["type"] == "heatmap":
            data.append(go.Heatmap(z=[values], x=trace["labels"]))
        elif trace["type"] == "bar":
            data.append(go.Bar(x=trace["labels"], y=values))
        else:
            data.append(go.Scatter(x=trace["labels"], y=values, mode="lines+markers"))
    return go.Figure(data=data, layout={"title": {"text": "Floor"}, "height": 360})


shapes = polygons(str(DATA)) if SPEC.get("map") else {}
options = SPEC.get("kecamatan") or sorted(shapes)
chosen = st.sidebar.multiselect("Kecamatan", options, key="f_kecamatan")
shift = sum(options.index(code) for code in chosen) if chosen else 0
charts = aggregated(json.dumps(SPEC["charts"]))
for index, traces in enumerate(charts.get(chosen[0] if chosen else "", charts[""])):
    st.plotly_chart(figure(traces, shift), key=f"floor_chart_{index}")
if SPEC.get("map"):
    features = [f for code in (chosen or sorted(shapes)) for f in shapes.get(code, [])]
    layer = pdk.Layer("GeoJsonLayer", id="villages", data={"type": "FeatureCollection", "features": features},
                      get_fill_color="properties.fill", pickable=True, stroked=True)
    st.pydeck_chart(pdk.Deck(layers=[layer], map_provider=None, tooltip={"text": "{tip}"}), key="floor_map",
                    height=620)
