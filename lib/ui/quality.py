"""Draws the data quality panel of the data page: the numbers come from lib.metrics.quality (computed once
per data version, through lib.ui.cache), the tables from lib.metrics.quality_tables, the charts from
lib.charts.quality; figures and tables are made once per report and language for every session
(lib.ui.cache.shared). Every chart and table names its source and as-of date. Case data appears only
as the violence page's protected counts per kecamatan and calendar year."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from lib.ui import cache
from lib.charts.quality import build_reporting_chart
from lib.store.admin_tables import format_time, table_title
from lib.metrics.provenance import named_source_line
from lib.texts.data_text import as_text
from lib.texts.i18n import format_number, format_period, t
from lib.metrics.quality import QualityReport, missing_periods
from lib.metrics.village_profile import village_names
from lib.safety.publication import AuditSummary
from lib.metrics.quality_tables import (case_years_table, freshness_table, jumps_table, negative_values_table, no_data_table,
                                participant_table)


def source_line(report: QualityReport, table: str, lang: str) -> str:
    """The source line of a table dated by its latest date (activities, cases)."""
    return named_source_line(report.sources.get(table, ""), as_of=report.latest.get(table), lang=lang)


def period_source_line(report: QualityReport, lang: str) -> str:
    """The source line of the indicator values, as of their last reporting period."""
    span = report.value_reporting["period"] if report.value_reporting is not None else pd.Series(dtype=str)
    return named_source_line(report.sources.get("indicator_values", ""), as_of=span.iloc[-1] if len(span) else None,
                             lang=lang)


def _table_or_note(frame: pd.DataFrame, empty_key: str, lang: str) -> None:
    if frame.empty:
        st.caption(t(empty_key, lang))
    else:
        st.dataframe(frame, hide_index=True)


def _periods_text(periods: list[str], lang: str) -> str:
    return ", ".join(format_period(p, lang) for p in periods)


def _reporting_ui(reporting: pd.DataFrame, *, key: str, title_key: str, rows_key: str, source: str, lang: str) -> None:
    st.plotly_chart(cache.shared(build_reporting_chart, reporting, lang=lang, title=t(title_key, lang), source=source,
                                 rows_label=t(rows_key, lang)), key=key)
    missing = cache.shared(missing_periods, reporting)
    st.caption(t("da_missing_periods", lang, periods=_periods_text(missing, lang)) if missing
               else t("da_no_missing_periods", lang))


def _coverage_ui(coverage: pd.DataFrame, lang: str) -> None:
    st.markdown(f"**{t('da_coverage_title', lang)}**")
    for column, row in zip(st.columns(max(len(coverage), 1)), coverage.itertuples()):
        value = t("da_coverage_value", lang, villages=format_number(row.villages, lang),
                  total=format_number(row.of, lang))
        column.metric(table_title(row.table, lang), value)


def _cases_ui(report: QualityReport, lang: str, *, signed_in: bool) -> None:
    st.markdown(f"**{t('da_cases_title', lang)}**")
    st.caption(t("da_cases_safety", lang))
    st.dataframe(cache.shared(case_years_table, report.case_reporting, lang), hide_index=True)
    st.caption(as_text(source_line(report, "cases", lang)))
    if report.case_audit is not None:
        case_audit_ui(report.case_audit, lang, signed_in=signed_in)


def case_audit_ui(audit: AuditSummary, lang: str, *, signed_in: bool) -> None:
    """When the published case statistics passed (or failed) the disclosure audit. How many of the true
    counts are small is said to a signed-in data officer only: to anyone else it tells how sparse the
    hidden cells are."""
    cells = sum(table.cells for table in audit.tables)
    words = dict(at=format_time(audit.audited_at, lang), tables=format_number(len(audit.tables), lang),
                 cells=format_number(cells, lang), shown=format_number(sum(table.shown for table in audit.tables), lang),
                 small=format_number(audit.small_cells, lang), below=audit.threshold - 1)
    if audit.passed:
        key = "da_case_audit_passed" if signed_in else "da_case_audit_passed_public"
        st.success(t(key, lang, **words), icon=":material/verified_user:")
    else:
        st.error(t("da_case_audit_failed", lang, **words))
    if audit.releases > 1 or audit.not_modelled:
        st.caption(t("da_case_audit_releases", lang, releases=format_number(audit.releases, lang),
                     not_modelled=format_number(audit.not_modelled, lang)))


def _outliers_ui(report: QualityReport, villages: pd.DataFrame, lang: str) -> None:
    st.markdown(f"**{t('da_outliers_title', lang)}**")
    if report.participant_outliers is not None:
        names = cache.shared(village_names, villages)
        st.markdown(t("da_participants_outliers", lang))
        _table_or_note(cache.shared(participant_table, report.participant_outliers, names, lang),
                       "da_no_participant_outliers", lang)
        st.caption(as_text(source_line(report, "activities", lang)))
    if report.negative_values is not None and report.value_jumps is not None:
        st.markdown(t("da_negative_values", lang))
        _table_or_note(cache.shared(negative_values_table, report.negative_values, lang), "da_no_negative_values", lang)
        st.markdown(t("da_jumps", lang))
        _table_or_note(cache.shared(jumps_table, report.value_jumps, lang), "da_no_jumps", lang)
        st.caption(as_text(period_source_line(report, lang)))


def report_ui(report: QualityReport, villages: pd.DataFrame, lang: str, *, signed_in: bool) -> None:
    """The whole panel for a report: coverage, reporting per period, cases per kecamatan and year,
    outliers, freshness, villages without data."""
    st.subheader(t("da_quality_title", lang))
    _coverage_ui(report.coverage, lang)
    if report.activity_reporting is not None:
        _reporting_ui(report.activity_reporting, key="da_chart_activities", title_key="da_chart_activity_reporting",
                      rows_key="da_rows_activities", source=source_line(report, "activities", lang), lang=lang)
    if report.value_reporting is not None:
        _reporting_ui(report.value_reporting, key="da_chart_values", title_key="da_chart_value_reporting",
                      rows_key="da_rows_values", source=period_source_line(report, lang), lang=lang)
    if report.case_reporting is not None:
        _cases_ui(report, lang, signed_in=signed_in)
    _outliers_ui(report, villages, lang)
    st.markdown(f"**{t('da_freshness_title', lang)}**")
    st.dataframe(cache.shared(freshness_table, report.last_update_by_source, lang), hide_index=True)
    st.markdown(f"**{t('da_no_data_title', lang)}**")
    st.caption(t("da_no_data_help", lang))
    _table_or_note(cache.shared(no_data_table, report.villages_without_data, lang), "da_every_village_has_data", lang)


def quality_ui(tables: Mapping[str, pd.DataFrame], lang: str, *, signed_in: bool) -> None:
    """The panel for the current data folder. `tables`: cache.loaded_tables(); the report is the one
    lib.ui.cache keeps for their version (computed by the first viewer, shared by all)."""
    report_ui(cache.quality_report(), tables["villages"], lang, signed_in=signed_in)
