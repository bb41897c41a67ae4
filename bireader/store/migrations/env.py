"""Alembic environment: migrations run on the connection handed over by :func:`bireader.store.db.upgrade`."""

from alembic import context
from sqlalchemy import create_engine

from bireader.store.models import Base
import bireader.learner.models  # noqa: E402,F401  (learner tables join the metadata)
import bireader.accounts.models  # noqa: E402,F401
import bireader.classroom.models  # noqa: E402,F401
import bireader.jobs.models  # noqa: E402,F401  (the durable job table joins the metadata)

config = context.config
target_metadata = Base.metadata

connection = config.attributes.get("connection")
if connection is None:  # `alembic` on the command line: use the URL of the config or DATABASE_URL
    import os

    url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).begin() as own_connection:
        context.configure(connection=own_connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
