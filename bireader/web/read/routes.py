"""The reader: a text page by page, French and English side by side when both are present."""

from flask import Blueprint, abort, redirect, render_template, url_for

from bireader.store.library import get_page, get_text, summarise
from bireader.web.app import db

bp = Blueprint("read", __name__, url_prefix="/read")


@bp.get("/<slug>")
def first_page(slug: str):
    return redirect(url_for("read.page", slug=slug, number=1))


@bp.get("/<slug>/<int:number>")
def page(slug: str, number: int):
    session = db()
    text = get_text(session, slug)
    if text is None:
        abort(404, description=f"No text called {slug!r} in the library.")
    page = get_page(session, text, number)
    if page is None:
        abort(404, description=f"{text.title!r} has pages 1 to {text.page_count}.")
    return render_template("read/page.html", page=page, text=text, summary=summarise(text),
                           bilingual=text.target is not None)
