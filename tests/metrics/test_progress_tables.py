"""The results framework table as people read it: codes that never break across lines."""
from __future__ import annotations

from datetime import date

from lib.data.filters import Filters
from lib.data.load import load_table
from lib.metrics.indicators import framework_progress, programme_start, shown_series
import pytest

from lib.metrics.progress_tables import NON_BREAKING_HYPHEN, framework_table, indicator_tile_words


def test_codes_keep_their_hyphen_on_one_line() -> None:
    indicators, values = load_table("indicators"), load_table("indicator_values")
    _, series = shown_series(values, indicators, Filters())
    table = framework_table(framework_progress(indicators, series, start=programme_start(values)), lang="en").frame
    assert table["Code"].tolist() == [code.replace("-", NON_BREAKING_HYPHEN) for code in indicators["indicator_code"]]
    assert not table["Code"].str.contains("-", regex=False).any()


@pytest.mark.parametrize("counts, lang, expected", [
    ({"achieved": 2, "on_track": 1, "behind": 1, "partial": 8}, "en",
     ("3 of 4", "1 behind · 0 off track · 8 counts with a programme-wide target")),
    ({"on_track": 9, "behind": 2, "off_track": 1}, "id", ("9 dari 12", "2 tertinggal · 1 jauh tertinggal")),
    ({"on_track": 1, "reported_wider": 1, "no_data": 2}, "en",
     ("1 of 1", "0 behind · 0 off track · 1 reported for a wider area · 2 without data")),
    ({"reported_wider": 1, "no_data": 11}, "en", ("–", "The programme reports no indicator in this area")),
    ({"no_data": 12}, "id", ("–", "Program tidak melaporkan indikator di wilayah ini")),
])
def test_the_indicator_tile_counts_only_what_is_judged_here(counts: dict, lang: str, expected: tuple) -> None:
    assert indicator_tile_words(counts, lang=lang) == expected


def test_a_kecamatan_shows_no_programme_baseline_or_target_for_counts() -> None:
    indicators, values = load_table("indicators"), load_table("indicator_values")
    filters = Filters(subdistricts=("53.01.04",))
    _, series = shown_series(values, indicators, filters)
    shown = framework_table(framework_progress(indicators, series, start=programme_start(values),
                                               whole_programme=False), lang="en")
    table = shown.frame.set_index("Code")
    count, percent = "OP" + NON_BREAKING_HYPHEN + "2", "IMP" + NON_BREAKING_HYPHEN + "1"
    assert table.loc[count, "Baseline → target"] == ""
    assert table.loc[count, "Latest value (period)"] != ""
    assert table.loc[percent, "Baseline → target"] == "24.0 → 50.0"
    assert "Target date" not in table.columns and shown.target_date == date(2026, 6, 30)   # one date: said once
