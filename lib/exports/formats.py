"""Safe downloads of what a chart or table shows: CSV, XLSX and HXL-tagged CSV.

An export frame has column *keys* (declared once in `COLUMNS`); the writers turn keys into headers
in the reader's language and, for HXL, add the hashtag row. Text cells a spreadsheet would run as
a formula (= + - @, tab, CR) get a leading apostrophe in every format (OWASP CSV injection:
lib.texts.data_text.neutralise_cell, the one function every file written for people goes through).
Case counts arrive here already suppressed (lib.exports.views): a hidden count is a blank with a
state column, never a number from 1 to 4. No streamlit here.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lib.texts.data_text import neutralise_cell
from lib.texts.i18n import t


@dataclass(frozen=True)
class ExportColumn:
    """A column of an export: its header (a text key, exp_col_<key>) and its HXL hashtag."""

    hxl: str


# Column key -> HXL hashtag (HXL 1.1 core hashtags where one fits; attributes say the rest).
COLUMNS: dict[str, ExportColumn] = {name: ExportColumn(tag) for name, tag in {
    "regency_code": "#adm2+code", "regency_name": "#adm2+name",
    "subdistrict_code": "#adm3+code", "subdistrict_name": "#adm3+name",
    "village_code": "#adm4+code", "village_name": "#adm4+name", "village_type": "#adm4+type",
    "period": "#date+period", "year": "#date+year", "date": "#date", "target_date": "#date+target",
    "activity_type": "#activity+code", "activity_type_name": "#activity+name", "activities": "#activity+num",
    "participants": "#reached", "participants_female": "#reached+f", "participants_male": "#reached+m",
    "participants_youth": "#reached+youth", "participants_with_disability": "#reached+disabled",
    "women_share": "#reached+f+pct",
    "indicator_code": "#indicator+code", "indicator_name": "#indicator+name", "indicator_level": "#indicator+level",
    "unit": "#indicator+unit", "baseline": "#indicator+baseline+num", "target": "#targeted+num",
    "value": "#indicator+value+num", "percent_of_target": "#indicator+progress+pct",
    "expected_share": "#indicator+expected+pct", "status": "#status+code", "status_name": "#status+name",
    "cases": "#affected+gbv+num", "cases_state": "#meta+suppression",
    "category_code": "#category+code", "category_name": "#category+name",
    "hazard": "#hazard+code", "hazard_name": "#hazard+name", "hazard_index": "#severity+index+num",
    "hazard_class": "#severity+class", "villages": "#adm4+num",
    "event_name": "#event+name", "event_type": "#event+type+code", "event_type_name": "#event+type+name",
    "area_code": "#loc+code", "area_name": "#loc+name", "affected": "#affected", "deaths": "#affected+killed",
    "houses_damaged": "#affected+houses",
    "rank": "#priority+rank", "priority": "#priority+index", "hazard_norm": "#priority+hazard",
    "violence_norm": "#priority+violence", "coverage": "#reached+coverage", "gap": "#priority+gap",
    "lag_score": "#priority+lag", "mean_progress": "#indicator+progress+pct+mean",
    "indicators_behind": "#indicator+code+behind", "programme": "#meta+programme",
    "high_hazards": "#hazard+high", "label": "#meta+label", "measure": "#indicator+name",
}.items()}


def header(column: str, lang: str) -> str:
    """The header people read for a column key."""
    return t(f"exp_col_{column}", lang)


def readable(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The frame as written: translated headers, formula-like text neutralised (headers too)."""
    unknown = [c for c in frame.columns if c not in COLUMNS]
    if unknown:
        raise KeyError(f"export columns without a declaration in lib.exports.formats.COLUMNS: {unknown}")
    cleaned = pd.DataFrame({index: frame[column].map(neutralise_cell) if _is_text(frame[column]) else frame[column]
                            for index, column in enumerate(frame.columns)})
    cleaned.columns = [neutralise_cell(header(c, lang)) for c in frame.columns]
    return cleaned


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column)


def to_csv(frame: pd.DataFrame, *, lang: str) -> bytes:
    """UTF-8 CSV with a BOM (spreadsheets then read Indonesian names right)."""
    return readable(frame, lang=lang).to_csv(index=False).encode("utf-8-sig")


def hxl_row(frame: pd.DataFrame) -> list[str]:
    """The hashtag of every column, in order (the second header row of an HXL file)."""
    return [COLUMNS[column].hxl for column in frame.columns]


def to_hxl(frame: pd.DataFrame, *, lang: str) -> bytes:
    """CSV with a second header row of HXL hashtags (hxlstandard.org), read by libhxl."""
    shown = readable(frame, lang=lang)
    tags = pd.DataFrame([hxl_row(frame)], columns=shown.columns)
    body = pd.concat([tags, shown.astype(object)], ignore_index=True)
    return body.to_csv(index=False).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, *, lang: str, sheet: str = "data") -> bytes:
    """An Excel workbook with one sheet; text cells are written as text, never as formulas."""
    buffer = io.BytesIO()
    shown = readable(frame, lang=lang)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        shown.to_excel(writer, index=False, sheet_name=sheet[:31] or "data")
        worksheet = writer.sheets[sheet[:31] or "data"]
        for row in worksheet.iter_rows(min_row=1):
            for cell in row:
                if cell.data_type == "f":      # openpyxl reads '=...' as a formula: keep it text
                    cell.data_type = "s"
        for index, column in enumerate(shown.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in shown.iloc[:, index - 1].head(200)])
            worksheet.column_dimensions[worksheet.cell(1, index).column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


@dataclass(frozen=True)
class ExportFormat:
    suffix: str
    mime: str
    write: Callable[..., bytes]


FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("csv", "text/csv", to_csv),
    "xlsx": ExportFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "hxl": ExportFormat("hxl.csv", "text/csv", to_hxl),
}


def export_bytes(frame: pd.DataFrame, *, fmt: str, lang: str) -> bytes:
    """`frame` written in format `fmt` (a key of FORMATS)."""
    return FORMATS[fmt].write(frame, lang=lang)


def file_name(name: str, fmt: str) -> str:
    """'wenexus_<name>.<suffix>'."""
    return f"wenexus_{name}.{FORMATS[fmt].suffix}"
