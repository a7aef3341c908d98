"""Benchmark tools at a tiny scale, and proofs that the fast paths behind them change no result.

- bench/generate.py writes valid data (lib.data.validate accepts it) at the tiny scale;
- bench/bench_scale.py, bench/floor_app.py and bench/load_test.py run with minimal arguments;
- the loader's fast paths (distinct-value parsing, pyarrow CSV reading, vectorised privacy scan,
  duplicate keys, row rules) give exactly the reports of the cell-by-cell reference paths, on
  messy files full of what staff really type;
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lib.data import parse

from lib.data import read
from lib.data.contract import Reference, _distinct_map, _starts_with
from lib.data.filters import Filters, area_mask
from lib.data.load import load_table
from lib.data.parse import period_start
from lib.data.paths import REPO_ROOT, SHIPPED_DATA_DIR
from lib.data.privacy import classify_value, identifying_values
from lib.data.read import read_raw
from lib.data.schema import TABLES, Kind
from lib.data.validate import _duplicated_keys, validate_file, validate_raw
from tests.conftest import TODAY

PYTHON = sys.executable

# Messy spellings per column kind: accepted variants, wrong values, blanks, identifying values.
MESSY: dict[Kind, tuple[str, ...]] = {
    Kind.TEXT: ("DEMO (synthetic)", "  spaced  out ", "Oh'aem", "é accent", "\u00a0nbsp\u00a0", "", "   ",
                "hubungi 0812 3456 7890", "a.b@contoh.id", "Jl. Merdeka 5", "RT 03 / RW 02", "3201 1234 5678 9012",
                "٠٨١٢٣٤٥٦٧٨٩٠", "tab\there", "x" * 90),
    Kind.ID: ("C-1A2B", "  C  1 ", "ACT-2025-0001", "", "0812-3456-7890", "id\u2003wide"),
    Kind.VILLAGE_CODE: ("53.01.04.2003", "5301042003", " 53.01.04.2004 ", "Bokonusan", "53.01.99.9999", "53.01.04",
                        "", "53 01 04 2003", "53.1.4.2003"),
    Kind.SUBDISTRICT_CODE: ("53.01.04", "530104", "53.01.4", "", "53.01.99"),
    Kind.REGENCY_CODE: ("53.01", "5301", "53.1", ""),
    Kind.AREA_CODE: ("53.01", "53.01.04", "53.01.04.2003", "5301042003", "Otan", "99.99", ""),
    Kind.COUNT: ("12", " 7 ", "1.234", "1,5", "-3", "2.0", "abc", "", "1" + "0" * 400, "1e3", "inf"),
    Kind.NUMBER: ("12.5", "0,45", "-0", "1.234,5", "1e3", "nan", "x", "", "007", "+4"),
    Kind.INDEX01: ("0.712", "0,5", "1.2", "-0.1", "", "0"),
    Kind.LATITUDE: ("-10.2", "-95", "", "abc"),
    Kind.LONGITUDE: ("123.4", "190", ""),
    Kind.YEAR: ("2023", "2023.0", "1800", "2099", "", "20x3"),
    Kind.DATE: ("2025-02-06", "06/02/2025", "6 Februari 2025", "2025-2-6", "2025-02-30", "2099-01-01", "",
                "2025-02-06 10:00", "6 Feb. 2025", "32/01/2025", "0000-01-01"),
    Kind.PERIOD: ("2025-Q1", "2025-01", "2025-1", "01/2025", "Q1 2025", "Januari 2025", "2025-13", "2099-Q1",
                  "TW 2 2025", "", "2025 Q3"),
    Kind.CATEGORY: ("", "  ", "unknown", "Lainnya", "OTHER"),
    Kind.CATEGORIES: ("fisik, psikis", "fisik|psikis", "x;y", "", "Fisik ; Seksual", ";"),
}


IDENTIFYING = frozenset({"hubungi 0812 3456 7890", "a.b@contoh.id", "Jl. Merdeka 5", "RT 03 / RW 02",
                         "3201 1234 5678 9012", "٠٨١٢٣٤٥٦٧٨٩٠", "0812-3456-7890"})


def messy_csv(path: Path, name: str, *, rows: int, seed: int, sep: str = ",", identifying: bool = False) -> Path:
    """A copy of shipped rows of `name` with cells replaced by messy spellings, a duplicated row and
    blank rows: as a programme officer's export might look (identifying values only if asked: the
    file is then refused whole before any other check)."""
    rng = random.Random(seed)
    frame = pd.read_csv(SHIPPED_DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
    frame = frame.sample(n=min(rows, len(frame)), random_state=seed, replace=len(frame) < rows).reset_index(drop=True)
    table = TABLES[name]
    for column in frame.columns:
        spec = table.column(column)
        options = [value for value in MESSY[spec.kind] if identifying or value not in IDENTIFYING]
        if spec.code_list is not None:
            options += [item.label_id for item in spec.code_list.codes]
            options += [item.label_en.upper() for item in spec.code_list.codes]
        for position in rng.sample(range(len(frame)), k=max(1, len(frame) // 6)):
            frame.at[position, column] = rng.choice(options)
    frame = pd.concat([frame, frame.iloc[[0]], pd.DataFrame([[""] * len(frame.columns)], columns=frame.columns)],
                      ignore_index=True)
    text = frame.to_csv(index=False, sep=sep, lineterminator="\n")
    path.write_text(text + "\n" + sep.join(["  "] * len(frame.columns)) + "\n", encoding="utf-8")
    return path


def references(folder: Path = SHIPPED_DATA_DIR) -> dict[str, Reference]:
    villages = load_table("villages", folder=folder, today=TODAY)
    indicators = frozenset(load_table("indicators", folder=folder, today=TODAY)["indicator_code"])
    base = Reference.from_villages(villages, today=TODAY)
    return {name: (Reference.from_villages(villages, today=TODAY, indicators=indicators)
                   if name == "indicator_values" else base) for name in TABLES}


def cell_by_cell(path: Path, name: str, reference: Reference):
    """The reference report: the same raw cells as objects, so every step takes its per-cell path."""
    raw = read_raw(path)
    return validate_raw(replace(raw, frame=raw.frame.astype(object)), TABLES[name], file=path.name,
                        reference=reference)


def assert_same_report(fast, slow) -> None:
    assert fast.rows == slow.rows and fast.table == slow.table
    assert [p.__dict__ for p in fast.problems] == [p.__dict__ for p in slow.problems]
    if slow.frame is None:
        assert fast.frame is None
    else:
        pd.testing.assert_frame_equal(fast.frame, slow.frame)


# The loader's fast paths ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", [n for n in TABLES if n != "villages"])
@pytest.mark.parametrize("distinct", [parse.VECTOR_MIN_DISTINCT, 0])
def test_distinct_value_parsing_equals_cell_by_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                                    distinct: int) -> None:
    monkeypatch.setattr(parse, "VECTOR_MIN_DISTINCT", distinct)
    reference = references()[name]
    for seed in range(4):
        path = messy_csv(tmp_path / f"{name}.csv", name, rows=60, seed=seed, sep=";" if seed == 2 else ",",
                         identifying=seed == 3)
        fast = validate_file(path, table=name, reference=reference, today=TODAY)
        assert_same_report(fast, cell_by_cell(path, name, reference))
        assert len(fast.problems) > (5 if seed < 3 else 0)   # the file is messy indeed


@pytest.mark.parametrize("name", list(TABLES))
def test_shipped_tables_load_the_same_both_ways(name: str) -> None:
    reference = references()[name]
    path = SHIPPED_DATA_DIR / f"{name}.csv"
    fast = validate_file(path, table=name, reference=reference, today=TODAY)
    assert fast.ok
    assert_same_report(fast, cell_by_cell(path, name, reference))


@pytest.mark.parametrize("name", ["cases", "indicator_values", "activities"])
def test_large_file_readers_equal_the_text_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    clean = tmp_path / f"{name}.csv"
    clean.write_bytes((SHIPPED_DATA_DIR / f"{name}.csv").read_bytes())
    messy = messy_csv(tmp_path / f"messy_{name}.csv", name, rows=40, seed=7)
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('a,b\n"x, y",2\n', encoding="utf-8")
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(b"a;b\r\n1;2,5\r\n\r\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("a,b\nCaf\xe9,1\n".encode("cp1252"))
    for path in (clean, messy, quoted, crlf, latin):
        text_way = read._read_csv(path.read_bytes())
        monkeypatch.setattr(read, "LARGE_CSV_BYTES", 0)
        simple = read._read_simple_csv(path)
        large = read._read_csv(path.read_bytes())
        monkeypatch.setattr(read, "LARGE_CSV_BYTES", 4 << 20)
        for other in [large] + ([simple] if simple is not None else []):
            pd.testing.assert_frame_equal(other.frame, text_way.frame)
            assert list(other.row_numbers) == list(text_way.row_numbers)
            assert (other.decimal_comma, other.notes) == (text_way.decimal_comma, text_way.notes)
    assert read._read_simple_csv(clean) is not None   # a plain export takes the pyarrow reader


def test_privacy_scan_equals_every_cell_searched() -> None:
    values = list(MESSY[Kind.TEXT] + MESSY[Kind.ID]) + ["C-00000001", "081234567", "0812345678", "6281234567890",
                                                       "x@y", "jalan", "Gang 4", "gg.", "ACT-2025-123456789"]
    frame = pd.DataFrame({"a": pd.Series(values * 3, dtype="str"), "b": pd.Series(values[::-1] * 3, dtype="str")})
    for addresses in (False, True):
        expected = [(column, position, classify_value(cell, addresses=addresses))
                    for column in frame.columns for position, cell in enumerate(frame[column].tolist())
                    if classify_value(cell, addresses=addresses)]
        found = identifying_values(frame, ["a", "b"], addresses=addresses)
        assert [(f.column, f.position, f.what) for f in found] == expected


def test_row_rules_and_duplicate_keys_equal_their_definitions() -> None:
    rng = np.random.default_rng(3)
    codes = pd.Series(rng.choice(["53.01.04.2003", "53.01.05.2001", None, "53.01.04.1001"], 500), dtype="string")
    prefixes = pd.Series(rng.choice(["53.01.04", "53.01.05", None], 500), dtype="string")
    expected = [c is pd.NA or p is pd.NA or str(c).startswith(f"{p}.") for c, p in zip(codes, prefixes)]
    assert _starts_with(codes, prefixes).tolist() == expected
    periods = pd.Series(rng.choice(["2025-Q1", "2030-01", "2024-12"], 500), dtype="string")
    assert _distinct_map(periods, lambda p: period_start(p) <= TODAY).tolist() == \
        (periods.map(period_start) <= TODAY).tolist()
    keys = pd.DataFrame({"a": pd.Series(rng.choice(["x", "", None], 400), dtype="string"),
                         "b": pd.Series(rng.choice(["1", "2"], 400), dtype="string"),
                         "c": pd.Series(rng.choice([2023.0, None, -0.0, 0.0], 400), dtype="Float64")})
    assert _duplicated_keys(keys).tolist() == keys.astype("string").fillna("").duplicated(keep=False).tolist()


# Indicator values and hazards: the indexed paths give the reference frames ----------------------------
def random_filters(rng: random.Random, villages: pd.DataFrame, months: list[str]) -> Filters:
    first, last = sorted(rng.sample(months, 2)) if rng.random() < 0.6 else (None, rng.choice([None, months[-3]]))
    kecamatan = sorted(villages["subdistrict_code"].unique())
    return Filters(
        period_from=first, period_to=last,
        regencies=("53.01",) if rng.random() < 0.2 else (),
        subdistricts=tuple(rng.sample(kecamatan, rng.randint(1, 2))) if rng.random() < 0.4 else (),
        villages=tuple(rng.sample(sorted(villages["village_code"]), 1)) if rng.random() < 0.25 else (),
        sexes=(rng.choice(["perempuan", "laki_laki"]),) if rng.random() < 0.25 else (),
        age_groups=(rng.choice(["18-24", "25-44", "60+"]),) if rng.random() < 0.25 else (),
        disabilities=(rng.choice(["ya", "tidak"]),) if rng.random() < 0.25 else (),
    )


@pytest.mark.parametrize("table", [0, 1])
def test_values_index_gives_the_reference_frames(table: int) -> None:
    from bench.generate import SCALES, generate
    from lib.metrics import indicators as ind
    from lib.metrics.provenance import source_line
    from lib.metrics.reach import programme_villages
    from tests.metrics import reference_values as reference

    villages = load_table("villages", today=TODAY)
    indicators = load_table("indicators", today=TODAY)
    if table == 0:
        values = load_table("indicator_values", today=TODAY)
    else:
        values = generate(SCALES["tiny"], seed=5, today=date(2025, 12, 31), log=lambda _: None)[1]["indicator_values"]
        values = values.astype({c: "string" for c in values.columns if c != "value"}).astype({"value": "Float64"})
    months = [f"{y}-{m:02d}" for y in (2022, 2023, 2024, 2025) for m in range(1, 13)]
    rng = random.Random(table)
    activity_villages = pd.Series(sorted(villages["village_code"])[::9], dtype="string")
    assert ind.programme_start(values) == reference.programme_start(values)
    for _ in range(14):
        filters = random_filters(rng, villages, months)
        for village_level in (False, True):
            pd.testing.assert_frame_equal(ind.scoped_values(values, filters, village_level=village_level),
                                          reference.scoped_values(values, filters, village_level=village_level))
        for code in ("IMP-1", "IMP-2", "OP-2", "OUT-1"):   # disaggregated by 2, 1, 2 and no dimensions
            rows = reference.disaggregated_values(values, indicators, filters, indicator_code=code)
            groups, sources = ind.disaggregation_summary(values, indicators, filters, indicator_code=code)
            pd.testing.assert_frame_equal(groups, ind.disaggregation_latest(rows, indicators, indicator_code=code))
            assert source_line([sources], as_of=None, lang="en") == source_line([rows], as_of=None, lang="en")
        expected = set(activity_villages[area_mask(activity_villages.to_frame("village_code"), filters).to_numpy()])
        expected |= reference.village_areas_inside(values, filters)
        assert list(programme_villages(activity_villages, values, filters)) == sorted(expected)


def high_hazard_state(classes: pd.Series) -> str:
    """The rule for one village: high when any hazard considered is tinggi, else no data when any is
    missing (it could be tinggi), else not high."""
    from lib.metrics import hazards as hz

    if (classes == hz.HIGH_CLASS).any():
        return hz.HIGH
    return hz.NO_DATA if (classes == hz.NO_DATA).any() or classes.empty else hz.NOT_HIGH


def test_high_hazard_states_and_lists_equal_the_row_functions() -> None:
    from lib.metrics import hazards as hz

    villages = load_table("villages", today=TODAY)
    latest = hz.latest_hazards(load_table("hazards", today=TODAY))
    rng = np.random.default_rng(4)
    latest = latest.assign(index=np.where(rng.random(len(latest)) < 0.3, 0.8, latest["index"]))   # many ties
    latest = latest.drop(index=rng.choice(len(latest), 200, replace=False))                      # some no data
    for considered in (hz.HAZARDS, ("kekeringan",), ("banjir", "tsunami"), ()):
        classes = hz.hazard_class_grid(latest, villages)[list(considered)]
        indices = hz.hazard_index_grid(latest, villages)[list(considered)]
        assert hz._high_states(classes) == [high_hazard_state(classes.loc[c]) for c in villages["village_code"]]
        assert hz._high_lists(classes, indices) == [hz._high_list(classes.loc[c], indices.loc[c])
                                                    for c in villages["village_code"]]


# The benchmark tools, at a tiny scale --------------------------------------------------------------------
def test_generator_writes_a_valid_folder_at_a_tiny_scale(tmp_path: Path) -> None:
    from bench.generate import main as generate_main
    from lib.data.load import validate_folder

    assert generate_main(["--scale", "tiny", "--out", str(tmp_path), "--seed", "3"]) == 0
    reports = validate_folder(tmp_path, today=TODAY)
    assert [r.table for r in reports] == ["villages", "indicators", "indicator_values", "activities", "cases",
                                          "hazards", "events"]
    assert all(r.ok for r in reports), [p.describe("en") for r in reports for p in r.errors][:5]
    rows = {r.table: r.rows for r in reports}
    assert (rows["cases"], rows["indicator_values"]) == (400, 3000)   # the scale's counts, exactly
    assert (tmp_path / "boundaries" / "villages.geojson").is_file()


def test_bench_scale_and_the_floor_run_with_minimal_arguments(tmp_path: Path) -> None:
    out, raw = tmp_path / "results.md", tmp_path / "results.json"
    subprocess.run([PYTHON, str(REPO_ROOT / "bench" / "bench_scale.py"), "--scale", "tiny", "--pages", "violence",
                    "--repeat", "2", "--out", str(out), "--json", str(raw)], check=True, cwd=REPO_ROOT, timeout=240,
                   capture_output=True)
    row, = json.loads(raw.read_text())
    assert row["page"] == "pages/violence.py" and not row["ours"]["errors"]
    assert row["ours"]["charts"] >= 7 and row["ours"]["bytes_median"] > 1000 and row["ours"]["peak_mb"] > 50
    assert row["floor"]["warm_median_ms"] > 0 and row["ratio"] > 0
    assert "| xtiny | violence |" in out.read_text()


def test_the_first_view_benchmark_starts_two_servers_in_turn(tmp_path: Path) -> None:
    subprocess.run([PYTHON, "-m", "bench.first_view", "--pages", "violence", "--json", str(tmp_path / "views.json"),
                    "--work", str(tmp_path / "work")], check=True, cwd=REPO_ROOT, timeout=300, capture_output=True)
    found = json.loads((tmp_path / "views.json").read_text())["violence"]
    for run in ("after_change", "after_restart"):
        assert found[run]["exceptions"] == 0 and found[run]["first_view_s"] > 0 and found[run]["warm_s"] > 0
    assert list((tmp_path / "work" / "violence" / "shared").glob("*.pickle"))      # what the restart read
    assert list((tmp_path / "work" / "violence" / "tables").iterdir())


def test_load_test_runs_sessions_on_loopback_and_stops(tmp_path: Path) -> None:
    from bench.load_test import loopback_url

    with pytest.raises(SystemExit):
        loopback_url("http://example.org:8501")
    result = subprocess.run([PYTHON, str(REPO_ROOT / "bench" / "load_test.py"), "--sessions", "2", "--seconds", "2",
                             "--json", str(tmp_path / "load.json")], cwd=REPO_ROOT, timeout=240, capture_output=True,
                            text=True)
    report = json.loads((tmp_path / "load.json").read_text())
    assert result.returncode == 0, report
    assert report["errors"] == 0 and report["reruns"] >= 2 and report["server_peak_mb"] > 50


def test_the_load_test_audits_what_the_violence_page_shows() -> None:
    """bench.load_test flags a chart or a tile that would show a count from 1 to 4, and nothing else."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from bench.load_test import _small_counts_in

    def chart(y: list, text: list) -> ForwardMsg:
        message = ForwardMsg()
        message.delta.new_element.plotly_chart.spec = json.dumps(
            {"data": [{"type": "bar", "y": y, "text": text}, {"type": "scatter", "mode": "lines", "y": [2, 3]}]})
        return message

    def tile(body: str, trend: list[float]) -> ForwardMsg:
        message = ForwardMsg()
        message.delta.new_element.metric.body = body
        message.delta.new_element.metric.chart_data.extend(trend)
        return message

    assert _small_counts_in(chart([None, 0, 12], ["<5", "0", "12"]), 5) == (1, [])   # the trend line is no count
    assert _small_counts_in(chart([3, 12], ["3", "12"]), 5) == (1, ["survivor safety: a plotly_chart shows 3"] * 2)
    assert _small_counts_in(tile("<5", [0.0, 60.0]), 5) == (1, [])
    assert _small_counts_in(tile("4", []), 5) == (1, ["survivor safety: a metric shows 4"])
    assert _small_counts_in(tile("60", [57.0, 2.0]), 5) == (1, ["survivor safety: a metric shows 2"])
    assert _small_counts_in(ForwardMsg(), 5) == (0, [])


