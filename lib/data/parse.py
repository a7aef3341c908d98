"""Turn raw cells into typed values, one parser per column kind.

A parser answers one question: can this cell be read as its kind? Whether the typed value is
allowed (ranges, known codes, future dates, uniqueness) is the pandera schema's job (lib.data.contract).
A cell that cannot be read becomes missing and yields a `CellIssue`.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from lib.data.codes import CodeList
from lib.texts.i18n import MONTHS
from lib.data.schema import Column, Kind


@dataclass(frozen=True)
class CellIssue:
    position: int   # row position in the frame
    key: str        # message key in lib.texts
    params: dict


@dataclass(frozen=True)
class Parsed:
    values: pd.Series
    issues: tuple[CellIssue, ...]


class Unreadable(ValueError):
    """A cell that cannot be read as its kind; args[0] is the message key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def is_blank(cell: object) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return cell is pd.NA or cell is pd.NaT or str(cell).strip() == ""


def cell_text(cell: object) -> str:
    """A cell as trimmed text; whole floats from Excel lose their '.0'."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


# Numbers -------------------------------------------------------------------------------------------
_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


def parse_number(cell: object, *, decimal_comma: bool) -> float:
    if isinstance(cell, bool):
        raise Unreadable("not_a_number")
    if isinstance(cell, (int, float)):
        return float(cell)
    text = cell_text(cell).replace(" ", "")
    if decimal_comma and _THOUSANDS_DOT.match(text):
        text = text.replace(".", "")
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise Unreadable("not_a_number") from None
    if not math.isfinite(value):
        raise Unreadable("not_a_number")
    return value


# Dates and periods ---------------------------------------------------------------------------------
_MONTH_NAMES: dict[str, int] = {}
for _names in MONTHS.values():
    for _number, _name in enumerate(_names, start=1):
        _MONTH_NAMES[_name.casefold()] = _number
        _MONTH_NAMES[_name[:3].casefold()] = _number
_MONTH_NAMES.update({"agt": 8, "ags": 8, "agu": 8, "okt": 10, "des": 12, "sept": 9, "peb": 2, "nop": 11})

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NAMED_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIAL_RANGE = (1, 2_958_465)  # 1900-01-01 .. 9999-12-31


def parse_date(cell: object) -> date:
    """ISO, dd/mm/yyyy (Indonesian order), '6 Februari 2025', or an Excel date/serial number."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if float(cell).is_integer() and _EXCEL_SERIAL_RANGE[0] <= cell <= _EXCEL_SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + timedelta(days=int(cell))
        raise Unreadable("date_invalid")
    text = cell_text(cell)
    for pattern, order in ((_ISO_DATE, "ymd"), (_DMY_DATE, "dmy"), (_NAMED_DATE, "dMy")):
        match = pattern.match(text)
        if match:
            return _date_from_parts(match.groups(), order)
    raise Unreadable("date_invalid")


def _date_from_parts(parts: tuple[str, ...], order: str) -> date:
    by_role = dict(zip(order, parts))
    month = _MONTH_NAMES.get(by_role["M"].casefold()) if "M" in by_role else int(by_role["m"])
    year, day = int(by_role["y"]), int(by_role["d"])
    try:
        return date(year, month or 0, day)
    except (TypeError, ValueError):
        # A real month and a day a month can have, in the wrong month (31/02, 29/02 of 2023): the
        # date does not exist, which is a different mistake from a date that cannot be read.
        if month and 1 <= month <= 12 and 1 <= day <= 31 and 1 <= year:
            raise Unreadable("date_not_exist") from None
        raise Unreadable("date_invalid") from None


_PERIOD_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_PERIOD_MONTH_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_PERIOD_QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*(?:Q|TW|TRIWULAN\s*)([1-4])$", re.IGNORECASE)
_PERIOD_QUARTER_FIRST = re.compile(r"^(?:Q|TW|TRIWULAN\s*)([1-4])\s*[-/ ]?\s*(\d{4})$", re.IGNORECASE)
_PERIOD_NAMED = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")


