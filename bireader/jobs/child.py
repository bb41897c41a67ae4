"""The process that runs one import job: ``python -m bireader.jobs.child JOB_ID`` (started by the runner).

It caps its own address space at ``BIREADER_JOB_MEMORY_MB`` before loading anything big, so that an input that
would need gigabytes raises MemoryError here (or kills this process) instead of exhausting the machine; reads the
job's parameters from ``DATABASE_URL``; imports; and records done or failed. The text is saved in one transaction
at the end of the import, so killing this process at any moment leaves the library as it was.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
from pathlib import Path

MEGABYTE = 1024 * 1024


def limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * MEGABYTE, megabytes * MEGABYTE))


def die_with_parent() -> None:
    """On Linux, be killed when the worker dies (kill -9 of the worker must not leave an import running)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass


def request_from(params: dict, workdir: str):
    from bireader.importer import ImportRequest
    from bireader.ingest.limits import Limits

    folder = Path(workdir)
    return ImportRequest(
        path=folder / params["path"],
        translation=folder / params["translation"] if params.get("translation") else None,
        lang=params.get("lang"), translation_lang=params.get("translation_lang"),
        title=params.get("title"), slug=params.get("slug"), credits=params.get("credits", ""),
        replace=bool(params.get("replace")),
        max_bytes=params.get("max_bytes") or 20 * MEGABYTE,
        limits=Limits.from_mapping(params.get("limits")),
        owner_id=params.get("owner_id"), owner_is_admin=bool(params.get("owner_is_admin")),
        release_models=True,  # this process imports this one text
    )


OUT_OF_MEMORY = 3  # the exit code when even the failure could not be recorded


def without_folders(message: str, request) -> str:
    """``message`` with the upload folders taken off the paths it names: the teacher sees their file names."""
    for path in (request.path, request.translation):
        if path is not None:
            message = message.replace(str(Path(path).parent) + "/", "")
    return message


def main(job_id: str) -> int:
    memory_mb = int(os.environ.get("BIREADER_JOB_MEMORY_MB") or 0)
    limit_memory(memory_mb)
    die_with_parent()
    try:
        return run(job_id, memory_mb)
    except MemoryError:  # before the job could be read (loading the libraries): the runner says why
        return OUT_OF_MEMORY


def run(job_id: str, memory_mb: int) -> int:
    from bireader.ingest.decode import IngestError
    from bireader.jobs import service
    from bireader.nlp import EngineUnavailable
    from bireader.store.db import open_engine, session_factory

    factory = session_factory(open_engine(os.environ["DATABASE_URL"], migrate=False))
    with factory() as session:
        job = service.load_job(session, job_id)
        name, params, workdir = job.name, dict(job.params), job.workdir
    request = request_from(params, workdir)
    try:
        from bireader.importer import import_text

        saved = import_text(factory, request, lambda message: service.record_progress(factory, job_id, message))
    except (IngestError, EngineUnavailable) as error:
        service.fail(factory, job_id, without_folders(str(error), request), request.warnings)
        return 0
    except MemoryError:
        request = None  # let go of what can be let go before writing the outcome
        service.fail(factory, job_id, f"{name}: the import needed more than its memory budget of {memory_mb} MB "
                                      "(BIREADER_JOB_MEMORY_MB); nothing was stored")
        return 0
    except Exception as error:  # noqa: BLE001 - the teacher sees one line, the worker's log the traceback
        logging.getLogger(__name__).exception("import job %s failed", job_id)
        service.fail(factory, job_id, f"{name}: import failed ({type(error).__name__}: {error})", request.warnings)
        return 0
    service.finish(factory, job_id, {"slug": saved.slug, "title": saved.title, "page_count": saved.page_count,
                                     "sentence_counts": saved.sentence_counts}, request.warnings)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
