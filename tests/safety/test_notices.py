"""The notice of a page whose case figures could not follow its filters, in both languages."""
from __future__ import annotations

import pytest

from lib.safety.notices import INSTEAD, dropped_notice, instead_text


def test_nothing_dropped_gives_no_notice() -> None:
    assert dropped_notice((), "en", window="2022–2025") is None and instead_text((), "id", window="x") == ""


@pytest.mark.parametrize("lang, expected", [
    ("en", "all ages, both sexes, the whole regency, the whole period of the data (2022–2025)"),
    ("id", "semua umur, kedua jenis kelamin, seluruh kabupaten, seluruh periode data (2022–2025)")])
def test_every_dropped_filter_says_what_is_shown_instead_once(lang: str, expected: str) -> None:
    dropped = ("year", "victim_group", "subdistrict", "victim_age_group", "victim_sex")
    assert set(dropped) == set(INSTEAD)
    assert instead_text(dropped, lang, window="2022–2025") == expected
    assert expected in dropped_notice(dropped, lang, window="2022–2025")
