"""The ``jobs`` table: the durable state of long work (an import from the browser), whatever queue runs it.

The queue (Huey) only carries a job's id; everything a teacher sees (queued, running with its stage and percent,
done with the saved text, failed with a one-line reason) lives in this row, in the library's own database, so it
survives a restart of the server or the worker. ``heartbeat`` (seconds since the epoch, a float so that SQLite and
PostgreSQL compare it alike) is refreshed while a worker runs the job: a running job whose heartbeat is old lost
its worker and is retried or failed by :func:`bireader.jobs.service.recover_stale_jobs`.
"""

from __future__ import annotations

from sqlalchemy import JSON, Float, Integer, String, Text as SqlText
from sqlalchemy.orm import Mapped, mapped_column

from bireader.store.models import Base

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="import")
    name: Mapped[str] = mapped_column(String(300), default="")  # what the teacher sees: the uploaded file's name
    state: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    stage: Mapped[str] = mapped_column(String(40), default="")
    percent: Mapped[int] = mapped_column(Integer, default=0)
    params: Mapped[dict] = mapped_column(JSON, default=dict)  # the import request, paths relative to workdir
    workdir: Mapped[str] = mapped_column(String(500), default="")  # the uploaded files, removed when the job ends
    messages: Mapped[list] = mapped_column(JSON, default=list)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    error: Mapped[str] = mapped_column(SqlText, default="")
    result: Mapped[dict] = mapped_column(JSON, default=dict)  # the saved text: slug, title, page_count, sentence_counts
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str] = mapped_column(String(200), default="")  # host:pid of the worker running it
    created: Mapped[float] = mapped_column(Float, default=0.0)
    heartbeat: Mapped[float] = mapped_column(Float, default=0.0)
    finished: Mapped[float] = mapped_column(Float, default=0.0)

    @property
    def done(self) -> bool:
        return self.state in (DONE, FAILED)
