"""The plain way to count cases, which lib.safety.case_index must equal: column sums of indicator
matrices (one row per case, one column per category) over row masks (lib.safety.violence.case_mask)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from lib.data.aggregate import period_label
from lib.data.filters import Filters
from lib.safety.case_index import Tally
from lib.safety.violence import CaseData, case_mask


def one_hot(values: pd.Series, categories: Sequence[str], *, multi: bool = False) -> np.ndarray:
    """Cases x categories, 1 where the case has the category (several per case when `multi`)."""
    if multi:
        sets = values.fillna("").astype(str).str.split(";").map(set)
        return np.array([[category in found for category in categories] for found in sets], dtype=float).reshape(
            len(values), len(categories))
    return (values.astype(object).to_numpy()[:, None] == np.array(categories, dtype=object)[None, :]).astype(float)


def tally_matrix(cases: pd.DataFrame, tally: Tally) -> np.ndarray:
    """The indicator matrix (cases x categories) of a tally."""
    if tally.kind == "total":
        return np.ones((len(cases), 1))
    if tally.kind == "where":
        return tally.predicate(cases).to_numpy(dtype=float)[:, None]
    if tally.kind == "period":
        return one_hot(period_label(cases["report_date"], tally.level), tally.categories)
    return one_hot(cases[tally.column], tally.categories, multi=tally.kind == "multi")


class ReferenceCaseData(CaseData):
    """CaseData counting the plain way: every answer computed again from the rows."""

    def mask(self, filters: Filters) -> np.ndarray:
        return case_mask(self.cases, filters)

    def rows(self, filters: Filters) -> np.ndarray:
        return np.flatnonzero(self.mask(filters)).astype(np.int32)

    def counts(self, view: Filters, tally: Tally) -> np.ndarray:
        return tally_matrix(self.cases, tally)[self.mask(view)].sum(axis=0)

    def counts_by_year(self, view: Filters, tally: Tally, years: range) -> np.ndarray:
        return np.array([self.counts(replace(view, period_from=f"{year}-01", period_to=f"{year}-12"), tally)
                         for year in years])
