"""The one translation table: key -> {"id": ..., "en": ...}, same placeholders in both languages.

Kept in one module per area so that each stays readable; merged here, and a key may be defined
only once across them.
"""
from __future__ import annotations

from lib.texts import boundaries, common, validation

_PARTS = (common.TEXTS, validation.TEXTS, boundaries.TEXTS)


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        doubled = merged.keys() & part.keys()
        if doubled:
            raise KeyError(f"text keys defined twice: {sorted(doubled)}")
        merged.update(part)
    return merged


TEXTS: dict[str, dict[str, str]] = _merge(*_PARTS)
