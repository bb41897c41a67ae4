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

from bireader.sorted_keys import position

_INSTALLING = threading.Lock()


def _hash(word: str) -> int:
    # the hash of the UTF-8 bytes, not of the str: CPython hashes a str's internal buffer, so "水" (UCS-2 bytes
    # 34 6C) and "4l" hash alike
    return hash(word.encode("utf-8", "surrogatepass"))


class WordIndex:
    """A read-only ``word -> small int`` mapping in two sorted arrays (the words' hashes and their numbers), with a
    dict of the words asked for so far (a text asks for the same few thousand again and again)."""

    __slots__ = ("_hashes", "_numbers", "_seen")

    def __init__(self, words, numbers: np.ndarray):
        """``words`` and their ``numbers`` in the same order; a word given twice keeps its last number."""
        words = list(words)
        hashes = np.fromiter((_hash(w) for w in words), dtype=np.int64, count=len(words))
        order = np.argsort(hashes, kind="stable")
        hashes, numbers = hashes[order], np.asarray(numbers)[order]
        last = np.ones(len(hashes), dtype=bool)  # the last of each run of equal hashes
        last[:-1] = hashes[1:] != hashes[:-1]
        if not last.all():  # a word given twice, or two words with one hash (then refuse)
            repeated = {int(h) for h in hashes[~last]}
            same: dict[int, set[str]] = {}
            for w in words:
                if _hash(w) in repeated:
                    same.setdefault(_hash(w), set()).add(w)
            if any(len(found) > 1 for found in same.values()):
                raise ValueError("two words have the same hash")
        self._hashes, self._numbers = hashes[last], numbers[last]
        self._seen: dict[str, int] = {}

    def number(self, word: str) -> int:
        """The word's number, -1 when it is not in the index."""
        found = self._seen.get(word)
        if found is None:
            i = position(self._hashes, _hash(word))
            found = int(self._numbers[i]) if i >= 0 else -1
            if len(self._seen) < 1_000_000:
                self._seen[word] = found
        return found

    def __len__(self) -> int:
        return len(self._hashes)


class CompactFrequencies:
    """A read-only ``word -> frequency`` mapping: what ``get_frequency_dict`` returns, as a :class:`WordIndex` of
    the words' band numbers."""

    __slots__ = ("_index", "_freq")

    def __init__(self, bands: list[list[str]], cb_to_freq):
        numbers = np.repeat(np.arange(len(bands), dtype=np.uint16), [len(band) for band in bands])
        self._index = WordIndex((w for band in bands for w in band), numbers)
        self._freq = tuple(cb_to_freq(-k) for k in range(len(bands)))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index.number(word) >= 0

    def __getitem__(self, word: str) -> float:
        band = self._index.number(word)
        if band < 0:
            raise KeyError(word)
        return self._freq[band]

    def get(self, word: str, default=None):
        band = self._index.number(word)
        return default if band < 0 else self._freq[band]

    def __len__(self) -> int:
        return len(self._index)


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