def parse_period(cell: object) -> str:
    """'YYYY-MM' or 'YYYY-Qn' from the spellings staff use (2025-1, 01/2025, Q1 2025, Januari 2025)."""
    if isinstance(cell, (datetime, date)):
        return f"{cell.year:04d}-{cell.month:02d}"
    text = cell_text(cell)
    if match := _PERIOD_MONTH.match(text):
        year, month = int(match[1]), int(match[2])
    elif match := _PERIOD_MONTH_FIRST.match(text):
        year, month = int(match[2]), int(match[1])
    elif match := _PERIOD_QUARTER.match(text):
        return f"{match[1]}-Q{match[2]}"
    elif match := _PERIOD_QUARTER_FIRST.match(text):
        return f"{match[2]}-Q{match[1]}"
    elif (match := _PERIOD_NAMED.match(text)) and match[1].casefold() in _MONTH_NAMES:
        year, month = int(match[2]), _MONTH_NAMES[match[1].casefold()]
    else:
        raise Unreadable("period_invalid")
    if not 1 <= month <= 12:
        raise Unreadable("period_invalid")
    return f"{year:04d}-{month:02d}"


def period_start(period: str) -> date:
    """The first day of a 'YYYY-MM' or 'YYYY-Qn' period."""
    year, rest = period.split("-")
    month = (int(rest[1]) - 1) * 3 + 1 if rest.startswith("Q") else int(rest)
    return date(int(year), month, 1)


