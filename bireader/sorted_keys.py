"""Read-only tables kept as a sorted numpy array of 64-bit keys beside an array of values: a few MB where a dict of
the same hundreds of thousands of entries takes tens. The words' frequency bands (``word_frequency``), the lemma
ranks (``gloss.frequency``) and spaCy's lemmatizer and vector tables (``nlp.compact_model``) are held this way; each
keeps its own values and hash, and finds a key with :func:`position`.
"""

from __future__ import annotations

import numpy as np


def position(keys: np.ndarray, key) -> int:
    """The index of ``key`` in the sorted array ``keys``, or -1 when it is not there (a binary search)."""
    key = keys.dtype.type(key)
    i = int(keys.searchsorted(key))  # the method: np.searchsorted's dispatch took more than the search (5 -> 2 µs)
    return i if i < len(keys) and keys[i] == key else -1
