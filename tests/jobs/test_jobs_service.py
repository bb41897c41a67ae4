"""The job's row through its life, and the sweeps after a crash: pure database operations, no queue, no process."""

import time

from bireader.jobs import service
from bireader.jobs.models import DONE, FAILED, QUEUED, RUNNING


def test_progress_messages_move_the_stage_and_percent_forward_only():
    assert service.stage_of("reading a.txt with the offline engine") == ("reading", 10)
    assert service.stage_of("reading b.txt", 10) == ("reading", 25)  # the translation, after the original
    assert service.stage_of("aligning 29 French with 307 English sentences", 25) == ("aligning", 40)
    assert service.stage_of("glossing", 40) == ("glossing", 60)
    assert service.stage_of("saved 'x': 3 pages", 85) == ("saved", 100)
    assert service.stage_of("something unexpected", 60) == ("something", 60)


def test_a_job_goes_queued_running_done_and_only_one_worker_starts_it(sessions):
    job_id = service.create_job(sessions, name="carnets.txt", params={"path": "0-carnets.txt"})
    assert service.get_job(sessions, job_id).state == QUEUED
    assert service.start_attempt(sessions, job_id, "host:1")
    assert not service.start_attempt(sessions, job_id, "host:2")  # the queue delivered it twice: one runs it
    service.record_progress(sessions, job_id, "reading carnets.txt with the offline engine")
    service.record_progress(sessions, job_id, "glossing")
    job = service.get_job(sessions, job_id)
    assert (job.state, job.stage, job.percent) == (RUNNING, "glossing", 60)
    assert job.messages == ["reading carnets.txt with the offline engine", "glossing"]
    service.finish(sessions, job_id, {"slug": "carnets", "title": "Carnets", "page_count": 2,
                                      "sentence_counts": {"fr": 29}}, ["a warning"])
    job = service.get_job(sessions, job_id)
    assert (job.state, job.percent, job.result["slug"], job.warnings) == (DONE, 100, "carnets", ["a warning"])
    assert job.done and job.to_dict()["result"]["sentence_counts"] == {"fr": 29}


def test_a_failure_keeps_one_line(sessions):
    job_id = service.create_job(sessions, name="x.txt", params={})
    service.start_attempt(sessions, job_id, "host:1")
    service.fail(sessions, job_id, "x.txt: looks like a binary file\nTraceback (most recent call last): ...")
    job = service.get_job(sessions, job_id)
    assert (job.state, job.error) == (FAILED, "x.txt: looks like a binary file")


def test_a_running_job_whose_worker_died_is_queued_again_then_failed_when_out_of_attempts(sessions, tmp_path):
    workdir = tmp_path / "job"
    workdir.mkdir()
    job_id = service.create_job(sessions, name="carnets.txt", params={}, workdir=workdir)
    service.start_attempt(sessions, job_id, "host:1")
    later = time.time() + 120  # two minutes without a heartbeat
    assert service.recover_stale_jobs(sessions, stale_s=60, attempts=2, now=later) == [job_id]
    assert service.get_job(sessions, job_id).state == QUEUED
    assert "the worker stopped" in service.get_job(sessions, job_id).messages[-1]
    service.start_attempt(sessions, job_id, "host:3")  # second attempt, and that worker dies too
    assert service.recover_stale_jobs(sessions, stale_s=60, attempts=2, now=time.time() + 120) == []
    job = service.get_job(sessions, job_id)
    assert job.state == FAILED and "the worker running this import stopped (2 attempts)" in job.error


def test_only_jobs_without_heartbeat_for_stale_s_are_recovered(sessions):
    job_id = service.create_job(sessions, name="a.txt", params={})
    service.start_attempt(sessions, job_id, "host:1")
    assert service.recover_stale_jobs(sessions, stale_s=60, attempts=2) == []
    assert service.get_job(sessions, job_id).state == RUNNING


def test_a_job_whose_files_are_gone_fails_rather_than_rerun(sessions, tmp_path):
    job_id = service.create_job(sessions, name="a.txt", params={}, workdir=tmp_path / "removed")
    service.start_attempt(sessions, job_id, "host:1")
    assert service.recover_stale_jobs(sessions, stale_s=60, attempts=5, now=time.time() + 120) == []
    assert service.get_job(sessions, job_id).state == FAILED


def test_the_upload_sweep_removes_leftovers_and_keeps_what_live_jobs_need(sessions, tmp_path):
    uploads = tmp_path / "uploads"
    live, ended, orphan = uploads / "live", uploads / "ended", uploads / "orphan"
    for folder in (live, ended, orphan):
        folder.mkdir(parents=True)
        (folder / "0-text.txt").write_text("texte")
    (uploads / "stray.txt").write_text("x")
    service.create_job(sessions, name="live.txt", params={}, workdir=live)
    ended_id = service.create_job(sessions, name="ended.txt", params={}, workdir=ended)
    service.fail(sessions, ended_id, "ended")
    removed = service.sweep_uploads(sessions, uploads)
    assert sorted(p.name for p in removed) == ["ended", "orphan", "stray.txt"]
    assert [p.name for p in uploads.iterdir()] == ["live"] and (live / "0-text.txt").exists()
    assert service.sweep_uploads(sessions, tmp_path / "never-created") == []


def test_an_ended_jobs_files_are_removed_and_a_live_ones_kept(sessions, tmp_path):
    live, ended = tmp_path / "live", tmp_path / "ended"
    live.mkdir(), ended.mkdir()
    live_id = service.create_job(sessions, name="a.txt", params={}, workdir=live)
    ended_id = service.create_job(sessions, name="b.txt", params={}, workdir=ended)
    service.finish(sessions, ended_id, {})
    service.remove_workdir(sessions, live_id)
    service.remove_workdir(sessions, ended_id)
    assert live.exists() and not ended.exists()
