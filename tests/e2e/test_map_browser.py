"""The map in a real browser: WebGL can fail silently and leave a blank canvas that no AppTest
sees, so count the village colours in a screenshot; then click a village and see it selected."""
from __future__ import annotations

import io
import time

import numpy as np
from PIL import Image

from lib.charts.palette import HAZARD_CLASS_COLOURS

MAP = '[data-testid="stDeckGlJsonChart"]'
TILE_HOSTS = ("cartocdn", "mapbox", "openstreetmap", "googleapis.com/maps")
TOLERANCE = 6          # per channel: antialiasing at polygon edges
MIN_SHARE = 0.05


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])


def hazard_share(png: bytes) -> float:
    """Share of the pixels that have one of the InaRISK class colours (the village fill)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    matches = np.zeros(pixels.shape[:2], dtype=bool)
    for colour in HAZARD_CLASS_COLOURS.values():
        matches |= (np.abs(pixels - _rgb(colour)) <= TOLERANCE).all(axis=2)
    return float(matches.mean())


def _wait_for_colour(page, *, timeout_s: float = 45.0) -> tuple[float, bytes]:
    deadline = time.monotonic() + timeout_s
    share, png = 0.0, b""
    while time.monotonic() < deadline:
        png = page.locator(MAP).screenshot()
        share = hazard_share(png)
        if share > MIN_SHARE:
            break
        page.wait_for_timeout(500)
    return share, png


def test_map_draws_the_village_polygons_and_selects_on_click(browser_page, app_url: str, tmp_path) -> None:
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{app_url}/map?lang=en&layer=hazard&hazard=kekeringan")
    page.locator(MAP).wait_for(state="visible", timeout=60_000)
    share, png = _wait_for_colour(page)
    (tmp_path / "map.png").write_bytes(png)
    assert share > MIN_SHARE, f"only {share:.1%} of the map has hazard-class colours (blank WebGL canvas?)"
    assert not [url for url in requests if any(host in url for host in TILE_HOSTS)], "a basemap was fetched"

    # Click the village under the middle of the regency: it is selected and written to the URL.
    box = page.locator(MAP).bounding_box()
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    filled = np.argwhere((np.abs(pixels - _rgb(HAZARD_CLASS_COLOURS["tinggi"])) <= TOLERANCE).all(axis=2))
    y, x = filled[len(filled) // 2]
    page.mouse.click(box["x"] + x * box["width"] / pixels.shape[1], box["y"] + y * box["height"] / pixels.shape[0])
    page.wait_for_function("() => new URLSearchParams(location.search).has('selected')", timeout=30_000)
    selected = page.evaluate("() => new URLSearchParams(location.search).get('selected')")
    assert selected and selected.startswith("53.01.")
    page.get_by_text("Open the village profile of").wait_for(timeout=30_000)
