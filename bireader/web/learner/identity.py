"""Which learner profile a request belongs to.

A logged-in user (or the single-user mode's local account) has one profile, linked by ``learner.user_id`` and
created on their first write. An anonymous visitor is a random token in a long-lived cookie: reading needs no
profile; the first write (marking a word, a level, a reading position) creates one and sets the cookie. Logging
in or registering merges that cookie profile into the account (:func:`bireader.classroom.lifecycle.merge_learner`).
"""

from __future__ import annotations

from flask import g, request

from bireader.learner.models import DEFAULT_LEVEL, Learner
from bireader.learner.service import find_learner, get_or_create_learner, new_token
from bireader.web.app import db

COOKIE = "bireader_learner"
COOKIE_AGE = 5 * 365 * 24 * 3600


def current_learner(create: bool = False) -> Learner | None:
    """The request's learner; with ``create``, a new one (its cookie is set on the response) when there is none."""
    if "learner" in g and (g.learner is not None or not create):
        return g.learner
    from bireader.classroom.service import learner_of
    from bireader.web.auth.access import current_row

    user = current_row()
    if user is not None:
        learner = learner_of(db(), user)
        if learner is None and create:
            learner = Learner(token=new_token(), user_id=user.id)
            db().add(learner)
            db().flush()
    else:
        learner = cookie_learner()
        if learner is None and create:
            learner = get_or_create_learner(db(), None)
            g.new_learner_token = learner.token
    g.learner = learner
    return learner


def cookie_learner() -> Learner | None:
    """The anonymous profile of the request's cookie (never one that already belongs to an account)."""
    learner = find_learner(db(), request.cookies.get(COOKIE))
    return learner if learner is not None and learner.user_id is None else None


def learner_level(learner: Learner | None) -> int:
    return learner.level if learner is not None else DEFAULT_LEVEL


def set_learner_cookie(response):
    """after_request: hand a newly created learner its cookie (or drop it once merged into an account)."""
    token = g.pop("new_learner_token", None)
    if token:
        response.set_cookie(COOKIE, token, max_age=COOKIE_AGE, httponly=True, samesite="Lax")
    elif g.pop("drop_learner_cookie", False):
        response.delete_cookie(COOKIE)
    return response
