"""The translation table keeps one text per meaning, every key the code asks for exists, no stored text is
left unused, and a name column is chosen by language in one place (lib.texts.i18n.in_language)."""
from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from lib.texts import SAME_TEXT, TEXTS, _PARTS
from lib.texts.i18n import in_language, t

REPO = Path(__file__).resolve().parents[2]
TEXTS_DIR = REPO / "lib" / "texts"
# The app's code: every module but the text tables themselves (lib/texts' files that declare TEXTS).
CODE = [path for folder in ("lib", "pages") for path in sorted((REPO / folder).rglob("*.py"))
        if not (path.parent == TEXTS_DIR and re.search(r"^TEXTS\b", path.read_text(encoding="utf-8"), re.M))] \
    + [REPO / "dashboard.py"]
STORED = {key: text for part in _PARTS for key, text in part.items()}


def source_of_the_app() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in CODE)


def literal_keys_asked_for() -> set[str]:
    """The first argument of every t("...") call with a literal key."""
    keys: set[str] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                keys.add(node.args[0].value)
    return keys


def test_every_key_the_code_asks_for_exists() -> None:
    assert sorted(literal_keys_asked_for() - TEXTS.keys()) == []


def test_one_text_per_meaning() -> None:
    pairs = Counter((text["id"], text["en"]) for key, text in STORED.items() if not key.startswith("code."))
    assert [pair for pair, count in pairs.items() if count > 1] == []


def test_aliases_point_at_stored_texts_and_are_not_stored_themselves() -> None:
    assert sorted(alias for alias, key in SAME_TEXT.items() if key not in STORED) == []
    assert sorted(SAME_TEXT.keys() & STORED.keys()) == []
    assert all(TEXTS[alias] is TEXTS[key] for alias, key in SAME_TEXT.items())


def test_no_stored_text_is_unused() -> None:
    """A key is used when the app names it, or when it belongs to a family the app builds names for
    (t(f"prog_status_{status}", ...))."""
    source = source_of_the_app()
    named = set(re.findall(r"[\"']([a-z][a-z0-9_.]*)[\"']", source))
    families = set(re.findall(r"f[\"']([a-z_.]+)\{", source))
    unused = [key for key in TEXTS if not key.startswith("code.") and key not in named
              and not any(key.startswith(family) for family in families)]
    assert unused == []


def test_no_name_column_is_chosen_by_hand() -> None:
    chosen_by_hand = re.compile(r"_en\b[^\n]*\bif lang == \"en\"|if lang == \"en\" else [^\n]*_id\b")
    assert [str(path.relative_to(REPO)) for path in CODE if chosen_by_hand.search(path.read_text())] == []


@pytest.mark.parametrize("field, lang, expected", [("name", "id", "name_id"), ("name", "en", "name_en"),
                                                   ("label", "xx", "label_id")])
def test_in_language(field: str, lang: str, expected: str) -> None:
    assert in_language(field, lang) == expected


def test_an_alias_reads_as_its_text() -> None:
    alias, key = next(iter(SAME_TEXT.items()))
    assert t(alias, "en") == t(key, "en") and t(alias, "id") == t(key, "id")


@pytest.mark.parametrize("change, lang, text", [(0.0526, "en", "+5%"), (-0.1803, "id", "-18%"), (0.004, "en", "0%"),
                                                (-0.004, "id", "0%"), (12.5, "id", "+1.250%")])
def test_format_change_has_the_sign_streamlit_reads(change: float, lang: str, text: str) -> None:
    from lib.texts.i18n import format_change

    assert format_change(change, lang) == text
