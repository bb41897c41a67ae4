"""What every page of the site shares, set up once by the app factory: the styled 404 page with a way back,
the favicon, compressed responses, cache headers on static files and the template filters ``plural`` and
``engine_for`` (the engine of one side of a text, see :mod:`bireader.nlp.versions`).

Compression is Flask-Compress (a kept-up Flask extension; brotli, gzip or zstd as the browser asks) rather
than our own middleware: it handles ``Vary``, ETags and streamed static files, which a hand-written one would
have to get right again. A production server in front may compress too; it then sees ``Content-Encoding`` set
and leaves the response alone.
"""

from __future__ import annotations

from flask import Flask, render_template, request, send_from_directory
from flask_compress import Compress
from werkzeug.exceptions import HTTPException, NotFound

from bireader.nlp.versions import engine_for_language
from bireader.plural import plural

STATIC_MAX_AGE = 24 * 3600  # static files: a day in the browser's cache, then revalidated through their ETag


def init_site(app: Flask) -> None:
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:  # (Flask's default: no max-age, revalidate each time)
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = STATIC_MAX_AGE
    # static files are sent as streams: let those be gzipped too (Flask-Compress leaves gzip out by default)
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["zstd", "br", "gzip", "deflate"])
    Compress(app)
    app.add_template_filter(plural)
    app.add_template_filter(engine_for_language, "engine_for")
    app.register_error_handler(404, not_found)

    @app.get("/favicon.ico")
    def favicon():
        return send_from_directory(app.static_folder, "favicon.svg", mimetype="image/svg+xml")


def not_found(error: NotFound) -> HTTPException | tuple[str, int]:
    """A page that says what was not found and offers a way back: the text's last page when the text exists
    (a page number past the end), else the library. JSON clients keep the plain error."""
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return error
    text = None
    slug = (request.view_args or {}).get("slug")
    if slug:
        from bireader.store.library import get_text
        from bireader.web.app import db

        text = get_text(db(), slug)
    return render_template("errors/404.html", message=error.description, text=text), 404
