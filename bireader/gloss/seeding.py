"""A fixed seed for eflomal, so that the same text gets the same word links on every import.

The problem: eflomal (2.0, the only release on PyPI) samples with Gibbs and seeds its generator from 8 bytes of
``/dev/urandom``; it has no seed option. Two imports of the same book then give different links, and a learner
sees a word light up differently after a re-import (ALIBI AER varied 0.067–0.084 between runs).

The fix, without patching or vendoring eflomal: a 20-line shared library, preloaded into the eflomal process only
(``LD_PRELOAD``), answers eflomal's one ``fopen("/dev/urandom")`` with the 8 bytes of ``EFLOMAL_SEED``; every other
file opens as usual. eflomal splits its samplers' generators from that state, so with a fixed seed its output is a
function of its input. The library is compiled once with the system C compiler into the user's cache folder
(``$XDG_CACHE_HOME/bireader``, else ``~/.cache/bireader``). Without a compiler, eflomal runs unseeded, as before,
and ``seed_library()`` returns None (the determinism test then fails, saying so).

    >>> env = seeded_environment(1)          # doctest: +SKIP
    >>> env["EFLOMAL_SEED"], env["LD_PRELOAD"].endswith(".so")  # doctest: +SKIP
    ('1', True)
"""

from __future__ import annotations

import os
from functools import lru_cache

from bireader.compiled import compiled_library


DEFAULT_SEED = 20161107  # any fixed number: eflomal's paper date, for want of a better one

SHIM_SOURCE = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* eflomal seeds itself from 8 bytes of /dev/urandom: give it EFLOMAL_SEED's instead. */
static unsigned long long bireader_seed;

FILE *fopen(const char *path, const char *mode) {
    static FILE *(*real_fopen)(const char *, const char *) = NULL;
    const char *seed = getenv("EFLOMAL_SEED");
    if (!real_fopen) real_fopen = (FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
    if (seed && path && strcmp(path, "/dev/urandom") == 0) {
        bireader_seed = strtoull(seed, NULL, 10);
        return fmemopen(&bireader_seed, sizeof bireader_seed, "rb");
    }
    return real_fopen(path, mode);
}
"""


@lru_cache(maxsize=1)
def seed_library() -> str | None:
    """Path of the compiled seed library (compiled on first use, ``bireader.compiled``), or None where it
    cannot be built."""
    path = compiled_library("eflomal-seed", SHIM_SOURCE, ("-O2", "-shared", "-fPIC"), ("-ldl",),
                            fallback="eflomal runs unseeded, word links may differ between runs")
    return None if path is None else str(path)


def seeded_environment(seed: int = DEFAULT_SEED) -> dict[str, str]:
    """The environment to run the eflomal binary in: ours, plus the seed library and the seed (when built)."""
    env = dict(os.environ)
    library = seed_library()
    if library:
        env["LD_PRELOAD"] = f"{library} {env['LD_PRELOAD']}" if env.get("LD_PRELOAD") else library
        env["EFLOMAL_SEED"] = str(int(seed))
    return env
