"""Presenter mode: the slide list, the URL (?present=1&slide=N), next and previous, the toggle and
the exit, in both languages; each slide shows its own chart."""
from __future__ import annotations

import json

import pytest

from lib.texts.i18n import t
from lib.meeting.presenter import SLIDE_KEYS, SLIDES, is_presenting, slide_number
from tests.pages_helpers import run_page


@pytest.mark.parametrize("raw, expected", [
    ("3", 3), (["2", "4"], 4), ("0", 1), ("-5", 1), ("99", len(SLIDES)), ("x", 1), (None, 1), ("", 1), (" 2 ", 2),
])
def test_slide_number_is_always_a_slide(raw, expected) -> None:
    assert slide_number(raw) == expected


@pytest.mark.parametrize("query, expected", [
    ({"present": "1"}, True), ({"present": ["0", "1"]}, True), ({"present": "true"}, True),
    ({"present": "0"}, False), ({}, False), ({"present": ""}, False),
])
def test_is_presenting(query, expected) -> None:
    assert is_presenting(query) is expected


def test_each_slide_is_declared_once_with_a_builder() -> None:
    assert len(set(SLIDE_KEYS)) == len(SLIDES) and SLIDE_KEYS[0] == "title" and SLIDE_KEYS[-1] == "sources"
    assert all(callable(spec.build) and spec.shows for spec in SLIDES)


def slide_charts(app) -> list[str]:
    """The slide key of each chart shown (its element key is present_chart_<slide key>); each has data,
    and no title of its own on screen (the slide's title names it)."""
    keys = []
    for element in app.get("plotly_chart"):
        figure = json.loads(element.proto.spec)
        assert figure["data"] and not figure["layout"].get("title", {}).get("text")
        keys.append(element.proto.id.rsplit("present_chart_", 1)[-1])
    return keys


CHARTS = {3: "progress", 4: "reach", 5: "violence", 6: "climate"}    # slide number -> its chart's slide key


@pytest.mark.parametrize("number", range(1, len(SLIDES) + 1))
def test_a_link_opens_that_slide_with_its_chart(number: int) -> None:
    app = run_page(lang="en", present="1", slide=str(number))
    assert not app.exception, [e.value for e in app.exception]
    assert slide_charts(app) == ([CHARTS[number]] if number in CHARTS else [])
    assert any(f"Slide {number} of {len(SLIDES)}" in m.value for m in app.markdown)
    if number > 1:
        assert app.title[0].value == t(f"slide_{SLIDE_KEYS[number - 1]}_title", "en")
    assert any("Demo data, not real" in w.value for w in app.warning)      # the banner stays


def test_next_and_previous_change_the_slide_and_the_url() -> None:
    app = run_page(lang="id", present="1", slide="4")
    assert slide_charts(app) == ["reach"]
    app.button(key="present_next").click().run()
    assert app.query_params["slide"] in ("5", ["5"])
    assert slide_charts(app) == ["violence"]
    app.button(key="present_previous").click().run()
    app.button(key="present_previous").click().run()
    assert app.query_params["slide"] in ("3", ["3"])
    assert slide_charts(app) == ["progress"]
    assert not app.exception


def test_first_and_last_slides_stop_there() -> None:
    app = run_page(lang="en", present="1", slide="1")
    assert app.button(key="present_previous").disabled
    app = run_page(lang="en", present="1", slide=str(len(SLIDES)))
    assert app.button(key="present_next").disabled


def test_the_toggle_and_the_exit_switch_presenter_mode() -> None:
    app = run_page(lang="en", kecamatan="53.01.04")
    assert not any("Slide 1 of" in m.value for m in app.markdown)           # not presenting yet
    app.toggle(key="presenter_toggle").set_value(True).run()
    assert app.query_params["present"] in ("1", ["1"])
    assert any("Slide 1 of" in m.value for m in app.markdown)
    assert app.query_params["kecamatan"] in ("53.01.04", ["53.01.04"])     # the filters stay
    app.button(key="present_exit").click().run()
    assert "present" not in app.query_params
    assert not any("Slide 1 of" in m.value for m in app.markdown)
    assert not app.exception


def test_presenter_mode_keeps_the_filters() -> None:
    kecamatan = "53.01.06"
    app = run_page(lang="en", present="1", slide="5", kecamatan=kecamatan, **{"from": "2024-01", "to": "2024-12"})
    assert app.markdown[1].value.startswith("In 2024, ")
    assert not app.exception


def test_long_bullets_are_cut_into_two_columns_in_reading_order() -> None:
    from lib.meeting.presenter import balanced_columns

    lines = ["a" * 40, "b" * 10, "c" * 30, "d" * 20, "e" * 20, "f" * 40]
    left, right = balanced_columns(lines)
    assert [*left, *right] == lines                      # down, then across
    assert abs(sum(map(len, left)) - sum(map(len, right))) <= 40
    assert balanced_columns(["only"]) == (("only",), ())


def test_chart_type_shrinks_only_as_far_as_dense_labels_need() -> None:
    import plotly.graph_objects as go

    from lib.meeting.presenter import CHART_FONT_SIZES, chart_font_size

    smallest, largest = CHART_FONT_SIZES
    few = go.Figure(go.Bar(x=[1, 2], y=["A", "B"], orientation="h"))
    many = go.Figure(go.Bar(x=list(range(8)), y=[f"Indicator {i}<br>second line" for i in range(8)], orientation="h"))
    crowded = go.Figure(go.Bar(x=list(range(30)), y=[f"Indicator {i}<br>second line" for i in range(30)], orientation="h"))
    columns = go.Figure(go.Bar(x=[f"Q{i}" for i in range(40)], y=list(range(40))))
    assert chart_font_size(few) == largest and chart_font_size(columns) == largest
    assert smallest < chart_font_size(many) < largest
    assert chart_font_size(crowded) == smallest          # never below what a projector shows legibly
    # Eight two-line labels, LINE_SPACING each, fit the plot at the size chosen, and not at one more.
    from lib.meeting.presenter import AXIS_HEIGHT, CHART_HEIGHT, LINE_SPACING
    fits = lambda size: 8 * 2 * LINE_SPACING * size <= CHART_HEIGHT - AXIS_HEIGHT  # noqa: E731
    assert fits(chart_font_size(many)) and not fits(chart_font_size(many) + 1)
