"""The frame and the overview page, in both languages, on the shipped data."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from lib.data.paths import SHIPPED_DATA_DIR
from lib.ui.navigation import PAGES
from tests.conftest import break_file, new_activities, store_version
from tests.pages_helpers import run_page

ACTIVITIES = pd.read_csv(SHIPPED_DATA_DIR / "activities.csv", dtype={"village_code": str})


@pytest.mark.parametrize("lang, tile, banner_word", [("id", "Kehadiran peserta", "Angka sintetis"),
                                                     ("en", "Participant attendances", "Synthetic figures")])
def test_overview_reads_the_shipped_data(lang: str, tile: str, banner_word: str) -> None:
    app = run_page(lang=lang)
    assert not app.exception, [e.value for e in app.exception]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[tile].replace(".", "").replace(",", "") == str(
        ACTIVITIES[["participants_female", "participants_male"]].sum().sum())
    banners = [w.value for w in app.warning]
    assert any("Data demo, bukan data nyata / Demo data, not real" in b and banner_word in b for b in banners)


def test_choosing_a_kecamatan_changes_the_tiles_and_the_url() -> None:
    app = run_page(lang="en")
    kecamatan = ACTIVITIES["village_code"].str[:8].iloc[0]
    app.multiselect(key="f_kecamatan").set_value([kecamatan]).run()
    inside = ACTIVITIES[ACTIVITIES["village_code"].str.startswith(kecamatan)]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Participant attendances"] == f"{inside[['participants_female', 'participants_male']].sum().sum():,}"
    assert metrics["Villages covered"].startswith(f"{inside['village_code'].nunique()} of ")
    assert app.query_params["kecamatan"] in (kecamatan, [kecamatan])


def _villages_covered(app) -> str:
    return {m.label: m.value for m in app.metric}["Villages covered"]


def test_the_default_view_is_the_programme_area_and_every_regency_is_a_choice_away() -> None:
    """The shipped geography holds Kupang and Timor Tengah Selatan; the programme reports from Kupang."""
    app = run_page(lang="en")
    assert app.multiselect(key="f_regency").value == ["53.01"] and "regency" not in app.query_params
    assert _villages_covered(app).endswith(" of 177")
    app.run()                                                    # a rerun keeps the choice
    assert app.multiselect(key="f_regency").value == ["53.01"] and _villages_covered(app).endswith(" of 177")
    app.multiselect(key="f_regency").set_value([]).run()          # every regency
    assert app.query_params["regency"] in ("all", ["all"]) and _villages_covered(app).endswith(" of 455")
    tts = run_page(lang="en", regency="53.02")                  # a link to the other regency
    assert tts.multiselect(key="f_regency").value == ["53.02"] and _villages_covered(tts) == "0 of 278"
    tts.run()
    assert tts.multiselect(key="f_regency").value == ["53.02"] and not tts.exception
    assert run_page(lang="en", regency="all").multiselect(key="f_regency").value == []


@pytest.mark.parametrize("lang, title, other, headers", [
    ("en", "failed validation", "tidak lolos pemeriksaan",
     ["File", "Row", "Column", "Value", "Severity", "Problem", "Masalah (Bahasa Indonesia)"]),
    ("id", "tidak lolos pemeriksaan", "failed validation",
     ["Berkas", "Baris", "Kolom", "Nilai", "Tingkat", "Masalah", "Problem (English)"])])
def test_a_bad_village_file_is_named_in_a_banner_and_the_app_goes_on(tmp_path, monkeypatch, lang: str, title: str,
                                                                     other: str, headers: list[str]) -> None:
    """Nothing valid stored: the shipped villages stand in, the banner names the file and its problem in the
    reader's language (and, smaller, the other), every problem in a table; the page itself is drawn."""
    (tmp_path / "villages.csv").write_text("village_code,village_name\n53.01.04.2003,Bokonusan\n")
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(tmp_path))
    app = run_page(lang=lang)
    assert not app.exception
    banner, = [e.value for e in app.error if "villages.csv" in e.value]
    assert title in banner and any(other in caption.value and "villages.csv" in caption.value for caption in app.caption)
    shown = app.table[0].value
    assert shown.columns.tolist() == headers
    assert set(shown[headers[0]]) == {"villages.csv"} and all(shown[headers[-2]]) and all(shown[headers[-1]])
    assert (shown[headers[-2]] != shown[headers[-1]]).all()          # the message in both languages
    assert [title.value for title in app.title] == ["WE Nexus Monitor"] and app.sidebar.multiselect   # the app runs


