"""The session's CSRF token for templates and views, backed by Flask-WTF.

Every POST/PUT/PATCH/DELETE is already checked by Flask-WTF's ``CSRFProtect`` before any view runs (see
:mod:`bireader.web.auth.access`): a request without the token gets 400 and never reaches a view. These two
functions remain for forms that pass the token to their template, and for views that check it again.
"""

from __future__ import annotations

from flask import request
from flask_wtf.csrf import generate_csrf
from wtforms import ValidationError


def csrf_token() -> str:
    """The session's token; forms send it back in a hidden ``csrf`` field, scripts in an ``X-CSRFToken`` header."""
    return generate_csrf()


def csrf_valid() -> bool:
    """Does the request carry this session's token (form field or header)?"""
    from flask_wtf.csrf import validate_csrf

    try:
        validate_csrf(request.form.get("csrf") or request.headers.get("X-CSRFToken"))
    except ValidationError:
        return False
    return True
