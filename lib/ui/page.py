"""What a page needs from the frame: the language and the filters chosen in the sidebar."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lib.data.filters import Filters


def page_context() -> tuple[str, Filters]:
    """(lang, filters) as the frame (dashboard.py) set them on this rerun.

    A fresh server that is first opened on a deep link (/violence) runs the page on its own,
    in Streamlit's legacy pages/ mode, without the frame (no filters, no demo banner). Leaving
    that mode and rerunning makes the frame run and route to the same page.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state.get("page_context", ("id", Filters()))
