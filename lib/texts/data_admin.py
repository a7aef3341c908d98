"""Texts of the data management page (Kelola Data)."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
}
