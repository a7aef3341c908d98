"""Template files to fill in, per table: .xlsx and .csv, with Indonesian or English headers.

Built from the same declarations as data/README.md (lib.data.schema, lib.data.codes): the headers are ones
the validator accepts, a second sheet explains every column and its allowed values, and category
columns carry a dropdown of the allowed values (their names in the template's language, which the
validator turns back into codes). Every cell goes through lib.texts.data_text.neutralise_cell, as every
file written for people does.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from lib.texts.data_text import neutralise_cell
from lib.texts.i18n import in_language, t
from lib.data.schema import FILE_ALIASES, TABLES, Column, Kind, Table

DATA_SHEET = "data"
LISTS_SHEET = "lists"
TEMPLATE_ROWS = 2000                  # rows that carry the dropdowns and checks
INLINE_LIST_LIMIT = 250               # Excel's limit for a list typed into the rule is 255 characters
# Aliases in lib.data.schema that are English, not Indonesian (the first alias is Indonesian otherwise).
NOT_INDONESIAN_ALIASES = frozenset({"latitude", "longitude", "lng", "indicator_name", "name"})
# Kept as text in Excel, so that 53.01 stays a code and 2025-02 stays a period.
TEXT_KINDS = frozenset({Kind.ID, Kind.TEXT, Kind.VILLAGE_CODE, Kind.SUBDISTRICT_CODE, Kind.REGENCY_CODE,
                        Kind.AREA_CODE, Kind.PERIOD, Kind.CATEGORIES})
# Number checks Excel applies while typing: kind -> (type, operator, formula1, formula2).
NUMBER_RULES: dict[Kind, tuple[str, str, str, str | None]] = {
    Kind.COUNT: ("whole", "greaterThanOrEqual", "0", None),
    Kind.INDEX01: ("decimal", "between", "0", "1"),
    Kind.YEAR: ("whole", "between", "1900", "2100"),
    Kind.LATITUDE: ("decimal", "between", "-90", "90"),
    Kind.LONGITUDE: ("decimal", "between", "-180", "180"),
}
EXAMPLES: dict[Kind, str] = {
    Kind.TEXT: "…", Kind.ID: "ACT-2025-0001", Kind.VILLAGE_CODE: "53.01.04.2003", Kind.SUBDISTRICT_CODE: "53.01.04",
    Kind.REGENCY_CODE: "53.01", Kind.AREA_CODE: "53.01.04.2003", Kind.COUNT: "12", Kind.NUMBER: "45.5",
    Kind.LATITUDE: "-10.2275", Kind.LONGITUDE: "123.3796", Kind.INDEX01: "0.45", Kind.YEAR: "2024",
    Kind.DATE: "2025-02-06", Kind.PERIOD: "2025-02",
}
HEADER_FILL = PatternFill("solid", fgColor="DCE9EE")


def header_for(column: Column, lang: str) -> str:
    """The template header: the canonical name (en) or the first Indonesian alias (id)."""
    if lang == "en":
        return column.name
    return next((alias for alias in column.aliases if alias not in NOT_INDONESIAN_ALIASES), column.name)


def headers(table: Table, lang: str) -> list[str]:
    return [header_for(column, lang) for column in table.columns]


def allowed_labels(column: Column, lang: str) -> list[str]:
    """The names of a category column's allowed values in `lang` (what the dropdown offers)."""
    if column.code_list is None:
        return []
    return [getattr(code, in_language("label", lang)) for code in column.code_list.codes]


def template_file_name(table_name: str, lang: str, suffix: str) -> str:
    """kegiatan_templat.xlsx / activities_template.xlsx: names the validator recognises."""
    stem = FILE_ALIASES[table_name][0] if lang == "id" and FILE_ALIASES.get(table_name) else table_name
    return f"{stem}_{t('da_template_word', lang)}{suffix}"


def template_csv(table_name: str, lang: str) -> bytes:
    """A CSV with the header row only (UTF-8 with BOM, so that Excel keeps the letters)."""
    row = ",".join(str(neutralise_cell(header)) for header in headers(TABLES[table_name], lang))
    return ("\ufeff" + row + "\n").encode("utf-8")


