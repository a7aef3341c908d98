"""The meeting deck: a 16:9 PowerPoint file of the slides (lib.meeting.presenter), with speaker notes.

Charts and the map arrive as PNG images (lib.meeting.render); headline numbers, tables and text are native
PowerPoint shapes, so a presenter can still edit a word. No streamlit here.
"""
from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from lib.texts.i18n import t
from lib.charts.palette import OKABE_ITO, TARGET_COLOUR, TEXT_COLOUR
from lib.meeting.context import Slide, SlideContext
from lib.meeting.render import ChartRenderer, render_charts, slides_with_images

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP, CONTENT_HEIGHT = Inches(1.65), Inches(5.1)
CONTENT_WIDTH = WIDTH - 2 * MARGIN
ACCENT = OKABE_ITO[0]
MUTED = "#555555"
LANGUAGE_TAGS: dict[str, str] = {"id": "id-ID", "en": "en-GB"}
BLANK_LAYOUT = 6

# Every run names its font: the template's theme font (Calibri) is not on a Debian machine, and
# LibreOffice's stand-in is wider, so text ran into its neighbour ("151 dari 177" over "kajian 2023").
# Arial's metrics are shared by Liberation Sans, which LibreOffice uses for it: the same layout in both.
DECK_FONT = "Arial"


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


# Arial's mean advance width per em over Indonesian and English text, with room for capitals and digits;
# a line is 1.2 em high. Used only to choose a font size that fits; tests/meeting/test_deck_layout.py
# checks the result in LibreOffice.
MEAN_CHARACTER_EM = 0.52
LINE_EM = 1.2
SPACE_AFTER_EM = 0.45
SMALLEST_SHRINK = 0.7          # a box's text may shrink to 70% of its size, never less
FRAME_INSETS_PT = (14.4, 7.2)  # a text frame's insets, across and down: 0.1 in left and right, 0.05 in top and bottom


def fitting_size(paragraphs: Sequence[str], *, width_pt: float, height_pt: float, size: int) -> int:
    """The largest font size from `size` down to SMALLEST_SHRINK of it at which the paragraphs,
    wrapped at `width_pt`, fill at most `height_pt` (estimated from MEAN_CHARACTER_EM)."""
    def height_at(points: int) -> float:
        per_line = max(1, int((width_pt - FRAME_INSETS_PT[0]) / (MEAN_CHARACTER_EM * points)))
        lines = sum(max(1, math.ceil(len(text) / per_line)) for text in paragraphs)
        return points * (lines * LINE_EM + SPACE_AFTER_EM * (len(paragraphs) - 1))
    smallest = max(1, math.ceil(size * SMALLEST_SHRINK))
    room = height_pt - FRAME_INSETS_PT[1]
    return next((points for points in range(size, smallest - 1, -1) if height_at(points) <= room), smallest)


def _text(slide, left: int, top: int, width: int, height: int, paragraphs: Sequence[str], *, size: int,
          colour: str = TEXT_COLOUR, bold: bool = False, align=PP_ALIGN.LEFT, bullet: bool = False,
          anchor=MSO_ANCHOR.TOP) -> None:
    """A text box of paragraphs, wrapped, in one colour and in `size` or the largest smaller size that
    fits the box (fitting_size): a long line must not run into the next box."""
    paragraphs = [("•  " if bullet else "") + text for text in paragraphs]
    size = fitting_size(paragraphs, width_pt=width / 12_700, height_pt=height / 12_700, size=size)
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.space_after = Pt(size * 0.45)
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, rgb(colour)
        run.font.name = DECK_FONT


def _frame(slide, content: Slide, *, number: int, count: int, lang: str, demo: bool) -> None:
    """What every slide has: the accent bar, the title, the message and the footer."""
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(ACCENT)
    bar.line.fill.background()
    _text(slide, MARGIN, Inches(0.3), CONTENT_WIDTH, Inches(0.7), [content.title], size=30, bold=True)
    if content.message:
        _text(slide, MARGIN, Inches(1.0), CONTENT_WIDTH, Inches(0.6), [content.message], size=17, colour="#333333")
    _text(slide, MARGIN, Inches(6.9), Inches(7.4), Inches(0.45), [content.source], size=10, colour=MUTED)
    right = [t("deck_demo_mark", lang)] if demo else []
    _text(slide, Inches(7.9), Inches(6.9), Inches(4.93), Inches(0.45),
          [" · ".join([*right, t("deck_page", lang, number=number, count=count)])], size=10,
          colour=TARGET_COLOUR if demo else MUTED, bold=demo, align=PP_ALIGN.RIGHT)


def _picture(slide, image: bytes | None, *, lang: str, missing: str) -> None:
    """An image fitted into the content box, centred; a note where no image could be made."""
    if not image:
        _text(slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, Inches(1),
              [t("report_image_missing", lang, reason=missing or "–")], size=16, colour=MUTED)
        return
    picture = slide.shapes.add_picture(io.BytesIO(image), MARGIN, CONTENT_TOP)
    scale = min(CONTENT_WIDTH / picture.width, CONTENT_HEIGHT / picture.height)
    picture.width, picture.height = Emu(int(picture.width * scale)), Emu(int(picture.height * scale))
    picture.left = Emu(int(MARGIN + (CONTENT_WIDTH - picture.width) / 2))


