"""wordfreq's word frequencies in 3 MB a language instead of 28, with the same answers.

The problem: ``wordfreq.zipf_frequency`` (the importer asks it whether a lemma is a French word, whether an English
adverb or a cognate exists) keeps each language's whole list as a dict of its 311,000 words to floats, built from
the list of words by frequency band, which it also keeps: 55 MB for French and English, held by every import for a
few thousand distinct questions.

``compact_frequency_tables()`` makes wordfreq keep them smaller: its ``get_frequency_dict`` (the only source of
``_word_frequency``'s lookups) is replaced by one that returns :class:`CompactFrequencies`, a sorted array of the
words' hashes and the number of each word's band, from which the frequency is computed as wordfreq computes it
(``cB_to_freq(-band)``). The band lists are read once per language to build it, then released (wordfreq reads
them again if ``top_n_list`` is asked for). wordfreq's own tokenizing, number smashing, combining and rounding are
untouched, so ``zipf_frequency`` answers exactly as before (tests/test_word_frequency.py compares every word of
both lists, and words that are not in them). The hash is Python's 64-bit hash of the word's UTF-8 bytes: a word outside the list
whose hash equals a listed word's would be taken for it, a chance of about one in 10^13 per question. Done once per process,
by the importer; with another wordfreq (no ``get_frequency_dict`` of the same signature) nothing is changed.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

_INSTALLING = threading.Lock()


def _hash(word: str) -> int:
    # the hash of the UTF-8 bytes, not of the str: CPython hashes a str's internal buffer, so "水" (UCS-2 bytes
    # 34 6C) and "4l" hash alike
    return hash(word.encode("utf-8", "surrogatepass"))


class CompactFrequencies:
    """A read-only ``word -> frequency`` mapping: what ``get_frequency_dict`` returns, in arrays."""

    __slots__ = ("_hashes", "_bands", "_freq")

    def __init__(self, bands: list[list[str]], cb_to_freq):
        hashes = np.fromiter((_hash(w) for band in bands for w in band), dtype=np.int64)
        numbers = np.repeat(np.arange(len(bands), dtype=np.uint16), [len(band) for band in bands])
        order = np.argsort(hashes, kind="stable")
        hashes, numbers = hashes[order], numbers[order]
        # a word listed twice keeps its last band, as the dict's later assignment did
        last = np.ones(len(hashes), dtype=bool)
        last[:-1] = hashes[1:] != hashes[:-1]
        if not last.all():  # a word listed twice, or two words with one hash (then refuse)
            repeated = {int(h) for h in hashes[~last]}
            words: dict[int, set[str]] = {}
            for band in bands:
                for w in band:
                    if _hash(w) in repeated:
                        words.setdefault(_hash(w), set()).add(w)
            if any(len(same) > 1 for same in words.values()):
                raise ValueError("two words of the list have the same hash")
        self._hashes, self._bands = hashes[last], numbers[last]
        self._freq = tuple(cb_to_freq(-k) for k in range(len(bands)))

    def _band(self, word: str) -> int:
        h = _hash(word)
        i = int(np.searchsorted(self._hashes, h))
        return int(self._bands[i]) if i < len(self._hashes) and int(self._hashes[i]) == h else -1

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._band(word) >= 0

    def __getitem__(self, word: str) -> float:
        band = self._band(word)
        if band < 0:
            raise KeyError(word)
        return self._freq[band]

    def get(self, word: str, default=None):
        band = self._band(word)
        return default if band < 0 else self._freq[band]

    def __len__(self) -> int:
        return len(self._hashes)


def compact_frequency_tables() -> bool:
    """Make wordfreq hold its frequency dicts as :class:`CompactFrequencies` from now on in this process (True), or
    leave it alone when its functions are not the expected ones (False). Idempotent."""
    import inspect

    import wordfreq

    with _INSTALLING:
        current = wordfreq.get_frequency_dict
        if getattr(current, "bireader_compact", False):
            return True
        try:
            params = list(inspect.signature(current).parameters)
        except (TypeError, ValueError):
            return False
        if params != ["lang", "wordlist", "match_cutoff"] or not callable(getattr(wordfreq, "cB_to_freq", None)) \
                or not hasattr(wordfreq.get_frequency_list, "cache_clear"):
            return False

        @lru_cache(maxsize=None)
        def get_frequency_dict(lang: str, wordlist: str = "best", match_cutoff: None = None) -> CompactFrequencies:
            if match_cutoff is not None:
                return current(lang, wordlist, match_cutoff)  # deprecated; wordfreq warns and ignores it
            table = CompactFrequencies(wordfreq.get_frequency_list(lang, wordlist), wordfreq.cB_to_freq)
            wordfreq.get_frequency_list.cache_clear()  # the lists' words: 40 MB that the table does not need
            return table

        get_frequency_dict.bireader_compact = True  # type: ignore[attr-defined]
        get_frequency_dict.__doc__ = current.__doc__
        current.cache_clear()
        wordfreq.get_frequency_dict = get_frequency_dict
        return True
