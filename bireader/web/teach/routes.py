"""Teachers import texts from the browser: one file, or an original and its translation, in any format of
bireader.ingest (an aligned TSV or TMX file alone keeps its beads).

The form's fields are checked by :class:`bireader.web.validation.ImportForm` (title, credits, language, which
text to replace); a bad one shows the form again with one line and a 400. A new import never replaces a text by
accident: its slug is made unique; replacing takes choosing the text *and* ticking the confirmation.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, url_for
from werkzeug.utils import secure_filename

from bireader.ingest.formats import CONVERT_HINT, accept_attribute, accepted_sentence
import dataclasses

from bireader.classroom.service import can_manage, visible_texts
from bireader.jobs import service
from bireader.store.library import get_text, summarise
from bireader.web.app import db
from bireader.web.auth.access import current_row, teacher_only
from bireader.web.csrf import csrf_token
from bireader.web.validation import ImportForm, parse
from bireader.web.teach.jobs import job_queue

bp = Blueprint("teach", __name__, url_prefix="/import")


def _form(error: str | None = None, status: int = 200, replace: str = ""):
    return render_template("teach/import.html", csrf=csrf_token(), error=error, accept=accept_attribute(),
                           texts=_replaceable(), replace=replace, **_formats()), status


def _formats() -> dict:
    return {"accepted": accepted_sentence(), "convert_hint": CONVERT_HINT}


def _replaceable() -> list:
    """The texts this teacher may replace from the form: their own (an admin: every text)."""
    return [summarise(text) for text in visible_texts(db(), current_row()) if may_replace(text)]


def may_replace(text) -> bool:
    """May this request replace ``text``? Its owner or an admin (bireader.classroom.service.can_manage)."""
    return can_manage(current_row(), text)


@bp.get("/")
@teacher_only
def form():
    return _form()


@bp.post("/")
@teacher_only
def start():
    try:
        fields = parse(ImportForm, request.form.to_dict())
    except ValueError as error:
        return _form(f"Nothing was imported: {error}.", 400)
    if fields.replace:
        existing = get_text(db(), fields.replace)
        if existing is None or not may_replace(existing):
            return _form(f"Nothing was imported: there is no text {fields.replace!r} to replace.", 400)
        if not fields.confirm_replace:
            return _form(f"Nothing was imported: tick the box to confirm that {existing.title!r} is to be replaced "
                         "(learners keep their marks and their place).", 400, fields.replace)
    original = request.files.get("original")
    translation = request.files.get("translation")
    if original is None or not original.filename:
        return _form("Choose a file to import.", 400)
    queue = job_queue(current_app)
    factory = current_app.extensions["bireader.sessions"]
    job_id = service.new_job_id()
    # The job's row names its folder before the folder exists, so that a sweep never takes a live upload.
    workdir = queue.settings.upload_folder / job_id
    # a folder per upload, the file under its own name: messages name the file as it was uploaded
    names = [f"{n}/{secure_filename(upload.filename) or f'upload-{n}.txt'}" if upload and upload.filename else None
             for n, upload in enumerate((original, translation))]
    lang = fields.lang or None
    params = {
        "path": names[0], "translation": names[1], "lang": lang,
        "translation_lang": {"fr": "en", "en": "fr"}[lang] if lang and names[1] else None,
        "title": fields.title or None,
        "credits": fields.credits,
        "slug": fields.replace or None, "replace": bool(fields.replace),
        "max_bytes": current_app.config["MAX_CONTENT_LENGTH"],
        "limits": dataclasses.asdict(current_app.config["IMPORT_LIMITS"]),
        "owner_id": current_row().id, "owner_is_admin": current_row().is_admin,  # the text will be theirs
    }
    service.create_job(factory, name=names[0].split("/", 1)[1], params=params, workdir=workdir, job_id=job_id)
    try:
        for name, upload in zip(names, (original, translation)):
            if name:
                (workdir / name).parent.mkdir(parents=True, exist_ok=True)
                upload.save(workdir / name)
        queue.enqueue(job_id)
    except Exception as error:  # noqa: BLE001 - a full disk, the queue unreachable: say so, keep nothing
        current_app.logger.exception("could not queue import %s", job_id)
        service.fail(factory, job_id, f"the import could not be queued ({type(error).__name__})")
        service.remove_workdir(factory, job_id)
        return _form(f"The import could not be queued ({type(error).__name__}); nothing was stored.", 503)
    return redirect(url_for("teach.job", job_id=job_id))


@bp.app_errorhandler(413)
def too_large(_error):
    """An upload over MAX_CONTENT_LENGTH, or a form with too many fields: say which on the form rather than with a
    bare HTTP error page (werkzeug raises the same error for both)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length <= limit:
        parts = current_app.config.get("MAX_FORM_PARTS") or 1000
        return _form(f"The form has too many fields (over {parts:,}); nothing was stored.", 413)
    return _form(f"The upload is over the limit of {limit:,} bytes; nothing was stored.", 413)


def _job_or_404(job_id: str) -> service.JobView:
    """The job if this teacher started it (an admin: any job); 404 otherwise, as if there were none."""
    found = service.get_job(current_app.extensions["bireader.sessions"], job_id[:32])
    user = current_row()
    if found is None or not (user.is_admin or found.owner_id == user.id):
        abort(404, description="No such import.")
    return found


@bp.get("/jobs/<job_id>")
@teacher_only
def job(job_id: str):
    return render_template("teach/job.html", job=_job_or_404(job_id), **_formats())


@bp.get("/jobs/<job_id>.json")
@teacher_only
def job_json(job_id: str):
    """The job's state for scripts and pages that poll: state, stage, percent, messages, error, result."""
    return jsonify(_job_or_404(job_id).to_dict())
