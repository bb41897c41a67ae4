"""Settings of the servers and queues, in one place: names, defaults, and the environment variables that set them.

The app factory starts from :data:`DEFAULTS`, then ``<instance>/config.toml``, then the environment (the variables
below), then the mapping passed to ``create_app`` (tests). docs/deploy.md lists them for administrators.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# config key -> (environment variable, default, type)
SETTINGS: dict[str, tuple[str, object, type]] = {
    "REDIS_URL": ("REDIS_URL", "", str),  # set: jobs go through Redis (RedisHuey), run by `bireader worker`
    "JOB_QUEUE_NAME": ("BIREADER_JOB_QUEUE_NAME", "bireader", str),  # the queue's name (several apps, one Redis)
    "JOB_QUEUE_FILE": ("BIREADER_JOB_QUEUE_FILE", "", str),  # SqliteHuey's file (default <instance>/job-queue.sqlite)
    "UPLOAD_FOLDER": ("BIREADER_UPLOAD_FOLDER", "", str),  # uploads wait here for their job (default <instance>/uploads)
    "JOB_MEMORY_MB": ("BIREADER_JOB_MEMORY_MB", 4096, int),  # address-space cap of the process running one import
    "JOB_TIME_S": ("BIREADER_JOB_TIME_S", 1800, int),  # wall-clock cap of one import
    "JOB_WORKERS": ("BIREADER_JOB_WORKERS", 1, int),  # imports run at once by one worker (each in its own process)
    "JOB_STALE_S": ("BIREADER_JOB_STALE_S", 60, float),  # a running job without heartbeat for this long lost its worker
    "JOB_ATTEMPTS": ("BIREADER_JOB_ATTEMPTS", 2, int),  # runs of a job whose worker died before it is marked failed
    "SERVER_THREADS": ("BIREADER_THREADS", 8, int),  # waitress threads of `bireader serve`
    "BEHIND_PROXY": ("BIREADER_BEHIND_PROXY", False, bool),  # trust X-Forwarded-*, Secure cookies (HTTPS proxy)
}
DEFAULTS = {key: default for key, (_env, default, _type) in SETTINGS.items()}


def from_environment(environ=os.environ) -> dict:
    """The settings that the environment sets, converted to their types."""
    found = {}
    for key, (variable, _default, kind) in SETTINGS.items():
        value = environ.get(variable)
        if value:
            found[key] = value.strip().lower() in ("1", "true", "yes", "on") if kind is bool else kind(value)
    return found


@dataclass(frozen=True)
class JobSettings:
    """What the queue, the worker and the job's own process need to know, read from an app's config."""

    database_url: str
    redis_url: str
    queue_file: Path
    upload_folder: Path
    memory_mb: int
    time_s: int
    workers: int
    stale_s: float
    attempts: int
    heartbeat_s: float = 2.0

    @classmethod
    def from_config(cls, config, instance_path: str | Path) -> "JobSettings":
        instance = Path(instance_path)
        return cls(
            database_url=config["DATABASE_URL"],
            redis_url=config.get("REDIS_URL") or "",
            queue_file=Path(config.get("JOB_QUEUE_FILE") or instance / "job-queue.sqlite"),
            upload_folder=Path(config.get("UPLOAD_FOLDER") or instance / "uploads"),
            memory_mb=int(config.get("JOB_MEMORY_MB") or DEFAULTS["JOB_MEMORY_MB"]),
            time_s=int(config.get("JOB_TIME_S") or DEFAULTS["JOB_TIME_S"]),
            workers=int(config.get("JOB_WORKERS") or 1),
            stale_s=float(config.get("JOB_STALE_S") or DEFAULTS["JOB_STALE_S"]),
            attempts=int(config.get("JOB_ATTEMPTS") or DEFAULTS["JOB_ATTEMPTS"]),
        )
