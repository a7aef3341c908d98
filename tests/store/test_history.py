"""The earlier case versions readers were served (lib.store.history): what a new publication is protected
beside. The app (lib.ui.cache.case_history), the meeting exports and `disclosure-audit` read them here."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.data.load import load_table
from lib.store.file_store import FileStore
from lib.store.history import earlier_case_versions, earlier_versions
from lib.store.manifest import read_manifest, versions_dir
from lib.tools.cli import main
from tests.conftest import TODAY, store_version


def _appended(folder: Path, case_id: str) -> bytes:
    """The current case file with one more case (the last one again, with another id, a few days later)."""
    text = (folder / "cases.csv").read_text(encoding="utf-8")
    last = text.rstrip("\n").splitlines()[-1].split(",")
    last[0], last[1], last[2] = case_id, "2025-12-20", "2025-12-18"
    return (text.rstrip("\n") + "\n" + ",".join(last) + "\n").encode("utf-8")


def _villages(name: str) -> pd.DataFrame | None:
    return load_table("villages") if name == "villages" else None


def test_without_a_store_there_is_no_earlier_version(folder: Path) -> None:
    assert earlier_versions(FileStore(folder), "cases") == []


def test_the_versions_before_the_current_one_are_earlier_and_read_on_demand(folder: Path) -> None:
    store_version(folder, "cases", _appended(folder, "C-NEW001"))      # v1 the shipped file, v2 one more case
    store_version(folder, "cases", _appended(folder, "C-NEW002"))      # v3, current
    store = FileStore(folder)
    assert [entry.version for entry in earlier_versions(store, "cases")] == [1, 2]
    found = earlier_case_versions(store, tables=_villages, today=TODAY)
    assert [item.key for item in found] == [entry.sha256 for entry in read_manifest(folder)[:2]]
    assert [len(item.rows()) for item in found] == [213, 214]
    v2 = read_manifest(folder)[1]
    assert [e.version for e in earlier_versions(store, "cases", served_sha=v2.sha256)] == [1]   # v2 served
    (versions_dir(folder) / v2.file).write_text("altered\n")           # no longer its content: not read
    assert found[1].rows() is None


def test_the_command_line_audits_the_publication_beside_the_earlier_release(folder: Path, tmp_path, capfd,
                                                                            monkeypatch) -> None:
    monkeypatch.setenv("WENEXUS_CACHE_DIR", str(tmp_path / "cache"))
    store_version(folder, "cases", _appended(folder, "C-NEW001"))
    assert main(["disclosure-audit", str(folder)]) == 0
    out = capfd.readouterr().out
    # v1 by the earlier method and over Kupang's kecamatan alone (before 53.02 joined the geography), v1, v2
    assert "PASSED" in out and "releases audited together: 4 (" in out


def test_a_village_table_that_gained_kecamatan_keeps_the_publication_over_the_old_list(folder: Path, tmp_path,
                                                                                       monkeypatch, capfd) -> None:
    """Readers saw the cases published over Kupang's 24 kecamatan; then the village table gained Timor Tengah
    Selatan's 32. The store's villages history names the old list, so the publication over it is made
    again (the cache emptied, as after a deploy) and the new one is protected beside it."""
    from lib.safety.publication import build_beside, data_version
    from lib.store.history import earlier_kecamatan_lists

    monkeypatch.setenv("WENEXUS_CACHE_DIR", str(tmp_path / "empty-cache"))
    (folder / "cases.csv").write_bytes(_appended(folder, "C-NEW001"))     # rows no stored publication holds
    both = (folder / "villages.csv").read_text(encoding="utf-8")
    kupang = "".join(line for line in both.splitlines(keepends=True) if ",53.02," not in line)
    store_version(folder, "villages", kupang.encode("utf-8"))
    store_version(folder, "villages", both.encode("utf-8"))
    store = FileStore(folder)
    areas = earlier_kecamatan_lists(store, tables=lambda _name: None, today=TODAY)
    old = tuple(sorted({line.split(",")[3] for line in kupang.splitlines()[1:]}))
    assert areas[-1] == old and len(old) == 24      # (the shipped table recorded first, as the baseline)
    cases, villages = load_table("cases", folder=folder), load_table("villages", folder=folder)
    new = build_beside(cases, tuple(sorted(villages["subdistrict_code"].unique())), threshold=5, areas=areas)
    assert new.audit.passed and new.audit.releases == 2
    assert new.earlier == (data_version(cases, old, 5),)
    assert (tmp_path / "empty-cache" / f"{new.earlier[0]}.json").exists()     # made again, and kept
    # (tests/safety/test_releases.py has the attacker who holds both, on a small table: that takes minutes here)
    assert main(["disclosure-audit", str(folder)]) == 0
    assert "releases audited together: 2 (" in capfd.readouterr().out
