"""Download a text's alignment: ``/export/<slug>.tsv`` (every bead) and ``/export/<slug>.tmx`` (TMX 1.4), and the
whole text as ``/export/<slug>.json`` (schema in docs/ingest.md)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort

from bireader.export.alignment import alignment_tmx, alignment_tsv
from bireader.web.app import db
from bireader.web.auth.access import readable_text
from bireader.web.learner.routes import bead_cache

bp = Blueprint("export", __name__, url_prefix="/export")


def _text(slug: str):
    return readable_text(slug)


def _download(body: str, content_type: str, filename: str) -> Response:
    # slugs are checked when stored (bireader.fields), but a name from an older database must not break the header
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    # content_type, not mimetype: Flask would append a second "; charset=utf-8"
    return Response(body, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{safe}"'})


@bp.get("/<slug>.tsv")
def tsv(slug: str):
    text = _text(slug)
    target = text.target.lang if text.target is not None else ""
    body = alignment_tsv(bead_cache().beads(db(), text), text.source.lang, target)
    return _download(body, "text/tab-separated-values; charset=utf-8", f"{text.slug}.tsv")


@bp.get("/<slug>.tmx")
def tmx(slug: str):
    text = _text(slug)
    if text.target is None:
        abort(404, description=f"{text.title!r} has one language: there is no alignment to export as TMX.")
    body = alignment_tmx(bead_cache().beads(db(), text), text.source.lang, text.target.lang, text.title)
    return _download(body, "application/x-tmx+xml; charset=utf-8", f"{text.slug}.tmx")


@bp.get("/<slug>.json")
def text_json(slug: str):
    import json

    from bireader.export.text_json import text_json as build

    text = _text(slug)
    body = json.dumps(build(db(), text), ensure_ascii=False, indent=1) + "\n"
    return _download(body, "application/json; charset=utf-8", f"{text.slug}.json")
