"""What a chart or table shows, as an export frame (column keys of lib.exports.formats.COLUMNS).

Each *_frame function takes what a page already computed (so a download holds exactly the numbers
on screen); case counts are published cells (lib.safety.figures) and go through `cases_frame`, which
writes a hidden count as a blank with its state, says what a figure shows instead of a filter it could
not follow, and refuses any count from 1 to threshold-1. No streamlit here.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lib.texts.i18n import code_label, in_language, t
from lib.map.priority import NexusInputs
from lib.safety.suppress import HIDDEN_STATES, CellState


class UnsafeExport(ValueError):
    """A case count from 1 to threshold-1 reached an export: a bug upstream, never written."""


# Case counts -----------------------------------------------------------------------------------------
def state_label(state: CellState, lang: str, *, threshold: int) -> str:
    """'Shown', 'Zero', '<5', 'Hidden …', 'No data' in the reader's language."""
    return t(f"exp_state_{CellState(state).value}", lang, threshold=threshold)


def cases_frame(keys: Mapping[str, Sequence], values: Sequence, states: Sequence, *, lang: str,
                threshold: int, shown_for: str = "") -> pd.DataFrame:
    """Key columns, then `cases` (whole number, blank where hidden or no data) and `cases_state`;
    `shown_for` (SlideContext.shown_for: 'both sexes, all ages') is said in every state where the
    figure could not follow a filter."""
    shown = [None if pd.isna(v) or s in HIDDEN_STATES or s == CellState.NO_DATA else int(round(float(v)))
             for v, s in zip(values, states)]
    if any(v is not None and 0 < v < threshold for v in shown):
        raise UnsafeExport("a case count below the threshold reached an export")
    frame = pd.DataFrame({key: list(column) for key, column in keys.items()})
    frame["cases"] = pd.array(shown, dtype="Int64")
    labels = [state_label(s, lang, threshold=threshold) for s in states]
    frame["cases_state"] = [t("exp_state_shown_for", lang, state=text, instead=shown_for) for text in labels] \
        if shown_for else labels
    return frame


def breakdown_frame(series: pd.Series, states: pd.Series, *, lang: str, threshold: int,
                    list_name: str | None = None, names: Mapping[str, str] | None = None,
                    key: str = "category_code", name_key: str = "category_name", shown_for: str = "") -> pd.DataFrame:
    """One published breakdown (lib.safety.figures.Figure values and states) with codes and their names."""
    codes_ = [str(c) for c in series.index]
    keys: dict[str, Sequence] = {key: codes_}
    if list_name is not None:
        keys[name_key] = [code_label(list_name, c, lang) for c in codes_]
    elif names is not None:
        keys[name_key] = [names.get(c, c) for c in codes_]
    return cases_frame(keys, series.to_numpy(), states.to_numpy(), lang=lang, threshold=threshold,
                       shown_for=shown_for)


def periods_frame(series: pd.Series, states: pd.Series, *, lang: str, threshold: int,
                  shown_for: str = "") -> pd.DataFrame:
    """Published cases per period ('2025', '2025-Q1')."""
    return cases_frame({"period": [str(p) for p in series.index]}, series.to_numpy(), states.to_numpy(), lang=lang,
                       threshold=threshold, shown_for=shown_for)


# Reach ------------------------------------------------------------------------------------------------
REACH_SUMS: dict[str, str] = {"activities": "activities", "female": "participants_female",
                              "male": "participants_male", "total": "participants",
                              "youth": "participants_youth", "with_disability": "participants_with_disability"}


def _percent(share: pd.Series) -> pd.Series:
    return (100 * share.astype(float)).round(1)


