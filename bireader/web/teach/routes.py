"""Teachers import texts from the browser: one file, or an original and its translation, in any format of
bireader.ingest (an aligned TSV or TMX file alone keeps its beads).

The form's fields are checked by :class:`bireader.web.validation.ImportForm` (title, credits, language, which
text to replace); a bad one shows the form again with one line and a 400. A new import never replaces a text by
accident: its slug is made unique; replacing takes choosing the text *and* ticking the confirmation.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.utils import secure_filename

from bireader.importer import ImportRequest
from bireader.ingest.formats import CONVERT_HINT, accept_attribute, accepted_sentence
from bireader.store.library import get_text, list_texts
from bireader.web.app import db
from bireader.web.csrf import csrf_token, csrf_valid
from bireader.web.validation import ImportForm, parse
from bireader.web.teach.jobs import JobRegistry

bp = Blueprint("teach", __name__, url_prefix="/import")


def _jobs() -> JobRegistry:
    return current_app.extensions.setdefault("bireader.jobs", JobRegistry())


def _form(error: str | None = None, status: int = 200, replace: str = ""):
    return render_template("teach/import.html", csrf=csrf_token(), error=error, accept=accept_attribute(),
                           texts=list_texts(db()), replace=replace, **_formats()), status


def _formats() -> dict:
    return {"accepted": accepted_sentence(), "convert_hint": CONVERT_HINT}


def may_replace(text) -> bool:
    """May this request replace ``text``? Everyone may until accounts exist; the owner check goes here."""
    return True


@bp.get("/")
def form():
    return _form()


@bp.post("/")
def start():
    if not csrf_valid():
        return _form("The form expired; please submit it again.", 400)
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
    workdir = Path(tempfile.mkdtemp(prefix="upload-", dir=_upload_root()))
    paths = []
    for n, upload in enumerate((original, translation)):
        if upload is None or not upload.filename:
            paths.append(None)
            continue
        name = secure_filename(upload.filename) or f"upload-{n}.txt"
        path = workdir / str(n) / name  # a folder per upload: messages name the file as it was uploaded
        path.parent.mkdir()
        upload.save(path)
        paths.append(path)
    lang = fields.lang or None
    import_request = ImportRequest(
        path=paths[0], translation=paths[1], lang=lang,
        translation_lang={"fr": "en", "en": "fr"}[lang] if lang and paths[1] else None,
        title=fields.title or None,
        credits=fields.credits,
        slug=fields.replace or None, replace=bool(fields.replace),
        max_bytes=current_app.config["MAX_CONTENT_LENGTH"],
        limits=current_app.config["IMPORT_LIMITS"],
    )
    job = _jobs().start(current_app.extensions["bireader.sessions"], import_request, workdir,
                        wait=current_app.config.get("IMPORT_SYNCHRONOUS", False))
    return redirect(url_for("teach.job", job_id=job.id))


@bp.app_errorhandler(413)
def too_large(_error):
    """An upload over MAX_CONTENT_LENGTH, or a form with too many fields: say which on the form rather than with a
    bare HTTP error page (werkzeug raises the same error for both)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length <= limit:
        parts = current_app.config.get("MAX_FORM_PARTS") or 1000
        return _form(f"The form has too many fields (over {parts:,}); nothing was stored.", 413)
    return _form(f"The upload is over the limit of {limit:,} bytes; nothing was stored.", 413)


@bp.get("/jobs/<job_id>")
def job(job_id: str):
    found = _jobs().get(job_id)
    if found is None:
        abort(404, description="No such import (imports are forgotten when the server restarts).")
    return render_template("teach/job.html", job=found, **_formats())


def _upload_root() -> Path:
    root = Path(current_app.instance_path) / "uploads"
    root.mkdir(parents=True, exist_ok=True)
    return root
