"""Which learner a request belongs to: a random token in a long-lived cookie, until accounts arrive.

Reading needs no learner (new visitors read with the default level and no marked words); the first write
(marking a word, choosing a level, a reading position) creates one and sets the cookie.
"""

from __future__ import annotations

from flask import g, request

from bireader.learner.models import DEFAULT_LEVEL, Learner
from bireader.learner.service import find_learner, get_or_create_learner
from bireader.web.app import db

COOKIE = "bireader_learner"
COOKIE_AGE = 5 * 365 * 24 * 3600


def current_learner(create: bool = False) -> Learner | None:
    """The request's learner; with ``create``, a new one (its cookie is set on the response) when there is none."""
    if "learner" in g and (g.learner is not None or not create):
        return g.learner
    learner = find_learner(db(), request.cookies.get(COOKIE))
    if learner is None and create:
        learner = get_or_create_learner(db(), None)
        g.new_learner_token = learner.token
    g.learner = learner
    return learner


def learner_level(learner: Learner | None) -> int:
    return learner.level if learner is not None else DEFAULT_LEVEL


def set_learner_cookie(response):
    """after_request: hand a newly created learner its cookie."""
    token = g.pop("new_learner_token", None)
    if token:
        response.set_cookie(COOKIE, token, max_age=COOKIE_AGE, httponly=True, samesite="Lax")
    return response
