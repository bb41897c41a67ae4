"""Database connection and schema migrations.

The default database is a SQLite file in Flask's instance folder; ``DATABASE_URL`` overrides it (any URL that
SQLAlchemy accepts). The schema is created and upgraded by Alembic migrations (``bireader/store/migrations``),
run automatically when the app or the command line opens a database.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(instance_path: str | Path) -> str:
    """``DATABASE_URL`` if set, else ``sqlite:///<instance>/bireader.sqlite``."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'bireader.sqlite'}"


SQLITE_BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another's transaction instead of "database is locked"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at each checkpoint, consistent always
    cursor.close()


def open_engine(url: str, *, migrate: bool = True) -> Engine:
    """An engine on ``url`` whose schema is migrated to the newest revision (unless ``migrate`` is False).

    SQLite gets WAL, a busy timeout and foreign keys; PostgreSQL (``postgresql+psycopg://``) a pool that checks
    its connections before use, so that a restarted database server costs one retry, not an error page.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    if migrate:
        upgrade(engine)
    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # several web processes and workers start at once
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # every feature's tables join the metadata before the first session (foreign keys name them)
    import bireader.accounts.models  # noqa: F401
    import bireader.classroom.models  # noqa: F401
    import bireader.learner.models  # noqa: F401

    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed together, or rolled back whole on any error."""
    with factory() as session:
        with session.begin():
            yield session
