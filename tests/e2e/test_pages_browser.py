"""Every page in a real browser, in both languages: it renders, shows no exception box, logs no
browser console error and cuts no text at 1366 or 1024 px; a filter change reaches the URL and the numbers; a link reproduces it."""
from __future__ import annotations

import re

import pytest

from lib.ui.navigation import PAGES, address
from tests.e2e.text_fit import clipped_at_every_size

# What each page's heading says (the village page's heading is the village's name).
HEADINGS: dict[str, dict[str, str]] = {
    "overview": {"id": "WE Nexus Monitor", "en": "WE Nexus Monitor"},
    "progress": {"id": "Capaian Program", "en": "Programme progress"},
    "violence": {"id": "Kekerasan terhadap Perempuan dan Anak", "en": "Violence against women and children"},
    "climate": {"id": "Risiko Iklim", "en": "Climate"},
    "map": {"id": "Peta", "en": "Map"},
    "village": {"id": "", "en": ""},
    "data_admin": {"id": "Kelola Data", "en": "Manage data"},
}
PAGE_PATHS: tuple[tuple[str, dict[str, str]], ...] = tuple((address(page), HEADINGS[page.url_path]) for page in PAGES)


def test_every_page_of_the_navigation_has_a_heading_to_check() -> None:
    assert set(HEADINGS) == {page.url_path for page in PAGES}
# Streamlit's frontend probes these relative to a deep path first; the 404s are expected noise.
EXPECTED_404 = re.compile(r"/_stcore/(health|host-config)$")
APP = '[data-testid="stApp"]'


def open_page(page, url: str) -> list[str]:
    """Go to `url`, wait until the script has run, return the console errors seen."""
    errors: list[str] = []

    def on_console(message) -> None:
        location = (message.location or {}).get("url", "")
        if message.type == "error" and not EXPECTED_404.search(location):
            errors.append(f"{message.text} @ {location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.goto(url)
    wait_until_idle(page)
    return errors


def wait_until_idle(page, *, timeout_ms: int = 60_000, settle_checks: int = 4) -> None:
    """Connected, and the script not running for several checks in a row (a rerun can start a
    moment after the previous one ended, e.g. when the app writes the URL)."""
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=timeout_ms)
    idle = f'{APP}[data-test-script-state="notRunning"]'
    calm = 0
    for _ in range(timeout_ms // 250):
        calm = calm + 1 if page.locator(idle).count() else 0
        if calm >= settle_checks:
            break
        page.wait_for_timeout(250)
    page.wait_for_selector("h1", timeout=timeout_ms)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path, titles", PAGE_PATHS, ids=[p or "overview" for p, _ in PAGE_PATHS])
def test_page_renders_without_errors(app_url: str, browser_page, path: str, titles: dict, lang: str) -> None:
    errors = open_page(browser_page, f"{app_url}/{path}?lang={lang}")
    assert browser_page.locator('[data-testid="stException"]').count() == 0
    assert titles[lang] in browser_page.locator("h1").first.inner_text()
    demo_banner = browser_page.get_by_text("Data demo, bukan data nyata / Demo data, not real")
    assert demo_banner.count() >= 1
    assert errors == []
    assert clipped_at_every_size(browser_page) == {}


def tile_value(page, label: str) -> str:
    tile = page.locator('[data-testid="stMetric"]', has_text=label).first
    return tile.locator('[data-testid="stMetricValue"]').inner_text()


def test_a_filter_change_reaches_the_url_and_the_numbers(app_url: str, browser_page) -> None:
    open_page(browser_page, f"{app_url}/?lang=en")
    before = tile_value(browser_page, "Participant attendances")
    sidebar = browser_page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"]', has_text="Kecamatan").locator("input").click()
    browser_page.keyboard.type("Amarasi Barat")
    browser_page.keyboard.press("Enter")
    browser_page.keyboard.press("Escape")
    wait_until_idle(browser_page)
    browser_page.wait_for_url(re.compile(r"kecamatan=53\.01\.17"), timeout=30_000)
    assert tile_value(browser_page, "Participant attendances") != before


def test_a_link_reproduces_the_view(app_url: str, browser_page) -> None:
    open_page(browser_page, f"{app_url}/?lang=en&kecamatan=53.01.17&from=2025-01&to=2025-06")
    sidebar = browser_page.locator('[data-testid="stSidebar"]')
    assert "Amarasi Barat" in sidebar.inner_text()
    assert "Jan 2025" in sidebar.inner_text() and "Jun 2025" in sidebar.inner_text()
    assert "from=2025-01" in browser_page.url and "kecamatan=53.01.17" in browser_page.url


def chart_data(page) -> list[str]:
    """The data of every Plotly chart on the page, as plotly.js holds it (JSON per chart)."""
    return page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                         ".map(chart => JSON.stringify(chart.data))")


