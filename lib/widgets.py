"""Shared widgets: each *_ui() draws and returns plain values; state lives in the URL."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.i18n import LANGUAGES, normalise_lang, t
from lib.validate import ValidationReport

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def language_ui() -> str:
    """Language switch in the sidebar, kept in ?lang= so that a link reproduces it."""
    current = normalise_lang(st.query_params.get("lang"))
    lang = st.sidebar.radio(t("language", current), LANGUAGES, index=LANGUAGES.index(current),
                            format_func=LANGUAGE_NAMES.get, horizontal=True, key="lang_choice")
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


def regency_ui(villages: pd.DataFrame, lang: str) -> list[str]:
    """A regency filter, shown only when the data holds more than one regency."""
    regencies = villages[["regency_code", "regency_name"]].drop_duplicates().sort_values("regency_code")
    codes = regencies["regency_code"].tolist()
    if len(codes) <= 1:
        return codes
    names = dict(zip(regencies["regency_code"], regencies["regency_name"]))
    wanted = [c for c in st.query_params.get_all("regency") if c in names] or codes
    chosen = st.sidebar.multiselect(t("regency_filter", lang), codes, default=wanted, format_func=names.get,
                                    key="regency_choice")
    st.query_params["regency"] = chosen
    return chosen or codes


def data_error_ui(report: ValidationReport, path: str, lang: str) -> None:
    """A data problem as a person can act on it: summary, hint, and the problem table."""
    st.error(t("data_error_title", lang, count=len(report.errors), file=report.file))
    st.caption(t("data_error_hint", lang, path=path))
    st.dataframe(report.problems_frame(), hide_index=True)
