"""kill -9 at any moment of an import leaves no partial text and the library intact; a job whose worker was
killed runs again on the next worker. Real processes, really killed, on SQLite and (second pass of `make test`)
PostgreSQL + Redis."""

import os
import signal
import subprocess

from jobs_helpers import BIREADER, CANDIDE_EN, CANDIDE_FR, FRENCH, environment, new_import_job, start_worker, wait_for
from sqlalchemy import func, select

from bireader.jobs import service
from bireader.jobs.models import DONE, QUEUED, RUNNING
from bireader.store.library import list_texts
from bireader.store.models import BeadRow, SentenceRow, Side, Text


def library(factory) -> dict:
    """Every text with its sentence and bead counts: what a reader could see."""
    with factory() as session:
        rows = session.execute(
            select(Text.slug, Text.page_count,
                   select(func.count()).select_from(SentenceRow).join(Side).where(Side.text_id == Text.id)
                   .scalar_subquery(),
                   select(func.count()).select_from(BeadRow).where(BeadRow.text_id == Text.id).scalar_subquery())
        ).all()
    return {slug: (pages, sentences, beads) for slug, pages, sentences, beads in rows}


def assert_whole_or_absent(factory, slug: str, before: dict) -> None:
    after = library(factory)
    assert {k: v for k, v in after.items() if k != slug} == before  # the rest of the library is untouched
    if slug in after:  # the kill came after the commit: then the text is complete
        pages, sentences, beads = after[slug]
        with factory() as session:
            sides = session.scalars(select(Side).join(Text).where(Text.slug == slug)).all()
            assert sentences == sum(side.sentence_count for side in sides) > 0
        assert pages > 0 and beads > 0


def test_kill_9_of_an_import_at_any_stage_leaves_no_partial_text(job_config, sessions):
    env = environment(job_config)
    subprocess.run([BIREADER, "import", str(FRENCH), "--slug", "carnets"], env=env, check=True,
                   capture_output=True)
    before = library(sessions)
    assert before["carnets"][1] > 0
    command = [BIREADER, "import", str(CANDIDE_FR), "--translation", str(CANDIDE_EN), "--slug", "candide"]
    for stage in ("aligning", "glossing", "saving"):  # "saving": killed inside the transaction that stores it
        process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        for line in process.stderr:
            if line.strip().startswith(stage):
                process.send_signal(signal.SIGKILL)
                break
        process.wait()
        assert process.returncode == -signal.SIGKILL, f"the import ended before it could be killed at {stage}"
        assert_whole_or_absent(sessions, "candide", before)


def test_a_job_whose_worker_is_killed_runs_again_on_the_next_worker(job_config, queue):
    job_id = new_import_job(queue, CANDIDE_FR, CANDIDE_EN, title="Candide")
    queue.enqueue(job_id)
    worker = start_worker(job_config)
    try:
        wait_for(lambda: service.get_job(queue.factory, job_id).stage == "glossing")
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and the import it runs
        worker.wait()
        job = service.get_job(queue.factory, job_id)
        assert job.state == RUNNING and library(queue.factory) == {}
        assert (queue.settings.upload_folder / job_id).is_dir()  # kept: the job has not ended

        worker = start_worker(job_config, BIREADER_JOB_STALE_S=1)  # a worker starting sweeps dead jobs
        job = wait_for(lambda: (j := service.get_job(queue.factory, job_id)).done and j)
        assert job.state == DONE, job.error
        assert "the worker stopped; the import starts again" in job.messages
        assert job.result["title"] == "Candide"
        assert_whole_or_absent(queue.factory, job.result["slug"], {})
        wait_for(lambda: not (queue.settings.upload_folder / job_id).exists(), timeout=30)  # removed as it ended
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
