"""lib.data.area_options: what the sidebar's area filters offer; the desa list waits for a kecamatan only
when it would be too long to pick from."""
from __future__ import annotations

import pandas as pd

from lib.data.area_options import area_options, desa_label
from tests.pages_helpers import run_page


def test_options_narrow_with_each_choice_above(villages: pd.DataFrame) -> None:
    """Narrowing the full lists by code gives what filtering the village table gives."""
    everything = area_options(villages)
    assert len(everything.kecamatan) == 24 + 32 and len(everything.desa) == 455 and not everything.desa_need_kecamatan
    assert everything.regencies == {"53.01": "Kabupaten Kupang", "53.02": "Kabupaten Timor Tengah Selatan"}
    kupang = area_options(villages, ("53.01",))
    assert len(kupang.kecamatan) == 24 and len(kupang.desa) == 177
    assert list(everything.kecamatan.values()) == sorted(everything.kecamatan.values())
    kecamatan = villages["subdistrict_code"].iloc[0]
    inside = villages[villages["subdistrict_code"] == kecamatan]
    narrowed = area_options(villages, (), (kecamatan,))
    assert set(narrowed.desa) == set(inside["village_code"])
    name = inside["subdistrict_name"].iloc[0]
    assert all(label.endswith(f"({name})") for label in narrowed.desa.values())
    assert area_options(villages, ("99.99",)).kecamatan == {}    # a regency the data does not hold


def test_too_many_desa_wait_for_a_kecamatan(villages: pd.DataFrame) -> None:
    options = area_options(villages, desa_max=100)
    assert options.desa == {} and options.desa_need_kecamatan
    kecamatan = villages["subdistrict_code"].iloc[0]
    chosen = area_options(villages, (), (kecamatan,), desa_max=100)
    assert not chosen.desa_need_kecamatan and len(chosen.desa) == (villages["subdistrict_code"] == kecamatan).sum()
    code = villages["village_code"].iloc[0]
    assert desa_label(villages, code) == f"{villages['village_name'].iloc[0]} ({villages['subdistrict_name'].iloc[0]})"
    assert desa_label(villages, "53.01.99.9999") is None


def test_the_sidebar_offers_the_cached_options_and_keeps_a_linked_desa(villages: pd.DataFrame, monkeypatch) -> None:
    monkeypatch.setattr("lib.data.area_options.DESA_OPTIONS_MAX", 100)   # Kupang's 177 desa count as 'too many'
    app = run_page(lang="en")
    desa = app.multiselect(key="f_desa")
    assert desa.options == [] and desa.placeholder == "Choose a kecamatan first"
    code = villages["village_code"].iloc[0]
    linked = run_page(lang="en", desa=code)                    # a link to one desa still shows that desa
    assert linked.multiselect(key="f_desa").value == [code] and linked.query_params["desa"] in (code, [code])
    kecamatan = villages["subdistrict_code"].iloc[0]
    app.multiselect(key="f_kecamatan").set_value([kecamatan]).run()
    offered = app.multiselect(key="f_desa").options
    assert len(offered) == (villages["subdistrict_code"] == kecamatan).sum()


def test_narrowing_by_code_equals_filtering_the_table(villages: pd.DataFrame) -> None:
    from lib.data.area_options import all_area_options, narrowed

    everything = all_area_options(villages)
    regency = villages["regency_code"].iloc[0]
    for subdistricts in [(), tuple(villages["subdistrict_code"].unique()[:2]), ("53.01.99",)]:
        for regencies in [(), (regency,)]:
            inside = villages[villages["regency_code"].isin(regencies)] if regencies else villages
            chosen = [code for code in subdistricts if code in set(inside["subdistrict_code"])]
            inside = inside[inside["subdistrict_code"].isin(chosen)] if chosen else inside
            expected = inside.sort_values(["subdistrict_name", "village_name"])
            result = narrowed(everything, regencies, subdistricts)
            assert list(result.desa) == expected["village_code"].tolist()
            assert list(result.desa.values()) == (expected["village_name"] + " ("
                                                  + expected["subdistrict_name"] + ")").tolist()


def test_a_linked_desa_stays_offered_only_within_the_chosen_regencies(villages: pd.DataFrame) -> None:
    from lib.data.area_options import kept_desa

    code = villages["village_code"].iloc[0]
    label = desa_label(villages, code)
    assert kept_desa([code], [], villages) == {code: label}
    assert kept_desa([code], [code[:5]], villages) == {code: label}
    assert kept_desa([code], ["53.02"], villages) == {}           # another regency chosen: dropped
    assert kept_desa(["53.01.99.9999"], [], villages) == {"53.01.99.9999": "53.01.99.9999"}
