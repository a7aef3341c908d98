"""The PDF report: the same slides as the deck, in print, in DejaVu Sans, with the key numbers in
words, no case count from 1 to 4 in its text for risky filters, and case data sourced by system and
month, never by its newest day or its free text."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from lib.data.filters import Filters
from lib.texts.i18n import format_date, t
from lib.meeting.presenter import build_slides
from lib.meeting.render import chromium_path, slides_with_images
from lib.meeting.report import build_report
from tests.export_helpers import CSV, RISKY_FILTERS, RISKY_IDS, UNFOLLOWED_FILTERS, context, need_tool

PDFTOTEXT = "/usr/bin/pdftotext"
# "<n> cases" / "<n> kasus" / "tercatat <n> kasus": a count said in words next to its noun.
COUNT_IN_WORDS = re.compile(r"(?<![\d.,<])([1-4])\s+(?:cases|kasus)\b|(?:cases|kasus)\s*:\s*([1-4])(?![\d.,%])")


def pdf_text(payload: bytes, tmp_path: Path) -> str:
    need_tool(PDFTOTEXT, "reads the report's text")
    path = tmp_path / "report.pdf"
    path.write_bytes(payload)
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def english() -> tuple[list, bytes]:
    need_tool(chromium_path(), "kaleido renders the report's charts")
    ctx = context(lang="en")
    slides, images, missing = slides_with_images(ctx)   # the deck test's images, when it ran first
    assert missing == ""
    return slides, build_report(slides, images, lang="en", demo=ctx.demo)


def test_report_holds_every_slide_with_its_words(english, tmp_path) -> None:
    slides, payload = english
    assert payload.startswith(b"%PDF") and b"DejaVu" in payload
    text = " ".join(pdf_text(payload, tmp_path).split())
    for slide in slides:
        assert slide.title in text, slide.key
    assert "In words" in text and "Demo data, not real" in text and "Page 1" in text
    per_year = CSV["cases"]["report_date"].str[:4].value_counts().sort_index()
    assert f"In {per_year.index[-1]}, {per_year.iloc[-1]} cases were recorded" in text


def test_report_images_are_embedded(english) -> None:
    slides, payload = english
    charts = sum(1 for slide in slides if slide.kind in ("chart", "map"))
    assert payload.count(b"/Subtype /Image") >= charts


def test_indonesian_report_without_a_browser_still_has_its_words(tmp_path) -> None:
    ctx = context(Filters(subdistricts=(CSV["villages"]["subdistrict_code"].iloc[0],)), lang="id")
    slides = build_slides(ctx)
    payload = build_report(slides, {}, lang="id", demo=True, missing="no browser")
    text = " ".join(pdf_text(payload, tmp_path).split())
    assert t("slide_sources_title", "id") in text and "Dalam kata-kata" in text
    assert "Gambar grafik tidak tersedia: no browser" in text


@pytest.mark.parametrize("lang, line, month", [("en", "Source: DEMO (synthetic) · as of Dec 2025", "Dec 2025"),
                                               ("id", "Sumber: DEMO (sintetis) · per Des 2025", "Des 2025")])
def test_the_report_sources_case_data_by_system_and_month(lang: str, line: str, month: str, tmp_path) -> None:
    slides = build_slides(context(UNFOLLOWED_FILTERS[0], lang=lang))
    text = " ".join(pdf_text(build_report(slides, {}, lang=lang, demo=True), tmp_path).split())
    assert line in text
    assert t("slide_source_table", lang, table=t("slide_table_cases", lang), source=t("source_demo", lang), date=month) in text
    assert format_date(pd.Timestamp(CSV["cases"]["report_date"].max()).date(), lang) not in text
    assert t("case_instead_both_sexes", lang) in text      # what the case figures show instead of the sex filter


@pytest.mark.parametrize("filters", RISKY_FILTERS, ids=RISKY_IDS)
def test_no_case_count_from_1_to_4_in_the_report(filters: Filters, tmp_path) -> None:
    for lang in ("id", "en"):
        slides = build_slides(context(filters, lang=lang))
        text = " ".join(pdf_text(build_report(slides, {}, lang=lang, demo=True), tmp_path).split())
        assert COUNT_IN_WORDS.findall(text) == [], lang
        violence = next(s for s in slides if s.key == "violence")
        assert violence.message in text
