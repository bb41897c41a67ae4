"""Bilingual dictionaries (French->English, English->French) looked up by lemma and part of speech.

The problem: the aligner needs a word-by-word rendering of every French sentence, and the glosser needs the
dictionary senses of every word a learner may not know, both in every process and fast. The dictionaries come
from Debian packages (FreeDict, Apertium) that the runtime must not need, so ``python -m
bireader.lexicon.build`` compiles them once into ``data/{fr-en,en-fr}.tsv.gz`` (committed, see data/README.md),
and this module only reads those files::

    >>> lex = load_lexicon("fr", "en")
    >>> [s.text for s in lex.senses("maison", "NOUN")][:1]
    ['house']
    >>> english_words(lex.senses("regarder")[0])
    ['look', 'watch', 'view']

Senses are listed best first: FreeDict's own senses in its order, then FreeDict read backwards, then the
Apertium pivot through Esperanto; an ``induced`` source is for lexicons learnt from a text (the glosser's).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SOURCES = ("freedict", "freedict-reverse", "apertium-pivot", "derived", "cognate", "grammar", "induced")

# universal POS tags that a dictionary's coarser labels stand for
_POS_EQUIV = {"AUX": "VERB", "PROPN": "NOUN", "SCONJ": "CCONJ"}


@dataclass(frozen=True)
class Sense:
    """One sense of a headword: a group of synonyms as the dictionary gives it (``"cede, give in, give up"``)."""

    text: str
    pos: str | None  # universal POS, None when the source gives none
    source: str  # one of SOURCES


def _pos_key(pos: str | None) -> str | None:
    return _POS_EQUIV.get(pos, pos) if pos else None


class Lexicon:
    """Senses by lemma for one direction; lookups are case-insensitive and accept elided apostrophes ``'``/``’``."""

    def __init__(self, source_lang: str, target_lang: str, entries: dict[str, list]):
        self.source_lang = source_lang
        self.target_lang = target_lang
        self._entries = entries
        self._multiword: set[tuple[str, ...]] | None = None

    @classmethod
    def from_rows(cls, source_lang: str, target_lang: str, rows: list[list[str]]) -> "Lexicon":
        """Rows as in the data files: ``[lemma, pos, source, sense1, sense2, ...]``."""
        # rows are grouped by headword here; Sense objects are made on first lookup (loading stays fast)
        entries: dict[str, list] = {}
        for row in rows:
            key = row[0].lower() if "’" not in row[0] and "  " not in row[0] else normalise(row[0])
            group = entries.get(key)
            if group is None:
                entries[key] = [row]
            else:
                group.append(row)
        return cls(source_lang, target_lang, entries)

    def _senses_of(self, key: str) -> list[Sense] | None:
        group = self._entries.get(key)
        if group is None or not group or isinstance(group[0], Sense):
            return group
        senses: list[Sense] = []
        seen: set[str] = set()
        for row in group:
            pos, source = row[1] or None, row[2]
            for text in row[3:]:
                if text not in seen:  # the same translation from a later source adds nothing
                    seen.add(text)
                    senses.append(Sense(text, pos, source))
        self._entries[key] = senses
        return senses

    def _lookup(self, lemma: str) -> list[Sense]:
        key = normalise(lemma)
        found = self._senses_of(key)
        if found is None and self.source_lang == "fr" and " " not in key:
            # pronominal verbs are headwords with their pronoun: "s'élancer", "se souvenir"
            found = self._senses_of(("s'" if key[:1] in "aeiouyéèêâîôûh" else "se ") + key)
        return found or []

    def senses(self, lemma: str, pos: str | None = None) -> list[Sense]:
        """Senses of ``lemma``, best first; with ``pos`` only those of that POS (and of none), unless there are none."""
        found = self._lookup(lemma)
        key = _pos_key(pos)
        if key is None:
            return list(found)
        matching = [s for s in found if _pos_key(s.pos) == key]
        if not matching:
            return list(found)
        return [s for s in found if s.pos is None or _pos_key(s.pos) == key]

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and bool(self._lookup(lemma))

    def __len__(self) -> int:
        return len(self._entries)

    def lemmas(self) -> list[str]:
        """All headwords (normalised: lower case, straight apostrophes)."""
        return list(self._entries)

    def multiword(self) -> set[tuple[str, ...]]:
        """Headwords of several tokens, as token tuples: ``("pomme", "de", "terre")``, ``("il", "y", "a")``."""
        if self._multiword is None:
            self._multiword = {toks for toks in map(headword_tokens, self._entries) if len(toks) > 1}
        return self._multiword


