"""Every presenter slide fits a 1024 x 768 projector, in both languages: its content, down to its
source line, ends inside the window, and nothing is wider than the window (measured in Chromium).

The slide's download menu and the speaker notes are the presenter's, not the audience's: they may
sit below the screen."""
from __future__ import annotations

from lib.meeting.presenter import SCREEN, SLIDES
from tests.e2e.test_presenter_browser import wait_for_script

# The bottom of what the audience must see, the source lines and everything wider than the window:
# measured on the visible elements of the page, the presenter's own controls below the slide left out.
MEASURE_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const presenters = '[data-testid="stExpander"], [class*="st-key-download_present_"]';
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const shown = [...main.querySelectorAll('[data-testid="stElementContainer"]')]
    .filter(e => visible(e) && !e.closest(presenters) && !e.querySelector(presenters));
  const bottom = Math.max(0, ...shown.map(e => e.getBoundingClientRect().bottom));
  const sources = [...main.querySelectorAll('[data-testid="stCaptionContainer"]')]
    .filter(e => visible(e) && /^(Sumber|Source):/.test(e.innerText.trim()))
    .map(e => { const text = document.createRange(); text.selectNodeContents(e);
                return text.getBoundingClientRect().bottom; });    // the words (the box has a negative margin)
  const wide = [...main.querySelectorAll('*')].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
    }).map(e => (e.getAttribute('data-testid') || e.tagName) + ': ' + (e.innerText || '').slice(0, 40));
  return {bottom, sources, wide: wide.slice(0, 5), height: window.innerHeight,
          pageWidth: document.documentElement.scrollWidth, width: window.innerWidth};
}"""
# Slides whose content is sourced: every one but the title and the sources slide itself.
SOURCED = {index + 1 for index, spec in enumerate(SLIDES) if spec.key not in ("title", "sources")}


def wait_for_slide(page) -> None:
    """The script done, the fonts loaded, the charts drawn and the images decoded."""
    wait_for_script(page)
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stMain"] img')].every(i => i.complete)
        && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))""")
    page.wait_for_timeout(300)    # plotly lays out once more when it learns its container's size


def test_every_slide_fits_a_projector_in_both_languages(app_url, browser_page) -> None:
    page = browser_page
    width, height = SCREEN
    page.set_viewport_size({"width": width, "height": height})
    problems: list[str] = []
    for lang in ("id", "en"):
        page.goto(f"{app_url}/?lang={lang}&present=1&slide=1")
        for number in range(1, len(SLIDES) + 1):
            if number > 1:        # the next slide as a presenter gets there (faster than a new page)
                page.keyboard.press("ArrowRight")
                page.wait_for_url(f"**slide={number}**", timeout=30_000)
            wait_for_slide(page)
            found = page.evaluate(MEASURE_JS)
            where = f"{lang} slide {number} ({SLIDES[number - 1].key})"
            if found["bottom"] > found["height"]:
                problems.append(f"{where}: content ends at {found['bottom']:.0f} px of {found['height']}")
            if number in SOURCED and not found["sources"]:
                problems.append(f"{where}: no source line")
            if any(bottom > found["height"] for bottom in found["sources"]):
                problems.append(f"{where}: source line ends at {max(found['sources']):.0f} px")
            if found["wide"] or found["pageWidth"] > found["width"]:
                problems.append(f"{where}: wider than {found['width']} px: {found['wide']} "
                                f"(page {found['pageWidth']} px)")
    assert not problems, "\n".join(problems)
