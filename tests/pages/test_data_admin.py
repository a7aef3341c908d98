"""The data page (Kelola Data) in both languages: view-only without users, login with throttling,
upload -> report -> new version, refusals that store nothing, rollback, and survivor safety.
Every test works on a copy of the shipped data in tmp_path (WENEXUS_DATA_DIR)."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.store import audit_log, auth
from lib.store.admin_tables import count_text, format_time
from lib.data.paths import REPO_ROOT, SHIPPED_DATA_DIR
from lib.store.manifest import read_manifest
from tests.conftest import CASE_HEADER, GOOD_CASE, break_file, csv_bytes, new_activities, snapshot, store_version

PAGE = "pages/data_admin.py"
PASSWORD = "correct horse battery"
HASH = auth.hash_password(PASSWORD, rounds=4)
CLOCK = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
CASE_IDS = set(pd.read_csv(SHIPPED_DATA_DIR / "cases.csv", dtype=str)["case_id"])


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The time the page and the login logic see; a test moves it by changing clock[0]."""
    now = [CLOCK]
    monkeypatch.setattr(auth, "utc_now", lambda: now[0])
    return now


def open_page(*, lang: str = "en", users: bool = True) -> AppTest:
    app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=90)
    if users:
        app.secrets["data_admin"] = {"users": {"maria": HASH}}
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(PAGE)
    app.query_params["lang"] = lang
    return app.run()


def log_in(app: AppTest, password: str = PASSWORD) -> AppTest:
    app.text_input(key="da_login_user").set_value("maria")
    app.text_input(key="da_login_password").set_value(password)
    return next(b for b in app.button if b.key.startswith("FormSubmitter:da_login_form")).click().run()


def upload(app: AppTest, table: str, name: str, payload: bytes, *, mode: str = "replace") -> AppTest:
    app.selectbox(key="da_table").set_value(table)
    app.radio(key="da_mode").set_value(mode)
    app.run()
    return app.file_uploader(key="da_file_0").set_value((name, payload, "text/csv")).run()


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def frames(app: AppTest) -> list[pd.DataFrame]:
    """Every table on the page: grids (st.dataframe) and wrapped tables (st.table, lib.ui.widgets.table_ui)."""
    return [element.value for element in [*app.dataframe, *app.table]]


