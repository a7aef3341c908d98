"""The priority index of the nexus view: where hazard, violence and a programme gap meet.

    P = (wH * H + wV * V + wG * G) / (wH + wV + wG)          every term in 0..1

- H: hazard, the InaRISK index (latest year) of one hazard, or the mean or the maximum over all
  hazards, min-max normalised across the villages of the regency;
- V: violence against women and children, the kecamatan's published case count (lib.safety.figures
  over lib.safety.publication, the same numbers as the violence page) given to each of its villages,
  min-max normalised across the published counts only;
- G: programme gap, 1 - coverage, coverage being either "reached" (1 if the village had any
  programme activity in the period, else 0) or participants relative to the village with the most.

A kecamatan whose count is not published ('<5' or hidden to protect another cell) has no V: scoring
it 0 would rank its villages as if nothing happened there, and scoring it at the top (or any guess in
between) would tell a reader something about the hidden count. So V is left out of its villages'
index and the other weighted terms are re-weighted, P = (wH * H + wG * G) / (wH + wG); the row is
marked (violence_hidden) and the table says 'not published'. With only V weighted, such a village
gets no index and is listed last.

Normalising across the regency, not the filtered area, keeps a village's score when the area
filter changes. Pure functions; no streamlit.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np
import pandas as pd

from lib.map.classify import Method
from lib.data.filters import Filters
from lib.metrics.hazards import latest_hazards
from lib.metrics.provenance import named_source_line, source_names
from lib.texts.i18n import format_number, t
from lib.map.layers import case_notes, case_period_text
from lib.metrics.reach import reach_by_village
from lib.map.colours import THEMES, Legend, bivariate_colours, choropleth, state_text, states_from_values
from lib.safety.figures import as_of_month, by_subdistrict, case_view, source_text
from lib.safety.publication import Publication
from lib.safety.suppress import HIDDEN_STATES, CellState


class HazardAggregate(str, Enum):
    """How the hazard term is made from InaRISK's hazards."""

    SINGLE = "single"     # one chosen hazard
    MEAN = "mean"         # mean of every hazard with a value
    MAX = "max"           # the highest index of any hazard


class CoverageDefinition(str, Enum):
    """What 'the programme covers a village' means for the gap term."""

    RELATIVE = "relative"   # participants / the largest number of participants of any village
    REACHED = "reached"     # 1 if any activity took place in the village in the period, else 0


@dataclass(frozen=True)
class Weights:
    hazard: float
    violence: float
    gap: float

    @property
    def total(self) -> float:
        return self.hazard + self.violence + self.gap

    def normalised(self) -> Weights:
        """Weights that add up to 1 (the index stays in 0..1); raises when all are zero."""
        if self.total <= 0:
            raise ValueError("at least one weight must be above zero")
        return Weights(self.hazard / self.total, self.violence / self.total, self.gap / self.total)


