"""The publication of case statistics, declared as data: which tables of counts may ever be shown.

Every violence figure in the app (page, tile, chart, map class, priority index, village profile,
download, slide, deck, report) is a published cell of one of these tables, or a sum of shown cells.
The tables are protected together (lib.safety.protect) and audited against an attacker who sees all
of them at once (lib.safety.attacker); nothing outside this list is ever computed from case rows.

A table is its area level (the regency or each kecamatan), its time grain (the whole window of the
data's calendar years, each year, or each quarter) and its breakdown dimensions. `weight` is what a
reader loses when one of its cells is hidden: the optimiser hides cells of light tables first.
"""
from __future__ import annotations

from dataclasses import dataclass

from lib.data import codes

CHILD_AGE_GROUPS: tuple[str, ...] = ("0-5", "6-12", "13-17")


@dataclass(frozen=True)
class Dimension:
    """A way to break cases down: a case column and its code list (or a grouping of another)."""

    name: str
    column: str
    code_list: str
    multi: bool = False                          # several values per case: cells do not sum to the total
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()   # category -> codes of `column` (a grouping)

    def categories(self) -> tuple[str, ...]:
        if self.groups:
            return tuple(name for name, _ in self.groups)
        return codes.ALL_CODE_LISTS[self.code_list].values


# Victim dimensions: the cube of area x year x sex x age (every victim table is a sum of its cells).
# Case dimensions: a table of one of them is published alone (per year or over the window), so the
# attacker's model links it to the rest through the year totals only.
DIMENSIONS: dict[str, Dimension] = {d.name: d for d in (
    Dimension("victim_sex", "victim_sex", "sex"),
    Dimension("victim_age_group", "victim_age_group", "age_group"),
    Dimension("victim_group", "victim_age_group", "age_group",
              groups=(("children", CHILD_AGE_GROUPS),
                      ("adults", tuple(c for c in codes.AGE_GROUP.values if c not in CHILD_AGE_GROUPS)))),
    Dimension("violence_forms", "violence_forms", "violence_form", multi=True),
    Dimension("place", "place", "place"),
    Dimension("perpetrator_relationship", "perpetrator_relationship", "perpetrator_relationship"),
    Dimension("services", "services", "service", multi=True),
)}
VICTIM_DIMENSIONS: frozenset[str] = frozenset({"victim_sex", "victim_age_group", "victim_group"})
CASE_DIMENSIONS: frozenset[str] = frozenset(DIMENSIONS) - VICTIM_DIMENSIONS
# Every case has at least one form (a required column); services may be blank.
AT_LEAST_ONE: frozenset[str] = frozenset({"violence_forms"})

AREAS: tuple[str, ...] = ("regency", "subdistrict")
GRAINS: tuple[str, ...] = ("window", "year", "quarter")


@dataclass(frozen=True)
class PublishedTable:
    name: str
    area: str                                    # "regency" or "subdistrict" (each kecamatan)
    grain: str                                   # "window" (all years of the data), "year" or "quarter"
    dimensions: tuple[str, ...] = ()
    weight: float = 1.0
    purpose: str = ""

    @property
    def axes(self) -> tuple[str, ...]:
        """The table's cell key, in order: kecamatan, year, quarter, then its dimensions."""
        area = ("subdistrict",) if self.area == "subdistrict" else ()
        time = {"window": (), "year": ("year",), "quarter": ("year", "quarter")}[self.grain]
        return (*area, *time, *self.dimensions)


BREAKDOWN_DIMENSIONS: tuple[str, ...] = ("violence_forms", "place", "victim_age_group", "victim_sex",
                                         "perpetrator_relationship", "services")

PUBLICATION: tuple[PublishedTable, ...] = (
    PublishedTable("cases_total", "regency", "window", weight=1000, purpose="recorded cases over the window"),
    PublishedTable("cases_by_year", "regency", "year", weight=200, purpose="the regency trend, comparisons"),
    PublishedTable("cases_by_quarter", "regency", "quarter", weight=4, purpose="the regency trend by quarter"),
    PublishedTable("cases_by_subdistrict", "subdistrict", "window", weight=60,
                   purpose="kecamatan totals: chart, map layer, priority index, village profile, slides"),
    PublishedTable("cases_by_subdistrict_year", "subdistrict", "year", weight=2,
                   purpose="a kecamatan's trend; the map of one year"),
    PublishedTable("cases_by_subdistrict_sex", "subdistrict", "window", ("victim_sex",), weight=3,
                   purpose="women and girls in a kecamatan"),
    PublishedTable("cases_by_subdistrict_victim_group", "subdistrict", "window", ("victim_group",), weight=3,
                   purpose="children in a kecamatan"),
    PublishedTable("cases_by_sex_age", "regency", "window", ("victim_sex", "victim_age_group"), weight=3,
                   purpose="the age of women and girls, of men and boys"),
    PublishedTable("cases_by_victim_group", "regency", "window", ("victim_group",), weight=40,
                   purpose="children and adults"),
    PublishedTable("cases_by_victim_group_year", "regency", "year", ("victim_group",), weight=8,
                   purpose="children and adults per year"),
    *(table for dimension in BREAKDOWN_DIMENSIONS for table in (
        PublishedTable(f"cases_by_{dimension}", "regency", "window", (dimension,), weight=20,
                       purpose=f"breakdown by {dimension} over the window"),
        PublishedTable(f"cases_by_{dimension}_year", "regency", "year", (dimension,), weight=4,
                       purpose=f"breakdown by {dimension} per year"),
    )),
)
TABLES: dict[str, PublishedTable] = {table.name: table for table in PUBLICATION}


def table_for(axes: frozenset[str]) -> PublishedTable | None:
    """The published table whose cells are keyed by exactly `axes`, if there is one."""
    for table in PUBLICATION:
        if frozenset(table.axes) == axes:
            return table
    return None


def declaration_problems() -> list[str]:
    """What makes the declaration unusable (tested; empty when it is sound)."""
    problems = []
    seen: set[frozenset[str]] = set()
    for table in PUBLICATION:
        axes = frozenset(table.axes)
        if axes in seen:
            problems.append(f"{table.name}: a second table with the axes {sorted(axes)}")
        seen.add(axes)
        if table.area not in AREAS or table.grain not in GRAINS:
            problems.append(f"{table.name}: unknown area {table.area!r} or grain {table.grain!r}")
        unknown = [d for d in table.dimensions if d not in DIMENSIONS]
        if unknown:
            problems.append(f"{table.name}: unknown dimensions {unknown}")
        case_dims = [d for d in table.dimensions if d in CASE_DIMENSIONS]
        # The attacker's model links a case dimension to the rest through the year totals alone; a
        # table crossing it with an area, a quarter or a victim dimension would need a finer model.
        if case_dims and (len(table.dimensions) > 1 or table.area != "regency" or table.grain == "quarter"):
            problems.append(f"{table.name}: a case dimension is published alone, per year or over the window")
        if table.grain == "quarter" and (table.dimensions or table.area != "regency"):
            problems.append(f"{table.name}: quarters are published for the regency total only")
    return problems
