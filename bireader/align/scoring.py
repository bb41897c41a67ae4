"""The evidence two sentences share, computed for many pairs at once without looking at all n x m of them.

Each sentence becomes a set of feature ids (see ``tokens.py`` and ``render.py``); a feature weighs its inverse
document frequency over both sides, so a shared name counts for much and a shared comma for little. The
lexical evidence of a pair is the weight of the features they share; a bead's is the sum over its pairs,
divided by half the weight of its sentences (a Dice coefficient in [0, 1]).

``pair_sums`` finds the pairs that share anything through an inverted index: for every feature, the source
sentences that have it meet the target sentences that have it inside a window of target indices. The
enumeration is a few numpy operations per block of source sentences (blocks keep the temporaries to a few MB),
so a book of 7,000 sentences a side takes a fraction of a second.
"""

from __future__ import annotations

from array import array
from itertools import chain
from dataclasses import dataclass, replace

import numpy as np

from bireader.align.render import Renderer, identity_renderer
from bireader.align.tokens import feature, normal_token, raw_tokens, scoring_tokens


INDEX = np.int32  # feature ids, sentence and position indices as stored
KEY = np.int64  # combined keys


@dataclass
class Bitext:
    """Both sides of a text reduced to what the aligner scores."""

    n: int
    m: int
    src_variants: list[list[frozenset[str]]]  # rendered source, per token position (for BLEU)
    tgt_tokens: list[list[str]]  # target features per position (for BLEU)
    # The index arrays below are int32 (half the memory of a book's bitext); arithmetic on them that can
    # exceed 2**31 (keys such as feature * (m + 1) + sentence) is done in int64 (``INDEX``, ``KEY``).
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
    # A book has some 200,000 tokens but only 15,000 distinct ones and fewer distinct renderings: each token is
    # rendered once, each rendering numbered once (its "rid") and given its sorted feature ids when it is first
    # a position, and a sentence is read as the list of its tokens' rids. Ids are handed out in the order the
    # features are first met: a sentence's new tokens in order (their own feature), then its new renderings.
    token_rid: dict[str, int] = {}  # raw token -> its rendering's rid (-1: no rendering)
    rid_of: dict[frozenset[str], int] = {}
    renderings: list[frozenset[str]] = []
    # per rid: its feature ids, by sorted feature (None until a position). Sorted: a frozenset's order follows
    # string hashing, which changes with every process (PYTHONHASHSEED); feature ids, and through them the
    # iterative pass's ranking of tied word pairs, must not
    rid_ids: list[list[int] | None] = []
    own: set[int] = set()  # features of the source words themselves (not of their renderings)

    def number(v: frozenset[str]) -> int:
        r = rid_of.get(v)
        if r is None:
            r = rid_of[v] = len(renderings)
            renderings.append(v)
            rid_ids.append(None)
        return r

    def rid_of_token(raw: str) -> int:
        r = token_rid.get(raw)
        if r is None:  # met for the first time: rendered now
            tok = normal_token(raw)
            v = renderer(tok) or None
            r = token_rid[raw] = -1 if v is None else number(v)
            if v:
                f = feature(tok)
                if f:
                    own.add(fid(f))
        return r

    pos_rid = array("q")  # rid of each source position (a distinct rendering within its sentence)
    pos_count = array("q")  # positions per source sentence
    plain = not extra and translation is None and not keep_tokens
    known = token_rid.get
    for k, toks in enumerate(map(raw_tokens, source)):
        rids = list(map(known, toks))
        if plain:
            new = len(renderings)
            if None in rids:
                rids = [r if r is not None else rid_of_token(raw) for r, raw in zip(rids, toks)]
            unique_positions = dict.fromkeys(rids)
            unique_positions.pop(-1, None)
            # the renderings first met here are positions here, in the order they were met: ids for them now
            for r in range(new, len(renderings)):
                rid_ids[r] = [fid(f) for f in sorted(renderings[r])]
        else:
            if None in rids:
                rids = [r if r is not None else rid_of_token(raw) for r, raw in zip(rids, toks)]
            variants = [renderings[r] for r in rids if r >= 0]
            if extra:
                variants = [v | frozenset(g for f in v for g in extra.get(f, ())) for v in variants]
            if translation is not None:
                trans = [frozenset((f,)) for f in map(feature, scoring_tokens(translation[k])) if f]
                if keep_tokens:
                    src_variants.append(trans or variants)
                variants = variants + trans
            elif keep_tokens:
                src_variants.append(variants)
            unique_positions = dict.fromkeys(map(number, variants))  # equal renderings are one position
            for r in unique_positions:
                if rid_ids[r] is None:
                    rid_ids[r] = [fid(f) for f in sorted(renderings[r])]
        pos_count.append(len(unique_positions))
        pos_rid.extend(unique_positions)
    rid_len = np.array([len(ids) if ids is not None else 0 for ids in rid_ids], dtype=np.int64)
    rid_flat = np.fromiter(chain.from_iterable(ids for ids in rid_ids if ids is not None), dtype=INDEX,
                           count=int(rid_len.sum()))
    del token_rid, rid_of, renderings, rid_ids
    tgt_tokens = []
    if keep_tokens:
        tgt_tokens = [[f for f in map(feature, scoring_tokens(text)) if f] for text in target]
    target_ids: dict[str, int] = {}  # raw token -> its feature id (-1: no feature), given in the order of the text

    def target_id(raw: str) -> int:
        x = target_ids.get(raw)
        if x is None:
            f = feature(normal_token(raw))
            x = target_ids[raw] = fid(f) if f else -1
        return x

    tgt_all = array("i")  # feature id of every target token (-1: none), sentence after sentence
    tgt_counts = array("q")  # tokens per target sentence
    known_target = target_ids.get
    for text in target:
        toks = raw_tokens(text)
        ids = list(map(known_target, toks))
        if None in ids:
            ids = [x if x is not None else target_id(raw) for x, raw in zip(ids, toks)]
        tgt_counts.append(len(ids))
        tgt_all.extend(ids)
    del target_ids

    n, m, v = len(source), len(target), max(len(vocab), 1)
    pos_rid_a = np.frombuffer(pos_rid, dtype=np.int64) if len(pos_rid) else np.zeros(0, dtype=np.int64)
    pos_feat_a, pos_len_a = _gather(rid_flat, rid_len, pos_rid_a)
    del pos_rid, pos_rid_a, rid_flat, rid_len
    pos_id = np.repeat(np.arange(len(pos_len_a), dtype=INDEX), pos_len_a)
    pos_sent = np.repeat(np.arange(n, dtype=INDEX), np.frombuffer(pos_count, dtype=np.int64) if n else 0)
    entry_sent = pos_sent[pos_id] if len(pos_id) else pos_id
    src_occ = _occurrences(pos_feat_a, entry_sent, n)
    # a target sentence's features as a set: duplicates go in _occurrences
    tgt_all_a = np.frombuffer(tgt_all, dtype=INDEX) if len(tgt_all) else np.zeros(0, dtype=INDEX)
    tgt_sent = np.repeat(np.arange(m, dtype=INDEX), np.frombuffer(tgt_counts, dtype=np.int64) if m else 0)
    has_feature = tgt_all_a >= 0
    tgt_feat_a, tgt_sent = tgt_all_a[has_feature], tgt_sent[has_feature]
    del tgt_all_a, has_feature
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


