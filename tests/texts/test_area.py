"""The name of a view's area, as captions, alt texts and the deck's title slide write it."""
from __future__ import annotations

import pytest

from lib.data.filters import Filters
from lib.data.load import shipped_villages
from lib.texts.area import area_text, listed
from tests.conftest import DEFAULT_VIEW

VILLAGES = shipped_villages()


@pytest.mark.parametrize("filters, lang, expected", [
    (DEFAULT_VIEW, "en", "Kabupaten Kupang"),
    (Filters(), "en", "Kabupaten Kupang and Kabupaten Timor Tengah Selatan"),
    (Filters(), "id", "Kabupaten Kupang dan Kabupaten Timor Tengah Selatan"),
    (Filters(regencies=("53.02",)), "id", "Kabupaten Timor Tengah Selatan"),
    (Filters(regencies=("53.01",), subdistricts=("53.01.04", "53.01.05")), "en", "Kecamatan Semau and Kupang Barat"),
    (Filters(subdistricts=("53.01.04",), villages=("53.01.04.2003",)), "id", "Desa Bokonusan"),
])
def test_the_narrowest_level_chosen_is_named(filters: Filters, lang: str, expected: str) -> None:
    assert area_text(VILLAGES, filters, lang) == expected


def test_a_long_list_is_cut_after_four_names() -> None:
    assert listed(list("ABCDEF"), "en") == "A, B, C, D and 2 more"
    assert listed(["A"], "id") == "A" and listed([], "en") == ""
