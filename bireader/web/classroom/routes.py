"""Classes, publishing and deleting texts, and the reader's activity batches.

    GET  /classes/                 teacher: their classes, join codes, a form for a new one; learner: theirs, join form
    POST /classes/                 form: name (teachers)
    POST /classes/join             form: code
    GET  /classes/<id>             the class page (its teacher or an admin): per text, progress, lookups, reveals
    GET  /texts/<slug>/manage      publish and delete forms (the text's owner or an admin)
    POST /texts/<slug>/publish     form: public (checkbox), class (repeated ids)
    POST /texts/<slug>/delete      form: confirm (the slug, typed again)
    POST /api/activity             {"slug", "page", "lookups": [{"lang", "lemma", "gloss", "bead", "n"}], "reveals": [{"bead", "n"}]}
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for

from bireader.classroom.lifecycle import delete_text
from bireader.classroom.service import (ClassroomError, classes_joined, classes_taught, create_class, join_class,
                                        managed_class, parse_activity, publish, record_activity, text_classes)
from bireader.web.app import db
from bireader.web.auth.access import current_row, managed_text, readable_text, require_login, require_teacher
from bireader.web.classroom.stats import class_report
from bireader.web.learner.identity import current_learner

bp = Blueprint("classroom", __name__)


@bp.get("/classes/")
def classes():
    require_login()
    user = current_row()
    taught = classes_taught(db(), user) if user.can_teach else []
    return render_template("classroom/classes.html", taught=taught, joined=classes_joined(db(), user), user=user)


@bp.post("/classes/")
def new_class():
    user = require_teacher()
    try:
        classroom = create_class(db(), user, request.form.get("name", ""))
        db().commit()
        flash(f"Class {classroom.name!r} created: its join code is {classroom.join_code}.", "ok")
    except ClassroomError as error:
        db().rollback()
        flash(f"Nothing changed: {error}.", "error")
    return redirect(url_for("classroom.classes"), 303)


@bp.post("/classes/join")
def join():
    require_login()
    try:
        classroom = join_class(db(), current_row(), request.form.get("code", ""))
        db().commit()
        flash(f"You are in the class {classroom.name!r}.", "ok")
    except ClassroomError as error:
        db().rollback()
        flash(f"Nothing changed: {error}.", "error")
    return redirect(url_for("classroom.classes"), 303)


@bp.get("/classes/<int:class_id>")
def class_page(class_id: int):
    require_login()
    classroom = managed_class(db(), current_row(), class_id)
    if classroom is None:
        abort(404, description="No such class.")
    members, reports = class_report(classroom)
    return render_template("classroom/class.html", classroom=classroom, members=members, reports=reports)


@bp.get("/texts/<slug>/manage")
def manage(slug: str):
    text = managed_text(slug)
    user = current_row()
    return render_template("classroom/manage.html", text=text, classes=classes_taught(db(), user),
                           published=text_classes(db(), text))


@bp.post("/texts/<slug>/publish")
def publish_text(slug: str):
    text = managed_text(slug)
    try:
        ids = [int(value) for value in request.form.getlist("class")]
        publish(db(), current_row(), text, request.form.get("public") == "on", ids)
        db().commit()
        flash("Publishing saved.", "ok")
    except ValueError as error:  # ClassroomError included
        db().rollback()
        flash(f"Nothing changed: {error}.", "error")
    return redirect(url_for("classroom.manage", slug=slug), 303)


@bp.post("/texts/<slug>/delete")
def delete(slug: str):
    text = managed_text(slug)
    if request.form.get("confirm", "").strip() != text.slug:
        flash(f"Nothing deleted: type {text.slug} in the box to confirm.", "error")
        return redirect(url_for("classroom.manage", slug=slug), 303)
    title = text.title
    session = db()
    try:
        delete_text(session, text)
        session.commit()
    except Exception:
        session.rollback()
        raise
    current_app.extensions.pop("bireader.bead_cache", None)  # its beads are gone
    flash(f"Deleted {title!r} with its pages, publications and every learner's progress in it.", "ok")
    return redirect(url_for("library.index"), 303)


@bp.post("/api/activity")
def activity():
    """A batch of the reader's lookups and reveals (sent every half minute or when the page is left)."""
    require_login()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="send a JSON object")
    text = readable_text(str(data.get("slug") or ""))
    try:
        batch = parse_activity(data, text)
    except ClassroomError as error:
        return jsonify({"error": str(error)}), 400
    record_activity(db(), current_learner(create=True), text, batch)
    db().commit()
    return jsonify({"lookups": len(batch.lookups), "reveals": len(batch.reveals)})
