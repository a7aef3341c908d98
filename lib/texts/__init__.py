"""The one translation table: key -> {"id": ..., "en": ...}, same placeholders in both languages.

Kept in one module per area so that each stays readable; merged here, and a key may be defined
only once across them.
"""
from __future__ import annotations

from lib.data.codes import ALL_CODE_LISTS
from lib.texts import boundaries, climate, common, data_admin, exports, map_view, progress, validation, village, violence


def _code_texts() -> dict[str, dict[str, str]]:
    """Category names from the code lists, as 'code.<list>.<code>' keys."""
    return {f"code.{code_list.name}.{item.code}": {"id": item.label_id, "en": item.label_en}
            for code_list in ALL_CODE_LISTS.values() for item in code_list.codes}


_PARTS = (common.TEXTS, validation.TEXTS, boundaries.TEXTS, progress.TEXTS, violence.TEXTS, climate.TEXTS,
          village.TEXTS, map_view.TEXTS, data_admin.TEXTS, exports.TEXTS, _code_texts())


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        doubled = merged.keys() & part.keys()
        if doubled:
            raise KeyError(f"text keys defined twice: {sorted(doubled)}")
        merged.update(part)
    return merged


TEXTS: dict[str, dict[str, str]] = _merge(*_PARTS)
