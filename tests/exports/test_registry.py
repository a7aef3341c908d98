"""The case downloads (lib.exports.registry cases_*): each is the published cells of its figure
(lib.safety.figures), per year or quarter (never a month), kecamatan or breakdown, and says in the
reader's language what it shows instead of a filter the publication could not follow."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from lib.data.filters import Filters
from lib.exports.registry import BREAKDOWN_EXPORT_NAMES, CASE_BREAKDOWNS, VIEWS
from lib.exports.views import state_label
from lib.safety.figures import BREAKDOWNS, Figure, by_subdistrict, case_view, figure, trend
from lib.safety.suppress import CellState
from lib.texts.i18n import t
from tests.export_helpers import (CSV, RISKY_FILTERS, RISKY_IDS, SMALL_KECAMATAN, UNFOLLOWED_FILTERS, UNFOLLOWED_IDS,
                                  context, shipped_publication)

# Export -> the figure it must equal.
FIGURES: dict[str, Callable] = {
    "cases_by_year": lambda pub, view: trend(pub, view, "year"),
    "cases_by_quarter": lambda pub, view: trend(pub, view, "quarter"),
    "cases_by_kecamatan": lambda pub, view: by_subdistrict(pub, view),
    **{f"cases_by_{name}": (lambda dimension: lambda pub, view: figure(pub, view, (dimension,)))(dimension)
       for name, dimension in CASE_BREAKDOWNS.items()},
}
KEY_COLUMN = {"cases_by_year": "period", "cases_by_quarter": "period", "cases_by_kecamatan": "subdistrict_code"}
FILTERS = (*RISKY_FILTERS, *UNFOLLOWED_FILTERS)
IDS = (*RISKY_IDS, *UNFOLLOWED_IDS)


def test_every_case_export_is_declared_and_none_is_per_month() -> None:
    assert sorted(name for name in VIEWS if name.startswith("cases_")) == sorted(FIGURES)
    assert set(CASE_BREAKDOWNS.values()) == set(BREAKDOWNS)
    assert BREAKDOWN_EXPORT_NAMES == {dimension: f"cases_by_{name}" for name, dimension in CASE_BREAKDOWNS.items()}


def expected_states(found: Figure, lang: str, shown_for: str) -> list[str]:
    labels = [state_label(s, lang, threshold=5) for s in found.states]
    return [t("exp_state_shown_for", lang, state=label, instead=shown_for) for label in labels] if shown_for \
        else labels


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
@pytest.mark.parametrize("name", list(FIGURES))
def test_a_case_export_is_its_figures_published_cells(name: str, filters: Filters) -> None:
    ctx = context(filters, lang="en")
    publication = shipped_publication()
    found = FIGURES[name](publication, case_view(publication, filters))
    frame = VIEWS[name].build(ctx)
    key = KEY_COLUMN.get(name, "category_code")
    assert frame[key].tolist() == [str(code) for code in found.values.index]
    shown = [None if s not in (CellState.SHOWN, CellState.ZERO) else int(v) for v, s in zip(found.values, found.states)]
    assert [None if pd.isna(v) else int(v) for v in frame["cases"]] == shown
    assert frame["cases_state"].tolist() == expected_states(found, "en", ctx.shown_for(found.dropped))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cases_by_kecamatan_says_it_shows_both_sexes(lang: str) -> None:
    filters = UNFOLLOWED_FILTERS[0]        # boys in one kecamatan: no published table holds that per kecamatan
    ctx = context(filters, lang=lang)
    found = by_subdistrict(ctx.publication, ctx.case_view)
    assert found.dropped == ("victim_sex",)
    frame = VIEWS["cases_by_kecamatan"].build(ctx)
    instead = t("case_instead_both_sexes", lang)
    assert frame["subdistrict_code"].tolist() == list(filters.subdistricts)
    assert all(state.endswith(instead) for state in frame["cases_state"])
    every = by_subdistrict(ctx.publication, case_view(ctx.publication, Filters()))   # both sexes, every kecamatan
    assert frame["cases"].iloc[0] == every.values[filters.subdistricts[0]]


def test_cases_by_kecamatan_equals_plain_pandas_where_shown() -> None:
    frame = VIEWS["cases_by_kecamatan"].build(context(Filters(subdistricts=tuple(SMALL_KECAMATAN[:2]) + ("53.01.06",))))
    counts = CSV["cases"]["subdistrict_code"].value_counts()
    shown = frame.dropna(subset=["cases"])
    assert len(shown) and all(int(c) == counts.get(code, 0) for code, c in zip(shown["subdistrict_code"], shown["cases"]))
    assert frame.set_index("subdistrict_code").loc[SMALL_KECAMATAN[:2], "cases"].isna().all()   # 1-4: hidden


@pytest.mark.parametrize("name", ["cases_by_year", "cases_by_quarter"])
def test_periods_are_years_or_quarters(name: str) -> None:
    frame = VIEWS[name].build(context())
    assert frame["period"].str.fullmatch(r"\d{4}" if name == "cases_by_year" else r"\d{4}-Q[1-4]").all()
