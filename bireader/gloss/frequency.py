"""Frequency ranks per lemma and frequency bands, from ``wordfreq``.

The problem: a learner's level is "I know the N most frequent words", but wordfreq counts word *forms*
(``suis``, ``est``, ``étaient`` separately), while a learner knows *lemmas* (``être``). So we fold wordfreq's
top forms onto their simplemma lemmas, add up their frequencies and rank the lemmas::

    >>> lemma_rank("être", "fr") < lemma_rank("maison", "fr"), lemma_rank("palefrenier", "fr")  # too rare: None
    (True, None)

Bands cut the ranks into doubling steps (1: top 500, 2: 500-1k, 3: 1k-2k, ... 7: beyond 16k or unknown), which
is how the reader colours words and how a learner's level is chosen.
"""

from __future__ import annotations

import re
from functools import lru_cache

TOP_FORMS = 60_000  # forms taken from wordfreq to rank lemmas (its lists go further, with less reliable tails)
BAND_LIMITS = (500, 1000, 2000, 4000, 8000, 16000)  # band k covers ranks up to BAND_LIMITS[k-1]
BANDS = len(BAND_LIMITS) + 1


@lru_cache(maxsize=None)
def lemma_ranks(lang: str) -> dict[str, int]:
    """Lemma -> rank (1 = most frequent) for ``lang``, from wordfreq's forms folded onto simplemma lemmas."""
    import simplemma
    from wordfreq import top_n_list, word_frequency

    totals: dict[str, float] = {}
    for form in top_n_list(lang, TOP_FORMS):
        lemma = simplemma.lemmatize(form, lang=lang).lower()
        freq = word_frequency(form, lang)
        totals[lemma] = totals.get(lemma, 0.0) + freq
        # A form also ranks as itself, at least as frequent as it is alone: the lemmatiser folds "je" onto "moi"
        # and "est" onto "être", yet "je" and "est" are among the commonest words, whatever they are taken for.
        if form != lemma:
            totals[form] = max(totals.get(form, 0.0), freq)
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    return {lemma: rank for rank, (lemma, freq) in enumerate(ranked, start=1) if freq > 0}


def lemma_rank(lemma: str, lang: str) -> int | None:
    """The frequency rank of a lemma (1 = most frequent), None when wordfreq does not know it."""
    ranks = lemma_ranks(lang)
    key = lemma.lower().replace("’", "'")
    rank = ranks.get(key)
    if rank is None and (" " in key or "'" in key):  # an expression is as rare as its rarest known word
        parts = [ranks.get(p) for p in re.split(r"[ ']+", key) if p]
        known = [r for r in parts if r is not None]
        rank = max(known) if known else None
    return rank


def band(rank: int | None) -> int:
    """Frequency band 1..BANDS of a rank (BANDS for unknown words)."""
    if rank is None:
        return BANDS
    for k, limit in enumerate(BAND_LIMITS, start=1):
        if rank <= limit:
            return k
    return BANDS