def normalise(word: str) -> str:
    """The lookup key of a word or lemma: lower case, curly apostrophe straightened, spaces collapsed."""
    return " ".join(word.replace("’", "'").lower().split())


_HEADWORD_TOKEN = re.compile(r"\w+'|[\w-]+(?:'\w+)*|[^\w\s]", re.UNICODE)
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'$")


def join_tokens(tokens: tuple[str, ...] | list[str]) -> str:
    """The headword of a token tuple, the inverse of ``headword_tokens``: ``("d'", "abord")`` -> ``"d'abord"``."""
    out = ""
    for t in tokens:
        out += t if not out or out.endswith("'") else " " + t
    return out


def headword_tokens(headword: str) -> tuple[str, ...]:
    """Split a headword as the tokenisers split text: ``"de l'Amérique"`` -> ``("de", "l'", "amérique")``."""
    out = []
    for word in normalise(headword).split():
        m = re.match(r"^([a-z]+')(.+)$", word)
        if m and _ELISION.match(m.group(1)):
            out.extend([m.group(1), m.group(2)])
        else:
            out.append(word)
    return tuple(out)


def _read_rows(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


@lru_cache(maxsize=None)
def load_lexicon(source: str, target: str) -> Lexicon:
    """The compiled lexicon for ``source`` -> ``target`` (``"fr", "en"`` or ``"en", "fr"``), read once per process."""
    path = DATA / f"{source}-{target}.tsv.gz"
    if not path.exists():
        raise ValueError(f"no lexicon for {source}->{target}; have: {sorted(p.name for p in DATA.glob('*.tsv.gz'))}")
    return Lexicon.from_rows(source, target, _read_rows(path))


_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PLACEHOLDERS = {
    "en": {"something", "someone", "somebody", "sth", "sb", "one's", "oneself", "one", "...", "etc", "etc."},
    "fr": {"qqch", "qqn", "quelque chose", "quelqu'un", "...", "etc", "etc."},
}
_LEADING = {
    "en": ("to ", "a ", "an ", "the "),
    "fr": ("se ", "s'", "le ", "la ", "les ", "l'", "un ", "une "),
}
FUNCTION_WORDS = {
    "en": set(
        "a an the to of in on at by for with from into onto upon up out off over down about as and or but "
        "be is are was were been being it its this that these those there here his her their my your our "
        "not no so than then too very after before through across against among around behind below beneath "
        "beside between beyond during inside near outside since toward towards under until within without".split()
    ),
    "fr": set(
        "le la les l' un une des de d' du à au aux en et ou se s' ne n' pas que qu' qui y ce cet cette ces "
        "son sa ses leur leurs mon ma mes par pour sur dans avec".split()
    ),
}


def content_words(sense: Sense, lang: str = "en") -> list[str]:
    """The plain words of a sense for a word-by-word rendering, without placeholders or parentheticals.

    ``"to look after (someone), tend"`` -> ``["look", "after", "tend"]`` is not quite it: function words are
    dropped too when content words remain, so ``["look", "tend"]``; ``"of"`` alone stays ``["of"]``.
    """
    words: list[str] = []
    placeholders = _PLACEHOLDERS.get(lang, set())
    leading = _LEADING.get(lang, ())
    function = FUNCTION_WORDS.get(lang, set())
    for alt in re.split(r"[,;/]", _PAREN.sub(" ", sense.text)):
        alt = " ".join(alt.replace("’", "'").split()).strip(" .!?:")
        lowered = alt.lower()
        changed = True
        while changed:
            changed = False
            for prefix in leading:
                if lowered.startswith(prefix) and len(lowered) > len(prefix):
                    alt, lowered = alt[len(prefix) :].lstrip(), lowered[len(prefix) :].lstrip()
                    changed = True
        for word in alt.split():
            word = word.strip(".,!?:\"'")
            if word and word.lower() not in placeholders and word not in words:
                words.append(word)
    content = [w for w in words if w.lower() not in function]
    return content or words


def english_words(sense: Sense) -> list[str]:
    """``content_words`` of an English sense (the fr->en lexicon's): what a word-by-word rendering uses."""
    return content_words(sense, "en")