def test_a_filter_change_redraws_the_charts(app_url: str, browser_page) -> None:
    open_page(browser_page, f"{app_url}/progress?lang=en")
    browser_page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    before = chart_data(browser_page)
    assert before and all(data != "[]" for data in before)
    sidebar = browser_page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"]', has_text="Kecamatan").locator("input").click()
    browser_page.keyboard.type("Amarasi Barat")
    browser_page.keyboard.press("Enter")
    browser_page.keyboard.press("Escape")
    browser_page.wait_for_url(re.compile(r"progress\?.*kecamatan=53\.01\.17"), timeout=30_000)
    wait_until_idle(browser_page)
    # The first chart (progress per indicator) follows the filter; charts lower down draw as they scroll in.
    browser_page.wait_for_function("(first) => { const chart = document.querySelector('.js-plotly-plot');"
                                   " return chart && JSON.stringify(chart.data) !== first; }", arg=before[0],
                                   timeout=30_000)
    assert chart_data(browser_page)[0] != before[0]


def test_a_chart_download_arrives_from_its_menu(app_url: str, browser_page, tmp_path) -> None:
    """A chart's 'Download' menu draws its buttons once opened (a rerun); the CSV of the chart's data
    arrives, with rows for the filtered kecamatan and no case count from 1 to 4."""
    import pandas as pd

    from lib.exports.formats import header
    from tests.export_helpers import small_counts

    open_page(browser_page, f"{app_url}/violence?lang=en&kecamatan=53.01.17")
    browser_page.locator('[data-testid="stPopoverButton"]', has_text="Download").first.click()
    menu = browser_page.locator('[data-testid="stPopoverBody"]')
    first_format = menu.get_by_role("button").first                     # CSV, drawn after the rerun
    first_format.wait_for(timeout=30_000)
    assert "CSV" in first_format.inner_text()
    with browser_page.expect_download(timeout=60_000) as download_info:
        first_format.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    assert len(frame) > 0 and header("cases", "en") in frame.columns
    assert small_counts(frame[header("cases", "en")].dropna()) == []


def test_a_bad_file_is_named_in_a_banner_and_the_app_serves_the_last_valid_version(tmp_path_factory,
                                                                                   browser_page) -> None:
    """A fresh server on a folder whose activities.csv was replaced by hand with a bad file after version 2
    (seven rows) was stored: opened at /, by a deep link and on the data page, each page is drawn with a
    banner naming the file in the reader's language, the numbers of version 2, and no traceback."""
    import io
    import shutil

    import pandas as pd

    from lib.data.paths import SHIPPED_DATA_DIR
    from tests.conftest import break_file, new_activities, store_version
    from tests.e2e.conftest import served

    folder = tmp_path_factory.mktemp("bad")
    shutil.copytree(SHIPPED_DATA_DIR, folder, dirs_exist_ok=True)
    store_version(folder, "activities", new_activities(7))
    break_file(folder, "activities")
    stored = pd.read_csv(io.StringIO(new_activities(7).decode()))
    attendances = int(stored[["participants_female", "participants_male"]].sum().sum())
    with served(folder) as url:
        for path, lang, words, heading in (("", "id", "tidak lolos pemeriksaan", "WE Nexus Monitor"),
                                           ("violence", "en", "failed validation", "Violence against women"),
                                           ("data_admin", "en", "failed validation", "Manage data")):
            errors = open_page(browser_page, f"{url}/{path}?lang={lang}")
            banner = browser_page.locator('[data-testid="stAlertContentError"]', has_text="activities.csv")
            assert words in banner.first.inner_text() and "v2" in banner.first.inner_text()
            assert heading in browser_page.locator("h1").first.inner_text()
            assert browser_page.locator('[data-testid="stException"]').count() == 0 and errors == []
            assert browser_page.locator('[data-testid="stSidebarNav"]').count() == 1      # every page reachable
            if path == "":
                assert tile_value(browser_page, "Kehadiran peserta") == format(attendances, ",").replace(",", ".")
