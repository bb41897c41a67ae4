"""The gap program: log-space Gale-Church, bead choice, hard delimiters."""

import math

import numpy as np
import pytest

from bireader.align.gaps import BEAD_TYPES, GapInput, Params, best_path, length_logprob, log_erfc


@pytest.mark.parametrize("z", [0.0, 0.3, 1.0, 2.5, 5.0, 9.0])
def test_log_erfc_matches_math(z):
    assert log_erfc(np.array([z]))[0] == pytest.approx(math.log(math.erfc(z)), rel=1e-6, abs=1e-6)


def test_log_erfc_does_not_underflow():
    v = log_erfc(np.array([40.0]))[0]
    assert np.isfinite(v) and v < -1500  # erfc(40) underflows a float; its log does not


def test_length_logprob_prefers_matching_lengths():
    lp = length_logprob(np.array([100.0, 100.0]), np.array([100.0, 300.0]), 1.0, 6.8)
    assert lp[0] == pytest.approx(0.0, abs=1e-6) and lp[1] < -10


def gap_input(src_len, tgt_len, shared):
    """A GapInput with the whole target in every row's window; ``shared[i][j]`` = shared weight."""
    n, m = len(src_len), len(tgt_len)
    shared = np.asarray(shared, dtype=float)
    cum = np.zeros((n, m + 1))
    cum[:, 1:] = np.cumsum(shared, axis=1)
    return GapInput(
        n=n, m=m,
        src_chars=np.r_[0.0, np.cumsum(src_len)], tgt_chars=np.r_[0.0, np.cumsum(tgt_len)],
        src_weight=np.r_[0.0, np.cumsum([5.0] * n)], tgt_weight=np.r_[0.0, np.cumsum([5.0] * m)],
        src_breaks=np.zeros(n, dtype=int), tgt_breaks=np.zeros(m, dtype=int),
        shared_cum=cum, plo=np.zeros(n, dtype=int),
    )


def run(g, hard=None):
    lo = np.zeros(g.n + 1, dtype=np.int64)
    return [(i0, i1, j0, j1) for i0, i1, j0, j1, _ in best_path(g, Params(), lo, g.m + 1, hard=hard)]


def test_one_to_one_when_everything_matches():
    g = gap_input([50, 60, 40], [50, 60, 40], np.eye(3) * 5)
    assert run(g) == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)]


def test_two_to_one_when_the_target_joins_two_sentences():
    shared = [[4, 0], [4, 0], [0, 5]]
    g = gap_input([50, 50, 60], [100, 60], shared)
    assert run(g) == [(0, 2, 0, 1), (2, 3, 1, 2)]


def test_unmatched_target_sentence_becomes_a_null_bead():
    shared = [[5, 0, 0], [0, 0, 5]]
    g = gap_input([50, 40], [50, 400, 40], shared)
    assert run(g) == [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3)]


def test_hard_delimiter_is_obeyed_against_the_scores():
    g = gap_input([50, 60, 40], [50, 60, 40], np.eye(3) * 5)
    path = run(g, hard=[(1, 2)])
    assert (1, 2) in [(i0, j0) for i0, _, j0, _ in path]


def test_every_bead_type_is_reachable():
    assert set(BEAD_TYPES) >= {(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)}
