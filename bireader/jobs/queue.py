"""The job queue: Huey, on SQLite for one machine or on Redis for several, carrying job ids to workers.

:func:`make_queue` builds the Huey instance from :class:`~bireader.settings.JobSettings` and registers the tasks:

- ``run_import(job_id)``: run a job (:func:`bireader.jobs.runner.run_job`);
- ``recover()`` every minute: jobs whose worker died go back to the queue or fail.

Without ``REDIS_URL`` the queue is a SQLite file in the instance folder (``SqliteHuey``) and ``bireader serve``
runs a consumer in its own process (:func:`start_embedded_consumer`); with it, the queue is Redis (``RedisHuey``)
and ``bireader worker`` processes, on any machine that reaches Redis and the database, run the jobs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from sqlalchemy.orm import Session, sessionmaker

from bireader.jobs import runner, service
from bireader.settings import JobSettings

log = logging.getLogger(__name__)


@dataclass
class JobQueue:
    huey: Huey
    settings: JobSettings
    factory: sessionmaker[Session]
    run_import: object  # the Huey task
    recover: object  # the periodic Huey task

    def enqueue(self, job_id: str) -> None:
        self.run_import(job_id)

    def recover_now(self) -> list[str]:
        """Re-enqueue the jobs whose worker died, fail those out of attempts, sweep upload leftovers."""
        again = service.recover_stale_jobs(self.factory, self.settings.stale_s, self.settings.attempts)
        for job_id in again:
            self.enqueue(job_id)
        removed = service.sweep_uploads(self.factory, self.settings.upload_folder)
        if again or removed:
            log.warning("recovered %d job(s) from a dead worker, removed %d upload leftover(s)", len(again),
                        len(removed))
        return again


def make_queue(settings: JobSettings, factory: sessionmaker[Session], *, immediate: bool = False,
               name: str = "bireader") -> JobQueue:
    if settings.redis_url:
        huey = RedisHuey(name, url=settings.redis_url, immediate=immediate)
    else:
        if not immediate:
            settings.queue_file.parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(name, filename=str(settings.queue_file), immediate=immediate)

    @huey.task(name="run_import")
    def run_import(job_id: str) -> None:
        runner.run_job(settings, factory, job_id)

    queue = JobQueue(huey, settings, factory, run_import, None)

    @huey.periodic_task(crontab(minute="*"), name="recover")
    def recover() -> None:
        queue.recover_now()

    queue.recover = recover
    return queue


class EmbeddedConsumer(Consumer):
    """A consumer inside the web server's process: its threads stop with the process, and it leaves the
    process's signals to the server."""

    def _set_signal_handlers(self) -> None:
        pass


def start_consumer(queue: JobQueue, *, embedded: bool) -> Consumer:
    """Recover what a previous run left, then start ``settings.workers`` worker threads (each job still runs in
    its own process) and the scheduler of the periodic recovery."""
    queue.recover_now()
    consumer_class = EmbeddedConsumer if embedded else Consumer
    consumer = consumer_class(queue.huey, workers=queue.settings.workers, periodic=True, worker_type="thread",
                              check_worker_health=not embedded)
    if embedded:
        consumer.start()
    return consumer
