"""The learner's JSON API (word statuses, reading position, per-text counts) and the no-JavaScript forms.

    PUT  /api/words          {"lang": "fr", "lemma": "maison", "status": "known"}  -> {"lemma", "status"}
    GET  /api/words?lang=fr  -> {"maison": "known", ...}
    PUT  /api/position       {"slug": "candide", "page": 3, "bead": 41[, "create_learner": false]}
    GET  /api/texts/<slug>/counts[?page=N] -> {"known": .., "learning": .., "ignore": .., "new": .., "rare": ..}
    POST /learner/words      form: lang, lemma, status, next   (the vocabulary page without JavaScript)
    POST /learner/level      form: level, next
    POST /learner/position   form: slug, page, bead, next (the reader's "remember this page" without JavaScript)

Every body is checked against its model in :mod:`bireader.web.validation` (bounds declared there); a bad one is a
400 with one line (``{"error": …}`` for the JSON API). Reading a page never writes: the position is saved only
by ``PUT /api/position`` or the form.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, request

from bireader.learner.service import save_position, set_level, set_word_status, word_statuses
from bireader.learner.vocabulary import count_words
from bireader.store.library import get_text
from bireader.web.app import db
from bireader.web.learner.identity import current_learner, learner_level, set_learner_cookie
from bireader.web.vocab.service import BeadCache, page_beads, vocabulary
from bireader.web.vocab.service import text_counts as whole_text_counts
from bireader.web.validation import LevelForm, Position, WordMark, form_body, json_body

bp = Blueprint("learner", __name__)
bp.after_app_request(set_learner_cookie)


def bead_cache() -> BeadCache:
    return current_app.extensions.setdefault("bireader.bead_cache", BeadCache())


def _safe_next(default: str) -> str:
    target = request.form.get("next") or request.referrer or default
    return target if target.startswith("/") and not target.startswith("//") else default


@bp.get("/api/words")
def list_words():
    lang = request.args.get("lang", "fr")
    return jsonify(word_statuses(db(), current_learner(), lang))


@bp.route("/api/words", methods=["PUT", "POST"])
def put_word():
    mark = json_body(WordMark)
    status = _mark(mark)
    return jsonify({"lang": mark.lang, "lemma": mark.lemma, "status": status})


def _mark(mark: WordMark) -> str | None:
    session = db()
    learner = current_learner(create=True)
    session.commit()  # end the read: on SQLite the upsert then waits for the write lock instead of failing
    try:
        status = set_word_status(session, learner, mark.lang, mark.lemma, mark.status)
    except ValueError as error:
        abort(400, description=str(error))
    session.commit()
    return status


@bp.put("/api/position")
def put_position():
    position = json_body(Position)
    _save_position(position)
    return jsonify({"slug": position.slug, "page": position.page, "bead": position.bead})


def _save_position(position: Position) -> None:
    session = db()
    text = get_text(session, position.slug)
    if text is None:
        abort(404, description="no such text")
    if position.page > text.page_count:
        abort(400, description=f"page must be between 1 and {text.page_count}")
    learner = current_learner(create=position.create_learner)
    if learner is None:  # a visitor who never marked anything leaves no row
        return
    save_position(session, learner, text.id, position.page, position.bead)
    session.commit()


@bp.get("/api/texts/<slug>/counts")
def text_counts(slug: str):
    session = db()
    text = get_text(session, slug)
    if text is None:
        abort(404, description="no such text")
    learner = current_learner()
    page = request.args.get("page", type=int)
    if page is None:
        return jsonify(whole_text_counts(session, learner, learner_level(learner), text, bead_cache()).as_dict())
    beads = page_beads(session, text, page, bead_cache())
    return jsonify(count_words(vocabulary(session, learner, learner_level(learner), text, beads)).as_dict())


@bp.post("/learner/words")
def form_word():
    _mark(form_body(WordMark))
    return redirect(_safe_next("/"), 303)


@bp.post("/learner/level")
def form_level():
    try:
        level = form_body(LevelForm).rank()
    except ValueError as error:
        abort(400, description=str(error))
    session = db()
    try:
        set_level(session, current_learner(create=True), level)
    except ValueError as error:
        abort(400, description=str(error))
    session.commit()
    return redirect(_safe_next("/"), 303)


@bp.post("/learner/position")
def form_position():
    _save_position(form_body(Position))
    return redirect(_safe_next("/"), 303)
