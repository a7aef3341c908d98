"""Climate and disaster risk: InaRISK hazard classes per village, events per area, and where the
programme works in high-hazard villages. Pure functions on validated tables; no streamlit here.

A village with no hazard value is "no data", never "rendah": a missing index says nothing
about the hazard.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.data import codes
from lib.data.geo import area_level
from lib.data.memo import PerFrame
from lib.data.filters import Filters, area_mask, date_mask

HAZARDS: tuple[str, ...] = codes.HAZARD.values
CLASSES: tuple[str, ...] = codes.HAZARD_CLASS.values
NO_DATA = "no_data"
HIGH_CLASS = "tinggi"

# Exposure of a village to the high-hazard rule (see `_high_states`).
HIGH, NOT_HIGH = "high", "not_high"
EXPOSURE_STATES: tuple[str, ...] = (HIGH, NOT_HIGH, NO_DATA)


def _latest_of(hazards: pd.DataFrame) -> pd.DataFrame:
    """The latest assessment per village and hazard, with its class filled from the index where
    blank (Perka BNPB 2/2012 thresholds, lib.data.codes.hazard_class_for)."""
    columns = ["village_code", "hazard", "index", "class", "year", "source"]
    if hazards.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    latest = (hazards.sort_values("year")
              .drop_duplicates(["village_code", "hazard"], keep="last")
              .loc[:, columns]
              .reset_index(drop=True))
    derived = latest["index"].map(lambda value: None if pd.isna(value) else codes.hazard_class_for(float(value)))
    latest["class"] = latest["class"].astype("object").where(latest["class"].notna(), derived)
    latest["index"] = latest["index"].astype(float)
    return latest


# latest_hazards(hazards): _latest_of, computed once while the hazards frame lives (lib.ui.cache hands
# every session the same one). Shared: never change it in place.
latest_hazards: Callable[[pd.DataFrame], pd.DataFrame] = PerFrame(_latest_of)


def village_labels(villages: pd.DataFrame) -> pd.Series:
    """A readable name per village code; names that occur twice get their type and kecamatan
    (Kupang Timur has a desa and a kelurahan both called Oesao)."""
    names = villages["village_name"].astype(str)
    doubled = names.duplicated(keep=False)
    labels = names
    if doubled.any():   # the string work is needed for doubled names only: most areas have none
        detail = villages["village_type"].astype(str).str.capitalize() + ", " + villages["subdistrict_name"].astype(str)
        labels = names.where(~doubled, names + " (" + detail + ")")
    return pd.Series(labels.to_numpy(), index=villages["village_code"].to_numpy(), name="label")


def villages_in_area(villages: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The villages inside the sidebar's kecamatan/desa selection."""
    return villages[area_mask(villages, filters)].reset_index(drop=True)