def reach_by_type_frame(table: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """lib.metrics.reach.reach_by_type as exported: type code and name, counts, women's share (%)."""
    frame = pd.DataFrame({"activity_type": table["activity_type"].astype(str),
                          "activity_type_name": [code_label("activity_type", c, lang) for c in table["activity_type"]]})
    for source, key in REACH_SUMS.items():
        frame[key] = table[source].astype(int).to_numpy()
    frame["women_share"] = _percent(table["women_share"]).to_numpy()
    return frame


def reach_by_area_frame(table: pd.DataFrame, *, level: str, villages: pd.DataFrame) -> pd.DataFrame:
    """lib.metrics.reach.reach_by_area (kecamatan or desa) as exported."""
    if level == "desa":
        kecamatan = dict(zip(villages["village_code"], villages["subdistrict_name"]))
        frame = pd.DataFrame({"village_code": table["area_code"].astype(str), "village_name": table["area_name"],
                              "subdistrict_name": table["area_code"].map(kecamatan)})
    else:
        frame = pd.DataFrame({"subdistrict_code": table["area_code"].astype(str),
                              "subdistrict_name": table["area_name"]})
    for source, key in REACH_SUMS.items():
        frame[key] = table[source].astype(int).to_numpy()
    frame["women_share"] = _percent(table["women_share"]).to_numpy()
    return frame


def reach_by_village_frame(reach: pd.DataFrame, area: pd.DataFrame) -> pd.DataFrame:
    """lib.map.layers.reach_by_village (every village of the area, zeros included) as exported."""
    info = area.set_index("village_code")
    codes_ = reach.index.astype(str)
    return pd.DataFrame({
        "village_code": codes_, "village_name": codes_.map(info["village_name"]),
        "subdistrict_name": codes_.map(info["subdistrict_name"]),
        "participants": reach["participants"].astype(int).to_numpy(),
        "participants_female": reach["female"].astype(int).to_numpy(),
        "participants_male": reach["male"].astype(int).to_numpy(),
        "participants_with_disability": reach["with_disability"].astype(int).to_numpy(),
        "activities": reach["activities"].astype(int).to_numpy(),
        "women_share": _percent(reach["women_share"]).to_numpy(),
    })


def _participants(reach: pd.DataFrame) -> dict[str, pd.Series]:
    """The participant columns of a lib.metrics.reach table, as exported (whole numbers)."""
    return {"participants_female": reach["female"].astype(int), "participants_male": reach["male"].astype(int),
            "participants_with_disability": reach["with_disability"].astype(int),
            "participants_youth": reach["youth"].astype(int)}


def reach_by_month_frame(by_month: pd.DataFrame) -> pd.DataFrame:
    """lib.metrics.reach.reach_by_month as exported."""
    return pd.DataFrame({"period": by_month["month"].astype(str), "activities": by_month["activities"].astype(int),
                         **_participants(by_month)})


def village_reach_by_type_frame(by_type: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """lib.metrics.reach.reach_by_type of one village as exported."""
    return pd.DataFrame({
        "activity_type": by_type["activity_type"].astype(str),
        "activity_type_name": [code_label("activity_type", c, lang) for c in by_type["activity_type"]],
        "activities": by_type["activities"].astype(int), **_participants(by_type),
    })


# Indicators -------------------------------------------------------------------------------------------
def indicator_progress_frame(table: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """lib.metrics.indicators.framework_progress (or a village's latest values) as exported; a hidden value is blank."""
    hidden = table["status"] == "hidden"
    return pd.DataFrame({
        "indicator_code": table["indicator_code"].astype(str),
        "indicator_name": table[in_language("name", lang)].astype(str),
        "indicator_level": [code_label("level", v, lang) for v in table["level"]],
        "unit": [code_label("unit", v, lang) for v in table["unit"]],
        "baseline": table["baseline"].astype(float), "target": table["target"].astype(float),
        "target_date": pd.to_datetime(table["target_date"]).dt.strftime("%Y-%m-%d"),
        "period": table["period"].astype("string"),
        "value": table["value"].astype(float).where(~hidden).round(2),
        "percent_of_target": table["percent_of_target"].astype(float).round(1),
        "expected_share": table["expected_share"].astype(float).round(1),
        "status": table["status"].astype(str),
        "status_name": [t(f"prog_status_{s}", lang) for s in table["status"]],
    })


def indicator_series_frame(series: pd.DataFrame) -> pd.DataFrame:
    """One indicator's value per period (hidden small counts blank)."""
    ordered = series.sort_values("period_end")
    return pd.DataFrame({"indicator_code": ordered["indicator_code"].astype(str),
                         "period": ordered["period"].astype(str),
                         "value": ordered["value"].astype(float).round(2)})


def disaggregation_frame(groups: pd.DataFrame, *, indicator_code: str, lang: str) -> pd.DataFrame:
    """lib.metrics.indicators.disaggregation_latest as exported (hidden small counts blank)."""
    return pd.DataFrame({
        "indicator_code": indicator_code,
        "measure": [code_label("disaggregation", d, lang) for d in groups["dimension"]],
        "category_code": groups["category"].astype(str),
        "category_name": [code_label(d, c, lang) for d, c in zip(groups["dimension"], groups["category"])],
        "period": groups["period"].astype(str),
        "value": groups["value"].astype(float).where(~groups["hidden"].astype(bool)).round(2),
    })


def lagging_frame(table: pd.DataFrame) -> pd.DataFrame:
    """lib.metrics.reach.lagging_villages as exported, ranked from 1."""
    return pd.DataFrame({
        "rank": np.arange(1, len(table) + 1), "village_code": table["village_code"].astype(str),
        "village_name": table["village_name"], "subdistrict_name": table["subdistrict_name"],
        "lag_score": table["lag_score"].astype(float).round(1),
        "mean_progress": table["mean_progress"].astype(float).round(1),
        "participants": table["participants"].astype(int), "indicators_behind": table["indicators_behind"].astype(str),
    })


def village_list_frame(villages: pd.DataFrame) -> pd.DataFrame:
    """The villages table of the overview's list."""
    return pd.DataFrame({key: villages[key].astype(str) for key in
                         ("village_code", "village_name", "village_type", "subdistrict_code", "subdistrict_name",
                          "regency_code", "regency_name")})


def details_frame(area: pd.DataFrame, details: Mapping[str, pd.Series]) -> pd.DataFrame:
    """A map layer's values per village as shown in its tooltips (one row per village and measure)."""
    rows = []
    for code, name, kecamatan in zip(area["village_code"], area["village_name"], area["subdistrict_name"]):
        for measure, values in details.items():
            rows.append((str(code), name, kecamatan, measure, str(values.get(code, ""))))
    return pd.DataFrame(rows, columns=["village_code", "village_name", "subdistrict_name", "measure", "label"])


# Priority index -----------------------------------------------------------------------------------------
def priority_frame(ranked: pd.DataFrame, inputs: NexusInputs, villages: pd.DataFrame, *, lang: str,
                   threshold: int) -> pd.DataFrame:
    """lib.map.priority's ranked villages as exported; the kecamatan's cases as safe counts."""
    info = villages.set_index("village_code")
    codes_ = ranked["village_code"].astype(str)
    inputs_frame = inputs.frame.reindex(codes_)
    frame = cases_frame({
        "rank": ranked["rank"].to_numpy(), "village_code": codes_.to_numpy(),
        "village_name": codes_.map(info["village_name"]).to_numpy(),
        "subdistrict_name": codes_.map(info["subdistrict_name"]).to_numpy(),
        "priority": ranked["priority"].astype(float).round(3).to_numpy(),
        "hazard_index": ranked["hazard"].astype(float).round(3).to_numpy(),
        "hazard_norm": ranked["hazard_norm"].astype(float).round(3).to_numpy(),
    }, inputs_frame["violence"].to_numpy(), inputs_frame["violence_state"].fillna(CellState.NO_DATA).to_numpy(),
        lang=lang, threshold=threshold)
    frame["violence_norm"] = ranked["violence_norm"].astype(float).round(3).to_numpy()
    frame["participants"] = pd.array([None if pd.isna(v) else int(v) for v in inputs_frame["participants"]],
                                     dtype="Int64")
    frame["coverage"] = ranked["coverage"].astype(float).round(3).to_numpy()
    frame["gap"] = ranked["gap"].astype(float).round(3).to_numpy()
    return frame
