"""The meeting's data (lib.meeting.context): case data reaches the slides and the exports only as the
publication, its source line names systems and a month, and a figure that drops a filter is said in
words, in both languages."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from lib.data.filters import Filters
from lib.exports.registry import VIEWS
from lib.meeting.context import SlideContext
from lib.meeting.presenter import build_slides
from lib.safety.figures import DROP_ORDER
from lib.safety.notices import INSTEAD
from lib.texts.i18n import format_date, format_period, t
from tests.export_helpers import CSV, context, shipped_geometry, shipped_publication, shipped_tables

REPO = Path(__file__).resolve().parents[2]
CASE_MONTH = CSV["cases"]["report_date"].max()[:7]              # '2025-12'
CASE_DAY = pd.Timestamp(CSV["cases"]["report_date"].max()).date()
DAY = re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}")                # '24 December 2025', '6 Februari 2025'


class Untouchable:
    """A cases table that fails on any read: what is computed from it must come from the publication."""

    def __getattr__(self, name: str):
        raise AssertionError(f"case rows were read ({name})")

    def __getitem__(self, key):
        raise AssertionError(f"case rows were read ([{key!r}])")

    def __len__(self) -> int:
        raise AssertionError("case rows were counted")


@pytest.mark.parametrize("filters", [Filters(), Filters(subdistricts=("53.01.06",), sexes=("laki_laki",))],
                         ids=["all", "boys-in-a-kecamatan"])
def test_slides_and_exports_read_the_publication_never_the_case_rows(filters: Filters) -> None:
    tables = {**shipped_tables(), "cases": Untouchable()}
    ctx = SlideContext(tables=tables, filters=filters, lang="en", threshold=5, geometry=shipped_geometry())
    ctx.__dict__["publication"] = shipped_publication()     # what publication_for made of the rows
    slides = build_slides(ctx)
    assert next(s for s in slides if s.key == "violence").figure is not None
    built = {name: view.build(ctx) for name, view in VIEWS.items()}
    assert all(len(frame) for name, frame in built.items() if name.startswith("cases_")), built


def test_no_meeting_or_export_module_uses_the_old_case_code() -> None:
    files = [*sorted((REPO / "lib" / "meeting").glob("*.py")), *sorted((REPO / "lib" / "exports").glob("*.py"))]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "lib.safety.violence" not in text and "lib.safety.case_index" not in text, path.name
    reads = re.compile(r"table\(\s*[\"']cases[\"']\s*\)|tables\[\s*[\"']cases[\"']\s*\]")
    assert {path.name: len(reads.findall(path.read_text(encoding="utf-8"))) for path in files
            if reads.search(path.read_text(encoding="utf-8"))} == {"context.py": 1}   # handed to publication_for


@pytest.mark.parametrize("lang, expected", [("en", "Source: DEMO (synthetic) · as of Dec 2025"),
                                            ("id", "Sumber: DEMO (sintetis) · per Des 2025")])
def test_the_case_source_line_names_systems_and_a_month(lang: str, expected: str) -> None:
    assert format_period(CASE_MONTH, lang) in expected        # the shipped data's newest case month
    line = context(lang=lang).case_source_line()
    assert line == expected and not DAY.search(line) and format_date(CASE_DAY, lang) not in line
    assert "DEMO (synthetic)" in set(CSV["cases"]["source"])  # the free text it must not repeat


def test_the_date_of_the_data_is_not_a_case_day() -> None:
    ctx = context()
    tables = shipped_tables()
    assert ctx.as_of == max(tables["activities"]["date"].max(), tables["events"]["date"].max()).date() != CASE_DAY
    assert ctx.period_text() == "January 2022 – December 2025"     # the case months, from the publication


@pytest.mark.parametrize("lang", ["id", "en"])
def test_shown_for_names_every_dropped_filter_in_the_language(lang: str) -> None:
    ctx = context(lang=lang)
    assert set(INSTEAD) == set(DROP_ORDER)
    assert ctx.shown_for(()) == ""
    assert ctx.shown_for(("victim_sex", "victim_age_group")) == ", ".join(
        (t("case_instead_all_ages", lang), t("case_instead_both_sexes", lang)))
    assert ctx.shown_for(("year",)) == t("case_instead_window", lang, window="2022–2025")
    assert ctx.shown_for(("victim_age_group", "victim_group")) == t("case_instead_all_ages", lang)


def test_no_cases_table_no_publication() -> None:
    tables = {**shipped_tables(), "cases": None}
    ctx = SlideContext(tables=tables, filters=Filters(), lang="en", threshold=5, geometry=shipped_geometry())
    assert ctx.publication is None and ctx.case_view is None
    violence = next(s for s in build_slides(ctx) if s.key == "violence")
    assert violence.message == t("violence_no_cases_table", "en") and violence.figure is None
