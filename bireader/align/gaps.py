"""The gap program: the best sequence of beads through the band, in log space, covering every sentence.

States are boundaries (i, j): i source and j target sentences consumed. A bead of type (a, b) moves from
(i - a, j - b) to (i, j) and earns::

    prior(a, b)                              how common the bead type is
  + LENGTH · log P(length ratio)             Gale & Church's normal model, as a log tail probability
  + LEXICAL · Dice(bead)                     the features the bead's two sides share (scoring.py)
  - paragraph penalties                      a bead that crosses a paragraph break, or starts one on one side only

Everything is a sum of logs, so a whole book never underflows (the original multiplies probabilities).
Row i of the program only holds the W target boundaries lo[i] .. lo[i]+W-1 that the anchors allow
(anchors.band), and each row is a handful of numpy operations: the bead scores of a block of rows are
computed at once, and 0-1 beads inside a row are a running maximum (``D[k] = max(X[k], D[k-1] + s[k])`` is
``C[k] + max_{l<=k}(X[l] - C[l])`` with C the running sum of s). The same rows also run in C
(``kernels.c`` through ``native.py``, five times faster on a book), with the same operations in the same order
and numpy's own log, so that both give the same path; the numpy code is the fallback where no compiler is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2), (0, 1))
MAX_SOURCE = max(a for a, _ in BEAD_TYPES)  # the most source sentences a bead takes
NEG = -1e18
PAD = max(b for _, b in BEAD_TYPES)  # the most target sentences a bead takes


@dataclass
class Params:
    """Weights of the bead score; the defaults were tuned on transread (docs/align.md)."""

    prior: dict[tuple[int, int], float] = field(
        default_factory=lambda: {
            (1, 1): 0.0,
            (1, 0): -4.5,
            (0, 1): -4.5,
            (1, 2): -2.3,
            (2, 1): -2.3,
            (2, 2): -4.0,
            (1, 3): -4.2,
            (3, 1): -4.2,
            (1, 4): -6.0,
            (4, 1): -6.0,
            (2, 3): -6.0,
            (3, 2): -6.0,
        }
    )
    length: float = 1.0
    lexical: float = 18.0
    null_lexical: float = 0.0  # a null bead scores as if its sentence shared this much
    cross_break: float = 2.0  # per paragraph break inside a bead
    break_mismatch: float = 1.0  # a bead that starts a paragraph on one side only
    embedding: float = 0.0  # weight of the embedding cosine (only when embeddings are given)
    embedding_base: float = 0.8  # cosine of an unrelated pair, roughly: below it a bead loses
    ratio: float = 1.0  # expected target/source length ratio (set from the texts)
    variance: float = 6.8  # Gale & Church's s^2


def log_erfc(z: np.ndarray) -> np.ndarray:
    """log(erfc(z)) for z >= 0 without underflow (Numerical Recipes' erfcc, relative error < 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (
        0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    return np.log(t) - z * z + poly


def length_logprob(src_len: np.ndarray, tgt_len: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """Gale & Church: log P(|delta| >= observed) for character lengths, delta normal under a true bead."""
    mean = (src_len + tgt_len / ratio) / 2.0
    delta = (tgt_len - src_len * ratio) / np.sqrt(np.maximum(mean, 1.0) * variance)
    return log_erfc(np.abs(delta) / np.sqrt(2.0))


@dataclass
class GapInput:
    """What the program needs about the two sides, as cumulative arrays (index k = sum over the first k)."""

    n: int
    m: int
    src_chars: np.ndarray  # cumulative characters, length n+1
    tgt_chars: np.ndarray
    src_weight: np.ndarray  # cumulative lexical weight, length n+1
    tgt_weight: np.ndarray
    src_breaks: np.ndarray  # 1 where a source sentence starts a paragraph, length n (all 0: no information)
    tgt_breaks: np.ndarray
    shared_cum: np.ndarray  # (n, PW+1): running sums of shared weight of source i with targets plo[i]+x
    plo: np.ndarray  # first target index of each source row of shared_cum
    emb_cum: np.ndarray | None = None  # optional (n, PW+1): running sums of embedding dots, like shared_cum
    src_lags: list[np.ndarray] | None = None  # embeddings.neighbour_dots of each side
    tgt_lags: list[np.ndarray] | None = None
    src_unembedded: np.ndarray | None = None  # cumulative count of sentences without a vector (None: all have one)
    tgt_unembedded: np.ndarray | None = None


def bead_scores(g: GapInput, p: Params, lo: np.ndarray, width: int, rows: np.ndarray) -> np.ndarray:
    """Scores of every bead type ending at the band cells of ``rows``: shape (types, len(rows), width)."""
    I = rows[:, None]
    J = lo[rows][:, None] + np.arange(width)[None, :]
    out = np.full((len(BEAD_TYPES), len(rows), width), NEG)
    src_b = np.r_[g.src_breaks, 0]
    tgt_b = np.r_[g.tgt_breaks, 0]
    src_bc = np.r_[0, np.cumsum(g.src_breaks)]
    tgt_bc = np.r_[0, np.cumsum(g.tgt_breaks)]
    use_breaks = g.src_breaks.any() and g.tgt_breaks.any()
    pw = g.shared_cum.shape[1] - 1
    Jc = np.clip(J, 0, g.m)
    # Bead types share their parts: the target start c0 depends on b only, a source row's running sums on d
    # only, the shared weight of row I - d with targets c0 .. J on (d, b) only. Each part is computed once
    # per block and reused (the arithmetic, and so every score, is the same as type by type).
    target_start = {b: np.clip(J - b, 0, g.m) for b in {b for _, b in BEAD_TYPES}}
    tgt_len = {b: g.tgt_chars[Jc] - g.tgt_chars[c0c] for b, c0c in target_start.items()}
    tgt_weight = {b: g.tgt_weight[Jc] - g.tgt_weight[c0c] for b, c0c in target_start.items()}
    row_end: dict[int, tuple] = {}  # d -> (row, base, running sum up to J)
    row_shared: dict[tuple[int, int], np.ndarray] = {}  # (d, b) -> shared weight of row I - d with c0 .. J

    def shared_part(d: int, b: int) -> np.ndarray:
        if (d, b) not in row_shared:
            if d not in row_end:
                r = np.clip(I - d, 0, g.n - 1)
                base = g.plo[r]
                row_end[d] = (r, base, g.shared_cum[r, np.clip(Jc - base, 0, pw)])
            r, base, upto = row_end[d]
            row_shared[d, b] = upto - g.shared_cum[r, np.clip(target_start[b] - base, 0, pw)]
        return row_shared[d, b]

    for t, (a, b) in enumerate(BEAD_TYPES):
        r0 = I - a
        c0 = J - b
        valid = (r0 >= 0) & (c0 >= 0) & (J <= g.m)
        r0c = np.clip(r0, 0, g.n)
        c0c = target_start[b]
        s = np.full(J.shape, p.prior[(a, b)])
        if a and b:
            ls = g.src_chars[I] - g.src_chars[r0c]
            lt = tgt_len[b]
            s = s + p.length * length_logprob(ls, lt, p.ratio, p.variance)
            shared = np.zeros(J.shape)
            dots = np.zeros(J.shape) if g.emb_cum is not None else None
            for d in range(1, a + 1):
                shared += shared_part(d, b)
                if dots is not None:
                    r = np.clip(I - d, 0, g.n - 1)
                    base = g.plo[r]
                    hi = np.clip(Jc - base, 0, pw)
                    lo_ = np.clip(c0c - base, 0, pw)
                    dots += g.emb_cum[r, hi] - g.emb_cum[r, lo_]
            if dots is not None:
                from bireader.align.embeddings import run_norm_sq

                norm = np.sqrt(np.maximum(run_norm_sq(g.src_lags, r0c, I) * run_norm_sq(g.tgt_lags, c0c, Jc), 1e-9))
                s = s + embedding_term(g, p, dots / norm, r0c, I, c0c, Jc)
            denom = (g.src_weight[I] - g.src_weight[r0c]) + tgt_weight[b]
            s = s + p.lexical * np.where(denom > 0, 2.0 * shared / np.maximum(denom, 1e-9), 0.0).clip(0, 1)
        else:
            s = s + p.lexical * p.null_lexical
        if use_breaks:
            inner = (src_bc[I] - src_bc[np.minimum(r0c + 1, I)]) if a > 1 else 0
            inner = inner + ((tgt_bc[Jc] - tgt_bc[np.minimum(c0c + 1, Jc)]) if b > 1 else 0)
            s = s - p.cross_break * inner
            if a and b:
                s = s - p.break_mismatch * (src_b[np.minimum(r0c, g.n)] != tgt_b[np.minimum(c0c, g.m)])
        out[t] = np.where(valid, s, NEG)
    return out


def embedding_term(g: GapInput, p: Params, cosine: np.ndarray, r0: np.ndarray, r1: np.ndarray, c0: np.ndarray,
                   c1: np.ndarray) -> np.ndarray:
    """The embedding score of beads (r0..r1-1, c0..c1-1): its weight times the cosine above an unrelated pair's,
    and nothing for a bead with a sentence that was not embedded (``embeddings.py`` embeds only the sentences
    where the lexical alignment is unsure)."""
    term = p.embedding * (cosine - p.embedding_base)
    if g.src_unembedded is None:
        return term
    missing = (g.src_unembedded[r1] - g.src_unembedded[r0]) + (g.tgt_unembedded[c1] - g.tgt_unembedded[c0])
    return np.where(missing == 0, term, 0.0)


def best_path(g: GapInput, p: Params, lo: np.ndarray, width: int,
              hard: list[tuple[int, int]] | None = None, block: int = 128,
              native: bool = True) -> list[tuple[int, int, int, int, float]]:
    """The best bead sequence from (0, 0) to (n, m) inside the band.

    Returns (i0, i1, j0, j1, score) per bead: source sentences i0..i1-1 with target sentences j0..j1-1.
    ``hard`` boundaries (i, j) are passed through whatever the scores say. With ``native`` (the default) the
    rows run in the compiled kernel (``native.py``, ``kernels.c``) when it is available and no embeddings
    are given; the numpy code below gives the same path, bit for bit, and runs otherwise.
    """
    n, m = g.n, g.m
    forced = {}
    for i, j in hard or ():
        forced[i] = j
    ks = np.arange(width)
    arg = np.zeros((n + 1, width), dtype=np.int8)
    null_t = BEAD_TYPES.index((0, 1))
    main_types = [t for t, (a, _) in enumerate(BEAD_TYPES) if a > 0]
    main_arr = np.array(main_types, dtype=np.int8)
    sizes = np.array([BEAD_TYPES[t] for t in main_types], dtype=np.int64)
    # The last MAX_SOURCE + 1 rows of the program live in one flat ring buffer, each padded with NEG so that
    # the shifted reads of the next rows stay inside it; one more NEG cell at the end stands for every
    # predecessor that is out of the band. A row then gathers the candidates of all its bead types in one
    # indexing operation (the values, and so the path, are those of reading each type's slice in turn).
    ring = MAX_SOURCE + 1
    row_len = PAD + 2 * width
    buf = np.full(ring * row_len + 1, NEG)
    out_of_band = ring * row_len
    forced_rows = np.zeros(n + 2, dtype=np.int64)
    for i in forced:
        if 0 <= i <= n:
            forced_rows[i] = 1
    forced_before = np.r_[0, np.cumsum(forced_rows)]  # forced rows strictly before each index

    def finish_row(i: int, best: np.ndarray, best_arg: np.ndarray, c: np.ndarray) -> None:
        # 0-1 beads within the row: a running maximum (c: running sum of the row's 0-1 scores)
        x = best - c
        run = np.maximum.accumulate(x)
        d = c + run
        arg[i] = np.where(x >= run, best_arg, null_t)
        if i in forced:
            keep = (lo[i] + ks) == forced[i]
            d = np.where(keep, d, NEG)
        at = (i % ring) * row_len + PAD
        buf[at : at + width] = d

    # row 0: only 0-1 beads from (0, 0)
    s0 = bead_scores(g, p, lo, width, np.array([0]))[:, 0, :]
    start = np.where(lo[0] + ks == 0, 0.0, NEG)
    finish_row(0, start, np.full(width, null_t, dtype=np.int8), np.cumsum(np.where(lo[0] + ks > 0, s0[null_t], NEG)))
    lib = None
    if native and g.emb_cum is None:
        from bireader.align.native import kernel

        lib = kernel()
    if lib is not None:
        _native_rows(lib, g, p, lo, width, forced, forced_before, buf, ring, row_len, arg)
    for b0 in range(1, n + 1, block) if lib is None else ():
        rows = np.arange(b0, min(b0 + block, n + 1))
        scores = bead_scores(g, p, lo, width, rows)
        main_scores = np.ascontiguousarray(scores[main_types].transpose(1, 0, 2))  # (rows, types, width)
        # where each bead type's predecessor cells are: column c of row i reads column c + shift of row i - a
        prev_rows = rows[:, None] - sizes[None, :, 0]
        shift = lo[rows][:, None] - lo[np.maximum(prev_rows, 0)] - sizes[None, :, 1]
        cut = (prev_rows < 0) | (shift >= width)  # out of the band
        if forced:  # a bead may not jump over a hard delimiter's row
            cut |= forced_before[rows][:, None] - forced_before[np.minimum(prev_rows + 1, rows[:, None])] > 0
        first = (prev_rows % ring) * row_len + PAD + shift
        gather = np.where(cut[:, :, None], out_of_band, first[:, :, None] + ks)
        # the 0-1 scores of each row (finite, so that their running sums stay finite), summed along the row
        J = lo[rows][:, None] + ks
        s01 = np.where(J > 0, scores[null_t], NEG)
        s01[:, 0] = np.where(J[:, 0] == 0, 0.0, s01[:, 0])  # nothing before the first column
        c01 = np.cumsum(np.maximum(s01, -1e6), axis=1)
        for r, i in enumerate(rows.tolist()):
            cand = buf[gather[r]]
            cand += main_scores[r]
            choice = cand.argmax(axis=0)
            finish_row(i, cand.max(axis=0), main_arr[choice], c01[r])
    # walk back from (n, m)
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - lo[i]
        if not 0 <= k < width:
            raise RuntimeError("the band lost the end of the path")
        a, b = BEAD_TYPES[arg[i, k]]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    return [(i0, i1, j0, j1, 0.0) for i0, i1, j0, j1 in beads]


def _native_rows(lib, g: GapInput, p: Params, lo: np.ndarray, width: int, forced: dict[int, int],
                 forced_before: np.ndarray, buf: np.ndarray, ring: int, row_len: int, arg: np.ndarray,
                 block: int = 256) -> None:
    """Rows 1..n of ``best_path`` in the compiled kernel, a block of rows at a time.

    Per block, ``gap_length_t`` writes the argument of the length model's log for every (row, type, column),
    numpy takes the log (numpy's vectorised log and the C library's differ in the last bit, so numpy's is the
    one both paths use), and ``gap_rows`` does the rest of ``bead_scores`` and the row loop, in the same order.
    """
    assert MAX_SOURCE <= 4  # the kernel keeps a bead's source rows in four scratch rows
    n, m = g.n, g.m
    ptr = lambda a: a.ctypes.data  # noqa: E731 - the arrays below are kept alive by this frame
    lo = np.ascontiguousarray(lo, dtype=np.int64)
    ta = np.array([a for a, _ in BEAD_TYPES], dtype=np.int64)
    tb = np.array([b for _, b in BEAD_TYPES], dtype=np.int64)
    prior = np.array([p.prior[t] for t in BEAD_TYPES], dtype=np.float64)
    nt = len(BEAD_TYPES)
    src_chars = np.ascontiguousarray(g.src_chars, dtype=np.float64)
    tgt_chars = np.ascontiguousarray(g.tgt_chars, dtype=np.float64)
    src_weight = np.ascontiguousarray(g.src_weight, dtype=np.float64)
    tgt_weight = np.ascontiguousarray(g.tgt_weight, dtype=np.float64)
    shared_cum = np.ascontiguousarray(g.shared_cum, dtype=np.float64)
    plo = np.ascontiguousarray(g.plo, dtype=np.int64)
    pw = shared_cum.shape[1] - 1
    src_b = np.r_[g.src_breaks, 0].astype(np.int64)
    tgt_b = np.r_[g.tgt_breaks, 0].astype(np.int64)
    src_bc = np.r_[0, np.cumsum(g.src_breaks)].astype(np.int64)
    tgt_bc = np.r_[0, np.cumsum(g.tgt_breaks)].astype(np.int64)
    use_breaks = int(bool(g.src_breaks.any() and g.tgt_breaks.any()))
    par = np.array([p.length, p.lexical, p.null_lexical, p.cross_break, p.break_mismatch], dtype=np.float64)
    forced_at = np.full(n + 1, -1, dtype=np.int64)
    for i, j in forced.items():
        if 0 <= i <= n:
            forced_at[i] = j
    forced_before = np.ascontiguousarray(forced_before, dtype=np.int64)
    size = block * nt * width
    zbuf, tbuf, log_t = np.empty(size), np.empty(size), np.empty(size)
    best, c01 = np.empty(width), np.empty(width)
    scratch = np.empty((MAX_SOURCE + 2) * (width + PAD))
    best_arg = np.empty(width, dtype=np.int8)
    for r0 in range(1, n + 1, block):
        r1 = min(r0 + block, n + 1)
        cells = (r1 - r0) * nt * width
        lib.gap_length_t(r0, r1, width, ptr(lo), n, m, nt, ptr(ta), ptr(tb), ptr(src_chars), ptr(tgt_chars),
                         float(p.ratio), float(p.variance), ptr(zbuf), ptr(tbuf))
        np.log(tbuf[:cells], out=log_t[:cells])
        lib.gap_rows(r0, r1, width, ptr(lo), n, m, nt, ptr(ta), ptr(tb), ptr(prior), BEAD_TYPES.index((0, 1)),
                     ptr(zbuf), ptr(tbuf), ptr(log_t), ptr(src_weight), ptr(tgt_weight), ptr(shared_cum), ptr(plo),
                     pw, ptr(src_b), ptr(tgt_b), ptr(src_bc), ptr(tgt_bc), use_breaks, ptr(par), ptr(forced_at),
                     ptr(forced_before), ptr(buf), ring, row_len, PAD, ptr(arg), ptr(best), ptr(best_arg), ptr(c01),
                     ptr(scratch))
