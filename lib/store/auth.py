"""Who may write: users with bcrypt-hashed passwords from Streamlit secrets, sessions that end when
idle, wrong passwords slowed down and then locked; every login try goes into the audit log
(lib.store.audit_log).

The logic is pure and takes the time as an argument (tests inject a clock); the page only calls
it. Throttling state lives in a small JSON file in the data folder, not in the browser session,
because Streamlit sessions are per browser tab: a new tab must not reset the count.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path

import bcrypt

from lib.data.atomic import write_text_atomic
from lib.store.audit_log import admin_dir, admin_lock, record_audit, utc_now

LOGIN_STATE_NAME = "login_state.json"
SECRETS_SECTION = "data_admin"        # [data_admin.users] in .streamlit/secrets.toml
BCRYPT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_BYTES = 72               # bcrypt reads no further; longer passwords are refused, not cut
MAX_TRACKED_NAMES = 5000              # throttling entries kept (oldest dropped first)
_BCRYPT_HASH = re.compile(r"^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$")
# Checked when the user name is unknown, so that an unknown name takes as long as a wrong password.
_DUMMY_HASH = "$2b$12$wtwpJuRkd/LrxeuI4/T9BerlwJClyHAwFgEcNa5eNuw4TPizoKMfu"


@dataclass(frozen=True)
class AuthPolicy:
    session_idle: timedelta = timedelta(minutes=30)
    session_max: timedelta = timedelta(hours=8)
    max_failures: int = 5                          # within failure_window: then locked
    failure_window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)
    first_delay: timedelta = timedelta(seconds=2)  # wait after the first failure; doubles after each
    max_delay: timedelta = timedelta(seconds=30)


# Settings an administrator may change in [data_admin]: setting -> (policy field, unit, lowest, highest).
POLICY_SETTINGS: dict[str, tuple[str, str, int, int]] = {
    "session_timeout_minutes": ("session_idle", "minutes", 5, 240),
    "session_max_hours": ("session_max", "hours", 1, 24),
    "max_failures": ("max_failures", "count", 3, 20),
    "lockout_minutes": ("lockout", "minutes", 5, 1440),
}


def policy_from_secrets(section: Mapping) -> AuthPolicy:
    """The policy with the settings of the [data_admin] secrets section, each kept within bounds."""
    policy = AuthPolicy()
    for setting, (name, unit, low, high) in POLICY_SETTINGS.items():
        raw = section.get(setting) if hasattr(section, "get") else None
        if raw is None or isinstance(raw, bool) or not isinstance(raw, (int, float)):
            continue
        value = min(max(int(raw), low), high)
        policy = replace(policy, **{name: value if unit == "count" else timedelta(**{unit: value})})
    return policy


# Users ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Users:
    hashes: dict[str, str] = field(default_factory=dict)   # user name as configured -> bcrypt hash
    invalid: tuple[str, ...] = ()                          # configured names whose hash is not bcrypt

    def find(self, name: str) -> str | None:
        """The configured name matching `name` (case and surrounding spaces ignored)."""
        wanted = normalise_user(name)
        return next((user for user in self.hashes if normalise_user(user) == wanted), None)


def normalise_user(name: str) -> str:
    return str(name).strip().casefold()


def users_from_secrets(section: Mapping) -> Users:
    """Users from [data_admin.users] (name = "bcrypt hash"); entries that are not a hash are listed as invalid."""
    configured = section.get("users", {}) if hasattr(section, "get") else {}
    hashes, invalid = {}, []
    for name, value in dict(configured).items():
        if isinstance(value, str) and _BCRYPT_HASH.match(value.strip()):
            hashes[str(name)] = value.strip()
        else:
            invalid.append(str(name))
    return Users(hashes, tuple(invalid))


def password_problem(password: str) -> str | None:
    """The text key of why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "da_password_short"
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return "da_password_long"
    return None


