"""The reader: a text page by page, French and English side by side when both are present.

The page is computed from stored rows only (:func:`bireader.store.library.get_page`), the learner's statuses
for the page's words (one query) and the pure :func:`bireader.web.read.view.build_page_view`.
"""

from flask import Blueprint, abort, redirect, render_template, url_for

from bireader.learner.glossing import LEVELS
from bireader.learner.service import get_position, word_statuses
from bireader.store.library import get_page, get_text, summarise
from bireader.web.app import db
from bireader.web.learner.identity import current_learner, learner_level
from bireader.web.read.view import build_page_view, page_lemmas, solo_target_lemmas

bp = Blueprint("read", __name__, url_prefix="/read")


@bp.get("/<slug>")
def first_page(slug: str):
    """Page 1, or the page where this learner stopped."""
    session = db()
    text = get_text(session, slug)
    if text is None:
        abort(404, description=f"No text called {slug!r} in the library.")
    position = get_position(session, current_learner(), text.id)
    number = position[0] if position and 1 <= position[0] <= text.page_count else 1
    return redirect(url_for("read.page", slug=slug, number=number))


@bp.get("/<slug>/<int:number>")
def page(slug: str, number: int):
    session = db()
    text = get_text(session, slug)
    if text is None:
        abort(404, description=f"No text called {slug!r} in the library.")
    page = get_page(session, text, number)
    if page is None:
        abort(404, description=f"{text.title!r} has pages 1 to {text.page_count}.")
    learner = current_learner()
    level = learner_level(learner)
    source_lang = text.source.lang
    bilingual = text.target is not None
    target_lang = text.target.lang if bilingual else ""
    statuses = word_statuses(session, learner, source_lang, page_lemmas(page))
    target_statuses = word_statuses(session, learner, target_lang, solo_target_lemmas(page)) if bilingual else {}
    view = build_page_view(page, statuses, level, source_lang, target_lang, bilingual, target_statuses)
    # Reading does not write: the page's script saves the place with PUT /api/position, and the page's
    # "remember this page" form does the same without JavaScript.
    return render_template("read/page.html", page=page, text=text, summary=summarise(text), view=view,
                           bilingual=bilingual, source_lang=source_lang, target_lang=target_lang,
                           level=level, levels=LEVELS)
