"""The reader: a text page by page, French and English side by side when both are present.

A page is its layout for every learner (:func:`bireader.web.read.pages.shown_page`: the stored rows laid out by
the pure :mod:`bireader.web.read.view` and the ``read/_beads.html`` template, cached while the rows are
unchanged), filled with the learner's statuses for the page's words (one query per language) and level.
"""

import orjson
from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from markupsafe import Markup

from bireader.learner.glossing import LEVELS
from bireader.learner.service import get_position, word_statuses
from bireader.store.library import summarise
from bireader.web.app import db
from bireader.web.auth.access import current_row, readable_text
from bireader.web.learner.identity import current_learner, learner_level
from bireader.web.read.pages import PageCache, shown_page
from bireader.web.read.view import PageLayout

bp = Blueprint("read", __name__, url_prefix="/read")


@bp.get("/<slug>")
def first_page(slug: str):
    """Page 1, or the page where this learner stopped."""
    session = db()
    text = readable_text(slug)
    position = get_position(session, current_learner(), text.id)
    number = position[0] if position and 1 <= position[0] <= text.page_count else 1
    return redirect(url_for("read.page", slug=slug, number=number))


def page_cache() -> PageCache:
    return current_app.extensions.setdefault("bireader.page_cache", PageCache())


def _render_layout(layout: PageLayout, source_lang: str, target_lang: str, bilingual: bool):
    beads = render_template("read/_beads.html", view=layout, bilingual=bilingual, source_lang=source_lang,
                            target_lang=target_lang)
    return beads, script_json(layout.glosses), script_json(layout.english)


def script_json(value) -> Markup:
    """``value`` as JSON to put in a ``<script type="application/json">``: what Jinja's ``tojson`` writes (the
    characters that could end the script escaped), by orjson, compact and in UTF-8: a seventh of the time (0.2
    against 1.3 ms for a Candide page's popups) and a tenth fewer bytes."""
    text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027"))


@bp.get("/<slug>/<int:number>")
def page(slug: str, number: int):
    session = db()
    text = readable_text(slug)
    if not 1 <= number <= text.page_count:
        abort(404, description=f"{text.title!r} has pages 1 to {text.page_count}.")
    source_lang = text.source.lang
    bilingual = text.target is not None
    target_lang = text.target.lang if bilingual else ""
    shown = shown_page(session, text, number, page_cache(),
                       lambda layout: _render_layout(layout, source_lang, target_lang, bilingual))
    learner = current_learner()
    level = learner_level(learner)
    statuses = word_statuses(session, learner, source_lang, shown.words.source_lemmas)
    target_statuses = word_statuses(session, learner, target_lang, shown.words.target_lemmas)
    # Reading does not write: the page's script saves the place with PUT /api/position, and the page's
    # "remember this page" form does the same without JavaScript.
    return render_template("read/page.html", page=dict(number=number, count=text.page_count), text=text,
                           summary=summarise(text), shown=shown,
                           beads=shown.beads_html(statuses, target_statuses, level),
                           bilingual=bilingual, source_lang=source_lang, target_lang=target_lang,
                           level=level, levels=LEVELS, record_activity=current_row() is not None)