def _headlines(slide, content: Slide) -> None:
    """Big numbers in boxes, three per row."""
    per_row, gap = 3, Inches(0.25)
    width = int((CONTENT_WIDTH - gap * (per_row - 1)) / per_row)
    height = Inches(2.3)
    for index, headline in enumerate(content.headlines):
        row, column = divmod(index, per_row)
        left, top = MARGIN + column * (width + gap), CONTENT_TOP + row * (height + gap)
        box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
        box.fill.solid()
        box.fill.fore_color.rgb = rgb("#F2F6FA")
        box.line.color.rgb = rgb(ACCENT)
        box.adjustments[0] = 0.06
        _text(slide, left + Inches(0.2), top + Inches(0.15), width - Inches(0.4), Inches(0.5), [headline.label],
              size=16, colour="#333333", bold=True)
        _text(slide, left + Inches(0.2), top + Inches(0.7), width - Inches(0.4), Inches(0.9), [headline.value],
              size=38, bold=True, colour=ACCENT)
        if headline.detail:
            _text(slide, left + Inches(0.2), top + Inches(1.6), width - Inches(0.4), Inches(0.6), [headline.detail],
                  size=13, colour=MUTED)


def _table(slide, content: Slide) -> None:
    """A native table: header row in the accent colour, then the rows as shown on the page."""
    frame = content.table
    rows, columns = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, columns, MARGIN, CONTENT_TOP, CONTENT_WIDTH,
                                   min(CONTENT_HEIGHT, Inches(0.42) * rows))
    table = shape.table
    widths = [max(len(str(c)), *(len(str(v)) for v in frame.iloc[:, i])) + 2 for i, c in enumerate(frame.columns)]
    for index, weight in enumerate(widths):
        table.columns[index].width = Emu(int(CONTENT_WIDTH * weight / sum(widths)))
    cells = [list(map(str, frame.columns))] + [[str(v) for v in row] for row in frame.itertuples(index=False)]
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            run = cell.text_frame.paragraphs[0].runs[0]
            run.font.size, run.font.name = Pt(14 if r == 0 else 13), DECK_FONT
            run.font.bold = r == 0
            run.font.color.rgb = rgb("#FFFFFF" if r == 0 else TEXT_COLOUR)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(ACCENT if r == 0 else ("#FFFFFF" if r % 2 else "#EEF3F8"))


def _title_page(slide, content: Slide, *, lang: str, demo: bool) -> None:
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35), HEIGHT)
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(ACCENT)
    bar.line.fill.background()
    _text(slide, Inches(0.9), Inches(1.3), Inches(11.6), Inches(1.6), [content.title], size=36, bold=True,
          anchor=MSO_ANCHOR.BOTTOM)
    _text(slide, Inches(0.9), Inches(3.0), Inches(11.6), Inches(0.7), [content.message], size=22, colour=ACCENT)
    _text(slide, Inches(0.9), Inches(3.9), Inches(11.6), Inches(2.4), list(content.bullets), size=18,
          colour="#333333")
    if demo:
        _text(slide, Inches(0.9), Inches(6.5), Inches(11.6), Inches(0.5), [t("deck_demo_mark", lang)], size=16,
              colour=TARGET_COLOUR, bold=True)


def _bullets(slide, content: Slide) -> None:
    _text(slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, CONTENT_HEIGHT, list(content.bullets), size=15, bullet=True)


# Slide kind (lib.meeting.context.Slide.kind) -> how its main content is drawn.
KIND_BODIES: dict[str, Callable[..., None]] = {
    "headlines": lambda slide, content, image, lang, missing: _headlines(slide, content),
    "chart": lambda slide, content, image, lang, missing: _picture(slide, image, lang=lang, missing=missing),
    "map": lambda slide, content, image, lang, missing: _picture(slide, image, lang=lang, missing=missing),
    "table": lambda slide, content, image, lang, missing: _table(slide, content),
    "text": lambda slide, content, image, lang, missing: _bullets(slide, content),
}


def build_deck(slides: Sequence[Slide], images: Mapping[str, bytes], *, lang: str, demo: bool,
               made: date | None = None, missing: str = "") -> bytes:
    """The .pptx file of `slides` (images: slide key -> PNG; `missing`: why a chart image is absent);
    every slide carries its speaker notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = slides[0].title if slides else "WE Nexus"
    deck.core_properties.language = LANGUAGE_TAGS.get(lang, "id-ID")
    deck.core_properties.author = "WE Nexus Monitor"
    if made:
        deck.core_properties.subject = made.isoformat()
    for number, content in enumerate(slides, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
        if content.kind == "title":
            _title_page(slide, content, lang=lang, demo=demo)
        else:
            _frame(slide, content, number=number, count=len(slides), lang=lang, demo=demo)
            KIND_BODIES[content.kind](slide, content, images.get(content.key), lang, missing)
        notes = [*content.notes, *([content.source] if content.source else [])]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def deck_bytes(context: SlideContext, *, render: ChartRenderer = render_charts) -> bytes:
    """The meeting deck for the context's filters and language."""
    slides, images, missing = slides_with_images(context, render=render)
    return build_deck(slides, images, lang=context.lang, demo=context.demo, made=context.today, missing=missing)
