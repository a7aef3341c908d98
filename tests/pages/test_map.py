"""The map page with AppTest: both languages, the deck's layers, colours and tooltips checked against
the CSV files with plain pandas, survivor safety in the deck and the download, selection in the URL."""
from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest

from lib.data.paths import SHIPPED_DATA_DIR
from tests.pages_helpers import open_menus, run_page

PAGE = "pages/map.py"
# InaRISK class colours (lib.charts.palette.HAZARD_CLASS_COLOURS), written out here as the test's own oracle.
CLASS_RGB = {"rendah": [0xFD, 0xD4, 0x9E], "sedang": [0xFC, 0x8D, 0x59], "tinggi": [0xB3, 0x00, 0x00]}
CLASS_NAMES_EN = {"rendah": "Low", "sedang": "Medium", "tinggi": "High"}
VILLAGES = pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype=str).query("regency_code == '53.01'")  # the default view
HAZARDS = pd.read_csv(SHIPPED_DATA_DIR / "hazards.csv", dtype={"village_code": str})
ACTIVITIES = pd.read_csv(SHIPPED_DATA_DIR / "activities.csv", dtype={"village_code": str})
CASES = pd.read_csv(SHIPPED_DATA_DIR / "cases.csv", dtype=str)
KUPANG_TIMUR = "53.01.06"


def deck(app) -> dict:
    decks = app.get("deck_gl_json_chart")
    assert len(decks) == 1
    return json.loads(decks[0].proto.json)


def village_features(spec: dict) -> dict[str, dict]:
    layer = next(layer for layer in spec["layers"] if layer["id"].startswith("villages-"))
    return {f["properties"]["village_code"]: f["properties"] for f in layer["data"]["features"]}


def tip_value(tip: str, label_start: str) -> str:
    line = next(line for line in tip.split("\n") if line.startswith(label_start))
    return line.split(": ", 1)[1]


@pytest.mark.parametrize("lang, title, boundaries", [
    ("id", "Peta", "Batas desa: resmi (kode Kemendagri; batas: cahyadsn/wilayah_boundaries)"),
    ("en", "Map", "Village boundaries: official (Kemendagri codes; boundaries: cahyadsn/wilayah_boundaries)")])
def test_page_renders_in_both_languages(lang: str, title: str, boundaries: str) -> None:
    app = run_page(PAGE, lang=lang)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == title
    assert any(boundaries in caption.value for caption in app.caption)
    spec = deck(app)
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids[:2] == ["sea", "land"] and {"outlines", "village-points", "kecamatan-names"} <= set(ids)
    assert spec["mapStyle"] == "__MAP_STYLE__"                     # no tiles fetched
    sent = app.get("deck_gl_json_chart")[0].proto.json
    villages = next(layer for layer in spec["layers"] if layer["id"].startswith("villages"))
    assert len(json.dumps(villages, separators=(",", ":"))) <= 300_000 and len(sent) < 600_000  # see tests/map/test_deck.py
    legend = "".join(element.proto.body for element in app.get("html"))
    assert ("Jumlah bahaya berkelas tinggi" if lang == "id" else "Number of hazards in the high class") in legend  # the default


def test_nexus_view_renders_in_both_languages() -> None:
    for lang in ("id", "en"):
        app = run_page(PAGE, lang=lang, view="nexus")
        assert not app.exception, [e.value for e in app.exception]
        assert len(app.get("deck_gl_json_chart")) == 1 and app.dataframe


def test_hazard_colours_in_a_kecamatan_equal_the_inarisk_classes_of_the_csv() -> None:
    app = run_page(PAGE, lang="en")
    app.multiselect(key="f_kecamatan").set_value([KUPANG_TIMUR]).run()
    app.selectbox(key="map_hazard").set_value("banjir").run()
    assert not app.exception
    features = village_features(deck(app))
    expected = HAZARDS[(HAZARDS["hazard"] == "banjir") & HAZARDS["village_code"].str.startswith(KUPANG_TIMUR + ".")]
    assert set(features) == set(expected["village_code"])               # only the kecamatan's villages
    for code, hazard_class, index in zip(expected["village_code"], expected["class"], expected["index"]):
        assert features[code]["fill"][:3] == CLASS_RGB[hazard_class], code
        name = VILLAGES.set_index("village_code").loc[code, "village_name"]
        assert features[code]["tip"].startswith(f"{name} (")
        assert tip_value(features[code]["tip"], "Flood") == f"{index:.3f} ({CLASS_NAMES_EN[hazard_class]})"


