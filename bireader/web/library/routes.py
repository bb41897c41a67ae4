"""The library: every text with its languages, size and credits."""

from flask import Blueprint, render_template

from bireader.store.library import list_texts
from bireader.web.app import db

bp = Blueprint("library", __name__)


@bp.get("/")
def index():
    return render_template("library/index.html", texts=list_texts(db()))
