"""Who is asking: the logged-in user, the single-user mode's local account, or an anonymous visitor; and the
guards every route uses (:func:`readable_text`, :func:`managed_text`, :func:`require_teacher`, ...).

Single-user mode: while the database has no account that can log in, bireader is one person's program on
their own computer. Every request then acts as the account ``local`` (an admin without a password), and only
requests from this computer (a loopback address) are served; ``bireader serve`` refuses other hosts outright.
The first ``bireader users add`` ends the mode: from then on people log in.

    anonymous         reads public texts; keeps word marks in a cookie profile, merged into an account on login
    logged in         sees what :func:`bireader.classroom.service.visible` allows
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_login import AnonymousUserMixin, LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import select

from bireader.accounts.models import LOCAL_USER, User
from bireader.accounts.service import accounts_exist, local_user
from bireader.classroom.service import can_manage, readable_text as find_readable
from bireader.store.models import Text
from bireader.web.app import db

SESSION_LIFETIME = timedelta(hours=12)


class Account(UserMixin):
    """Flask-Login's view of a :class:`User`: the id it stores is ``<user id>:<session token>``, so that changing
    the password (a new token) logs out every other session."""

    def __init__(self, row: User):
        self.row = row

    def get_id(self) -> str:
        return f"{self.row.id}:{self.row.session_token}"


def init_access(app: Flask) -> None:
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", SESSION_LIFETIME)
    app.config.setdefault("WTF_CSRF_FIELD_NAME", "csrf")  # the name the forms have always used
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a token lives as long as the session it belongs to
    app.config.setdefault("SINGLE_USER", None)  # None: while there is no account; False: never; True: always
    CSRFProtect(app)
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.login_message = "Please log in to see this page."
    manager.anonymous_user = AnonymousUserMixin

    @manager.user_loader
    def load(user_id: str):
        number, _, token = user_id.partition(":")
        if not number.isdigit():
            return None
        row = db().get(User, int(number))
        if row is None or not row.password_hash or row.session_token != token:
            return None
        return Account(row)

    @manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            response = jsonify({"error": "log in first"})
            response.status_code = 401
            return response
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if wants_json():
            return jsonify({"error": f"missing or stale CSRF token ({error.description})"}), 400
        return render_template("auth/message.html", title="The form expired",
                               message="The form expired (its security token was missing or stale): go back, "
                                       "reload the page and submit it again."), 400

    @app.before_request
    def single_user_guard():
        if single_user() and not _loopback(request.remote_addr):
            abort(403, description="This bireader runs in single-user mode, which serves only this computer. "
                                   "Create an account (bireader users add NAME --role admin) to serve others.")
        if single_user() and request.endpoint != "static":
            current_row()  # the local account exists before the view writes anything

    @app.context_processor
    def who() -> dict:
        return {"viewer": current_row(), "single_user_mode": single_user}


def _loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json


def single_user() -> bool:
    if "single_user" not in g:
        setting = current_app.config.get("SINGLE_USER")
        g.single_user = bool(setting) if setting is not None else not accounts_exist(db())
    return g.single_user


def current_row() -> User | None:
    """The request's user: the logged-in account, the local account in single-user mode, or None (anonymous)."""
    if "user_row" in g:
        return g.user_row
    if current_user.is_authenticated:
        row = current_user.row
    elif single_user():
        row = db().scalar(select(User).where(User.name == LOCAL_USER))
        if row is None:  # the first request ever: created in a session of its own (the request's stays untouched)
            with current_app.extensions["bireader.sessions"]() as own, own.begin():
                user_id = local_user(own).id
            row = db().get(User, user_id)
    else:
        row = None
    g.user_row = row
    return row


def _refuse_anonymous():
    """Anonymous: to the login page (HTML) or 401 (JSON)."""
    return current_app.login_manager.unauthorized()


def require_login():
    """Abort the request (login page or 401) unless someone is logged in (or single-user mode)."""
    if current_row() is None:
        abort(_refuse_anonymous())


def require_teacher() -> User:
    user = current_row()
    if user is None:
        abort(_refuse_anonymous())
    if not user.can_teach:
        abort(403, description="This page is for teachers.")
    return user


def teacher_only(view):
    @wraps(view)
    def guarded(*args, **kwargs):
        require_teacher()
        return view(*args, **kwargs)
    return guarded


def readable_text(slug: str) -> Text:
    """The text called ``slug`` if the request may read it; 404 otherwise, whether it exists or not."""
    text = find_readable(db(), current_row(), slug)
    if text is None:
        abort(404, description=f"No text called {slug!r} in the library.")
    return text


def managed_text(slug: str) -> Text:
    """The text called ``slug`` if the request may manage it (owner or admin). Anonymous: login; a text the
    user cannot even read: 404; one they read but do not own: 403."""
    user = current_row()
    if user is None:
        abort(_refuse_anonymous())
    text = readable_text(slug)
    if not can_manage(user, text):
        abort(403, description=f"Only the owner of {text.title!r} (or an admin) may change it.")
    return text
