"""`bireader serve` is a production server (waitress, no development-server warning) whose embedded job worker
imports what the form uploads; the uploads are gone when the job ends, and leftovers are swept at start."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "french" / "serge_carnets_partial.fr.txt"
BIREADER = str(Path(sys.executable).with_name("bireader"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_waitress_and_its_worker_imports_an_upload(database_url, tmp_path):
    uploads = tmp_path / "uploads"
    leftover = uploads / "killed-server-job"
    leftover.mkdir(parents=True)
    (leftover / "0-old.txt").write_text("left by a server killed mid-import")
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, BIREADER_UPLOAD_FOLDER=str(uploads),
               BIREADER_JOB_QUEUE_FILE=str(tmp_path / "queue.sqlite"), PYTHONUNBUFFERED="1",
               BIREADER_JOB_QUEUE_NAME=f"serve-{uuid.uuid4().hex[:8]}",
               REDIS_URL=os.environ.get("BIREADER_TEST_REDIS_URL", ""))
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([BIREADER, "serve", "--port", str(port), "--no-seed", "--worker"], env=env,
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    health = client.get("/healthz")
                    break
                except httpx.TransportError:
                    assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                    time.sleep(0.2)
            assert health.json() == {"status": "ok"} and health.headers["Server"] == "bireader"
            assert not leftover.exists()  # swept when the worker started

            form = client.get("/import/").text
            token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
            response = client.post("/import/", data={"csrf": token, "title": "Carnets"},
                                   files={"original": ("carnets.txt", FRENCH.read_bytes(), "text/plain")})
            assert response.status_code == 302
            job_url = response.headers["Location"] + ".json"
            deadline = time.monotonic() + 240
            while (job := client.get(job_url).json())["state"] not in ("done", "failed"):
                assert time.monotonic() < deadline, job
                time.sleep(0.5)
            assert job["state"] == "done", job["error"]
            assert job["result"]["title"] == "Carnets" and job["percent"] == 100
            assert "Carnets" in client.get("/").text
            deadline = time.monotonic() + 30  # the job's upload goes with it, once its process has exited
            while list(uploads.iterdir()):
                assert time.monotonic() < deadline, list(uploads.iterdir())
                time.sleep(0.2)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    text = log.read_text()
    assert "Serving on http://127.0.0.1" in text  # waitress
    assert "development server" not in text.lower() and "debugger" not in text.lower()
