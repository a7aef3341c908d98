"""The violence page: both languages, an interaction checked against the CSV, and survivor safety."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.tools.visible_counts import count_values_in_figure, numbers_in_text
from lib.data.paths import SHIPPED_DATA_DIR
from tests.pages_helpers import figure_by_title, figures, run_page

PAGE = "pages/violence.py"
CASES = pd.read_csv(SHIPPED_DATA_DIR / "cases.csv", dtype=str)
KECAMATAN = sorted(CASES["subdistrict_code"].unique())


@pytest.mark.parametrize("lang, title", [("id", "Kekerasan terhadap Perempuan dan Anak"),
                                         ("en", "Violence against women and children")])
def test_page_renders_in_both_languages(lang: str, title: str) -> None:
    app = run_page(PAGE, lang=lang)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == title
    assert len(figures(app)) == 8


def test_cases_per_year_equal_the_csv() -> None:
    app = run_page(PAGE, lang="en")
    assert app.radio(key="violence_granularity").options == ["quarter", "year"]   # no months: not published
    app.radio(key="violence_granularity").set_value("year").run()
    fig = figure_by_title(app, "Cases per year")
    expected = CASES["report_date"].str[:4].value_counts().sort_index()
    assert fig["data"][0]["x"] == expected.index.tolist()
    assert fig["data"][0]["y"] == [float(v) for v in expected]


def test_2024_tile_shows_the_public_figure() -> None:
    app = run_page(PAGE, lang="en", **{"from": "2024-01", "to": "2024-12"})
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Recorded cases"] == "57"
    assert metrics["Women and girl victims"] == "50"


def _shown_counts(app) -> list[float]:
    values = [v for fig in figures(app) for v in count_values_in_figure(fig)]
    values += [v for metric in app.metric for v in numbers_in_text(str(metric.value))]
    values += [v for metric in app.metric if metric.delta for v in numbers_in_text(str(metric.delta))]
    return values


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kecamatan=st.lists(st.sampled_from(KECAMATAN), max_size=2, unique=True),
    sex=st.lists(st.sampled_from(["perempuan", "laki_laki"]), max_size=1),
    age=st.lists(st.sampled_from(["0-5", "6-12", "13-17", "18-24", "25-44"]), max_size=2, unique=True),
    year=st.sampled_from([None, "2022", "2023", "2024", "2025"]),
    granularity=st.integers(0, 1),
)
def test_no_case_count_from_1_to_4_is_ever_shown(kecamatan, sex, age, year, granularity) -> None:
    query = {"lang": "en", "kecamatan": kecamatan, "sex": sex, "age": age}
    if year:
        query.update({"from": f"{year}-01", "to": f"{year}-12"})
    app = run_page(PAGE, **query)
    radio = app.radio(key="violence_granularity")
    app = radio.set_value(radio.options[granularity]).run()
    assert not app.exception
    small = [v for v in _shown_counts(app) if 1 <= v <= 4]
    assert small == [], (query, small)


@pytest.mark.parametrize("lang, notice, chart_note", [
    ("en", "cannot follow your filters, so they show the whole regency", "Shown for the whole regency."),
    ("id", "tidak dapat mengikuti filter Anda, jadi menampilkan seluruh kabupaten", "Ditampilkan untuk seluruh kabupaten.")])
def test_a_kecamatan_with_1_to_4_cases_reads_small_and_its_charts_say_they_show_the_regency(
        lang: str, notice: str, chart_note: str) -> None:
    from tests.export_helpers import SMALL_KECAMATAN

    app = run_page("pages/violence.py", lang=lang, kecamatan=SMALL_KECAMATAN[0])
    assert not app.exception, [e.value for e in app.exception]
    assert sum(notice in info.value for info in app.info) == 1             # one notice for the page
    tiles = {metric.label: metric.value for metric in app.metric}
    recorded, women, children = (("Recorded cases", "Women and girl victims", "Child victims (0-17)") if lang == "en"
                                 else ("Kasus tercatat", "Korban perempuan", "Korban anak (0-17)"))
    assert tiles[recorded] == "<5"                                          # its own cell
    assert tiles[women] in ("–", "<5") and tiles[children] in ("–", "<5")   # how many are women or children: not told
    # The breakdowns are the regency's, each saying so: never six charts of dashes.
    breakdowns = [fig for fig in figures(app) if fig["data"][0].get("orientation") == "h"]
    assert len(breakdowns) == 6
    assert sum(caption.value == chart_note for caption in app.caption) >= 6
    for fig in breakdowns:
        assert {text for trace in fig["data"] for text in trace.get("text") or []} - {"–", "<5"}, fig["layout"]["title"]


def test_an_open_ended_period_names_both_years_and_compares_with_nothing_before_the_data() -> None:
    app = run_page("pages/violence.py", lang="en", **{"from": "2022-02"})
    assert not app.exception, [e.value for e in app.exception]
    assert any("whole calendar years: 2022–2025." in caption.value for caption in app.caption)
    this_period = next(metric for metric in app.metric if metric.label == "This period")
    assert this_period.value == "213" and not this_period.proto.delta and not this_period.proto.delta_description


@pytest.mark.parametrize("first, last, current, previous", [
    ("2022-01", "2024-12", "2022–2024", None), ("2022-01", "2022-12", "2022", None),
    ("2023-03", "2025-08", "2023–2025", None), ("2024-01", "2025-12", "2024–2025", "2022–2023"),
    ("2025-01", "2025-12", "2025", "2024")])
def test_the_period_tiles_compare_true_periods(first: str, last: str, current: str, previous: str | None) -> None:
    app = run_page(PAGE, lang="en", **{"from": first, "to": last})
    tile = next(metric for metric in app.metric if metric.label == "This period")
    expected = f"{current} against {previous}" if previous else f"Period {current}"
    assert tile.proto.help == expected
    assert bool(tile.proto.delta_description) == bool(previous)
    overview = run_page(None, lang="en", **{"from": first, "to": last})
    labels = [metric.label for metric in overview.metric]
    assert any(current in label for label in labels) and not any("2025–2024" in label for label in labels), labels


@pytest.mark.parametrize("kecamatan, delta, direction, colour", [("53.01.05", "-29%", "DOWN", "GREEN"),
                                                                 ("53.01.06", "0%", "NONE", "GRAY")])
def test_the_change_arrow_follows_the_sign_and_no_change_has_none(kecamatan: str, delta: str, direction: str,
                                                                   colour: str) -> None:
    # 2025 against 2024, both published: Kupang Barat 7 -> 5 (a fall: down, green), Kupang Timur 8 -> 8.
    app = run_page(PAGE, lang="en", kecamatan=kecamatan)
    tile = next(metric for metric in app.metric if metric.label == "This period").proto
    assert tile.delta == delta
    assert tile.DESCRIPTOR.fields_by_name["direction"].enum_type.values_by_number[tile.direction].name == direction
    assert tile.DESCRIPTOR.fields_by_name["color"].enum_type.values_by_number[tile.color].name == colour
