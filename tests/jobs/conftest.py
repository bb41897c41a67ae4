"""An app whose jobs queue in a temporary SQLite file, or in Redis when BIREADER_TEST_REDIS_URL is set (the
PostgreSQL + Redis pass of `make test`), with its uploads in a temporary folder."""

import uuid

import pytest
from jobs_helpers import REDIS


@pytest.fixture
def job_config(database_url, tmp_path):
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "JOB_QUEUE_FILE": str(tmp_path / "queue.sqlite"),
        "JOB_QUEUE_NAME": f"bireader-test-{uuid.uuid4().hex[:8]}",
        "REDIS_URL": REDIS,
    }


@pytest.fixture
def job_app(job_config):
    from bireader.web.app import create_app

    return create_app(job_config)


@pytest.fixture
def queue(job_app):
    from bireader.web.teach.jobs import job_queue

    return job_queue(job_app)
