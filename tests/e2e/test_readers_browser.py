"""The readers' walk of issue 14 in a real browser, in both languages, at a laptop's and a projector's
size: the period comparisons a donor reads are true, a kecamatan's indicators are not blank where the
programme reports values, and no text is cut (tests/e2e/text_fit.py)."""
from __future__ import annotations

import re

import pytest

from lib.texts.i18n import t
from tests.e2e.test_pages_browser import open_page
from tests.e2e.text_fit import SIZES, clipped_at_every_size

YEAR_RANGE = re.compile(r"\b(20\d\d)\s*[–-]\s*(20\d\d)\b")
AGAINST = {"en": re.compile(r"\bagainst (20\d\d)\b"), "id": re.compile(r"\bdibanding (20\d\d)\b")}
NO_DATA = {lang: t("prog_status_no_data", lang) for lang in ("id", "en")}
SEMAU = "53.01.04"


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path, last_year", [("?to=2024-12", 2024), ("violence?from=2022-01&to=2022-12", 2022),
                                             ("violence?to=2023-06", 2023)])
def test_period_comparisons_read_true(app_url: str, browser_page, lang: str, path: str, last_year: int) -> None:
    """A period ending before the data's last year: no range runs backwards, nothing is compared with
    a year after the period, and the page cuts no text."""
    open_page(browser_page, f"{app_url}/{path}&lang={lang}")
    text = _main_text(browser_page)
    assert [m.group(0) for m in YEAR_RANGE.finditer(text) if int(m.group(1)) > int(m.group(2))] == []
    assert [year for year in AGAINST[lang].findall(text) if int(year) >= last_year] == []
    assert str(last_year) in text
    assert clipped_at_every_size(browser_page) == {}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_kecamatan_s_indicators_are_not_blank(app_url: str, browser_page, lang: str) -> None:
    """Semau: every indicator of the framework table reads a value, or says it is reported for the whole
    regency; never 'No data'; and the table stays on the page at both sizes."""
    open_page(browser_page, f"{app_url}/progress?kecamatan={SEMAU}&lang={lang}")
    table = browser_page.locator('[data-testid="stTable"]').first
    rows = table.locator("tr").filter(has=browser_page.locator("td"))
    rows.first.wait_for(timeout=30_000)
    assert rows.count() == 12
    statuses = [rows.nth(i).locator("td").nth(3).inner_text().strip() for i in range(rows.count())]
    latest = [rows.nth(i).locator("td").nth(6).inner_text().strip() for i in range(rows.count())]
    wider = t("prog_status_reported_wider", lang)
    assert NO_DATA[lang] not in statuses, statuses
    assert all(value or status == wider for status, value in zip(statuses, latest)), list(zip(statuses, latest))
    for width, height in SIZES:
        browser_page.set_viewport_size({"width": width, "height": height})
        box = table.bounding_box()
        main = browser_page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
        assert box["x"] + box["width"] <= main["x"] + main["width"] + 1, f"the table runs off the page at {width} px"
