"""Small C libraries compiled with the system compiler on first use, kept in the user's cache folder.

Two parts of bireader need a few lines of C: eflomal's seed (``gloss/seeding.py``, preloaded into the eflomal
process) and the aligner's loops (``align/native.py``, called through ctypes). Both are compiled here, once,
with the compiler that the project already needs (gcc, a Debian dependency; ``$CC`` if set), into
``$XDG_CACHE_HOME/bireader`` (else ``~/.cache/bireader``) under a name that holds a hash of the source and the
flags: a changed source or flag builds a new library, an unchanged one is reused by every process.

    >>> path = compiled_library("demo", "int one(void) { return 1; }", ("-O2", "-shared", "-fPIC"))  # doctest: +SKIP
    >>> path.name  # doctest: +SKIP
    'demo-3f2a1b0c9d8e.so'

Where there is no compiler, or the build fails, the answer is None and the caller falls back (and says so).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bireader"


def compiled_library(name: str, source: str, flags: tuple[str, ...], libraries: tuple[str, ...] = (),
                     fallback: str = "") -> Path | None:
    """The path of ``source`` compiled with ``flags`` into a shared library (built now if not cached), or None.

    ``fallback`` says what happens without it, for the log (``"eflomal runs unseeded"``).
    """
    if not sys.platform.startswith("linux"):
        return None
    digest = hashlib.sha256((source + "\0" + " ".join(flags + libraries)).encode()).hexdigest()[:12]
    target = cache_dir() / f"{name}-{digest}.so"
    if target.exists():
        return target
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not compiler:
        log.warning("no C compiler for %s: %s", name, fallback)
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=f"bireader-{name}-") as tmp:
            source_file = Path(tmp) / f"{name}.c"
            source_file.write_text(source, encoding="utf-8")
            built = Path(tmp) / f"{name}.so"
            subprocess.run([compiler, *flags, "-o", str(built), str(source_file), *libraries], check=True,
                           capture_output=True, timeout=120)
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(built, partial)
            os.replace(partial, target)  # atomic: two processes compiling at once both end with a whole file
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not build %s (%s): %s", name, exc, fallback)
        return None
    return target
