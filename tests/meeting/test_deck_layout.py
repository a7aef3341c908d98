"""The deck as LibreOffice lays it out: every text stays inside its own box, and every box inside its
slide, in both languages and for a kecamatan's longer lines.

The deck is converted to PDF by LibreOffice Impress; poppler's `pdftotext -bbox` gives each word's box
on the page. A word belongs where its box is: a line that overflows its text box, or runs into its
neighbour ("151 dari 177" over "kajian 2023"), puts words outside their shape.
"""
from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from lib.data.filters import Filters
from lib.meeting.deck import build_deck, fitting_size
from lib.meeting.presenter import build_slides
from lib.meeting.render import slide_images
from tests.export_helpers import context, fake_render, need_tool

LIBREOFFICE = "/usr/bin/libreoffice"
PDFTOTEXT = "/usr/bin/pdftotext"
EMU_PER_POINT = 12_700
EDGE_TOLERANCE_PT = 2.0        # a glyph's side bearing may touch the box's edge
SEMAU = "53.01.04"             # a kecamatan: the indicator tile's longest detail line
DECKS: dict[str, tuple[Filters, str]] = {"en": (Filters(), "en"), "id": (Filters(), "id"),
                                         "id-kecamatan": (Filters(subdistricts=(SEMAU,)), "id")}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, word: "Word") -> bool:
        """The word's middle inside the box and its ends within it (descenders may reach below a line's box)."""
        middle = (word.box.top + word.box.bottom) / 2
        return (self.left - EDGE_TOLERANCE_PT <= word.box.left and word.box.right <= self.right + EDGE_TOLERANCE_PT
                and self.top <= middle <= self.bottom)

    def overlaps(self, other: "Box") -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


def _box(shape) -> Box:
    left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
    return Box(left, top, left + shape.width / EMU_PER_POINT, top + shape.height / EMU_PER_POINT)


def _pages(pdf: Path) -> list[list[Word]]:
    """The words of each PDF page with their boxes, in points from the top left."""
    xhtml = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout

    return [[Word(html.unescape(m[4]), Box(*map(float, m[:4]))) for m in WORD.findall(page)]
            for page in xhtml.split("<page ")[1:]]


def _tokens(text: str) -> Counter:
    return Counter(text.split())


def _missing(tokens: Counter, words: list[Word]) -> Counter:
    return tokens - Counter(word.text for word in words)


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> dict[str, tuple[Presentation, list[list[Word]]]]:
    """Each deck of DECKS and the words of its pages as LibreOffice draws them (one conversion run)."""
    need_tool(LIBREOFFICE, "LibreOffice Impress lays out the deck")
    need_tool(PDFTOTEXT, "poppler gives the boxes of the drawn words")
    folder = tmp_path_factory.mktemp("deck_layout")
    for name, (filters, lang) in DECKS.items():
        ctx = context(filters, lang=lang)
        slides = build_slides(ctx)
        images = slide_images(slides, geometry=ctx.geometry, villages=ctx.villages, render=fake_render)
        (folder / f"{name}.pptx").write_bytes(build_deck(slides, images, lang=lang, demo=ctx.demo))
    result = subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                             "--convert-to", "pdf", "--outdir", str(folder),
                             *(str(folder / f"{name}.pptx") for name in DECKS)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return {name: (Presentation(str(folder / f"{name}.pptx")), _pages(folder / f"{name}.pdf")) for name in DECKS}


@pytest.mark.parametrize("name", list(DECKS))
def test_every_text_stays_inside_its_own_box(laid_out, name: str) -> None:
    deck, pages = laid_out[name]
    assert len(pages) == len(deck.slides)
    for number, (slide, words) in enumerate(zip(deck.slides, pages), start=1):
        boxes = [(shape, _box(shape)) for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text.strip()]
        for shape, box in boxes:
            inside = [word for word in words if box.holds(word)]
            assert not _missing(_tokens(shape.text_frame.text), inside), (
                f"{name} slide {number}: {shape.text_frame.text!r} runs out of its box: "
                f"{dict(_missing(_tokens(shape.text_frame.text), inside))}")
        for index, (_, box) in enumerate(boxes):   # and no box lies over another one's text
            assert not any(box.overlaps(other) for _, other in boxes[index + 1:]), f"{name} slide {number}"


@pytest.mark.parametrize("name", list(DECKS))
def test_every_table_and_word_stays_on_its_slide_above_the_footer(laid_out, name: str) -> None:
    deck, pages = laid_out[name]
    width, height = deck.slide_width / EMU_PER_POINT, deck.slide_height / EMU_PER_POINT
    slide_box = Box(0, 0, width, height)
    for number, (slide, words) in enumerate(zip(deck.slides, pages), start=1):
        assert all(slide_box.holds(word) for word in words), f"{name} slide {number}"
        texts = [shape for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text.strip()]
        footer_top = max(shape.top for shape in texts) / EMU_PER_POINT     # the source line, bottom left
        for shape in (s for s in slide.shapes if s.has_table):
            frame = _box(shape)
            room = Box(frame.left, frame.top, frame.right, footer_top)
            cells = Counter(token for row in shape.table.rows for cell in row.cells
                            for token in cell.text_frame.text.split())
            missing = _missing(cells, [word for word in words if room.holds(word)])
            assert not missing, f"{name} slide {number}: the table runs past the footer: {dict(missing)}"


def test_the_check_finds_a_line_that_overflows_its_box(tmp_path) -> None:
    """The measure itself: a box too small for its words is found."""
    need_tool(LIBREOFFICE, "LibreOffice Impress lays out the deck")
    need_tool(PDFTOTEXT, "poppler gives the boxes of the drawn words")
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    shape = slide.shapes.add_textbox(Emu(914_400), Emu(914_400), Emu(1_828_800), Emu(228_600))
    shape.text_frame.word_wrap = True
    shape.text_frame.text = "kajian 2023 dengan banyak kata yang tidak muat dalam kotak sekecil ini"
    deck.save(tmp_path / "small.pptx")
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(tmp_path / "small.pptx")], capture_output=True, timeout=300,
                   check=True)
    words = _pages(tmp_path / "small.pdf")[0]
    inside = [word for word in words if _box(shape).holds(word)]
    assert _tokens(shape.text_frame.text) - Counter(w.text for w in words) == Counter()   # all drawn
    assert _missing(_tokens(shape.text_frame.text), inside)                              # not all inside


def test_a_long_line_gets_the_largest_size_that_fits_and_never_below_the_floor() -> None:
    assert fitting_size(["Angka utama"], width_pt=800, height_pt=50, size=30) == 30
    long = ["2 tertinggal · 0 jauh tertinggal · 7 jumlah dengan target seluruh program · 1 dilaporkan untuk"
            " wilayah lebih luas"]
    shrunk = fitting_size(long, width_pt=280, height_pt=43, size=13)
    assert 10 <= shrunk < 13
    assert fitting_size(long * 20, width_pt=280, height_pt=43, size=13) == 10     # 70% of 13, rounded up
