"""What the climate page shows (hazards, events, programme x high hazard), as export frames
(column keys of lib.exports.formats.COLUMNS). No streamlit here."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from lib.metrics import hazards as hz
from lib.texts.i18n import code_label, t


# Hazards and events -----------------------------------------------------------------------------------
def _class_name(code: str, lang: str) -> str:
    return t("climate_no_data", lang) if code == hz.NO_DATA else code_label("hazard_class", code, lang)


def hazard_ranking_frame(ranking: pd.DataFrame, *, hazard: str, lang: str) -> pd.DataFrame:
    """lib.metrics.hazards.hazard_ranking of one hazard as exported (no data last, without a rank)."""
    class_names = {code: _class_name(code, lang) for code in set(ranking["class"])}   # a label per class, not per row
    return pd.DataFrame({
        "rank": ranking["rank"], "village_code": ranking["village_code"].astype(str),
        "village_name": ranking["label"], "subdistrict_name": ranking["subdistrict_name"],
        "hazard": hazard, "hazard_name": code_label("hazard", hazard, lang),
        "hazard_index": ranking["index"].astype(float).round(3),
        "hazard_class": [class_names[c] for c in ranking["class"]],
    })


def hazard_by_village_frame(latest: pd.DataFrame, area: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Every hazard of every village of the area (long), no data included."""
    index_grid = hz.hazard_index_grid(latest, area)
    classes = hz.hazard_class_grid(latest, area).to_numpy(dtype=object).ravel()
    years = hz.hazard_year_grid(latest, area).to_numpy(dtype=float).ravel()
    hazards = list(index_grid.columns) * len(index_grid)
    info = area.set_index("village_code")
    codes_ = pd.Index(np.repeat(np.array(index_grid.index, dtype=object), len(index_grid.columns)).tolist())
    # Labels per distinct code (a handful), then spread: a lookup per row cost most of the page's export.
    hazard_names = {hazard: code_label("hazard", hazard, lang) for hazard in index_grid.columns}
    class_names = {code: _class_name(code, lang) for code in set(classes)}
    return pd.DataFrame({
        "village_code": codes_.astype(str), "village_name": codes_.map(info["village_name"]),
        "subdistrict_name": codes_.map(info["subdistrict_name"]),
        "hazard": hazards,
        "hazard_name": [hazard_names[hazard] for hazard in hazards],
        "hazard_index": [round(value, 3) if not np.isnan(value) else np.nan
                         for value in index_grid.to_numpy(dtype=float).ravel().tolist()],
        "hazard_class": [class_names[code] for code in classes],
        "year": pd.array([None if np.isnan(year) else int(year) for year in years.tolist()], dtype="Int64"),
    })


def hazard_class_counts_frame(counts: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """lib.metrics.hazards.class_counts (hazards x classes) as a long table of village counts."""
    rows = [(hazard, cls) for hazard in counts.index for cls in counts.columns]
    return pd.DataFrame({
        "hazard": [h for h, _ in rows], "hazard_name": [code_label("hazard", h, lang) for h, _ in rows],
        "hazard_class": [_class_name(c, lang) for _, c in rows],
        "villages": [int(counts.at[h, c]) for h, c in rows],
    })


def village_hazards_frame(hazards: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """lib.metrics.village_profile.village_hazards as exported."""
    return pd.DataFrame({
        "hazard": hazards["hazard"].astype(str),
        "hazard_name": [code_label("hazard", h, lang) for h in hazards["hazard"]],
        "hazard_index": hazards["index"].astype(float).round(3),
        "hazard_class": [_class_name(c, lang) for c in hazards["class"]],
        "year": pd.array([None if pd.isna(y) else int(y) for y in hazards["year"]], dtype="Int64"),
    })


def events_frame(events: pd.DataFrame, names: Mapping[str, str], *, lang: str) -> pd.DataFrame:
    """Events (lib.metrics.hazards.events_for_areas) as exported, newest first."""
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
    """Programme x high-hazard village counts (lib.metrics.hazards.Overlap.table) as a long table."""
    state_names = {hz.HIGH: t("climate_col_high", lang), hz.NOT_HIGH: t("climate_col_not_high", lang),
                   hz.NO_DATA: t("climate_no_data", lang)}
    programme_names = {True: t("climate_row_programme", lang), False: t("climate_row_not_programme", lang)}
    rows = [(p, s) for p in table.index for s in table.columns]
    return pd.DataFrame({"programme": [programme_names[p] for p, _ in rows],
                         "category_code": [s for _, s in rows], "category_name": [state_names[s] for _, s in rows],
                         "villages": [int(table.at[p, s]) for p, s in rows]})


def overlap_list_frame(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Villages with their high hazards (lib.metrics.hazards.Overlap.overlapping or .gaps)."""
    return pd.DataFrame({
        "village_code": frame["village_code"].astype(str), "village_name": frame["label"],
        "subdistrict_name": frame["subdistrict_name"],
        "high_hazards": [", ".join(code_label("hazard", h, lang) for h in hazards)
                         for hazards in frame["high_hazards"]],
    })
