"""The aligner's compiled loops (``kernels.c``: the gap program's rows, the anchor chain), built with the
system C compiler on first use.

Why C and not numba: numba is a JIT whose compile time falls on the first alignment of every fresh process
(unless its on-disk cache is kept), and it would add numba and llvmlite (a bundled LLVM) to the
dependencies. The project already needs gcc (Debian, for eflomal's seed), so the kernel is compiled once by
``bireader.compiled`` into the user's cache folder (about 0.6 s of CPU, once per version of the source), with the
same care for the same result: ``-O3 -ffp-contract=off`` and no fast math, so that the loops are vectorised
but every operation is still one IEEE operation on the same operands (no fused multiply-add, no
reassociation) and rounds as numpy's does; ``-fno-math-errno -fno-trapping-math`` only let ``sqrt`` be one
instruction and a branch become a select, which changes no value. Where there is no compiler, or the build
fails, or ``BIREADER_NO_NATIVE`` is set, ``kernel()`` returns None and ``gaps.best_path`` and
``anchors.max_weight_chain`` run their numpy and Python code, which give the same results
(``tests/align/test_align_native.py`` compares them).
"""

from __future__ import annotations

import ctypes
import logging
import os
from functools import lru_cache
from pathlib import Path

from bireader.compiled import compiled_library

log = logging.getLogger(__name__)

SOURCE = Path(__file__).with_name("kernels.c")
FLAGS = ("-O3", "-ffp-contract=off", "-fno-fast-math", "-fno-math-errno", "-fno-trapping-math", "-shared", "-fPIC")


def build() -> Path | None:
    """The compiled library's path (compiled now if it is not in the cache), or None where it cannot be built."""
    try:
        source = SOURCE.read_text(encoding="utf-8")
    except OSError:
        return None
    return compiled_library("align-kernels", source, FLAGS, ("-lm",),
                            fallback="the aligner runs its numpy code (same result, slower)")


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
