"""Anchors: the 1-1 pairs we are sure of, and the band they leave for the gap program.

1. **Candidates**: every source sentence meets the target sentences that share a rare feature with it
   (an inverted index, ``scoring.pair_sums``), inside a wide diagonal window; the best three by Dice stay,
   and are rescored by BLEU (Bleualign's score) where the pair shares a bigram.
2. **Chain**: the anchors are the strictly increasing chain of candidates with the highest total score,
   found in O(P log P) with a Fenwick tree of prefix maxima over target indices::

       candidates (i, j, score): (0,0,.9) (1,5,.4) (1,1,.8) (2,2,.7) (3,1,.9)
       chain: (0,0) (1,1) (2,2)  -> total 2.4; (3,1) cannot follow (2,2)

3. **Band**: between two consecutive anchors the path may go anywhere in their rectangle, plus a margin;
   rows of the dynamic program only look at those target positions.
"""

from __future__ import annotations

import numpy as np

from bireader.align.bleu import pair_bleu
from bireader.align.scoring import Bitext, dice, pair_sums

TOP_CANDIDATES = 3


def candidates(bt: Bitext, window: int, max_df: int, use_bleu: bool = True) -> list[tuple[int, int, float]]:
    """The best few target candidates of each source sentence as (i, j, score), score in [0, 1]."""
    n, m = bt.n, bt.m
    centre = (np.arange(n) + 0.5) * (m / max(n, 1))
    win_lo = np.clip(np.floor(centre - window), 0, m).astype(np.int64)
    win_hi = np.clip(np.ceil(centre + window) + 1, 0, m).astype(np.int64)
    pi, pj, shared = pair_sums(bt, win_lo, win_hi, max_df=max_df)
    if len(pi) == 0:
        return []
    score = dice(bt, pi, pj, shared)
    order = np.lexsort((-score, pi))
    pi, pj, score = pi[order], pj[order], score[order]
    first = np.r_[True, pi[1:] != pi[:-1]]
    rank = np.arange(len(pi)) - np.maximum.accumulate(np.where(first, np.arange(len(pi)), 0))
    keep = rank < TOP_CANDIDATES
    out = []
    for i, j, s in zip(pi[keep].tolist(), pj[keep].tolist(), score[keep].tolist()):
        if use_bleu:
            b = pair_bleu(bt.src_variants[i], bt.tgt_tokens[j])
            s = 0.5 * (s + b) if b > 0 else 0.5 * s
        out.append((i, j, s))
    return out


def max_weight_chain(pairs: list[tuple[int, int, float]], native: bool = True) -> list[tuple[int, int, float]]:
    """The strictly increasing (in both indices) subsequence of ``pairs`` with the largest total weight.

    With ``native`` the loop runs in the compiled kernel (``native.py``) when it is available: the same
    comparisons and additions, so the same chain.
    """
    if not pairs:
        return []
    ij = np.array([(i, j) for i, j, _ in pairs], dtype=np.int64)
    order = np.lexsort((-ij[:, 1], ij[:, 0]))  # by i, then j descending (a stable sort, like sorted)
    size = int(ij[:, 1].max()) + 2
    lib = None
    if native:
        from bireader.align.native import kernel

        lib = kernel()
    if lib is not None:
        js = np.ascontiguousarray(ij[:, 1])
        ws = np.array([w for _, _, w in pairs], dtype=np.float64)
        tree_val, tree_arg = np.zeros(size + 1), np.full(size + 1, -1, dtype=np.int64)
        total_a, back_a = np.zeros(len(pairs)), np.full(len(pairs), -1, dtype=np.int64)
        lib.fenwick_chain(len(order), order.ctypes.data, js.ctypes.data, ws.ctypes.data, size, tree_val.ctypes.data,
                          tree_arg.ctypes.data, total_a.ctypes.data, back_a.ctypes.data)
        total, back = total_a.tolist(), back_a.tolist()
    else:
        total, back = _chain_loop(pairs, order.tolist(), size)
    end = max(range(len(pairs)), key=lambda k: total[k])
    chain = []
    while end != -1 and total[end] > 0:
        chain.append(pairs[end])
        end = back[end]
    return chain[::-1]


def _chain_loop(pairs: list[tuple[int, int, float]], order: list[int], size: int) -> tuple[list[float], list[int]]:
    """Each pair's best chain total and its predecessor, visiting ``order`` with a Fenwick tree of prefix maxima."""
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    back = [-1] * len(pairs)
    total = [0.0] * len(pairs)
    for k in order:
        i, j, w = pairs[k]
        if w <= 0:
            continue
        # best chain ending at a target index < j: prefix query over positions 1..j
        best, arg, x = 0.0, -1, j
        while x > 0:
            if tree_val[x] > best:
                best, arg = tree_val[x], tree_arg[x]
            x -= x & -x
        total[k] = best + w
        back[k] = arg
        x = j + 1
        while x <= size:
            if tree_val[x] < total[k]:
                tree_val[x], tree_arg[x] = total[k], k
            x += x & -x
    return total, back


