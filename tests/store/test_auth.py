"""Login for writes: bcrypt passwords from secrets, throttling with an injected clock, sessions that
end, and the audit log. The clock is always injected: no test sleeps."""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from lib.store import audit_log, auth
from lib.store.auth import (Attempts, AuthPolicy, GateState, LoginOutcome, Session, Users, after_failure, attempt_login,
                      delay_after, gate, session_active)

T0 = datetime(2025, 2, 6, 9, 0, tzinfo=timezone.utc)
POLICY = AuthPolicy()
HASH = auth.hash_password("correct horse battery", rounds=4)
USERS = Users({"Maria": HASH})


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


# Passwords and users -------------------------------------------------------------------------------
@pytest.mark.parametrize("password, hashed, expected", [
    ("correct horse battery", HASH, True),
    ("correct horse batter", HASH, False),
    ("correct horse battery", "not-a-hash", False),
    ("x" * 100, HASH, False),                       # longer than bcrypt reads: refused, not cut
], ids=["right", "one-letter-short", "not-a-hash", "longer-than-bcrypt-reads"])   # a salted hash changes each run
def test_check_password(password: str, hashed: str, expected: bool) -> None:
    assert auth.check_password(password, hashed) is expected


@pytest.mark.parametrize("password, problem", [
    ("short", "da_password_short"), ("é" * 40, "da_password_long"), ("a-good-long-password", None)])
def test_password_problem(password: str, problem: str | None) -> None:
    assert auth.password_problem(password) == problem


def test_users_from_secrets_keeps_only_bcrypt_hashes() -> None:
    users = auth.users_from_secrets({"users": {"maria": HASH, "yohanes": "plain-text-password", "ana": 42}})
    assert list(users.hashes) == ["maria"] and users.invalid == ("yohanes", "ana")
    assert users.find("  MARIA ") == "maria" and users.find("mari") is None
    assert auth.users_from_secrets({}).hashes == {}


@pytest.mark.parametrize("settings, field, expected", [
    ({}, "session_idle", timedelta(minutes=30)),
    ({"session_timeout_minutes": 10}, "session_idle", timedelta(minutes=10)),
    ({"session_timeout_minutes": 1}, "session_idle", timedelta(minutes=5)),       # kept within bounds
    ({"max_failures": 100}, "max_failures", 20),
    ({"lockout_minutes": "lots"}, "lockout", timedelta(minutes=15)),             # not a number: default
    ({"session_max_hours": True}, "session_max", timedelta(hours=8)),
])
def test_policy_from_secrets(settings: dict, field: str, expected: object) -> None:
    assert getattr(auth.policy_from_secrets(settings), field) == expected


# Throttling ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("failures, seconds", [(0, 0), (1, 2), (2, 4), (3, 8), (4, 16), (5, 30), (9, 30)])
def test_each_wrong_password_doubles_the_wait(failures: int, seconds: int) -> None:
    assert delay_after(failures, POLICY) == timedelta(seconds=seconds)


@pytest.mark.parametrize("failures, now, state, until", [
    ((), 0, GateState.OPEN, None),
    ((at(0),), 1, GateState.WAIT, at(2)),
    ((at(0),), 2, GateState.OPEN, None),
    ((at(0), at(10)), 13, GateState.WAIT, at(14)),
    ((at(0), at(10)), 14, GateState.OPEN, None),
    ((at(0),), 16 * 60, GateState.OPEN, None),          # outside the 15-minute window: forgotten
])
def test_gate(failures: tuple, now: float, state: GateState, until: datetime | None) -> None:
    assert gate(Attempts(failures), at(now), POLICY) == auth.Gate(state, until)


def test_five_failures_within_the_window_lock_the_name() -> None:
    attempts = Attempts()
    for second in (0, 60, 120, 180):
        attempts = after_failure(attempts, at(second), POLICY)
    assert attempts.locked_until is None and len(attempts.failures) == 4
    attempts = after_failure(attempts, at(240), POLICY)
    assert attempts.locked_until == at(240) + timedelta(minutes=15)
    assert gate(attempts, at(240 + 14 * 60), POLICY).state == GateState.LOCKED
    assert gate(attempts, at(240 + 15 * 60), POLICY).state == GateState.OPEN


def test_failures_spread_over_more_than_the_window_never_lock() -> None:
    attempts = Attempts()
    for minute in range(0, 100, 4):                     # one failure every 4 minutes: at most 4 in 15 minutes
        attempts = after_failure(attempts, T0 + timedelta(minutes=minute), POLICY)
        assert attempts.locked_until is None


