"""The printable report: an A4 PDF of the same slides (lib.meeting.presenter), each with its chart image,
its table or bullets, and its speaker notes as running text. Pure Python (fpdf2), in DejaVu Sans
(fonts-dejavu-core) so that every character of both languages prints. No streamlit here.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from fpdf import FPDF

from lib.texts.i18n import t
from lib.charts.palette import OKABE_ITO, TARGET_COLOUR, TEXT_COLOUR
from lib.meeting.context import Slide, SlideContext
from lib.meeting.render import ChartRenderer, render_charts, slides_with_images

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES: dict[str, str] = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT = "DejaVu"
PAGE_WIDTH, MARGIN = 210.0, 15.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
ACCENT = OKABE_ITO[0]
MUTED = "#555555"
IMAGE_ASPECT_FALLBACK = 0.42     # height / width of a chart image, when its size cannot be read


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


class ReportPDF(FPDF):
    """A4 portrait with a footer: the demo mark (when the data is synthetic) and the page number."""

    def __init__(self, *, lang: str, demo: bool) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.text_lang, self.demo, self.missing = lang, demo, ""
        self.font_name = _register_fonts(self)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.font_name, "B" if self.demo else "", 8)
        self.set_text_color(*_rgb(TARGET_COLOUR if self.demo else MUTED))
        mark = t("deck_demo_mark", self.text_lang) + "  ·  " if self.demo else ""
        self.cell(0, 5, self.safe(mark + t("report_page", self.text_lang, number=self.page_no())), align="R")

    def safe(self, text: str) -> str:
        """Text the current font can print: with the core font, characters outside Latin-1 are replaced."""
        if self.font_name == FONT:
            return text
        plain = text.replace("–", "-").replace("≤", "<=").replace("•", "-")
        return plain.encode("latin-1", "replace").decode("latin-1")


def _register_fonts(pdf: FPDF) -> str:
    """DejaVu Sans where installed, else the core Helvetica (Latin-1 only)."""
    if all((FONT_DIR / name).is_file() for name in FONT_FILES.values()):
        for style, name in FONT_FILES.items():
            pdf.add_font(FONT, style, str(FONT_DIR / name))
        return FONT
    return "helvetica"


def _write(pdf: ReportPDF, text: str, *, size: float, style: str = "", colour: str = TEXT_COLOUR,
           height: float | None = None) -> None:
    pdf.set_font(pdf.font_name, style, size)
    pdf.set_text_color(*_rgb(colour))
    pdf.multi_cell(CONTENT_WIDTH, height or size * 0.5, pdf.safe(text), new_x="LMARGIN", new_y="NEXT")


def _image_height(image: bytes) -> float:
    """Printed height (mm) of an image placed at the full content width."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(image)) as picture:
            return CONTENT_WIDTH * picture.height / picture.width
    except Exception:  # an unreadable image still gets its space; fpdf reports the real problem
        return CONTENT_WIDTH * IMAGE_ASPECT_FALLBACK


def _room(pdf: ReportPDF, needed: float) -> None:
    """A new page when less than `needed` mm is left on this one."""
    if pdf.get_y() + needed > pdf.h - pdf.b_margin:
        pdf.add_page()


def _title(pdf: ReportPDF, slide: Slide) -> None:
    pdf.set_fill_color(*_rgb(ACCENT))
    pdf.rect(0, 0, PAGE_WIDTH, 4, style="F")
    pdf.ln(6)
    _write(pdf, slide.title, size=20, style="B")
    pdf.ln(2)
    _write(pdf, slide.message, size=13, colour=ACCENT)
    pdf.ln(2)
    for line in slide.bullets:
        _write(pdf, line, size=11, colour="#333333", height=6)
    if pdf.demo:
        pdf.ln(2)
        _write(pdf, t("deck_demo_mark", pdf.text_lang), size=11, style="B", colour=TARGET_COLOUR)


