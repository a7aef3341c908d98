"""The slides of a meeting, declared once: presenter mode, the PowerPoint deck and the PDF report
all walk this list, so each slide has the same chart, title and speaker notes everywhere.

Presenter mode lives in the URL (?present=1&slide=3, slides counted from 1), next to the filters.
No streamlit here: the frame (dashboard.py) and pages/present.py draw.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from lib.meeting import slides as build
from lib.meeting.context import Slide, SlideContext

PRESENT_KEY, SLIDE_KEY = "present", "slide"    # URL keys
# px (width, height): the meeting-room projector every slide fits, with its source line.
SCREEN: tuple[int, int] = (1024, 768)
# px of SCREEN's height a chart keeps once the demo banner, controls, title, a two-line message and the
# source line are drawn (measured in Chromium); on a taller window the chart stretches beyond it.
CHART_HEIGHT = 430
AXIS_HEIGHT = 80                  # px under the plot: tick labels and the axis title
CHART_FONT_SIZES = (13, 20)       # px: the smallest type a projector shows legibly, and the largest used
LINE_SPACING = 1.3                # a line of a category label, in font sizes


@dataclass(frozen=True)
class SlideSpec:
    """A slide: its URL-safe key, what it shows (for a reader of this list) and its builder."""

    key: str
    shows: str
    build: Callable[[SlideContext], Slide]


SLIDES: tuple[SlideSpec, ...] = (
    SlideSpec("title", "programme, area, period, date of the data", build.title_slide),
    SlideSpec("headline", "the overview's headline numbers (lib.metrics.overview)", build.headline_slide),
    SlideSpec("progress", "% of target per indicator (charts_progress.build_status_chart)", build.progress_slide),
    SlideSpec("reach", "participants per kecamatan or desa (charts_progress.build_reach_by_area_chart)",
              build.reach_slide),
    SlideSpec("violence", "safe cases per year with trend (charts_safe.build_safe_bar_chart)", build.violence_slide),
    SlideSpec("climate", "villages per hazard and InaRISK class (charts_climate.build_class_counts_chart)",
              build.climate_slide),
    SlideSpec("map", "priority index per village, static map (lib.meeting.render.render_map)", build.map_slide),
    SlideSpec("priority", "the map page's priority list, top villages (lib.map.priority)", build.priority_slide),
    SlideSpec("sources", "sources, dates and caveats", build.sources_slide),
)
SLIDE_KEYS: tuple[str, ...] = tuple(spec.key for spec in SLIDES)


def is_presenting(query: Mapping[str, object]) -> bool:
    """Whether the URL asks for presenter mode (?present=1, also 'true' or 'yes')."""
    value = query.get(PRESENT_KEY)
    value = value[-1] if isinstance(value, (list, tuple)) and value else value
    return str(value).strip().lower() in ("1", "true", "yes")


def slide_number(raw: object, *, count: int = len(SLIDES)) -> int:
    """The slide asked for (1..count); anything unreadable is the first, anything past the end the last."""
    value = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), count)


def balanced_columns(lines: Sequence[str], *, columns: int = 2) -> tuple[tuple[str, ...], ...]:
    """`lines` in order, cut into `columns` runs of about equal length in characters (a long slide of
    bullets read in two columns fits a projector; the order still reads down, then across)."""
    total = sum(len(line) for line in lines)
    runs: list[list[str]] = [[] for _ in range(columns)]
    done, column = 0, 0
    for line in lines:
        # Move on once this column holds its share, and once adding the line would overshoot it more
        # than leaving it out would undershoot.
        share = total * (column + 1) / columns
        if column < columns - 1 and runs[column] and done + len(line) / 2 > share:
            column += 1
        runs[column].append(line)
        done += len(line)
    return tuple(tuple(run) for run in runs)


def category_lines(figure: go.Figure) -> tuple[int, int]:
    """(categories, lines of the longest label) on the category axis of a horizontal bar chart; (0, 0)
    for any other chart, whose category labels run along the axis and need no height."""
    labels = {str(label) for trace in figure.data if trace.type == "bar" and trace.orientation == "h"
              for label in (trace.y if trace.y is not None else ())}
    return len(labels), max((label.count("<br>") + 1 for label in labels), default=0)


def chart_font_size(figure: go.Figure, *, height: int = CHART_HEIGHT) -> int:
    """The largest type (within CHART_FONT_SIZES) at which every category label of `figure` fits its row
    of a chart `height` px tall: twelve two-line indicator names overlapped at 20 px."""
    smallest, largest = CHART_FONT_SIZES
    rows, lines = category_lines(figure)
    if not rows:
        return largest
    fitting = (height - AXIS_HEIGHT) / (rows * lines * LINE_SPACING)
    return int(min(largest, max(smallest, fitting)))


def build_slide(number: int, context: SlideContext) -> Slide:
    """Slide `number` (1-based) of SLIDES for `context` (only that slide is computed)."""
    return SLIDES[slide_number(number) - 1].build(context)


def build_slides(context: SlideContext, *, keys: Sequence[str] = SLIDE_KEYS) -> list[Slide]:
    """Every slide (or those named), in order: the deck and the report."""
    return [spec.build(context) for spec in SLIDES if spec.key in keys]
