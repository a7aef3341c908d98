"""The slides of a meeting, declared once: presenter mode, the PowerPoint deck and the PDF report
all walk this list, so each slide has the same chart, title and speaker notes everywhere.

Presenter mode lives in the URL (?present=1&slide=3, slides counted from 1), next to the filters.
No streamlit here: the frame (dashboard.py) and pages/present.py draw.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from lib.meeting import slides as build
from lib.meeting.context import Slide, SlideContext

PRESENT_KEY, SLIDE_KEY = "present", "slide"    # URL keys


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


def build_slide(number: int, context: SlideContext) -> Slide:
    """Slide `number` (1-based) of SLIDES for `context` (only that slide is computed)."""
    return SLIDES[slide_number(number) - 1].build(context)


def build_slides(context: SlideContext, *, keys: Sequence[str] = SLIDE_KEYS) -> list[Slide]:
    """Every slide (or those named), in order: the deck and the report."""
    return [spec.build(context) for spec in SLIDES if spec.key in keys]
