"""The teacher's alignment review: every bead of a text with its confidence, and forms that fix it.

    GET  /review/<slug>?order=text|lowest|below&page=N   the beads, 100 a page (below: only confidence < 0.5)
    POST /review/<slug>/edit   form: csrf, op (merge|split|move|detach|confirm), bead, expected, and per operation
                               side, to, position, source_count, target_count; back: order, page

Plain HTML forms: works without JavaScript. After an edit the teacher is sent back to the same listing with one
line saying what changed (or why nothing could).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from bireader.review.service import ORDERS, apply_edit, review_page, text_order_page
from bireader.store.library import get_text
from bireader.web.app import db
from bireader.web.csrf import csrf_token, csrf_valid
from bireader.web.validation import ReviewEdit, parse

bp = Blueprint("review", __name__, url_prefix="/review")

PER_PAGE = 100


def _text(slug: str):
    text = get_text(db(), slug)
    if text is None:
        abort(404, description=f"No text called {slug!r} in the library.")
    if text.target is None:
        abort(404, description=f"{text.title!r} has one language: there is no alignment to review.")
    return text


def _order(value: str | None) -> str:
    return value if value in ORDERS else "text"


@bp.get("/<slug>")
def beads(slug: str):
    text = _text(slug)
    number = request.args.get("page", 1, type=int)
    listing = review_page(db(), text, _order(request.args.get("order")), number, PER_PAGE)
    return render_template("review/beads.html", listing=listing, text=text, csrf=csrf_token())


def _operation_args(edit: ReviewEdit) -> dict:
    if edit.op == "split":
        return {"source_count": edit.source_count, "target_count": edit.target_count}
    if edit.op == "move":
        return {"side": edit.side, "to": edit.to}
    if edit.op == "detach":
        return {"side": edit.side, "position": edit.position}
    return {}


@bp.post("/<slug>/edit")
def edit(slug: str):
    order = _order(request.form.get("order"))
    page = request.form.get("page", 1, type=int)
    if not csrf_valid():
        abort(400, description="The form expired; reload the review page and try again.")
    text = _text(slug)
    anchor = None
    try:
        edit_ = parse(ReviewEdit, request.form.to_dict())  # a bad number is named: "bead: Input should be …"
        outcome = apply_edit(db(), text, edit_.op, edit_.bead, expected=edit_.expected_extent(),
                             **_operation_args(edit_))
        db().commit()
        flash(outcome.message, "ok")
        anchor = f"b{outcome.position}"
        if order == "text":
            page = text_order_page(outcome.position, PER_PAGE)
    except ValueError as error:  # StaleEdit included; nothing was written
        db().rollback()
        flash(f"Nothing changed: {error}.", "error")
    return redirect(url_for("review.beads", slug=slug, order=order, page=page, _anchor=anchor))

