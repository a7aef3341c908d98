"""Kelola Data / Manage data: upload, check, version and roll back tables; templates; data quality.

Viewing needs no login; every write does (lib.store.auth). Writes go through lib.store.versions, the same code
as `python -m lib.cli data ...`. Case data never reaches the browser at row level.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from lib.store import auth, stores

from lib.ui import cache

from lib.store import versions
from lib.store.postgres import StoreUnreachable
from lib.store.admin_tables import (audit_download, audit_frame, change_tiles, count_text, format_time,
                                   outcome_message, plan_problems, problems_download, problems_frame, status_frame,
                                   table_title, versions_frame)
from lib.texts.data_text import as_text
from lib.texts.i18n import LANGUAGES, format_date, format_number, t
from lib.data.load import find_table_file
from lib.ui.login import active_session, configured_users, flash, flash_ui, idle_minutes, session_ui
from lib.ui.page import page_context
from lib.ui.quality import case_audit_ui, quality_ui
from lib.ui.widgets import table_ui
from lib.data.schema import TABLES
from lib.store.checks import MAX_ROWS, MAX_UPLOAD_MB
from lib.store.content import canonical_csv, sha256_of, text_frame
from lib.data.templates import explanation_frame, template_csv, template_file_name, template_xlsx
from lib.data.validate import table_for_path

ROUND_KEY = "da_upload_round"     # a new uploader after each stored file
PUBLISH_KEY = "da_publish_cases"  # a new case version: protect and audit it now, not on a reader's first visit
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

lang, filters = page_context()
store = stores.configured()
folder = store.folder
st.title(t("page_data", lang))
st.caption(t("da_intro", lang))


def store_plan(plan: versions.Plan, users: auth.Users, policy: auth.AuthPolicy) -> None:
    """Button callback: store a checked plan as the logged-in user (the session is checked again)."""
    session = active_session(users, policy)
    if session is None:
        flash("warning", t("da_session_ended", lang, minutes=idle_minutes(policy)))
        return
    outcome = store.commit(plan, user=session.user, via="app")
    if outcome.ok:
        st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1   # a fresh uploader
        st.session_state["da_versions_table"] = plan.table                       # its versions in view
        st.session_state[PUBLISH_KEY] = TABLES[plan.table].sensitive
        for key in ("da_rollback_confirm", "da_rollback_removal", "da_confirm_removal"):
            st.session_state.pop(key, None)
    flash("success" if outcome.ok else "error", outcome_message(outcome, lang))


def status_ui(session: auth.Session | None) -> None:
    """Every table: its current file, current version, rows and state (case rows: signed in only)."""
    st.subheader(t("da_status_title", lang))
    states = store.table_states()
    tables = cache.loaded_tables()
    rows = {name: len(frame) for name, frame in tables.items() if session is not None or not TABLES[name].sensitive}
    st.dataframe(status_frame(states, rows, lang, signed_in=session is not None), hide_index=True)
    stamps = [s.latest.time for s in states if s.latest]
    as_of = format_time(max(stamps), lang) if stamps else format_date(auth.utc_now().date(), lang)
    st.caption(t("da_status_source", lang, as_of=as_of))
    if any(state.state in ("unrecorded", "changed_outside") for state in states):
        st.caption(t("da_status_help", lang))


def table_select(key: str, *, default: str | None = None) -> str:
    """A table picker; `default` is its first choice (later the session state holds the choice)."""
    if default and key not in st.session_state:
        st.session_state[key] = default
    return st.selectbox(t("da_choose_table", lang), list(TABLES), key=key, format_func=lambda n: table_title(n, lang))


def change_ui(plan: versions.Plan) -> None:
    st.markdown(f"**{t('da_change_title', lang)}**")
    for column, (name, value) in zip(st.columns(4), change_tiles(plan, lang)):
        column.metric(name, value)
    current = find_table_file(folder, plan.table)
    if plan.records_current and current is not None:
        st.info(as_text(t("da_note_records_current", lang, file=current.name)))


def report_ui(plan: versions.Plan) -> None:
    """The validation report and the store's own checks, in the reader's language."""
    report = plan.report
    (st.success if plan.ok else st.error)(as_text(plan.message(lang)))
    if report is not None:
        sensitive = TABLES[plan.table].sensitive
        st.caption(as_text(t("da_report_summary", lang, file=report.file,
                             rows=count_text(report.rows, lang, sensitive=sensitive),
                             errors=format_number(len(report.errors), lang),
                             warnings=format_number(len(report.warnings), lang))))
        for note in (p for p in report.warnings if p.row is None and p.column is None):
            st.info(as_text(note.message(lang)), icon=":material/info:")
    problems = plan_problems(plan)
    if problems:
        st.markdown(f"**{t('da_problems_title', lang)}**")
        table_ui(problems_frame(problems, lang))
        st.download_button(t("da_problems_download", lang), problems_download(problems), mime="text/csv",
                           file_name=f"{t('da_problems_word', lang)}_{plan.source_name}.csv", key="da_problems_csv",
                           icon=":material/download:")


def cached_plan(slot: str, table: str, key: tuple, make: Callable[[], versions.Plan]) -> versions.Plan:
    """A plan kept for the session while its upload and the table's store stay the same: checking a
    large file takes seconds and every click reruns the page."""
    full_key = (table, *key, store.current_base(table))
    kept = st.session_state.get(slot)
    if kept is None or kept[0] != full_key:
        with st.spinner(t("da_checking", lang)):
            kept = (full_key, make())
        st.session_state[slot] = kept
    return kept[1]


def table_from_file_name(file_key: str) -> None:
    """Uploader callback: a file named like a table (kegiatan_2025.xlsx) selects that table."""
    uploaded = st.session_state.get(file_key)
    named = table_for_path(Path(uploaded.name)) if uploaded is not None else None
    if named:
        st.session_state["da_table"] = named


def upload_ui(session: auth.Session | None, users: auth.Users, policy: auth.AuthPolicy) -> None:
    st.subheader(t("da_upload_title", lang))
    if session is None:
        st.info(t("da_login_to_write" if users.hashes else "da_writes_off", lang), icon=":material/lock:")
        return
    table = table_select("da_table")
    mode = st.radio(t("da_choose_mode", lang), versions.IMPORT_MODES, key="da_mode", horizontal=True,
                    format_func=lambda m: t(f"da_mode_{m}", lang))
    st.caption(t(f"da_mode_help_{mode}", lang))
    file_key = f"da_file_{st.session_state.get(ROUND_KEY, 0)}"
    uploaded = st.file_uploader(t("da_choose_file", lang, limit=MAX_UPLOAD_MB, rows=format_number(MAX_ROWS, lang)),
                                type=["csv", "xlsx"], max_upload_size=MAX_UPLOAD_MB, key=file_key,
                                on_change=table_from_file_name, args=(file_key,))
    if uploaded is None:
        return
    named = table_for_path(Path(uploaded.name))
    if named and named != table:
        st.warning(as_text(t("da_table_name_mismatch", lang, file=uploaded.name, named=table_title(named, lang),
                             chosen=table_title(table, lang))))
    payload = uploaded.getvalue()
    plan = cached_plan("da_plan_upload", table, (sha256_of(payload), uploaded.name, mode),
                       lambda: store.plan_import(payload, table=table, source_name=uploaded.name, mode=mode))
    report_ui(plan)
    if not plan.ok:
        return
    change_ui(plan)
    if TABLES[table].sensitive:
        st.caption(t("da_no_preview_sensitive", lang))
    elif plan.report is not None and plan.report.frame is not None:
        st.markdown(f"**{t('da_preview_title', lang)}**")
        st.dataframe(text_frame(canonical_csv(plan.report.frame.head(20), TABLES[table])), hide_index=True)
    confirmed = removal_confirmed_ui(plan, "da_confirm_removal")
    st.button(t("da_save", lang), type="primary", key="da_save", icon=":material/save:", on_click=store_plan,
              args=(plan, users, policy), disabled=not confirmed)


def removal_confirmed_ui(plan: versions.Plan, key: str) -> bool:
    """A plan that removes rows from the current table needs a tick first; returns whether it may go ahead."""
    change = plan.change
    if change is None or change.removed == 0:
        return True
    sensitive = TABLES[plan.table].sensitive
    st.warning(t("da_removes_rows", lang, removed=count_text(change.removed, lang, sensitive=sensitive)),
               icon=":material/warning:")
    return st.checkbox(t("da_confirm_removal", lang), key=key)


def versions_ui(session: auth.Session | None, users: auth.Users, policy: auth.AuthPolicy) -> None:
    st.subheader(t("da_versions_title", lang))
    written = store.list_versions()
    table = table_select("da_versions_table", default=written[-1].table if written else None)
    entries = store.list_versions(table)
    if not entries:
        st.info(t("da_no_versions", lang, table=table_title(table, lang)))
        return
    st.dataframe(versions_frame(entries, lang, signed_in=session is not None), hide_index=True)
    st.caption(t("da_versions_source", lang, as_of=format_time(entries[-1].time, lang)))
    st.markdown(f"**{t('da_rollback_title', lang)}**")
    if session is None:
        st.info(t("da_login_to_rollback" if users.hashes else "da_writes_off", lang), icon=":material/lock:")
        return
    # A current file changed by hand (a bad file dropped in: the pages serve the latest version instead) can be
    # put back to the latest version too.
    changed = any(state.table == table and state.state == "changed_outside" for state in store.table_states())
    choices = [entry.version for entry in (entries if changed else entries[:-1]) if entry.valid][::-1]
    if not choices:
        st.caption(t("da_rollback_none", lang))
        return
    version = st.selectbox(t("da_rollback_choose", lang), choices, key="da_rollback_version",
                           format_func=lambda v: f"v{v}")
    plan = cached_plan("da_plan_rollback", table, (version,),
                       lambda: store.plan_rollback(table, version))
    if not plan.ok:
        st.warning(as_text(plan.message(lang)))
        return
    change_ui(plan)
    confirmed = st.checkbox(t("da_rollback_confirm", lang, version=version), key="da_rollback_confirm")
    confirmed = removal_confirmed_ui(plan, "da_rollback_removal") and confirmed
    st.button(t("da_rollback_button", lang, version=version), disabled=not confirmed, key="da_rollback_button",
              icon=":material/history:", on_click=store_plan, args=(plan, users, policy))


def templates_ui() -> None:
    st.subheader(t("da_templates_title", lang))
    st.caption(t("da_templates_help", lang))
    table = table_select("da_template_table")
    header_lang = st.radio(t("da_template_headers", lang), LANGUAGES, index=LANGUAGES.index(lang), horizontal=True,
                           key="da_template_lang", format_func=lambda code: t(f"da_lang_{code}", lang))
    left, right = st.columns(2)
    left.download_button(t("da_download_xlsx", lang), cache.shared(template_xlsx, table, header_lang), mime=XLSX_MIME,
                         file_name=template_file_name(table, header_lang, ".xlsx"), key="da_template_xlsx",
                         icon=":material/download:")
    right.download_button(t("da_download_csv", lang), cache.shared(template_csv, table, header_lang), mime="text/csv",
                          file_name=template_file_name(table, header_lang, ".csv"), key="da_template_csv",
                          icon=":material/download:")
    st.dataframe(cache.shared(explanation_frame, table, header_lang), hide_index=True)
    st.caption(t("da_template_source", lang))


def audit_ui(session: auth.Session | None) -> None:
    st.subheader(t("da_audit_title", lang))
    if session is None:
        st.info(t("da_login_to_audit", lang), icon=":material/lock:")
        return
    entries = store.read_audit(limit=100)
    if not entries:
        st.caption(t("da_audit_empty", lang))
        return
    st.dataframe(audit_frame(entries, lang), hide_index=True)
    st.caption(t(f"da_audit_source_{store.kind}", lang, store=store.describe()))
    # The whole log, written when the button is clicked (not on every rerun of the page).
    st.download_button(t("da_audit_download", lang), mime="text/csv", file_name=f"{t('da_audit_file', lang)}.csv",
                       data=lambda: audit_download(store.read_audit(limit=None), lang),
                       key="da_audit_csv", on_click="ignore", icon=":material/download:")


def page_ui() -> None:
    users, policy = configured_users(store)
    flash_ui()
    if st.session_state.pop(PUBLISH_KEY, False):
        with st.spinner(t("da_publishing", lang)):
            published = cache.publication()
        if published is not None:
            case_audit_ui(published.audit, lang, signed_in=True)   # only a signed-in commit publishes
    session = session_ui(store, users, policy, lang)
    status_ui(session)
    tab_upload, tab_versions, tab_templates, tab_quality, tab_audit = st.tabs(
        [t(f"da_tab_{name}", lang) for name in ("upload", "versions", "templates", "quality", "audit")])
    with tab_upload:
        upload_ui(session, users, policy)
    with tab_versions:
        versions_ui(session, users, policy)
    with tab_templates:
        templates_ui()
    with tab_quality:
        quality_ui(cache.loaded_tables(), lang, signed_in=session is not None)
    with tab_audit:
        audit_ui(session)


try:
    store.recover()   # finishes or removes what a write that a crash interrupted left
    page_ui()
except StoreUnreachable:   # the database went away: say so, in both languages, instead of a traceback
    st.error(t("da_store_unreachable", lang), icon=":material/cloud_off:")
