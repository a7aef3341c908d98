"""The results framework table as people read it: codes that never break across lines."""
from __future__ import annotations

from lib.data.filters import Filters
from lib.data.load import load_table
from lib.metrics.indicators import framework_progress, programme_start, shown_series
from lib.metrics.progress_tables import NON_BREAKING_HYPHEN, framework_table


def test_codes_keep_their_hyphen_on_one_line() -> None:
    indicators, values = load_table("indicators"), load_table("indicator_values")
    _, series = shown_series(values, indicators, Filters())
    table = framework_table(framework_progress(indicators, series, start=programme_start(values)), lang="en")
    assert table["Code"].tolist() == [code.replace("-", NON_BREAKING_HYPHEN) for code in indicators["indicator_code"]]
    assert not table["Code"].str.contains("-", regex=False).any()
