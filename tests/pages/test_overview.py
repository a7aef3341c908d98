"""The overview as a donor reads it: which targets are behind, named, in both languages."""
from __future__ import annotations

import pytest

from tests.pages_helpers import run_page


@pytest.mark.parametrize("lang, title, named", [
    ("en", "Indicators behind their targets", "% of women who feel able to influence village decisions (IMP-1)"),
    ("id", "Indikator yang tertinggal dari target", "Persentase perempuan yang merasa mampu mempengaruhi keputusan desa (IMP-1)")])
def test_the_overview_names_the_indicators_behind(lang: str, title: str, named: str) -> None:
    app = run_page(None, lang=lang)
    assert not app.exception, [e.value for e in app.exception]
    assert title in [header.value for header in app.subheader]
    assert any(named in block.value for block in app.markdown)


@pytest.mark.parametrize("lang, text", [
    ("en", "Programme time elapsed: 18 of 24 months (Jul 2024 – Jun 2026), as of the data on 31 December 2025"),
    ("id", "Waktu program berjalan: 18 dari 24 bulan (Jul 2024 – Jun 2026), per data 31 Desember 2025")])
def test_the_programme_time_elapsed_is_a_bar(lang: str, text: str) -> None:
    bars = run_page(None, lang=lang).get("progress")
    assert [bar.proto.text for bar in bars] == [text] and 70 <= bars[0].proto.value <= 80


def test_an_area_without_the_programme_says_so_in_one_line() -> None:
    # Kupang Barat (53.01.05) has no programme activity and no indicator value of its own.
    app = run_page(None, lang="en", kecamatan="53.01.05")
    tile = next(metric for metric in app.metric if metric.label == "Indicators on track")
    assert (tile.value, tile.proto.delta) == ("–", "The programme reports no indicator in this area")
    assert not any("0 of 12" in metric.value for metric in app.metric if metric.label == "Indicators on track")


def _tiles(app) -> list:
    """The bordered boxes of the overview's two rows of tiles."""
    rows = [block for block in app.main.children.values() if type(block).__name__ == "Block"
            and any(type(c).__name__ == "Column" for c in block.children.values())]
    return [box for row in rows for column in row.children.values() for box in column.children.values()
            if type(box).__name__ == "Block" and box.proto.flex_container.border]


@pytest.mark.parametrize("lang, source, trend", [("en", "Source: ", "Trend "), ("id", "Sumber: ", "Tren ")])
def test_every_tile_holds_its_source_and_stretches_to_its_row(lang: str, source: str, trend: str) -> None:
    app = run_page(None, lang=lang)
    tiles = [box for box in _tiles(app) if any(type(c).__name__ == "Metric" for c in box.children.values())]
    assert len(tiles) == 5
    for box in tiles:
        assert box.proto.height_config.use_stretch       # as tall as the tallest of its row
        captions = [c.value for c in box.children.values() if type(c).__name__ == "Caption"]
        assert any(caption.startswith(source) for caption in captions), captions
        metric = next(c for c in box.children.values() if type(c).__name__ == "Metric")
        if metric.proto.chart_data:                       # a sparkline names the periods it spans
            assert any(caption.startswith(trend) and " – " in caption for caption in captions), captions
    assert app.caption.values.count(f"{trend}2022 – 2025") == 1


@pytest.mark.parametrize("query, area", [({}, "Kabupaten Kupang ·"),
                                         ({"regency": "all"}, "Kabupaten Kupang and Kabupaten Timor Tengah Selatan ·"),
                                         ({"kecamatan": "53.01.04"}, "Kecamatan Semau ·")])
def test_the_subtitle_names_the_area_shown(query: dict, area: str) -> None:
    app = run_page(None, lang="en", **query)
    assert not app.exception, [e.value for e in app.exception]
    assert app.caption[0].value.startswith("Women's Empowerment for Sustainable Peace · " + area), app.caption[0].value