def no_exception(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


@pytest.mark.parametrize("lang, title, hint", [("id", "Kelola Data", "halaman ini hanya untuk melihat"),
                                               ("en", "Manage data", "this page is view-only")])
def test_without_users_the_page_is_view_only_and_says_how_to_configure(folder: Path, lang: str, title: str,
                                                                       hint: str) -> None:
    app = open_page(lang=lang, users=False)
    no_exception(app)
    assert title in texts(app.title)
    assert any(hint in text for text in texts(app.info))
    setup, = [expander for expander in app.expander if "administrator" in expander.label]   # folded away
    assert any("hash-password" in code.value for code in setup.code)
    assert not app.file_uploader and not app.text_input
    assert not [button for button in app.get("download_button") if button.key == "da_audit_csv"]   # signed in only
    assert snapshot(folder) and not (folder / "versions").exists()     # viewing wrote nothing


def test_the_reporting_chart_equals_the_csv(folder: Path) -> None:
    app = open_page(lang="en", users=False)
    activities = pd.read_csv(folder / "activities.csv", dtype=str)
    per_month = activities.assign(month=activities["date"].str[:7]).groupby("month")["village_code"].nunique()
    chart = next(json.loads(c.proto.spec) for c in app.get("plotly_chart")
                 if "Villages with activities" in json.loads(c.proto.spec)["layout"]["title"]["text"])
    assert chart["data"][0]["y"] == [float(v) for v in per_month if v > 0]
    assert len(chart["data"][0]["x"]) == len(per_month)
    assert "Source: DEMO (synthetic)" in chart["layout"]["title"]["subtitle"]["text"]


def test_wrong_passwords_are_slowed_down(folder: Path, clock: list[datetime]) -> None:
    app = log_in(open_page(lang="en"), "wrong password")
    no_exception(app)
    assert any("Wrong user name or password" in text for text in texts(app.error))
    app = log_in(app, PASSWORD)                          # the same instant: the right password is not even checked
    assert any("Too soon after a wrong try" in text for text in texts(app.warning))
    clock[0] = CLOCK + timedelta(seconds=3)
    app = log_in(app, PASSWORD)
    assert any("Logged in as **maria**" in text for text in texts(app.markdown))
    actions = [entry["action"] for entry in audit_log.read_audit(folder)]
    assert actions == ["login_ok", "login_wait", "login_wrong"]
    # Signed in, the audit log can be downloaded (lib.store.admin_tables.audit_download: neutralised).
    assert "Download the whole audit log (CSV)" in [button.label for button in app.get("download_button")]


def test_a_session_ends_after_30_idle_minutes(folder: Path, clock: list[datetime]) -> None:
    app = log_in(open_page(lang="en"))
    assert app.file_uploader
    clock[0] = CLOCK + timedelta(minutes=31)
    app.run()
    assert any("The session ended" in text for text in texts(app.info))
    assert not app.file_uploader


def test_an_append_is_checked_then_stored_as_a_new_version(folder: Path, clock: list[datetime]) -> None:
    app = upload(log_in(open_page(lang="en")), "activities", "kegiatan_baru.csv", new_activities(3), mode="append")
    no_exception(app)
    assert "The file can be stored" in texts(app.success)
    current_rows = len(pd.read_csv(folder / "activities.csv"))
    metrics = {metric.label: metric.value for metric in app.metric}
    assert (metrics["Rows after storing"], metrics["Rows added"], metrics["Rows removed"]) == (str(current_rows + 3), "3", "0")
    app = app.button(key="da_save").click().run()
    no_exception(app)
    assert any("Activities and participants (reach): stored as version 2" in text for text in texts(app.success))
    assert [(v.version, v.mode, v.user, v.via) for v in read_manifest(folder)] == [
        (1, "baseline", "maria", "app"), (2, "append", "maria", "app")]
    assert len(pd.read_csv(folder / "activities.csv")) == current_rows + 3
    assert "append" in [entry["action"] for entry in audit_log.read_audit(folder)]


def test_a_file_with_an_nik_is_refused_and_nothing_is_stored(folder: Path, clock: list[datetime]) -> None:
    app = log_in(open_page(lang="id"))
    before = snapshot(folder)
    payload = csv_bytes([*CASE_HEADER, "nik"], [[*GOOD_CASE, "5301234567890123"]])
    app = upload(app, "cases", "kasus.csv", payload)
    no_exception(app)
    assert any("tidak lolos validasi" in text for text in texts(app.error))
    problems = next(frame for frame in frames(app) if "Masalah" in frame.columns)
    assert "kolom ini dapat mengidentifikasi" in " ".join(problems["Masalah"]).lower()
    assert "5301234567890123" not in problems.to_csv()
    assert not [b for b in app.button if b.key == "da_save"]
    assert {k: v for k, v in snapshot(folder).items() if "incoming" not in k} == before


def test_case_counts_from_1_to_4_and_case_rows_never_reach_the_page(folder: Path, clock: list[datetime]) -> None:
    rows = [[f"C-NEW{i}", *GOOD_CASE[1:]] for i in range(2)]
    app = upload(log_in(open_page(lang="en")), "cases", "kasus_baru.csv", csv_bytes(CASE_HEADER, rows), mode="append")
    no_exception(app)
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Rows added"] == "<5"
    assert not any(frame.isin(CASE_IDS | {"C-NEW0", "C-NEW1"}).any().any() for frame in frames(app))
    app = app.button(key="da_save").click().run()
    assert any("stored as version 2 (215 rows)" in text for text in texts(app.success))
    # The new version's statistics are protected and audited now, for the data officer, not on a reader's visit.
    assert any("passed the disclosure audit" in text for text in texts(app.success))
    versions = next(frame for frame in frames(app) if "Added" in frame.columns)
    assert versions["Added"].tolist() == ["<5", "213"]
    assert "kasus_baru.csv" in versions["Source file"].tolist()
    for frame in frames(app):
        assert not frame.isin(CASE_IDS).any().any()
    # Without a login, neither the counts nor the uploaded file's name (it may name a village or a month).
    anonymous = open_page(lang="en")
    anonymous.selectbox(key="da_versions_table").set_value("cases").run()
    versions = next(frame for frame in frames(anonymous) if "Added" in frame.columns)
    assert versions["Source file"].tolist() == ["🔒 sign in"] * 2 and versions["Added"].tolist() == ["🔒 sign in"] * 2


def test_rollback_needs_confirmation_and_becomes_a_new_version(folder: Path, clock: list[datetime]) -> None:
    app = upload(log_in(open_page(lang="en")), "events", "kejadian.csv",
                 (SHIPPED_DATA_DIR / "events.csv").read_bytes().replace(b",1578,", b",1600,"))
    app = app.button(key="da_save").click().run()
    app.selectbox(key="da_versions_table").set_value("events").run()
    assert app.button(key="da_rollback_button").disabled
    app = app.checkbox(key="da_rollback_confirm").check().run().button(key="da_rollback_button").click().run()
    no_exception(app)
    assert any("stored as version 3" in text for text in texts(app.success))
    assert (folder / "events.csv").read_bytes() == (SHIPPED_DATA_DIR / "events.csv").read_bytes()
    assert [v.mode for v in read_manifest(folder)] == ["baseline", "replace", "rollback"]


def test_templates_can_be_downloaded_in_both_header_languages(folder: Path) -> None:
    app = open_page(lang="id", users=False)
    app.selectbox(key="da_template_table").set_value("cases").run()
    labels = [button.label for button in app.get("download_button")]
    assert "Unduh templat Excel" in labels and "Unduh templat CSV" in labels
    explanation = next(frame for frame in frames(app) if "Judul kolom" in frame.columns)
    assert explanation["Judul kolom"].tolist()[:2] == ["id_kasus", "tanggal_lapor"]


# The page's tables (pure) --------------------------------------------------------------------------
@pytest.mark.parametrize("value, sensitive, lang, text", [
    (3, True, "en", "<5"), (0, True, "en", "0"), (12, True, "en", "12"), (3, False, "en", "3"),
    (None, False, "en", "–"), (1234, False, "id", "1.234"), (1234, True, "en", "1,234"),
])
def test_count_text(value: int | None, sensitive: bool, lang: str, text: str) -> None:
    assert count_text(value, lang, sensitive=sensitive) == text


@pytest.mark.parametrize("stamp, lang, text", [("2025-02-06T01:05:00+00:00", "id", "6 Februari 2025 09:05 WITA"),
                                               ("2025-02-06T20:30:00+00:00", "en", "7 February 2025 04:30 WITA")])
def test_times_are_shown_in_kupang_time(stamp: str, lang: str, text: str) -> None:
    assert format_time(stamp, lang) == text


def test_the_quality_tab_lists_a_negative_indicator_value(folder: Path) -> None:
    values = pd.read_csv(folder / "indicator_values.csv", dtype=str, keep_default_na=False)
    row = values.index[values["indicator_code"] == "OP-1"][0]
    values.loc[row, "value"] = "-7"
    values.to_csv(folder / "indicator_values.csv", index=False)
    app = open_page(lang="en", users=False)
    no_exception(app)
    assert "Indicator values below zero" in texts(app.markdown)
    negative = next(frame for frame in frames(app) if "Value" in frame.columns and "-7" in frame["Value"].tolist())
    assert negative["Indicator"].tolist() == ["OP-1"] and negative["Area"].tolist() == [values.loc[row, "area_code"]]


def test_the_quality_tabs_case_table_shows_no_count_from_1_to_4_and_no_month(folder: Path) -> None:
    app = open_page(lang="en", users=False)
    no_exception(app)
    table = next(frame for frame in frames(app) if frame.columns[0] == "Kecamatan" and "2024" in frame.columns)
    cases = pd.read_csv(folder / "cases.csv", dtype=str)
    assert table.columns.tolist()[1:] == sorted(cases["report_date"].str[:4].unique())      # whole years only
    cells = table.iloc[:, 1:].to_numpy().ravel().tolist()
    assert "<5" in cells and all(cell in ("0", "<5", "–") or int(cell.replace(",", "")) >= 5 for cell in cells)
    audit = [text for text in texts(app.success) if "passed the disclosure audit on " in text]
    assert audit and not any("small counts" in text for text in audit)   # how sparse the cells are: signed in only
    status = next(frame for frame in frames(app) if "Rows" in frame.columns and "File" in frame.columns)
    assert status.loc[status["File"] == "cases.csv", "Rows"].tolist() == ["🔒 sign in"]   # no login


def test_a_signed_in_data_officer_sees_how_many_small_counts_the_audit_checked(folder: Path,
                                                                               clock: list[datetime]) -> None:
    app = log_in(open_page(lang="en"))
    audit = [text for text in texts(app.success) if "passed the disclosure audit on " in text]
    assert audit and all(re.search(r"\d+ small counts checked", text) for text in audit)


def test_a_refused_file_can_be_rolled_back_from_the_data_page(folder: Path, clock: list[datetime]) -> None:
    """A bad activities.csv dropped in after version 2: the page works, names the file, and the latest version
    can be put back; then the banner is gone and the file is version 2 again."""
    store_version(folder, "activities", new_activities(7))
    stored_bytes = (folder / "activities.csv").read_bytes()
    break_file(folder, "activities")
    app = log_in(open_page(lang="en"))
    no_exception(app)
    assert any("activities.csv" in text and "v2" in text for text in texts(app.error))
    app.selectbox(key="da_versions_table").set_value("activities").run()
    assert app.selectbox(key="da_rollback_version").options == ["v2", "v1"]
    app = app.checkbox(key="da_rollback_confirm").check().run()
    app = app.button(key="da_rollback_button").click().run()
    no_exception(app)
    assert any("stored as version 4" in text for text in texts(app.success))     # v3 keeps the bad file
    assert (folder / "activities.csv").read_bytes() == stored_bytes
    assert [(v.version, v.mode, v.valid) for v in read_manifest(folder)][2:] == [(3, "external", False),
                                                                                  (4, "rollback", True)]
    assert not [text for text in texts(app.error) if "activities.csv" in text]


def test_a_refused_file_can_be_replaced_by_an_upload(folder: Path, clock: list[datetime]) -> None:
    break_file(folder, "activities")            # nothing stored yet: the table is left out until it is fixed
    app = log_in(open_page(lang="id"))
    no_exception(app)
    assert any("activities.csv" in text and "tidak ditampilkan" in text for text in texts(app.error))
    app = upload(app, "activities", "kegiatan.csv", new_activities(9))
    app = app.button(key="da_save").click().run()
    no_exception(app)
    assert len(pd.read_csv(folder / "activities.csv")) == 9
    assert not [text for text in texts(app.error) if "activities.csv" in text]
