"""A job runs in its own process under a memory and time budget; whatever happens it ends, and its files go."""

import dataclasses

from jobs_helpers import FRENCH, new_import_job

from bireader.jobs import runner, service
from bireader.jobs.models import DONE, FAILED
from bireader.store.library import list_texts


def test_a_queued_import_runs_in_its_own_process_and_saves_the_text(queue):
    job_id = new_import_job(queue, FRENCH, title="Carnets")
    assert runner.run_job(queue.settings, queue.factory, job_id) == DONE
    job = service.get_job(queue.factory, job_id)
    assert job.result["title"] == "Carnets" and job.result["sentence_counts"]["fr"] > 20
    assert [m.split(" ")[0] for m in job.messages] == ["reading", "glossing", "saving", "saved"]
    assert not (queue.settings.upload_folder / job_id).exists()  # the upload went with the job
    with queue.factory() as session:
        assert [t.title for t in list_texts(session)] == ["Carnets"]
    assert runner.run_job(queue.settings, queue.factory, job_id) is None  # an ended job is not run again


def test_a_job_over_its_memory_budget_fails_with_one_line_and_stores_nothing(queue):
    small = dataclasses.replace(queue.settings, memory_mb=120)  # less than loading the NLP libraries needs
    job_id = new_import_job(queue, FRENCH)
    assert runner.run_job(small, queue.factory, job_id) == FAILED
    job = service.get_job(queue.factory, job_id)
    assert "memory budget of 120 MB" in job.error and "nothing was stored" in job.error
    assert "\n" not in job.error
    assert not (queue.settings.upload_folder / job_id).exists()
    with queue.factory() as session:
        assert list_texts(session) == []


def test_a_job_over_its_time_budget_is_stopped(queue):
    short = dataclasses.replace(queue.settings, time_s=1, heartbeat_s=0.2)
    job_id = new_import_job(queue, FRENCH)
    assert runner.run_job(short, queue.factory, job_id) == FAILED
    job = service.get_job(queue.factory, job_id)
    assert job.error == ("serge_carnets_partial.fr.txt: the import took longer than its time budget of 1 s "
                         "and was stopped; nothing was stored")
    assert not (queue.settings.upload_folder / job_id).exists()
    with queue.factory() as session:
        assert list_texts(session) == []


def test_bad_input_fails_with_the_importers_message_without_the_upload_path(queue, tmp_path):
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 100)
    job_id = new_import_job(queue, binary)
    assert runner.run_job(queue.settings, queue.factory, job_id) == FAILED
    error = service.get_job(queue.factory, job_id).error
    assert error.startswith("photo.png: a PNG image") and str(tmp_path) not in error and "\n" not in error