def hazards_of(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    """The latest hazard rows of `villages` (an area's)."""
    return latest[latest["village_code"].isin(villages["village_code"])]


def ranked_with_index(ranking: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """The ranked villages that have an index value; the first `top` of them when given."""
    with_value = ranking[ranking["index"].notna()]
    return with_value if top is None else with_value.head(top)


def events_in_period(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events whose date falls in the chosen months."""
    return events[date_mask(events["date"], filters)].reset_index(drop=True)


def hazard_ranking(latest: pd.DataFrame, villages: pd.DataFrame, *, hazard: str) -> pd.DataFrame:
    """Villages ranked by the index of one hazard, highest first; villages without a value come
    last with class 'no_data' and no rank."""
    values = latest[latest["hazard"] == hazard].set_index("village_code")
    ranked = villages[["village_code", "village_name", "subdistrict_name"]].copy()
    ranked["label"] = village_labels(villages).reindex(ranked["village_code"]).to_numpy()
    ranked["index"] = values["index"].reindex(ranked["village_code"]).to_numpy(dtype=float)
    ranked["class"] = values["class"].reindex(ranked["village_code"]).fillna(NO_DATA).to_numpy(dtype=object)
    ranked = ranked.sort_values(["index", "village_name", "village_code"], ascending=[False, True, True],
                                na_position="last").reset_index(drop=True)
    has_value = ranked["index"].notna()
    ranked["rank"] = pd.Series(range(1, len(ranked) + 1), dtype="Int64").where(has_value.to_numpy())
    return ranked


def class_counts(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    """Number of villages per hazard (rows, InaRISK order) and class (columns: rendah, sedang,
    tinggi, no_data). Every village of `villages` is counted once per hazard."""
    grid = hazard_class_grid(latest, villages).to_numpy(dtype=object)
    columns = [*CLASSES, NO_DATA]
    counts = np.array([[int((grid[:, j] == cls).sum()) for cls in columns] for j in range(len(HAZARDS))], dtype=int)
    return pd.DataFrame(counts, index=pd.Index(list(HAZARDS)), columns=pd.Index(columns))


@dataclass(frozen=True)
class HazardGrids:
    """hazard_class_grid, hazard_index_grid and the assessment year of every village of a latest_hazards
    frame. They depend on the data only, not on the filters: built once per frame (grids_of), each
    rerun takes its area's rows (a lookup instead of a pivot, five times per climate rerun)."""

    classes: pd.DataFrame    # village x hazard, NO_DATA where missing
    indices: pd.DataFrame    # village x hazard, NaN where missing
    years: pd.DataFrame      # village x hazard, float, NaN where missing


def hazard_grids(latest: pd.DataFrame) -> HazardGrids:
    """The grids of every village that has an assessment in `latest`."""
    every = pd.DataFrame({"village_code": latest["village_code"].unique()})
    return HazardGrids(classes=_direct_class_grid(latest, every),
                       indices=_direct_index_grid(latest, every), years=_pivot(latest, every, "year").astype(float))


# The grids of a latest_hazards frame, built once while it lives.
grids_of: Callable[[pd.DataFrame], HazardGrids] = PerFrame(hazard_grids)


def hazard_class_grid(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    """Class per village (rows, village codes) and hazard (columns); 'no_data' where missing."""
    rows = _area_rows(grids_of(latest).classes, villages, NO_DATA)
    return rows if rows is not None else _direct_class_grid(latest, villages)


def hazard_index_grid(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    """Index per village (rows, village codes) and hazard (columns); NaN where missing."""
    rows = _area_rows(grids_of(latest).indices, villages, np.nan)
    return rows if rows is not None else _direct_index_grid(latest, villages)


def hazard_year_grid(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    """Assessment year per village and hazard, as floats; NaN where missing."""
    rows = _area_rows(grids_of(latest).years, villages, np.nan)
    return rows if rows is not None else _pivot(latest, villages, "year").astype(float)


def _pivot(latest: pd.DataFrame, villages: pd.DataFrame, column: str) -> pd.DataFrame:
    inside = latest[latest["village_code"].isin(villages["village_code"])]
    grid = inside.pivot(index="village_code", columns="hazard", values=column) if len(inside) else pd.DataFrame()
    return grid.reindex(index=villages["village_code"].tolist(), columns=list(HAZARDS))


def _direct_class_grid(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    grid = _pivot(latest, villages, "class")
    return grid.astype(object).where(grid.notna(), NO_DATA)


def _direct_index_grid(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.DataFrame:
    return _pivot(latest, villages, "index").astype(float)


def _area_rows(grid: pd.DataFrame, villages: pd.DataFrame, fill: object) -> pd.DataFrame | None:
    """The rows of a whole-data grid for `villages`, in their order, `fill` for a village without
    any assessment: the frame _pivot gives for these villages. None when no village has one (the
    pivot is then cheap, and pandas shapes the axes of a pivot of no rows its own way)."""
    codes_ = villages["village_code"].tolist()
    rows = grid.index.get_indexer(codes_)
    found = rows >= 0
    if not found.any():
        return None
    whole = grid.to_numpy()
    values = np.full((len(codes_), len(HAZARDS)), fill, dtype=whole.dtype)
    values[found] = whole[rows[found]]
    return pd.DataFrame(values, index=pd.Index(codes_, name="village_code"),
                        columns=pd.Index(list(HAZARDS), name="hazard"), dtype=whole.dtype)


def villages_with_activities(activities: pd.DataFrame, filters: Filters) -> frozenset[str]:
    """Villages with at least one activity in the chosen period and area."""
    inside = activities[date_mask(activities["date"], filters) & area_mask(activities, filters)]
    return frozenset(inside["village_code"].dropna().astype(str))


@dataclass(frozen=True)
class Overlap:
    """Programme villages x high-hazard villages in the chosen area."""

    table: pd.DataFrame        # rows: True/False (programme), columns: EXPOSURE_STATES; village counts
    overlapping: pd.DataFrame  # programme villages with a high hazard
    gaps: pd.DataFrame         # high-hazard villages without the programme
    hazards: tuple[str, ...]   # the hazards the rule looked at


def programme_hazard_overlap(latest: pd.DataFrame, villages: pd.DataFrame, programme: frozenset[str] | set[str],
                             *, hazards: Sequence[str] = HAZARDS) -> Overlap:
    """Cross the programme villages with the villages whose class is tinggi in at least one of
    `hazards`; lists give each village's high hazards, highest index first."""
    considered = tuple(hazards)
    classes = hazard_class_grid(latest, villages)[list(considered)]
    indices = hazard_index_grid(latest, villages)[list(considered)]
    frame = villages[["village_code", "village_name", "subdistrict_name"]].copy()
    frame["label"] = village_labels(villages).reindex(frame["village_code"]).to_numpy()
    frame["state"] = _high_states(classes)
    frame["programme"] = frame["village_code"].isin(programme)
    frame["high_hazards"] = _high_lists(classes, indices)
    table = _exposure_table(frame["programme"].to_numpy(dtype=bool), frame["state"].to_numpy(dtype=object))
    high = frame[frame["state"] == HIGH].sort_values(["subdistrict_name", "village_name"])
    keep = ["village_code", "label", "village_name", "subdistrict_name", "high_hazards"]
    return Overlap(
        table=table.astype(int),
        overlapping=high[high["programme"]][keep].reset_index(drop=True),
        gaps=high[~high["programme"]][keep].reset_index(drop=True),
        hazards=considered,
    )


def exposure_counts(latest: pd.DataFrame, villages: pd.DataFrame) -> dict[str, int]:
    """Villages per exposure state (EXPOSURE_STATES) under the any-hazard rule: the column sums of
    programme_hazard_overlap(...).table, without the village lists."""
    states = np.array(_high_states(hazard_class_grid(latest, villages)), dtype=object)
    return {state: int((states == state).sum()) for state in EXPOSURE_STATES}


# The multi-hazard summary: how many of the InaRISK hazards are in the high class ("tinggi") in a
# village. One high hazard is common here (drought alone is high in 123 of 177 villages); a village
# where several are high is where the climate risk ranks.
MULTI_HAZARD_CLASSES: tuple[str, ...] = ("0", "1", "2", "3+")
MULTI_HAZARD_MIN = 2            # the tile counts villages with at least this many high hazards


def high_hazard_counts(latest: pd.DataFrame, villages: pd.DataFrame) -> pd.Series:
    """Per village of `villages` (by code): the number of hazards in the high class, NaN without any
    assessment."""
    classes = hazard_class_grid(latest, villages)
    counts = (classes == HIGH_CLASS).sum(axis=1).astype(float)
    return counts.where((classes != NO_DATA).any(axis=1))


def multi_hazard_class(counts: pd.Series) -> pd.Series:
    """'0', '1', '2' or '3+' high hazards (NaN where there is no assessment)."""
    return counts.map(lambda n: None if pd.isna(n) else MULTI_HAZARD_CLASSES[min(int(n), 3)]).astype(object)


def _exposure_table(programme: np.ndarray, states: np.ndarray) -> pd.DataFrame:
    """Villages per programme flag (rows True, False) and exposure state (columns), as
    pd.crosstab(...).reindex(...) gives it, without its cost (it dominated the overlap)."""
    counts = [[int(((programme == flag) & (states == state)).sum()) for state in EXPOSURE_STATES]
              for flag in (True, False)]
    return pd.DataFrame(counts, index=pd.Index([True, False], name="programme"),
                        columns=pd.Index(list(EXPOSURE_STATES), name="state"))


def _high_list(classes: pd.Series, indices: pd.Series) -> tuple[str, ...]:
    high = indices[classes == HIGH_CLASS].sort_values(ascending=False)
    return tuple(high.index)


def _high_states(classes: pd.DataFrame) -> list[str]:
    """Per row of a class grid (thousands of villages at once): 'high' when any of the hazards considered
    is tinggi; otherwise 'no_data' when any of them has no value (it could be tinggi); 'not_high' only when
    all are known and none is tinggi."""
    grid = classes.to_numpy(dtype=object)
    high = (grid == HIGH_CLASS).any(axis=1)
    unknown = (grid == NO_DATA).any(axis=1) | (grid.shape[1] == 0)
    return np.where(high, HIGH, np.where(unknown, NO_DATA, NOT_HIGH)).tolist()


def _high_lists(classes: pd.DataFrame, indices: pd.DataFrame) -> list[tuple[str, ...]]:
    """_high_list of every row: the tinggi hazards, highest index first, ties in hazard order (a
    stable sort, as pandas sorts a few values); a row with a missing index takes _high_list itself."""
    grid, numbers, names = classes.to_numpy(dtype=object), indices.to_numpy(dtype=float), list(classes.columns)
    lists = []
    for row in range(len(grid)):
        high = [j for j in range(len(names)) if grid[row, j] == HIGH_CLASS]
        if any(np.isnan(numbers[row, j]) for j in high):
            lists.append(_high_list(classes.iloc[row], indices.iloc[row]))
            continue
        lists.append(tuple(names[j] for j in sorted(high, key=lambda j: -numbers[row, j])))
    return lists


# Events -------------------------------------------------------------------------------------------
def event_applies(event_area: str, area: str, *, inside: bool = True) -> bool:
    """Whether an event recorded for `event_area` concerns `area`: the same area or an area above
    it (a regency's event applies to every village inside); with `inside`, also an area within it
    (a village's flood is part of its kecamatan's history)."""
    return (event_area == area or area.startswith(event_area + ".")
            or (inside and event_area.startswith(area + ".")))


def events_for_areas(events: pd.DataFrame, areas: Sequence[str], *, inside: bool = True) -> pd.DataFrame:
    """Events that concern any of `areas` (see `event_applies`), each with its area level, newest first."""
    chosen = events[events["area_code"].astype(str).map(
        lambda event_area: any(event_applies(event_area, area, inside=inside) for area in areas)).astype(bool)].copy()
    chosen["level"] = chosen["area_code"].astype(str).map(area_level)
    return chosen.sort_values(["date", "area_code"], ascending=[False, True]).reset_index(drop=True)


def village_types(villages: pd.DataFrame) -> dict[str, str]:
    """Village code -> 'desa' or 'kelurahan'."""
    return dict(zip(villages["village_code"], villages["village_type"]))


def area_names(villages: pd.DataFrame) -> dict[str, str]:
    """Name of every regency, kecamatan and village code in the villages table."""
    names: dict[str, str] = {}
    for code_column, name_column in (("regency_code", "regency_name"), ("subdistrict_code", "subdistrict_name"),
                                     ("village_code", "village_name")):
        names.update(zip(villages[code_column].astype(str).tolist(), villages[name_column].astype(str).tolist()))
    return names


def area_kind(code: str, village_types: dict[str, str]) -> str:
    """'regency', 'subdistrict', 'desa' or 'kelurahan' (a village's type from the villages table)."""
    level = area_level(code) or "village"
    return village_types.get(code, "desa") if level == "village" else level


def data_areas(villages: pd.DataFrame, filters: Filters) -> tuple[str, ...]:
    """The areas the page is about: the sidebar selection, else every regency in the data (so an
    event of another regency is left out)."""
    return filters.area_codes() or tuple(sorted(villages["regency_code"].astype(str).unique()))
