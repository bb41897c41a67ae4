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

from bireader import __version__
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
        SECRET_KEY=os.environ.get("BIREADER_SECRET_KEY") or secrets.token_hex(16),
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
    )
    config_file = Path(app.instance_path) / "config.toml"
    if config_file.exists():
        app.config.update(tomllib.loads(config_file.read_text("utf-8")))
    app.config.update(config or {})
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
    from bireader.web.study.routes import bp as study_bp  # learners review the words they are learning
    app.register_blueprint(study_bp)
    from bireader.web.site import init_site  # 404 page, favicon, compression, static cache headers

    init_site(app)
    return app


def db():
    """The request's database session."""
    from flask import current_app

    if "db" not in g:
        g.db = current_app.extensions["bireader.sessions"]()
    return g.db
