"""Where a number comes from: the one "Sumber: … · per …" / "Source: … · as of …" line that stands
under every chart, tile, table and slide. Every page, export, slide and the report build it here, so
a missing source or date reads the same everywhere ("–")."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

import numpy as np
import pandas as pd

from lib.safety.figures import as_of_month, source_text
from lib.safety.publication import Publication
from lib.texts.i18n import format_date, format_period, t

MISSING = "–"
_PERIOD = re.compile(r"^\d{4}(-(\d{2}|Q[1-4]))?$")


def source_names(frames: Iterable[pd.DataFrame] | pd.DataFrame) -> str:
    """The distinct `source` values of the rows behind a number, sorted and comma-separated ('' when none)."""
    frames = [frames] if isinstance(frames, pd.DataFrame) else frames
    names = {str(source) for frame in frames if "source" in frame.columns
             for source in frame["source"].dropna().unique()}
    return ", ".join(sorted(names - {""}))


def as_of_text(as_of: date | datetime | pd.Timestamp | int | str | None, lang: str) -> str:
    """A date as people read it: a day ('6 Februari 2025'), a period ('TW4 2025', 'Feb 2025'), a year
    ('2024'), or '–' when there is none. Text that is neither is shown as it is."""
    if as_of is None or (not isinstance(as_of, str) and pd.isna(as_of)):
        return MISSING
    if isinstance(as_of, (int, float, np.integer, np.floating)):   # a year, as a column's max gives it
        return str(int(as_of))
    if isinstance(as_of, str):
        return format_period(as_of, lang) if _PERIOD.match(as_of) else as_of
    return format_date(pd.Timestamp(as_of).date(), lang)


def source_line(frames: Iterable[pd.DataFrame] | pd.DataFrame, *,
                as_of: date | datetime | pd.Timestamp | int | str | None, lang: str) -> str:
    """'Sumber: … · per …' naming the sources of the rows behind a number and its as-of date."""
    return named_source_line(source_names(frames), as_of=as_of, lang=lang)


def named_source_line(sources: str, *, as_of: date | datetime | pd.Timestamp | int | str | None, lang: str) -> str:
    """source_line for sources already named (comma-separated; '' when none)."""
    return t("source_line", lang, source=reader_sources(sources, lang) or MISSING, as_of=as_of_text(as_of, lang))


def reader_sources(sources: str, lang: str) -> str:
    """Comma-separated source names, sorted, each as the reader reads it (source_name)."""
    return ", ".join(sorted({source_name(name.strip(), lang) for name in sources.split(",")} - {""}))


# How the demo data names its source (the generator's text, and the declared case system): said in the
# reader's language.
DEMO_SOURCE_NAMES = frozenset({"DEMO (synthetic)", "DEMO"})


def source_name(name: str, lang: str) -> str:
    """A source as the reader reads it: the demo label in their language, any other name as written."""
    return t("source_demo", lang) if name in DEMO_SOURCE_NAMES else name


def case_source_line(publication: Publication, *, lang: str) -> str:
    """'Source: DEMO (synthetic) · as of Dec 2025' for case figures: the source systems by name
    (lib.safety.sources), dated to the newest month; never the file's free text, never a day."""
    return named_source_line(source_text(publication), as_of=as_of_month(publication), lang=lang)
