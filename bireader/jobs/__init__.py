"""Durable jobs: long work (imports from the browser) queued with Huey, its state in the database, each run in its
own process under a memory and time budget. See :mod:`bireader.jobs.queue` and docs/deploy.md."""
