"""The attacker's space for a publication made beside the earlier ones readers were served.

A reader who kept the figures of an earlier case version holds them beside the new ones and subtracts:
one appended case moves every cell it falls in by one, which tells that case's kecamatan, sex, age,
place and perpetrator; a "<5" of a year nothing was added to can be read from two versions of its
kecamatan's other cells. So a new publication is protected and audited together with every earlier
release (lib.safety.protect chooses its hidden cells so that the joint audit passes), and the added
cases are counts to protect like any other.

The attacker's unknowns are the case table of the first release and, for each later release, what
changed since the one it follows, each a whole case table obeying the relations of lib.safety.cells.
How a release follows the one before is read from the two versions' case rows (which never leave
lib.safety) and given to the attacker, who might guess it from the figures:
- the same cases (a method changed, or a rollback to a version readers saw): the same table;
- cases added only (an append, or a replace that kept every case): the earlier table plus a table
  of the added cases, so no cell ever goes down;
- cases removed or changed (a replace): plus a table of added and minus a table of removed cases,
  the removed ones within the earlier table and no more than were removed, or than threshold-1 when
  fewer were (a reader may guess that only a few changed).

Counts to protect: every small count of every release, of the cases added between any two releases
linked by additions only (several appends together too), and of the cases added or removed by a
replace. Besides cells, each release tells its years (the first and last hold a case, no other year
or kecamatan does) and, where shown, its first and last case month (those quarters hold a case,
the quarters before the first and after the last month of their year hold none).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from lib.safety.cells import CellKey, Layout, Relation, cell_values, true_values
from lib.safety.declaration import CASE_DIMENSIONS, DIMENSIONS
from lib.safety.suppress import CellState

# What a case is to the publication: two rows alike in these are the same case to every table.
PROFILE_COLUMNS: tuple[str, ...] = ("subdistrict_code", "victim_sex", "victim_age_group",
                                    *(DIMENSIONS[name].column for name in sorted(CASE_DIMENSIONS)))
MULTI_COLUMNS: frozenset[str] = frozenset(DIMENSIONS[name].column for name in DIMENSIONS if DIMENSIONS[name].multi)


class Published(Protocol):
    """What a release is read for here (a lib.safety.publication.Publication, which imports this module)."""

    version: str
    threshold: int
    subdistricts: tuple[str, ...]
    years: tuple[int, ...]
    first_month: str | None
    last_month: str | None
    cells: dict


@dataclass(frozen=True)
class Release:
    """A publication readers were served, and the case rows it was made from (in memory only)."""

    publication: Published
    cases: pd.DataFrame


@dataclass(frozen=True)
class Months:
    """The first and last case month a release shows ('YYYY-MM'), or None where it shows years only."""

    first: str | None
    last: str | None


@dataclass(frozen=True)
class JointSpace:
    """A lib.safety.cells.Space: the new publication's cells first (in its layout's order), then the
    counts to protect that readers never see directly (earlier releases' small counts, added and
    removed cases), each fixed as hidden. Earlier releases' figures are knowledge, among `relations`."""

    size: int
    cells: list[CellKey]
    cell_variables: list[np.ndarray]
    cell_coefficients: list[np.ndarray]
    relations: list[Relation]
    case_tables: tuple[np.ndarray, ...]
    true_variables: np.ndarray
    published: int                       # the first `published` cells are the new publication's
    releases: int                        # publications held together, the new one included
    not_modelled: int                    # earlier releases left out (their figures do not fit their rows)

    @property
    def fixed(self) -> list[CellState | None]:
        return [None] * self.published + [CellState.COMPLEMENT] * (len(self.cells) - self.published)