def hash_password(password: str, *, rounds: int = BCRYPT_ROUNDS) -> str:
    """A bcrypt hash of `password` to put in secrets.toml."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    """Whether `password` matches the bcrypt hash; False for a malformed hash or an overlong password."""
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
        return False


# Throttling ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Attempts:
    """Recent wrong passwords for one user name, and a lock."""

    failures: tuple[datetime, ...] = ()
    locked_until: datetime | None = None


class GateState(Enum):
    OPEN = "open"
    WAIT = "wait"        # slowed down: the next try is allowed at `until`
    LOCKED = "locked"    # too many wrong passwords: no try until `until`


@dataclass(frozen=True)
class Gate:
    state: GateState
    until: datetime | None = None


def delay_after(failures: int, policy: AuthPolicy) -> timedelta:
    """How long to wait after `failures` recent wrong passwords: 2 s, 4 s, 8 s, ... up to the cap."""
    if failures <= 0:
        return timedelta(0)
    return min(policy.first_delay * 2 ** (failures - 1), policy.max_delay)


def recent_failures(attempts: Attempts, now: datetime, policy: AuthPolicy) -> tuple[datetime, ...]:
    return tuple(f for f in attempts.failures if now - f < policy.failure_window)


def gate(attempts: Attempts, now: datetime, policy: AuthPolicy) -> Gate:
    """Whether a login may be tried now for a name with these attempts."""
    if attempts.locked_until and now < attempts.locked_until:
        return Gate(GateState.LOCKED, attempts.locked_until)
    recent = recent_failures(attempts, now, policy)
    if recent:
        allowed_at = recent[-1] + delay_after(len(recent), policy)
        if now < allowed_at:
            return Gate(GateState.WAIT, allowed_at)
    return Gate(GateState.OPEN)


def after_failure(attempts: Attempts, now: datetime, policy: AuthPolicy) -> Attempts:
    """The attempts after one more wrong password: locked once `max_failures` fall in the window."""
    recent = (*recent_failures(attempts, now, policy), now)
    if len(recent) >= policy.max_failures:
        return Attempts((), now + policy.lockout)
    return Attempts(recent, None)


class LoginOutcome(Enum):
    OK = "ok"
    WRONG = "wrong"          # wrong name or password (never says which)
    WAIT = "wait"
    LOCKED = "locked"
    NO_USERS = "no_users"
    EMPTY = "empty"          # name or password left blank


@dataclass(frozen=True)
class Session:
    user: str
    started: datetime
    last_seen: datetime


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    session: Session | None = None
    until: datetime | None = None     # WAIT/LOCKED: when a new try is allowed


def attempt_login(users: Users, name: str, password: str, *, attempts: Attempts, now: datetime,
                  policy: AuthPolicy, verify: Callable[[str, str], bool] = check_password
                  ) -> tuple[LoginResult, Attempts]:
    """One login try: the result and the name's attempts afterwards. The password is not checked
    at all while the name is slowed down or locked."""
    if not users.hashes:
        return LoginResult(LoginOutcome.NO_USERS), attempts
    if not name.strip() or not password:
        return LoginResult(LoginOutcome.EMPTY), attempts
    current = gate(attempts, now, policy)
    if current.state != GateState.OPEN:
        outcome = LoginOutcome.LOCKED if current.state == GateState.LOCKED else LoginOutcome.WAIT
        return LoginResult(outcome, until=current.until), attempts
    user = users.find(name)
    matches = verify(password, users.hashes[user] if user else _DUMMY_HASH)
    if user and matches:
        return LoginResult(LoginOutcome.OK, session=Session(user, now, now)), Attempts()
    after = after_failure(attempts, now, policy)
    if after.locked_until:
        return LoginResult(LoginOutcome.LOCKED, until=after.locked_until), after
    return LoginResult(LoginOutcome.WRONG, until=gate(after, now, policy).until), after


# Sessions ------------------------------------------------------------------------------------------
def session_active(session: Session | None, now: datetime, policy: AuthPolicy, users: Users) -> bool:
    """Whether a session may still write: not idle too long, not too old, its user still configured."""
    if session is None or users.find(session.user) is None:
        return False
    return now - session.last_seen < policy.session_idle and now - session.started < policy.session_max


def touched(session: Session, now: datetime) -> Session:
    """The session after activity at `now` (restarts the idle clock)."""
    return replace(session, last_seen=now)


# Files: throttling state -------------------------------------------------------------
def throttle_key(name: str) -> str:
    """The key a name is throttled under: a hash, so that a password typed into the name field
    is never written down."""
    return hashlib.sha256(normalise_user(name).encode("utf-8")).hexdigest()


def _load_attempts(path: Path) -> dict[str, Attempts]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    parsed = {}
    for key, entry in document.get("attempts", {}).items():
        try:
            parsed[key] = Attempts(tuple(datetime.fromisoformat(f) for f in entry.get("failures", ())),
                                   datetime.fromisoformat(entry["locked_until"]) if entry.get("locked_until") else None)
        except (TypeError, ValueError, AttributeError):
            continue
    return parsed


def _save_attempts(path: Path, attempts: dict[str, Attempts], now: datetime, policy: AuthPolicy) -> None:
    kept = {key: a for key, a in attempts.items()
            if recent_failures(a, now, policy) or (a.locked_until and a.locked_until > now)}
    newest = sorted(kept, key=lambda k: max((*kept[k].failures, kept[k].locked_until or now)), reverse=True)
    document = {"format": 1, "attempts": {key: {
        "failures": [f.isoformat() for f in kept[key].failures],
        "locked_until": kept[key].locked_until.isoformat() if kept[key].locked_until else None,
    } for key in newest[:MAX_TRACKED_NAMES]}}
    write_text_atomic(path, json.dumps(document, indent=1) + "\n")


def login(folder: Path, users: Users, name: str, password: str, *, now: datetime | None = None,
          policy: AuthPolicy = AuthPolicy(), via: str = "app") -> LoginResult:
    """A login try with the throttling state of the data folder; audited."""
    now = now or utc_now()
    path = admin_dir(folder) / LOGIN_STATE_NAME
    key = throttle_key(name)
    with admin_lock(folder):
        state = _load_attempts(path)
        result, after = attempt_login(users, name, password, attempts=state.get(key, Attempts()), now=now,
                                      policy=policy)
        if after != state.get(key, Attempts()):
            state[key] = after
            _save_attempts(path, state, now, policy)
    if result.outcome not in (LoginOutcome.EMPTY, LoginOutcome.NO_USERS):
        known = users.find(name)
        record_audit(folder, action=f"login_{result.outcome.value}", user=known or "?", via=via, now=now)
    return result
