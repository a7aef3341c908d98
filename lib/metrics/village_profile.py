"""Everything about one village, assembled from the validated tables: who it is, the programme's
reach there, its indicator values, hazards, events, and violence cases at the only safe level.

Case counts are never given per village: a village's handful of cases could identify a survivor.
Only its kecamatan's totals per year are given, with small-count and complementary suppression.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from lib.metrics import hazards as hz
from lib.metrics import indicators as ind
from lib.data.area_options import DESA_OPTIONS_MAX
from lib.data.filters import Filters, area_mask, date_mask
from lib.safety.figures import CaseView, figure
from lib.safety.publication import Publication
from lib.safety.suppress import CellState
from lib.metrics.reach import ACTIVITY_PARTICIPANT_COLUMNS, ReachTotals, reach_by_month, reach_by_type, reach_totals
from lib.metrics.values_index import index_of
from lib.texts.i18n import t



@dataclass(frozen=True)
class VillageHeader:
    code: str
    name: str
    village_type: str
    subdistrict_code: str
    subdistrict_name: str
    regency_name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class KecamatanCases:
    """Cases reported in a kecamatan per year, safe to show: `table` has year, value (NaN where
    hidden), state (CellState); the total is shown only when safe."""

    subdistrict_code: str
    table: pd.DataFrame
    total: float | None
    total_state: CellState


@dataclass(frozen=True)
class VillageProfile:
    header: VillageHeader
    activities: pd.DataFrame      # the village's activities in the period (rows; not sensitive)
    reach: ReachTotals
    by_type: pd.DataFrame
    by_month: pd.DataFrame
    indicators: pd.DataFrame
    hazards: pd.DataFrame
    events: pd.DataFrame
    cases: KecamatanCases | None


# Choosing the village ------------------------------------------------------------------------------
def village_options(villages: pd.DataFrame) -> list[str]:
    """Village codes ordered as people look for them: by kecamatan, then village name."""
    ordered = villages.sort_values(["subdistrict_name", "village_name", "village_code"])
    return ordered["village_code"].astype(str).tolist()


def village_choices(villages: pd.DataFrame, filters: Filters, *, keep: Sequence[str | None] = (),
                    limit: int | None = None) -> list[str]:
    """The villages the page's selectbox offers, ordered as village_options: every village, or, when
    the data holds more than `limit` (lib.data.area_options.DESA_OPTIONS_MAX), those of the sidebar's area
    and the villages in `keep` (the linked, current and default ones): a province's thousands are
    no list to pick from, and would travel to the browser on every rerun."""
    options = village_options(villages)
    limit = DESA_OPTIONS_MAX if limit is None else limit
    if len(options) <= limit:
        return options
    wanted = {code for code in keep if code}
    if filters.area_codes():
        wanted |= set(villages.loc[area_mask(villages, filters), "village_code"].astype(str))
    return [code for code in options if code in wanted]


def village_names(villages: pd.DataFrame) -> dict[str, str]:
    """Village code -> name."""
    return dict(zip(villages["village_code"].tolist(), villages["village_name"].tolist()))


def option_texts(villages: pd.DataFrame, options: Sequence[str], *, lang: str) -> dict[str, str]:
    """How the village selectbox names each option: the village's label (lib.metrics.hazards.village_labels:
    type and kecamatan where a name occurs twice), else 'name (kecamatan)'."""
    labels = hz.village_labels(villages)
    label_of = dict(zip(labels.index.tolist(), labels.tolist()))
    names = village_names(villages)
    kecamatan_of = dict(zip(villages["village_code"].tolist(), villages["subdistrict_name"].tolist()))
    return {code: label_of[code] if label_of[code] != names[code]
            else t("profile_option", lang, village=names[code], kecamatan=kecamatan_of[code]) for code in options}


def default_village(villages: pd.DataFrame, filters: Filters, programme: frozenset[str] | set[str]) -> str:
    """The first desa chosen in the sidebar, else the first programme village (by code) in the
    chosen area, else the first village of the area, else the first village."""
    if filters.villages:
        return filters.villages[0]
    inside = villages[area_mask(villages, filters)]
    in_programme = sorted(set(inside["village_code"].astype(str)) & set(programme))
    if in_programme:
        return in_programme[0]
    pool = inside if len(inside) else villages
    return village_options(pool)[0]


def choose_village(*, url_value: str | None, current: str | None, last_url_value: str | None,
                   options: Sequence[str], default: str) -> str:
    """The village to show: a new valid ?village= in the URL wins (a link was followed), else the
    selectbox's current value, else the default."""
    if url_value in options and url_value != last_url_value:
        return url_value
    if current in options:
        return current
    return default


# Header and reach ----------------------------------------------------------------------------------
def village_header(villages: pd.DataFrame, code: str) -> VillageHeader:
    """Name, type, kecamatan, regency and centroid of one village."""
    row = villages[villages["village_code"] == code].iloc[0]
    return VillageHeader(code=code, name=str(row["village_name"]), village_type=str(row["village_type"]),
                         subdistrict_code=str(row["subdistrict_code"]), subdistrict_name=str(row["subdistrict_name"]),
                         regency_name=str(row["regency_name"]), lat=float(row["lat"]), lon=float(row["lon"]))


