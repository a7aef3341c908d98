"""Presenter mode in a real browser: the sidebar and Streamlit's chrome are hidden (checked in the
DOM and in a screenshot), the arrow keys change the slide, Esc leaves."""
from __future__ import annotations

import io

APP = '[data-testid="stApp"]'


def wait_for_script(page, *, timeout_ms: int = 60_000) -> None:
    """Connected, and the script finished (several calm checks: writing the URL can start a rerun)."""
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=timeout_ms)
    calm = 0
    for _ in range(timeout_ms // 250):
        calm = calm + 1 if page.locator(f'{APP}[data-test-script-state="notRunning"]').count() else 0
        if calm >= 4:
            return
        page.wait_for_timeout(250)


def left_strip_is_blank(png: bytes, *, width: int = 30) -> bool:
    """Whether the screenshot's left margin (inside the sidebar, when there is one; the page's
    padding in presenter mode) is page-white."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        strip = image.convert("RGB").crop((0, 0, width, image.height))
        colours = strip.getcolors(maxcolors=1 << 16) or []
    white = sum(count for count, (red, green, blue) in colours if min(red, green, blue) >= 250)
    return white / max(1, strip.width * strip.height) > 0.97


def test_presenter_mode_hides_the_sidebar_and_follows_the_keys(app_url, browser_page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{app_url}/?lang=en&present=1&slide=2")
    wait_for_script(page)
    page.wait_for_selector("h1")
    assert page.locator("h1").first.inner_text() == "Headline numbers"
    for chrome in ('[data-testid="stSidebar"]', '[data-testid="stHeader"]', '[data-testid="stToolbar"]'):
        assert page.locator(chrome).count() == 0 or not page.locator(chrome).first.is_visible(), chrome
    assert left_strip_is_blank(page.screenshot())

    page.keyboard.press("ArrowRight")
    page.wait_for_url("**slide=3**", timeout=30_000)
    wait_for_script(page)
    page.wait_for_selector("h1:has-text('Progress against targets')", timeout=30_000)
    assert page.locator(".js-plotly-plot").count() == 1

    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**slide=2**", timeout=30_000)
    wait_for_script(page)
    page.keyboard.press("PageDown")                 # what a presentation clicker sends
    page.wait_for_url("**slide=3**", timeout=30_000)
    wait_for_script(page)

    page.keyboard.press("Escape")
    page.wait_for_function("() => !window.location.search.includes('present=')", timeout=30_000)
    wait_for_script(page)
    page.wait_for_selector('[data-testid="stSidebar"]', state="visible", timeout=30_000)
    assert not left_strip_is_blank(page.screenshot())


def test_the_meeting_deck_downloads_from_presenter_mode_and_opens(app_url, browser_page, tmp_path) -> None:
    """The presenter's 'Download' menu gives the deck of the filtered view; python-pptx opens it and its
    slides carry the demo label and the filter's kecamatan."""
    from pptx import Presentation

    page = browser_page
    page.set_viewport_size({"width": 1024, "height": 768})     # a meeting-room projector
    labels = {"id": ("Sebelumnya", "Berikutnya", "Keluar", "Berkas rapat"),
              "en": ("Previous", "Next", "Exit", "Meeting files")}
    for lang in ("id", "en"):                                    # nothing truncated at 1024 px, either language
        page.goto(f"{app_url}/?lang={lang}&present=1&kecamatan=53.01.17")
        wait_for_script(page)
        page.wait_for_function("document.fonts.status === 'loaded'")   # widths in the real font
        page.wait_for_timeout(500)
        for label in labels[lang]:
            button = page.get_by_role("button", name=label).first
            label_box = button.locator('[data-testid="stMarkdownContainer"]').first     # cut with an ellipsis
            # The text's own width against its box (scrollWidth rounds away a cut of a fraction of a pixel).
            assert label_box.evaluate("e => { const text = document.createRange(); text.selectNodeContents(e);"
                                      " return text.getBoundingClientRect().width"
                                      " <= e.getBoundingClientRect().width + 0.01; }"), label
        counter = page.locator("strong", has_text="Slide 1 ")
        assert counter.evaluate("e => e.getClientRects().length") == 1      # 'Slide 1 of 9' on one line
    menu = page.get_by_role("button", name="Meeting files")
    assert menu.is_visible()
    menu.click()
    with page.expect_download(timeout=180_000) as download_info:
        page.get_by_role("button", name="Download meeting slides (PowerPoint)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pptx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    deck = Presentation(str(path))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert len(deck.slides) >= 5
    assert any("Amarasi Barat" in text for text in texts)
    assert any("Demo data" in text or "demo" in text.lower() for text in texts)
