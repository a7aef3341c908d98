"""Colours: colour-blind-safe (Okabe-Ito), one colour per category code across every page and map.

Declared as data so that a chart, a map legend and an exported slide use the same colour for
'seksual' or 'kekeringan'. States (no data, zero, hidden) have colours of their own.
"""
from __future__ import annotations

from lib.data.codes import ALL_CODE_LISTS

# Okabe & Ito (2008), safe for the common colour-vision deficiencies; then a neutral grey.
OKABE_ITO: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                              "#000000", "#999999")

NO_DATA_COLOUR = "#D9D9D9"      # nothing reported
ZERO_COLOUR = "#F7F7F7"         # reported, and zero
HIDDEN_COLOUR = "#9E9E9E"       # suppressed to protect survivors
TARGET_COLOUR = "#D55E00"       # target lines
TEXT_COLOUR = "#222222"

STATUS_COLOURS: dict[str, str] = {
    "on_track": "#009E73", "behind": "#E69F00", "off_track": "#D55E00", "achieved": "#0072B2",
    "no_data": NO_DATA_COLOUR, "partial": ZERO_COLOUR, "reported_wider": NO_DATA_COLOUR, "hidden": HIDDEN_COLOUR,
}

# InaRISK classes on a sequential scale (ColorBrewer OrRd, colour-blind safe).
HAZARD_CLASS_COLOURS: dict[str, str] = {"rendah": "#FDD49E", "sedang": "#FC8D59", "tinggi": "#B30000"}


# Sequential ColorBrewer ramps (colour-blind safe), lightest end dropped so that the lowest class
# never looks like zero (#F7F7F7) or no data (#D9D9D9).
SEQUENTIAL_RAMPS: dict[str, tuple[str, ...]] = {
    "reach": ("#C7E9B4", "#7FCDBB", "#41B6C4", "#1D91C0", "#225EA8", "#253494"),       # YlGnBu
    "violence": ("#C994C7", "#DF65B0", "#E7298A", "#CE1256", "#980043", "#67001F"),    # PuRd
    "priority": ("#FEE391", "#FEC44F", "#FE9929", "#EC7014", "#CC4C02", "#8C2D04"),    # YlOrBr
}
# Joshua Stevens' teal-purple bivariate scheme: (x class, y class) -> colour; x grows to teal,
# y grows to purple, both high is dark blue. Colour-blind safe.
BIVARIATE_COLOURS: dict[str, str] = {
    "1-1": "#E8E8E8", "2-1": "#ACE4E4", "3-1": "#5AC8C8",
    "1-2": "#DFB0D6", "2-2": "#A5ADD3", "3-2": "#5698B9",
    "1-3": "#BE64AC", "2-3": "#8C62AA", "3-3": "#3B4994",
}


def category_colours(list_name: str) -> dict[str, str]:
    """Code -> colour for one code list, stable by the list's order."""
    codes = ALL_CODE_LISTS[list_name].values
    return {code: OKABE_ITO[index % len(OKABE_ITO)] for index, code in enumerate(codes)}


def category_colour(list_name: str, code: str) -> str:
    return category_colours(list_name).get(code, NO_DATA_COLOUR)
