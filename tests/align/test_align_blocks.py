"""The aligner's memory-saving layout gives the answers of the plain computation.

The inverted index is walked by blocks of source sentences, the iterative pass counts word pairs by ranges of
source features, and ids are stored as int32 with keys in int64 (docs/align.md, Speed and memory). Each test
makes the blocks tiny, so that a text of a few sentences crosses many of them, and compares with a brute force.
"""

import numpy as np
import pytest

from bireader.align import iterative, scoring
from bireader.align.scoring import _occurrences, build_bitext, pair_sums

WORDS = "le chat noir dort sur la table rouge pendant que Paul mange une pomme verte et Marie lit".split()


def _texts(seed: int, n: int, m: int) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    make = lambda k: [" ".join(rng.choice(WORDS, size=rng.integers(3, 9))) for _ in range(k)]
    return make(n), make(m)


def _brute_pair_sums(bt, win_lo, win_hi, max_df):
    feats_s: dict[int, set[int]] = {}
    for f, i in zip(*bt.src_occ):
        if bt.df_src[f] <= max_df and bt.df_tgt[f] <= max_df:
            feats_s.setdefault(int(i), set()).add(int(f))
    feats_t: dict[int, set[int]] = {}
    for f, j in zip(*bt.tgt_occ):
        feats_t.setdefault(int(j), set()).add(int(f))
    out = {}
    for i, fs in feats_s.items():
        for j in range(int(win_lo[i]), min(int(win_hi[i]), bt.m)):
            shared = fs & feats_t.get(j, set())
            if shared:
                out[i, j] = sum(bt.weight[f] for f in sorted(shared))
    return out


@pytest.mark.parametrize("block", [1, 3, 1 << 14])
def test_pair_sums_by_blocks_match_every_pair_found_by_hand(monkeypatch, block):
    monkeypatch.setattr(scoring, "PAIR_BLOCK", block)
    src, tgt = _texts(1, 30, 27)
    bt = build_bitext(src, tgt)
    win_lo = np.clip(np.arange(bt.n) - 5, 0, bt.m)
    win_hi = np.clip(np.arange(bt.n) + 6, 0, bt.m)
    pi, pj, w = pair_sums(bt, win_lo, win_hi, max_df=12)
    expected = _brute_pair_sums(bt, win_lo, win_hi, 12)
    assert list(zip(pi.tolist(), pj.tolist())) == sorted(expected)  # every pair once, sorted by (i, j)
    assert w == pytest.approx([expected[k] for k in sorted(expected)], abs=1e-12)


@pytest.mark.parametrize("budget", [1, 5, 1 << 17])
def test_word_pairs_are_counted_exactly_whatever_the_budget(monkeypatch, budget):
    monkeypatch.setattr(iterative, "PAIR_BUDGET", budget)
    rng = np.random.default_rng(7)
    v = 40
    s_keys = np.unique(rng.integers(0, 25, 200) * v + rng.integers(0, v, 200))  # distinct (bead, feature)
    t_keys = np.unique(rng.integers(0, 25, 200) * v + rng.integers(0, v, 200))
    s_b, s_f, t_b, t_f = s_keys // v, s_keys % v, t_keys // v, t_keys % v
    keys, counts = iterative._pair_counts(s_b, s_f, t_b, t_f, v)
    met: dict[int, int] = {}
    for b, f in zip(s_b.tolist(), s_f.tolist()):
        for b2, g in zip(t_b.tolist(), t_f.tolist()):
            if b == b2:
                met[f * v + g] = met.get(f * v + g, 0) + 1
    often = sorted(k for k, c in met.items() if c >= iterative.MIN_PAIR_COUNT)
    assert keys.tolist() == often
    assert counts.tolist() == [met[k] for k in often]


def test_occurrence_keys_do_not_overflow_int32_ids():
    # feature 70,000 of a 40,000-sentence side: its key (2.8e9) is beyond int32, the ids are not
    feats = np.array([70_000, 5, 70_000], dtype=np.int32)
    sents = np.array([39_999, 3, 39_999], dtype=np.int32)
    f, s = _occurrences(feats, sents, 40_000)
    assert f.tolist() == [5, 70_000] and s.tolist() == [3, 39_999]


@pytest.mark.parametrize("high", [1, 300, 1 << 16, 1 << 31, 1 << 40])
def test_radix_order_is_numpy_stable_argsort(high):
    rng = np.random.default_rng(high % 97)
    for dtype in (np.int32, np.int64):
        if high >= 1 << 31 and dtype is np.int32:
            continue
        keys = rng.integers(0, high, 5000).astype(dtype)  # many ties when high is small: the order among them counts
        assert np.array_equal(scoring.stable_order(keys), np.argsort(keys, kind="stable"))
        assert np.array_equal(scoring.sort_keys(keys), np.sort(keys))
    with_negatives = rng.integers(-50, 50, 1000)
    assert np.array_equal(scoring.stable_order(with_negatives), np.argsort(with_negatives, kind="stable"))
    assert len(scoring.stable_order(np.zeros(0, dtype=np.int64))) == 0
