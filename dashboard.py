"""WE Nexus Monitor: the picture frame. Page config, language, filters, demo banner, navigation."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lib.ui import cache
from lib.texts.i18n import t
from lib.data.paths import REPO_ROOT
from lib.store import stores
from lib.meeting.presenter import PRESENT_KEY, SLIDE_KEY, is_presenting
from lib.ui.navigation import PAGES, PRESENTER_PAGE
from lib.ui.styles import APP_CSS, PRESENTER_CSS
from lib.ui.widgets import demo_banner_ui, filters_ui, language_ui, refused_files_ui

# A local icon: a material icon name would make the browser fetch it from the internet.
st.set_page_config(page_title="WE Nexus Monitor", page_icon=str(REPO_ROOT / "lib" / "ui" / "assets" / "favicon.png"),
                   layout="wide")

# A pages/ folder makes Streamlit wrap every run in its legacy multipage mode, with its own sidebar
# list of the files; this frame declares its pages itself (st.navigation below), so that mode is left.
PagesManager.uses_pages_directory = False
lang = language_ui()
try:
    store = stores.configured()
except stores.StoreUrlInvalid as error:
    st.error(t("store_url_invalid", lang, scheme=str(error)))
    st.stop()
cache.new_run()   # the store is asked once per run whether a version was committed since
if not store.reachable:
    st.warning(t("store_unreachable_banner", lang, store=store.describe()), icon=":material/cloud_off:")
pages = [st.Page(page.script, title=t(page.title_key, lang), icon=page.icon, url_path=page.url_path,
                 default=index == 0) for index, page in enumerate(PAGES)]

# Every table validated up front. A file that fails is not used: its table is served from the last valid
# version in the store (lib.store.serving) and a banner below names it; every page, the data page
# included, keeps working.
villages = cache.table("villages")
cache.loaded_tables()

filters = filters_ui(villages, cache.filter_months(), lang)
st.session_state["page_context"] = (lang, filters)

# Presenter mode (?present=1): the toggle follows the URL, and the URL follows the toggle.
presenting = is_presenting(st.query_params)


def _switch_presenter() -> None:
    if st.session_state["presenter_toggle"]:
        st.query_params[PRESENT_KEY] = "1"
    else:
        for key in (PRESENT_KEY, SLIDE_KEY):
            if key in st.query_params:
                del st.query_params[key]


st.session_state["presenter_toggle"] = presenting
st.sidebar.toggle(t("presenter_mode", lang), key="presenter_toggle", on_change=_switch_presenter,
                  help=t("presenter_help", lang))
st.html(f"<style>{APP_CSS}{PRESENTER_CSS if presenting else ''}</style>")

if not presenting:   # presenter mode draws it on its own screen (pages/present.py)
    demo_banner_ui(lang)
    refused_files_ui(cache.refused_tables(), lang)

if presenting:   # one page, whatever page the link was on: the slides
    pages = [st.Page(PRESENTER_PAGE.script, title=t(PRESENTER_PAGE.title_key, lang), icon=PRESENTER_PAGE.icon,
                     url_path=PRESENTER_PAGE.url_path, default=True)]
st.navigation(pages, position="hidden" if presenting else "sidebar").run()
