"""Frequency ranks per lemma and frequency bands, from ``wordfreq``.

The problem: a learner's level is "I know the N most frequent words", but wordfreq counts word *forms*
(``suis``, ``est``, ``étaient`` separately), while a learner knows *lemmas* (``être``). So we fold wordfreq's
top forms onto their simplemma lemmas, add up their frequencies and rank the lemmas::

    >>> lemma_rank("être", "fr") < lemma_rank("maison", "fr"), lemma_rank("palefrenier", "fr")  # too rare: None
    (True, None)

Bands cut the ranks into doubling steps (1: top 500, 2: 500-1k, 3: 1k-2k, ... 7: beyond 16k or unknown), which
is how the reader colours words and how a learner's level is chosen.

Folding 60,000 forms takes a process 1.5 s and, through wordfreq's cached word lists, 44 MB that it keeps; so the
ranks are folded once, by ``python -m bireader.gloss.frequency``, into ``data/lemma_ranks.{fr,en}.txt.gz`` (the
lemmas in rank order, one a line, under a header naming the wordfreq and simplemma versions they came from), and a
process reads those (0.05 s, 8 MB a language). When the installed versions differ from the header's, the ranks are
folded here as before, so they are always the installed packages' (tests/gloss/test_gloss_frequency.py checks that
the files equal the folding).
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

TOP_FORMS = 60_000  # forms taken from wordfreq to rank lemmas (its lists go further, with less reliable tails)
BAND_LIMITS = (500, 1000, 2000, 4000, 8000, 16000)  # band k covers ranks up to BAND_LIMITS[k-1]
BANDS = len(BAND_LIMITS) + 1


DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def lemma_ranks(lang: str) -> dict[str, int]:
    """Lemma -> rank (1 = most frequent) for ``lang``, from wordfreq's forms folded onto simplemma lemmas: read
    from the prebuilt file when it was made from the installed versions, else folded now."""
    stored = read_rank_file(lang)
    return stored if stored is not None else fold_lemma_ranks(lang)


@lru_cache(maxsize=None)
def _rank_index(lang: str):
    """``lemma_ranks`` as a WordIndex (bireader/word_frequency.py): 1.5 MB a language instead of 7, for the
    lookups of every glossed word."""
    import numpy as np

    from bireader.word_frequency import WordIndex

    ranks = lemma_ranks(lang)
    index = WordIndex(ranks, np.fromiter(ranks.values(), dtype=np.int32, count=len(ranks)))
    lemma_ranks.cache_clear()  # the dict: what the index replaces
    return index


def _rank_of(key: str, lang: str) -> int | None:
    rank = _rank_index(lang).number(key)
    return rank if rank > 0 else None


def rank_file(lang: str) -> Path:
    return DATA / f"lemma_ranks.{lang}.txt.gz"


def sources_header() -> str:
    """The first line of a rank file: what the ranks were folded from."""
    return (f"# lemma ranks folded from the top {TOP_FORMS} forms of wordfreq {metadata.version('wordfreq')} "
            f"with simplemma {metadata.version('simplemma')}")


def read_rank_file(lang: str) -> dict[str, int] | None:
    """The ranks of the prebuilt file for ``lang``; None when it is missing or made from other versions."""
    path = rank_file(lang)
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
        if f.readline().rstrip("\n") != sources_header():
            return None
        return {line[:-1]: rank for rank, line in enumerate(f, start=1)}


def write_rank_files(langs: tuple[str, ...] = ("fr", "en")) -> list[Path]:
    """Fold the ranks of ``langs`` and write their files (byte-identical for the same package versions)."""
    written = []
    for lang in langs:
        ranks = fold_lemma_ranks(lang)
        lemmas = sorted(ranks, key=ranks.__getitem__)
        if any("\n" in lemma for lemma in lemmas) or [ranks[lemma] for lemma in lemmas] != list(
                range(1, len(lemmas) + 1)):
            raise ValueError(f"the {lang} ranks cannot be written one lemma a line")
        path = rank_file(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = sources_header() + "\n" + "".join(lemma + "\n" for lemma in lemmas)
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
            f.write(text.encode("utf-8"))
        written.append(path)
    return written


def fold_lemma_ranks(lang: str) -> dict[str, int]:
    """Lemma -> rank for ``lang``, folded from wordfreq's top forms (what the rank files hold)."""
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
    key = lemma.lower().replace("’", "'")
    rank = _rank_of(key, lang)
    if rank is None and (" " in key or "'" in key):  # an expression is as rare as its rarest known word
        parts = [_rank_of(p, lang) for p in re.split(r"[ ']+", key) if p]
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


if __name__ == "__main__":
    for written in write_rank_files():
        print(written)
