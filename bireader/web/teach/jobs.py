"""The app's job queue, built on first use from the app's settings (see :mod:`bireader.jobs.queue`).

``IMPORT_SYNCHRONOUS`` (tests) runs each job at once, inside the request, still in its own process.
"""

from __future__ import annotations

import threading

from flask import Flask

from bireader.jobs.queue import JobQueue, make_queue
from bireader.settings import JobSettings

_lock = threading.Lock()


def job_settings(app: Flask) -> JobSettings:
    return JobSettings.from_config(app.config, app.instance_path)


def job_queue(app: Flask) -> JobQueue:
    with _lock:
        queue = app.extensions.get("bireader.jobs")
        if queue is None:
            queue = make_queue(job_settings(app), app.extensions["bireader.sessions"],
                               immediate=bool(app.config.get("IMPORT_SYNCHRONOUS")),
                               name=app.config.get("JOB_QUEUE_NAME", "bireader"))
            app.extensions["bireader.jobs"] = queue
        return queue