def min_max(values: pd.Series) -> pd.Series:
    """(v - min) / (max - min); missing stays missing; all equal (no spread) gives 0."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    low, high = numbers.min(), numbers.max()
    if pd.isna(low) or high == low:
        return numbers.where(numbers.isna(), 0.0)
    return (numbers - low) / (high - low)


def hazard_term(latest: pd.DataFrame, *, aggregate: HazardAggregate, hazard: str | None = None) -> pd.Series:
    """The raw hazard value per village code (before normalising): one hazard, the mean or the max.

    `latest` holds one row per village and hazard (lib.metrics.hazards.latest_hazards)."""
    aggregate = HazardAggregate(aggregate)
    if aggregate == HazardAggregate.SINGLE:
        rows = latest[latest["hazard"] == hazard]
        return rows.set_index("village_code")["index"].astype(float).rename("hazard")
    grouped = latest.groupby("village_code")["index"]
    return (grouped.mean() if aggregate == HazardAggregate.MEAN else grouped.max()).astype(float).rename("hazard")


def coverage_share(participants: pd.Series, activities: pd.Series, *, definition: CoverageDefinition) -> pd.Series:
    """Coverage in 0..1 per village (see CoverageDefinition); villages without activities have 0."""
    definition = CoverageDefinition(definition)
    if definition == CoverageDefinition.REACHED:
        return (activities.fillna(0) > 0).astype(float)
    participants = participants.fillna(0).astype(float)
    most = participants.max()
    return participants / most if most and most > 0 else participants * 0.0


PRIORITY_COLUMNS: tuple[str, ...] = ("village_code", "hazard", "hazard_norm", "violence", "violence_norm",
                                     "violence_hidden", "coverage", "gap", "priority", "rank")
# A term left out of a village's index (and the others re-weighted) where the row says so.
LEFT_OUT_WHERE: dict[str, str] = {"violence_norm": "violence_hidden"}


def priority_table(frame: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """Priority per village, highest first.

    `frame` has village_code, hazard (raw), violence (the kecamatan's published count, missing where
    not published), violence_hidden (True where the count is not published) and coverage (0..1).
    Hazard and violence are min-max normalised across the frame's rows (violence over published
    counts only). A not-published V is left out of the village's index and the other weighted terms
    re-weighted (see the module docstring); a village missing any other weighted term gets no index
    (and goes last), rather than a guessed one.
    """
    w = weights.normalised()
    table = frame[["village_code", "hazard", "violence", "violence_hidden", "coverage"]].copy()
    table["violence_hidden"] = table["violence_hidden"].fillna(False).astype(bool)
    table["hazard_norm"] = min_max(table["hazard"])
    table["violence_norm"] = min_max(table["violence"].where(~table["violence_hidden"]))
    table["gap"] = 1.0 - table["coverage"].astype(float)
    terms: Sequence[tuple[float, str]] = ((w.hazard, "hazard_norm"), (w.violence, "violence_norm"), (w.gap, "gap"))
    weighted = pd.Series(0.0, index=table.index)
    weight_used = pd.Series(0.0, index=table.index)
    missing = pd.Series(False, index=table.index)
    for weight, column in (term for term in terms if term[0] > 0):
        left_out = table[LEFT_OUT_WHERE[column]] if column in LEFT_OUT_WHERE else pd.Series(False, index=table.index)
        weighted += (weight * table[column].fillna(0.0)).where(~left_out, 0.0)
        weight_used += pd.Series(weight, index=table.index).where(~left_out, 0.0)
        missing |= table[column].isna() & ~left_out
    table["priority"] = (weighted / weight_used.where(weight_used > 0)).where(~missing)
    table = table.sort_values(["priority", "village_code"], ascending=[False, True], na_position="last")
    table["rank"] = pd.Series(np.arange(1, len(table) + 1), index=table.index).where(table["priority"].notna())
    table["rank"] = table["rank"].astype("Int64")
    return table[list(PRIORITY_COLUMNS)].reset_index(drop=True)


# Nexus view: inputs per village, bivariate and priority layers ---------------------------------------
@dataclass(frozen=True)
class NexusInputs:
    """Per village of the regency (area filter ignored, see the module docstring): hazard (raw),
    violence (the kecamatan's published count, its state and whether it is hidden), participants,
    activities and coverage; plus the case period, what the case figure could not follow, and the
    sources behind them."""

    frame: pd.DataFrame
    violence_period: str
    source_line: str
    violence_notes: tuple[str, ...] = ()

    @property
    def hidden_kecamatan(self) -> int:
        """How many kecamatan of the regency have a count that is not published."""
        hidden = self.frame.loc[self.frame["violence_hidden"]]
        return int(hidden.index.str[:8].nunique())


def nexus_inputs(*, villages: pd.DataFrame, hazards: pd.DataFrame | None, activities: pd.DataFrame | None,
                 cases: Publication | None, filters: Filters, aggregate: HazardAggregate, hazard: str | None,
                 coverage: CoverageDefinition, lang: str) -> NexusInputs:
    """Gather the three terms per village; a missing table leaves its term missing. `cases` is the
    publication of the case data (its cells only, with their own protection)."""
    regency = villages[villages["regency_code"].isin(filters.regencies)] if filters.regencies else villages
    codes_ = pd.Index(regency["village_code"].astype(str).sort_values(), name="village_code")
    frame = pd.DataFrame(index=codes_)
    frame["hazard"] = np.nan if hazards is None else \
        hazard_term(latest_hazards(hazards), aggregate=aggregate, hazard=hazard).reindex(codes_)
    frame["participants"], frame["activities"], frame["coverage"] = np.nan, np.nan, np.nan
    if activities is not None:
        reach = reach_by_village(activities, pd.Series(codes_), filters)
        frame["participants"], frame["activities"] = reach["participants"], reach["activities"]
        frame["coverage"] = coverage_share(reach["participants"], reach["activities"], definition=coverage)
    frame["violence"], frame["violence_state"], frame["violence_hidden"] = np.nan, CellState.NO_DATA, False
    period, notes = "–", ()
    names = [source_names([table for table in (hazards, activities) if table is not None])]
    as_of = activities["date"].max() if activities is not None and len(activities) else None
    if cases is not None:
        view = replace(case_view(cases, filters), subdistricts=(), lifted_villages=False)   # V ignores the area
        kecamatan = pd.Series(codes_.str[:8], index=codes_)
        found = by_subdistrict(cases, view, tuple(kecamatan.unique()))
        frame["violence"] = kecamatan.map(found.values)
        frame["violence_state"] = kecamatan.map(found.states).fillna(CellState.NO_DATA)
        frame["violence_hidden"] = frame["violence_state"].map(lambda state: state in HIDDEN_STATES).astype(bool)
        period, notes = case_period_text(cases, found), case_notes(cases, view, found, lang=lang)
        names.append(source_text(cases))
        as_of = _month_of_latest(as_of, as_of_month(cases))
    return NexusInputs(frame, period, named_source_line(", ".join(names), as_of=as_of, lang=lang), notes)


def _month_of_latest(day: pd.Timestamp | None, month: str | None) -> str | None:
    """The later of a date and a case month, as a month ('YYYY-MM'): a line that names case data is
    never dated to the day."""
    months = [m for m in (None if day is None or pd.isna(day) else day.strftime("%Y-%m"), month) if m]
    return max(months) if months else None


def nexus_variable(inputs: NexusInputs, name: str) -> tuple[pd.Series, pd.Series, bool]:
    """(values, states, zero_is_low) of a bivariate variable: hazard, violence, reach or gap."""
    frame = inputs.frame
    if name == "violence":
        return frame["violence"], frame["violence_state"], True
    values = {"hazard": frame["hazard"], "reach": frame["participants"], "gap": 1.0 - frame["coverage"]}[name]
    states = pd.Series(CellState.SHOWN, index=frame.index, dtype=object).where(values.notna(), CellState.NO_DATA)
    return values, states, name == "reach"


NEXUS_VARIABLES: tuple[str, ...] = ("hazard", "violence", "reach", "gap")


def priority_scores(inputs: NexusInputs, weights: Weights) -> pd.DataFrame:
    """priority_table of the regency's villages (a not-published V left out, see the module docstring)."""
    return priority_table(inputs.frame.reset_index()[["village_code", "hazard", "violence", "violence_hidden",
                                                      "coverage"]], weights)


def rank_within(table: pd.DataFrame, codes_: pd.Series) -> pd.DataFrame:
    """The rows of `codes_` (the filtered area), ranked 1..n among themselves."""
    inside = table[table["village_code"].isin(set(codes_.astype(str)))].reset_index(drop=True)
    inside["rank"] = pd.Series(np.arange(1, len(inside) + 1)).where(inside["priority"].notna()).astype("Int64")
    return inside


def bivariate_fill(inputs: NexusInputs, area: pd.DataFrame, *, x: str, y: str,
                   method: Method) -> tuple[pd.Series, pd.DataFrame]:
    """Colours and 3x3 classes of the area's villages for two nexus variables (classes computed
    among the villages shown)."""
    codes_ = area["village_code"].astype(str)
    x_values, x_states, x_zero = nexus_variable(inputs, x)
    y_values, y_states, y_zero = nexus_variable(inputs, y)
    return bivariate_colours(x_values.reindex(codes_), y_values.reindex(codes_),
                             x_states=x_states.reindex(codes_).fillna(CellState.NO_DATA),
                             y_states=y_states.reindex(codes_).fillna(CellState.NO_DATA),
                             method=method, x_zero_is_low=x_zero, y_zero_is_low=y_zero)


# What the priority list says for a kecamatan count that is not a number.
CASE_STATE_TEXTS: dict[CellState, str] = {CellState.SMALL: "map_state_small_unpublished",
                                          CellState.COMPLEMENT: "map_state_hidden_short",
                                          CellState.NO_DATA: "climate_no_data"}


def case_cell_text(value: float | None, state: CellState, *, lang: str) -> str:
    """A kecamatan's count in the priority list: the number (0 or at least the threshold), '<5, not
    published', 'not published' or no data. Never a count from 1 to 4."""
    key = CASE_STATE_TEXTS.get(state)
    if key is None and value is not None and pd.notna(value):
        return str(int(value))
    return t(key or "climate_no_data", lang)


def priority_export(table: pd.DataFrame, inputs: NexusInputs, villages: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The ranked list as people read it (translated headers, published case counts, 'not published'
    where a kecamatan's count is not, no count 1-4)."""
    info = villages.set_index("village_code")
    frame = inputs.frame
    codes_ = table["village_code"]
    cases = [case_cell_text(v, s, lang=lang)
             for v, s in zip(frame["violence"].reindex(codes_), frame["violence_state"].reindex(codes_))]
    columns = {
        "prog_col_rank": table["rank"],
        "map_col_village_code": codes_,
        "climate_col_village": codes_.map(info["village_name"]),
        "prog_col_kecamatan": codes_.map(info["subdistrict_name"]),
        "map_tip_priority": table["priority"].round(3),
        "map_col_hazard": table["hazard"].round(3),
        "map_col_hazard_norm": table["hazard_norm"].round(3),
        "map_col_violence": cases,
        "map_col_violence_norm": table["violence_norm"].round(3),
        "prog_tile_participants": frame["participants"].reindex(codes_).to_numpy(),
        "map_col_coverage": table["coverage"].round(3),
        "map_col_gap": table["gap"].round(3),
    }
    return pd.DataFrame({t(key, lang): list(values) for key, values in columns.items()})


def display_frame(export: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The ranked list for the screen: numbers written per language (1.234 / 0,971), rank kept ('–' where a
    village has no index: a regency without data)."""
    shown = export.copy()
    participants, rank = t("prog_tile_participants", lang), t("prog_col_rank", lang)
    if rank in shown.columns and shown[rank].isna().any():     # unranked: no input of the index (no data)
        shown[rank] = shown[rank].astype(object).map(lambda v: "–" if pd.isna(v) else int(v))
    for column in shown.columns:
        if column == rank or not pd.api.types.is_numeric_dtype(shown[column]):
            continue
        decimals = 0 if column == participants else 3
        shown[column] = shown[column].map(lambda v: "–" if pd.isna(v) else format_number(v, lang, decimals=decimals))
    return shown


def nexus_details(inputs: NexusInputs, ranked: pd.DataFrame | None, codes_: Sequence[str], *, hazard_label: str,
                  lang: str) -> dict[str, pd.Series]:
    """Tooltip lines of the nexus view per village: hazard, kecamatan cases (safe), participants,
    and the priority index with its rank among the villages shown."""
    frame = inputs.frame.reindex(list(codes_))
    no_data = t("climate_no_data", lang)
    details = {
        hazard_label: frame["hazard"].map(lambda v: no_data if pd.isna(v) else format_number(v, lang, decimals=3)),
        t("map_tip_cases_kecamatan", lang, period=inputs.violence_period): pd.Series(
            [state_text(v, s, THEMES["violence"], lang) for v, s in zip(frame["violence"], frame["violence_state"])],
            index=frame.index),
        t("prog_tile_participants", lang): frame["participants"].map(
            lambda v: no_data if pd.isna(v) else format_number(v, lang)),
    }
    if ranked is not None:
        by_code = ranked.set_index("village_code")
        details[t("map_tip_priority", lang)] = by_code["priority"].map(
            lambda v: no_data if pd.isna(v) else format_number(v, lang, decimals=2))
        details[t("prog_col_rank", lang)] = by_code["rank"].map(lambda v: "–" if pd.isna(v) else f"{v} / {len(codes_)}")
    return details


def priority_fill(ranked: pd.DataFrame | None, codes_: Sequence[str], *, method: Method, lang: str,
                  classes: int = 5) -> tuple[pd.Series, Legend]:
    """Village colours by priority index (classes among the villages shown) and the legend. A village
    without an index because its only weighted term is a count not published is 'not published', not
    'no data'."""
    by_code = ranked.set_index("village_code").reindex(list(codes_)) if ranked is not None \
        else pd.DataFrame({"priority": np.nan, "violence_hidden": False}, index=list(codes_))
    values = by_code["priority"].astype(float)
    states = states_from_values(values, zero_is_state=False)
    states[values.isna() & by_code["violence_hidden"].fillna(False).astype(bool)] = CellState.COMPLEMENT
    return choropleth(values, states, spec=THEMES["priority"], method=method, classes=classes, lang=lang,
                           title=t("map_legend_priority", lang))
