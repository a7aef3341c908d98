"""Draws the data quality panel of the data page: the numbers come from lib.quality, the tables
from lib.quality_tables, the charts from lib.charts_quality. Every chart and table names its
source and as-of date. Case data appears only as months with reports per kecamatan."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from lib import quality
from lib.charts_quality import build_reporting_chart, period_text
from lib.data_admin_tables import table_title
from lib.i18n import format_date, format_number, t
from lib.quality_tables import (case_months_table, freshness_table, jumps_table, no_data_table, out_of_range_table,
                                participant_table)
from lib.summary import sources_of


def source_line(frame: pd.DataFrame, column: str, lang: str) -> str:
    """'Sumber: … · per …' for a table dated by `column`."""
    latest = frame[column].max() if len(frame) else None
    as_of = format_date(latest.date(), lang) if latest is not None and pd.notna(latest) else "–"
    return t("source_line", lang, source=sources_of(frame), as_of=as_of)


def period_source_line(values: pd.DataFrame, lang: str) -> str:
    span = quality.period_span(values["period"])
    return t("source_line", lang, source=sources_of(values), as_of=period_text(span[-1], lang) if span else "–")


def _table_or_note(frame: pd.DataFrame, empty_key: str, lang: str) -> None:
    if frame.empty:
        st.caption(t(empty_key, lang))
    else:
        st.dataframe(frame, hide_index=True)


def _periods_text(periods: list[str], lang: str) -> str:
    return ", ".join(period_text(p, lang) for p in periods)


def _reporting_ui(reporting: pd.DataFrame, *, key: str, title_key: str, rows_key: str, source: str, lang: str) -> None:
    st.plotly_chart(build_reporting_chart(reporting, lang=lang, title=t(title_key, lang), source=source,
                                          rows_label=t(rows_key, lang)), key=key)
    missing = quality.missing_periods(reporting)
    st.caption(t("da_missing_periods", lang, periods=_periods_text(missing, lang)) if missing
               else t("da_no_missing_periods", lang))


def _coverage_ui(villages: pd.DataFrame, tables: Mapping[str, pd.DataFrame], lang: str) -> None:
    st.markdown(f"**{t('da_coverage_title', lang)}**")
    coverage = quality.coverage(villages, tables)
    for column, row in zip(st.columns(max(len(coverage), 1)), coverage.itertuples()):
        value = t("da_coverage_value", lang, villages=format_number(row.villages, lang),
                  total=format_number(row.of, lang))
        column.metric(table_title(row.table, lang), value)


def _cases_ui(cases: pd.DataFrame, villages: pd.DataFrame, lang: str) -> None:
    st.markdown(f"**{t('da_cases_title', lang)}**")
    st.caption(t("da_cases_safety", lang))
    st.dataframe(case_months_table(quality.case_reporting(cases, villages), lang), hide_index=True)
    months = quality.months_without_case_reports(cases)
    st.caption(t("da_months_without_cases", lang, months=_periods_text(months, lang)) if months
               else t("da_no_months_without_cases", lang))
    st.caption(source_line(cases, "report_date", lang))


def _outliers_ui(tables: Mapping[str, pd.DataFrame], villages: pd.DataFrame, lang: str) -> None:
    st.markdown(f"**{t('da_outliers_title', lang)}**")
    if "activities" in tables:
        names = dict(zip(villages["village_code"], villages["village_name"]))
        st.markdown(t("da_participants_outliers", lang))
        _table_or_note(participant_table(quality.participant_outliers(tables["activities"]), names, lang),
                       "da_no_participant_outliers", lang)
        st.caption(source_line(tables["activities"], "date", lang))
    if "indicator_values" in tables and "indicators" in tables:
        values, indicators = tables["indicator_values"], tables["indicators"]
        st.markdown(t("da_out_of_range", lang))
        _table_or_note(out_of_range_table(quality.out_of_range_values(values, indicators), lang),
                       "da_no_out_of_range", lang)
        st.markdown(t("da_jumps", lang))
        _table_or_note(jumps_table(quality.value_jumps(values, indicators), lang), "da_no_jumps", lang)
        st.caption(period_source_line(values, lang))


def quality_ui(tables: Mapping[str, pd.DataFrame], lang: str) -> None:
    """The whole panel: coverage, reporting per period, case months, outliers, freshness, villages without data."""
    st.subheader(t("da_quality_title", lang))
    villages = tables["villages"]
    _coverage_ui(villages, tables, lang)
    if "activities" in tables:
        _reporting_ui(quality.activity_reporting(tables["activities"]), key="da_chart_activities",
                      title_key="da_chart_activity_reporting", rows_key="da_rows_activities",
                      source=source_line(tables["activities"], "date", lang), lang=lang)
    if "indicator_values" in tables:
        _reporting_ui(quality.value_reporting(tables["indicator_values"]), key="da_chart_values",
                      title_key="da_chart_value_reporting", rows_key="da_rows_values",
                      source=period_source_line(tables["indicator_values"], lang), lang=lang)
    if "cases" in tables:
        _cases_ui(tables["cases"], villages, lang)
    _outliers_ui(tables, villages, lang)
    st.markdown(f"**{t('da_freshness_title', lang)}**")
    st.dataframe(freshness_table(quality.last_update_by_source(tables), lang), hide_index=True)
    st.markdown(f"**{t('da_no_data_title', lang)}**")
    st.caption(t("da_no_data_help", lang))
    _table_or_note(no_data_table(quality.villages_without_data(villages, tables), lang), "da_every_village_has_data",
                   lang)
