"""Shared widgets: each *_ui() draws and returns plain values; the state lives in the URL.

The frame (dashboard.py) draws them before the page runs, so the filters are kept when switching
pages, and every change is written back to the URL so that a link reproduces the view.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import streamlit as st

from lib.data import codes
from lib.data.area_options import kept_desa
from lib.store.admin_tables import problems_frame
from lib.data.filters import QUERY_KEYS, Filters, filters_from_query, filters_to_query
from lib.texts.data_text import as_text, as_text_table
from lib.texts.i18n import LANGUAGES, MONTHS, code_label, normalise_lang, t
from lib.data.schema import TABLES
from lib.store.serving import ServedTable, refusal_text

if TYPE_CHECKING:   # imported when drawn: the frame does not need the slides
    from lib.meeting.context import SlideContext

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
_STATE = "filters_from_url"   # session flag: widgets were seeded from the URL once
MANAGED_KEYS = ("lang", *QUERY_KEYS.values())
PERIOD = "period"              # session value of the period slider (a controlled widget, see language_ui)
KEYS = {"regencies": "f_regency", "subdistricts": "f_kecamatan", "villages": "f_desa",
        "sexes": "f_sex", "age_groups": "f_age", "disabilities": "f_disability"}


def _query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


_WRITTEN = "url_written"        # the managed part of the URL as this session last wrote it


def _managed_url() -> dict[str, list[str]]:
    query = _query_dict()
    return {key: query[key] for key in MANAGED_KEYS if key in query}


def _url_changed_outside() -> bool:
    """Whether the URL holds a view this session did not write (a pasted link, back/forward).

    An empty URL is not a change: Streamlit clears the query when switching pages, and the
    frame writes the filters back on the same run.
    """
    managed = _managed_url()
    return bool(managed) and managed != st.session_state.get(_WRITTEN)


def language_ui() -> str:
    """Language switch in the sidebar, seeded from ?lang=.

    A controlled widget: its default is the session's language and its identity changes with it,
    so it never needs its state written from outside (which Streamlit warns about).
    """
    if "lang" not in st.session_state or _url_changed_outside():
        st.session_state["lang"] = normalise_lang(st.query_params.get("lang"))
    current = st.session_state["lang"]
    chosen = st.sidebar.radio(t("language", current), LANGUAGES, index=LANGUAGES.index(current),
                              format_func=LANGUAGE_NAMES.get, horizontal=True)
    st.session_state["lang"] = chosen
    return chosen


def month_label(month: str, lang: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[lang][int(number) - 1][:3]} {year}"


def _seed_from_url(villages: pd.DataFrame, months: Sequence[str]) -> None:
    """First run of a session, or a link opened in it: the widgets start from what the URL says."""
    if st.session_state.get(_STATE) and not _url_changed_outside():
        return
    from lib.ui.cache import programme_area
    filters = filters_from_query(_query_dict(), villages, programme_area())
    first, last = months[0], months[-1]
    start = filters.period_from if filters.period_from and filters.period_from >= first else first
    end = filters.period_to if filters.period_to and filters.period_to <= last else last
    st.session_state[PERIOD] = (min(start, last), max(end, first))
    for name in ("regencies", "subdistricts", "villages", "sexes", "age_groups", "disabilities"):
        st.session_state[KEYS[name]] = list(getattr(filters, name))
    st.session_state[_STATE] = True


def _reset() -> None:
    for key in (*KEYS.values(), PERIOD):
        st.session_state.pop(key, None)
    st.session_state[_STATE] = False
    for key in list(st.query_params.keys()):
        if key != "lang":
            del st.query_params[key]


def filters_ui(villages: pd.DataFrame, months: Sequence[str], lang: str) -> Filters:
    """The shared sidebar filters; returns the Filters and writes them to the URL. What the area filters
    offer comes from lib.ui.cache.area_options_for (sorted once per data version)."""
    from lib.ui.cache import area_options_for as options
    _seed_from_url(villages, months)
    sidebar = st.sidebar
    sidebar.subheader(t("filters", lang))
    regency_names = options((), ()).regencies
    regencies: list[str] = []
    if len(regency_names) > 1:   # offered only when the data holds more than one regency
        _keep_valid(KEYS["regencies"], regency_names)   # written each run, as the others: a rerun keeps it
        regencies = sidebar.multiselect(t("regency_filter", lang), sorted(regency_names), key=KEYS["regencies"],
                                        format_func=regency_names.get, placeholder=t("all", lang))
    _keep_range(PERIOD, months)
    period = sidebar.select_slider(t("period", lang), options=list(months), value=st.session_state[PERIOD],
                                   format_func=lambda m: month_label(m, lang))
    st.session_state[PERIOD] = tuple(period)
    kecamatan_names = options(tuple(regencies), ()).kecamatan
    _keep_valid(KEYS["subdistricts"], kecamatan_names)
    subdistricts = sidebar.multiselect(t("subdistrict_filter", lang), list(kecamatan_names), key=KEYS["subdistricts"],
                                       format_func=kecamatan_names.get, placeholder=t("all", lang))
    in_kecamatan = options(tuple(regencies), tuple(subdistricts))
    desa_names = dict(in_kecamatan.desa)
    if in_kecamatan.desa_need_kecamatan:   # a desa chosen by a link stays chosen
        desa_names.update(kept_desa(st.session_state.get(KEYS["villages"], []), regencies, villages))
    _keep_valid(KEYS["villages"], desa_names)
    village_codes = sidebar.multiselect(
        t("village_filter", lang), list(desa_names), key=KEYS["villages"], format_func=desa_names.get,
        placeholder=t("village_filter_after_kecamatan" if in_kecamatan.desa_need_kecamatan else "all", lang))
    sexes = _code_select(sidebar, "sex_filter", codes.SEX, KEYS["sexes"], lang)
    ages = _code_select(sidebar, "age_filter", codes.AGE_GROUP, KEYS["age_groups"], lang)
    disabilities = _code_select(sidebar, "disability_filter", codes.DISABILITY, KEYS["disabilities"], lang)
    sidebar.button(t("reset_filters", lang), on_click=_reset, icon=":material/restart_alt:")
    filters = Filters(
        period_from=None if period[0] == months[0] else period[0],
        period_to=None if period[1] == months[-1] else period[1],
        regencies=tuple(regencies), subdistricts=tuple(subdistricts), villages=tuple(village_codes),
        sexes=tuple(sexes), age_groups=tuple(ages), disabilities=tuple(disabilities),
    )
    _write_url(filters, lang)
    return filters


def _keep_range(key: str, months: Sequence[str]) -> None:
    """Keep the period a (from, to) pair of known months; anything else (a new data folder with
    other months, a first run) becomes the full span."""
    value = st.session_state.get(key)
    if not (isinstance(value, (tuple, list)) and len(value) == 2 and all(v in months for v in value)):
        st.session_state[key] = (months[0], months[-1])


def _keep_valid(key: str, options: dict) -> None:
    """Drop chosen values that the narrower options no longer hold (a desa of an unchosen kecamatan)."""
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]


def _code_select(container, label_key: str, code_list: codes.CodeList, key: str, lang: str) -> list[str]:
    return container.multiselect(t(label_key, lang), list(code_list.values), key=key, placeholder=t("all", lang),
                                 format_func=lambda code: code_label(code_list.name, code, lang))


def _write_url(filters: Filters, lang: str) -> None:
    """Write language and filters to the URL; page-specific keys (e.g. ?village=) are left alone."""
    from lib.ui.cache import programme_area
    wanted = {"lang": [lang], **filters_to_query(filters, programme_area())}
    current = _query_dict()
    for key in MANAGED_KEYS:
        if key in wanted and current.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in current:
            del st.query_params[key]
    st.session_state[_WRITTEN] = wanted


def demo_banner_ui(lang: str) -> None:
    """The demo label, while the demo data is loaded: on every page, and on every presenter slide."""
    from lib.ui import cache

    if cache.demo_loaded():
        st.warning(t("demo_banner", lang), icon=":material/science:")


# A wrapped table longer than this scrolls inside a box of TABLE_HEIGHT px instead of running down the page.
TABLE_ROWS_SHOWN = 15
TABLE_HEIGHT = 560


def table_ui(frame: pd.DataFrame) -> None:
    """A table whose cells wrap, so that no text is cut: st.dataframe's canvas grid cuts a cell at its
    column's width ("Tidak ada d…") and pushes the right columns off a 1024 px screen. st.table reads
    each cell as Markdown: cells and headers are escaped (lib.texts.data_text.as_text_table)."""
    st.table(as_text_table(frame), hide_index=True,
             height="content" if len(frame) <= TABLE_ROWS_SHOWN else TABLE_HEIGHT)


def refused_files_ui(refused: Sequence[ServedTable], lang: str) -> None:
    """A banner for each data file that failed validation while the app serves the rest
    (lib.store.serving): the file, its first problem and what is shown instead, in the reader's language
    and, smaller, in the other; every problem in a folded table, messages in both languages."""
    other = "en" if lang == "id" else "id"
    for served in refused:
        st.error(as_text(refusal_text(served, lang)), icon=":material/report:")
        st.caption(as_text(refusal_text(served, other)))
        with st.expander(as_text(t("data_refused_details", lang, file=served.refused.file))):
            # Anyone may view the pages: no cell of a case row is shown, only where the problem is.
            table_ui(problems_frame(served.refused.problems, lang, values=not TABLES[served.name].sensitive,
                                    both_languages=True))
    if refused:
        st.caption(t("data_refused_hint", lang))


# Downloads ---------------------------------------------------------------------------------------------------
DOWNLOAD_FORMATS: tuple[str, ...] = ("csv", "xlsx", "hxl")


def download_ui(frame: pd.DataFrame | Callable[[], pd.DataFrame], *, name: str, lang: str, hxl: bool = True,
                key: str | None = None) -> None:
    """A small 'Download' popover under a chart or table: CSV, Excel and HXL-tagged CSV of `frame`.

    `frame` is an export frame of lib.exports.views (what the chart or table shows, case counts
    suppressed), or a function that makes it: then the frame, like the file, is made only when a
    button is clicked (Streamlit runs the callable), not on every rerun of the page.
    """
    from functools import partial

    from lib.exports.formats import FORMATS, file_name

    key = key or name
    menu = st.popover(t("download", lang), icon=":material/download:", help=t("download_help", lang),
                      key=f"download_{key}", on_change="rerun")
    if not menu.open:      # a closed menu draws no buttons: opening it reruns the page (milliseconds)
        return
    with menu:
        for fmt in DOWNLOAD_FORMATS if hxl else DOWNLOAD_FORMATS[:2]:
            st.download_button(t(f"download_{fmt}", lang), data=partial(_export_file, frame, fmt=fmt, lang=lang),
                               file_name=file_name(name, fmt), mime=FORMATS[fmt].mime, key=f"download_{key}_{fmt}",
                               on_click="ignore", icon=":material/download:", width="stretch")


def _export_file(frame: pd.DataFrame | Callable[[], pd.DataFrame], *, fmt: str, lang: str) -> bytes:
    from lib.exports.formats import export_bytes

    return export_bytes(frame() if callable(frame) else frame, fmt=fmt, lang=lang)


def slide_context(lang: str, filters: Filters) -> SlideContext:
    """What the slides, the deck and the report are computed from: the cached tables and geometry."""
    from lib.ui import cache
    from lib.meeting.context import KNOWN_TABLES, SlideContext
    from lib.data.settings import min_shown_count

    tables = {name: cache.optional_table(name) for name in KNOWN_TABLES}
    # One context per view for every session: what it computes on demand (its as-of date, the slides) is kept.
    return cache.shared(SlideContext, tables=tables, filters=filters, lang=lang, threshold=min_shown_count(),
                        geometry=cache.village_geometry, case_history=cache.case_history,
                        earlier_areas=cache.earlier_areas)


def meeting_downloads_ui(context: SlideContext, *, lang: str, key: str, stacked: bool = False) -> None:
    """The meeting deck (PowerPoint) and the report (PDF) for the context's filters and language, each
    built when its button is clicked (a few seconds); side by side, or one above the other (`stacked`,
    in a narrow menu)."""
    from functools import partial

    from lib.meeting.deck import deck_bytes
    from lib.meeting.report import report_bytes

    stamp = context.as_of.isoformat() if context.as_of else "data"
    columns = (st.container(), st.container()) if stacked else st.columns(2)
    columns[0].download_button(
        t("deck_download", lang), data=partial(deck_bytes, context),
        file_name=f"{t('deck_file', lang)}_{stamp}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation", key=f"{key}_deck",
        on_click="ignore", icon=":material/slideshow:", help=t("deck_help", lang), width="stretch")
    columns[1].download_button(
        t("report_download", lang), data=partial(report_bytes, context),
        file_name=f"{t('report_file', lang)}_{stamp}.pdf", mime="application/pdf", key=f"{key}_report",
        on_click="ignore", icon=":material/picture_as_pdf:", help=t("deck_help", lang), width="stretch")


VILLAGE_PAGE = "pages/village.py"


def village_table_ui(frame: pd.DataFrame, *, link_column: str, key: str, lang: str, height: int | str = "auto") -> None:
    """A table of villages in which choosing a row opens that village's profile in this tab, keeping the
    reader's language, period and groups (the address in `link_column`, lib.data.filters.village_profile_urls).
    A link column would do it in a new tab: Streamlit's LinkColumn always opens one."""
    event = st.dataframe(frame.drop(columns=[link_column]), hide_index=True, key=key, height=height,
                         on_select="rerun", selection_mode="single-row")
    st.caption(t("open_profile_by_row", lang))
    rows = event.selection.rows if event is not None else []
    if rows:
        address = str(frame[link_column].iloc[rows[0]])
        del st.session_state[key]      # coming back to this page must not open the profile again
        st.switch_page(VILLAGE_PAGE, query_params=parse_qs(urlsplit(address).query))
