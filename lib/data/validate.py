"""Validate a data file or folder against the contract: every problem at once, in both languages.

Steps: read raw cells (lib.data.read) -> map headers and aliases -> refuse person-identifying data
(lib.data.privacy) -> parse cells (lib.data.parse) -> check values with the pandera schema (lib.data.contract).
The command line, the app and the loader all call these functions.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from lib.data.codes import hazard_class_for
from lib.data.contract import Reference, build_schema, row_rule
from lib.texts.i18n import format_date, t
from lib.data.parse import CellIssue, cell_text, is_blank, parse_column
from lib.data.privacy import identifying_headers, identifying_values, normalise_header
from lib.data.read import SUPPORTED_SUFFIXES, ReadError, RawTable, read_raw
from lib.data.schema import FILE_ALIASES, TABLES, Column, Kind, Table

ERROR, WARNING = "error", "warning"
# Tables whose codes other tables are checked against come first.


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict)
    severity: str = ERROR

    def message(self, lang: str) -> str:
        """What is wrong and what is expected, in `lang`."""
        return t(self.key, lang, column=self.column, **_render_params(self.params, lang))

    def describe(self, lang: str) -> str:
        """One line: file, row, column, value, message."""
        parts = [self.file]
        if self.row is not None and self.column:
            parts.append(t("problem_location", lang, row=self.row, column=self.column))
        elif self.column:
            parts.append(t("problem_column", lang, column=self.column))
        if self.value is not None:
            parts.append(t("problem_value", lang, value=self.value))
        return f"{t('severity_' + self.severity, lang)}: {', '.join(parts)}: {self.message(lang)}"


def _render_params(params: dict, lang: str) -> dict:
    """Params that are themselves texts: 'what' is a text key, 'suggest' a (code, name) pair."""
    rendered = {name: _render_value(v, lang) for name, v in params.items()}
    if "what" in params:
        rendered["what"] = t(params["what"], lang)
    if "suggest" in params:
        suggest = params["suggest"]
        rendered["suggestion"] = t("suggestion", lang, code=suggest[0], name=suggest[1]) if suggest else ""
    return rendered


def _render_value(value: object, lang: str) -> object:
    """Dates in the language's format; {"id": ..., "en": ...} pairs in the language."""
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, dict) and set(value) == {"id", "en"}:
        return value[lang]
    return value


@dataclass(frozen=True)
class ValidationReport:
    file: str
    table: str | None
    rows: int
    problems: tuple[Problem, ...]
    frame: pd.DataFrame | None = None   # the typed table, only when there is no error

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self, lang: str) -> str:
        if not self.ok:
            return t("validation_failed", lang, file=self.file, errors=len(self.errors), warnings=len(self.warnings))
        if self.warnings:
            return t("validation_warnings", lang, file=self.file, warnings=len(self.warnings), rows=self.rows)
        return t("validation_ok", lang, file=self.file, rows=self.rows)

    def text(self, langs: Sequence[str]) -> str:
        """The summary and every problem, each in every language of `langs`, as a terminal shows it."""
        lines = [self.summary(lang) for lang in langs]
        for problem in self.problems:
            lines += [("  " if index == 0 else "    ") + problem.describe(lang) for index, lang in enumerate(langs)]
        return "\n".join(lines)


def bilingual_problems(problems: Sequence[Problem]) -> pd.DataFrame:
    """The problems as a table people can download: one row each, the message in both languages."""
    return pd.DataFrame([{
        "file": p.file, "row": p.row, "column": p.column, "value": p.value, "severity": p.severity,
        "pesan": p.message("id"), "message": p.message("en"),
    } for p in problems], columns=["file", "row", "column", "value", "severity", "pesan", "message"])


# Problem parameters that describe the contract, not another cell of the row: safe to show for
# case data. Anything else (e.g. the kecamatan in "village not in kecamatan ...") is hidden there.
SAFE_PARAMS = frozenset({"today", "allowed", "key", "rows", "columns", "meaning", "expected", "what", "other",
                         "tables", "sheet", "detail", "version", "table", "limit", "size", "ratio"})
HIDDEN = {lang: t("value_hidden", lang) for lang in ("id", "en")}


