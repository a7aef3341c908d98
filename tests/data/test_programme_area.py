"""The programme's area: the regencies the programme's own data reports from, shown until a reader chooses."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.data.programme_area import programme_regencies

TWO_REGENCIES = pd.DataFrame({"regency_code": ["53.01", "53.01", "53.02"]})


@pytest.mark.parametrize("reported, expected", [
    ([pd.Series(["53.01.04.2003"]), pd.Series(["53.01.05"])], ("53.01",)),    # villages and kecamatan of one regency
    ([pd.Series(["53.02", None])], ("53.02",)),                                 # a regency-level value, blanks ignored
    ([pd.Series(["53.01.04.2003"]), pd.Series(["53.02.01.2001"])], ()),         # both: every regency
    ([pd.Series([], dtype=object)], ()),                                        # nothing reported yet: every regency
    ([pd.Series(["53.03.01.2001"])], ()),                                       # codes outside the villages count for none
    ([], ()),
])
def test_the_regencies_the_programme_reports_from(reported: list[pd.Series], expected: tuple) -> None:
    assert programme_regencies(TWO_REGENCIES, reported) == expected


def test_one_regency_is_every_regency() -> None:
    assert programme_regencies(pd.DataFrame({"regency_code": ["53.01"]}), [pd.Series(["53.01.04.2003"])]) == ()


def test_the_shipped_data_reports_from_kabupaten_kupang_alone(villages: pd.DataFrame) -> None:
    from lib.data.load import load_table

    reported = [load_table("indicator_values")["area_code"], load_table("activities")["village_code"]]
    assert set(villages["regency_code"]) == {"53.01", "53.02"}
    assert programme_regencies(villages, reported) == ("53.01",)
