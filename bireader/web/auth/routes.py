"""Logging in and out, registering with a class's join code, the account page (password, own statistics,
deleting the account).

    GET/POST /login      form: name, password, next          POST /logout
    GET/POST /register   form: name, password, confirm, code (a class's join code)
    GET      /account    own statistics, password form, delete form
    POST     /account/password   form: current, password, confirm
    POST     /account/delete     form: current
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session as cookie_session, url_for
from flask_login import login_user, logout_user

from bireader.accounts.service import AccountError, TooManyFailures, add_user, authenticate, check_password, \
    check_throttle, record_failure, set_password
from bireader.classroom.lifecycle import delete_account, merge_learner
from bireader.classroom.service import ClassroomError, find_class_by_code, join_class
from bireader.web.app import db
from bireader.web.auth.access import Account, current_row, require_login, single_user
from bireader.web.learner.identity import cookie_learner

bp = Blueprint("auth", __name__)


def _safe_next(value: str | None) -> str:
    return value if value and value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


def _start_session(user) -> None:
    """Log ``user`` in and give them what the anonymous cookie profile held."""
    anonymous = cookie_learner()
    if anonymous is not None:
        merge_learner(db(), anonymous, user)
        g.drop_learner_cookie = True
    db().commit()
    login_user(Account(user))
    cookie_session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("auth/login.html", next=next_url, error=None)
    session = db()
    name = request.form.get("name", "")
    try:
        user = authenticate(session, name, request.form.get("password", ""), request.remote_addr or "")
    except TooManyFailures as error:
        session.commit()
        return render_template("auth/login.html", next=next_url, error=f"{str(error).capitalize()}."), 429
    except AccountError as error:
        session.commit()  # the failure counts
        return render_template("auth/login.html", next=next_url, error=f"{str(error).capitalize()}."), 401
    _start_session(user)
    return redirect(next_url, 303)


@bp.post("/logout")
def logout():
    logout_user()
    cookie_session.clear()
    return redirect(url_for("library.index"), 303)


@bp.route("/register", methods=["GET", "POST"])
def register():
    code = request.values.get("code", "")
    if request.method == "GET":
        return render_template("auth/register.html", code=code, error=None)
    session = db()
    form = request.form
    address = request.remote_addr or ""
    try:
        check_throttle(session, "register", address)
        classroom = find_class_by_code(session, code)
        if classroom is None:
            record_failure(session, "register", address)
            session.commit()
            raise ClassroomError("no class has this join code; ask your teacher for it")
        if form.get("password", "") != form.get("confirm", ""):
            raise AccountError("the two passwords differ")
        user = add_user(session, form.get("name", ""), "learner", form.get("password", ""))
        join_class(session, user, code)
    except TooManyFailures as error:
        return render_template("auth/register.html", code=code, error=f"{str(error).capitalize()}."), 429
    except (AccountError, ClassroomError) as error:
        session.rollback()
        return render_template("auth/register.html", code=code, error=f"{str(error).capitalize()}."), 400
    _start_session(user)
    flash(f"Welcome, {user.name}: you are in the class {classroom.name!r}.", "ok")
    return redirect(url_for("library.index"), 303)


@bp.get("/account")
def account():
    require_login()
    from bireader.web.classroom.stats import own_statistics

    user = current_row()
    return render_template("auth/account.html", user=user, texts=own_statistics(user), local=single_user())


def _account_user_with_password():
    require_login()
    user = current_row()
    if not user.password_hash:
        abort(400, description="The single-user mode's account has no password: create accounts with "
                               "`bireader users add` instead.")
    if not check_password(user, request.form.get("current", "")):
        flash("Nothing changed: the current password is wrong.", "error")
        return user, False
    return user, True


@bp.post("/account/password")
def change_password():
    user, ok = _account_user_with_password()
    if ok:
        if request.form.get("password", "") != request.form.get("confirm", ""):
            flash("Nothing changed: the two new passwords differ.", "error")
        else:
            try:
                set_password(db(), user, request.form.get("password", ""))
                db().commit()
                login_user(Account(user))  # this session carries the new token; the others end
                flash("Password changed; your other sessions are logged out.", "ok")
            except AccountError as error:
                db().rollback()
                flash(f"Nothing changed: {error}.", "error")
    return redirect(url_for("auth.account"), 303)


@bp.post("/account/delete")
def delete():
    user, ok = _account_user_with_password()
    if not ok:
        return redirect(url_for("auth.account"), 303)
    session = db()
    try:
        delete_account(session, user)
        session.commit()
    except Exception:
        session.rollback()
        raise
    logout_user()
    cookie_session.clear()
    flash("Your account and everything it held are deleted.", "ok")
    return redirect(url_for("library.index"), 303)