def safe_problems(problems: tuple[Problem, ...], table: str) -> tuple[Problem, ...]:
    """Problems as they may be shown. For case data no value of another column of the row is
    echoed; identifying values are hidden where they are found (lib.data.privacy)."""
    if not TABLES.get(table) or not TABLES[table].sensitive:
        return problems
    safe = []
    for problem in problems:
        # A suggestion is derived from the case's own value: dropped, not masked.
        params = {name: (value if name in SAFE_PARAMS else None if name == "suggest" else HIDDEN)
                  for name, value in problem.params.items()}
        value = problem.value
        if problem.key == "duplicate_key" and len(TABLES[table].key) > 1:
            value = f"{HIDDEN['id']} / {HIDDEN['en']}"
        safe.append(replace(problem, params=params, value=value))
    return tuple(safe)


def table_for_path(path: Path) -> str | None:
    """The table a file holds, from its name: activities.csv, kegiatan_2025.xlsx, ..."""
    stem = normalise_header(path.stem)
    names = {name: name for name in TABLES} | {alias: name for name, aliases in FILE_ALIASES.items() for alias in aliases}
    for spelling in sorted(names, key=len, reverse=True):
        if stem == spelling or stem.startswith(spelling + "_"):
            return names[spelling]
    return None


def validate_file(path: Path, *, table: str | None = None, reference: Reference | None = None,
                  today: date | None = None) -> ValidationReport:
    """Validate one file; the table comes from `table` or the file name."""
    path, today = Path(path), today or date.today()
    name = path.name
    table_name = table or table_for_path(path)
    if not path.is_file():
        return refused_report(name, table_name, "path_not_found")
    if table_name not in TABLES:
        return refused_report(name, None, "table_unknown", tables=", ".join(TABLES))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return refused_report(name, table_name, "file_format_unsupported")
    try:
        raw = read_raw(path)
    except ReadError as error:
        return refused_report(name, table_name, error.key, **error.params)
    reference = reference or Reference(today=today)
    return validate_raw(raw, TABLES[table_name], file=name, reference=reference)


def refused_report(file: str, table: str | None, key: str, **params: object) -> ValidationReport:
    return ValidationReport(file, table, 0, (Problem(file, key, params=params),))


def validate_raw(raw: RawTable, table: Table, *, file: str, reference: Reference) -> ValidationReport:
    """Validate raw cells as `table`; pure apart from the reference it is given."""
    notes = tuple(Problem(file, key, params=params, severity=WARNING) for key, params in raw.notes)
    frame, header_problems = _canonical_columns(raw.frame, table, file)
    privacy = _privacy_problems(raw, table, file)
    if privacy:
        # Refused whole: no other check runs, no value is echoed, nothing is kept.
        return ValidationReport(file, table.name, len(frame), tuple(privacy))
    problems = list(notes) + header_problems
    if frame.empty:
        problems.append(Problem(file, "file_empty"))
    typed, unreadable = _parse(frame, table, raw.decimal_comma)
    problems += [_cell_problem(file, raw, frame, table.column(col), issue, reference) for col, issue in unreadable]
    skip = {(col, issue.position) for col, issue in unreadable}
    problems += _schema_problems(typed, frame, table, reference, raw, file, skip)
    problems = list(safe_problems(tuple(problems), table.name))
    errors = any(p.severity == ERROR for p in problems)
    problems.sort(key=lambda p: (p.row or 0, table.column_names.index(p.column) if p.column in table.column_names else -1))
    return ValidationReport(file, table.name, len(frame), tuple(problems), None if errors else _finish(typed, table))