def _headlines(pdf: ReportPDF, slide: Slide) -> None:
    per_row, gap, height = 3, 4.0, 30.0
    width = (CONTENT_WIDTH - gap * (per_row - 1)) / per_row
    top = pdf.get_y()
    for index, headline in enumerate(slide.headlines):
        row, column = divmod(index, per_row)
        x, y = MARGIN + column * (width + gap), top + row * (height + gap)
        pdf.set_draw_color(*_rgb(ACCENT))
        pdf.set_fill_color(242, 246, 250)
        pdf.rect(x, y, width, height, style="DF", round_corners=True, corner_radius=2)
        for offset, text, size, style, colour in ((3, headline.label, 9, "B", "#333333"),
                                                  (10, headline.value, 18, "B", ACCENT),
                                                  (20, headline.detail, 7.5, "", MUTED)):
            pdf.set_xy(x + 3, y + offset)
            pdf.set_font(pdf.font_name, style, size)
            pdf.set_text_color(*_rgb(colour))
            pdf.multi_cell(width - 6, size * 0.45, pdf.safe(text))
    rows = (len(slide.headlines) + per_row - 1) // per_row
    pdf.set_xy(MARGIN, top + rows * (height + gap))


def _table(pdf: ReportPDF, slide: Slide) -> None:
    frame = slide.table
    pdf.set_font(pdf.font_name, "", 9)
    pdf.set_text_color(*_rgb(TEXT_COLOUR))
    widths = [max(len(str(c)), *(len(str(v)) for v in frame.iloc[:, i])) + 2 for i, c in enumerate(frame.columns)]
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5.5, first_row_as_headings=True,
                   headings_style=_heading_style(pdf)) as table:
        rows = [list(map(str, frame.columns))] + [[str(v) for v in row] for row in frame.itertuples(index=False)]
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(pdf.safe(value))


def _heading_style(pdf: ReportPDF):
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=_rgb(ACCENT))


def _section(pdf: ReportPDF, slide: Slide, image: bytes | None) -> None:
    """One slide as a section: heading, message, its content, 'in words', the source line."""
    _room(pdf, 30 + (_image_height(image) if image else 0))
    pdf.ln(4)
    _write(pdf, slide.title, size=15, style="B", colour=ACCENT)
    if slide.message and slide.kind != "text":
        _write(pdf, slide.message, size=11, colour="#333333", height=5.5)
    pdf.ln(2)
    SECTION_BODIES[slide.kind](pdf, slide, image)
    if slide.notes and slide.kind != "text":
        pdf.ln(2)
        _write(pdf, t("report_in_words", pdf.text_lang), size=9.5, style="B")
        for note in slide.notes:
            _write(pdf, "• " + note, size=9.5, height=5)
    if slide.source:
        pdf.ln(1)
        _write(pdf, slide.source, size=8, colour=MUTED, height=4.5)


def _picture(pdf: ReportPDF, slide: Slide, image: bytes | None) -> None:
    if not image:
        _write(pdf, t("report_image_missing", pdf.text_lang, reason=pdf.missing or "–"), size=10, colour=MUTED)
        return
    pdf.image(io.BytesIO(image), x=MARGIN, w=CONTENT_WIDTH)


def _bullets(pdf: ReportPDF, slide: Slide, image: bytes | None) -> None:
    for line in slide.bullets:
        _write(pdf, "• " + line, size=10, height=5.2)


SECTION_BODIES: dict[str, Callable[[ReportPDF, Slide, bytes | None], None]] = {
    "headlines": lambda pdf, slide, image: _headlines(pdf, slide),
    "chart": _picture,
    "map": _picture,
    "table": lambda pdf, slide, image: _table(pdf, slide),
    "text": _bullets,
}


def build_report(slides: Sequence[Slide], images: Mapping[str, bytes], *, lang: str, demo: bool,
                 made: date | None = None, missing: str = "") -> bytes:
    """The PDF of `slides` (images: slide key -> PNG; `missing`: why a chart image is absent); the
    title slide opens the first page."""
    pdf = ReportPDF(lang=lang, demo=demo)
    pdf.missing = missing
    pdf.set_title(slides[0].title if slides else "WE Nexus")
    pdf.set_author("WE Nexus Monitor")
    pdf.set_lang({"id": "id-ID", "en": "en-GB"}.get(lang, "id-ID"))
    if made:
        pdf.set_subject(made.isoformat())
    pdf.add_page()
    for slide in slides:
        if slide.kind == "title":
            _title(pdf, slide)
        else:
            _section(pdf, slide, images.get(slide.key))
    return bytes(pdf.output())


def report_bytes(context: SlideContext, *, render: ChartRenderer = render_charts) -> bytes:
    """The PDF report for the context's filters and language."""
    slides, images, missing = slides_with_images(context, render=render)
    return build_report(slides, images, lang=context.lang, demo=context.demo, made=context.today, missing=missing)
