"""Tables of accounts: users, and the counter of failed logins that throttles password guessing.

A user's ``session_token`` is part of the id its browser session carries: changing the password draws a new one,
which ends every other session of that user at once.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bireader.store.models import Base

ROLES = ("admin", "teacher", "learner")
LOCAL_USER = "local"  # the single-user mode's account: no password, cannot log in


def _now() -> datetime:
    return datetime.now(timezone.utc)


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # "admin" | "teacher" | "learner"
    password_hash: Mapped[str] = mapped_column(String(300), default="")  # "" = cannot log in (the local user)
    session_token: Mapped[str] = mapped_column(String(40), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_teach(self) -> bool:
        return self.role in ("admin", "teacher")


class LoginFailure(Base):
    """Failed logins per key (``name:<user name>`` and ``ip:<address>``) in the current window."""

    __tablename__ = "login_failures"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
