"""The Flask application factory: configuration, database, blueprints.

Configuration comes, last one winning, from defaults, ``<instance>/config.toml`` if present, the environment
(``DATABASE_URL``, ``BIREADER_SECRET_KEY``) and the ``config`` mapping passed in (tests pass
``{"TESTING": True, "DATABASE_URL": "sqlite://..."}``).
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path

from flask import Flask, g

from bireader import __version__, settings
from bireader.document import LOW_CONFIDENCE
from bireader.store.db import database_url, open_engine, session_factory

ROOT = Path(__file__).resolve().parents[2]


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        "bireader",
        template_folder=str(ROOT / "templates"),
        static_folder=str(Path(__file__).with_name("static")),
        instance_relative_config=True,
    )
    app.config.update(
        SECRET_KEY=os.environ.get("BIREADER_SECRET_KEY") or instance_secret_key(Path(app.instance_path)),
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        MAX_FORM_PARTS=200,  # the import form has 7 fields; werkzeug's default is 1,000
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.config.update(settings.DEFAULTS)
    config_file = Path(app.instance_path) / "config.toml"
    if config_file.exists():
        app.config.update(tomllib.loads(config_file.read_text("utf-8")))
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    from bireader.ingest.limits import Limits

    if not isinstance(app.config.get("IMPORT_LIMITS"), Limits):  # a [IMPORT_LIMITS] table in config.toml
        app.config["IMPORT_LIMITS"] = Limits.from_mapping(app.config.get("IMPORT_LIMITS"))
    url = app.config.get("DATABASE_URL") or database_url(app.instance_path)
    app.config["DATABASE_URL"] = url

    engine = open_engine(url)
    app.extensions["bireader.db"] = engine
    app.extensions["bireader.sessions"] = session_factory(engine)

    @app.teardown_appcontext
    def close_session(_error=None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()

    @app.context_processor
    def version() -> dict:
        return {"bireader_version": __version__, "LOW_CONFIDENCE": LOW_CONFIDENCE}

    from bireader.web.library.routes import bp as library_bp
    from bireader.web.read.routes import bp as read_bp

    from bireader.web.teach.routes import bp as teach_bp

    app.register_blueprint(library_bp)
    app.register_blueprint(read_bp)
    app.register_blueprint(teach_bp)
    from bireader.web.learner.routes import bp as learner_bp  # reader features: learner API, vocabulary
    from bireader.web.export.routes import bp as export_bp
    from bireader.web.vocab.routes import bp as vocab_bp

    app.register_blueprint(learner_bp)
    app.register_blueprint(vocab_bp)
    app.register_blueprint(export_bp)
    from bireader.web.review.routes import bp as review_bp  # teachers fix the alignment
    app.register_blueprint(review_bp)
    from bireader.web.auth.access import init_access  # accounts, CSRF, single-user mode: bireader.web.auth
    from bireader.web.auth.routes import bp as auth_bp
    from bireader.web.classroom.routes import bp as classroom_bp

    init_access(app)
    app.register_blueprint(auth_bp)
    app.register_blueprint(classroom_bp)
    from bireader.web import serving  # security headers, Server header, /healthz, reverse proxy

    serving.init_app(app)
    from bireader.web.study.routes import bp as study_bp  # learners review the words they are learning
    app.register_blueprint(study_bp)
    from bireader.web.site import init_site  # 404 page, favicon, compression, static cache headers

    init_site(app)
    from werkzeug.exceptions import HTTPException

    from bireader.web.validation import json_errors  # the JSON API answers its errors in JSON, 500s included
    app.register_error_handler(HTTPException, json_errors)
    return app


def instance_secret_key(instance: Path) -> str:
    """The key that signs sessions, created once in ``<instance>/secret_key`` (readable by its owner only), so that
    a restart does not log everyone out or void open forms. ``BIREADER_SECRET_KEY`` in the environment wins."""
    path = instance / "secret_key"
    try:
        return path.read_text("ascii").strip()
    except FileNotFoundError:
        pass
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    draft = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(key + "\n")
    try:
        os.link(draft, path)  # atomic: whole or absent; when another process won the race, use its key
    except FileExistsError:
        key = path.read_text("ascii").strip()
    finally:
        draft.unlink()
    return key


def db():
    """The request's database session."""
    from flask import current_app

    if "db" not in g:
        g.db = current_app.extensions["bireader.sessions"]()
    return g.db
