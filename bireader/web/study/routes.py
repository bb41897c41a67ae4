"""Review the words you are learning: one card at a time, rated Again / Hard / Good / Easy (FSRS schedules).

    GET  /study/           the day's summary and the card due now (the answer in a <details>: no JavaScript needed)
    POST /study/review     form: csrf, lang, lemma, expected (the card's review count), rating (1-4)
    POST /study/mode       form: csrf, mode (cloze | recognition)

The learner is the request's (:func:`bireader.web.learner.identity.current_learner`); cards are keyed by their
``Learner`` row. Configuration: ``STUDY_NEW_PER_DAY`` (20), ``STUDY_RETENTION`` (0.9), ``STUDY_FUZZ`` (True).
"""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError

from bireader.study.cards import card_faces, pick_context
from bireader.study.models import MODES
from bireader.study.schedule import RATING_NAMES, interval_text, next_intervals, scheduler
from bireader.study.service import (NEW_PER_DAY, ContextFinder, StaleReview, card_mode, next_card, next_due,
                                    record_review, set_card_mode, summary)
from bireader.web.app import db
from bireader.web.csrf import csrf_token, csrf_valid
from bireader.web.learner.identity import current_learner
from bireader.web.vocab.service import BeadCache

bp = Blueprint("study", __name__, url_prefix="/study")


def _bead_cache() -> BeadCache:
    return current_app.extensions.setdefault("bireader.bead_cache", BeadCache())  # the vocabulary pages' cache


def _finder() -> ContextFinder:
    return current_app.extensions.setdefault("bireader.study_contexts", ContextFinder(_bead_cache()))


def _scheduler():
    return current_app.extensions.setdefault("bireader.fsrs", scheduler(
        current_app.config.get("STUDY_RETENTION", 0.9), current_app.config.get("STUDY_FUZZ", True)))


def _new_per_day() -> int:
    return int(current_app.config.get("STUDY_NEW_PER_DAY", NEW_PER_DAY))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _check_csrf() -> None:
    if not csrf_valid():
        abort(400, description="This form has expired (or came from another site): reload the page and try again.")


@bp.get("/")
def index():
    session, learner, now = db(), current_learner(), _now()
    card = next_card(session, learner, now, _new_per_day())
    mode = card_mode(session, learner)
    faces = buttons = None
    if card is not None:
        contexts = _finder().contexts(session, learner, card.lang, card.lemma)
        faces = card_faces(card.lemma, pick_context(contexts, card.reviews), mode, len(contexts))
        intervals = next_intervals(card.state, now, _scheduler())
        buttons = [(rating, name, interval_text(intervals[rating])) for rating, name in RATING_NAMES.items()]
    return render_template(
        "study/index.html", card=card, faces=faces, buttons=buttons, mode=mode, modes=MODES,
        summary=summary(session, learner, now, _new_per_day()), next_due=next_due(session, learner), now=now,
        has_learner=learner is not None, csrf=csrf_token(),
    )


@bp.post("/review")
def rate():
    _check_csrf()
    form = request.form
    try:
        rating = int(form.get("rating", ""))
        expected = int(form["expected"]) if form.get("expected", "") != "" else None
    except ValueError:
        abort(400, description="rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)")
    if rating not in RATING_NAMES:
        abort(400, description="rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)")
    learner = current_learner()
    if learner is None:
        abort(400, description="You have no words to review yet: mark words 'learning' while reading.")
    session = db()
    try:
        record_review(session, learner, form.get("lang", ""), form.get("lemma", ""), rating, expected, _now(),
                      _scheduler())
    except (StaleReview, IntegrityError):
        session.rollback()  # a second click, or two tabs rating a new card at once: rated once, show the next one
    except LookupError as error:
        session.rollback()
        abort(400, description=str(error))
    else:
        session.commit()
    return redirect(url_for("study.index"), 303)


@bp.post("/mode")
def mode():
    _check_csrf()
    session = db()
    try:
        set_card_mode(session, current_learner(create=True), request.form.get("mode", ""))
    except ValueError as error:
        abort(400, description=str(error))
    session.commit()
    return redirect(url_for("study.index"), 303)
