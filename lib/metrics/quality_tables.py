"""The data quality panel's tables as people read them: headers in their language, codes as names,
numbers and periods formatted. Pure: frames from lib.metrics.quality in, display frames out."""
from __future__ import annotations

import pandas as pd

from lib.store.admin_tables import table_title
from lib.texts.i18n import code_label, format_date, format_number, format_period, t
from lib.safety.suppress import label

DISAGGREGATION_LISTS = (("sex", "sex"), ("age_group", "age_group"), ("disability", "disability"))


def case_years_table(reporting: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per kecamatan (by name), one column per calendar year: the case count as the violence page
    shows it ('<5', '–' where hidden, 0 where none was reported)."""
    text = [label(None if pd.isna(value) else value, state, formatter=lambda v: format_number(v, lang))
            for value, state in zip(reporting["value"], reporting["state"])]
    # By code (two regencies can each have a kecamatan of the same name), then named and sorted by name.
    wide = reporting.assign(text=text).pivot(index="subdistrict_code", columns="year", values="text")
    wide.columns = [str(year) for year in wide.columns]
    names = reporting.drop_duplicates("subdistrict_code").set_index("subdistrict_code")["subdistrict_name"]
    wide.insert(0, t("da_col_kecamatan", lang), names.reindex(wide.index).to_numpy())
    return wide.sort_values(t("da_col_kecamatan", lang), kind="stable").reset_index(drop=True)


def participant_table(flagged: pd.DataFrame, village_names: dict[str, str], lang: str) -> pd.DataFrame:
    """Activities with unusually many participants, and the threshold they passed."""
    return pd.DataFrame({
        t("da_col_activity", lang): flagged["activity_id"].tolist(),
        t("da_col_date", lang): [format_date(d.date(), lang) for d in flagged["date"]],
        t("da_col_village", lang): [village_names.get(c, c) for c in flagged["village_code"]],
        t("da_col_type", lang): [code_label("activity_type", c, lang) for c in flagged["activity_type"]],
        t("da_col_participants", lang): [format_number(v, lang) for v in flagged["participants"]],
        t("da_col_threshold", lang): [format_number(v, lang, decimals=1) for v in flagged["threshold"]],
    })


def negative_values_table(wrong: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Indicator values below zero; values that count survivors stay hidden."""
    return pd.DataFrame({
        t("da_col_indicator", lang): wrong["indicator_code"].tolist(),
        t("da_col_area", lang): wrong["area_code"].tolist(),
        t("da_col_period", lang): [format_period(p, lang) for p in wrong["period"]],
        t("da_col_value", lang): [_value_text(v, lang) if pd.notna(v)
                                  else t("da_value_hidden_cases", lang) for v in wrong["value"]],
    })


def _value_text(value: float, lang: str) -> str:
    """12 stays 12; 18.9 keeps its decimal."""
    return format_number(value, lang, decimals=0 if float(value).is_integer() else 1)


def jumps_table(jumps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Consecutive values of a series that jump, with the group they belong to."""
    groups = [" · ".join(code_label(list_name, row[column], lang) for column, list_name in DISAGGREGATION_LISTS
                         if row[column]) for _, row in jumps.iterrows()]
    return pd.DataFrame({
        t("da_col_indicator", lang): jumps["indicator_code"].tolist(),
        t("da_col_area", lang): jumps["area_code"].tolist(),
        t("da_col_group", lang): groups,
        t("da_col_previous_period", lang): [format_period(p, lang) for p in jumps["previous_period"]],
        t("da_col_previous", lang): [_value_text(v, lang) for v in jumps["previous"]],
        t("da_col_period", lang): [format_period(p, lang) for p in jumps["period"]],
        t("da_col_value", lang): [_value_text(v, lang) for v in jumps["value"]],
        t("da_col_unit", lang): [code_label("unit", u, lang) for u in jumps["unit"]],
    })


def _latest_text(value: str, lang: str) -> str:
    if len(value) == 10:       # a date
        return format_date(pd.Timestamp(value).date(), lang)
    if len(value) == 7:        # a month or a quarter
        return format_period(value, lang)
    return value               # a year


def freshness_table(fresh: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per table and source: the latest data and the rows (case rows from 1 to 4 read '<5')."""
    def rows_text(rows: float, state) -> str:
        if state is None:
            return format_number(rows, lang)
        return label(None if pd.isna(rows) else rows, state, formatter=lambda v: format_number(v, lang))

    return pd.DataFrame({
        t("da_col_table", lang): [table_title(name, lang) for name in fresh["table"]],
        t("da_col_source", lang): fresh["source"].tolist(),
        t("da_col_last", lang): [_latest_text(v, lang) for v in fresh["last"]],
        t("da_col_rows", lang): [rows_text(r, s) for r, s in zip(fresh["rows"], fresh["rows_state"])],
    })


def no_data_table(missing: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({t("da_col_village", lang): missing["village_name"].tolist(),
                         t("da_col_kecamatan", lang): missing["subdistrict_name"].tolist(),
                         t("col_village_code", lang): missing["village_code"].tolist()})