# Area codes ----------------------------------------------------------------------------------------
CODE_FORMATS: dict[Kind, tuple[re.Pattern[str], tuple[int, ...], str]] = {
    # kind: (dotted pattern, digit groups of the compact form, example shown to people)
    Kind.VILLAGE_CODE: (re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"), (2, 2, 2, 4), "53.01.04.2003"),
    Kind.SUBDISTRICT_CODE: (re.compile(r"^\d{2}\.\d{2}\.\d{2}$"), (2, 2, 2), "53.01.04"),
    Kind.REGENCY_CODE: (re.compile(r"^\d{2}\.\d{2}$"), (2, 2), "53.01"),
}


def _dotted(digits: str, groups: tuple[int, ...]) -> str:
    parts, start = [], 0
    for size in groups:
        parts.append(digits[start:start + size])
        start += size
    return ".".join(parts)


def parse_code(cell: object, kind: Kind) -> str:
    """A dotted Kemendagri code of `kind`; the compact form 5301042003 is accepted too."""
    if isinstance(cell, float) and kind == Kind.REGENCY_CODE:
        text = f"{cell:.2f}"  # Excel turns 53.10 into the number 53.1
    else:
        text = cell_text(cell).replace(" ", "")
    kinds = (Kind.VILLAGE_CODE, Kind.SUBDISTRICT_CODE, Kind.REGENCY_CODE) if kind == Kind.AREA_CODE else (kind,)
    for candidate in kinds:
        pattern, groups, _ = CODE_FORMATS[candidate]
        if pattern.match(text):
            return text
        if text.isdigit() and len(text) == sum(groups):
            return _dotted(text, groups)
    raise Unreadable("code_format", expected=" / ".join(CODE_FORMATS[k][2] for k in kinds))


# Categories ----------------------------------------------------------------------------------------
MULTI_SEPARATORS = re.compile(r"[;,|]")


def parse_category(cell: object, code_list: CodeList) -> str:
    code = code_list.resolve(cell_text(cell))
    if code is None:
        raise Unreadable("category_unknown", allowed=", ".join(code_list.values))
    return code


def parse_categories(cell: object, code_list: CodeList) -> str:
    """Several codes, ';'-separated and in code-list order, from ';', ',' or '|' lists."""
    found = {parse_category(part, code_list) for part in MULTI_SEPARATORS.split(cell_text(cell)) if part.strip()}
    if not found:
        raise Unreadable("category_unknown", allowed=", ".join(code_list.values))
    return ";".join(code for code in code_list.values if code in found)


# Dispatch ------------------------------------------------------------------------------------------
def _cell_parser(column: Column, decimal_comma: bool) -> Callable[[object], object]:
    kind = column.kind
    if kind in (Kind.TEXT, Kind.ID):
        return cell_text
    if kind in (Kind.COUNT, Kind.NUMBER, Kind.INDEX01, Kind.LATITUDE, Kind.LONGITUDE, Kind.YEAR):
        return lambda cell: parse_number(cell, decimal_comma=decimal_comma)
    if kind == Kind.DATE:
        return parse_date
    if kind == Kind.PERIOD:
        return parse_period
    if kind in CODE_FORMATS or kind == Kind.AREA_CODE:
        return lambda cell: parse_code(cell, kind)
    if kind == Kind.CATEGORY:
        return lambda cell: parse_category(cell, column.code_list)
    if kind == Kind.CATEGORIES:
        return lambda cell: parse_categories(cell, column.code_list)
    raise AssertionError(f"no parser for {kind}")


NUMERIC_KINDS = (Kind.COUNT, Kind.NUMBER, Kind.INDEX01, Kind.LATITUDE, Kind.LONGITUDE, Kind.YEAR)


def parse_column(raw: pd.Series, column: Column, *, decimal_comma: bool) -> Parsed:
    """Typed values of one column (missing where blank or unreadable) and the unreadable cells.

    Text columns (every CSV column) are parsed once per distinct value and the results spread to
    the rows: the same parser, the same values and problems, in the same order, much faster on
    large files. Other columns (Excel cells of mixed types) are parsed cell by cell."""
    if isinstance(raw.dtype, pd.StringDtype):
        return _parse_distinct(raw, column, decimal_comma=decimal_comma)
    return parse_cells(raw, column, decimal_comma=decimal_comma)


def parse_cells(raw: pd.Series, column: Column, *, decimal_comma: bool) -> Parsed:
    """parse_column, one cell at a time (the reference the distinct-value parser must equal)."""
    parser = _cell_parser(column, decimal_comma)
    values: list[object] = []
    issues: list[CellIssue] = []
    for position, cell in enumerate(raw.tolist()):
        if is_blank(cell):
            values.append(None)
            continue
        try:
            values.append(parser(cell))
        except Unreadable as problem:
            values.append(None)
            issues.append(CellIssue(position, problem.key, problem.params))
    return Parsed(_typed_series(values, column.kind), tuple(issues))


# Distinct values ---------------------------------------------------------------------------------------
# With this many distinct values, a value that is already clean is taken as is (text, codes) or
# converted with float() (numbers) without the cell parser; what "clean" means guarantees that the
# cell parser would return exactly that (see CLEAN_TEXT and _clean_pattern).
VECTOR_MIN_DISTINCT = 2_000
CLEAN_TEXT = r"[!-~]+(?: [!-~]+)*"   # printable ASCII words, single spaces: cell_text leaves it as is
_CLEAN_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"
_CLEAN_WHOLE = r"-?[0-9]+"            # with decimal commas, "1.234" means 1234: only whole numbers are clean
_CLEAN_CODES: dict[Kind, str] = {
    Kind.VILLAGE_CODE: r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}",
    Kind.SUBDISTRICT_CODE: r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}",
    Kind.REGENCY_CODE: r"[0-9]{2}\.[0-9]{2}",
}
_CLEAN_CODES[Kind.AREA_CODE] = "|".join(f"(?:{pattern})" for pattern in _CLEAN_CODES.values())


def _clean_pattern(kind: Kind, decimal_comma: bool) -> tuple[str, Callable[[str], object]] | None:
    """(full-match pattern, converter) for values the cell parser would return as converted, if any."""
    if kind in (Kind.TEXT, Kind.ID):
        return CLEAN_TEXT, str
    if kind in NUMERIC_KINDS:
        return (_CLEAN_WHOLE if decimal_comma else _CLEAN_NUMBER), float
    if kind in _CLEAN_CODES:
        return _CLEAN_CODES[kind], str
    return None


