"""Static images for the deck, the PDF report and presenter mode, made without network access.

Charts: the page's Plotly figure, restyled for a slide (bigger type, the project's explicit
template), rendered by kaleido 1.x through Debian's Chromium (never a downloaded browser; MathJax,
which kaleido would fetch from a CDN, is switched off). The map: the village polygons in the
layer's colours with kecamatan outlines and the boundary note, drawn with matplotlib (Agg).
Each distinct image is rendered once per process (a small cache keyed by the figure's JSON).
"""
from __future__ import annotations

import asyncio
import hashlib
import io
import math
import os
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from lib.charts.base import TEMPLATE
from lib.map.geometry import MapGeometry
from lib.map.deck import LAND_COLOUR, SEA_COLOUR
from lib.map.labels import Box, Site, names_in_view, place_labels
from lib.charts.palette import NO_DATA_COLOUR, TEXT_COLOUR
from lib.meeting.context import MapPicture, Slide, SlideContext

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CHROMIUM_ENV = "WENEXUS_CHROMIUM"              # the same setting the browser tests read
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
CHART_SIZE = (1480, 610)                       # px of a chart on a 16:9 slide's content box (at scale 1)
CHART_SCALE = 2                                # pixel density: crisp on a projector and in print
SLIDE_FONT_SIZE = 18
RENDER_TIMEOUT_S = 180
RENDER_TABS = 1                                # browser tabs rendering at once (more is slower on 2 cores)
_CACHE_SIZE = 64
_cache: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


class RenderError(RuntimeError):
    """No image could be made (no browser, or it failed); the message says what to install."""


def chromium_path() -> Path:
    """Debian's Chromium, or the browser named by WENEXUS_CHROMIUM / BROWSER_PATH."""
    configured = os.environ.get(CHROMIUM_ENV) or os.environ.get("BROWSER_PATH")
    return Path(configured) if configured else DEFAULT_CHROMIUM


def slide_figure(fig: go.Figure, *, width: int | None = CHART_SIZE[0], height: int = CHART_SIZE[1],
                 font_size: int = SLIDE_FONT_SIZE) -> go.Figure:
    """A copy of `fig` sized for a slide (width None: the screen's), in larger type, on the
    project's explicit template."""
    copy = go.Figure(fig)
    title = copy.layout.title
    copy.update_layout(
        template=TEMPLATE, width=width, height=height, autosize=width is None, paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(size=font_size, color=TEXT_COLOUR),
        title=dict(font=dict(size=round(font_size * 1.35)),
                   subtitle=dict(font=dict(size=round(font_size * 0.72))) if title.subtitle else None),
        legend=dict(font=dict(size=round(font_size * 0.9))),
        margin=dict(l=20, r=40, t=110, b=50),
    )
    return copy


