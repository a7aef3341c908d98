"""What a reader would see as a count: numbers in chart traces and texts, to check survivor safety.

Used by the tests and by the load test (bench/load_test.py), which audits every violence page it
receives while fifty sessions share the server's caches: no count from 1 to 4 may appear.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A number as shown, not followed by '%' (a share is not a count of people).
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d.,]*%)")


def numbers_in_text(text: str) -> Iterator[float]:
    """Numbers as a person reads them in '1.234', '1,234' or '<5' (either language's separators)."""
    for match in NUMBER.findall(text):
        yield float(match.replace(".", "").replace(",", "")) if re.fullmatch(r"\d{1,3}([.,]\d{3})+", match) \
            else float(match.replace(",", "."))


def count_values_in_figure(fig: dict) -> Iterator[float]:
    """Every value a count-bearing trace (bars and marks) puts on screen or in its hover."""
    for trace in fig["data"]:
        if trace.get("type") not in ("bar", "scatter") or trace.get("mode") == "lines":
            continue
        axis = "x" if trace.get("orientation") == "h" else "y"
        for value in trace.get(axis) or []:
            if isinstance(value, (int, float)):
                yield float(value)
        for text in (trace.get("text") or []) if isinstance(trace.get("text"), list) else [trace.get("text") or ""]:
            yield from numbers_in_text(str(text))


def small_counts(values: Iterable[float], threshold: int) -> list[float]:
    """The values from 1 to threshold - 1: what must never be shown of case data."""
    return [value for value in values if 0 < value < threshold]
