"""The learner's JSON API (word statuses, reading position, per-text counts) and the no-JavaScript forms.

    PUT  /api/words          {"lang": "fr", "lemma": "maison", "status": "known"}  -> {"lemma", "status"}
    GET  /api/words?lang=fr  -> {"maison": "known", ...}
    PUT  /api/position       {"slug": "candide", "page": 3, "bead": 41}
    GET  /api/texts/<slug>/counts[?page=N] -> {"known": .., "learning": .., "ignore": .., "new": .., "rare": ..}
    POST /learner/words      form: lang, lemma, status, next   (the vocabulary page without JavaScript)
    POST /learner/level      form: level, next
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, request

from bireader.learner.glossing import LEVELS
from bireader.learner.service import save_position, set_level, set_word_status, word_statuses
from bireader.learner.vocabulary import count_words
from bireader.web.app import db
from bireader.web.auth.access import readable_text
from bireader.web.learner.identity import current_learner, learner_level, set_learner_cookie
from bireader.web.vocab.service import BeadCache, page_beads, vocabulary
from bireader.web.vocab.service import text_counts as whole_text_counts

bp = Blueprint("learner", __name__)
bp.after_app_request(set_learner_cookie)


def bead_cache() -> BeadCache:
    return current_app.extensions.setdefault("bireader.bead_cache", BeadCache())


def _json() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="send a JSON object")
    return data


def _safe_next(default: str) -> str:
    target = request.form.get("next") or request.referrer or default
    return target if target.startswith("/") and not target.startswith("//") else default


@bp.get("/api/words")
def list_words():
    lang = request.args.get("lang", "fr")
    return jsonify(word_statuses(db(), current_learner(), lang))


@bp.route("/api/words", methods=["PUT", "POST"])
def put_word():
    data = _json()
    lemma, lang = str(data.get("lemma") or ""), str(data.get("lang") or "fr")
    session = db()
    try:
        status = set_word_status(session, current_learner(create=True), lang, lemma, data.get("status"))
    except ValueError as error:
        abort(400, description=str(error))
    session.commit()
    return jsonify({"lang": lang, "lemma": lemma.strip().lower(), "status": status})


@bp.put("/api/position")
def put_position():
    data = _json()
    session = db()
    text = readable_text(str(data.get("slug") or ""))
    try:
        page, bead = int(data.get("page", 1)), int(data.get("bead", 0))
    except (TypeError, ValueError):
        abort(400, description="page and bead must be numbers")
    if not 1 <= page <= text.page_count:
        abort(400, description=f"page must be between 1 and {text.page_count}")
    save_position(session, current_learner(create=True), text.id, page, bead)
    session.commit()
    return jsonify({"slug": text.slug, "page": page, "bead": bead})


@bp.get("/api/texts/<slug>/counts")
def text_counts(slug: str):
    session = db()
    text = readable_text(slug)
    learner = current_learner()
    page = request.args.get("page", type=int)
    if page is None:
        return jsonify(whole_text_counts(session, learner, learner_level(learner), text, bead_cache()).as_dict())
    beads = page_beads(session, text, page, bead_cache())
    return jsonify(count_words(vocabulary(session, learner, learner_level(learner), text, beads)).as_dict())


@bp.post("/learner/words")
def form_word():
    session = db()
    try:
        set_word_status(session, current_learner(create=True), request.form.get("lang", "fr"),
                        request.form.get("lemma", ""), request.form.get("status"))
    except ValueError as error:
        abort(400, description=str(error))
    session.commit()
    return redirect(_safe_next("/"), 303)


@bp.post("/learner/level")
def form_level():
    value = request.form.get("level", "")
    level = LEVELS.get(value) or (int(value) if value.isdigit() else None)
    if level is None:
        abort(400, description=f"level must be one of {', '.join(LEVELS)} or a frequency rank")
    session = db()
    try:
        set_level(session, current_learner(create=True), level)
    except ValueError as error:
        abort(400, description=str(error))
    session.commit()
    return redirect(_safe_next("/"), 303)