def village_activities(activities: pd.DataFrame, code: str, filters: Filters) -> pd.DataFrame:
    """The village's activities in the chosen period."""
    return activities[(activities["village_code"] == code) & date_mask(activities["date"], filters)].copy()


# Indicators ----------------------------------------------------------------------------------------
INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator_code", "name_id", "name_en", "level", "unit", "period", "value", "hidden", "baseline", "target",
    "target_date", "direction", "percent_of_target", "expected_share", "status")


def village_values(indicator_values: pd.DataFrame, code: str) -> pd.DataFrame:
    """The indicator values reported for the village itself (found by code, not by scanning)."""
    return indicator_values.iloc[np.flatnonzero(index_of(indicator_values).rows_of("area_code", code))]


def latest_indicator_values(indicator_values: pd.DataFrame, indicators: pd.DataFrame, code: str,
                            filters: Filters) -> pd.DataFrame:
    """The latest value of each indicator reported for the village in the chosen period, with its
    % of target and status, by the progress page's rules (lib.metrics.indicators): the sidebar's sex, age
    and disability choices pick the rows (totals when none), small case counts are hidden, and a
    programme-wide count target judges no single village (status 'partial')."""
    own = village_values(indicator_values, code)
    scoped, series = ind.shown_series(own, indicators, replace(filters, regencies=(), subdistricts=(), villages=()))
    if scoped.empty:
        return pd.DataFrame(columns=list(INDICATOR_COLUMNS))
    progress = ind.with_progress(ind.latest_values(series), indicators,
                                 start=ind.programme_start(indicator_values), whole_programme=False)
    names = indicators[["indicator_code", "name_id", "name_en", "level"]]
    table = progress.merge(names, on="indicator_code", how="left")
    order = {c: i for i, c in enumerate(indicators["indicator_code"])}
    table = table.sort_values("indicator_code", key=lambda s: s.map(order), ignore_index=True)
    return table[list(INDICATOR_COLUMNS)]


# Hazards and events --------------------------------------------------------------------------------
def village_hazards(latest: pd.DataFrame, code: str) -> pd.DataFrame:
    """Index and class of every InaRISK hazard for the village; 'no_data' where there is none."""
    own = latest[latest["village_code"] == code].set_index("hazard")
    frame = pd.DataFrame({"hazard": list(hz.HAZARDS)})
    frame["index"] = own["index"].reindex(frame["hazard"]).to_numpy(dtype=float)
    frame["class"] = own["class"].reindex(frame["hazard"]).fillna(hz.NO_DATA).to_numpy(dtype=object)
    frame["year"] = own["year"].reindex(frame["hazard"]).to_numpy()
    frame["source"] = own["source"].reindex(frame["hazard"]).to_numpy()
    return frame


def village_events(events: pd.DataFrame, code: str) -> pd.DataFrame:
    """Events recorded for the village itself, its kecamatan or its regency (newest first)."""
    return hz.events_for_areas(events, [code], inside=False)


# Cases: kecamatan level only -----------------------------------------------------------------------
def kecamatan_cases_by_year(publication: Publication, subdistrict_code: str) -> KecamatanCases:
    """The kecamatan's published cases per calendar year, every year of the data, and over the
    window: the very cells the violence page and the map show for it (lib.safety.figures). The
    sidebar period is not applied: the profile shows the kecamatan's whole record."""
    view = CaseView(subdistricts=(subdistrict_code,))
    by_year = figure(publication, view, ("year",), strict=True)
    table = pd.DataFrame({"year": pd.Series([int(label) for label in by_year.values.index], dtype=int),
                          "value": by_year.values.to_numpy(dtype=float),
                          "state": pd.Series(by_year.states.to_numpy(), dtype=object)})
    total, state = figure(publication, view).single
    return KecamatanCases(subdistrict_code, table, total, state)


# Assembly ------------------------------------------------------------------------------------------
def build_profile(code: str, filters: Filters, *, villages: pd.DataFrame, activities: pd.DataFrame | None,
                  indicator_values: pd.DataFrame | None, indicators: pd.DataFrame | None,
                  hazards: pd.DataFrame | None, events: pd.DataFrame | None, cases: Publication | None) -> VillageProfile:
    """The whole profile of one village; a missing table gives an empty section, not an error."""
    header = village_header(villages, code)
    own = village_activities(activities, code, filters) if activities is not None else pd.DataFrame(
        columns=["activity_id", "date", "village_code", "activity_type", *ACTIVITY_PARTICIPANT_COLUMNS, "source"])
    has_indicators = indicator_values is not None and indicators is not None
    return VillageProfile(
        header=header,
        activities=own,
        reach=reach_totals(own),
        by_type=reach_by_type(own),
        by_month=reach_by_month(own, filters),
        indicators=(latest_indicator_values(indicator_values, indicators, code, filters)
                    if has_indicators else pd.DataFrame(columns=list(INDICATOR_COLUMNS))),
        hazards=village_hazards(hz.latest_hazards(hazards if hazards is not None else pd.DataFrame()), code),
        events=village_events(events, code) if events is not None else pd.DataFrame(),
        cases=kecamatan_cases_by_year(cases, header.subdistrict_code) if cases is not None else None,
    )
