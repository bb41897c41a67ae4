"""The library: every text with its languages, size and credits."""

from flask import Blueprint, render_template

from bireader.classroom.service import can_manage, visible_texts
from bireader.store.library import summarise
from bireader.web.app import db
from bireader.web.auth.access import current_row

bp = Blueprint("library", __name__)


@bp.get("/")
def index():
    """The texts this visitor may read (see bireader.classroom.service.visible); owners get their links."""
    user = current_row()
    texts = visible_texts(db(), user)
    managed = {t.slug for t in texts if can_manage(user, t)}
    return render_template("library/index.html", texts=[summarise(t) for t in texts], managed=managed,
                           public={t.slug for t in texts if t.public})
