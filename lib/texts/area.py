"""The name of the area a view shows: 'Kabupaten Kupang', 'Kecamatan Semau and Amarasi', 'Desa Oelnasi'.

One place for every caption, slide and alt text that names the view's area, so the overview's subtitle,
the map's description and the deck's title slide say the same thing for the same filters.
"""
from __future__ import annotations

import pandas as pd

from lib.data.filters import Filters
from lib.texts.i18n import t


def listed(names: list[str], lang: str, *, most: int = 4) -> str:
    """'A, B and C' / 'A, B dan C'; past `most` names, '… and 3 more'."""
    if len(names) > most:
        return t("slide_list_more", lang, names=", ".join(names[:most]), more=len(names) - most)
    if len(names) <= 1:
        return "".join(names)
    return t("slide_list_and", lang, names=", ".join(names[:-1]), last=names[-1])


def area_text(villages: pd.DataFrame, filters: Filters, lang: str) -> str:
    """The narrowest level the filters choose, by name: desa, else kecamatan, else regencies (every regency
    of `villages` when none is chosen)."""
    if filters.villages:
        names = villages.set_index("village_code").loc[list(filters.villages), "village_name"].tolist()
        return t("slide_area_villages", lang, names=listed(names, lang))
    if filters.subdistricts:
        names = villages.drop_duplicates("subdistrict_code").set_index("subdistrict_code").loc[
            list(filters.subdistricts), "subdistrict_name"].tolist()
        return t("slide_area_kecamatan", lang, names=listed(names, lang))
    regencies = villages.drop_duplicates("regency_code").sort_values("regency_code")
    if filters.regencies:
        regencies = regencies[regencies["regency_code"].isin(filters.regencies)]
    return listed(regencies["regency_name"].tolist(), lang)
