"""``bireader worker``: run queued jobs (imports from the browser) apart from the web server."""

from __future__ import annotations

import logging

import click


@click.command("worker")
@click.option("--workers", type=int, help="Jobs run at once (default: $BIREADER_JOB_WORKERS or 1); each job runs in "
                                          "its own process under the memory and time budget.")
def worker_command(workers: int | None) -> None:
    """Run the jobs of the queue: Redis when REDIS_URL is set (any number of workers, on any machine that reaches
    Redis, the database and the upload folder), else the SQLite queue of the instance folder.

    Example: REDIS_URL=redis://queue:6379/0 DATABASE_URL=postgresql+psycopg://bireader@db/bireader bireader worker
    """
    from bireader.jobs.queue import start_consumer
    from bireader.web.app import create_app
    from bireader.web.teach.jobs import job_queue

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app({"JOB_WORKERS": workers} if workers else None)
    queue = job_queue(app)
    where = "Redis" if queue.settings.redis_url else f"SQLite queue {queue.settings.queue_file}"
    click.echo(f"bireader worker: {queue.settings.workers} at once, from {where}", err=True)
    start_consumer(queue, embedded=False).run()
