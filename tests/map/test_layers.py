"""The violence layer from published cells only: a count that is not published has its own class and
colour (never 0, never the highest), desa show their kecamatan's count, no count 1-4 reaches a tooltip
or a legend, and the source line names systems and a month."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from lib.charts.palette import HIDDEN_COLOUR, NO_DATA_COLOUR, SEQUENTIAL_RAMPS, ZERO_COLOUR
from lib.data.filters import Filters
from lib.data.load import load_table
from lib.data.paths import SHIPPED_DATA_DIR
from lib.map.classify import Method
from lib.map.colours import THEMES, states_from_values
from lib.map.colours import choropleth
from lib.map.layers import violence_fill
from lib.map.tables import area_villages
from lib.safety.publication import build_publication, publication_for
from lib.safety.suppress import CellState
from tests.safety.publication_builders import cases_of, many

KECAMATAN = ("53.01.01", "53.01.02", "53.01.03", "53.01.04", "53.01.05")
# True counts 6, 2, 30, 12, 0: the 2 is '<5' and the 6 is hidden to protect it (the regency total is
# published), so the published cells read: hidden, <5, 30, 12, 0.
SYNTHETIC = build_publication(cases_of([*many(6, "2024-03-01", KECAMATAN[0]), *many(2, "2024-03-01", KECAMATAN[1]),
                                        *many(30, "2024-05-01", KECAMATAN[2]), *many(12, "2024-05-01", KECAMATAN[3])]),
                              KECAMATAN, threshold=5)
AREA = pd.DataFrame({"village_code": [f"{k}.200{i}" for k in KECAMATAN for i in (1, 2)],
                     "subdistrict_code": [k for k in KECAMATAN for _ in (1, 2)]})
TIP = "Cases in the kecamatan (2024)"
CASES_CSV = pd.read_csv(SHIPPED_DATA_DIR / "cases.csv", dtype=str)
STATE_TEXTS = {"<5", "not published", "No data", "tidak dipublikasikan", "Tidak ada data"}


def test_the_synthetic_publication_hides_what_the_tests_expect() -> None:
    from lib.safety.figures import CaseView, by_subdistrict

    found = by_subdistrict(SYNTHETIC, CaseView())
    assert found.states.tolist() == [CellState.COMPLEMENT, CellState.SMALL, CellState.SHOWN, CellState.SHOWN,
                                     CellState.ZERO]


@pytest.mark.parametrize("method", list(Method))
def test_a_count_not_published_has_its_own_class_never_zero_nor_the_highest(method: Method) -> None:
    fill = violence_fill(SYNTHETIC, AREA, Filters(), desa_level=False, lang="en", method=method, classes=5)
    kecamatan = fill.kecamatan_colours
    ramp = set(SEQUENTIAL_RAMPS["violence"])
    assert kecamatan["53.01.01"] == kecamatan["53.01.02"] == HIDDEN_COLOUR
    assert kecamatan["53.01.05"] == ZERO_COLOUR
    assert kecamatan["53.01.03"] in ramp and kecamatan["53.01.04"] in ramp       # the shown counts: classes
    assert HIDDEN_COLOUR not in ramp | {ZERO_COLOUR, NO_DATA_COLOUR}              # a colour of its own
    assert kecamatan["53.01.01"] != kecamatan["53.01.03"]                         # not the highest class
    labels = [entry.label for entry in fill.legends[0].entries]
    assert "Not published (<5 or hidden to protect survivors) (2)" in labels
    assert "0 (1)" in labels and "No data (0)" in labels
    tips = fill.details[TIP]
    assert tips["53.01.01.2001"] == "not published" and tips["53.01.02.2002"] == "<5"
    assert tips["53.01.03.2001"] == "30" and tips["53.01.05.2001"] == "0"


def test_the_legend_speaks_of_not_published_in_indonesian_too() -> None:
    fill = violence_fill(SYNTHETIC, AREA, Filters(), desa_level=False, lang="id", method=Method.QUANTILE, classes=5)
    labels = [entry.label for entry in fill.legends[0].entries]
    assert "Tidak dipublikasikan (<5 atau disembunyikan untuk melindungi penyintas) (2)" in labels
    assert fill.details["Kasus di kecamatan (2024)"]["53.01.01.2001"] == "tidak dipublikasikan"


def test_at_desa_level_each_desa_shows_its_kecamatan_s_count_and_says_so() -> None:
    kecamatan = violence_fill(SYNTHETIC, AREA, Filters(), desa_level=False, lang="en", method=Method.QUANTILE,
                              classes=5)
    desa = violence_fill(SYNTHETIC, AREA, Filters(), desa_level=True, lang="en", method=Method.QUANTILE, classes=5)
    assert desa.kecamatan_colours is None and desa.alpha == 255                 # the villages themselves are coloured
    assert desa.colours.to_dict() == {code: kecamatan.kecamatan_colours[code[:8]] for code in AREA["village_code"]}
    assert desa.details[TIP].to_dict() == kecamatan.details[TIP].to_dict()
    assert desa.legends[0].title == "Violence cases per kecamatan, drawn on each of its desa, 2024"
    assert desa.legends[0].note == "Number in brackets: how many kecamatan."
    assert any("counts per desa are not published" in note for note in desa.notes)


@pytest.mark.parametrize("values, zero_is_state, expected", [
    ([30.0, np.nan, 30.0], True, "Only one value (30): one colour, not divided into classes."),
    ([0.0, 0.0, 7.0], True, "Only one value (7): one colour, not divided into classes."),
    ([0.0, 0.0], True, "No values (above zero) to divide into classes."),
    ([np.nan, np.nan], True, "No values (above zero) to divide into classes."),
    ([5.0, 9.0, 9.0], True, "Classes: quantile, 2 classes."),
    ([0.0, 0.0], False, "Only one value (0): one colour, not divided into classes."),
])
def test_the_legend_never_says_one_class(values, zero_is_state: bool, expected: str) -> None:
    series = pd.Series(values, dtype=float)
    spec = THEMES["violence"] if zero_is_state else THEMES["priority"]
    spec = type(spec)(spec.ramp, zero_is_state=zero_is_state)
    _, legend = choropleth(series, states_from_values(series, zero_is_state=zero_is_state), spec=spec,
                                method=Method.QUANTILE, classes=5, lang="en", title="T")
    assert legend.method == expected
    assert "1 classes" not in legend.method


def test_a_single_shown_count_is_not_called_a_class() -> None:
    one = AREA[AREA["subdistrict_code"].isin(KECAMATAN[:3])]       # hidden, <5 and the one shown 30
    fill = violence_fill(SYNTHETIC, one, Filters(), desa_level=False, lang="id", method=Method.QUANTILE, classes=5)
    assert fill.legends[0].method == "Hanya satu nilai (30): satu warna, tidak dibagi ke kelas."


# The shipped data --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped() -> tuple:
    villages = load_table("villages")
    return publication_for(load_table("cases"), villages), villages.sort_values("village_code").reset_index(drop=True)


RISKY = [Filters(), Filters(sexes=("perempuan",)), Filters(sexes=("laki_laki",)), Filters(age_groups=("13-17",)),
         Filters(period_from="2024-01", period_to="2024-12"), Filters(period_from="2025-03", period_to="2025-05"),
         Filters(subdistricts=("53.01.06", "53.01.08")), Filters(villages=("53.01.07.2001",)),
         Filters(subdistricts=("53.01.07",), sexes=("perempuan",), age_groups=("0-5", "6-12", "13-17"))]


def _case_numbers(text: str) -> list[int]:
    return [int(n.replace(".", "").replace(",", "")) for n in re.findall(r"\d[\d.,]*", text)]


@pytest.mark.parametrize("desa_level", [False, True])
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("filters", RISKY, ids=range(len(RISKY)))
def test_no_count_from_1_to_4_in_any_tooltip_or_legend(shipped, filters: Filters, lang: str,
                                                       desa_level: bool) -> None:
    publication, villages = shipped
    fill = violence_fill(publication, area_villages(villages, filters), filters, desa_level=desa_level, lang=lang,
                         method=Method.QUANTILE, classes=5)
    (label, texts), = fill.details.items()
    assert _case_numbers(label) and all(n >= 2022 for n in _case_numbers(label))     # only the years
    for text in texts:
        assert text in STATE_TEXTS or (text.isdigit() and (int(text) == 0 or int(text) >= 5)), text
    for entry in fill.legends[0].entries:
        shown = entry.label.rsplit(" (", 1)[0]           # the bracket counts areas, not cases
        assert all(n == 0 or n >= 5 for n in _case_numbers(shown)), entry.label
    assert all(n == 0 or n >= 5 for n in _case_numbers(fill.legends[0].title) if n < 2000)


def test_shown_kecamatan_counts_are_the_case_register_s(shipped) -> None:
    publication, villages = shipped
    fill = violence_fill(publication, villages, Filters(), desa_level=False, lang="en", method=Method.QUANTILE,
                         classes=5)
    true = CASES_CSV.groupby("subdistrict_code").size()
    (texts,) = fill.details.values()
    shown = {code[:8]: text for code, text in texts.items() if text.isdigit()}
    assert len(shown) >= 10
    assert shown == {kecamatan: str(int(true.get(kecamatan, 0))) for kecamatan in shown}
    hidden = {code[:8] for code, text in texts.items() if not text.isdigit()}
    assert hidden and all(fill.kecamatan_colours[k] == HIDDEN_COLOUR for k in hidden)


@pytest.mark.parametrize("lang, expected", [("en", "Source: DEMO (synthetic) · as of Dec 2025"),
                                            ("id", "Sumber: DEMO (sintetis) · per Des 2025")])
def test_the_source_line_names_the_systems_and_a_month_not_a_day(shipped, lang: str, expected: str) -> None:
    publication, villages = shipped
    fill = violence_fill(publication, villages, Filters(), desa_level=False, lang=lang, method=Method.QUANTILE,
                         classes=5)
    latest = pd.to_datetime(CASES_CSV["report_date"]).max()
    assert latest.strftime("%Y-%m") == "2025-12"                                     # the shipped file's last case
    assert fill.source_line == expected
    assert not re.search(rf"\b{latest.day}\b \w+ {latest.year}", fill.source_line)     # never the day


@pytest.mark.parametrize("filters, expected", [
    (Filters(villages=("53.01.07.2001",)), "The desa filter is lifted to its kecamatan"),
    (Filters(period_from="2024-03", period_to="2024-12"), "widened to whole calendar years: 2024"),
    (Filters(disabilities=("ya",)), "case data does not record disability"),
])
def test_the_layer_says_what_it_widened(shipped, filters: Filters, expected: str) -> None:
    publication, villages = shipped
    fill = violence_fill(publication, villages, filters, desa_level=False, lang="en", method=Method.QUANTILE,
                         classes=5)
    assert any(expected in note for note in fill.notes), fill.notes


def test_the_layer_says_when_the_publication_could_not_follow_a_filter(shipped) -> None:
    publication, villages = shipped
    fill = violence_fill(publication, villages, Filters(sexes=("perempuan",)), desa_level=False, lang="en",
                         method=Method.QUANTILE, classes=5)
    assert any(note.startswith("Shown for ") and "both sexes" in note for note in fill.notes), fill.notes
    plain = violence_fill(publication, villages, Filters(), desa_level=False, lang="en", method=Method.QUANTILE,
                          classes=5)
    assert not any(note.startswith("Shown for ") for note in plain.notes)


def test_a_village_count_of_survivors_is_never_shown_a_small_count_apart_across_periods() -> None:
    """5 cases up to Q1, 7 up to Q2: the Q2 map alone must not show 7 (7 - 5 = 2 in one quarter)."""
    from lib.map.layers import indicator_by_village

    shipped = load_table("indicator_values", folder=SHIPPED_DATA_DIR)
    village = "53.01.04.2003"
    template = shipped[shipped["sex"].isna() & shipped["age_group"].isna() & shipped["disability"].isna()].iloc[:1]
    values = pd.concat([template.assign(indicator_code="OUT-6", area_code=village, period=period, value=value)
                        for period, value in (("2025-Q1", 5.0), ("2025-Q2", 7.0), ("2025-Q3", 12.0))],
                       ignore_index=True)
    codes = pd.Series([village])

    def shown(start: str, end: str) -> float:
        table = indicator_by_village(values, indicator="OUT-6", unit="cases", village_codes=codes,
                                     filters=Filters(period_from=start, period_to=end), threshold=5)
        return table["value"].iloc[0]

    assert shown("2025-01", "2025-03") == 5.0
    assert pd.isna(shown("2025-04", "2025-06"))          # 7 is 2 from the 5 shown for Q1: hidden
    assert shown("2025-07", "2025-09") == 12.0           # 12 is 7 from the last value shown


@pytest.mark.parametrize("lang, method", [("en", "how many of the 8 InaRISK hazards"),
                                          ("id", "berapa dari 8 jenis bahaya InaRISK")])
def test_the_multi_hazard_layer_counts_high_hazards_per_village_with_its_method(lang: str, method: str) -> None:
    from lib.map.layers import MULTI_HAZARD_COLOURS, multi_hazard_fill

    hazards, villages = load_table("hazards", folder=SHIPPED_DATA_DIR), load_table("villages", folder=SHIPPED_DATA_DIR)
    villages = villages[villages["regency_code"] == "53.01"]       # the default view (no hazard data in 53.02)
    fill = multi_hazard_fill(hazards, villages, lang=lang)
    high = hazards[hazards["class"] == "tinggi"].groupby("village_code")["hazard"].nunique()
    expected = high.reindex(villages["village_code"], fill_value=0).clip(upper=3).map(
        {0: "0", 1: "1", 2: "2", 3: "3+"})
    assert fill.colours.to_dict() == {code: MULTI_HAZARD_COLOURS[c] for code, c in expected.items()}
    (legend,) = fill.legends
    assert method in legend.method and len(legend.entries) == 5             # four classes and no data
    assert sum(int(entry.label.rsplit("(", 1)[1].rstrip(")")) for entry in legend.entries) == 177
