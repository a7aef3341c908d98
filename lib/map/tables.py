"""The frames and labels the map page shows besides the deck: the villages in view, their names in the
selectbox, the hazards and indicators offered, and the priority table on screen. Pure functions (no
streamlit); each returns a new frame or mapping and never changes its inputs."""
from __future__ import annotations

import pandas as pd

from lib.data.codes import HAZARD
from lib.data.filters import Filters, area_mask, village_profile_urls
from lib.map.priority import display_frame
from lib.texts.i18n import in_language, t



def area_villages(villages: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The villages inside the sidebar's area, sorted by code and numbered from 0 (the order the map
    draws and the selectbox lists them in)."""
    return villages[area_mask(villages, filters)].sort_values("village_code").reset_index(drop=True)


def village_names(area: pd.DataFrame) -> dict[str, str]:
    """Village code -> "name (kecamatan)", as the selectbox and the profile link name a village."""
    return dict(zip(area["village_code"], area["village_name"] + " (" + area["subdistrict_name"] + ")"))


def kecamatan_names(area: pd.DataFrame) -> dict[str, str]:
    """Kecamatan code -> name, for the kecamatan labels drawn on the map."""
    return dict(zip(area["subdistrict_code"], area["subdistrict_name"]))


def village_labels(area: pd.DataFrame) -> dict[str, str]:
    """Village code -> name, for the village labels drawn on the map of one kecamatan."""
    return dict(zip(area["village_code"], area["village_name"]))


def hazards_present(hazards: pd.DataFrame | None) -> list[str]:
    """The hazards the table has rows for, in the code list's order (none without a table)."""
    present = set(hazards["hazard"].unique()) if hazards is not None else set()
    return [h for h in HAZARD.values if h in present]


def indicator_names(indicators: pd.DataFrame, *, lang: str) -> dict[str, str]:
    """Indicator code -> "code · name" in the language, for the indicator selectbox."""
    return dict(zip(indicators["indicator_code"],
                    indicators["indicator_code"] + " · " + indicators[in_language("name", lang)]))


def priority_screen_table(export: pd.DataFrame, ranked: pd.DataFrame, *, lang: str,
                          filters: Filters | None = None) -> pd.DataFrame:
    """The ranked villages as the page's table shows them: lib.map.priority.display_frame of the export
    without the village code and raw hazard columns, and a last column (map_col_profile) with the link
    to each village's profile (`ranked`, the rows of the export in the same order, gives the codes)."""
    shown = display_frame(export, lang=lang).drop(columns=[t("map_col_village_code", lang), t("map_col_hazard", lang)])
    links = village_profile_urls(ranked["village_code"].astype(str).tolist(), lang=lang, filters=filters)
    return shown.assign(**{t("climate_col_profile", lang): links})
