"""The shared filters: a value object, read from and written to the URL, and the masks it makes.

URL keys (several values by repeating the key):
?lang=en&regency=53.01&kecamatan=53.01.04&desa=53.01.04.2003&from=2024-08&to=2025-12&sex=perempuan&age=13-17&disability=ya

A URL without `regency` shows the programme's area (lib.data.programme_area), `regency=all` every regency
of the village table.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode
from dataclasses import dataclass, fields

import pandas as pd

from lib.data import codes
from lib.data.parse import period_start

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# The URL value of the regency filter that asks for every regency, where the programme's area is fewer.
ALL_REGENCIES = "all"

# Filter field -> URL key.
QUERY_KEYS: dict[str, str] = {
    "period_from": "from", "period_to": "to", "regencies": "regency", "subdistricts": "kecamatan",
    "villages": "desa", "sexes": "sex", "age_groups": "age", "disabilities": "disability",
}


@dataclass(frozen=True)
class Filters:
    """What the user chose; empty means 'all'. Periods are months 'YYYY-MM', inclusive."""

    period_from: str | None = None
    period_to: str | None = None
    regencies: tuple[str, ...] = ()
    subdistricts: tuple[str, ...] = ()
    villages: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    disabilities: tuple[str, ...] = ()

    def area_codes(self) -> tuple[str, ...]:
        """The most specific area selection: villages, else kecamatan, else regencies."""
        return self.villages or self.subdistricts or self.regencies


def filters_from_query(query: Mapping[str, Sequence[str]], villages: pd.DataFrame,
                       programme_area: tuple[str, ...] = ()) -> Filters:
    """Filters from URL parameters; unknown codes and malformed months are dropped, desa are kept
    only inside the chosen kecamatan, and from/to are swapped when reversed. Without a known `regency`
    the regencies are the `programme_area`, when the kecamatan and desa asked for lie in it."""
    def values(key: str) -> list[str]:
        raw = query.get(key, [])
        return [raw] if isinstance(raw, str) else list(raw)

    known_regencies = set(villages["regency_code"])
    known_subdistricts = set(villages["subdistrict_code"])
    # Only 'all' widens the view to every regency: a link whose regencies are all unknown (a typo, a
    # regency no longer in the data) reads as one that names none.
    asked = [c for c in values("regency") if c in known_regencies or c == ALL_REGENCIES]
    regencies = tuple(dict.fromkeys(c for c in asked if c in known_regencies))
    if not asked:
        known_areas = known_subdistricts | set(villages["village_code"])
        areas = [code for code in (*values("kecamatan"), *values("desa")) if code in known_areas]
        regencies = programme_area if all(code[:5] in programme_area for code in areas) else ()
    subdistricts = tuple(dict.fromkeys(c for c in values("kecamatan") if c in known_subdistricts
                                       and (not regencies or c[:5] in regencies)))
    inside = villages if not subdistricts else villages[villages["subdistrict_code"].isin(subdistricts)]
    allowed_villages = set(inside["village_code"])
    village_codes = tuple(dict.fromkeys(c for c in values("desa") if c in allowed_villages
                                        and (not regencies or c[:5] in regencies)))
    months = [next((m for m in values(key) if MONTH.match(m)), None) for key in ("from", "to")]
    if months[0] and months[1] and months[0] > months[1]:
        months.reverse()
    return Filters(
        period_from=months[0], period_to=months[1], regencies=regencies, subdistricts=subdistricts,
        villages=village_codes,
        sexes=_codes(values("sex"), codes.SEX), age_groups=_codes(values("age"), codes.AGE_GROUP),
        disabilities=_codes(values("disability"), codes.DISABILITY),
    )


def _codes(raw: Sequence[str], code_list: codes.CodeList) -> tuple[str, ...]:
    resolved = (code_list.resolve(value) for value in raw)
    return tuple(dict.fromkeys(code for code in resolved if code))


def filters_to_query(filters: Filters, programme_area: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """URL parameters for `filters` (only what is set; the regencies when they are not the `programme_area`)."""
    query: dict[str, list[str]] = {}
    for field in fields(Filters):
        value = getattr(filters, field.name)
        if value:
            query[QUERY_KEYS[field.name]] = [value] if isinstance(value, str) else list(value)
    if filters.regencies == programme_area:
        query.pop(QUERY_KEYS["regencies"], None)
    elif not filters.regencies:
        query[QUERY_KEYS["regencies"]] = [ALL_REGENCIES]
    return query


# The filters a link to one village keeps: the period and the groups, not the area (the village is the area).
KEPT_BY_VILLAGE_LINKS: tuple[str, ...] = ("period_from", "period_to", "sexes", "age_groups", "disabilities")


def village_profile_urls(village_codes: Sequence[str], *, lang: str, filters: Filters | None = None) -> list[str]:
    """Links to the village profile page (?village=<code>), in the reader's language and with the
    period and groups they had chosen, so that following one changes nothing but the village."""
    kept = {field: getattr(filters, field) for field in KEPT_BY_VILLAGE_LINKS} if filters else {}
    query = filters_to_query(Filters(**kept)) if kept else {}
    rest = urlencode([(key, value) for key, values in query.items() for value in values])
    return [f"./village?village={code}&lang={lang}" + (f"&{rest}" if rest else "") for code in village_codes]


# Masks ---------------------------------------------------------------------------------------------
def area_mask(frame: pd.DataFrame, filters: Filters, *, column: str = "village_code",
              subdistrict_column: str | None = None) -> pd.Series:
    """Rows inside the chosen area. Codes are hierarchical (53.01.04.2003 lies in 53.01.04 and
    53.01); rows known only at kecamatan level (blank village) match kecamatan and regency
    filters through `subdistrict_column`, never a desa filter."""
    codes_ = frame[column].astype("string")
    if subdistrict_column is not None:
        codes_ = codes_.fillna(frame[subdistrict_column].astype("string"))
    codes_ = codes_.fillna("")
    mask = pd.Series(True, index=frame.index)
    for selection in (filters.regencies, filters.subdistricts, filters.villages):
        if selection:
            mask &= _within_any(codes_, selection)
    return mask


def _within_any(codes_: pd.Series, selection: Sequence[str]) -> pd.Series:
    """Codes equal to, or lying inside, any selected code (areas above the selection do not match)."""
    result = pd.Series(False, index=codes_.index)
    for code in selection:
        result |= (codes_ == code) | codes_.str.startswith(code + ".")
    return result


def date_mask(dates: pd.Series, filters: Filters) -> pd.Series:
    """Dates inside the chosen months (whole months, inclusive)."""
    months = dates.dt.strftime("%Y-%m")
    mask = pd.Series(True, index=dates.index)
    if filters.period_from:
        mask &= months >= filters.period_from
    if filters.period_to:
        mask &= months <= filters.period_to
    return mask & dates.notna()


def period_mask(periods: pd.Series, filters: Filters) -> pd.Series:
    """Reporting periods ('YYYY-MM' or 'YYYY-Qn') that overlap the chosen months."""
    starts = periods.map(lambda p: period_start(p).strftime("%Y-%m"))
    ends = periods.map(_period_last_month)
    mask = pd.Series(True, index=periods.index)
    if filters.period_from:
        mask &= ends >= filters.period_from
    if filters.period_to:
        mask &= starts <= filters.period_to
    return mask


def _period_last_month(period: str) -> str:
    start = period_start(period)
    last = start.month + (2 if "Q" in period else 0)
    return f"{start.year:04d}-{last:02d}"


def category_mask(values: pd.Series, chosen: Sequence[str], *, blank_is_total: bool = False) -> pd.Series:
    """Rows whose category is chosen (all rows when nothing is chosen).

    For disaggregated indicator values a blank means 'all'; with a choice made, only the rows of
    that disaggregation match, so totals and parts are never added together.
    """
    if not chosen:
        return values.isna() if blank_is_total else pd.Series(True, index=values.index)
    return values.isin(chosen).fillna(False).astype(bool)
