"""Settings come from the environment with their types; the app's config feeds the job settings."""

from bireader.settings import DEFAULTS, JobSettings, from_environment


def test_environment_variables_set_typed_settings_and_unset_ones_keep_defaults():
    found = from_environment({"BIREADER_JOB_MEMORY_MB": "2048", "BIREADER_BEHIND_PROXY": "0",
                              "BIREADER_JOB_STALE_S": "1.5", "REDIS_URL": "redis://q:6379/0", "PATH": "/bin"})
    assert found == {"JOB_MEMORY_MB": 2048, "BEHIND_PROXY": False, "JOB_STALE_S": 1.5,
                     "REDIS_URL": "redis://q:6379/0"}
    assert from_environment({"BIREADER_BEHIND_PROXY": "yes"}) == {"BEHIND_PROXY": True}
    assert DEFAULTS["JOB_MEMORY_MB"] == 4096 and DEFAULTS["JOB_TIME_S"] == 1800


def test_the_app_reads_job_settings_from_the_environment(monkeypatch, database_url, tmp_path):
    from bireader.web.app import create_app

    monkeypatch.setenv("BIREADER_JOB_TIME_S", "99")
    app = create_app({"TESTING": True, "DATABASE_URL": database_url})
    settings = JobSettings.from_config(app.config, tmp_path)
    assert settings.time_s == 99 and settings.memory_mb == 4096
    assert settings.queue_file == tmp_path / "job-queue.sqlite" and settings.upload_folder == tmp_path / "uploads"
