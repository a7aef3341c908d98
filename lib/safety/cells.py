"""The cells of the publication and what an attacker knows about how they relate.

Everything is written in one set of whole-number unknowns, the attacker's variables:
- the victim cube: cases per kecamatan x year x victim sex x victim age group; every table of victims,
  areas and years is a sum of its cells;
- per case dimension (form, place, relationship, service) and per quarter: cases per year x category.
  These tables are published alone, so they meet the cube only in the year totals; for a single-valued
  dimension its categories sum to the year's cases, for a multi-valued one each category is at most
  the year's cases, and forms (every case has one) sum to at least that.

Given published cells, the set of whole-number tables consistent with them is exactly what such an
attacker can know (lib.safety.attacker explores it). `true_values` are computed here from case rows
and never leave lib.safety.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import product
from typing import Protocol

import numpy as np
import pandas as pd

from lib.data import codes
from lib.safety.declaration import AT_LEAST_ONE, CASE_DIMENSIONS, DIMENSIONS, PUBLICATION, PublishedTable

CUBE_AXES: tuple[str, ...] = ("year", "subdistrict", "victim_sex", "victim_age_group")
QUARTERS: tuple[int, ...] = (1, 2, 3, 4)


@dataclass(frozen=True)
class CellKey:
    table: str
    key: tuple            # the categories along the table's axes
    release: str = ""     # "" the publication being made; else an earlier release or what was added between two


@dataclass(frozen=True)
class Relation:
    """sum(coefficients * variables) between lower and upper (np.inf for none)."""

    variables: np.ndarray
    coefficients: np.ndarray
    lower: float
    upper: float


class Space(Protocol):
    """What the audit and the protection work on: the attacker's whole-number unknowns (`size`), what
    they obey whatever the data (`relations`), and the cells over them (each a sum of variables with
    coefficients). A Layout is the space of one publication; lib.safety.releases makes the space of a
    publication together with the earlier ones readers were served."""

    size: int
    cells: Sequence[CellKey]
    cell_variables: Sequence[np.ndarray]
    cell_coefficients: Sequence[np.ndarray]
    relations: Sequence[Relation]
    case_tables: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Layout:
    """The attacker's variables and the publication's cells over them, for given kecamatan and years."""

    subdistricts: tuple[str, ...]
    years: tuple[int, ...]

    @cached_property
    def cube_shape(self) -> tuple[int, int, int, int]:
        return (len(self.years), len(self.subdistricts), len(codes.SEX.values), len(codes.AGE_GROUP.values))

    @cached_property
    def blocks(self) -> dict[str, tuple[int, int]]:
        """Variable block -> (offset, categories per year): the cube first, then each case dimension."""
        offset = int(np.prod(self.cube_shape))
        blocks = {"cube": (0, 0)}
        for name in ("quarter", *sorted(CASE_DIMENSIONS)):
            width = len(QUARTERS) if name == "quarter" else len(DIMENSIONS[name].categories())
            blocks[name] = (offset, width)
            offset += len(self.years) * width
        return blocks

    @cached_property
    def cube_grid(self) -> np.ndarray:
        """The variable number of each cube cell, in the cube's shape."""
        return np.arange(int(np.prod(self.cube_shape))).reshape(self.cube_shape)

    @cached_property
    def size(self) -> int:
        offset, width = list(self.blocks.values())[-1]
        return offset + len(self.years) * width

    def categories(self, axis: str) -> tuple:
        if axis == "subdistrict":
            return self.subdistricts
        if axis == "year":
            return self.years
        if axis == "quarter":
            return QUARTERS
        return DIMENSIONS[axis].categories()

    def keys(self, table: PublishedTable) -> list[tuple]:
        return list(product(*(self.categories(axis) for axis in table.axes)))

    @cached_property
    def cells(self) -> list[CellKey]:
        return [CellKey(table.name, key) for table in PUBLICATION for key in self.keys(table)]

    @cached_property
    def cell_coefficients(self) -> list[np.ndarray]:
        """Each cell's coefficients over its variables (a plain sum: ones)."""
        return [np.ones(len(variables)) for variables in self.cell_variables]

    @cached_property
    def case_tables(self) -> tuple[np.ndarray, ...]:
        """The cube columns of each whole case table among the variables (one here): their sum is
        that table's number of cases, which bounds every other variable of it."""
        return (np.arange(int(np.prod(self.cube_shape))),)

    @cached_property
    def cell_variables(self) -> list[np.ndarray]:
        """The variables each cell sums, in the order of `cells`."""
        found = []
        for table in PUBLICATION:
            for key in self.keys(table):
                found.append(self._variables(table, dict(zip(table.axes, key))))
        return found

    def _year_rows(self, chosen: dict) -> np.ndarray:
        return np.array([self.years.index(chosen["year"])] if "year" in chosen else range(len(self.years)))

    def _variables(self, table: PublishedTable, chosen: dict) -> np.ndarray:
        hanging = [axis for axis in table.axes if axis in CASE_DIMENSIONS or axis == "quarter"]
        if hanging:
            name = hanging[0]
            offset, width = self.blocks[name]
            category = QUARTERS.index(chosen[name]) if name == "quarter" else \
                DIMENSIONS[name].categories().index(chosen[name])
            return offset + self._year_rows(chosen) * width + category
        selectors = [self._year_rows(chosen),
                     np.array([self.subdistricts.index(chosen["subdistrict"])] if "subdistrict" in chosen
                              else range(len(self.subdistricts))),
                     np.array([codes.SEX.values.index(chosen["victim_sex"])] if "victim_sex" in chosen
                              else range(len(codes.SEX.values))),
                     self._age_rows(chosen)]
        return self.cube_grid[np.ix_(*selectors)].ravel()

    @staticmethod
    def _age_rows(chosen: dict) -> np.ndarray:
        ages = codes.AGE_GROUP.values
        if "victim_age_group" in chosen:
            return np.array([ages.index(chosen["victim_age_group"])])
        if "victim_group" in chosen:
            members = dict(DIMENSIONS["victim_group"].groups)[chosen["victim_group"]]
            return np.array([ages.index(code) for code in members])
        return np.arange(len(ages))

    def year_total(self, year_row: int) -> np.ndarray:
        return self.cube_grid[year_row].ravel()

    @cached_property
    def relations(self) -> list[Relation]:
        """What every table of cases obeys whatever the data: the links between the blocks."""
        found = []
        for row in range(len(self.years)):
            cases = self.year_total(row)
            minus_cases = -np.ones(len(cases))
            for name, (offset, width) in self.blocks.items():
                if name == "cube":
                    continue
                own = offset + row * width + np.arange(width)
                multi = name != "quarter" and DIMENSIONS[name].multi
                if not multi:       # categories partition the year's cases
                    found.append(Relation(np.r_[own, cases], np.r_[np.ones(width), minus_cases], 0.0, 0.0))
                    continue
                for variable in own:   # each category holds at most the year's cases
                    found.append(Relation(np.r_[variable, cases], np.r_[1.0, minus_cases], -np.inf, 0.0))
                if name in AT_LEAST_ONE:
                    found.append(Relation(np.r_[own, cases], np.r_[np.ones(width), minus_cases], 0.0, np.inf))
        return found


