"""Texts of the progress page."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
}
