"""How sure is each bead? A logistic model over what the gap program saw, fitted once on transread.

Features of a bead: its Dice score, the Gale-Church log probability of its lengths, whether it is a null bead
or a 1-1 bead, and the Dice of its neighbours (a bead inside a well-matched stretch is rarely wrong).
The coefficients come from ``python -m bench.align --fit-confidence`` (logistic regression on whether each
bead the aligner outputs on transread is in the gold); docs/align.md shows how well the probabilities match
the observed accuracy, on transread and on textberg, which the fit never saw.
"""

from __future__ import annotations

import numpy as np

# intercept, dice, length log-prob, null, one-to-one, neighbour dice (python -m bench.align --fit-confidence)
COEFFICIENTS = np.array([0.483, 1.776, 0.068, -0.101, 1.448, 2.315])


def bead_features(dice: np.ndarray, length_lp: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The feature matrix (beads x 6) for ``confidence``; ``sizes`` holds (a, b) per bead."""
    a, b = sizes[:, 0], sizes[:, 1]
    null = ((a == 0) | (b == 0)).astype(float)
    one = ((a == 1) & (b == 1)).astype(float)
    prev = np.r_[dice[:1], dice[:-1]]
    nxt = np.r_[dice[1:], dice[-1:]]
    around = np.minimum(prev, nxt)
    return np.column_stack([np.ones_like(dice), dice, np.maximum(length_lp, -20.0), null, one, around])


def confidence(features: np.ndarray, coefficients: np.ndarray = COEFFICIENTS) -> np.ndarray:
    """The probability in [0, 1] that each bead is right."""
    return 1.0 / (1.0 + np.exp(-(features @ coefficients)))


def fit(features: np.ndarray, correct: np.ndarray, steps: int = 3000, rate: float = 0.5,
        l2: float = 1e-3) -> np.ndarray:
    """Logistic regression by gradient descent (no scipy needed): coefficients for ``confidence``."""
    w = np.zeros(features.shape[1])
    scale = np.maximum(np.abs(features).max(axis=0), 1e-9)
    x = features / scale
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - correct) / len(correct) + l2 * w
        w -= rate * grad
    return w / scale
