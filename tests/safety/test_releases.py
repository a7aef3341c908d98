"""A new case version is protected beside the releases readers were served before (lib.safety.releases):
a reader who kept them and subtracts learns no small count, nor the added cases' profile."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.safety import publication as publication_module
from lib.safety.publication import (EARLIER_VERSIONS_HELD, build_publication, earlier_releases, publication_of,
                                    shown_months)
from lib.safety.releases import CaseVersion, Months, Release, joint_space, profiles
from lib.safety.cells import Layout
from lib.safety.suppress import HIDDEN_STATES, CellState
from tests.safety.publication_builders import KECAMATAN, cases_of, many
from tests.safety.reader import narrowed

BASE = cases_of([*many(9, "2024-02-01", KECAMATAN[0]), *many(6, "2024-05-01", KECAMATAN[1], "laki_laki", "6-12"),
                 *many(7, "2024-08-01", KECAMATAN[2], age="13-17", forms="fisik;seksual"),
                 *many(8, "2025-03-01", KECAMATAN[0], age="6-12", forms="psikis"),
                 *many(3, "2025-06-01", KECAMATAN[1], "laki_laki", "13-17"),
                 *many(6, "2025-09-01", KECAMATAN[2], forms="seksual")])
ONE_BOY = cases_of(many(1, "2025-10-01", KECAMATAN[1], "laki_laki", "13-17", "seksual"))


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WENEXUS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(publication_module, "_MEMORY", type(publication_module._MEMORY)())


def appended(*parts: pd.DataFrame) -> pd.DataFrame:
    return pd.concat(parts, ignore_index=True)


def versions(*frames: pd.DataFrame) -> list[CaseVersion]:
    return [CaseVersion(f"v{number}", lambda frame=frame: frame) for number, frame in enumerate(frames, start=1)]


def test_one_appended_case_alone_is_told_by_subtracting_and_beside_the_earlier_release_it_is_not() -> None:
    first = publication_of(BASE, KECAMATAN, threshold=5)
    second = appended(BASE, ONE_BOY)
    alone = build_publication(second, KECAMATAN, threshold=5)       # protected by itself, as before
    assert alone.audit.passed
    told = narrowed([(first, BASE), (alone, second)])
    assert any(found.release == "added 2" for found in told)          # the new case's profile, by subtraction
    beside = publication_of(second, KECAMATAN, threshold=5, earlier=versions(BASE))
    assert beside.audit.passed and beside.audit.releases == 2 and beside.earlier == (first.version,)
    assert narrowed([(first, BASE), (beside, second)]) == []


def test_a_batch_and_then_another_are_protected_beside_both_earlier_releases() -> None:
    batch = cases_of([*many(2, "2025-11-01", KECAMATAN[0], age="6-12", forms="psikis"),
                      *many(1, "2025-11-01", KECAMATAN[2], forms="seksual")])
    second, third = appended(BASE, ONE_BOY), appended(BASE, ONE_BOY, batch)
    releases = [(publication_of(BASE, KECAMATAN, threshold=5), BASE),
                (publication_of(second, KECAMATAN, threshold=5, earlier=versions(BASE)), second),
                (publication_of(third, KECAMATAN, threshold=5, earlier=versions(BASE, second)), third)]
    assert all(publication.audit.passed for publication, _ in releases)
    assert releases[2][0].audit.releases == 3
    assert narrowed(releases) == []


def test_five_or_more_added_to_a_cell_show_it_again() -> None:
    more = cases_of(many(6, "2025-10-01", KECAMATAN[0], age="6-12", forms="psikis"))
    first = publication_of(BASE, KECAMATAN, threshold=5)
    second = publication_of(appended(BASE, more), KECAMATAN, threshold=5, earlier=versions(BASE))
    assert first.cell("cases_total", ()).value == len(BASE)
    assert second.cell("cases_total", ()).value == len(BASE) + 6      # six new cases: no small difference
    assert narrowed([(first, BASE), (second, appended(BASE, more))]) == []


def test_a_replace_that_removes_cases_is_held_as_added_and_removed_cases() -> None:
    kept = BASE.iloc[2:].reset_index(drop=True)                        # two cases of the first kecamatan gone
    changed = appended(kept, ONE_BOY)
    earlier = [Release(publication_of(BASE, KECAMATAN, threshold=5), BASE)]
    layout = Layout(KECAMATAN, (2024, 2025))
    space = joint_space(layout, changed, shown_months(changed["report_date"]), earlier, 5)
    assert {key.release for key in space.cells} >= {"", "+1", "−2"}   # added (block 1) and removed (block 2) cases
    built = build_publication(changed, KECAMATAN, threshold=5, earlier=earlier)
    assert built.audit.passed and built.audit.releases == 2


def test_a_rollback_to_a_version_readers_saw_is_that_version_again() -> None:
    second = appended(BASE, ONE_BOY)
    earlier, _ = earlier_releases(BASE, KECAMATAN, 5, versions(BASE, second))
    layout = Layout(KECAMATAN, (2024, 2025))
    space = joint_space(layout, BASE, shown_months(BASE["report_date"]), earlier, 5)
    # the same table as the first release: one added block (the second release's), nothing removed
    assert space.size == 2 * layout.size and not any(key.release.startswith("−") for key in space.cells)
    back = publication_of(BASE, KECAMATAN, threshold=5, earlier=versions(BASE, second))
    assert back.audit.passed and back.audit.releases == 3


def test_only_the_last_earlier_versions_are_held_and_the_older_are_counted() -> None:
    grown = [BASE]
    for day in range(1, EARLIER_VERSIONS_HELD + 2):
        grown.append(appended(grown[-1], cases_of(many(1, f"2025-10-{day:02d}", KECAMATAN[day % 3]))))
    built = publication_of(grown[-1], KECAMATAN, threshold=5, earlier=versions(*grown[:-1]))
    assert built.audit.passed and built.audit.not_modelled == 1
    assert built.audit.releases == EARLIER_VERSIONS_HELD + 1 and len(built.earlier) == EARLIER_VERSIONS_HELD


def test_earlier_figures_that_do_not_fit_their_rows_are_named_not_used() -> None:
    first = publication_of(BASE, KECAMATAN, threshold=5)
    other = cases_of(many(20, "2024-02-01", KECAMATAN[0]))
    built = build_publication(appended(BASE, ONE_BOY), KECAMATAN, threshold=5, earlier=[Release(first, other)])
    assert built.audit.not_modelled == 1 and built.audit.releases == 1


def test_an_unreadable_earlier_version_is_counted() -> None:
    built = publication_of(appended(BASE, ONE_BOY), KECAMATAN, threshold=5,
                           earlier=[CaseVersion("gone", lambda: None)])
    assert built.audit.not_modelled == 1


def test_profiles_ignore_the_order_of_multi_valued_codes_and_the_day() -> None:
    one = cases_of([("2025-03-01", KECAMATAN[0], "perempuan", "6-12", "fisik;psikis")])
    two = cases_of([("2025-03-28", KECAMATAN[0], "perempuan", "6-12", "psikis; fisik")])
    assert profiles(one) == profiles(two)


# What the months tell ------------------------------------------------------------------------------------

def test_first_and_last_month_are_knowledge_the_protection_accounts_for() -> None:
    sparse = cases_of([*many(6, "2024-01-15", KECAMATAN[0]), *many(2, "2024-02-10", KECAMATAN[1]),
                       *many(1, "2025-07-03", KECAMATAN[2], "laki_laki", "6-12"),
                       *many(5, "2025-04-01", KECAMATAN[0], age="13-17")])
    built = publication_of(sparse, KECAMATAN, threshold=5)
    assert (built.first_month, built.last_month) == ("2024-01", "2025-07") and built.audit.passed
    assert narrowed([(built, sparse)], months=True) == []


def test_months_apart_in_one_quarter_are_shown_as_years_only() -> None:
    dates = pd.Series(pd.to_datetime(["2025-04-02", "2025-06-20"]))
    assert shown_months(dates) == Months(None, None)         # would tell that quarter holds two cases or more
    assert shown_months(pd.Series(pd.to_datetime(["2025-04-02", "2025-04-20"]))) == Months("2025-04", "2025-04")
    built = publication_of(cases_of([*many(2, "2025-04-02", KECAMATAN[0]), *many(1, "2025-06-20", KECAMATAN[1])]),
                           KECAMATAN, threshold=5)
    assert built.first_month is None and built.last_month is None and built.audit.passed


def test_a_tiny_file_over_two_years_hides_everything_and_names_what_its_years_tell() -> None:
    """Two cases, one in each of two years: the years shown (the first and the last each hold a case) tell
    the total is 2 or more whatever is hidden. Every cell is then hidden, zeros too, and the audit names
    that total (a disclosure no hiding can prevent: the data officer sees it, the command line fails)."""
    tiny = cases_of([*many(1, "2024-02-01", KECAMATAN[0]), *many(1, "2025-05-01", KECAMATAN[0])])
    built = publication_of(tiny, KECAMATAN, threshold=5)
    assert not built.audit.passed and built.audit.failures == (("cases_total", "total"),)
    assert built.years == (2024, 2025) and built.first_month is None
    assert all(cell.state in HIDDEN_STATES for cells in built.cells.values() for cell in cells.values())
    assert [(found.table, found.low) for found in narrowed([(built, tiny)])] == [("cases_total", 2.0)]
    grown = appended(tiny, cases_of(many(1, "2025-09-01", KECAMATAN[1])))
    beside = publication_of(grown, KECAMATAN, threshold=5, earlier=versions(tiny))
    assert {found.table for found in narrowed([(built, tiny), (beside, grown)])} == {"cases_total"}


case_rows = st.lists(st.tuples(st.sampled_from(["2024-02-01", "2024-09-01", "2025-05-01", "2025-11-01"]),
                               st.sampled_from(KECAMATAN), st.sampled_from(["perempuan", "laki_laki"]),
                               st.sampled_from(["6-12", "13-17", "25-44"]),
                               st.sampled_from(["fisik", "psikis", "fisik;seksual"])), min_size=1, max_size=10)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case_rows, case_rows)
def test_generated_sparse_files_and_appended_batches_tell_nothing_together(first_rows, added_rows) -> None:
    publication_module._MEMORY.clear()
    first, added = cases_of(first_rows), cases_of(added_rows)
    second = appended(first, added)
    releases = [(publication_of(first, KECAMATAN, threshold=5), first),
                (publication_of(second, KECAMATAN, threshold=5, earlier=versions(first)), second)]
    for publication, _ in releases:
        if not publication.audit.passed:          # a tiny file over two years (see the test above)
            assert {table for table, _ in publication.audit.failures} == {"cases_total"}
            assert len(publication.years) > 1 and publication.cell("cases_total", ()).value is None
            assert all(cell.state in HIDDEN_STATES for cells in publication.cells.values() for cell in cells.values())
    assert all(found.table == "cases_total" and found.release in ("1", "2") for found in narrowed(releases))
    for publication, _ in releases:
        for cells in publication.cells.values():
            assert all(cell.value is None or cell.value == 0 or cell.value >= 5 for cell in cells.values())
            assert all(cell.state != CellState.SHOWN or cell.value >= 5 for cell in cells.values())


def test_kecamatan_added_to_the_geography_keep_the_release_over_the_old_list_beside_the_new() -> None:
    """A regency joins the village table: the same cases over more kecamatan are protected beside the
    publication readers saw over the old list, and the new kecamatan are published zeros."""
    before = publication_of(BASE, KECAMATAN, threshold=5)
    wider = (*KECAMATAN, "53.02.01", "53.02.02")
    after = publication_of(BASE, wider, threshold=5)
    assert after.earlier == (before.version,) and after.audit.releases == 2 and after.audit.passed
    assert narrowed([(before, BASE), (after, BASE)]) == []
    assert after.cell("cases_by_subdistrict", ("53.02.01",)).state == CellState.ZERO
    assert after.subdistricts_with_cases == KECAMATAN


def test_a_stray_file_among_the_stored_publications_is_skipped(tmp_path) -> None:
    """Any JSON in the publication folder is read for its kecamatan list; one that is not a publication
    (a list, null, nesting deeper than Python's recursion limit) never stops a build."""
    for name, text in (("list", "[]"), ("null", "null"), ("deep", "[" * 100_000 + "]" * 100_000),
                       ("broken", "{"), ("fields", '{"threshold": "x", "subdistricts": 3}')):
        (tmp_path / f"{name}.json").write_text(text, encoding="utf-8")
    assert publication_of(BASE, KECAMATAN, threshold=5).audit.passed


def test_the_next_case_version_is_held_beside_the_publication_served_over_the_new_list(tmp_path) -> None:
    """Served: BASE over the wider list, made beside BASE over the old one. The next case version is protected
    beside that very publication (found by its version), not a rebuild without the old list."""
    wider = (*KECAMATAN, "53.02.01")
    served = publication_of(BASE, wider, threshold=5, areas=[KECAMATAN])
    assert served.audit.releases == 2
    second = appended(BASE, ONE_BOY)
    after = publication_of(second, wider, threshold=5, earlier=versions(BASE), areas=[KECAMATAN])
    assert served.version in after.earlier and after.audit.passed


def test_rows_an_old_list_cannot_hold_were_never_served_over_it_and_nothing_is_made_for_it(tmp_path) -> None:
    in_tts = cases_of(many(6, "2025-04-01", "53.02.01"))
    wider = (*KECAMATAN, "53.02.01")
    made = publication_of(appended(BASE, in_tts), wider, threshold=5, areas=[KECAMATAN])
    assert made.audit.passed and made.audit.releases == 1
    assert [path.stem for path in tmp_path.glob("*.json")] == [made.version]
