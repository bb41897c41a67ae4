"""The aligner's compiled loops (``kernels.c``: the gap program's rows, the anchor chain), built with the
system C compiler on first use.

Why C and not numba: numba is a JIT whose compile time falls on the first alignment of every fresh process
(unless its cache is kept), and it would add llvmlite (some 100 MB) to the dependencies. The project already
needs gcc (Debian, for eflomal's seed: ``bireader/gloss/seeding.py``), so the kernel is compiled once, with
the same care for the same result: ``-O3 -ffp-contract=off`` and no fast math, so that the loops are
vectorised but every operation is still one IEEE operation on the same operands (no fused multiply-add, no
reassociation) and rounds as numpy's does; ``-fno-math-errno -fno-trapping-math`` only let ``sqrt`` be one
instruction and a branch become a select, which changes no value. It goes into the user's cache folder
(``$XDG_CACHE_HOME/bireader``, else ``~/.cache/bireader``), keyed by a hash of the source and the flags. Where there is no compiler, or the
build fails, or ``BIREADER_NO_NATIVE`` is set, ``kernel()`` returns None and ``gaps.best_path`` and
``anchors.max_weight_chain`` run their numpy and Python code, which give the same results
(``tests/align/test_align_native.py`` compares them).
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

SOURCE = Path(__file__).with_name("kernels.c")
FLAGS = ("-O3", "-ffp-contract=off", "-fno-fast-math", "-fno-math-errno", "-fno-trapping-math", "-shared", "-fPIC")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bireader"


def build(source: Path = SOURCE) -> Path | None:
    """The compiled library's path (compiled now if it is not in the cache), or None where it cannot be built."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        text = source.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(text + " ".join(FLAGS).encode()).hexdigest()[:12]
    target = _cache_dir() / f"gaps-kernel-{digest}.so"
    if target.exists():
        return target
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not compiler:
        log.info("no C compiler: the gap program runs in numpy (same result, slower)")
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="bireader-gaps-") as tmp:
            built = Path(tmp) / "gaps.so"
            subprocess.run([compiler, *FLAGS, "-o", str(built), str(source), "-lm"], check=True,
                           capture_output=True, timeout=120)
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(built, partial)
            os.replace(partial, target)  # atomic: two processes compiling at once both end with a whole file
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not build the gap program's kernel (%s): it runs in numpy (same result, slower)", exc)
        return None
    return target


_I64 = ctypes.c_int64
_P = ctypes.c_void_p
_D = ctypes.c_double


@lru_cache(maxsize=1)
def kernel() -> ctypes.CDLL | None:
    """The loaded kernel with its argument types declared, or None (then the numpy code runs)."""
    if os.environ.get("BIREADER_NO_NATIVE"):
        return None
    path = build()
    if path is None:
        return None
    try:
        lib = ctypes.CDLL(str(path))
    except OSError as exc:
        log.warning("could not load %s (%s): the gap program runs in numpy", path, exc)
        return None
    lib.gap_length_t.restype = None
    lib.gap_length_t.argtypes = [_I64, _I64, _I64, _P, _I64, _I64, _I64, _P, _P, _P, _P, _D, _D, _P, _P]
    lib.gap_rows.restype = None
    lib.gap_rows.argtypes = ([_I64, _I64, _I64, _P, _I64, _I64, _I64, _P, _P, _P, _I64, _P, _P, _P, _P, _P, _P, _P,
                              _I64, _P, _P, _P, _P, _I64, _P, _P, _P, _P, _I64, _I64, _I64, _P, _P, _P, _P, _P])
    lib.fenwick_chain.restype = None
    lib.fenwick_chain.argtypes = [_I64, _P, _P, _P, _I64, _P, _P, _P, _P]
    return lib
