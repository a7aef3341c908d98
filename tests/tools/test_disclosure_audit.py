"""The command a data officer and CI run: the shipped data passes the attacker's audit."""
from lib.tools.cli import main
from lib.data.paths import SHIPPED_DATA_DIR


def test_shipped_data_passes_and_shows_most_kecamatan(capfd, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WENEXUS_CACHE_DIR", str(tmp_path))
    assert main(["disclosure-audit", str(SHIPPED_DATA_DIR)]) == 0
    out = capfd.readouterr().out
    assert "PASSED" in out and "HiGHS" not in out     # the solver's banner never reaches a data officer
    row = next(line for line in out.splitlines() if line.startswith("cases_by_subdistrict "))
    cells, shown, hidden = (int(part) for part in row.split()[1:4])
    # Kupang's 24 kecamatan and Timor Tengah Selatan's 32, which have no case (zeros), as one of Kupang's
    assert (cells, shown + hidden) == (56, 56) and shown - 33 >= 15


def test_a_folder_without_cases_is_not_an_error(tmp_path, capsys) -> None:
    (tmp_path / "villages.csv").write_bytes((SHIPPED_DATA_DIR / "villages.csv").read_bytes())
    assert main(["disclosure-audit", str(tmp_path)]) == 0
    assert "No case table" in capsys.readouterr().out


def test_an_invalid_case_file_is_explained_in_both_languages(tmp_path, capsys) -> None:
    (tmp_path / "villages.csv").write_bytes((SHIPPED_DATA_DIR / "villages.csv").read_bytes())
    lines = (SHIPPED_DATA_DIR / "cases.csv").read_text(encoding="utf-8").splitlines()[:3]
    bad = lines[2].split(",")
    bad[1] = "31/02/2024"
    (tmp_path / "cases.csv").write_text("\n".join([*lines[:2], ",".join(bad)]) + "\n", encoding="utf-8")
    assert main(["disclosure-audit", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "31/02/2024" in out and "not accepted" in out and "tidak diterima" in out
