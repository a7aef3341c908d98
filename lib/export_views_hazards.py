"""What the climate page shows (hazards, events, programme x high hazard), as export frames
(column keys of lib.exports.COLUMNS). No streamlit here."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from lib import hazards as hz
from lib.i18n import code_label, t


# Hazards and events -----------------------------------------------------------------------------------
def _class_name(code: str, lang: str) -> str:
    return t("climate_no_data", lang) if code == hz.NO_DATA else code_label("hazard_class", code, lang)


def hazard_ranking_frame(ranking: pd.DataFrame, *, hazard: str, lang: str) -> pd.DataFrame:
    """lib.hazards.hazard_ranking of one hazard as exported (no data last, without a rank)."""
    return pd.DataFrame({
        "rank": ranking["rank"], "village_code": ranking["village_code"].astype(str),
        "village_name": ranking["label"], "subdistrict_name": ranking["subdistrict_name"],
        "hazard": hazard, "hazard_name": code_label("hazard", hazard, lang),
        "hazard_index": ranking["index"].astype(float).round(3),
        "hazard_class": [_class_name(c, lang) for c in ranking["class"]],
    })


def hazard_by_village_frame(latest: pd.DataFrame, area: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Every hazard of every village of the area (long), no data included."""
    index_grid, class_grid = hz.hazard_index_grid(latest, area), hz.hazard_class_grid(latest, area)
    years = latest.pivot_table(index="village_code", columns="hazard", values="year", aggfunc="max") \
        if len(latest) else pd.DataFrame()
    info = area.set_index("village_code")
    rows = [(code, hazard) for code in index_grid.index for hazard in index_grid.columns]
    codes_ = pd.Index([code for code, _ in rows])
    return pd.DataFrame({
        "village_code": codes_.astype(str), "village_name": codes_.map(info["village_name"]),
        "subdistrict_name": codes_.map(info["subdistrict_name"]),
        "hazard": [hazard for _, hazard in rows],
        "hazard_name": [code_label("hazard", hazard, lang) for _, hazard in rows],
        "hazard_index": [round(float(index_grid.at[c, h]), 3) if pd.notna(index_grid.at[c, h]) else np.nan
                         for c, h in rows],
        "hazard_class": [_class_name(class_grid.at[c, h], lang) for c, h in rows],
        "year": pd.array([_year(years, c, h) for c, h in rows], dtype="Int64"),
    })


def _year(years: pd.DataFrame, code: str, hazard: str) -> int | None:
    if code in years.index and hazard in years.columns and pd.notna(years.at[code, hazard]):
        return int(years.at[code, hazard])
    return None


def hazard_class_counts_frame(counts: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """lib.hazards.class_counts (hazards x classes) as a long table of village counts."""
    rows = [(hazard, cls) for hazard in counts.index for cls in counts.columns]
    return pd.DataFrame({
        "hazard": [h for h, _ in rows], "hazard_name": [code_label("hazard", h, lang) for h, _ in rows],
        "hazard_class": [_class_name(c, lang) for _, c in rows],
        "villages": [int(counts.at[h, c]) for h, c in rows],
    })


def village_hazards_frame(hazards: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """lib.village_profile.village_hazards as exported."""
    return pd.DataFrame({
        "hazard": hazards["hazard"].astype(str),
        "hazard_name": [code_label("hazard", h, lang) for h in hazards["hazard"]],
        "hazard_index": hazards["index"].astype(float).round(3),
        "hazard_class": [_class_name(c, lang) for c in hazards["class"]],
        "year": pd.array([None if pd.isna(y) else int(y) for y in hazards["year"]], dtype="Int64"),
    })


def events_frame(events: pd.DataFrame, names: Mapping[str, str], *, lang: str) -> pd.DataFrame:
    """Events (lib.hazards.events_for_areas) as exported, newest first."""
    def whole(column: str) -> pd.arrays.IntegerArray:
        return pd.array([None if pd.isna(v) else int(v) for v in events[column]], dtype="Int64")

    return pd.DataFrame({
        "date": pd.to_datetime(events["date"]).dt.strftime("%Y-%m-%d"), "event_name": events["name"].astype(str),
        "event_type": events["event_type"].astype(str),
        "event_type_name": [code_label("event_type", c, lang) for c in events["event_type"]],
        "area_code": events["area_code"].astype(str),
        "area_name": [names.get(str(c), str(c)) for c in events["area_code"]],
        "affected": whole("affected"), "deaths": whole("deaths"), "houses_damaged": whole("houses_damaged"),
    })


def overlap_frame(table: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Programme x high-hazard village counts (lib.hazards.Overlap.table) as a long table."""
    state_names = {hz.HIGH: t("climate_col_high", lang), hz.NOT_HIGH: t("climate_col_not_high", lang),
                   hz.NO_DATA: t("climate_no_data", lang)}
    programme_names = {True: t("climate_row_programme", lang), False: t("climate_row_not_programme", lang)}
    rows = [(p, s) for p in table.index for s in table.columns]
    return pd.DataFrame({"programme": [programme_names[p] for p, _ in rows],
                         "category_code": [s for _, s in rows], "category_name": [state_names[s] for _, s in rows],
                         "villages": [int(table.at[p, s]) for p, s in rows]})


def overlap_list_frame(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Villages with their high hazards (lib.hazards.Overlap.overlapping or .gaps)."""
    return pd.DataFrame({
        "village_code": frame["village_code"].astype(str), "village_name": frame["label"],
        "subdistrict_name": frame["subdistrict_name"],
        "high_hazards": [", ".join(code_label("hazard", h, lang) for h in hazards)
                         for hazards in frame["high_hazards"]],
    })