def _key(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()


def _remember(key: str, image: bytes) -> None:
    with _lock:
        _cache[key] = image
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


async def _kaleido_render(figures: Sequence[go.Figure], *, scale: int, browser: Path) -> list[bytes]:
    import kaleido   # imported here: the app starts without a browser process

    async with kaleido.Kaleido(path=str(browser), mathjax=False, n=min(RENDER_TABS, len(figures)),
                               timeout=RENDER_TIMEOUT_S) as renderer:
        return list(await asyncio.gather(*(renderer.calc_fig(fig, opts=dict(
            format="png", scale=scale, width=fig.layout.width, height=fig.layout.height)) for fig in figures)))


def render_charts(figures: Sequence[go.Figure], *, scale: int = CHART_SCALE) -> list[bytes]:
    """PNG bytes of each figure (sized by its layout), one browser session for all that are new."""
    keys = [_key(f"{scale}|{fig.to_json()}") for fig in figures]
    with _lock:
        missing = {key: fig for key, fig in zip(keys, figures) if key not in _cache}
    if missing:
        browser = chromium_path()
        if not browser.exists():
            raise RenderError(f"Chromium tidak ditemukan di {browser} (apt-get install chromium) / "
                              f"Chromium not found at {browser} (apt-get install chromium)")
        # A thread of its own: kaleido runs an event loop, and Streamlit's script thread may have one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            future = pool.submit(asyncio.run, _kaleido_render(list(missing.values()), scale=scale, browser=browser))
            try:
                images = future.result(timeout=RENDER_TIMEOUT_S + 30)
            except Exception as error:  # kaleido/choreographer raise many kinds; the caller needs one
                raise RenderError(f"Gambar grafik gagal dibuat / Chart image failed: {error}") from error
        for key, image in zip(missing, images):
            _remember(key, image)
    with _lock:
        return [_cache[key] for key in keys]


def image_size(image: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a PNG."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        return picture.size


# The static map ---------------------------------------------------------------------------------------
MAP_SIZE_IN = (12.3, 5.1)
MAP_DPI = 150
LEGEND_WIDTH_IN = 4.6
OUTSIDE_COLOUR = "#EEEEEE"                     # villages outside the chosen area
KECAMATAN_EDGE = "#505050"
REGENCY_EDGE = "#222222"


# Names on the static map, per level (lib.map.labels.names_in_view): matplotlib text keywords.
NAME_STYLES = {"kecamatan": dict(fontsize=6.5, color="#111111"), "village": dict(fontsize=6, color="#111111")}
NAME_BOX = dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.65)


def render_map(geometry: MapGeometry, colours: pd.Series, *, legend_title: str, legend: Sequence[tuple[str, str]],
               notes: Sequence[str], kecamatan_names: dict[str, str], village_names: dict[str, str] | None = None,
               size_in: tuple[float, float] = MAP_SIZE_IN, dpi: int = MAP_DPI) -> bytes:
    """PNG of the villages of `colours` (code -> hex) over the land, kecamatan outlines and names (a
    single kecamatan's village names instead), with a legend of (colour, label) rows and the notes (e.g.
    'approximate boundaries') beside it."""
    village_names = village_names or {}
    key = _key(repr(("map", sorted(colours.items()), legend_title, tuple(legend), tuple(notes),
                     sorted(kecamatan_names.items()), sorted(village_names.items()), size_in, dpi,
                     geometry.boundary_sources)))
    with _lock:
        if key in _cache:
            return _cache[key]
    figure = map_figure(geometry, colours, legend_title=legend_title, legend=legend, notes=notes,
                        kecamatan_names=kecamatan_names, village_names=village_names, size_in=size_in, dpi=dpi)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    image = buffer.getvalue()
    _remember(key, image)
    return image


def _draw_names(axes: Axes, names: Mapping[str, str], sites: Mapping[str, Site], style: Mapping[str, object]) -> None:
    """The names that fit without overlap (lib.map.labels.place_labels), measured as matplotlib draws
    them: each text with its white box, in the axes' pixels. Each text's gid is its area code."""
    renderer = axes.figure.canvas.get_renderer()
    axes.apply_aspect()             # the final data-to-pixel transform (the aspect is applied at draw)

    def measure(text: str) -> tuple[float, float]:
        probe = axes.text(0, 0, text, ha="center", va="center", bbox=NAME_BOX, parse_math=False, **style)
        probe.draw(renderer)        # sizes its box
        extent = probe.get_bbox_patch().get_window_extent(renderer)
        probe.remove()
        return extent.width, extent.height

    window = axes.get_window_extent(renderer)
    placed = place_labels(names, sites, project=lambda lon, lat: tuple(axes.transData.transform((lon, lat))),
                          measure=measure, frame=Box(window.x0, window.y0, window.x1, window.y1))
    for label in placed:
        # A name is text: '$…$' in it is not matplotlib's maths (which would also fail on a stray backslash).
        axes.text(label.lon, label.lat, label.text, ha="center", va="center", bbox=NAME_BOX, gid=label.code,
                  parse_math=False, **style)


def map_figure(geometry: MapGeometry, colours: pd.Series, *, legend_title: str, legend: Sequence[tuple[str, str]],
               notes: Sequence[str], kecamatan_names: dict[str, str], village_names: dict[str, str],
               size_in: tuple[float, float] = MAP_SIZE_IN, dpi: int = MAP_DPI) -> Figure:
    """The static map's matplotlib Figure: the map fills the height; its width follows the area's shape;
    the legend and notes sit beside it."""
    import geopandas as gpd
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from shapely.geometry import shape

    villages = geometry.villages
    shown = villages[villages["village_code"].isin(colours.index)]
    focus = shown if len(shown) else villages
    west, south, east, north = focus.total_bounds
    pad_x, pad_y = max((east - west) * 0.05, 0.02), max((north - south) * 0.05, 0.02)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    stretch = 1 / max(0.1, math.cos(math.radians((south + north) / 2)))   # degrees of latitude look longer
    height_in = size_in[1]
    map_width_in = min(size_in[0] - LEGEND_WIDTH_IN, height_in * (east - west) / ((north - south) * stretch))
    width_in = map_width_in + LEGEND_WIDTH_IN
    figure = Figure(figsize=(width_in, height_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, map_width_in / width_in, 1.0))
    axes.set_facecolor(SEA_COLOUR)
    if geometry.land_features:
        gpd.GeoSeries([shape(f["geometry"]) for f in geometry.land_features]).plot(ax=axes, color=LAND_COLOUR,
                                                                                     linewidth=0)
    others = villages[~villages["village_code"].isin(colours.index)]
    if len(others):
        others.plot(ax=axes, color=OUTSIDE_COLOUR, edgecolor="white", linewidth=0.3)
    if len(shown):
        shown.plot(ax=axes, color=shown["village_code"].map(colours).fillna(NO_DATA_COLOUR).tolist(),
                   edgecolor="white", linewidth=0.4)
    if geometry.subdistrict_features:
        gpd.GeoSeries([shape(f["geometry"]) for f in geometry.subdistrict_features]).boundary.plot(
            ax=axes, color=KECAMATAN_EDGE, linewidth=0.8)
    if geometry.regency_features:
        gpd.GeoSeries([shape(f["geometry"]) for f in geometry.regency_features]).boundary.plot(
            ax=axes, color=REGENCY_EDGE, linewidth=1.4)
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(stretch, adjustable="box", anchor="C")
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_xlabel("")
    axes.set_ylabel("")
    for spine in axes.spines.values():
        spine.set_visible(False)
    side = figure.add_axes((map_width_in / width_in + 0.02, 0.0, 1 - map_width_in / width_in - 0.02, 1.0))
    side.axis("off")
    handles = [Patch(facecolor=colour, edgecolor="#888888", label=text) for colour, text in legend]
    if handles:
        side.legend(handles=handles, title=legend_title, loc="upper left", frameon=False, fontsize=11,
                    title_fontsize=12, alignment="left", borderaxespad=0.5)
    wrapped = "\n\n".join(textwrap.fill(note, 50) for note in notes)
    side.text(0.02, 0.02, wrapped, fontsize=9, color="#444444", va="bottom", ha="left", transform=side.transAxes)
    level, names = names_in_view(tuple(focus["village_code"]), kecamatan=kecamatan_names, villages=village_names)
    _draw_names(axes, names, geometry.label_sites, NAME_STYLES[level])
    return figure


# Images of a list of slides ------------------------------------------------------------------------------
ChartRenderer = Callable[[Sequence[go.Figure]], list[bytes]]


def slide_images(slides: Sequence[Slide], *, geometry: MapGeometry | None, villages: pd.DataFrame,
                 render: ChartRenderer = render_charts) -> dict[str, bytes]:
    """PNG per slide key: every chart slide's figure (one browser session for all) and the map."""
    charts = [slide for slide in slides if slide.figure is not None]
    images = dict(zip((s.key for s in charts), render([slide_figure(s.figure) for s in charts]))) if charts else {}
    for slide in slides:
        if slide.picture is not None and geometry is not None:
            images[slide.key] = map_image(slide.picture, geometry=geometry, villages=villages)
    return images


def _picture_arguments(picture: MapPicture, villages: pd.DataFrame) -> dict[str, object]:
    legend = picture.legend
    return dict(legend_title=legend.title, legend=[(entry.colour, entry.label) for entry in legend.entries],
                notes=[note for note in (legend.method, legend.note, *picture.notes) if note],
                kecamatan_names=dict(zip(villages["subdistrict_code"].astype(str),
                                         villages["subdistrict_name"].astype(str))),
                village_names=dict(zip(villages["village_code"].astype(str), villages["village_name"].astype(str))))


def map_image(picture: MapPicture, *, geometry: MapGeometry, villages: pd.DataFrame,
              size_in: tuple[float, float] = MAP_SIZE_IN) -> bytes:
    """The PNG of a slide's map picture."""
    return render_map(geometry, picture.colours, **_picture_arguments(picture, villages), size_in=size_in)


def picture_figure(picture: MapPicture, *, geometry: MapGeometry, villages: pd.DataFrame,
                   size_in: tuple[float, float] = MAP_SIZE_IN) -> Figure:
    """The Figure behind map_image's PNG, to measure what it draws."""
    return map_figure(geometry, picture.colours, **_picture_arguments(picture, villages), size_in=size_in)


def slides_with_images(context: SlideContext, *, render: ChartRenderer = render_charts
                       ) -> tuple[list[Slide], dict[str, bytes], str]:
    """Every slide of lib.meeting.presenter.SLIDES, their images, and why charts are missing ('' when none is).

    Without a browser the deck and the report are still made, with a note where a chart would be."""
    from lib.meeting.presenter import build_slides

    slides = build_slides(context)
    try:
        return slides, slide_images(slides, geometry=context.map_geometry, villages=context.villages, render=render), ""
    except RenderError as error:
        images = slide_images([s for s in slides if s.figure is None], geometry=context.map_geometry,
                              villages=context.villages, render=render)
        return slides, images, str(error)
