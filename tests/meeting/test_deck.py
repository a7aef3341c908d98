"""The meeting deck: its slides, words and numbers (checked against the pages and plain pandas),
its images, LibreOffice opening it, no case count from 1 to 4 in its text for risky filters, the case
source line (systems and a month) and what a case figure shows instead of a filter it cannot follow."""
from __future__ import annotations

import io
import subprocess

import pytest
from pptx import Presentation

import pandas as pd

from lib.tools.visible_counts import count_values_in_figure
from lib.meeting.deck import build_deck
from lib.data.filters import Filters
from lib.texts.i18n import format_date, t
from lib.meeting.presenter import SLIDE_KEYS, SLIDES, build_slides
from lib.meeting.render import chromium_path, slide_images, slides_with_images
from lib.safety.figures import trend
from tests.export_helpers import (CSV, RISKY_FILTERS, RISKY_IDS, UNFOLLOWED_FILTERS, UNFOLLOWED_IDS, context,
                                  fake_render, need_tool, small_counts)
from tests.pages_helpers import run_page

LIBREOFFICE = "/usr/bin/libreoffice"


@pytest.fixture(scope="module")
def english() -> tuple[list, dict, bytes]:
    """The English deck for the default filters, with charts rendered by kaleido (once per session:
    lib.meeting.render keeps each image, so the report test reuses them)."""
    need_tool(chromium_path(), "kaleido renders the deck's charts")
    ctx = context(lang="en")
    slides, images, missing = slides_with_images(ctx)
    assert missing == ""
    return slides, images, build_deck(slides, images, lang="en", demo=ctx.demo)


