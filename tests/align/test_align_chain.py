"""The anchor chain: the heaviest strictly increasing chain of candidate pairs, and the band it leaves."""

import itertools
import random

import numpy as np

from bireader.align.anchors import band, filter_anchors, max_weight_chain


def brute_force(pairs):
    best = 0.0
    for r in range(1, len(pairs) + 1):
        for combo in itertools.combinations(sorted(pairs), r):
            if all(a[0] < b[0] and a[1] < b[1] for a, b in zip(combo, combo[1:])):
                best = max(best, sum(p[2] for p in combo))
    return best


def test_example_of_the_docstring():
    pairs = [(0, 0, 0.9), (1, 5, 0.4), (1, 1, 0.8), (2, 2, 0.7), (3, 1, 0.9)]
    assert [(i, j) for i, j, _ in max_weight_chain(pairs)] == [(0, 0), (1, 1), (2, 2)]


def test_two_candidates_of_one_source_sentence_never_both_in_the_chain():
    pairs = [(0, 0, 1.0), (0, 1, 1.0), (1, 2, 1.0)]
    chain = max_weight_chain(pairs)
    assert len({i for i, _, _ in chain}) == len(chain) == 2


def test_matches_brute_force_on_random_sets():
    rng = random.Random(3)
    for _ in range(60):
        pairs = list({(rng.randrange(8), rng.randrange(8)): round(rng.random(), 3) for _ in range(9)}.items())
        pairs = [(i, j, w) for (i, j), w in pairs]
        chain = max_weight_chain(pairs)
        assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))
        assert abs(sum(w for _, _, w in chain) - brute_force(pairs)) < 1e-9


def test_empty_input():
    assert max_weight_chain([]) == []


def test_off_diagonal_weak_link_is_dropped():
    chain = [(0, 0, 0.3), (1, 1, 0.3), (2, 2, 0.3), (3, 40, 0.2), (4, 4, 0.3), (5, 5, 0.3), (6, 6, 0.3)]
    kept = filter_anchors(chain, 50, 50, keep_score=0.9)
    assert (3, 40, 0.2) not in kept and len(kept) == 6


def test_band_covers_the_anchor_rectangles_with_a_margin():
    lo, width = band([(2, 3), (3, 4)], n=6, m=8, margin=1)
    hi = lo + width - 1
    assert lo[0] == 0 and hi[6] >= 8
    for i, j in [(2, 3), (3, 4), (2, 2), (3, 5)]:
        assert lo[i] <= j <= hi[i]
    assert np.all(np.diff(lo) >= 0)


def _band_by_hand(anchors, n, m, margin):
    points = sorted({(0, 0), (n, m), *anchors})
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    for (i1, j1), (i2, j2) in zip(points, points[1:]):
        if j2 < j1:
            continue
        for i in range(i1, i2 + 1):
            lo[i], hi[i] = min(lo[i], j1 - margin), max(hi[i], j2 + margin)
    lo = [min(max(x, 0), m) for x in lo]
    hi = [min(max(x, 0), m) for x in hi]
    for i in range(n - 1, -1, -1):  # lo never decreases, hi never falls back
        lo[i] = min(lo[i], lo[i + 1])
    for i in range(1, n + 1):
        hi[i] = max(hi[i], hi[i - 1])
    return lo, max(h - x for h, x in zip(hi, lo)) + 1


def test_band_matches_the_rectangles_taken_one_by_one():
    rng = random.Random(5)
    for _ in range(500):
        n, m, margin = rng.randint(0, 30), rng.randint(0, 30), rng.randint(0, 5)
        anchors = [(rng.randint(0, n), rng.randint(0, m)) for _ in range(rng.randint(0, 8))]
        lo, width = band(anchors, n, m, margin)
        assert (lo.tolist(), width) == _band_by_hand(anchors, n, m, margin)