def true_values(cases: pd.DataFrame, layout: Layout) -> np.ndarray:
    """The attacker's variables as the case rows have them (whole numbers)."""
    values = np.zeros(layout.size, dtype=np.int64)
    years = cases["report_date"].dt.year.to_numpy()
    year_rows = _positions(years, layout.years, "report year")
    cube = np.ravel_multi_index((
        year_rows,
        _positions(cases["subdistrict_code"].to_numpy(), layout.subdistricts, "kecamatan"),
        _positions(cases["victim_sex"].to_numpy(), codes.SEX.values, "victim sex"),
        _positions(cases["victim_age_group"].to_numpy(), codes.AGE_GROUP.values, "victim age group"),
    ), layout.cube_shape)
    values[: int(np.prod(layout.cube_shape))] = np.bincount(cube, minlength=int(np.prod(layout.cube_shape)))
    for name, (offset, width) in layout.blocks.items():
        if name == "cube":
            continue
        if name == "quarter":
            members = [[(month - 1) // 3] for month in cases["report_date"].dt.month.to_numpy()]
        else:
            members = _members(cases[DIMENSIONS[name].column], DIMENSIONS[name].categories(), name)
        for row, found in zip(year_rows, members):
            for category in found:
                values[offset + row * width + category] += 1
    return values


def cell_values(variables: np.ndarray, space: "Space") -> np.ndarray:
    """Each cell's count (in the order of space.cells) for given variables."""
    return np.array([np.dot(variables[chosen], coefficients) for chosen, coefficients
                     in zip(space.cell_variables, space.cell_coefficients)], dtype=np.int64)


def _positions(values: np.ndarray, categories: tuple, what: str) -> np.ndarray:
    lookup = {category: position for position, category in enumerate(categories)}
    try:
        return np.array([lookup[value] for value in values], dtype=np.int64)
    except KeyError as missing:   # validation keeps these out; a case never silently drops out of a table
        raise ValueError(f"a case's {what} {missing.args[0]!r} is not in the publication's categories") from None


def _members(column: pd.Series, categories: tuple[str, ...], what: str) -> list[list[int]]:
    lookup = {category: position for position, category in enumerate(categories)}
    found = []
    for value in column.fillna("").astype(str):
        parts = [part.strip() for part in value.split(";") if part.strip()]
        unknown = [part for part in parts if part not in lookup]
        if unknown:
            raise ValueError(f"a case's {what} {unknown[0]!r} is not in the publication's categories")
        found.append(sorted({lookup[part] for part in parts}))
    return found