def test_a_period_from_a_link_survives_an_interaction() -> None:
    app = run_page(lang="en", **{"from": "2025-01", "to": "2025-06"})
    kecamatan = ACTIVITIES["village_code"].str[:8].iloc[0]
    app.multiselect(key="f_kecamatan").set_value([kecamatan]).run()
    inside = ACTIVITIES[ACTIVITIES["village_code"].str.startswith(kecamatan)
                        & (ACTIVITIES["date"] >= "2025-01-01") & (ACTIVITIES["date"] <= "2025-06-30")]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Participant attendances"] == f"{inside[['participants_female', 'participants_male']].sum().sum():,}"
    assert app.query_params["from"] in ("2025-01", ["2025-01"])


def test_a_bad_cases_file_shows_where_the_problem_is_but_no_case_value(tmp_path, monkeypatch) -> None:
    lines = (SHIPPED_DATA_DIR / "cases.csv").read_text().splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("village_code")] = "53.01.04.2999"          # not an official village
    (tmp_path / "cases.csv").write_text("\n".join([lines[0], ",".join(row)]) + "\n")
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(tmp_path))
    app = run_page(lang="en")
    assert not app.exception
    banner, = [e.value for e in app.error if "cases.csv" in e.value]
    assert "failed validation" in banner and "row 2" in banner
    assert "53.01.04.2999" not in banner and "did you mean" not in banner and row[0] not in banner
    shown = app.table[0].value
    assert "Value" not in shown.columns and set(shown["Row"]) == {"2"}
    assert "53.01.04.2999" not in shown.to_string()
    assert "did you mean" not in " ".join(shown["Problem"]) and "maksud Anda" not in shown.to_string()


def test_the_village_list_is_drawn_only_while_open() -> None:
    app = run_page(lang="en")
    assert not app.dataframe                                   # closed: no rows computed or sent
    app.session_state["overview_village_list"] = True          # what opening the expander sets
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    table, = app.dataframe
    assert len(table.value) == 177


def test_the_demo_banner_follows_the_data(folder) -> None:
    """Real data (no demo rows) shows no banner; a new version with one demo row brings it back."""
    from lib.data.schema import DEMO_SOURCE

    files = sorted(folder.glob("*.csv"))
    originals = {path: path.read_text(encoding="utf-8") for path in files}
    for path, text in originals.items():
        path.write_text(text.replace(DEMO_SOURCE, "Laporan program"), encoding="utf-8")
    app = run_page(lang="en")
    assert not app.exception, [e.value for e in app.exception]
    assert not any("Demo data, not real" in w.value for w in app.warning)
    events = folder / "events.csv"
    events.write_text(originals[events], encoding="utf-8")          # one table is demo again
    app = run_page(lang="en")
    assert any("Demo data, not real" in w.value for w in app.warning)


@pytest.mark.parametrize("page", [None, "pages/progress.py", "pages/violence.py", "pages/climate.py", "pages/map.py",
                                  "pages/village.py", "pages/data_admin.py"])
def test_an_empty_data_folder_shows_pages_not_tracebacks(page: str | None, tmp_path, monkeypatch) -> None:
    """A new folder with no table yet: the shipped villages, and every page says what is missing."""
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(tmp_path))
    app = run_page(page, lang="en")
    assert not app.exception, [e.value for e in app.exception]
    assert app.get("select_slider")                       # the period filter still has a month to offer
    if page == "pages/progress.py":
        assert any("no indicators or indicator values table" in info.value for info in app.info)


@pytest.mark.parametrize("page", [page.script for page in PAGES])
def test_every_page_serves_the_last_valid_version_of_a_refused_file(folder, page: str) -> None:
    """activities.csv replaced by hand with a bad file after version 2 (seven rows) was stored: every page
    is drawn, with the banner, from version 2."""
    store_version(folder, "activities", new_activities(7))
    break_file(folder, "activities")
    app = run_page(page, lang="en")
    assert not app.exception, [e.value for e in app.exception]
    assert any("activities.csv" in e.value and "last valid version in the store: v2" in e.value for e in app.error)
    if page == "pages/overview.py":
        stored = pd.read_csv(io.StringIO(new_activities(7).decode()))
        metrics = {m.label: m.value for m in app.metric}
        assert metrics["Participant attendances"] == f"{stored[['participants_female', 'participants_male']].sum().sum():,}"
