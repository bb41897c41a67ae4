"""The compiled loops (kernels.c) give the results of the numpy and Python code they replace, bit for bit.

gaps.best_path runs its rows in C when the kernel builds (native.py) and in numpy otherwise; both must choose
the same beads, also where scores tie, where a hard delimiter cuts the band and where paragraphs give breaks.
Random programs (random lengths, evidence, bands, breaks and delimiters) are solved both ways and compared; so
are random anchor candidates, with tied weights, for anchors.max_weight_chain.
"""

import numpy as np
import pytest

from bireader.align import native
from bireader.align.anchors import band, max_weight_chain
from bireader.align.gaps import MAX_SOURCE, PAD, GapInput, Params, best_path
from bireader.align.pipeline import align


def _program(seed: int):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 40)), int(rng.integers(1, 40))
    if rng.random() < 0.3:  # equal lengths everywhere: many ties between bead types
        src_chars, tgt_chars = np.full(n, 50.0), np.full(m, 50.0)
    else:
        src_chars, tgt_chars = rng.integers(1, 200, n).astype(float), rng.integers(1, 200, m).astype(float)
    anchors = sorted({(int(i), int(j)) for i, j in zip(rng.integers(0, n + 1, 4), rng.integers(0, m + 1, 4))})
    chain = [(0, 0)]
    for i, j in anchors:  # keep them increasing, as a chain is
        if i >= chain[-1][0] and j >= chain[-1][1]:
            chain.append((i, j))
    lo, width = band(chain, n, m, int(rng.integers(0, 6)))
    plo = np.maximum(lo[1:] - PAD, 0)
    reach = lo[np.minimum(np.arange(n) + MAX_SOURCE, n)] + width
    pw = int((reach - plo).max()) + 1
    shared = np.where(rng.random((n, pw)) < 0.3, rng.random((n, pw)) * 3, 0.0)
    shared_cum = np.zeros((n, pw + 1))
    shared_cum[:, 1:] = np.cumsum(shared, axis=1)

    def breaks(k):
        return (rng.random(k) < 0.2).astype(np.int64) if rng.random() < 0.6 else np.zeros(k, np.int64)

    g = GapInput(
        n=n, m=m,
        src_chars=np.r_[0.0, np.cumsum(src_chars)], tgt_chars=np.r_[0.0, np.cumsum(tgt_chars)],
        src_weight=np.r_[0.0, np.cumsum(rng.random(n) * 5)], tgt_weight=np.r_[0.0, np.cumsum(rng.random(m) * 5)],
        src_breaks=breaks(n), tgt_breaks=breaks(m), shared_cum=shared_cum, plo=plo)
    hard = []
    if rng.random() < 0.4:  # a delimiter on the band
        i = int(rng.integers(0, n + 1))
        hard = [(i, int(min(lo[i] + rng.integers(0, width), m)))]
    p = Params(ratio=float(rng.uniform(0.85, 1.1)), null_lexical=float(rng.choice([0.0, 0.1])))
    return g, p, lo, width, hard


def test_the_kernel_builds_with_the_system_compiler():
    # gcc is a Debian dependency of the project (Makefile's DEBS): without it the fast path would go untested
    assert native.kernel() is not None, "kernels.c did not build: is gcc installed?"


@pytest.mark.parametrize("seed", range(100))
def test_compiled_rows_choose_the_numpy_path(seed):
    g, p, lo, width, hard = _program(seed)
    try:
        expected = best_path(g, p, lo, width, hard=hard, native=False)
    except RuntimeError as exc:  # the band lost the path: the compiled rows must lose it too
        with pytest.raises(RuntimeError, match=str(exc)):
            best_path(g, p, lo, width, hard=hard, native=True)
        return
    assert best_path(g, p, lo, width, hard=hard, native=True) == expected


@pytest.mark.parametrize("seed", range(30))
def test_compiled_chain_is_the_python_chain(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 300))
    # weights from a few values: many chains of equal weight, where the first one found must stay
    weights = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0, -0.5], size) if seed % 2 else rng.random(size) - 0.1
    pairs = [(int(i), int(j), float(w))
             for i, j, w in zip(rng.integers(0, 60, size), rng.integers(0, 60, size), weights)]
    expected = max_weight_chain(pairs, native=False)
    assert max_weight_chain(pairs, native=True) == expected
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(expected, expected[1:]))


def test_alignment_is_the_same_without_the_kernel(monkeypatch):
    fr = ["Paris est loin.", "Il pleut.", "Le chat dort sur la table.", "Marie lit un livre rouge.", "Fin."]
    en = ["Paris is far.", "It is raining.", "The cat sleeps.", "On the table.", "Mary reads a red book.", "End."]
    with_kernel = [str(b) for b in align(fr, en, source_breaks=[0, 2], target_breaks=[0, 2])]
    monkeypatch.setattr(native, "kernel", lambda: None)
    assert [str(b) for b in align(fr, en, source_breaks=[0, 2], target_breaks=[0, 2])] == with_kernel


def test_a_failed_build_falls_back_to_numpy(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("CC", "false")  # a compiler that always fails
    assert native.build() is None
    assert not list(tmp_path.rglob("*.so"))


def test_the_collector_is_paused_during_alignment_and_back_after(monkeypatch):
    import gc

    from bireader.align import pipeline

    seen = []

    def renderer(token):  # runs inside the alignment
        seen.append(gc.isenabled())
        return frozenset((token[:4],))

    assert gc.isenabled()
    align(["Le chat dort."], ["The cat sleeps."], renderer=renderer)
    assert seen and not any(seen)
    assert gc.isenabled()

    def failing(token):
        raise ValueError("broken renderer")

    with pytest.raises(ValueError):
        align(["Le chat dort."], ["The cat sleeps."], renderer=failing)
    assert gc.isenabled()
    gc.disable()  # a caller that had paused it keeps it paused
    try:
        with pipeline.cyclic_gc_paused():
            with pipeline.cyclic_gc_paused():
                pass
        assert not gc.isenabled()
    finally:
        gc.enable()
