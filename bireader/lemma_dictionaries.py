"""simplemma's lemma dictionaries in 8 MB for French and English instead of 43, with the same answers.

The problem: ``simplemma.lemmatize`` (the offline engine's lemmas, the lexicon's and the glosser's lookups of forms
the dictionary lacks) keeps each language's dictionary as a dict of its forms to their lemmas, as bytes: 249,548
French forms and 181,612 English ones, 43 MB held by every import for a few tens of thousands of questions.

``compact_lemma_dictionaries()`` makes simplemma keep them smaller: the dictionaries of its shared default factory
(``DEFAULT_DICTIONARY_FACTORY``, behind every ``simplemma.lemmatize(word, lang)`` that does not ask for
``low_memory``) become :class:`CompactDictionary`: the hashes of the forms' UTF-8 bytes, sorted (found with
``sorted_keys.position``), each with the number of its lemma, and the 115,000 distinct lemmas end to end in one
string. They are read from simplemma's own data files by its own decoder, and the lookups'
callers (its strategies, all through ``get``) are untouched, so every lemma is the one simplemma gave
(tests/test_lemma_dictionaries.py compares every form of both dictionaries, and words that are not in them). A form
outside the dictionary whose hash equals a listed form's would be taken for it: about one chance in 10^13 per
question, as for the word frequencies. Why not simplemma's own ``low_memory`` (its front-coded stream read in
place): its lookups decode up to 32 records in Python, six times slower, and the importer asks many. Done once per
process, by the importer; with another simplemma (no factory of that shape) nothing is changed.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterator, Mapping
from functools import lru_cache

import numpy as np

from bireader.sorted_keys import position

_INSTALLING = threading.Lock()


class CompactDictionary(Mapping):
    """A read-only ``form -> lemma`` mapping of one simplemma language, from its (form, lemma) byte pairs: the
    forms' hashes sorted, each with the number of its lemma, and the distinct lemmas end to end in one string."""

    __slots__ = ("_lang", "_hashes", "_numbers", "_lemmas", "_ends")

    def __init__(self, lang: str, pairs):
        self._lang = lang
        numbers: dict[bytes, int] = {}
        hashes, lemma_of = array("q"), array("q")
        for form, lemma in pairs:  # no object per form is kept: 250,000 small ones would leave the heap fragmented
            hashes.append(hash(form))  # the hash of its UTF-8 bytes, as _number hashes a str
            lemma_of.append(numbers.setdefault(lemma, len(numbers)))
        keys = np.frombuffer(hashes, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self._hashes, self._numbers = keys[order], np.frombuffer(lemma_of, dtype=np.int64)[order].astype(np.int32)
        if len(self._hashes) > 1 and (self._hashes[1:] == self._hashes[:-1]).any():
            raise ValueError(f"two forms of simplemma's {lang!r} dictionary have the same hash")
        # the lemmas as one string: 115,000 str objects would take 7 MB, this 1.5
        lemmas = [lemma.decode("utf-8", "surrogatepass") for lemma in numbers]
        self._lemmas = "".join(lemmas)
        self._ends = np.cumsum([len(lemma) for lemma in lemmas], dtype=np.int64)

    def _number(self, form: str) -> int:
        # the hash of the UTF-8 bytes, as word_frequency's: a str's own hash is of its internal buffer
        i = position(self._hashes, hash(form.encode("utf-8", "surrogatepass")))
        return int(self._numbers[i]) if i >= 0 else -1

    def get(self, form: str, default=None):
        number = self._number(form)
        if number < 0:
            return default
        start = int(self._ends[number - 1]) if number else 0
        return self._lemmas[start:int(self._ends[number])]

    def __getitem__(self, form: str) -> str:
        lemma = self.get(form)
        if lemma is None:
            raise KeyError(form)
        return lemma

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str) and self._number(form) >= 0

    def __iter__(self) -> Iterator[str]:
        # the forms themselves are not kept: read again from simplemma's data (nothing in an import iterates)
        for form, _ in _read_pairs(self._lang):
            yield form.decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._hashes)


def _read_pairs(lang: str):
    """simplemma's (form, lemma) byte pairs for ``lang``, in the order its default factory reads them into its dict
    (a form given twice keeps its last lemma there and in :class:`CompactDictionary`). Straight from its
    front-coded stream where it has one (2.0), so that its 24 MB dict is never built; else from that dict."""
    from simplemma.strategies.dictionaries import dictionary_factory

    frontcode = getattr(dictionary_factory, "frontcode", None)
    read = getattr(dictionary_factory, "_read_decompressed", None)
    if frontcode is None or read is None or not hasattr(frontcode, "_iter_records"):
        yield from dictionary_factory._load_dictionary_from_disk(lang).items()
        return
    data = read(lang)  # raises ValueError for a language simplemma does not have, as its factory does
    reverse, _, start = frontcode._read_header(data)
    for _, form, lemma in frontcode._iter_records(data, start):
        yield (form[::-1], lemma[::-1]) if reverse else (form, lemma)


def compact_lemma_dictionaries() -> bool:
    """Make simplemma's default factory hold its dictionaries as :class:`CompactDictionary` from now on in this
    process (True), or leave it alone when it is not the expected one (False). Idempotent."""
    try:
        from simplemma.strategies.dictionaries import dictionary_factory
    except ImportError:
        return False
    factory = getattr(dictionary_factory, "DEFAULT_DICTIONARY_FACTORY", None)
    with _INSTALLING:
        current = getattr(factory, "_get_dictionary", None)
        if getattr(current, "bireader_compact", False):
            return True
        if not hasattr(current, "cache_clear") or not callable(getattr(dictionary_factory,
                                                                         "_load_dictionary_from_disk", None)):
            return False

        @lru_cache(maxsize=8)  # simplemma's own bound: a few languages at a time
        def get_dictionary(lang: str) -> CompactDictionary:
            return CompactDictionary(lang, _read_pairs(lang))

        get_dictionary.bireader_compact = True  # type: ignore[attr-defined]
        current.cache_clear()
        factory._get_dictionary = get_dictionary
        return True