def filter_anchors(chain: list[tuple[int, int, float]], n: int, m: int, keep_score: float, span: int = 3,
                   tolerance: float = 4.0) -> list[tuple[int, int, float]]:
    """Drop chain links that leave the local diagonal of their neighbours unless they score very high.

    A weak link whose offset j - i·(m/n) differs from the median offset of the ``span`` links on either side
    by more than ``tolerance`` plus the distance to them is more likely a coincidence than a jump.
    """
    if len(chain) < 3:
        return chain
    ratio = m / max(n, 1)
    offsets = np.array([j - i * ratio for i, j, _ in chain])
    # Links with all their 2 * span neighbours: medians and reaches of all of them at once (np.median of the
    # same values row by row, so the same numbers as one link at a time); the first and last links below.
    size = 2 * span + 1
    inner_ok = np.zeros(len(chain), dtype=bool)
    if len(chain) >= size:
        src = np.array([i for i, _, _ in chain], dtype=np.int64)
        windows = np.lib.stride_tricks.sliding_window_view(offsets, size)
        others = np.delete(windows, span, axis=1)
        src_windows = np.lib.stride_tricks.sliding_window_view(src, size)
        reach = np.abs(src_windows - src[span : len(chain) - span, None]).max(axis=1)
        centre = offsets[span : len(chain) - span]
        inner_ok[span : len(chain) - span] = np.abs(centre - np.median(others, axis=1)) <= tolerance + 0.25 * reach
    kept = []
    for k, (i, j, s) in enumerate(chain):
        if s >= keep_score:
            kept.append((i, j, s))
            continue
        if span <= k < len(chain) - span:
            if inner_ok[k]:
                kept.append((i, j, s))
            continue
        lo, hi = max(0, k - span), min(len(chain), k + span + 1)
        others = [offsets[x] for x in range(lo, hi) if x != k]
        if not others:
            kept.append((i, j, s))
            continue
        reach = max(abs(chain[x][0] - i) for x in range(lo, hi))
        if abs(offsets[k] - float(np.median(others))) <= tolerance + 0.25 * reach:
            kept.append((i, j, s))
    return kept


def band(anchors: list[tuple[int, int]], n: int, m: int, margin: int) -> tuple[np.ndarray, int]:
    """Per DP row i (0..n) the first allowed target boundary ``lo[i]``, and the common width W.

    ``anchors`` are boundary points the path should pass near: (0, 0), (n, m) and each anchor's corners.
    """
    points = np.array(sorted({(0, 0), (n, m), *anchors}), dtype=np.int64)
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    # each rectangle between consecutive points lowers lo and raises hi on its rows i1 .. i2 (all of them at
    # once: minima and maxima do not depend on the order they are taken in)
    i1, j1, i2, j2 = points[:-1, 0], points[:-1, 1], points[1:, 0], points[1:, 1]
    ok = (i2 >= i1) & (j2 >= j1)
    i1, j1, i2, j2 = i1[ok], j1[ok], i2[ok], j2[ok]
    rows = i2 - i1 + 1
    covered = np.repeat(i1 - (np.cumsum(rows) - rows), rows) + np.arange(int(rows.sum()))
    np.minimum.at(lo, covered, np.repeat(np.minimum(j1, j2) - margin, rows))
    np.maximum.at(hi, covered, np.repeat(np.maximum(j1, j2) + margin, rows))
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    width = int((hi - lo).max()) + 1
    return lo, width


def diagonal_band(anchors: list[tuple[int, int]], n: int, m: int, width: int) -> tuple[np.ndarray, int]:
    """A band of fixed ``width`` centred on the line through the anchors: memory and time stay bounded when
    the anchors are too few to leave a narrow band (unrelated texts, or very free translations)."""
    points = sorted({(0, 0), (n, m), *anchors})
    xs = np.array([p[0] for p in points], dtype=float)
    ys = np.array([p[1] for p in points], dtype=float)
    ys = np.maximum.accumulate(ys)
    centre = np.interp(np.arange(n + 1), xs, ys)
    lo = np.clip(np.round(centre - width / 2), 0, max(m - width + 1, 0)).astype(np.int64)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    lo[0] = 0
    lo[n] = min(lo[n], m)
    lo[n] = max(lo[n], m - width + 1, 0) if m - lo[n] >= width else lo[n]
    return lo, width
