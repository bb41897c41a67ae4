"""Vocabulary of a text or a page for the current learner, and its Anki export.

    GET /vocab/<slug>[?page=N][&show=all][&part=K] words to learn (learning + new rare words), or every word,
                                                  WORDS_PER_PART a part (a novel has thousands)
    GET /vocab/<slug>/anki.tsv[?page=N][&new=1]   Anki notes for the words being learned (+ new rare ones)
    GET /vocab/<slug>/anki.apkg[?page=N][&new=1][&cloze=1]   the same as an Anki package (word or cloze notes)
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from bireader.export.anki import anki_tsv
from bireader.export.apkg import anki_package
from bireader.export.vocabulary import text_source
from bireader.learner.glossing import LEVELS
from bireader.learner.vocabulary import count_words, words_to_learn
from bireader.web.app import db
from bireader.web.auth.access import readable_text
from bireader.web.learner.identity import current_learner, learner_level
from bireader.web.learner.routes import bead_cache
from bireader.web.vocab.service import page_beads, vocabulary, word_list_part

bp = Blueprint("vocab", __name__, url_prefix="/vocab")

WORDS_PER_PART = 75  # a part of Candide is at most ~105 KB of HTML (100 made 137 KB): under 150 KB on a phone


def _text_and_items(slug: str):
    session = db()
    text = readable_text(slug)
    page = request.args.get("page", type=int)
    if page is not None and not 1 <= page <= text.page_count:
        abort(404, description=f"{text.title!r} has pages 1 to {text.page_count}.")
    learner = current_learner()
    level = learner_level(learner)
    items = vocabulary(session, learner, level, text, page_beads(session, text, page, bead_cache()))
    return text, page, learner, level, items


@bp.get("/<slug>")
def index(slug: str):
    text, page, learner, level, items = _text_and_items(slug)
    show_all = request.args.get("show") == "all"
    shown = items if show_all else words_to_learn(items, include_new=True)
    shown = sorted(shown, key=lambda i: (i.status != "learning", -(i.freq_rank or 10**7)))
    part = word_list_part(len(shown), request.args.get("part", 1, type=int), WORDS_PER_PART)
    if part is None:
        abort(404, description=f"This word list has {len(shown)} words, {WORDS_PER_PART} a page.")
    return render_template("vocab/index.html", text=text, page=page, items=shown[part.start:part.stop], part=part,
                           counts=count_words(items), show_all=show_all, level=level, levels=LEVELS,
                           lang=text.source.lang)


@bp.get("/<slug>/anki.tsv")
def anki(slug: str):
    text, page, _learner, _level, items = _text_and_items(slug)
    chosen = words_to_learn(items, include_new=request.args.get("new") == "1")
    name = f"{text.slug}{f'-p{page}' if page else ''}-anki.tsv"
    # content_type, not mimetype: Flask appends "; charset=utf-8" to a text mimetype, and it was said twice
    return Response(anki_tsv(chosen, text.source.lang), content_type="text/tab-separated-values; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/<slug>/anki.apkg")
def apkg(slug: str):
    text, page, _learner, _level, items = _text_and_items(slug)
    chosen = words_to_learn(items, include_new=request.args.get("new") == "1")
    kind = "cloze" if request.args.get("cloze") == "1" else "word"
    name = f"{text.slug}{f'-p{page}' if page else ''}{'-cloze' if kind == 'cloze' else ''}.apkg"
    body = anki_package(chosen, text.slug, text.title, text_source(text), text.source.lang, kind)
    return Response(body, content_type="application/apkg",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
