"""Run one job in its own process, under a memory and a time budget, so that no input can take the server down.

The worker (a Huey task) calls :func:`run_job`: it marks the job running, starts ``python -m bireader.jobs.child``
with the job's id, and waits, refreshing the job's heartbeat. The child caps its own address space
(``RLIMIT_AS``), reads the job's parameters from the database, imports, and records the outcome. If the child
is killed (out of memory, over time, a crash in native code), the job still ends, failed with one line saying
why; and whatever happened, the job's uploaded files are removed when it ends.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

from sqlalchemy.orm import Session, sessionmaker

from bireader.jobs import service
from bireader.jobs.models import RUNNING
from bireader.settings import JobSettings

log = logging.getLogger(__name__)


def child_command(job_id: str) -> list[str]:
    return [sys.executable, "-m", "bireader.jobs.child", job_id]


def child_environment(settings: JobSettings) -> dict:
    env = dict(os.environ)
    env["DATABASE_URL"] = settings.database_url
    env["BIREADER_JOB_MEMORY_MB"] = str(settings.memory_mb)
    return env


def run_job(settings: JobSettings, factory: sessionmaker[Session], job_id: str) -> str | None:
    """Run the job if it is queued; returns its final state (None if another worker had it)."""
    if not service.start_attempt(factory, job_id, service.worker_name()):
        return None
    name = service.get_job(factory, job_id).name
    started = time.monotonic()
    reason = ""
    try:
        child = subprocess.Popen(child_command(job_id), env=child_environment(settings))
        while True:
            try:
                code = child.wait(timeout=settings.heartbeat_s)
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() - started > settings.time_s:
                    child.kill()
                    child.wait()
                    reason = (f"{name}: the import took longer than its time budget of {settings.time_s} s "
                              "and was stopped; nothing was stored")
                    break
                service.beat(factory, job_id)
        if not reason and code != 0:
            reason = _death_reason(name, code, settings)
    except OSError as error:  # the child could not even start
        reason = f"{name}: the import could not start ({error})"
    finally:
        job = service.get_job(factory, job_id)
        if job is not None and job.state == RUNNING:
            service.fail(factory, job_id, reason or f"{name}: the import stopped without a result; nothing was stored")
        service.remove_workdir(factory, job_id)
    return service.get_job(factory, job_id).state


def _death_reason(name: str, code: int, settings: JobSettings) -> str:
    from bireader.jobs.child import OUT_OF_MEMORY

    if code == OUT_OF_MEMORY:
        return f"{name}: the import needed more than its memory budget of {settings.memory_mb} MB; nothing was stored"
    if code < 0:
        how = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
        return (f"{name}: the import was stopped ({how}), most likely over its memory budget of "
                f"{settings.memory_mb} MB; nothing was stored")
    return f"{name}: the import stopped with exit code {code} (over its memory budget of {settings.memory_mb} MB?); " \
           "nothing was stored"
