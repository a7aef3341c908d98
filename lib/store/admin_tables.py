"""Tables the data page shows, built from the store, the validator and the audit log. Pure: no
streamlit. Headers in the reader's language; counts of case rows from 1 to 4 shown as "<5";
values a spreadsheet would run as a formula are defused in downloads.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import pandas as pd

from lib.texts.data_text import neutralise_frame
from lib.texts.i18n import format_date, format_number, in_language, t
from lib.data.schema import TABLES
from lib.texts import TEXTS
from lib.store.versions import Outcome, Plan, TableState
from lib.store.manifest import Version
from lib.safety.suppress import label, safe_total
from lib.data.validate import Problem, bilingual_problems

# Kabupaten Kupang keeps Central Indonesian Time (WITA, UTC+8, no daylight saving).
LOCAL_TIME = timezone(timedelta(hours=8), "WITA")


def table_title(name: str, lang: str) -> str:
    table = TABLES[name]
    return getattr(table, in_language("title", lang))


def format_time(stamp: str, lang: str) -> str:
    """An ISO time from the manifest or the audit log as '6 Februari 2025 14:05 WITA'."""
    moment = datetime.fromisoformat(stamp).astimezone(LOCAL_TIME)
    return f"{format_date(moment.date(), lang)} {moment:%H:%M} WITA"


def count_text(value: int | float | None, lang: str, *, sensitive: bool) -> str:
    """A row count as shown: for case data a count from 1 to 4 reads '<5'."""
    if value is None or pd.isna(value):
        return "–"
    if sensitive:
        shown, state = safe_total(float(value))
        return label(shown, state, formatter=lambda v: format_number(v, lang))
    return format_number(value, lang)


def shown_rows(value: int | float | None, lang: str, *, sensitive: bool, signed_in: bool) -> str:
    """count_text, except that a reader without a login sees no row count of case data at all."""
    if sensitive and not signed_in:
        return t("da_rows_sign_in", lang)
    return count_text(value, lang, sensitive=sensitive)


def shown_source(name: str | None, lang: str, *, sensitive: bool, signed_in: bool) -> str:
    """An uploaded file's name, except for case data to a reader without a login: people name such files
    after a village, a month or a service ("kasus_oelnasi_maret.xlsx"), which would date and place cases."""
    if sensitive and not signed_in:
        return t("da_rows_sign_in", lang)
    return name or "–"


def status_frame(states: Sequence[TableState], rows: dict[str, int | None], lang: str, *,
                 signed_in: bool) -> pd.DataFrame:
    """One row per table: its current file, current version, rows, last change and state."""
    records = []
    for state in states:
        last = state.latest
        records.append({
            t("da_col_table", lang): table_title(state.table, lang),
            t("da_col_file", lang): state.current_file or "–",
            t("da_col_version", lang): state.versions_label,
            t("da_col_rows", lang): shown_rows(rows.get(state.table), lang, sensitive=TABLES[state.table].sensitive,
                                               signed_in=signed_in),
            t("da_col_changed_at", lang): format_time(last.time, lang) if last else "–",
            t("da_col_user", lang): last.user if last else "–",
            t("da_col_state", lang): t(f"da_state_short_{state.state}", lang),
        })
    return pd.DataFrame(records)


def versions_frame(entries: Sequence[Version], lang: str, *, signed_in: bool) -> pd.DataFrame:
    """The versions of one table, newest first: when, who, how, rows and what changed."""
    records = []
    for entry in reversed(list(entries)):
        sensitive = TABLES[entry.table].sensitive
        mode = t(f"da_mode_{entry.mode}", lang)
        if entry.rollback_of:
            mode += f" ({t('da_rollback_of', lang, version=entry.rollback_of)})"
        records.append({
            t("da_col_version", lang): entry.label,
            t("da_col_changed_at", lang): format_time(entry.time, lang),
            t("da_col_user", lang): f"{entry.user} ({entry.via})",
            t("da_col_mode", lang): mode,
            **{t(key, lang): shown_rows(value, lang, sensitive=sensitive, signed_in=signed_in)
               for key, value in (("da_col_rows", entry.rows), ("da_col_added", entry.rows_added),
                                  ("da_col_removed", entry.rows_removed), ("da_col_changed", entry.rows_changed))},
            t("da_col_source_file", lang): shown_source(entry.source_name, lang, sensitive=sensitive, signed_in=signed_in),
            t("da_col_valid", lang): t("da_required_yes" if entry.valid else "da_not_valid_short", lang),
        })
    return pd.DataFrame(records)


def plan_problems(plan: Plan) -> tuple[Problem, ...]:
    """Every problem behind a plan: the validator's report of the upload, then the store's own."""
    return (plan.report.problems if plan.report else ()) + plan.problems


def problems_frame(problems: Sequence[Problem], lang: str, *, values: bool = True,
                   both_languages: bool = False) -> pd.DataFrame:
    """The problems to read on a page: file, row, column, value (unless `values` is False), severity
    and message, headed and worded in `lang`; with `both_languages`, the message in the other
    language as well (a last column headed in that language)."""
    other = "en" if lang == "id" else "id"
    columns = [t(f"da_col_{c}", lang) for c in ("file", "row", "column", "value", "severity", "message")
               if values or c != "value"] + ([t("da_col_message_own_language", other)] if both_languages else [])
    return pd.DataFrame([{
        t("da_col_file", lang): p.file, t("da_col_row", lang): "" if p.row is None else format_number(p.row, lang),
        t("da_col_column", lang): p.column or "", t("da_col_value", lang): p.value or "",
        t("da_col_severity", lang): t(f"severity_{p.severity}", lang),
        t("da_col_message", lang): p.message(lang), t("da_col_message_own_language", other): p.message(other),
    } for p in problems], columns=columns)


def problems_download(problems: Sequence[Problem]) -> bytes:
    """The problems as a CSV in both languages (the validator's columns), safe to open in a spreadsheet."""
    return ("\ufeff" + neutralise_frame(bilingual_problems(problems)).to_csv(index=False)).encode("utf-8")


def outcome_message(outcome: Outcome, lang: str) -> str:
    """What a write did, for the page: the table's name, and case rows from 1 to 4 read '<5'."""
    if not outcome.ok:
        return outcome.message(lang)
    version = outcome.version
    rows = count_text(version.rows, lang, sensitive=TABLES[outcome.table].sensitive)
    return t("da_stored_pending" if outcome.pending else "da_stored", lang, table=table_title(outcome.table, lang),
             version=version.version, rows=rows)


def change_tiles(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """(label, value) of the rows a plan would store, add, remove and change."""
    change = plan.change
    if change is None:
        return []
    sensitive = TABLES[plan.table].sensitive
    return [(t(f"da_tile_{name}", lang), count_text(getattr(change, name), lang, sensitive=sensitive))
            for name in ("rows", "added", "removed", "changed")]


def action_text(action: str, lang: str) -> str:
    """An audit action in words; an action this version does not know stays as written."""
    key = f"da_action_{action}"
    return t(key, lang) if key in TEXTS else (action or "–")


AUDIT_COLUMNS: tuple[str, ...] = ("changed_at", "user", "os_user", "action", "table", "version", "via")


def recovered_text(action: str, lang: str, recovered: object) -> str:
    """An audit action, marked when recovery wrote its line (the write itself was killed before it could)."""
    return t("da_audit_recovered", lang, action=action) if recovered else action


def audit_frame(entries: Sequence[dict], lang: str) -> pd.DataFrame:
    """Audit log lines to read: time, user, operating-system account (command-line writes), action,
    table, version, via. Lines written before a field existed show '–' there."""
    return pd.DataFrame([{
        t("da_col_changed_at", lang): format_time(e["time"], lang) if e.get("time") else "–",
        t("da_col_user", lang): e.get("user") or "–",
        t("da_col_os_user", lang): e.get("os_user") or "–",
        t("da_col_action", lang): recovered_text(action_text(e.get("action") or "", lang), lang, e.get("recovered")),
        t("da_col_table", lang): table_title(e["table"], lang) if e.get("table") in TABLES else (e.get("table") or "–"),
        t("da_col_version", lang): f"v{e['version']}" if e.get("version") else "–",
        t("da_col_via", lang): e.get("via") or "–",
    } for e in entries], columns=[t(f"da_col_{c}", lang) for c in AUDIT_COLUMNS])


def audit_download(entries: Sequence[dict], lang: str) -> bytes:
    """The audit lines as a CSV to open in a spreadsheet: audit_frame's columns, every cell neutralised
    (a user name is whatever was typed after --user: '=HYPERLINK(...)' stays text)."""
    return ("\ufeff" + neutralise_frame(audit_frame(entries, lang)).to_csv(index=False)).encode("utf-8")
