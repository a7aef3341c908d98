"""What a page needs from the frame: the language and the filters chosen in the sidebar."""
from __future__ import annotations

import streamlit as st

from lib.filters import Filters


def page_context() -> tuple[str, Filters]:
    """(lang, filters) as the frame (dashboard.py) set them on this rerun."""
    return st.session_state.get("page_context", ("id", Filters()))