class CountingVerify:
    """A password check that counts its calls (to prove a locked name is not even checked)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, password: str, hashed: str) -> bool:
        self.calls.append(hashed)
        return auth.check_password(password, hashed)


def test_wrong_passwords_are_slowed_down_then_locked() -> None:
    verify, attempts, outcomes = CountingVerify(), Attempts(), []
    for second in (0, 5, 15, 30, 60):                   # each try waits out the previous delay
        result, attempts = attempt_login(USERS, "maria", "wrong password", attempts=attempts, now=at(second),
                                         policy=POLICY, verify=verify)
        outcomes.append(result.outcome)
    assert outcomes == [LoginOutcome.WRONG] * 4 + [LoginOutcome.LOCKED]
    result, _ = attempt_login(USERS, "maria", "correct horse battery", attempts=attempts, now=at(61), policy=POLICY,
                              verify=verify)
    assert (result.outcome, result.until, len(verify.calls)) == (LoginOutcome.LOCKED, at(60) + timedelta(minutes=15), 5)
    result, attempts = attempt_login(USERS, "maria", "correct horse battery", attempts=attempts,
                                     now=at(60 + 15 * 60), policy=POLICY, verify=verify)
    assert result.outcome == LoginOutcome.OK and result.session == Session("Maria", at(960), at(960))
    assert attempts == Attempts()


def test_a_try_before_the_wait_is_over_is_not_checked() -> None:
    verify = CountingVerify()
    _, attempts = attempt_login(USERS, "maria", "wrong", attempts=Attempts(), now=at(0), policy=POLICY, verify=verify)
    result, after = attempt_login(USERS, "maria", "correct horse battery", attempts=attempts, now=at(1),
                                  policy=POLICY, verify=verify)
    assert (result.outcome, result.until, len(verify.calls), after) == (LoginOutcome.WAIT, at(2), 1, attempts)


def test_an_unknown_name_is_throttled_and_checked_like_a_known_one() -> None:
    verify = CountingVerify()
    result, attempts = attempt_login(USERS, "nobody", "correct horse battery", attempts=Attempts(), now=at(0),
                                     policy=POLICY, verify=verify)
    assert result.outcome == LoginOutcome.WRONG and len(attempts.failures) == 1
    assert verify.calls == [auth._DUMMY_HASH]            # the same bcrypt cost as a real check


@pytest.mark.parametrize("users, name, password, outcome", [
    (Users(), "maria", "x", LoginOutcome.NO_USERS),
    (USERS, " ", "x", LoginOutcome.EMPTY),
    (USERS, "maria", "", LoginOutcome.EMPTY),
])
def test_logins_that_check_nothing(users: Users, name: str, password: str, outcome: LoginOutcome) -> None:
    result, attempts = attempt_login(users, name, password, attempts=Attempts(), now=at(0), policy=POLICY)
    assert result.outcome == outcome and attempts == Attempts()


# Sessions ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("idle_minutes, age_hours, users, active", [
    (29, 1, USERS, True),
    (30, 1, USERS, False),                              # 30 minutes idle: ended
    (1, 8, USERS, False),                               # older than the longest session
    (1, 1, Users({"yohanes": HASH}), False),            # the user was removed from the secrets
])
def test_session_active(idle_minutes: int, age_hours: int, users: Users, active: bool) -> None:
    now = T0 + timedelta(hours=age_hours)
    session = Session("Maria", T0, now - timedelta(minutes=idle_minutes))
    assert session_active(session, now, POLICY, users) is active


def test_activity_restarts_the_idle_clock() -> None:
    session = auth.touched(Session("Maria", T0, T0), at(25 * 60))
    assert session_active(session, at(50 * 60), POLICY, USERS)
    assert not session_active(None, at(0), POLICY, USERS)


# Files: state shared by every tab, audit log -------------------------------------------------------
def test_the_lock_holds_across_tabs_and_names_are_never_written(tmp_path: Path) -> None:
    for second in (0, 5, 15, 30, 60):                   # each call is a fresh "tab": only the file remembers
        result = auth.login(tmp_path, USERS, "maria", "hunter2-wrong", now=at(second))
    assert result.outcome == LoginOutcome.LOCKED
    again = auth.login(tmp_path, USERS, "Maria", "correct horse battery", now=at(120))
    assert again.outcome == LoginOutcome.LOCKED
    state = (tmp_path / "admin" / "login_state.json").read_text()
    assert "maria" not in state.lower() and "hunter2" not in state
    assert auth.throttle_key("maria") in json.loads(state)["attempts"]


def test_logins_and_writes_are_audited_without_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(audit_log.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    auth.login(tmp_path, USERS, "maria", "correct horse battery", now=at(0))
    auth.login(tmp_path, USERS, "typed-my-password-here", "x", now=at(10))
    audit_log.record_audit(tmp_path, action="replace", user="Maria", table="activities", version=2, now=at(20))
    entries = audit_log.read_audit(tmp_path)
    assert [(e["action"], e["user"], e["table"], e["version"]) for e in entries] == [
        ("replace", "Maria", "activities", 2), ("login_wrong", "?", None, None), ("login_ok", "Maria", None, None)]
    assert entries[0]["time"] == "2025-02-06T09:00:20+00:00"
    log = (tmp_path / "admin" / "audit.jsonl").read_text()
    assert "correct horse" not in log and "typed-my-password-here" not in log
    assert len(synced) >= 3                              # every line flushed to disk
    assert oct((tmp_path / "admin" / "audit.jsonl").stat().st_mode & 0o777) == "0o600"
