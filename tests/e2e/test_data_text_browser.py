"""Data text is text, in Chromium: a data folder whose names, sources and indicator codes carry links,
images, tags and Markdown (tests.pages_helpers.PAYLOADS, every URL on tracker.invalid). On every page (the
AppTest twin, tests/pages/test_data_text.py, runs every page in both languages and every slide): no
request leaves 127.0.0.1, no element is made from a payload (no image, link, script or frame that points
at tracker.invalid or carries the payload's mark), and the payloads read on the page as the characters
they are. A grid offers no CSV of its own (Streamlit writes
it without neutralising formulas; lib.ui.styles hides it): the app's downloads are neutralised."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from lib.ui.navigation import PAGES, address
from tests.e2e.conftest import served
from tests.e2e.test_pages_browser import open_page
from tests.pages_helpers import MARK, write_payload_folder

# Elements that fetch, link or run: made from a payload if one of their attributes points at the tracker or
# carries the mark (an image's alt, a frame's src), or a script's text holds the mark.
MADE_FROM_PAYLOAD = """(mark) => [...document.querySelectorAll(
    'img, image, a, script, iframe, frame, object, embed, video, audio, source, link, use')].filter(element => {
  const attributes = [...element.attributes].map(attribute => attribute.value).join(' ');
  const text = element.tagName.toLowerCase() === 'script' ? element.textContent : '';
  return attributes.includes('tracker.invalid') || attributes.includes(mark) || text.includes(mark);
}).map(element => element.outerHTML.slice(0, 160))"""
LOCAL = ("127.0.0.1",)


@pytest.fixture(scope="module")
def payload_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = write_payload_folder(tmp_path_factory.mktemp("payloads") / "data")
    with served(folder) as url:
        yield url


def outside(requests: list[str]) -> list[str]:
    return sorted({url for url in requests
                   if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname not in LOCAL})


def test_no_page_loads_or_draws_anything_from_a_payload(payload_url: str, browser_page) -> None:
    requests: list[str] = []
    browser_page.context.on("request", lambda request: requests.append(request.url))
    # Every page in Indonesian, and the page with most indicator names (name_en) in English: the AppTest twin
    # covers both languages and every presenter slide.
    paths = [f"{address(page)}?lang=id" for page in PAGES] + ["progress?lang=en"]
    made: dict[str, list[str]] = {}
    page_text = ""
    for path in paths:
        open_page(browser_page, f"{payload_url}/{path}")
        browser_page.mouse.wheel(0, 30_000)            # charts lower down draw as they scroll in
        browser_page.wait_for_timeout(700)
        assert browser_page.locator('[data-testid="stException"]').count() == 0, path
        if found := browser_page.evaluate(MADE_FROM_PAYLOAD, MARK):
            made[path] = found
        page_text += browser_page.locator("body").inner_text()
        if path == "progress?lang=en":      # a grid's own CSV (not neutralised) is not offered; its other tools are
            grid = browser_page.locator('[data-testid="stDataFrame"]').first
            grid.scroll_into_view_if_needed()
            grid.hover()
            toolbar = browser_page.locator('[data-testid="stElementToolbar"] button')
            toolbar.filter(has=browser_page.locator("svg")).first.wait_for(state="attached", timeout=10_000)
            labels = [toolbar.nth(i).get_attribute("aria-label") for i in range(toolbar.count())
                      if toolbar.nth(i).is_visible()]
            assert "Search" in labels and "Download as CSV" not in labels, labels
    assert outside(requests) == []
    assert made == {}
    # Drawn as the characters they are: a Markdown image, a tag and a spreadsheet formula, read as text.
    shown = page_text.replace("\u2060", "")
    assert f"![{MARK}](http://tracker.invalid/img.png)" in shown
    assert f'<img src="http://tracker.invalid/x.png" alt="{MARK}">' in shown
    assert f'=HYPERLINK("http://tracker.invalid/h","{MARK}")' in shown