def test_reach_in_tooltips_equals_the_activity_register() -> None:
    app = run_page(PAGE, lang="en", layer="reach", kecamatan=KUPANG_TIMUR)
    assert not app.exception
    features = village_features(deck(app))
    rows = ACTIVITIES[ACTIVITIES["village_code"].str.startswith(KUPANG_TIMUR + ".")]
    totals = (rows["participants_female"] + rows["participants_male"]).groupby(rows["village_code"]).sum()
    for code, properties in features.items():
        shown = tip_value(properties["tip"], "Participants").replace(",", "")
        assert int(shown) == int(totals.get(code, 0)), code


def test_reach_follows_the_sex_filter() -> None:
    app = run_page(PAGE, lang="en", layer="reach", sex="perempuan")
    women = ACTIVITIES.groupby("village_code")["participants_female"].sum()
    features = village_features(deck(app))
    assert {code: int(tip_value(p["tip"], "Participants").replace(",", "")) for code, p in features.items()
            if code in women.index} == women.astype(int).to_dict()


def _case_texts(spec: dict) -> list[str]:
    return [tip_value(p["tip"], "Cases in the") for p in village_features(spec).values()]


@pytest.mark.parametrize("level", ["kecamatan", "desa"])
@pytest.mark.parametrize("query", [{}, {"sex": "perempuan"}, {"from": "2024-01", "to": "2024-12"},
                                   {"kecamatan": ["53.01.06", "53.01.08"]}, {"age": "13-17"}])
def test_no_case_count_from_1_to_4_reaches_the_browser(level: str, query: dict) -> None:
    app = run_page(PAGE, lang="en", layer="violence", **query)
    if level == "desa":
        app.radio(key="map_violence_level").set_value("desa").run()
    assert not app.exception, [e.value for e in app.exception]
    raw = app.get("deck_gl_json_chart")[0].proto.json
    texts = _case_texts(json.loads(raw))
    assert texts
    for text in texts:
        assert text in ("<5", "not published", "No data") or (text.isdigit() and (int(text) == 0 or int(text) >= 5)), text
    legend = "".join(element.proto.body for element in app.get("html"))
    for low, high in re.findall(r"(\d+) – (\d+) \(", legend):       # class ranges never start below 5
        assert int(low) >= 5


def test_shown_kecamatan_counts_equal_the_case_register() -> None:
    app = run_page(PAGE, lang="en", layer="violence")
    features = village_features(deck(app))
    true = CASES.groupby("subdistrict_code").size()
    shown = {code[:8]: tip_value(p["tip"], "Cases in the") for code, p in features.items()}
    numbers = {k: int(v) for k, v in shown.items() if v.isdigit()}
    assert numbers, shown
    for kecamatan, count in numbers.items():
        assert count == int(true.get(kecamatan, 0)) and (count == 0 or count >= 5)
    kecamatan_fill = next(layer for layer in deck(app)["layers"] if layer["id"] == "kecamatan-fill")
    assert len(kecamatan_fill["data"]["features"]) == VILLAGES["subdistrict_code"].nunique()