GATHER_BLOCK = 1 << 15  # positions gathered at once (a book has a million (position, feature) entries)


def _gather(flat: np.ndarray, lengths: np.ndarray, picks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenation of the runs ``picks`` of ``flat`` (run r: ``lengths[r]`` values, after the runs before
    it), and the length of each, by blocks of picks so that the int64 index temporaries stay small."""
    starts = np.cumsum(lengths) - lengths
    picked = lengths[picks]
    out = np.empty(int(picked.sum()), dtype=flat.dtype)
    at = 0
    for b0 in range(0, len(picks), GATHER_BLOCK):
        size = picked[b0 : b0 + GATHER_BLOCK]
        total = int(size.sum())
        out[at : at + total] = flat[np.repeat(starts[picks[b0 : b0 + GATHER_BLOCK]] - (np.cumsum(size) - size), size)
                                    + np.arange(total)]
        at += total
    return out, picked


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
    """Distinct (feature id, sentence index) pairs, sorted by feature then sentence (INDEX arrays)."""
    keys = sorted_unique(feats.astype(KEY) * (size + 1) + sents)
    return (keys // (size + 1)).astype(INDEX), (keys % (size + 1)).astype(INDEX)


def sorted_unique(keys: np.ndarray) -> np.ndarray:
    """np.unique for int keys by sort and compare (numpy 2's hashing unique is several times slower here)."""
    keys = sort_keys(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` for integer keys, by a least-significant-digit radix sort.

    numpy sorts integers of 16 bits or less stably in linear time (radix sort) and wider ones by merging; the
    aligner's keys (feature x sentence, sentence x sentence, position x feature) fit in 32 bits or a little more,
    so two or three stable passes over 16-bit digits give the same permutation several times faster. Negative
    keys take numpy's own stable sort.
    """
    if len(keys) == 0 or keys.min() < 0:
        return np.argsort(keys, kind="stable")
    top = int(keys.max())
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    shift = 16
    while top >> shift:
        digit = ((keys[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    return order


def sort_keys(keys: np.ndarray) -> np.ndarray:
    """``np.sort(keys)`` for integer keys, by ``stable_order`` (the same values, several times faster here)."""
    return keys[stable_order(keys)]


PAIR_BLOCK = 1 << 14  # source feature occurrences handled at once (a few MB of temporaries on a book)


def pair_sums(
    bt: Bitext, win_lo: np.ndarray, win_hi: np.ndarray, max_df: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (i, j) with ``win_lo[i] <= j < win_hi[i]`` that shares a feature, and its shared weight.

    Features found in more than ``max_df`` sentences of either side are left out (they would pair everything).
    Returns (i, j, weight) arrays, one entry per pair, sorted by (i, j).
    """
    f_s, i_s = bt.src_occ
    f_t, j_t = bt.tgt_occ
    if max_df is not None:
        keep = (bt.df_src[f_s] <= max_df) & (bt.df_tgt[f_s] <= max_df)
        f_s, i_s = f_s[keep], i_s[keep]
        del keep
    # A book's band meets a few million (occurrence, target) entries. They are enumerated and summed by blocks
    # of whole source sentences, so that the temporaries stay small; a pair's entries all fall in one block,
    # and its weights are added in the order of the feature ids (a stable sort), whatever the blocks.
    stride = KEY(bt.m + 1)  # a numpy int64: keys of int32 ids are computed in int64
    key_t = f_t * stride + j_t
    # Each occurrence's targets are a run of key_t, found by binary search. In src_occ's own order (feature,
    # then sentence) the searched keys increase wherever the window does (every caller's), and numpy's binary
    # search is several times faster on increasing keys than in the sentence order of the blocks below.
    first = np.searchsorted(key_t, f_s * stride + win_lo[i_s]).astype(INDEX)
    last = np.searchsorted(key_t, f_s * stride + np.minimum(win_hi[i_s], stride)).astype(INDEX)
    by_sentence = stable_order(i_s)
    f_s, i_s, first, last = f_s[by_sentence], i_s[by_sentence], first[by_sentence], last[by_sentence]
    del by_sentence
    cuts = sorted_unique(np.searchsorted(i_s, i_s[PAIR_BLOCK::PAIR_BLOCK]))
    edges = np.r_[0, cuts, len(i_s)]
    out_i, out_j, out_w = [], [], []
    for b0, b1 in zip(edges[:-1].tolist(), edges[1:].tolist()):
        c_f, c_i = f_s[b0:b1], i_s[b0:b1]
        start = first[b0:b1].astype(np.int64)
        counts = np.maximum(last[b0:b1] - start, 0)
        total = int(counts.sum())
        if total == 0:
            continue
        offsets = np.repeat(start - (np.cumsum(counts) - counts), counts) + np.arange(total)
        keys = np.repeat(c_i, counts) * stride + j_t[offsets]
        del offsets
        pw = np.repeat(bt.weight[c_f], counts)
        order = stable_order(keys)
        keys, pw = keys[order], pw[order]
        del order
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        out_w.append(np.add.reduceat(pw, starts))
        keys = keys[starts]
        out_i.append(keys // stride)
        out_j.append(keys % stride)
    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_w)


def dice(bt: Bitext, i: np.ndarray, j: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Shared weight of sentence pairs relative to half their total weight, in [0, 1]."""
    denom = bt.src_weight[i] + bt.tgt_weight[j]
    return np.where(denom > 0, 2.0 * shared / np.maximum(denom, 1e-9), 0.0).clip(0.0, 1.0)