def texts_of(slide) -> list[str]:
    """The slide's texts, top to bottom as drawn (the title first)."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def test_the_deck_has_every_slide_in_order_with_notes(english) -> None:
    slides, _, payload = english
    deck = Presentation(io.BytesIO(payload))
    assert [s.key for s in slides] == list(SLIDE_KEYS)
    assert len(deck.slides) == len(SLIDES)
    for content, page in zip(slides, deck.slides):
        assert content.title in texts_of(page)
        notes = page.notes_slide.notes_text_frame.text
        assert notes.splitlines()[:len(content.notes)] == list(content.notes)
        assert content.source in notes if content.source else True
    assert "Data demo, bukan data nyata / Demo data, not real" in " ".join(texts_of(deck.slides[0]))


def test_every_text_run_is_set_in_arial(english) -> None:
    """Not the theme font: Calibri is missing where LibreOffice runs, and its stand-in is wider."""
    deck = Presentation(io.BytesIO(english[2]))
    fonts = {run.font.name for slide in deck.slides for shape in slide.shapes
             for frame in ([shape.text_frame] if shape.has_text_frame else
                           [cell.text_frame for row in shape.table.rows for cell in row.cells] if shape.has_table else [])
             for paragraph in frame.paragraphs for run in paragraph.runs if run.text.strip()}
    assert fonts == {"Arial"}


def test_chart_and_map_slides_carry_their_images(english) -> None:
    slides, images, payload = english
    deck = Presentation(io.BytesIO(payload))
    for content, page in zip(slides, deck.slides):
        pictures = [shape for shape in page.shapes if shape.shape_type == 13]
        assert len(pictures) == (1 if content.kind in ("chart", "map") else 0), content.key
        if pictures:
            assert pictures[0].image.blob == images[content.key] and images[content.key][:4] == b"\x89PNG"


def test_violence_notes_say_the_numbers_in_words(english) -> None:
    slides, _, _ = english
    per_year = CSV["cases"]["report_date"].str[:4].value_counts().sort_index()
    last, previous = per_year.index[-1], per_year.index[-2]
    change = round(100 * (per_year.iloc[-1] - per_year.iloc[-2]) / per_year.iloc[-2])
    expected = (f"In {last}, {per_year.iloc[-1]} cases were recorded, {change}% "
                f"{'more' if change > 0 else 'fewer'} than in {previous}.")
    violence = next(s for s in slides if s.key == "violence")
    assert violence.notes[0] == expected
    headline = next(s for s in slides if s.key == "headline")
    assert expected in headline.notes


def test_headline_numbers_equal_the_overview_page() -> None:
    kecamatan = CSV["activities"]["village_code"].str[:8].iloc[0]
    app = run_page(lang="en", kecamatan=kecamatan)
    shown = {m.label: m.value for m in app.metric}
    slide = build_slides(context(Filters(subdistricts=(kecamatan,)), lang="en"), keys=("headline",))[0]
    assert {h.label: h.value for h in slide.headlines} == shown
    inside = CSV["activities"][CSV["activities"]["village_code"].str.startswith(kecamatan)]
    people = inside["participants_female"].astype(int).sum() + inside["participants_male"].astype(int).sum()
    assert shown["Participant attendances"] == f"{people:,}"


def test_reach_chart_equals_plain_pandas() -> None:
    slide = build_slides(context(lang="en"), keys=("reach",))[0]
    located = CSV["activities"].merge(CSV["villages"][["village_code", "subdistrict_name"]], on="village_code")
    women = located["participants_female"].astype(int).groupby(located["subdistrict_name"]).sum()
    bars = slide.figure.data[0]
    assert dict(zip(bars.y, bars.x)) == {name: float(value) for name, value in women.items()}


def test_priority_slide_is_the_map_pages_list() -> None:
    app = run_page("pages/map.py", lang="en", view="nexus")
    page_table = app.dataframe[0].value
    slide = build_slides(context(lang="en"), keys=("priority",))[0]
    for column in slide.table.columns:
        assert slide.table[column].astype(str).tolist() == page_table[column].astype(str).head(10).tolist()


def test_the_indonesian_deck_speaks_indonesian() -> None:
    ctx = context(lang="id")
    slides = build_slides(ctx)
    payload = build_deck(slides, slide_images(slides, geometry=ctx.geometry, villages=ctx.villages,
                                              render=fake_render), lang="id", demo=True)
    deck = Presentation(io.BytesIO(payload))
    titles = [texts_of(page)[0] if i else "" for i, page in enumerate(deck.slides)]
    assert titles[1:] == [t(f"slide_{key}_title", "id") for key in SLIDE_KEYS[1:]]
    violence = deck.slides[SLIDE_KEYS.index("violence")].notes_slide.notes_text_frame.text
    assert violence.startswith("Pada 2025, tercatat 60 kasus, 5% lebih banyak daripada 2024.")


def test_libreoffice_opens_the_deck(english, tmp_path) -> None:
    need_tool(LIBREOFFICE, "the deck must open in LibreOffice Impress")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(english[2])
    result = subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                            capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "deck.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stdout + result.stderr
    need_tool("/usr/bin/pdfinfo", "counts the converted pages")
    info = subprocess.run(["/usr/bin/pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {len(SLIDES)}" in info


def case_texts(slides, lang: str) -> list[str]:
    """Every text of the deck that carries a case count or speaks of case data: the violence slide's
    words, bullets and source (its safety caveat aside: it quotes the rule '1-4'), the headline's cases
    tile and sentences, and the sources slide's cases line (the priority list leaves the kecamatan
    counts out)."""
    caveat = t("violence_safety", lang, threshold=5)
    texts = []
    for slide in slides:
        if slide.key == "violence":
            texts += [slide.message, slide.source, *slide.bullets, *(n for n in slide.notes if n != caveat)]
        if slide.key == "headline":
            texts += [f"{h.value} {h.detail}" for h in slide.headlines
                      if h.label.startswith(t("tile_cases_year", lang, year="")[:8])]
            texts += [n for n in slide.notes if "kasus" in n or "case" in n]
        if slide.key == "sources":
            texts += [b for b in slide.bullets if b.startswith(t("slide_table_cases", lang) + ":")]
        if slide.key == "priority":
            assert t("map_col_violence", lang) not in slide.table.columns
    return texts


@pytest.mark.parametrize("filters", RISKY_FILTERS, ids=RISKY_IDS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_case_count_from_1_to_4_in_the_deck(filters: Filters, lang: str) -> None:
    ctx = context(filters, lang=lang)
    slides = build_slides(ctx)
    texts = case_texts(slides, lang)
    assert len(texts) >= 4 and small_counts(texts) == [], texts
    violence = next(s for s in slides if s.key == "violence")
    assert violence.figure is None or \
        [v for v in count_values_in_figure(violence.figure.to_plotly_json()) if 0 < v < 5] == []
    assert small_counts(violence.export["cases"]) == []
    deck = Presentation(io.BytesIO(build_deck(slides, {}, lang=lang, demo=True)))
    page = deck.slides[SLIDE_KEYS.index("violence")]
    caveat = t("violence_safety", lang, threshold=5)
    words = [line for line in page.notes_slide.notes_text_frame.text.splitlines() if line != caveat]
    assert small_counts([*words, *texts_of(page)[1:]]) == [], words
    table = next(shape.table for shape in deck.slides[SLIDE_KEYS.index("priority")].shapes if shape.has_table)
    assert t("map_col_violence", lang) not in [table.cell(0, c).text for c in range(len(table.columns))]


CASE_DAY = pd.Timestamp(CSV["cases"]["report_date"].max()).date()


@pytest.mark.parametrize("lang, line, month", [("en", "Source: DEMO (synthetic) · as of Dec 2025", "Dec 2025"),
                                               ("id", "Sumber: DEMO (sintetis) · per Des 2025", "Des 2025")])
def test_case_data_is_sourced_by_system_and_month_on_every_slide(lang: str, line: str, month: str) -> None:
    slides = {s.key: s for s in build_slides(context(lang=lang))}
    assert slides["violence"].source == line
    assert slides["headline"].source.endswith("; " + line)
    cases = [b for b in slides["sources"].bullets if b.startswith(t("slide_table_cases", lang) + ":")]
    assert cases == [t("slide_source_table", lang, table=t("slide_table_cases", lang), source=t("source_demo", lang), date=month)]
    deck = Presentation(io.BytesIO(build_deck(list(slides.values()), {}, lang=lang, demo=True)))
    page = deck.slides[SLIDE_KEYS.index("violence")]
    assert line in texts_of(page) and line in page.notes_slide.notes_text_frame.text
    every_text = " ".join(" ".join([*texts_of(p), p.notes_slide.notes_text_frame.text]) for p in deck.slides)
    assert format_date(CASE_DAY, lang) not in every_text            # the newest case day, nowhere


@pytest.mark.parametrize("filters", UNFOLLOWED_FILTERS, ids=UNFOLLOWED_IDS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_case_figure_that_drops_a_filter_says_what_it_shows(filters: Filters, lang: str) -> None:
    ctx = context(filters, lang=lang)
    dropped = trend(ctx.publication, ctx.case_view, "year").dropped
    assert dropped                                                     # the published tables cannot follow it
    violence = next(s for s in build_slides(ctx, keys=("violence",)))
    instead = ctx.shown_for(dropped)
    said = [t(key, lang, instead=instead) for key in ("slide_cases_shown_for", "slide_chart_shown_for")]
    assert any(sentence in violence.message for sentence in said), violence.message
    assert any(sentence in violence.notes for sentence in said)
    assert all(instead in state for state in violence.export["cases_state"])
    deck = Presentation(io.BytesIO(build_deck([violence], {}, lang=lang, demo=True)))
    assert any(instead in text for text in texts_of(deck.slides[0]))       # on the slide, not only in the notes


def test_a_figure_that_follows_the_filters_says_nothing_more() -> None:
    ctx = context(Filters(subdistricts=("53.01.06",)), lang="en")
    assert trend(ctx.publication, ctx.case_view, "year").dropped == ()
    violence, headline = build_slides(ctx, keys=("headline", "violence"))[::-1]
    assert "cannot follow" not in " ".join((violence.message, *violence.notes, *headline.notes))
    assert not any("this figure is for" in state for state in violence.export["cases_state"])


def test_the_headline_says_when_its_count_drops_a_filter() -> None:
    ctx = context(UNFOLLOWED_FILTERS[0], lang="en")
    headline = build_slides(ctx, keys=("headline",))[0]
    tile = next(h for h in headline.headlines if h.label.startswith("Violence cases"))
    assert tile.detail.endswith(" · Shown for both sexes.")
    assert "This case count is for both sexes: the published case tables cannot follow every filter." in headline.notes