def test_publication_benchmark_runs_on_the_shipped_data(capsys) -> None:
    from bench.publication import main as publication_bench

    assert publication_bench([]) == 0
    out = capsys.readouterr().out
    assert "| cases_by_subdistrict | 56 |" in out and "audit passed: True" in out


def test_the_replay_floor_draws_what_the_page_drew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bench/page_tree.py records the overview before and after a kecamatan is chosen; bench/replay_app.py,
    computing nothing, draws the same tiles and captions for each (its filter read as the browser sends it
    is the benchmark's own concern: here the after-view is asked for through the recorded widget's id)."""
    from streamlit.testing.v1 import AppTest

    from bench.page_tree import record

    tree = record("pages/overview.py", kecamatan="53.01.04")
    spec = tmp_path / "overview.json"
    spec.write_text(json.dumps(tree), encoding="utf-8")

    def shown(app) -> list[tuple[str, str]]:
        return [(m.label, m.value) for m in app.metric] + [("caption", c.value) for c in app.caption]

    ours = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=120)
    ours.query_params["lang"] = "en"
    ours.run()
    monkeypatch.setenv("REPLAY_SPEC", str(spec))
    replay = AppTest.from_file(str(REPO_ROOT / "bench" / "replay_app.py"), default_timeout=60)
    replay.run()
    assert shown(replay) == shown(ours) and len(replay.get("metric")) >= 5
    assert not replay.exception


def test_benchmarks_choose_the_kecamatan_the_sidebar_offers(tmp_path: Path) -> None:
    """The shipped data's programme reports from Kupang alone: its 24 kecamatan, not Timor Tengah Selatan's
    (a kecamatan the sidebar does not offer cannot be chosen, and the benchmark failed on one)."""
    from bench.bench_scale import kecamatan_choices
    from bench.kecamatan import programme_kecamatan
    from bench.load_test import kecamatan_codes

    villages = pd.read_csv(SHIPPED_DATA_DIR / "villages.csv", dtype=str)
    kupang = sorted(villages.loc[villages["regency_code"] == "53.01", "subdistrict_code"].unique())
    assert programme_kecamatan(SHIPPED_DATA_DIR) == kupang and len(kupang) == 24
    assert kecamatan_codes(None) == kupang
    assert len(set(kecamatan_choices(SHIPPED_DATA_DIR, 20))) == 20 and set(kecamatan_choices(SHIPPED_DATA_DIR, 20)) <= set(kupang)
    # A folder whose programme reports from every regency of its geography chooses from all of them.
    villages.to_csv(tmp_path / "villages.csv", index=False)
    pd.DataFrame({"village_code": ["53.01.04.2003", "53.02.01.1001"]}).to_csv(tmp_path / "activities.csv", index=False)
    assert programme_kecamatan(tmp_path) == sorted(villages["subdistrict_code"].unique())
