"""The iterative pass: learn word translations from this very text, then align again.

After a first alignment, the beads we trust are a small parallel corpus. A source feature and a target feature
that keep meeting in the same beads (``Mlle`` and ``miss``, ``lorsq`` and ``when``) are taken as translations:
their Dice coefficient over beads must be high and they must meet at least twice. Every source sentence that
has the source feature then also gets the target feature, and the gap program runs again (Sennrich & Volk
2011's iterative Bleualign; hunalign's realign).
"""

from __future__ import annotations

import numpy as np

from bireader.align.scoring import INDEX, Bitext, reweigh, sort_keys, sorted_unique, stable_order

MIN_CONFIDENCE = 0.95  # beads trusted as training material
MIN_PAIR_COUNT = 2
MIN_DICE = 0.3
PER_SOURCE = 2
PAIR_BUDGET = 1 << 17  # joined (source, target) feature pairs counted at once (a few MB)
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
    pair_keys, together = _pair_counts(s_b, s_f, t_b, t_f, v)
    if not len(pair_keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
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


def _pair_counts(s_b, s_f, t_b, t_f, v: int) -> tuple[np.ndarray, np.ndarray]:
    """Pair keys (source feature * v + target feature) met in at least MIN_PAIR_COUNT beads, with their counts.

    The join on bead yields millions of (source, target) feature pairs on a book, most of them met once. They
    are counted exactly, range of source features by range (a pair's meetings all fall in its source feature's
    range), and only the pairs met often enough are kept: memory stays small, and the keys come out sorted.
    """
    start = np.searchsorted(t_b, s_b, side="left")
    counts = np.searchsorted(t_b, s_b, side="right") - start
    by_feature = stable_order(s_f)
    feature_sorted = s_f[by_feature]
    reach = np.cumsum(counts[by_feature])
    total = int(reach[-1]) if len(reach) else 0
    cuts = np.searchsorted(feature_sorted, feature_sorted[np.searchsorted(reach, np.arange(PAIR_BUDGET, total, PAIR_BUDGET))])
    edges = sorted_unique(np.r_[0, cuts, len(s_f)])
    out_keys, out_counts = [], []
    for e0, e1 in zip(edges[:-1].tolist(), edges[1:].tolist()):
        sel = by_feature[e0:e1]
        c_start, c_counts = start[sel], counts[sel]
        size = int(c_counts.sum())
        if size == 0:
            continue
        offsets = np.repeat(c_start - (np.cumsum(c_counts) - c_counts), c_counts) + np.arange(size)
        keys = sort_keys(np.repeat(s_f[sel], c_counts) * v + t_f[offsets])
        del offsets
        first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        keys, met = keys[first], np.diff(np.r_[first, size])
        often = met >= MIN_PAIR_COUNT
        out_keys.append(keys[often])
        out_counts.append(met[often])
    if not out_keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(out_keys), np.concatenate(out_counts)


def add_learnt(bt: Bitext, src_feats: np.ndarray, tgt_feats: np.ndarray) -> Bitext:
    """A copy of ``bt`` where every source position with a learnt source feature also has its translation."""
    if len(src_feats) == 0:
        return bt
    v = np.int64(len(bt.vocab))  # int64 keys of int32 ids
    order = stable_order(src_feats)
    src_feats, tgt_feats = src_feats[order], tgt_feats[order]
    pos_feat, pos_id, pos_sent = bt.positions
    # where each position's feature's learnt pairs are in src_feats: a table per feature id (what two binary
    # searches of every one of a book's million entries found, read in one gather each)
    learnt = np.bincount(src_feats, minlength=int(v))
    start = (np.cumsum(learnt) - learnt)[pos_feat]
    counts = learnt[pos_feat]
    del learnt
    total = int(counts.sum())
    if total == 0:
        return bt
    offsets = np.repeat(start - (np.cumsum(counts) - counts), counts) + np.arange(total)
    # distinct (position, feature) keys of the old entries and the learnt ones; a position lies in one sentence,
    # so its sentence is looked up afterwards rather than carried along
    keys = np.r_[pos_id * v + pos_feat, np.repeat(pos_id, counts) * v + tgt_feats[offsets]]
    del start, counts, offsets
    keys = sort_keys(keys)
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
    feat, pid = (keys % v).astype(INDEX), (keys // v).astype(INDEX)
    del keys
    sentence_of = np.zeros(int(pos_id.max()) + 1, dtype=INDEX)
    sentence_of[pos_id] = pos_sent
    sent = sentence_of[pid]
    occ = sorted_unique(feat.astype(np.int64) * (bt.n + 1) + sent)
    src_occ = ((occ // (bt.n + 1)).astype(INDEX), (occ % (bt.n + 1)).astype(INDEX))
    del occ
    from dataclasses import replace

    return reweigh(replace(bt, src_occ=src_occ, positions=(feat, pid, sent)))
