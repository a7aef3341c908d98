"""The violence and headline slides compare true periods: every start and end year of the shipped data."""
from __future__ import annotations

import pytest

from lib.data.filters import Filters
from lib.meeting.context import SlideContext
from lib.meeting.slides import headline_slide, violence_slide
from tests.export_helpers import shipped_geometry, shipped_publication, shipped_tables

YEARS = (2022, 2023, 2024, 2025)
PERIODS = [(first, last) for first in YEARS for last in YEARS if first <= last]


def context(first: int, last: int, lang: str) -> SlideContext:
    ctx = SlideContext(tables=shipped_tables(), filters=Filters(period_from=f"{first}-01", period_to=f"{last}-12"),
                       lang=lang, threshold=5, geometry=shipped_geometry())
    ctx.__dict__["publication"] = shipped_publication()
    return ctx


@pytest.mark.parametrize("first, last", PERIODS)
def test_the_violence_slide_names_the_period_and_only_years_inside_the_data(first: int, last: int) -> None:
    cases = shipped_tables()["cases"]
    years = cases["report_date"].dt.year
    span = str(first) if first == last else f"{first}–{last}"
    message = violence_slide(context(first, last, "en")).message
    assert message.startswith(f"In {span}, {int(years.between(first, last).sum())} cases were recorded")
    length = last - first + 1
    if first - length < YEARS[0]:
        assert " than in " not in message and "as many as" not in message      # no period before the data
    else:
        before = str(first - length) if length == 1 else f"{first - length}–{first - 1}"
        assert f"than in {before}." in message or f"as many as in {before}" in message


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_headline_tile_names_the_same_period(lang: str) -> None:
    slide = headline_slide(context(2022, 2024, lang))
    texts = " ".join(f"{h.label} {h.value} {h.detail}" for h in slide.headlines)
    assert "2022–2024" in texts and "2025–2024" not in texts and "2019" not in texts
