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
    assert (cells, shown + hidden) == (24, 24) and shown - 1 >= 15     # one kecamatan has no case: a 0


def test_a_folder_without_cases_is_not_an_error(tmp_path, capsys) -> None:
    (tmp_path / "villages.csv").write_bytes((SHIPPED_DATA_DIR / "villages.csv").read_bytes())
    assert main(["disclosure-audit", str(tmp_path)]) == 0
    assert "No case table" in capsys.readouterr().out
