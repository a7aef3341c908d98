"""Placeholder until the page lands (being built now)."""
import streamlit as st

from lib.i18n import t
from lib.page import page_context

lang, filters = page_context()
st.info(t("page_not_built", lang))
