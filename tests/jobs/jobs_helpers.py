"""Helpers of the job tests (a module of its own name: several test folders have a conftest.py)."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("BIREADER_TEST_REDIS_URL", "")
BIREADER = str(Path(sys.executable).with_name("bireader"))
FRENCH = ROOT / "french" / "serge_carnets_partial.fr.txt"
CANDIDE_FR = ROOT / "french" / "voltaire_candide_ch1-6.fr.txt"
CANDIDE_EN = ROOT / "seeds" / "voltaire_candide_ch1-6.en.txt"


def environment(config: dict, **extra) -> dict:
    """The environment of a `bireader worker` that shares ``config``'s database, queue and upload folder."""
    env = dict(os.environ)
    env.update(DATABASE_URL=config["DATABASE_URL"], BIREADER_UPLOAD_FOLDER=config["UPLOAD_FOLDER"],
               BIREADER_JOB_QUEUE_FILE=config["JOB_QUEUE_FILE"], BIREADER_JOB_QUEUE_NAME=config["JOB_QUEUE_NAME"],
               REDIS_URL=config["REDIS_URL"], PYTHONUNBUFFERED="1")
    env.update({key: str(value) for key, value in extra.items()})
    return env


def new_import_job(queue, *files: Path, **params) -> str:
    """A job as the import form creates it: its row, then its files in its own upload folder."""
    from bireader.jobs import service

    job_id = service.new_job_id()
    workdir = queue.settings.upload_folder / job_id
    names = [f"{n}/{path.name}" for n, path in enumerate(files)]
    service.create_job(queue.factory, name=files[0].name, workdir=workdir, job_id=job_id, params={
        "path": names[0], "translation": names[1] if len(names) > 1 else None, **params})
    for name, path in zip(names, files):
        (workdir / name).parent.mkdir(parents=True)
        shutil.copy(path, workdir / name)
    return job_id


def start_worker(config: dict, **extra) -> subprocess.Popen:
    """`bireader worker` in its own process group, so that a test can kill -9 it with the import it runs."""
    return subprocess.Popen([BIREADER, "worker"], env=environment(config, **extra),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def wait_for(condition, timeout: float = 240, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