def template_xlsx(table_name: str, lang: str) -> bytes:
    """An Excel template: a data sheet with headers and dropdowns, an explanation sheet, a hidden list sheet."""
    table = TABLES[table_name]
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    explanation = book.create_sheet(t("da_template_sheet_explanation", lang))
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    _write_data_sheet(data, lists, table, lang)
    _write_explanation(explanation, table, lang)
    book.properties.creator = "WE Nexus Monitor"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_data_sheet(sheet: Worksheet, lists: Worksheet, table: Table, lang: str) -> None:
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=neutralise_cell(header_for(column, lang)))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        sheet.column_dimensions[letter].width = max(len(cell.value) + 4, 16)
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if column.kind in TEXT_KINDS:
            sheet.column_dimensions[letter].number_format = "@"
        elif column.kind == Kind.DATE:
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
        rule = _rule_for(column, lists, lang)
        if rule is not None:
            rule.add(cells)
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def _rule_for(column: Column, lists: Worksheet, lang: str) -> DataValidation | None:
    """The data validation of a column: a dropdown for categories, a range for numbers."""
    if column.kind in (Kind.CATEGORY, Kind.CATEGORIES):
        labels = allowed_labels(column, lang)
        source = _list_source(labels, lists)
        multiple = column.kind == Kind.CATEGORIES
        rule = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                              showErrorMessage=not multiple, showInputMessage=True)
        rule.promptTitle = column.name[:32]
        rule.prompt = t("da_template_prompt_many" if multiple else "da_template_prompt_one", lang)[:255]
        rule.errorTitle = t("da_template_error_title", lang)[:32]
        rule.error = t("da_template_error_list", lang)[:255]
        return rule
    if column.kind in NUMBER_RULES:
        kind, operator, low, high = NUMBER_RULES[column.kind]
        rule = DataValidation(type=kind, operator=operator, formula1=low, formula2=high, allow_blank=True,
                              showErrorMessage=True)
        rule.errorTitle = t("da_template_error_title", lang)[:32]
        rule.error = t(f"da_kind_{column.kind.value}", lang)[:255]
        return rule
    return None


def _list_source(labels: list[str], lists: Worksheet) -> str:
    """The list typed into the rule when short, else a range on the hidden list sheet."""
    inline = ",".join(labels)
    if len(inline) + 2 <= INLINE_LIST_LIMIT:
        return f'"{inline}"'
    column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
    for row, label in enumerate(labels, start=1):
        lists.cell(row=row, column=column, value=neutralise_cell(label))
    letter = get_column_letter(column)
    return f"{LISTS_SHEET}!${letter}$1:${letter}${len(labels)}"


def explanation_rows(table: Table, lang: str) -> list[list[str]]:
    """One row per column: header, name, required, type, allowed values, meaning, example, other headers."""
    rows = []
    for column in table.columns:
        labels = allowed_labels(column, lang)
        allowed = "; ".join(f"{label} ({code})" for label, code in zip(labels, column.code_list.values)) \
            if column.code_list else ""
        kind = t(f"da_kind_{column.kind.value}", lang)
        if column.kind == Kind.DATE:
            kind += " " + t("da_kind_date_future" if column.future_allowed else "da_kind_date_past", lang)
        example = labels[0] if labels else EXAMPLES.get(column.kind, "")
        others = ", ".join(h for h in (column.name, *column.aliases) if h != header_for(column, lang))
        rows.append([header_for(column, lang), column.name, _required_text(column, lang), kind, allowed,
                     getattr(column, in_language("meaning", lang)), example, others])
    return rows


EXPLANATION_COLUMNS = ("header", "name", "required", "type", "allowed", "meaning", "example", "others")


def explanation_frame(table_name: str, lang: str) -> pd.DataFrame:
    """The explanation sheet as a table, to read on the page."""
    titles = [t(f"da_template_col_{name}", lang) for name in EXPLANATION_COLUMNS]
    return pd.DataFrame(explanation_rows(TABLES[table_name], lang), columns=titles)


def _required_text(column: Column, lang: str) -> str:
    if not column.required:
        return t("da_required_no", lang)
    return t("da_required_blank" if column.blank_allowed else "da_required_yes", lang)


def _write_explanation(sheet: Worksheet, table: Table, lang: str) -> None:
    sheet.append([neutralise_cell(t(f"da_template_col_{name}", lang)) for name in EXPLANATION_COLUMNS])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row in explanation_rows(table, lang):
        sheet.append([neutralise_cell(value) for value in row])
    sheet.append([])
    title = getattr(table, in_language("title", lang))
    notes = [t("da_template_note_table", lang, title=title, source=table.source_system),
             t("da_template_note_key", lang, key=" + ".join(table.key)),
             t("da_template_note_identity", lang),
             t("da_template_note_values_only", lang)]
    if table.sensitive:
        notes.append(t("da_template_note_sensitive", lang))
    for note in notes:
        sheet.append([neutralise_cell(note)])
    for letter, width in zip("ABCDEFGH", (24, 24, 18, 34, 60, 48, 22, 40)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, max_row=len(table.columns) + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
