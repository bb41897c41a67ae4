"""Users and passwords (a session in, plain values out), the failed-login throttle, and the single-user mode.

    >>> user = add_user(session, "marie", "teacher", "correct horse")     # doctest: +SKIP
    >>> authenticate(session, "marie", "correct horse", "127.0.0.1")    # doctest: +SKIP
    <User marie>

Passwords are hashed with werkzeug's scrypt (salted, memory-hard; werkzeug comes with Flask, so no new
dependency): the stored hash cannot be turned back into the password, only checked against one.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from bireader.accounts.models import LOCAL_USER, ROLES, LoginFailure, User, new_session_token

MIN_PASSWORD = 8
MAX_FAILURES = 5  # failed logins per account name, and 4 times as many per address, in one window
WINDOW = timedelta(minutes=15)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")


class AccountError(ValueError):
    """A request about accounts that cannot be done; its message says why, in one line."""


class TooManyFailures(AccountError):
    def __init__(self, retry_after: timedelta):
        minutes = max(1, round(retry_after.total_seconds() / 60))
        super().__init__(f"too many failed logins: try again in {minutes} minute{'s' if minutes > 1 else ''}")
        self.retry_after = retry_after


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_password(user: User, password: str) -> bool:
    return bool(user.password_hash) and check_password_hash(user.password_hash, password)


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > 1000:
        raise AccountError("a password may have at most 1000 characters")


def find_user(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name.strip().lower()))


def add_user(session: Session, name: str, role: str, password: str) -> User:
    name = name.strip().lower()
    if not NAME.match(name) or name == LOCAL_USER:
        raise AccountError(f"{name!r} cannot be a user name: use 2 to 40 letters, digits, '.', '_' or '-'"
                           if name != LOCAL_USER else f"{LOCAL_USER!r} is the single-user mode's own account")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if find_user(session, name) is not None:
        raise AccountError(f"there is already a user called {name!r}")
    _check_new_password(password)
    user = User(name=name, role=role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    """A new password; every session of the user logged in with the old one ends."""
    _check_new_password(password)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    session.flush()


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.password_hash != "").order_by(User.role, User.name)))


def accounts_exist(session: Session) -> bool:
    """Is there a user who can log in? Without one the app runs in single-user mode."""
    return session.scalar(select(User.id).where(User.password_hash != "").limit(1)) is not None


def local_user(session: Session) -> User:
    """The single-user mode's account (an admin without a password), created on first use."""
    user = session.scalar(select(User).where(User.name == LOCAL_USER))
    if user is None:
        user = User(name=LOCAL_USER, role="admin", password_hash="")
        session.add(user)
        session.flush()
    return user


# ---- logging in, throttled ---------------------------------------------------------------------------------

def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite forgets the zone


def _failure_keys(name: str, address: str) -> list[tuple[str, int]]:
    return [(f"name:{name.strip().lower()[:150]}", MAX_FAILURES), (f"ip:{address}", 4 * MAX_FAILURES)]


def check_throttle(session: Session, name: str, address: str, now: datetime | None = None) -> None:
    """Raise :class:`TooManyFailures` while the name or the address has used up its failures in the window."""
    now = now or _now()
    for key, limit in _failure_keys(name, address):
        row = session.get(LoginFailure, key)
        if row is not None and row.count >= limit and now - _aware(row.window_start) < WINDOW:
            raise TooManyFailures(WINDOW - (now - _aware(row.window_start)))


def record_failure(session: Session, name: str, address: str, now: datetime | None = None) -> None:
    now = now or _now()
    for key, _limit in _failure_keys(name, address):
        row = session.get(LoginFailure, key)
        if row is None:
            session.add(LoginFailure(key=key, count=1, window_start=now))
        elif now - _aware(row.window_start) >= WINDOW:
            row.count, row.window_start = 1, now
        else:
            row.count += 1
    session.flush()


def authenticate(session: Session, name: str, password: str, address: str, now: datetime | None = None) -> User:
    """The user whose name and password these are; :class:`AccountError` otherwise (the throttle counts it).

    The caller commits in both cases: a failure must be counted even though the login is refused."""
    check_throttle(session, name, address, now)
    user = find_user(session, name)
    if user is None or not check_password(user, password):
        record_failure(session, name, address, now)
        raise AccountError("wrong user name or password")
    session.execute(delete(LoginFailure).where(LoginFailure.key == _failure_keys(name, address)[0][0]))
    return user
