"""The life of a job, as rows of the ``jobs`` table: created queued, started by a worker, progressing through the
import's stages, then done or failed; and the sweeps that keep it honest after a crash.

Every function takes a session factory and commits its own short transaction, so that the web process, the
worker and the job's own process can all write the row without holding a transaction open across the import.

    job_id = create_job(factory, name="carnets.txt", params={...}, workdir="/srv/uploads/ab12")
    start_attempt(factory, job_id, "host:123")        # queued -> running
    record_progress(factory, job_id, "glossing")       # stage "glossing", 60 %
    finish(factory, job_id, {"slug": "carnets", ...})  # -> done
"""

from __future__ import annotations

import os
import shutil
import socket
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bireader.jobs.models import ACTIVE, DONE, FAILED, QUEUED, RUNNING, Job
from bireader.store.db import transaction

# The import's progress messages start with their stage; each stage is this far through the whole import.
STAGE_PERCENT = {"reading": 10, "aligning": 40, "glossing": 60, "saving": 85, "saved": 100}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def stage_of(message: str, previous_percent: int = 0) -> tuple[str, int]:
    """``("glossing", 60)`` for "glossing"; the second file's "reading" moves on from the first's."""
    stage = message.split(" ", 1)[0].lower()
    percent = STAGE_PERCENT.get(stage, previous_percent)
    if stage == "reading" and previous_percent >= STAGE_PERCENT["reading"]:
        percent = 25
    return stage, max(percent, previous_percent)


@dataclass
class JobView:
    """A snapshot of a job for pages and JSON (no session attached)."""

    id: str
    name: str
    state: str
    stage: str
    percent: int
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    result: dict = field(default_factory=dict)
    owner_id: int | None = None  # the teacher who started it (bireader.web.teach shows it to them and admins only)

    @property
    def done(self) -> bool:
        return self.state in (DONE, FAILED)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "state": self.state, "stage": self.stage, "percent": self.percent,
                "messages": self.messages, "warnings": self.warnings, "error": self.error, "result": self.result}


def _view(job: Job) -> JobView:
    return JobView(job.id, job.name, job.state, job.stage, job.percent, list(job.messages or []),
                   list(job.warnings or []), job.error or "", dict(job.result or {}),
                   (job.params or {}).get("owner_id"))


def new_job_id() -> str:
    return uuid.uuid4().hex[:16]


def create_job(factory: sessionmaker[Session], *, name: str, params: dict, workdir: str | Path = "",
               job_id: str | None = None, kind: str = "import") -> str:
    job_id = job_id or new_job_id()
    with transaction(factory) as session:
        session.add(Job(id=job_id, kind=kind, name=name[:300], state=QUEUED, stage="queued", percent=0,
                        params=params, workdir=str(workdir), messages=[], warnings=[], error="", result={},
                        attempts=0, worker="", created=time.time(), heartbeat=0.0, finished=0.0))
    return job_id


def get_job(factory: sessionmaker[Session], job_id: str) -> JobView | None:
    with factory() as session:
        job = session.get(Job, job_id)
        return _view(job) if job is not None else None


def load_job(session: Session, job_id: str) -> Job | None:
    return session.get(Job, job_id)


def start_attempt(factory: sessionmaker[Session], job_id: str, worker: str) -> bool:
    """Queued -> running for ``worker``; False when the job is not queued (ended, or taken by another worker).

    One conditional UPDATE, so that two workers handed the same job (a queue may deliver twice) cannot both
    take it, on SQLite as on PostgreSQL."""
    with transaction(factory) as session:
        taken = session.execute(
            update(Job).where(Job.id == job_id, Job.state == QUEUED)
            .values(state=RUNNING, stage="starting", percent=0, attempts=Job.attempts + 1, worker=worker,
                    heartbeat=time.time())
        ).rowcount
        if taken:
            job = session.get(Job, job_id)
            if job.attempts == 1:
                job.messages = []
        return bool(taken)


def beat(factory: sessionmaker[Session], job_id: str) -> None:
    """The worker is alive and still running the job."""
    with transaction(factory) as session:
        job = session.get(Job, job_id)
        if job is not None and job.state == RUNNING:
            job.heartbeat = time.time()


def record_progress(factory: sessionmaker[Session], job_id: str, message: str) -> None:
    with transaction(factory) as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.stage, job.percent = stage_of(message, job.percent)
        job.messages = [*(job.messages or []), message]
        job.heartbeat = time.time()


def finish(factory: sessionmaker[Session], job_id: str, result: dict, warnings: list[str] = ()) -> None:
    with transaction(factory) as session:
        job = session.get(Job, job_id)
        job.state, job.stage, job.percent = DONE, "done", 100
        job.result, job.warnings, job.finished = result, list(warnings), time.time()


def fail(factory: sessionmaker[Session], job_id: str, error: str, warnings: list[str] = ()) -> None:
    """The job ended without storing anything; ``error`` is the one line the teacher reads."""
    with transaction(factory) as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.state, job.stage = FAILED, "failed"
        job.error = error.strip().splitlines()[0] if error.strip() else "the import failed"
        job.warnings, job.finished = list(warnings), time.time()


def recover_stale_jobs(factory: sessionmaker[Session], stale_s: float, attempts: int,
                       now: float | None = None) -> list[str]:
    """Running jobs whose worker stopped beating (killed, machine lost): back to the queue while they have
    attempts left and their files, else failed. Returns the ids to enqueue again."""
    now = time.time() if now is None else now
    again = []
    with transaction(factory) as session:
        stale = session.scalars(select(Job).where(Job.state == RUNNING, Job.heartbeat < now - stale_s)).all()
        for job in stale:
            if job.attempts < attempts and (not job.workdir or Path(job.workdir).is_dir()):
                job.state, job.stage, job.percent = QUEUED, "queued", 0
                job.messages = [*(job.messages or []), "the worker stopped; the import starts again"]
                again.append(job.id)
            else:
                job.state, job.stage, job.finished = FAILED, "failed", now
                job.error = (f"{job.name}: the worker running this import stopped "
                             f"({job.attempts} attempt{'s' if job.attempts != 1 else ''}); nothing was stored")
    return again


def remove_workdir(factory: sessionmaker[Session], job_id: str) -> None:
    """Remove the files uploaded for an ended job."""
    with factory() as session:
        job = session.get(Job, job_id)
        workdir = job.workdir if job is not None and job.state not in ACTIVE else ""
    if workdir:
        shutil.rmtree(workdir, ignore_errors=True)


def sweep_uploads(factory: sessionmaker[Session], upload_folder: Path) -> list[Path]:
    """Remove the upload folders that no queued or running job needs (left by a server killed mid-import)."""
    if not upload_folder.is_dir():
        return []
    with factory() as session:
        needed = {Path(w).resolve() for w in session.scalars(select(Job.workdir).where(Job.state.in_(ACTIVE)))
                  if w}
    removed = []
    for entry in upload_folder.iterdir():
        if entry.resolve() in needed:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed
