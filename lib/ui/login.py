"""The login widgets of pages that write: the form, the logged-in line, messages across a click.

All decisions are lib.store.auth's (pure, with the time passed in); these helpers only draw and keep the
session in st.session_state. Login and logout run as widget callbacks, before the page draws, so
the page draws once, logged in or not.
"""
from __future__ import annotations

import streamlit as st

from lib.store import auth
from lib.store.admin_tables import format_time
from lib.store.base import Store
from lib.store.postgres import StoreUnreachable
from lib.texts.data_text import as_text
from lib.texts.i18n import t

SESSION_KEY = "da_session"
FLASH_KEY = "da_flash"
LOGIN_MESSAGES: dict[auth.LoginOutcome, tuple[str, str]] = {
    auth.LoginOutcome.WRONG: ("error", "da_login_wrong"), auth.LoginOutcome.WAIT: ("warning", "da_login_wait"),
    auth.LoginOutcome.LOCKED: ("error", "da_login_locked"), auth.LoginOutcome.EMPTY: ("warning", "da_login_empty"),
}


def configured_users(store: Store) -> tuple[auth.Users, auth.AuthPolicy]:
    """The store's users (.streamlit/secrets.toml for the file store, the database's for PostgreSQL) and
    the policy from .streamlit/secrets.toml; no users when there is no secrets file or no database."""
    try:
        section = st.secrets.get(auth.SECRETS_SECTION, {})
    except Exception:   # Streamlit raises when no secrets file exists at all
        section = {}
    try:
        users = store.users(auth.users_from_secrets(section))
    except StoreUnreachable:
        users = auth.Users()
    return users, auth.policy_from_secrets(section)


def flash(kind: str, text: str) -> None:
    """Leave a message (st.success/info/warning/error) for the next draw of the page."""
    st.session_state[FLASH_KEY] = (kind, text)


def flash_ui() -> None:
    kind, text = st.session_state.pop(FLASH_KEY, (None, None))
    if kind:
        getattr(st, kind)(as_text(text))


def idle_minutes(policy: auth.AuthPolicy) -> int:
    return int(policy.session_idle.total_seconds() // 60)


def active_session(users: auth.Users, policy: auth.AuthPolicy) -> auth.Session | None:
    """The session of this browser tab if it may still write, else None."""
    session = st.session_state.get(SESSION_KEY)
    return session if auth.session_active(session, auth.utc_now(), policy, users) else None


def _log_in(store: Store, users: auth.Users, policy: auth.AuthPolicy, lang: str) -> None:
    try:
        result = store.login(users, st.session_state.get("da_login_user", ""),
                             st.session_state.get("da_login_password", ""), policy=policy)
    except StoreUnreachable:
        flash("error", t("da_store_unreachable", lang))
        return
    if result.outcome == auth.LoginOutcome.OK:
        st.session_state[SESSION_KEY] = result.session
        return
    until = format_time(result.until.isoformat(), lang) if result.until else "–"
    kind, key = LOGIN_MESSAGES.get(result.outcome, ("warning", "da_login_empty"))
    flash(kind, t(key, lang, time=until))


def _log_out(store: Store, user: str, lang: str) -> None:
    try:
        store.record_audit(action="logout", user=user)
    except StoreUnreachable:
        pass   # the session ends all the same
    st.session_state.pop(SESSION_KEY, None)
    flash("info", t("da_logged_out", lang))


def session_ui(store: Store, users: auth.Users, policy: auth.AuthPolicy, lang: str) -> auth.Session | None:
    """The login form, or who is logged in with a logout button; returns the active session or None.
    With no users configured it says how to configure them, and nobody can write."""
    now = auth.utc_now()
    session = st.session_state.get(SESSION_KEY)
    if session is not None and not auth.session_active(session, now, policy, users):
        st.session_state.pop(SESSION_KEY, None)
        st.info(t("da_session_ended", lang, minutes=idle_minutes(policy)))
        session = None
    if not users.hashes:
        st.info(t("da_no_users", lang), icon=":material/lock:")
        with st.expander(t("da_setup_title", lang)):       # not for every reader of the page
            st.markdown(t("da_setup", lang))
            st.code("python -m lib.cli data hash-password --user nama_pengguna", language="bash")
        if users.invalid:
            st.warning(t("da_users_invalid", lang, names=", ".join(users.invalid)))
        return None
    if session is not None:
        session = auth.touched(session, now)
        st.session_state[SESSION_KEY] = session
        line, button = st.columns([4, 1])
        line.markdown(t("da_logged_in", lang, user=as_text(session.user), minutes=idle_minutes(policy)))
        button.button(t("da_logout", lang), key="da_logout", icon=":material/logout:", on_click=_log_out,
                      args=(store, session.user, lang))
        return session
    with st.form("da_login_form", clear_on_submit=True):
        st.markdown(f"**{t('da_login_title', lang)}**")
        st.text_input(t("da_login_user", lang), key="da_login_user")
        st.text_input(t("da_login_password", lang), type="password", key="da_login_password")
        st.form_submit_button(t("da_login_button", lang), icon=":material/login:", on_click=_log_in,
                              args=(store, users, policy, lang))
    return None