def _canonical_columns(raw: pd.DataFrame, table: Table, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Rename headers and aliases to canonical names; report missing, doubled and unknown columns."""
    spelling = _header_spellings(table)
    renamed: dict[str, str] = {}
    problems: list[Problem] = []
    unknown: list[str] = []
    for header in raw.columns:
        canonical = spelling.get(normalise_header(header))
        if canonical is None:
            unknown.append(header)
        elif canonical in renamed.values():
            first = next(h for h, c in renamed.items() if c == canonical)
            problems.append(Problem(file, "column_duplicate", column=str(header), params={"other": first}))
        else:
            renamed[header] = canonical
    known = ", ".join(table.column_names)
    for header in unknown:
        if str(header).strip() == "" or str(header).startswith("Unnamed:"):
            continue
        key, severity = ("column_unknown_sensitive", ERROR) if table.sensitive else ("column_unknown", WARNING)
        problems.append(Problem(file, key, column=str(header), params={"columns": known}, severity=severity))
    for col in table.columns:
        if col.required and col.name not in renamed.values():
            problems.append(Problem(file, "column_missing", column=col.name, params={"meaning": {"id": col.meaning_id, "en": col.meaning_en}}))
    frame = raw[list(renamed)].rename(columns=renamed)
    return frame, problems


def _privacy_problems(raw: RawTable, table: Table, file: str) -> list[Problem]:
    """Headers and values that identify a person; code columns are not scanned (10-digit codes)."""
    headers = [str(h) for h in raw.frame.columns]
    problems = [Problem(file, "pii_header", column=h) for h in identifying_headers(headers, table)]
    spelling = _header_spellings(table)
    code_kinds = {Kind.VILLAGE_CODE, Kind.SUBDISTRICT_CODE, Kind.REGENCY_CODE, Kind.AREA_CODE}
    scanned = [h for h in raw.frame.columns
               if normalise_header(h) not in spelling or table.column(spelling[normalise_header(h)]).kind not in code_kinds]
    # Declared text columns other than the source hold place names and titles ("Bu Selatan" is a village).
    titles = [h for h in scanned if normalise_header(h) in spelling and spelling[normalise_header(h)] != "source"
              and table.column(spelling[normalise_header(h)]).kind == Kind.TEXT]
    hidden = t("value_hidden", "id") + " / " + t("value_hidden", "en")
    for finding in identifying_values(raw.frame, scanned, addresses=table.sensitive, without_names=titles):
        problems.append(Problem(file, "pii_value", row=raw.row_numbers[finding.position], column=str(finding.column),
                                value=hidden, params={"what": finding.what}))
    return problems


def _header_spellings(table: Table) -> dict[str, str]:
    """Every accepted header spelling (normalised) -> canonical column name."""
    return {alias: col.name for col in table.columns for alias in (col.name, *col.aliases)}


def _parse(frame: pd.DataFrame, table: Table, decimal_comma: bool) -> tuple[pd.DataFrame, list[tuple[str, CellIssue]]]:
    typed: dict[str, pd.Series] = {}
    unreadable: list[tuple[str, CellIssue]] = []
    for col in table.columns:
        if col.name not in frame.columns:
            continue
        parsed = parse_column(frame[col.name], col, decimal_comma=decimal_comma)
        typed[col.name] = parsed.values
        unreadable += [(col.name, issue) for issue in parsed.issues]
    return pd.DataFrame(typed, index=range(len(frame))), unreadable


def _shown_value(cell: object) -> str | None:
    return None if is_blank(cell) else cell_text(cell)[:80]


def _cell_problem(file: str, raw: RawTable, frame: pd.DataFrame, col: Column, issue: CellIssue,
                  reference: Reference) -> Problem:
    value = _shown_value(frame[col.name].iloc[issue.position])
    key, params = issue.key, issue.params
    if col.kind in (Kind.VILLAGE_CODE, Kind.AREA_CODE) and reference.village_names:
        # A village name or a mistyped code where a code belongs: point to the official one.
        suggestion = suggest_village(value or "", reference)
        if suggestion:
            key, params = ("village_unknown" if col.kind == Kind.VILLAGE_CODE else "area_unknown"), {"suggest": suggestion}
    return Problem(file, key, row=raw.row_numbers[issue.position], column=col.name, value=value, params=params)


def _schema_problems(typed: pd.DataFrame, frame: pd.DataFrame, table: Table, reference: Reference, raw: RawTable,
                     file: str, skip: set[tuple[str, int]]) -> list[Problem]:
    problems = _duplicate_problems(typed, table, raw, file)
    schema = build_schema(table, reference, set(typed.columns))
    try:
        schema.validate(typed, lazy=True, inplace=True)   # no copy: the schema coerces nothing
        return problems
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    seen: set[tuple[str, int, str]] = set()
    for failure in failures.itertuples(index=False):
        check = str(failure.check)
        # Row rules fail on every column of the row; they are reported once, at their own column.
        rule = row_rule(table, check)
        column = rule.column if rule else (failure.column if failure.column in typed.columns else None)
        if failure.index is None or pd.isna(failure.index) or column is None:
            continue
        position = int(failure.index)
        key = rule.message_key if rule else ("value_required" if check == "not_nullable" else check)
        if (column, position) in skip or (column, position, key) in seen:
            continue
        seen.add((column, position, key))
        problems.append(Problem(file, key, row=raw.row_numbers[position], column=column,
                                value=_shown_value(frame[column].iloc[position]),
                                params=_check_params(key, typed, position, reference)))
    return problems


def _check_params(key: str, typed: pd.DataFrame, position: int, reference: Reference) -> dict:
    row = typed.iloc[position]
    if key in ("date_future", "period_future"):
        return {"today": reference.today}
    if key in ("village_unknown", "area_unknown"):
        value = row.get("village_code") if key == "village_unknown" else row.get("area_code")
        return {"suggest": suggest_village(str(value), reference)}
    if key == "indicator_unknown":
        return {"allowed": ", ".join(sorted(reference.indicators or ()))}
    if key == "village_not_in_subdistrict":
        return {"subdistrict": row.get("subdistrict_code")}
    if key == "hazard_class_mismatch":
        return {"expected": hazard_class_for(float(row["index"]))}
    return {}


def suggest_village(value: str, reference: Reference) -> tuple[str, str] | None:
    """The official (code, name) closest to a wrong code or a village name written instead of one."""
    names = reference.village_names
    by_code = difflib.get_close_matches(value, list(names), n=1, cutoff=0.8)
    if by_code:
        return by_code[0], names[by_code[0]]
    folded = {name.casefold(): code for code, name in names.items()}
    by_name = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.7)
    return (folded[by_name[0]], names[folded[by_name[0]]]) if by_name else None


def _duplicate_problems(typed: pd.DataFrame, table: Table, raw: RawTable, file: str) -> list[Problem]:
    key_columns = [c for c in table.key if c in typed.columns]
    required = [c for c in table.key if table.column(c).required]
    if not key_columns or not set(required) <= set(key_columns):
        return []
    duplicated = _duplicated_keys(typed[key_columns])
    keys = typed.loc[duplicated, key_columns].astype("string").fillna("")
    problems = []
    for _, group in keys.groupby(key_columns, sort=False):
        rows = [raw.row_numbers[p] for p in group.index]
        for position in group.index[1:]:
            problems.append(Problem(file, "duplicate_key", row=raw.row_numbers[position], column=key_columns[0],
                                    value=" / ".join(keys.loc[position]),
                                    params={"key": " + ".join(key_columns), "rows": rows[0]}))
    return problems


def _duplicated_keys(frame: pd.DataFrame) -> np.ndarray:
    """frame.astype("string").fillna("").duplicated(keep=False), from integer codes per column: no
    text copy of millions of keys. Text columns are coded as they are ("" and missing share a code,
    as after fillna("")); other columns go through the text conversion, exactly as there."""
    combined = np.zeros(len(frame), dtype=np.int64)
    for _, column in frame.items():
        if not isinstance(column.dtype, pd.StringDtype):
            column = column.astype("string").fillna("")
        found, distinct = pd.factorize(column, use_na_sentinel=True)
        empty = np.flatnonzero(np.asarray(distinct == "", dtype=bool))
        if len(empty):
            found[found == empty[0]] = -1
        radix = len(distinct) + 1
        if combined.max(initial=0) >= (2 ** 62) // radix:   # keep the mixed-radix code inside int64
            combined = pd.factorize(combined)[0].astype(np.int64)
        combined = combined * radix + (found + 1)
        del found
    if len(combined) < 2:
        return np.zeros(len(combined), dtype=bool)
    order = np.argsort(combined, kind="stable")
    ordered = combined[order]
    same_as_next = ordered[1:] == ordered[:-1]
    duplicated_sorted = np.zeros(len(ordered), dtype=bool)
    duplicated_sorted[1:] |= same_as_next
    duplicated_sorted[:-1] |= same_as_next
    duplicated = np.empty(len(ordered), dtype=bool)
    duplicated[order] = duplicated_sorted
    return duplicated


def _finish(typed: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Final dtypes (whole counts as Int64) and derived values (hazard class from the index)."""
    frame = typed.copy(deep=False)   # copy-on-write: the assignments below never reach `typed`
    for col in table.columns:
        if col.name in frame.columns and col.kind in (Kind.COUNT, Kind.YEAR):
            frame[col.name] = frame[col.name].round().astype("Int64")
    if table.name == "hazards":
        derived = frame["index"].map(hazard_class_for).astype("string")
        frame["class"] = frame["class"].fillna(derived) if "class" in frame.columns else derived
    return frame[[c for c in table.column_names if c in frame.columns]]
