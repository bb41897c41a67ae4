"""A per-session token that every state-changing form carries, so that another site cannot post for the user."""

from __future__ import annotations

import secrets

from flask import request, session


def csrf_token() -> str:
    """The session's token, created on first use; forms send it back in a hidden ``csrf`` field."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(16)
    return session["csrf"]


def csrf_valid() -> bool:
    """Does the posted form carry this session's token?"""
    expected = session.get("csrf")
    return bool(expected) and secrets.compare_digest(request.form.get("csrf", ""), expected)