def _parse_distinct(raw: pd.Series, column: Column, *, decimal_comma: bool) -> Parsed:
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    texts = uniques.tolist()
    clean = np.zeros(len(texts), dtype=bool)
    fast = _clean_pattern(column.kind, decimal_comma)
    if fast is not None and len(texts) >= VECTOR_MIN_DISTINCT:
        clean = pd.Series(uniques).str.fullmatch(fast[0]).to_numpy(dtype=bool, na_value=False)
    parser = _cell_parser(column, decimal_comma)
    results: list[object] = [None] * len(texts)
    problems: list[Unreadable | None] = [None] * len(texts)
    for index, text in enumerate(texts):
        if clean[index]:
            results[index] = fast[1](text)
            continue
        if is_blank(text):
            continue
        try:
            results[index] = parser(text)
        except Unreadable as problem:
            problems[index] = problem
    if column.kind in NUMERIC_KINDS:   # float() of a long digit string can overflow: the parser refuses it
        for index in np.flatnonzero(clean):
            if not math.isfinite(results[index]):
                results[index], problems[index] = None, Unreadable("not_a_number")
    issues = _spread_issues(problems, codes)
    if not issues and column.kind not in NUMERIC_KINDS and column.kind != Kind.DATE:
        same = _same_text(raw, results, texts, codes)
        if same is not None:
            return Parsed(same, issues)
    return Parsed(_spread(results, codes, column.kind), issues)


def _same_text(raw: pd.Series, results: list[object], texts: list[str], codes: np.ndarray) -> pd.Series | None:
    """When every value parses to itself (or is blank), the raw text buffers themselves, with blanks
    made missing: the typed column then takes no memory of its own. None when that does not apply."""
    if any(result is not None and result != text for result, text in zip(results, texts)):
        return None
    dtype = pd.StringDtype()
    to_arrow = getattr(raw.array, "__arrow_array__", None)
    if dtype.storage != "pyarrow" or to_arrow is None:
        return None
    import pyarrow as pa

    chunked = to_arrow()
    if chunked.type != pa.large_string():
        return None
    if chunked.num_chunks > 1:   # rows are taken from typed columns often: one chunk, or every take concatenates
        chunked = pa.chunked_array([chunked.combine_chunks()], type=chunked.type)
    if any(chunk.offset for chunk in chunked.chunks):
        return None
    blank = np.array([result is None for result in results] + [True], dtype=bool)
    valid = ~blank[codes]
    chunks, start = [], 0
    for chunk in chunked.chunks:
        part = valid[start:start + len(chunk)]
        start += len(chunk)
        bitmap = None if part.all() else pa.py_buffer(np.packbits(part, bitorder="little"))
        _, offsets, data = chunk.buffers()
        chunks.append(pa.Array.from_buffers(pa.large_string(), len(chunk), [bitmap, offsets, data],
                                            null_count=int(len(part) - part.sum())))
    return pd.Series(pd.array(pa.chunked_array(chunks, type=pa.large_string()), dtype=dtype))


def _spread_issues(problems: list[Unreadable | None], codes: np.ndarray) -> tuple[CellIssue, ...]:
    failed = np.array([problem is not None for problem in problems] + [False], dtype=bool)
    positions = np.flatnonzero(failed[codes])   # code -1 (missing) reads the trailing False
    return tuple(CellIssue(int(p), problems[codes[p]].key, problems[codes[p]].params) for p in positions)


def _spread(results: list[object], codes: np.ndarray, kind: Kind) -> pd.Series:
    """_typed_series of the values `results[code]` per row (missing where code is -1)."""
    missing = codes < 0
    if kind in NUMERIC_KINDS:
        numbers = np.array([np.nan if r is None else r for r in results] + [np.nan], dtype=float)
        unset = np.array([r is None for r in results] + [True], dtype=bool)
        return pd.Series(pd.arrays.FloatingArray(numbers[codes], unset[codes] | missing))
    if kind == Kind.DATE:
        distinct = _typed_series(results, kind).to_numpy()
        nanos = np.append(distinct, np.datetime64("NaT", "ns"))
        return pd.Series(nanos[codes], dtype="datetime64[ns]")
    dtype = pd.StringDtype()
    if dtype.storage == "pyarrow":
        import pyarrow as pa

        taken = pa.array(results, type=pa.large_string()).take(pa.array(codes, mask=missing))
        return pd.Series(pd.array(taken, dtype=dtype))
    return pd.Series(np.array(results + [None], dtype=object)[codes], dtype="string")


def _typed_series(values: list[object], kind: Kind) -> pd.Series:
    if kind in NUMERIC_KINDS:
        return pd.Series(values, dtype="Float64")
    if kind == Kind.DATE:
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    return pd.Series(values, dtype="string")
