"""Translation and formatting: t(key, lang, **kw), numbers and dates per language.

Every text a person reads comes from `lib.texts.TEXTS`; Bahasa Indonesia is the default.
"""
from __future__ import annotations

from datetime import date

from lib.texts import TEXTS

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANG = "id"

MONTHS: dict[str, tuple[str, ...]] = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def normalise_lang(lang: str | None) -> str:
    """A supported language code; anything else falls back to Indonesian."""
    return lang if lang in LANGUAGES else DEFAULT_LANG


def in_language(field: str, lang: str) -> str:
    """The column or attribute holding `field` in the reader's language: 'name' -> 'name_id' or 'name_en'."""
    return f"{field}_{normalise_lang(lang)}"


def t(key: str, lang: str, /, **params: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled."""
    template = TEXTS[key][normalise_lang(lang)]
    return template.format(**params) if params else template


def code_label(list_name: str, code: str, lang: str) -> str:
    """The name of a category code (e.g. 'seksual' -> 'Sexual') in `lang`; the code if unknown."""
    key = f"code.{list_name}.{code}"
    return t(key, lang) if key in TEXTS else str(code)


def format_number(value: float | int, lang: str, *, decimals: int = 0) -> str:
    """1.234,5 in Indonesian, 1,234.5 in English."""
    text = f"{value:,.{decimals}f}"
    if normalise_lang(lang) == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_change(change: float, lang: str) -> str:
    """A relative change as a signed whole percent: '+5%', '-18%' (an ASCII minus, which Streamlit reads
    as a fall and turns its arrow down), '0%' for less than half a percent either way."""
    percent = round(100 * change)
    if percent == 0:
        return "0%"
    return f"{'+' if percent > 0 else '-'}{format_number(abs(percent), lang)}%"


def format_period(period: str, lang: str) -> str:
    """A period label as people read it: '2025' stays; '2025-02' -> 'Feb 2025'; '2025-Q1' ->
    'TW1 2025' (triwulan) / 'Q1 2025'."""
    year, _, rest = str(period).partition("-")
    if not rest:
        return year
    if rest.startswith("Q"):
        return t("quarter_label", lang, quarter=rest[1:], year=year)
    return f"{MONTHS[normalise_lang(lang)][int(rest) - 1][:3]} {year}"


def format_date(value: date, lang: str) -> str:
    """6 Februari 2025 / 6 February 2025."""
    return f"{value.day} {MONTHS[normalise_lang(lang)][value.month - 1]} {value.year}"
