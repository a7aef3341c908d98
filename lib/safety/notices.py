"""What a reader is told when a case figure cannot follow the filters (lib.safety.figures.Figure.dropped).

The publication holds a fixed set of tables; a figure the filters ask for outside it is shown for a
wider choice instead, and the reader is told which, in the page's language.
"""
from __future__ import annotations

from collections.abc import Iterable

from lib.texts.i18n import t

# A filter the publication could not follow -> the text key of what is shown instead.
INSTEAD: dict[str, str] = {
    "victim_age_group": "case_instead_all_ages",
    "victim_group": "case_instead_all_ages",
    "victim_sex": "case_instead_both_sexes",
    "subdistrict": "case_instead_regency",
    "year": "case_instead_window",
}


def instead_text(dropped: Iterable[str], lang: str, *, window: str) -> str:
    """'the whole regency, both sexes' for the filters dropped ('' when none), in INSTEAD's order."""
    keys = list(dict.fromkeys(INSTEAD[axis] for axis in INSTEAD if axis in set(dropped)))
    return ", ".join(t(key, lang, window=window) for key in keys)


def dropped_notice(dropped: Iterable[str], lang: str, *, window: str) -> str | None:
    """The one notice of a page whose figures dropped filters (None when every figure followed them)."""
    instead = instead_text(dropped, lang, window=window)
    return t("case_note_dropped", lang, instead=instead) if instead else None