def profiles(cases: pd.DataFrame) -> list[tuple]:
    """Each dated case as the publication sees it: report year and quarter, then PROFILE_COLUMNS."""
    dated = cases.loc[cases["report_date"].notna()]
    columns = [dated["report_date"].dt.year.to_numpy(), ((dated["report_date"].dt.month.to_numpy() - 1) // 3)]
    for column in PROFILE_COLUMNS:
        values = dated[column].astype("string").fillna("").to_numpy(dtype=object)
        if column in MULTI_COLUMNS:
            values = np.array([";".join(sorted({part.strip() for part in str(v).split(";") if part.strip()}))
                               for v in values], dtype=object)
        columns.append(values)
    return list(zip(*columns))


def _rows_of(cases: pd.DataFrame, found: list[tuple], wanted: Counter) -> pd.DataFrame:
    """The dated rows of `cases` (whose profiles are `found`) that make up the multiset `wanted`."""
    dated = cases.loc[cases["report_date"].notna()]
    left, keep = Counter(wanted), []
    for position, profile in enumerate(found):
        if left[profile] > 0:
            left[profile] -= 1
            keep.append(position)
    return dated.iloc[keep]


class _Builder:
    """Blocks of unknowns (each a whole case table over the union layout), expressions of each
    release's table in them, and the rows that tie them."""

    def __init__(self, union: Layout) -> None:
        self.union = union
        self.n = union.size
        self.blocks: list[np.ndarray] = []        # true table per block
        self.kinds: list[str] = []                 # "first", "added", "removed"
        self.relations: list[Relation] = []
        self.index = {(key.table, key.key): position for position, key in enumerate(union.cells)}

    def block(self, kind: str, true: np.ndarray) -> int:
        self.blocks.append(true)
        self.kinds.append(kind)
        offset = (len(self.blocks) - 1) * self.n
        for relation in self.union.relations:      # a table of cases: the relations hold in it too
            self.relations.append(Relation(relation.variables + offset, relation.coefficients,
                                           relation.lower, relation.upper))
        return len(self.blocks) - 1

    def terms(self, expression: dict[int, int], variables: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`variables` of the union layout, in the table `expression` (block -> sign) describes."""
        found = [(variables + block * self.n, np.full(len(variables), float(sign)))
                 for block, sign in sorted(expression.items())]
        return np.concatenate([v for v, _ in found]), np.concatenate([c for _, c in found])

    def cell(self, expression: dict[int, int], table: str, key: tuple) -> tuple[np.ndarray, np.ndarray]:
        return self.terms(expression, self.union.cell_variables[self.index[(table, key)]])

    def row(self, expression: dict[int, int], variables: np.ndarray, lower: float, upper: float) -> None:
        found, coefficients = self.terms(expression, variables)
        self.relations.append(Relation(found, coefficients, lower, upper))


def _knowledge(builder: _Builder, expression: dict[int, int], layout: Layout, months: Months) -> None:
    """What a release tells besides its cells: its years and kecamatan, and its first and last month."""
    union = builder.union
    grid = union.cube_grid
    for row, year in enumerate(union.years):
        if year not in layout.years:
            builder.row(expression, grid[row].ravel(), 0.0, 0.0)
    for column, code in enumerate(union.subdistricts):
        if code not in layout.subdistricts:
            builder.row(expression, grid[:, column].ravel(), 0.0, 0.0)
    for year in {layout.years[0], layout.years[-1]}:
        builder.row(expression, grid[union.years.index(year)].ravel(), 1.0, np.inf)
    if months.first is None or months.last is None:
        return
    offset, width = union.blocks["quarter"]
    quarter = lambda year, q: np.array([offset + union.years.index(year) * width + q])  # noqa: E731
    (first_year, first_month), (last_year, last_month) = (tuple(map(int, m.split("-"))) for m in (months.first,
                                                                                                    months.last))
    first_q, last_q = (first_month - 1) // 3, (last_month - 1) // 3
    for q in range(first_q):
        builder.row(expression, quarter(first_year, q), 0.0, 0.0)
    for q in range(last_q + 1, 4):
        builder.row(expression, quarter(last_year, q), 0.0, 0.0)
    same = (first_year, first_q) == (last_year, last_q)
    builder.row(expression, quarter(first_year, first_q), 2.0 if same and first_month != last_month else 1.0, np.inf)
    if not same:
        builder.row(expression, quarter(last_year, last_q), 1.0, np.inf)


def _fits(release: Release, union: Layout, own: np.ndarray) -> bool:
    """Whether a release's published figures are those of its case rows (else it cannot be modelled)."""
    values = cell_values(own, union)
    index = {(key.table, key.key): position for position, key in enumerate(union.cells)}
    for table, cells in release.publication.cells.items():
        for key, cell in cells.items():
            position = index.get((table, key))
            if position is None:
                return False
            value = values[position]
            if cell.state in (CellState.SHOWN, CellState.ZERO) and cell.value != value:
                return False
            if cell.state == CellState.SMALL and not 0 < value < release.publication.threshold:
                return False
    return True


def joint_space(layout: Layout, cases: pd.DataFrame, months: Months, earlier: Sequence[Release],
                threshold: int) -> JointSpace:
    """The space of the publication of `cases` over `layout`, showing `months`, made beside the
    `earlier` releases (oldest first; none: the publication alone, with what its years and months tell)."""
    dated = cases.loc[cases["report_date"].notna()]
    subdistricts = set(layout.subdistricts)
    years = set(layout.years)
    for release in earlier:
        subdistricts |= set(release.publication.subdistricts)
        years |= set(release.publication.years)
    union = Layout(tuple(sorted(subdistricts)), tuple(range(min(years), max(years) + 1)))
    builder = _Builder(union)

    kept: list[Release] = []
    not_modelled = 0
    for release in earlier:
        if not release.publication.years:
            continue                                # it showed no case: nothing to hold
        if _fits(release, union, true_values(release.cases.loc[release.cases["report_date"].notna()], union)):
            kept.append(release)
        else:
            not_modelled += 1
    frames = [release.cases for release in kept] + [cases]
    found = [profiles(frame) for frame in frames]
    counts = [Counter(profile) for profile in found]

    expressions: list[dict[int, int]] = []
    for position, frame in enumerate(frames):
        if position == 0:
            expressions.append({builder.block("first", true_values(frame.loc[frame["report_date"].notna()],
                                                                    union)): 1})
            continue
        same = [earlier_position for earlier_position in range(position) if counts[earlier_position] == counts[position]]
        if same:                                   # the same cases as a release readers saw
            expressions.append(dict(expressions[same[-1]]))
            continue
        before = position - 1
        added, removed = counts[position] - counts[before], counts[before] - counts[position]
        expression = dict(expressions[before])
        plus = builder.block("added", true_values(_rows_of(frame, found[position], added), union))
        expression[plus] = 1
        if removed:
            minus = builder.block("removed", true_values(_rows_of(frames[before], found[before], removed), union))
            expression[minus] = -1
            for variable in range(union.size):     # removed cases were cases of the earlier table
                variables, coefficients = builder.terms(expressions[before], np.array([variable]))
                builder.relations.append(Relation(np.r_[minus * union.size + variable, variables],
                                                  np.r_[1.0, -coefficients], -np.inf, 0.0))
            # How many were removed is not published; a reader may guess it was only a few. Given as
            # known (never below threshold-1: a guess of 'a few' stays possible), the removed cases
            # are counts to protect like the added ones.
            cube = union.case_tables[0] + minus * union.size
            builder.relations.append(Relation(cube, np.ones(len(cube)), 0.0,
                                              float(max(sum(removed.values()), threshold - 1))))
        expressions.append(expression)

    true = np.concatenate(builder.blocks)
    cells: list[CellKey] = []
    variables: list[np.ndarray] = []
    coefficients: list[np.ndarray] = []

    def add(key: CellKey, expression: dict[int, int]) -> None:
        found_variables, found_coefficients = builder.cell(expression, key.table, key.key)
        cells.append(key)
        variables.append(found_variables)
        coefficients.append(found_coefficients)

    new = expressions[-1]
    held: list[dict[int, int]] = []
    for key in layout.cells:                        # the publication being made
        add(key, new)
    _knowledge(builder, new, layout, months)
    for number, (release, expression) in enumerate(zip(kept, expressions), start=1):
        publication = release.publication
        own = Layout(publication.subdistricts, publication.years)
        _knowledge(builder, expression, own, Months(publication.first_month, publication.last_month))
        for table, published in publication.cells.items():
            for key, cell in published.items():
                if cell.state in (CellState.SHOWN, CellState.ZERO):
                    found_variables, found_coefficients = builder.cell(expression, table, key)
                    builder.relations.append(Relation(found_variables, found_coefficients, cell.value, cell.value))
                elif cell.state == CellState.SMALL:
                    found_variables, found_coefficients = builder.cell(expression, table, key)
                    builder.relations.append(Relation(found_variables, found_coefficients, 1.0,
                                                      float(publication.threshold - 1)))
        if expression != new and expression not in held:   # its small counts (once per table of cases)
            held.append(expression)
            for key in union.cells:
                add(CellKey(key.table, key.key, str(number)), expression)

    for block, kind in enumerate(builder.kinds):    # a replace's added and removed cases
        if kind != "first" and any(builder.kinds[b] == "removed" for b in _partners(expressions, block)):
            for key in union.cells:
                add(CellKey(key.table, key.key, ("+" if kind == "added" else "−") + str(block)), {block: 1})
    names = [str(number) for number in range(1, len(kept) + 1)] + ["new"]
    seen: set[frozenset] = set()
    for later in range(len(expressions)):           # cases added between two releases (appends only)
        for first in range(later):
            difference = _difference(expressions[later], expressions[first])
            if not difference or any(builder.kinds[b] != "added" or sign != 1 for b, sign in difference.items()) \
                    or frozenset(difference) in seen:
                continue
            seen.add(frozenset(difference))
            for key in union.cells:
                add(CellKey(key.table, key.key, f"{names[first]}→{names[later]}"), difference)

    values = np.array([np.dot(true[v], c) for v, c in zip(variables, coefficients)])
    keep = [position for position in range(len(cells))
            if position < len(layout.cells) or 0 < values[position] < threshold]   # counts to protect only
    return JointSpace(size=len(builder.blocks) * union.size, cells=[cells[p] for p in keep],
                      cell_variables=[variables[p] for p in keep], cell_coefficients=[coefficients[p] for p in keep],
                      relations=builder.relations,
                      case_tables=tuple(union.case_tables[0] + block * union.size for block in range(len(builder.blocks))),
                      true_variables=true, published=len(layout.cells), releases=len(kept) + 1,
                      not_modelled=not_modelled)


def _difference(later: dict[int, int], first: dict[int, int]) -> dict[int, int]:
    found = dict(later)
    for block, sign in first.items():
        found[block] = found.get(block, 0) - sign
    return {block: sign for block, sign in found.items() if sign}


def _partners(expressions: list[dict[int, int]], block: int) -> set[int]:
    """The blocks that came with `block` in one link (a replace's added and removed cases)."""
    for position in range(1, len(expressions)):
        difference = _difference(expressions[position], expressions[position - 1])
        if block in difference:
            return set(difference)
    return set()


@dataclass(frozen=True)
class CaseVersion:
    """A case version readers were served before the current one: a key for its content (the store's
    hash) and how to read its rows (on demand: only when a publication is made)."""

    key: str
    rows: Callable[[], pd.DataFrame | None] = field(compare=False, repr=False)
