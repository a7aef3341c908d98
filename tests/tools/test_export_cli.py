"""python -m lib.cli deck | report | export: files written (exit 0), refusals in both languages (exit 1),
and `export cases` always refused."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from pptx import Presentation

from lib.tools.cli import main
from lib.exports.registry import VIEWS
from lib.meeting.presenter import SLIDES
from lib.meeting.render import chromium_path
from tests.export_helpers import CSV, need_tool, small_counts


@pytest.mark.parametrize("argv, words", [
    (["export", "cases"], ("Data kasus tidak pernah diekspor per baris", "Case data is never exported row by row")),
    (["export", "activities_raw"], ("Tabel tidak dikenal", "Unknown table")),
    (["export", "villages", "--kecamatan", "53.01.99"], ("Kode tidak dikenal", "Codes not found")),
    (["export", "villages", "--sex", "x"], ("Kode tidak dikenal", "Codes not found")),
    (["export", "villages", "--from", "2025-13"], ("YYYY-MM", "A month must read YYYY-MM")),
    (["deck", "--kecamatan", "53.01.99"], ("Kode tidak dikenal", "Codes not found")),
])
def test_refusals_exit_1_with_a_bilingual_message(argv, words, tmp_path, capsys) -> None:
    out = tmp_path / "out.file"
    assert main([*argv, "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert all(word in error for word in words), error
    assert not out.exists()


@pytest.mark.parametrize("regency, count", [("all", 24 + 32), ("53.02", 32)])
def test_the_regency_option_exports_another_area_than_the_programme_s(regency: str, count: int, tmp_path) -> None:
    out = tmp_path / "villages.csv"
    assert main(["export", "cases_by_kecamatan", "--regency", regency, "--lang", "en", "--out", str(out)]) == 0
    frame = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert len(frame) == count and frame["Kecamatan code"].str.startswith("53.0").all()
    if regency == "53.02":                                    # no case recorded there: zeros, none hidden
        assert set(frame["Cases"]) == {"0"}


def test_an_unknown_regency_is_refused(tmp_path, capsys) -> None:
    assert main(["export", "villages", "--regency", "53.99", "--out", str(tmp_path / "x.csv")]) == 1
    assert "53.99" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "hxl"])
def test_export_writes_the_view(fmt: str, tmp_path, capsys) -> None:
    out = tmp_path / f"cases.{fmt}"
    assert main(["export", "cases_by_kecamatan", "--format", fmt, "--lang", "en", "--out", str(out)]) == 0
    assert "Written:" in capsys.readouterr().out
    frame = pd.read_excel(out, dtype=str) if fmt == "xlsx" else pd.read_csv(
        out, dtype=str, skiprows=[1] if fmt == "hxl" else None, encoding="utf-8-sig")
    kupang = CSV["villages"][CSV["villages"]["regency_code"] == "53.01"]     # the default: the programme's area
    assert frame["Kecamatan code"].tolist() == sorted(kupang["subdistrict_code"].unique())
    assert small_counts(frame["Cases"].dropna()) == []
    if fmt == "hxl":
        assert out.read_text().splitlines()[1].startswith("#adm3+code,#adm3+name,#affected+gbv+num")


def test_export_applies_the_filters(tmp_path) -> None:
    kecamatan = CSV["activities"]["village_code"].str[:8].iloc[0]
    out = tmp_path / "reach.csv"
    assert main(["export", "reach_by_village", "--kecamatan", kecamatan, "--from", "2025-01", "--to", "2025-06",
                 "--out", str(out)]) == 0
    frame = pd.read_csv(out, dtype={"Kode desa": str}, encoding="utf-8-sig")
    rows = CSV["activities"][CSV["activities"]["village_code"].str.startswith(kecamatan)
                             & CSV["activities"]["date"].between("2025-01-01", "2025-06-30")]
    expected = rows["participants_female"].astype(int).sum() + rows["participants_male"].astype(int).sum()
    assert frame["Peserta"].sum() == expected
    assert frame["Kode desa"].str.startswith(kecamatan).all()


def test_every_registered_view_exports(tmp_path) -> None:
    for name in VIEWS:
        assert main(["export", name, "--out", str(tmp_path / f"{name}.csv")]) == 0, name


def test_deck_from_the_command_line(tmp_path) -> None:
    need_tool(chromium_path(), "kaleido renders the deck's charts")
    out = tmp_path / "slides.pptx"
    assert main(["deck", "--lang", "en", "--out", str(out)]) == 0
    deck = Presentation(io.BytesIO(out.read_bytes()))
    assert len(deck.slides) == len(SLIDES)


def test_report_from_the_command_line(tmp_path) -> None:
    need_tool(chromium_path(), "kaleido renders the report's charts")
    out = tmp_path / "report.pdf"
    assert main(["report", "--lang", "en", "--out", str(out)]) == 0     # the deck test's images, reused
    assert out.read_bytes().startswith(b"%PDF")
