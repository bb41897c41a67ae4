"""Imports started from the browser run in a background thread; the page polls the job for progress.

A job keeps its progress messages, and at the end either the saved text or the one-line error. Jobs live in
memory (a restart forgets them, not the texts they saved): importing is rare and a teacher watches it happen.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bireader.importer import ImportRequest, import_text
from bireader.ingest.decode import IngestError
from bireader.store.library import SavedText


@dataclass
class ImportJob:
    id: str
    name: str
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    saved: SavedText | None = None
    error: str | None = None
    done: bool = False


def _without_folders(message: str, request: ImportRequest) -> str:
    """``message`` with the upload folders taken off the file paths it names: the teacher sees their file names."""
    for path in (request.path, request.translation):
        if path is not None:
            message = message.replace(str(Path(path).parent) + "/", "")
    return message


class JobRegistry:
    def __init__(self) -> None:
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> ImportJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, factory, request: ImportRequest, workdir: Path, *, wait: bool = False) -> ImportJob:
        """Run ``import_text`` for ``request`` in a thread; ``workdir`` (the uploaded files) is removed after."""
        job = ImportJob(id=uuid.uuid4().hex[:12], name=request.path.name)
        with self._lock:
            self._jobs[job.id] = job

        def run() -> None:
            try:
                job.saved = import_text(factory, request, job.messages.append)
                job.warnings = list(request.warnings)
            except IngestError as error:
                job.error = _without_folders(str(error), request)
            except Exception as error:  # noqa: BLE001 - the teacher sees a message, the log the traceback
                import logging

                logging.getLogger(__name__).exception("import failed")
                job.error = f"{job.name}: import failed ({type(error).__name__}: {error})"
            finally:
                shutil.rmtree(workdir, ignore_errors=True)
                job.done = True

        thread = threading.Thread(target=run, name=f"bireader-import-{job.id}", daemon=True)
        thread.start()
        if wait:
            thread.join()
        return job
