"""BLEU between a rendered source sentence and a target sentence (Bleualign's step 3).

Sennrich & Volk score a candidate pair by BLEU over 1- and 2-grams of the machine-translated source against
the target, take the harmonic mean of the two directions (so that neither a short nor a long sentence wins by
length alone), and let a pair score only when the two share a bigram: one common word is chance, a common
pair of words is evidence.

Our rendered source has several variants per position (the French feature plus the features of its English
renderings), so a position matches a target token when any of its variants does. Example::

    source  [{"chat"}, {"noir", "blac"}]      target ["blac", "cat"]
    unigram: one of two source positions matches; bigram: none -> the pair scores 0.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import product

Variants = list[frozenset[str]]  # one set of interchangeable features per token position


def _matches(hyp: Variants, ref: list[str], n: int) -> tuple[int, int]:
    """(clipped n-gram matches, n-grams in ``hyp``) where a hyp position matches through any of its variants."""
    total = max(len(hyp) - n + 1, 0)
    if not total:
        return 0, 0
    available = Counter(tuple(ref[k : k + n]) for k in range(len(ref) - n + 1))
    hits = 0
    for k in range(total):
        for gram in product(*hyp[k : k + n]):
            if available.get(gram):
                available[gram] -= 1
                hits += 1
                break
    return hits, total


def bleu(hyp: Variants, ref: list[str], max_n: int = 2) -> float:
    """BLEU of ``hyp`` against ``ref`` over 1..``max_n``-grams with the brevity penalty; 0 when a precision is 0."""
    if not hyp or not ref:
        return 0.0
    log_precision = 0.0
    for n in range(1, max_n + 1):
        hits, total = _matches(hyp, ref, n)
        if hits == 0 or total == 0:
            return 0.0
        log_precision += math.log(hits / total) / max_n
    brevity = min(0.0, 1.0 - len(ref) / len(hyp))
    return math.exp(log_precision + brevity)


def pair_bleu(source: Variants, target: list[str]) -> float:
    """Harmonic mean of BLEU in both directions; 0 unless the pair shares a bigram."""
    forward = bleu(source, target)
    if forward == 0.0:
        return 0.0
    backward = bleu([frozenset([t]) for t in target], [_pick(v, target) for v in source])
    if backward == 0.0:
        return 0.0
    return 2 * forward * backward / (forward + backward)


def _pick(variants: frozenset[str], target: list[str]) -> str:
    """The variant of a source position that the target uses, so that the backward direction sees it."""
    for t in target:
        if t in variants:
            return t
    return min(variants)
