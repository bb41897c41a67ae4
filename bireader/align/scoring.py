"""The evidence two sentences share, computed for many pairs at once without looking at all n x m of them.

Each sentence becomes a set of feature ids (see ``tokens.py`` and ``render.py``); a feature weighs its inverse
document frequency over both sides, so a shared name counts for much and a shared comma for little. The
lexical evidence of a pair is the weight of the features they share; a bead's is the sum over its pairs,
divided by half the weight of its sentences (a Dice coefficient in [0, 1]).

``pair_sums`` finds the pairs that share anything through an inverted index: for every feature, the source
sentences that have it meet the target sentences that have it inside a window of target indices. The whole
enumeration is a few numpy operations, so a book of 7,000 sentences a side takes a fraction of a second.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, replace

import numpy as np

from bireader.align.render import Renderer, identity_renderer
from bireader.align.tokens import feature, scoring_tokens


@dataclass
class Bitext:
    """Both sides of a text reduced to what the aligner scores."""

    n: int
    m: int
    src_variants: list[list[frozenset[str]]]  # rendered source, per token position (for BLEU)
    tgt_tokens: list[list[str]]  # target features per position (for BLEU)
    src_occ: tuple[np.ndarray, np.ndarray]  # (feature id, sentence) of every distinct feature of a source sentence
    tgt_occ: tuple[np.ndarray, np.ndarray]  # the same for the target, sorted by (feature, sentence)
    weight: np.ndarray  # per feature id
    df_src: np.ndarray
    df_tgt: np.ndarray
    src_weight: np.ndarray  # per sentence: the weight a perfect match would share
    tgt_weight: np.ndarray
    src_chars: np.ndarray
    tgt_chars: np.ndarray
    positions: tuple[np.ndarray, np.ndarray, np.ndarray]  # (feature, position id, sentence of the position)
    vocab: list[str]
    own: np.ndarray  # per feature id: True for features of source words themselves
    src_vectors: np.ndarray | None = None  # sentence embeddings, when asked for (embeddings.py)
    tgt_vectors: np.ndarray | None = None
    src_embedded: np.ndarray | None = None  # per sentence: True where it has a vector (None: all have)
    tgt_embedded: np.ndarray | None = None


def build_bitext(
    source: list[str],
    target: list[str],
    renderer: Renderer = identity_renderer,
    translation: list[str] | None = None,
    extra: dict[str, set[str]] | None = None,
    keep_tokens: bool = False,
) -> Bitext:
    """Render and index both sides; ``translation`` (one line per source sentence) adds its features to the source.

    ``keep_tokens`` keeps the token sequences that BLEU needs (``src_variants``, ``tgt_tokens``); without it
    they are empty lists, which saves tens of megabytes on a book.
    ``extra`` maps a source feature to target features learnt from this very text (the iterative pass).
    """
    vocab: dict[str, int] = {}

    def fid(f: str) -> int:
        k = vocab.get(f)
        if k is None:
            k = vocab[f] = len(vocab)
        return k

    src_variants = []
    # flat arrays rather than lists of lists: a book has about a million (position, feature) entries
    pos_feat = array("q")  # feature of each (position, feature) entry
    pos_len = array("q")  # features per position
    pos_count = array("q")  # positions per source sentence
    own: set[int] = set()  # features of the source words themselves (not of their renderings)
    for k, text in enumerate(source):
        variants = []
        for tok in scoring_tokens(text):
            v = renderer(tok)
            if v:
                variants.append(v)
                f = feature(tok)
                if f:
                    own.add(fid(f))
        if extra:
            variants = [v | frozenset(g for f in v for g in extra.get(f, ())) for v in variants]
        if translation is not None:
            trans = [frozenset((f,)) for f in map(feature, scoring_tokens(translation[k])) if f]
            if keep_tokens:
                src_variants.append(trans or variants)
            variants = variants + trans
        elif keep_tokens:
            src_variants.append(variants)
        unique_positions = dict.fromkeys(variants)
        pos_count.append(len(unique_positions))
        for v in unique_positions:
            pos_len.append(len(v))
            # sorted: a frozenset's order follows string hashing, which changes with every process
            # (PYTHONHASHSEED); feature ids, and through them the iterative pass's count sketch, must not
            pos_feat.extend(fid(f) for f in sorted(v))
    tgt_tokens = []
    tgt_feat = array("q")
    tgt_count = array("q")
    for text in target:
        feats = [f for f in map(feature, scoring_tokens(text)) if f]
        if keep_tokens:
            tgt_tokens.append(feats)
        ids = {fid(f) for f in feats}
        tgt_count.append(len(ids))
        tgt_feat.extend(ids)

    n, m, v = len(source), len(target), max(len(vocab), 1)
    pos_feat_a = np.frombuffer(pos_feat, dtype=np.int64) if len(pos_feat) else np.zeros(0, dtype=np.int64)
    pos_len_a = np.frombuffer(pos_len, dtype=np.int64) if len(pos_len) else np.zeros(0, dtype=np.int64)
    pos_id = np.repeat(np.arange(len(pos_len_a)), pos_len_a)
    pos_sent = np.repeat(np.arange(n), np.frombuffer(pos_count, dtype=np.int64) if n else 0)
    entry_sent = pos_sent[pos_id] if len(pos_id) else pos_id
    src_occ = _occurrences(pos_feat_a, entry_sent, n)
    tgt_sent = np.repeat(np.arange(m), np.frombuffer(tgt_count, dtype=np.int64) if m else 0)
    tgt_feat_a = np.frombuffer(tgt_feat, dtype=np.int64) if len(tgt_feat) else np.zeros(0, dtype=np.int64)
    tgt_occ = _occurrences(tgt_feat_a, tgt_sent, m)
    df_src = np.bincount(src_occ[0], minlength=v)
    df_tgt = np.bincount(tgt_occ[0], minlength=v)
    weight = np.maximum(np.log((n + m + 1.0) / (df_src + df_tgt + 1.0)), 0.0)
    tgt_weight = np.bincount(tgt_occ[1], weights=weight[tgt_occ[0]], minlength=m)
    # a source position weighs the mean weight of its variants, so that several renderings count as one word
    pos_mean = np.bincount(pos_id, weights=weight[pos_feat_a], minlength=len(pos_len_a)) / np.maximum(pos_len_a, 1)
    src_weight = np.bincount(pos_sent, weights=pos_mean, minlength=n).astype(np.float64)
    return Bitext(
        n=n,
        m=m,
        src_variants=src_variants,
        tgt_tokens=tgt_tokens,
        src_occ=src_occ,
        tgt_occ=tgt_occ,
        weight=weight,
        df_src=df_src,
        df_tgt=df_tgt,
        src_weight=src_weight,
        tgt_weight=tgt_weight,
        src_chars=np.array([len(s) for s in source], dtype=np.float64),
        tgt_chars=np.array([len(t) for t in target], dtype=np.float64),
        positions=(pos_feat_a, pos_id, entry_sent),
        vocab=list(vocab),
        own=np.isin(np.arange(len(vocab)), np.fromiter(own, dtype=np.int64, count=len(own))),
    )


def reweigh(bt: Bitext) -> Bitext:
    """Recompute document frequencies and weights after features were added to the source (iterative pass)."""
    n, m, v = bt.n, bt.m, len(bt.vocab)
    df_src = np.bincount(bt.src_occ[0], minlength=v)
    df_tgt = np.bincount(bt.tgt_occ[0], minlength=v)
    weight = np.maximum(np.log((n + m + 1.0) / (df_src + df_tgt + 1.0)), 0.0)
    pos_feat, pos_id, pos_sent = bt.positions
    npos = int(pos_id.max()) + 1 if len(pos_id) else 0
    pos_len = np.bincount(pos_id, minlength=npos)
    pos_mean = np.bincount(pos_id, weights=weight[pos_feat], minlength=npos) / np.maximum(pos_len, 1)
    first = np.zeros(npos, dtype=np.int64)
    first[pos_id] = pos_sent
    src_weight = np.bincount(first, weights=pos_mean, minlength=n)
    f_t, j_t = bt.tgt_occ
    tgt_weight = np.bincount(j_t, weights=weight[f_t], minlength=m)
    return replace(bt, df_src=df_src, df_tgt=df_tgt, weight=weight, src_weight=src_weight, tgt_weight=tgt_weight)


def _occurrences(feats: np.ndarray, sents: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (feature id, sentence index) pairs, sorted by feature then sentence."""
    keys = sorted_unique(feats * (size + 1) + sents)
    return keys // (size + 1), keys % (size + 1)


