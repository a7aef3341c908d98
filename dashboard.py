"""WE Nexus Monitor: the picture frame. Page config, language, banner, navigation."""
from __future__ import annotations

import streamlit as st

from lib import cache
from lib.i18n import t
from lib.load import DataError, TableMissing, is_demo
from lib.paths import data_dir
from lib.schema import TABLES
from lib.widgets import data_error_ui, language_ui, regency_ui

st.set_page_config(page_title="WE Nexus Monitor", page_icon=":material/diversity_3:", layout="wide")

lang = language_ui()
st.session_state["lang"] = lang


def _demo_tables_loaded() -> bool:
    """Whether any table in the data folder holds demo rows (drives the banner on every page)."""
    for name in TABLES:
        if not cache.has_table(name):
            continue
        try:
            if is_demo(cache.table(name)):
                return True
        except (DataError, TableMissing):
            continue
    return False


try:
    cache.table("villages")
except DataError as error:
    data_error_ui(error.report, str(data_dir()), lang)
    st.stop()

# The regency filter is offered only when the data holds more than one regency.
st.session_state["regencies"] = regency_ui(cache.table("villages"), lang)

if _demo_tables_loaded():
    st.warning(t("demo_banner", lang), icon=":material/science:")

pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), icon=":material/dashboard:", default=True,
            url_path="overview"),
]
st.navigation(pages).run()
