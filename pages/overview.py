"""Ringkasan / Overview: the regency at a glance."""
from __future__ import annotations

import streamlit as st

from lib import cache
from lib.i18n import format_date, format_number, t
from lib.load import DataError, TableMissing
from lib.page import page_context
from lib.summary import geography_summary, reach_summary, sources_of

lang, filters = page_context()
villages = cache.table("villages")
regencies = st.session_state.get("regencies") or villages["regency_code"].unique().tolist()
villages = villages[villages["regency_code"].isin(regencies)]

st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))

geography = geography_summary(villages)
tiles = st.columns(4)
tiles[0].metric(t("villages_total", lang), format_number(geography.villages, lang),
                help=t("villages_total_help", lang, desa=geography.desa, kelurahan=geography.kelurahan,
                       subdistricts=geography.subdistricts))
tiles[1].metric(t("subdistricts_total", lang), format_number(geography.subdistricts, lang))

try:
    activities = cache.table("activities")
except (DataError, TableMissing):
    activities = None
if activities is not None:
    activities = activities[activities["village_code"].str.slice(0, 5).isin(regencies)]
    reach = reach_summary(activities)
    tiles[2].metric(t("programme_villages", lang), format_number(reach.villages, lang))
    share = "–" if reach.female_share is None else format_number(100 * reach.female_share, lang) + "%"
    tiles[3].metric(t("participants_total", lang), format_number(reach.participants, lang),
                    delta=t("participants_women_share", lang, share=share), delta_color="off")
    if reach.as_of:
        st.caption(t("source_line", lang, source=sources_of(activities), as_of=format_date(reach.as_of, lang)))

st.subheader(t("village_list", lang))
shown = villages[["village_code", "village_name", "village_type", "subdistrict_name", "regency_name"]]
st.dataframe(shown.rename(columns={c: t(f"col_{c}", lang) for c in shown.columns}), hide_index=True, height=320)
st.caption(t("geography_source", lang))