def sorted_unique(keys: np.ndarray) -> np.ndarray:
    """np.unique for int keys by sort and compare (numpy 2's hashing unique is several times slower here)."""
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def pair_sums(
    bt: Bitext, win_lo: np.ndarray, win_hi: np.ndarray, max_df: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (i, j) with ``win_lo[i] <= j < win_hi[i]`` that shares a feature, and its shared weight.

    Features found in more than ``max_df`` sentences of either side are left out (they would pair everything).
    Returns (i, j, weight) arrays, one entry per pair.
    """
    f_s, i_s = bt.src_occ
    f_t, j_t = bt.tgt_occ
    if max_df is not None:
        keep = (bt.df_src[f_s] <= max_df) & (bt.df_tgt[f_s] <= max_df)
        f_s, i_s = f_s[keep], i_s[keep]
    stride = bt.m + 1
    key_t = f_t * stride + j_t
    start = np.searchsorted(key_t, f_s * stride + win_lo[i_s])
    stop = np.searchsorted(key_t, f_s * stride + np.minimum(win_hi[i_s], stride))
    counts = np.maximum(stop - start, 0)
    total = int(counts.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    offsets = np.repeat(start - (np.cumsum(counts) - counts), counts) + np.arange(total)
    pi = np.repeat(i_s, counts)
    pj = j_t[offsets]
    pw = np.repeat(bt.weight[f_s], counts)
    keys = pi * stride + pj
    order = np.argsort(keys)
    keys, pw = keys[order], pw[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sums = np.add.reduceat(pw, starts)
    keys = keys[starts]
    return keys // stride, keys % stride, sums


def dice(bt: Bitext, i: np.ndarray, j: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Shared weight of sentence pairs relative to half their total weight, in [0, 1]."""
    denom = bt.src_weight[i] + bt.tgt_weight[j]
    return np.where(denom > 0, 2.0 * shared / np.maximum(denom, 1e-9), 0.0).clip(0.0, 1.0)
