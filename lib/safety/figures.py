"""Figures from published cells: what a page, tile, map, slide or download of case data may show.

A reader's filters choose among published cells (lib.safety.declaration). A desa is lifted to its
kecamatan and a period to whole calendar years; a figure then takes the published table whose cells
match its breakdown and the filters. Where none does, or where its cells would be mostly hidden,
the finest filter is dropped (age, then sex, then the area, then the years) and the figure says what
it shows instead. A figure made of several cells is their sum when all are shown, else hidden:
a sum of shown cells tells nothing the cells do not.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import product

import pandas as pd

from lib.data.filters import Filters
from lib.safety.declaration import BREAKDOWN_DIMENSIONS, CHILD_AGE_GROUPS, DIMENSIONS, table_for
from lib.safety.cells import Layout
from lib.safety.publication import Cell, Publication
from lib.safety.sources import system_names
from lib.safety.suppress import HIDDEN_STATES, CellState

# Filters given up first when the publication does not cover them (the finest first).
DROP_ORDER: tuple[str, ...] = ("victim_age_group", "victim_group", "victim_sex", "subdistrict", "year")
# The breakdowns a page draws: dimension -> (code list, several values per case?).
BREAKDOWNS: dict[str, tuple[str, bool]] = {name: (DIMENSIONS[name].code_list, DIMENSIONS[name].multi)
                                           for name in BREAKDOWN_DIMENSIONS}
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "women": ("victim_sex", ("perempuan",)),
    "children": ("victim_group", ("children",)),
}


@dataclass(frozen=True)
class CaseView:
    """The filters as the publication can read them."""

    subdistricts: tuple[str, ...] = ()      # () = the whole regency (every kecamatan published)
    years: tuple[int, ...] = ()             # () = the whole window
    sexes: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    lifted_villages: bool = False           # a desa was chosen: its kecamatan is shown
    snapped_period: bool = False            # months were widened to whole years
    ignored_disability: bool = False        # case data has no disability column
    chose_period: bool = False              # a period was chosen (the whole window, when years is ())
    shown_area: tuple[str, ...] = ()        # the kecamatan chosen, listed by kecamatan even when the whole
                                            # area's cells are read (the others hold no case: 0)

    def constraints(self) -> dict[str, tuple]:
        found: dict[str, tuple] = {}
        if self.subdistricts:
            found["subdistrict"] = self.subdistricts
        if self.years:
            found["year"] = self.years
        if self.sexes:
            found["victim_sex"] = self.sexes
        if set(self.age_groups) == set(CHILD_AGE_GROUPS):
            found["victim_group"] = ("children",)
        elif self.age_groups:
            found["victim_age_group"] = self.age_groups
        return found


def case_view(publication: Publication, filters: Filters, *, villages: pd.DataFrame | None = None) -> CaseView:
    """Lift desa to kecamatan, regencies to their kecamatan, months to whole years."""
    subdistricts = tuple(dict.fromkeys((*filters.subdistricts, *(code[:8] for code in filters.villages))))
    if not subdistricts and filters.regencies:
        subdistricts = tuple(code for code in publication.subdistricts if code[:5] in filters.regencies)
    shown_area = () if set(subdistricts) >= set(publication.subdistricts) else subdistricts
    if set(subdistricts) >= set(publication.subdistricts_with_cases):
        subdistricts = ()
    years: tuple[int, ...] = ()
    snapped = False
    if publication.years and (filters.period_from or filters.period_to):
        first = int((filters.period_from or f"{publication.years[0]}-01")[:4])
        last = int((filters.period_to or f"{publication.years[-1]}-12")[:4])
        years = tuple(year for year in publication.years if first <= year <= last)
        snapped = (filters.period_from or "0000-01")[5:] != "01" or (filters.period_to or "0000-12")[5:] != "12"
        if years == publication.years:
            years = ()
        elif not years:
            years = (first,)         # outside the data: every cell reads 'no data'
    return CaseView(subdistricts, years, filters.sexes, filters.age_groups, bool(filters.villages), snapped,
                    bool(filters.disabilities), bool(filters.period_from or filters.period_to), shown_area)


@dataclass(frozen=True)
class Figure:
    """Cells to draw: values (NaN where hidden or no data) and states per category, the table they
    come from, and the filters the publication could not follow (dropped)."""

    values: pd.Series
    states: pd.Series
    table: str | None
    dropped: tuple[str, ...]
    shown_subdistricts: tuple[str, ...]
    shown_years: tuple[int, ...]

    @property
    def single(self) -> tuple[float | None, CellState]:
        value = self.values.iloc[0]
        return (None if pd.isna(value) else float(value)), self.states.iloc[0]

    @property
    def hidden_share(self) -> float:
        with_data = [s for s in self.states if s not in (CellState.ZERO, CellState.NO_DATA)]
        return sum(s in HIDDEN_STATES for s in with_data) / len(with_data) if with_data else 0.0

    @property
    def all_hidden(self) -> bool:
        with_data = [s for s in self.states if s not in (CellState.ZERO, CellState.NO_DATA)]
        return bool(with_data) and all(s in HIDDEN_STATES for s in with_data)


def combine(cells: list[Cell]) -> Cell:
    """Several published cells read as one: their sum when every one is shown."""
    if not cells:
        return Cell(None, CellState.NO_DATA)
    if len(cells) == 1:
        return cells[0]
    if any(cell.state in HIDDEN_STATES for cell in cells):
        return Cell(None, CellState.COMPLEMENT)
    if all(cell.state == CellState.NO_DATA for cell in cells):
        return Cell(None, CellState.NO_DATA)
    total = sum(cell.value or 0.0 for cell in cells)
    return Cell(total, CellState.ZERO if total == 0 else CellState.SHOWN)


def _categories(publication: Publication, axis: str) -> tuple:
    return Layout(publication.subdistricts, publication.years).categories(axis)


def _label(axis_values: tuple, axes: tuple[str, ...]) -> object:
    """The index label of a category: a code, a year as text, or '2024-Q1'."""
    chosen = dict(zip(axes, axis_values))
    if "quarter" in chosen:
        return f"{chosen['year']}-Q{chosen['quarter']}"
    if axes == ("year",):
        return str(chosen["year"])
    return axis_values[0] if len(axis_values) == 1 else axis_values


def _read(publication: Publication, by: tuple[str, ...], constraints: dict[str, tuple]) -> Figure | None:
    table = table_for(frozenset((*by, *constraints)))
    if table is None:
        return None
    labels, values, states = [], [], []
    for categories in product(*(_categories(publication, axis) for axis in by)):
        chosen = dict(zip(by, categories))
        choices = [(chosen[axis],) if axis in chosen else tuple(constraints[axis]) for axis in table.axes]
        cell = combine([publication.cell(table.name, key) for key in product(*choices)])
        labels.append(_label(categories, by))
        values.append(float("nan") if cell.value is None else cell.value)
        states.append(cell.state)
    index = pd.Index(labels) if labels else pd.Index([])
    return Figure(pd.Series(values, index=index, dtype=float), pd.Series(states, index=index, dtype=object),
                  table.name, (), constraints.get("subdistrict", ()), constraints.get("year", ()))


def figure(publication: Publication, view: CaseView, by: tuple[str, ...] = (), *,
           group: str | None = None, strict: bool = False) -> Figure:
    """The cells of a breakdown `by` (axes of the declaration; () for a single total) for the view,
    optionally only `group` ('women', 'children'). Filters the publication cannot follow are
    dropped, finest first, until the figure is covered and, for a breakdown, mostly shown; `strict`
    keeps the first covered figure however hidden (a kecamatan's own trend, never the regency's)."""
    constraints = {axis: chosen for axis, chosen in view.constraints().items() if axis not in by}
    if group is not None:
        axis, chosen = GROUPS[group]
        if axis == "victim_group":      # children among an age filter: the group says it
            constraints.pop("victim_age_group", None)
        constraints[axis] = chosen
    chosen = constraints.get("subdistrict", ())
    within = set(chosen) <= set(publication.subdistricts) and set(view.years) <= set(publication.years)
    if chosen and within and not set(chosen) & set(publication.subdistricts_with_cases):
        return _zeros(publication, by, chosen)
    protected = {GROUPS[group][0]} if group else set()
    dropped: list[str] = []
    best: Figure | None = None
    while True:
        found = _read(publication, by, constraints)
        if found is not None:
            found = replace(found, dropped=tuple(dropped))
            if best is None or found.hidden_share < best.hidden_share:
                best = found
            # A single total is its own cell, '<5' included; a chart is read only when mostly shown.
            if strict or not by or (found.hidden_share <= 0.5 and not found.all_hidden):
                return found
        droppable = [axis for axis in DROP_ORDER if axis in constraints and axis not in protected]
        if not droppable:
            return best if best is not None else _nothing(by)
        constraints.pop(droppable[0])
        dropped.append(droppable[0])


def _zeros(publication: Publication, by: tuple[str, ...], chosen: tuple[str, ...]) -> Figure:
    """Every cell of a breakdown of kecamatan whose published totals are all 0 is 0: read without dropping
    the kecamatan (a regency with no case, chosen beside one with cases, is not shown the other's figures)."""
    shape = _read(publication, by, {})
    if shape is None:
        return _nothing(by)
    return replace(shape, values=pd.Series(0.0, index=shape.values.index, dtype=float), states=pd.Series(CellState.ZERO, index=shape.states.index,
                                                                          dtype=object), shown_subdistricts=chosen)


def _nothing(by: tuple[str, ...]) -> Figure:
    return Figure(pd.Series([float("nan")], dtype=float), pd.Series([CellState.NO_DATA], dtype=object), None,
                  (), (), ())


TREND_AXES = {"year": ("year",), "quarter": ("year", "quarter")}


def trend(publication: Publication, view: CaseView, grain: str) -> Figure:
    """Cases per year or quarter (the years of the view only)."""
    found = figure(publication, replace(view, years=()), TREND_AXES[grain])
    if view.years:
        keep = [str(label)[:4] in {str(y) for y in view.years} for label in found.values.index]
        found = replace(found, values=found.values[keep], states=found.states[keep], shown_years=view.years)
    return found


@dataclass(frozen=True)
class PeriodComparison:
    current: float | None
    current_state: CellState
    previous: float | None
    previous_state: CellState
    current_label: str
    previous_label: str
    dropped: tuple[str, ...] = ()         # filters the comparison could not follow (Figure.dropped)

    @property
    def relative_change(self) -> float | None:
        """Change as a share of the previous count; only when both are shown (never a count of cases)."""
        if self.current is None or not self.previous:
            return None
        return (self.current - self.previous) / self.previous

    @property
    def has_previous(self) -> bool:
        return self.previous_state != CellState.NO_DATA


def year_span(years: tuple[int, ...]) -> str:
    """'2024' or '2022–2024'."""
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def compare_periods(publication: Publication, view: CaseView) -> PeriodComparison:
    """The view's years against as many years just before (the last year of the data against the
    one before when no period is chosen); no comparison when those years are before the data."""
    if not publication.years:
        nothing = (None, CellState.NO_DATA)
        return PeriodComparison(*nothing, *nothing, "", "")
    current = view.years or (publication.years if view.chose_period else (publication.years[-1],))
    previous = tuple(range(current[0] - len(current), current[0]))
    now = figure(publication, replace(view, years=current), ())
    before = figure(publication, replace(view, years=previous), ())
    if previous[0] < publication.years[0]:
        previous_cell = (None, CellState.NO_DATA)
    elif now.dropped != before.dropped:     # compared only when both come from the same cells
        previous_cell = (None, CellState.COMPLEMENT)
    else:
        previous_cell = before.single
    return PeriodComparison(*now.single, *previous_cell, year_span(current), year_span(previous), now.dropped)


def by_subdistrict(publication: Publication, view: CaseView, subdistricts: tuple[str, ...] = (), *,
                   strict: bool = False) -> Figure:
    """Cases per kecamatan for the view: the view's kecamatan, else `subdistricts`, else every one
    (`strict`: as in figure)."""
    found = figure(publication, view, ("subdistrict",), strict=strict)
    keep = view.shown_area or view.subdistricts or subdistricts
    if keep:
        inside = found.values.index.isin(keep)
        found = replace(found, values=found.values[inside], states=found.states[inside])
    return found


def source_text(publication: Publication) -> str:
    """The source systems of the case data, by name: never the file's free text."""
    return system_names(publication.sources)


def as_of_month(publication: Publication) -> str | None:
    """The newest case month ('YYYY-MM'): case data is never dated to the day."""
    return publication.last_month


def window_years(publication: Publication, view: CaseView) -> tuple[int, ...]:
    """The years a figure of the view covers (the whole window when the view has none)."""
    return view.years or publication.years
