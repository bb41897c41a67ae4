"""The arithmetic of the optional embedding signal (no model needed): sums of unit vectors, banded dots."""

import numpy as np
import pytest

from bireader.align.embeddings import band_dots, neighbour_dots, run_norm_sq


def unit_rows(k, d, seed):
    v = np.random.default_rng(seed).normal(size=(k, d))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize("start,stop", [(0, 1), (2, 4), (3, 6), (1, 5)])
def test_run_norm_matches_the_norm_of_the_sum(start, stop):
    v = unit_rows(8, 5, 1)
    got = run_norm_sq(neighbour_dots(v), np.array([start]), np.array([stop]))[0]
    assert got == pytest.approx(np.linalg.norm(v[start:stop].sum(axis=0)) ** 2)


def test_band_dots_are_running_sums_of_pairwise_dots():
    src, tgt = unit_rows(4, 6, 2), unit_rows(7, 6, 3)
    plo = np.array([0, 1, 3, 5])
    cum = band_dots(src, tgt, plo, width=3)
    for i in range(4):
        for x in range(3):
            j = plo[i] + x
            want = src[i] @ tgt[j] if j < 7 else 0.0
            assert cum[i, x + 1] - cum[i, x] == pytest.approx(want, abs=1e-6)
