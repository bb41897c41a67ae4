"""The iterative pass: learn word translations from this very text, then align again.

After a first alignment, the beads we trust are a small parallel corpus. A source feature and a target feature
that keep meeting in the same beads (``Mlle`` and ``miss``, ``lorsq`` and ``when``) are taken as translations:
their Dice coefficient over beads must be high and they must meet at least twice. Every source sentence that
has the source feature then also gets the target feature, and the gap program runs again (Sennrich & Volk
2011's iterative Bleualign; hunalign's realign).
"""

from __future__ import annotations

import numpy as np

from bireader.align.scoring import Bitext, reweigh, sorted_unique

MIN_CONFIDENCE = 0.95  # beads trusted as training material
MIN_PAIR_COUNT = 2
MIN_DICE = 0.3
PER_SOURCE = 2
CHUNK = 500
SKETCH_SIZE = 1 << 20
MAX_SHARE = 0.03  # features in more of the trusted beads than this are not learnt


def learn_pairs(bt: Bitext, beads: list[tuple], min_confidence: float | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """(source feature ids, target feature ids) that co-occur in the trusted beads far above chance."""
    min_confidence = MIN_CONFIDENCE if min_confidence is None else min_confidence
    src_bead = np.full(bt.n, -1)
    tgt_bead = np.full(bt.m, -1)
    k = 0
    for i0, i1, j0, j1, conf, *_ in beads:
        if i1 > i0 and j1 > j0 and conf >= min_confidence and (i1 - i0) + (j1 - j0) <= 3:
            src_bead[i0:i1] = k
            tgt_bead[j0:j1] = k
            k += 1
    if k == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    f_s, i_s = bt.src_occ
    f_t, j_t = bt.tgt_occ
    b_s, b_t = src_bead[i_s], tgt_bead[j_t]
    keep_s, keep_t = b_s >= 0, b_t >= 0
    f_s, b_s, f_t, b_t = f_s[keep_s], b_s[keep_s], f_t[keep_t], b_t[keep_t]
    # distinct (feature, bead) on each side, then the join on bead
    v = len(bt.vocab)
    s_keys = sorted_unique(b_s * v + f_s)
    t_keys = sorted_unique(b_t * v + f_t)
    s_b, s_f = s_keys // v, s_keys % v
    t_b, t_f = t_keys // v, t_keys % v
    c_s = np.bincount(s_f, minlength=v)
    c_t = np.bincount(t_f, minlength=v)
    # frequent features meet everything: they would be learnt as each other's translation, and cost a lot
    limit = max(20, MAX_SHARE * k)
    word = np.fromiter((f[:1].isalpha() for f in bt.vocab), dtype=bool, count=v)  # punctuation is not learnt
    rare_s = (c_s[s_f] <= limit) & (c_s[s_f] >= MIN_PAIR_COUNT) & bt.own[s_f] & word[s_f]
    rare_t = (c_t[t_f] <= limit) & (c_t[t_f] >= MIN_PAIR_COUNT) & word[t_f]
    s_b, s_f, t_b, t_f = s_b[rare_s], s_f[rare_s], t_b[rare_t], t_f[rare_t]
    # The join on bead yields millions of (source, target) feature pairs on a book, most of them met once.
    # A first pass counts hashed pairs in a fixed table; the second keeps only pairs whose bucket reached
    # MIN_PAIR_COUNT (a superset of the pairs that did), so memory stays small and the counts exact.
    sketch = np.zeros(SKETCH_SIZE, dtype=np.int32)
    for keys in _joined_pairs(s_b, s_f, t_b, t_f, k, v):
        sketch += np.bincount(_bucket(keys), minlength=SKETCH_SIZE).astype(np.int32)
    kept = [keys[sketch[_bucket(keys)] >= MIN_PAIR_COUNT] for keys in _joined_pairs(s_b, s_f, t_b, t_f, k, v)]
    if not kept:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pair_keys, together = np.unique(np.concatenate(kept), return_counts=True)
    pf, pg = pair_keys // v, pair_keys % v
    dice = 2.0 * together / (c_s[pf] + c_t[pg])
    ok = (together >= MIN_PAIR_COUNT) & (dice >= MIN_DICE) & (pf != pg)
    pf, pg, dice = pf[ok], pg[ok], dice[ok]
    order = np.lexsort((-dice, pf))
    pf, pg = pf[order], pg[order]
    first = np.r_[True, pf[1:] != pf[:-1]] if len(pf) else np.zeros(0, dtype=bool)
    rank = np.arange(len(pf)) - np.maximum.accumulate(np.where(first, np.arange(len(pf)), 0))
    sel = rank < PER_SOURCE
    return pf[sel], pg[sel]


def _bucket(keys: np.ndarray) -> np.ndarray:
    return ((keys * 0x9E3779B1) >> 7) & (SKETCH_SIZE - 1)


def _joined_pairs(s_b, s_f, t_b, t_f, beads: int, v: int):
    """Pair keys (source feature * v + target feature) of features met in the same bead, chunk by chunk."""
    for b0 in range(0, beads, CHUNK):
        s_sel = slice(np.searchsorted(s_b, b0), np.searchsorted(s_b, b0 + CHUNK))
        cs_b, cs_f = s_b[s_sel], s_f[s_sel]
        start = np.searchsorted(t_b, cs_b, side="left")
        stop = np.searchsorted(t_b, cs_b, side="right")
        counts = stop - start
        total = int(counts.sum())
        if total == 0:
            continue
        offsets = np.repeat(start - (np.cumsum(counts) - counts), counts) + np.arange(total)
        yield np.repeat(cs_f, counts) * v + t_f[offsets]


def add_learnt(bt: Bitext, src_feats: np.ndarray, tgt_feats: np.ndarray) -> Bitext:
    """A copy of ``bt`` where every source position with a learnt source feature also has its translation."""
    if len(src_feats) == 0:
        return bt
    v = len(bt.vocab)
    order = np.argsort(src_feats, kind="stable")
    src_feats, tgt_feats = src_feats[order], tgt_feats[order]
    pos_feat, pos_id, pos_sent = bt.positions
    start = np.searchsorted(src_feats, pos_feat, side="left")
    stop = np.searchsorted(src_feats, pos_feat, side="right")
    counts = stop - start
    total = int(counts.sum())
    if total == 0:
        return bt
    offsets = np.repeat(start - (np.cumsum(counts) - counts), counts) + np.arange(total)
    new_feat = tgt_feats[offsets]
    new_id = np.repeat(pos_id, counts)
    new_sent = np.repeat(pos_sent, counts)
    feat = np.r_[pos_feat, new_feat]
    pid = np.r_[pos_id, new_id]
    sent = np.r_[pos_sent, new_sent]
    keys, first = np.unique(pid * v + feat, return_index=True)
    feat, pid, sent = keys % v, keys // v, sent[first]
    occ = sorted_unique(feat * (bt.n + 1) + sent)
    src_occ = (occ // (bt.n + 1), occ % (bt.n + 1))
    from dataclasses import replace

    return reweigh(replace(bt, src_occ=src_occ, positions=(feat, pid, sent)))
