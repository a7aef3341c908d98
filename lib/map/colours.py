"""Colours and legends of the map's thematic layers: classes, ramps, states, legend HTML. No streamlit.

lib.map.deck draws the decks; lib.map.layers computes what each layer shows and colours it with these.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from lib.map.classify import Classification, Method, bivariate_classes, classify, positive_classification
from lib.data.codes import HAZARD_CLASS_UPPER_BOUNDS
from lib.texts.data_text import as_text
from lib.texts.i18n import code_label, format_number, t
from lib.charts.palette import (BIVARIATE_COLOURS, HAZARD_CLASS_COLOURS, HIDDEN_COLOUR, NO_DATA_COLOUR, SEQUENTIAL_RAMPS,
                         ZERO_COLOUR)
from lib.safety.suppress import HIDDEN_STATES, CellState

INVISIBLE_ALPHA = 1                             # drawn but see-through, still pickable
MAX_CLASSES = len(SEQUENTIAL_RAMPS["reach"])


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    shape: str = "box"          # "box", "circle" or "outline"


@dataclass(frozen=True)
class Legend:
    title: str
    entries: tuple[LegendEntry, ...]
    method: str = ""
    note: str = ""


@dataclass(frozen=True)
class LayerFill:
    """A thematic layer ready to draw: colour and tooltip lines per village, legends, source."""

    colours: pd.Series                      # village code -> hex
    details: dict[str, pd.Series]           # tooltip label -> text per village code
    legends: tuple[Legend, ...]
    source_line: str
    kecamatan_colours: pd.Series | None = None   # a kecamatan-level fill drawn under the villages
    notes: tuple[str, ...] = ()

    @property
    def alpha(self) -> int:
        """Villages over a kecamatan fill are see-through (still pickable, for tooltips)."""
        return INVISIBLE_ALPHA if self.kecamatan_colours is not None else 255


@dataclass(frozen=True)
class ThemeSpec:
    """How a village (or kecamatan) value is coloured and written."""

    ramp: str                   # key of SEQUENTIAL_RAMPS
    zero_is_state: bool         # zero has its own colour; classes cover the values above zero
    scale: float = 1.0          # shown = value * scale (a share shown as percent)
    suffix: str = ""
    decimals: int = 0


THEMES: dict[str, ThemeSpec] = {
    "reach": ThemeSpec("reach", zero_is_state=True),
    "women_share": ThemeSpec("reach", zero_is_state=False, scale=100.0, suffix="%"),
    "indicator": ThemeSpec("reach", zero_is_state=False, decimals=1),
    "violence": ThemeSpec("violence", zero_is_state=True),
    "priority": ThemeSpec("priority", zero_is_state=False, decimals=2),
}


def ramp_colours(ramp: Sequence[str], count: int) -> list[str]:
    """`count` colours spread evenly over a ramp, light to dark."""
    if count <= 0:
        return []
    if count == 1:
        return [ramp[len(ramp) // 2]]
    return [ramp[round(i * (len(ramp) - 1) / (count - 1))] for i in range(count)]


def format_value(value: float, spec: ThemeSpec, lang: str) -> str:
    return format_number(value * spec.scale, lang, decimals=spec.decimals) + spec.suffix


def states_from_values(values: pd.Series, *, zero_is_state: bool) -> pd.Series:
    """CellState per value of a table that is not case data: no data, zero (if a state), shown."""
    states = pd.Series(CellState.SHOWN, index=values.index, dtype=object)
    if zero_is_state:
        states[values == 0] = CellState.ZERO
    states[values.isna()] = CellState.NO_DATA
    return states


def state_text(value: float | None, state: CellState, spec: ThemeSpec, lang: str) -> str:
    """What a tooltip says for one value: the number, 0, <5, hidden or no data."""
    if state == CellState.SMALL:
        return t("map_state_small", lang)
    if state in HIDDEN_STATES:
        return t("map_state_hidden_short", lang)
    if state == CellState.NO_DATA or value is None or pd.isna(value):
        return t("climate_no_data", lang)
    return format_value(float(value), spec, lang)


def _range_label(low: float, high: float, spec: ThemeSpec, lang: str, count: int) -> str:
    text = format_value(low, spec, lang) if low == high else \
        f"{format_value(low, spec, lang)} – {format_value(high, spec, lang)}"
    return t("map_legend_count", lang, label=text, count=count)


def class_ranges(found: Classification, *, integers: bool) -> list[tuple[float, float]]:
    """The ranges a legend shows. For whole numbers (counts), whole-number ranges that do not
    overlap: classes (7, 14.7] and (14.7, 22.3] read 7 – 14 and 15 – 22."""
    ranges = found.ranges()
    if not integers:
        return ranges
    shown, previous = [], None
    for low, high in ranges:
        start = math.ceil(low) if previous is None else math.floor(previous) + 1
        shown.append((float(min(start, math.floor(high))), float(math.floor(high))))
        previous = high
    return shown


def _state_entries(states: pd.Series, lang: str) -> list[LegendEntry]:
    """Legend rows for the zero, hidden and no-data states present (no data always listed)."""
    entries = []
    zero = int((states == CellState.ZERO).sum())
    hidden = int(states.map(lambda s: s in HIDDEN_STATES).sum())
    if zero:
        entries.append(LegendEntry(ZERO_COLOUR, t("map_legend_count", lang, label="0", count=zero)))
    if hidden:
        entries.append(LegendEntry(HIDDEN_COLOUR, t("map_legend_count", lang, label=t("map_state_hidden", lang),
                                                    count=hidden)))
    entries.append(LegendEntry(NO_DATA_COLOUR, t("map_legend_count", lang, label=t("climate_no_data", lang),
                                                 count=int((states == CellState.NO_DATA).sum()))))
    return entries


def method_text(method: Method, classification: Classification, lang: str) -> str:
    if classification.count == 0:
        return t("map_method_nothing", lang)
    return t("map_method_line", lang, method=t(f"map_method_{Method(method).value}", lang),
             classes=classification.count)


def choropleth(values: pd.Series, states: pd.Series, *, spec: ThemeSpec, method: Method, classes: int,
               lang: str, title: str, note: str = "") -> tuple[pd.Series, Legend]:
    """Colour per area and its legend. Only SHOWN values are classified; zero, hidden and no data
    keep their own colours, so a hidden count never takes a class colour."""
    shown = values.where(states == CellState.SHOWN)
    found = (positive_classification if spec.zero_is_state else classify)(shown, method=method, classes=classes)
    palette = ramp_colours(SEQUENTIAL_RAMPS[spec.ramp], found.count)
    colours = pd.Series(NO_DATA_COLOUR, index=values.index, dtype=object)
    colours[states == CellState.ZERO] = ZERO_COLOUR
    colours[states.map(lambda s: s in HIDDEN_STATES).astype(bool)] = HIDDEN_COLOUR
    classified = found.classes.notna()
    colours[classified] = [palette[int(c) - 1] for c in found.classes[classified]]
    counts = found.classes.value_counts()
    shown_values = shown.dropna()
    integers = spec.decimals == 0 and spec.scale == 1 and bool((shown_values == shown_values.round()).all())
    entries = [LegendEntry(palette[i], _range_label(low, high, spec, lang, int(counts.get(i + 1, 0))))
               for i, (low, high) in enumerate(class_ranges(found, integers=integers))]
    numeric = pd.to_numeric(shown, errors="coerce")
    distinct = numeric[numeric > 0].unique() if spec.zero_is_state else numeric.dropna().unique()
    # One value to colour: no talk of classes ('quantile, 1 classes'), the value itself.
    method_line = (t("map_method_single", lang, value=format_value(float(distinct[0]), spec, lang))
                   if len(distinct) == 1 else method_text(method, found, lang))
    legend = Legend(title, tuple(entries + _state_entries(states, lang)), method_line, note)
    return colours, legend


def hazard_colours(classes: pd.Series, *, lang: str, title: str, note: str = "") -> tuple[pd.Series, Legend]:
    """InaRISK class colours (lib.charts.palette.HAZARD_CLASS_COLOURS) and their legend; no data grey."""
    colours = classes.map(HAZARD_CLASS_COLOURS).astype(object).where(classes.notna(), NO_DATA_COLOUR)
    colours = colours.fillna(NO_DATA_COLOUR)
    entries, low = [], 0.0
    for code, upper in HAZARD_CLASS_UPPER_BOUNDS:
        bounds = f"{format_number(low, lang, decimals=3)} – {format_number(upper, lang, decimals=3)}"
        label = f"{code_label('hazard_class', code, lang)} ({bounds})"
        entries.append(LegendEntry(HAZARD_CLASS_COLOURS[code], t("map_legend_count", lang, label=label,
                                                                 count=int((classes == code).sum()))))
        low = upper
    entries.append(LegendEntry(NO_DATA_COLOUR, t("map_legend_count", lang, label=t("climate_no_data", lang),
                                                 count=int(classes.isna().sum()))))
    return colours, Legend(title, tuple(entries), t("map_method_inarisk", lang), note)


def bivariate_colours(x: pd.Series, y: pd.Series, *, x_states: pd.Series, y_states: pd.Series, method: Method,
                      x_zero_is_low: bool, y_zero_is_low: bool) -> tuple[pd.Series, pd.DataFrame]:
    """Colour per area from its 3x3 class, and the classes. Hidden values (either variable) are
    grey as hidden, missing ones as no data: never one of the nine colours."""
    xs, ys = x.where(x_states.isin([CellState.SHOWN, CellState.ZERO])), y.where(y_states.isin([CellState.SHOWN,
                                                                                              CellState.ZERO]))
    found = bivariate_classes(xs, ys, method=method, x_zero_is_low=x_zero_is_low, y_zero_is_low=y_zero_is_low)
    colours = found["cell"].map(BIVARIATE_COLOURS).astype(object)
    hidden = x_states.map(lambda s: s in HIDDEN_STATES).astype(bool) | y_states.map(
        lambda s: s in HIDDEN_STATES).astype(bool)
    colours[hidden] = HIDDEN_COLOUR
    colours = colours.fillna(NO_DATA_COLOUR)
    return colours, found


# Legend HTML (drawn by the page with st.html) -------------------------------------------------------
def _swatch(colour: str, shape: str) -> str:
    radius = "50%" if shape == "circle" else "2px"
    border = "3px solid #000" if shape == "outline" else "1px solid #888"
    return (f'<span style="display:inline-block;width:16px;height:16px;flex:none;box-sizing:border-box;'
            f'background:{as_text(colour)};border:{border};border-radius:{radius}"></span>')


def legend_html(legend: Legend) -> str:
    """A legend as HTML: title, swatches with labels, method and note (every text escaped)."""
    rows = "".join(f'<div style="display:flex;align-items:center;gap:8px;margin:3px 0">{_swatch(e.colour, e.shape)}'
                   f"<span>{as_text(e.label)}</span></div>" for e in legend.entries)
    parts = [f'<div style="font-weight:600;margin-bottom:4px">{as_text(legend.title)}</div>', rows]
    if legend.method:
        parts.append(f'<div style="color:#555;font-size:0.85em;margin-top:4px">{as_text(legend.method)}</div>')
    if legend.note:
        parts.append(f'<div style="color:#555;font-size:0.85em;margin-top:2px">{as_text(legend.note)}</div>')
    return f'<div style="font-size:0.92rem;line-height:1.25;margin-bottom:12px">{"".join(parts)}</div>'


def bivariate_legend_html(*, title: str, x_label: str, y_label: str, extra: Sequence[LegendEntry] = ()) -> str:
    """The 3x3 legend: x grows to the right, y grows upwards; then the hidden / no data rows."""
    cells = "".join(f'<div style="width:30px;height:30px;background:{BIVARIATE_COLOURS[f"{x}-{y}"]}"></div>'
                    for y in (3, 2, 1) for x in (1, 2, 3))
    grid = (f'<div style="display:flex;align-items:center;gap:6px">'
            f'<div style="writing-mode:vertical-rl;transform:rotate(180deg);font-size:0.85em">{as_text(y_label)} →</div>'
            f'<div><div style="display:grid;grid-template-columns:repeat(3,30px);gap:2px">{cells}</div>'
            f'<div style="font-size:0.85em;margin-top:4px">{as_text(x_label)} →</div></div></div>')
    rest = legend_html(Legend("", tuple(extra))) if extra else ""
    return (f'<div style="font-size:0.92rem;margin-bottom:12px"><div style="font-weight:600;margin-bottom:6px">'
            f"{as_text(title)}</div>{grid}{rest}</div>")
