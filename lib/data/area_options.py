"""What the sidebar's area filters offer, for the regencies and kecamatan chosen. Pure; lib.ui.cache
keeps one answer per data version and choice, so a rerun does not sort the village table again."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

# Above this many desa, the desa list waits for a kecamatan: a list of thousands is no use to pick
# from, and sending it on every rerun costs the browser (all of NTT has ~3,400; Kupang 177).
DESA_OPTIONS_MAX = 1000


@dataclass(frozen=True)
class AreaOptions:
    regencies: dict[str, str]       # code -> name, every regency of the data
    kecamatan: dict[str, str]       # code -> name, in the chosen regencies, by name
    desa: dict[str, str]            # code -> 'Desa (Kecamatan)', in the chosen kecamatan, by kecamatan and name
    desa_need_kecamatan: bool       # too many desa to list: choose a kecamatan first


def area_options(villages: pd.DataFrame, regencies: Sequence[str] = (), subdistricts: Sequence[str] = (), *,
                 desa_max: int | None = None) -> AreaOptions:
    """Options of the regency, kecamatan and desa filters, each narrowed by the choices above it."""
    return narrowed(all_area_options(villages), regencies, subdistricts, desa_max=desa_max)


def all_area_options(villages: pd.DataFrame) -> AreaOptions:
    """Every regency, kecamatan and desa of the village table, sorted as the filters list them."""
    regency_names = dict(zip(villages["regency_code"], villages["regency_name"]))
    kecamatan = villages[["subdistrict_code", "subdistrict_name"]].drop_duplicates().sort_values("subdistrict_name")
    desa = villages.sort_values(["subdistrict_name", "village_name"])
    desa_names = dict(zip(desa["village_code"], desa["village_name"] + " (" + desa["subdistrict_name"] + ")"))
    return AreaOptions(regency_names, dict(zip(kecamatan["subdistrict_code"], kecamatan["subdistrict_name"])),
                       desa_names, False)


def narrowed(everything: AreaOptions, regencies: Sequence[str] = (), subdistricts: Sequence[str] = (), *,
             desa_max: int | None = None) -> AreaOptions:
    """`everything` narrowed to the chosen regencies and kecamatan. Codes are hierarchical (a kecamatan
    code starts with its regency's, a desa code with its kecamatan's), so narrowing is a prefix test on
    lists already in order: no sorting on a rerun."""
    def within(codes: dict[str, str], parents: Sequence[str]) -> dict[str, str]:
        prefixes = tuple(f"{parent}." for parent in parents)
        return {code: name for code, name in codes.items() if code.startswith(prefixes)} if prefixes else codes

    kecamatan = within(everything.kecamatan, regencies)
    chosen = [code for code in subdistricts if code in kecamatan]
    in_area = within(everything.desa, chosen or (regencies if regencies else ()))
    too_many = not chosen and len(in_area) > (DESA_OPTIONS_MAX if desa_max is None else desa_max)
    return AreaOptions(everything.regencies, kecamatan, {} if too_many else in_area, too_many)


def desa_label(villages: pd.DataFrame, code: str) -> str | None:
    """'Desa (Kecamatan)' of one village code, for a desa chosen by link when the list is not offered."""
    row = villages[villages["village_code"] == code]
    return None if row.empty else f"{row['village_name'].iloc[0]} ({row['subdistrict_name'].iloc[0]})"


def kept_desa(chosen: Sequence[str], regencies: Sequence[str], villages: pd.DataFrame) -> dict[str, str]:
    """The desa already chosen (by a link) that stay offered when the list waits for a kecamatan:
    those within the chosen regencies (another regency's desa would empty every page)."""
    return {code: desa_label(villages, code) or code for code in chosen
            if not regencies or code[:5] in regencies}