def test_priority_with_hazard_weight_only_is_the_normalised_drought_index(monkeypatch) -> None:
    from tests.export_helpers import capture_downloads

    files = capture_downloads(monkeypatch)           # the download is made on click: keep what a click runs
    app = run_page(PAGE, lang="en", view="nexus")
    app.selectbox(key="map_nexus_hazard").set_value("kekeringan").run()
    app.slider(key="map_w_violence").set_value(0.0).run()
    app.slider(key="map_w_gap").set_value(0.0).run()
    open_menus(app)
    assert not app.exception, [e.value for e in app.exception]
    assert r"P = 1.00\,H + 0.00\,V + 0.00\,G" in app.latex[0].value
    drought = HAZARDS[HAZARDS["hazard"] == "kekeringan"].set_index("village_code")["index"]
    expected = ((drought - drought.min()) / (drought.max() - drought.min())).round(3)
    table = pd.read_csv(io.BytesIO(files["wenexus_priority_villages.csv"]()), dtype={"Village code": str},
                        encoding="utf-8-sig")
    assert len(table) == len(VILLAGES)
    assert table["Rank"].tolist() == list(range(1, len(VILLAGES) + 1))
    assert dict(zip(table["Village code"], table["Priority index"])) == pytest.approx(expected.to_dict())
    assert table["Village code"].iloc[0] == drought.idxmax()
    cases = table["Cases"].dropna()                  # hidden counts are blank, with their state beside them
    assert all(c == 0 or c >= 5 for c in cases), cases
    assert set(table.loc[table["Cases"].isna(), "Case count note"]) <= {
        "<5 (hidden)", "Hidden so that a small count cannot be worked out", "No data"}


def test_selection_from_the_url_is_outlined_and_links_to_the_profile() -> None:
    code = "53.01.06.2006"
    app = run_page(PAGE, lang="en", selected=code)
    assert not app.exception
    spec = deck(app)
    assert {"selected-halo", "selected-line"} <= {layer["id"] for layer in spec["layers"]}
    assert app.selectbox(key="map_village").value == code
    links = [(link.proto.page, link.proto.query_string) for link in app.get("page_link")]
    assert ("village", f"village={code}") in links


def test_choosing_a_village_in_the_selectbox_writes_the_url() -> None:
    app = run_page(PAGE, lang="en")
    app.selectbox(key="map_village").set_value("53.01.08.2013").run()
    assert app.query_params["selected"] == "53.01.08.2013"
    assert "selected-line" in {layer["id"] for layer in deck(app)["layers"]}
    app.selectbox(key="map_village").set_value(None).run()
    assert "selected" not in app.query_params


def test_online_basemap_is_off_by_default_and_says_it_needs_internet() -> None:
    app = run_page(PAGE, lang="en")
    assert app.toggle(key="map_online_basemap").value is False
    app.toggle(key="map_online_basemap").set_value(True).run()
    assert "cartocdn" in deck(app)["mapStyle"]
    assert any("needs internet" in caption.value for caption in app.caption)


def test_events_are_drawn_sized_by_people_affected() -> None:
    app = run_page(PAGE, lang="en")
    app.toggle(key="map_show_events").set_value(True).run()
    events = next(layer for layer in deck(app)["layers"] if layer["id"] == "events")
    seroja = [row for row in events["data"] if "Siklon Tropis Seroja" in row["tip"]]
    assert len(seroja) == 7                                            # regency + six kecamatan rows
    radii = sorted(row["r"] for row in events["data"])
    assert radii[-1] == pytest.approx(45.0 * 39898 ** 0.5, rel=1e-3)   # El Nino drought, 39,898 affected


def test_a_chosen_kecamatan_is_zoomed_to_and_its_village_names_shown() -> None:
    """Village names replace kecamatan names when one kecamatan is chosen (placement: tests/map/test_deck.py)."""
    app = run_page(PAGE, lang="en", kecamatan="53.01.04")
    assert not app.exception, [e.value for e in app.exception]
    spec = deck(app)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert "kecamatan-names" not in layers
    semau = VILLAGES[VILLAGES["subdistrict_code"] == "53.01.04"]
    shown = [row["name"] for row in layers["village-names"]["data"]]
    assert sorted(shown) == sorted(semau["village_name"])
    lon, lat = (spec["initialViewState"][k] for k in ("longitude", "latitude"))
    assert 123.3 < lon < 123.6 and -10.3 < lat < -10.1 and spec["initialViewState"]["zoom"] > 10
