"""The one source line: sources named once each, and every kind of as-of date read the same way."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from lib.metrics.provenance import as_of_text, named_source_line, source_line, source_names


@pytest.mark.parametrize("as_of, lang, expected", [
    (None, "id", "–"), (pd.NaT, "en", "–"), (float("nan"), "en", "–"),
    (2024, "id", "2024"), (2024.0, "en", "2024"), (np.int64(2023), "en", "2023"),
    (pd.array([2023], dtype="Int64").max(), "id", "2023"),
    (date(2025, 2, 6), "id", "6 Februari 2025"), (pd.Timestamp("2025-02-06 13:00"), "en", "6 February 2025"),
    ("2025-Q4", "id", "TW4 2025"), ("2025-Q4", "en", "Q4 2025"), ("2025-02", "en", "Feb 2025"), ("2025", "id", "2025"),
    ("Des 2025 / 2024", "id", "Des 2025 / 2024"),
])
def test_as_of_text(as_of: object, lang: str, expected: str) -> None:
    assert as_of_text(as_of, lang) == expected


def test_source_names_are_distinct_sorted_and_skip_frames_without_a_source() -> None:
    frames = [pd.DataFrame({"source": ["UPTD PPA", "BPS", None, "BPS"]}), pd.DataFrame({"x": [1]}),
              pd.DataFrame({"source": ["BPS", ""]})]
    assert source_names(frames) == "BPS, UPTD PPA"
    assert source_names(pd.DataFrame({"x": [1]})) == ""


@pytest.mark.parametrize("lang, expected", [("id", "Sumber: BPS, InaRISK · per TW4 2025"),
                                            ("en", "Source: BPS, InaRISK · as of Q4 2025")])
def test_source_line_in_both_languages(lang: str, expected: str) -> None:
    frames = [pd.DataFrame({"source": ["InaRISK"]}), pd.DataFrame({"source": ["BPS"]})]
    assert source_line(frames, as_of="2025-Q4", lang=lang) == expected
    assert named_source_line("InaRISK, BPS, , BPS", as_of="2025-Q4", lang=lang) == expected


def test_a_missing_source_and_date_read_as_a_dash() -> None:
    assert source_line([pd.DataFrame({"x": [1]})], as_of=None, lang="en") == "Source: – · as of –"


def test_source_line_names_sources_and_as_of() -> None:
    frames = [pd.DataFrame({"source": ["B", "A", None]}), pd.DataFrame({"source": ["A"]})]
    assert source_line(frames, as_of=pd.Timestamp("2025-02-06"), lang="id") == \
        "Sumber: A, B · per 6 Februari 2025"
    assert source_line([pd.DataFrame()], as_of=None, lang="en") == "Source: – · as of –"
