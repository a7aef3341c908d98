"""Pages run in-process with AppTest, in both languages, on the shipped data."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.paths import REPO_ROOT

DASHBOARD = str(REPO_ROOT / "dashboard.py")


def run_app(**query: str) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


@pytest.mark.parametrize("lang, villages_label, banner_word", [("id", "Desa/kelurahan", "Angka sintetis"),
                                                               ("en", "Villages", "Synthetic figures")])
def test_overview_reads_the_shipped_data(lang: str, villages_label: str, banner_word: str) -> None:
    app = run_app(lang=lang)
    assert not app.exception, [e.value for e in app.exception]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[villages_label] == "177"
    banners = [w.value for w in app.warning]
    assert any("Data demo, bukan data nyata / Demo data, not real" in b and banner_word in b for b in banners)


def test_bad_data_folder_shows_a_bilingual_error_not_a_traceback(tmp_path, monkeypatch) -> None:
    (tmp_path / "villages.csv").write_text("village_code,village_name\n53.01.04.2003,Bokonusan\n")
    monkeypatch.setenv("WENEXUS_DATA_DIR", str(tmp_path))
    app = run_app(lang="en")
    assert not app.exception
    assert any("cannot be loaded" in e.value for e in app.error)
