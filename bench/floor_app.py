"""The framework's floor: a bare Streamlit script that draws what a dashboard page draws, and nothing else.

    FLOOR_SPEC=spec.json .venv/bin/python -m streamlit run bench/floor_app.py

bench/bench_scale.py writes the spec from a measured page: for each kecamatan choice of its reruns,
the Plotly figures the page drew (their JSON: data already aggregated, layout, template), and
whether the page draws a pydeck map. On every rerun this script draws, for the kecamatan chosen in
its one sidebar filter (the key the benchmark changes, f_kecamatan), the same figures through
go.Figure and st.plotly_chart, as a page builds and sends them, and one pydeck GeoJsonLayer with
the polygons of that kecamatan's villages, as the map page draws them. No reading, no validation,
no computation, no translation, no other widget: what is left is Streamlit's and Plotly's own cost
of drawing the same output, the floor a page cannot go below.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

SPEC = json.loads(Path(os.environ["FLOOR_SPEC"]).read_text(encoding="utf-8"))
DATA = Path(os.environ.get("WENEXUS_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")


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


shapes = polygons(str(DATA)) if SPEC.get("map") else {}
options = SPEC.get("kecamatan") or sorted(shapes)
chosen = st.sidebar.multiselect("Kecamatan", options, key="f_kecamatan")
figures = SPEC["charts"].get(chosen[0] if chosen else "", SPEC["charts"][""])
for index, figure in enumerate(figures):
    st.plotly_chart(go.Figure(figure), key=f"floor_chart_{index}")
if SPEC.get("map"):
    features = [f for code in (chosen or sorted(shapes)) for f in shapes.get(code, [])]
    layer = pdk.Layer("GeoJsonLayer", id="villages", data={"type": "FeatureCollection", "features": features},
                      get_fill_color="properties.fill", pickable=True, stroked=True)
    st.pydeck_chart(pdk.Deck(layers=[layer], map_provider=None, tooltip={"text": "{tip}"}), key="floor_map",
                    height=620)
