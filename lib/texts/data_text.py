"""Data text stays text: names, sources and labels read from data files are plain strings everywhere in
lib/, and are made inert where they meet a renderer or a spreadsheet.

- `as_text` where text becomes markup: Streamlit's Markdown (captions, titles, metric labels, alerts,
  expanders, radio options, st.table cells), Plotly (titles, ticks, hover, legends: its labels are
  HTML-like) and HTML (st.html legends). Called once, by whoever builds the markup: the pages at their
  Streamlit calls, lib.charts in its figures, lib.map.colours in its legends.
  Not for plain-text sinks, which would then show the escapes: st.dataframe cells, select options,
  deck.gl's `text` tooltips and TextLayer names, exports, the deck, the PDF and matplotlib.
- `neutralise_cell` / `neutralise_frame` for every file written for people that a spreadsheet may open:
  downloads, the problem reports, templates, the audit log export.
"""
from __future__ import annotations

import re

import pandas as pd

# Characters that open Markdown or HTML structure (links and images, tags and entities, emphasis, code,
# headings, tables, strikethrough, maths, quotes of attribute values), written as numeric character
# references: Markdown, HTML and Plotly show the character itself and never read it as structure.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|~$!\"]")
# A Markdown block opened by a line's first characters: an indented code block, a list item or a rule
# ("- ", "+ ", "---", "==="), a numbered item ("1. ", "1) "; not "50.0").
_BLOCK_START = re.compile(r"^(?:(\s+)|([-+=])|(\d{1,9})([.)])(?=\s|$))")
# Where GitHub-flavoured Markdown makes a link of bare text (http://…, www.…, name@host) even after
# its characters were decoded from references: a word joiner (U+2060, invisible) breaks the pattern.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\u2028\u2029\x85]")


def _references(text: str) -> str:
    return "".join(f"&#{ord(character)};" for character in text)


def _block_start(match: re.Match[str]) -> str:
    spaces, sign, digits, mark = match.groups()
    return digits + _references(mark) if digits else _references(spaces or sign)


def as_text(value: object) -> str:
    """`value` as one line of text that Markdown, HTML and Plotly draw as it reads: no link, image, tag,
    emphasis or heading can come of it. Apply once, where the markup is built (twice shows the escapes)."""
    text = _LINE_BREAK.sub(" ", "" if value is None else str(value))
    text = _MARKUP.sub(lambda match: _references(match.group(0)), text)
    text = _BLOCK_START.sub(_block_start, text)
    return _AUTOLINK.sub(WORD_JOINER, text)


def as_text_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` for a table that renders Markdown (st.table): every text cell, column name and
    index label through as_text; numbers are kept."""
    def cell(value: object) -> object:
        return as_text(value) if isinstance(value, str) else value

    shown = frame.map(cell)
    shown.columns, shown.index = frame.columns.map(cell), frame.index.map(cell)
    return shown


# OWASP "CSV injection": a cell that starts with one of these is run as a formula by spreadsheets.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# A signed number ("-2", "+0,5", "-1.5e3") is read as that number, never run: it is kept as written.
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|[.,]\d+)([eE][+-]?\d+)?")


def neutralise_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; anything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every cell and column name through neutralise_cell."""
    shown = frame.map(neutralise_cell)
    shown.columns = [neutralise_cell(name) for name in frame.columns]
    return shown
