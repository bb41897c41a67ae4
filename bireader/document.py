"""The domain of bireader, as plain dataclasses with no database and no web in them.

A text as a reader sees it::

    Document  "Victor Serge 1938-44"          (title, language, metadata such as Source:, Translated:)
      Section   "Brandler (Dzerzhinsky, ...)"  (heading; the first section may have none)
        Entry     "December 1938 –"            (a dated notebook entry; date None for undated paragraphs)
          Paragraph
            Sentence  "We meet in the cafes on the boulevard Montparnasse."
              Token   "cafes" lemma "cafe" pos NOUN, offsets into the paragraph text

A bilingual text pairs two documents (French original and English translation) through beads: a bead joins
zero or more consecutive source sentences to zero or more consecutive target sentences.

Ids are stable: they derive from content (a short hash of the heading or paragraph text, with an occurrence
counter for repeats), so re-importing the same text gives the same ids, and editing one paragraph leaves the
ids of the others alone. A sentence id is its paragraph's id and its index: ``p3f9a1c.2``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterator


@dataclass(slots=True)  # a novel has some 270,000 tokens: slots make each a third of the size
class Token:
    """One token of a sentence; ``start``/``end`` are character offsets into the paragraph text."""

    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = "X"  # universal POS tag
    is_word: bool = True


@dataclass
class Sentence:
    id: str
    text: str
    start: int = 0  # character offset of the sentence in its paragraph's text
    tokens: list[Token] = field(default_factory=list)
    timing: tuple[float, float] | None = None  # (start, end) in seconds, for a sentence of a subtitle cue


@dataclass
class Paragraph:
    id: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    timing: tuple[float, float] | None = None  # (start, end) in seconds of a subtitle cue


@dataclass
class Entry:
    """A dated entry of a notebook or diary; ``date`` is None for paragraphs before the first date of a section."""

    id: str
    date: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Section:
    id: str
    heading: str | None
    entries: list[Entry] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for e in self.entries for p in e.paragraphs]


@dataclass
class Document:
    title: str
    lang: str
    metadata: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    author: str = ""
    engine: str = ""  # NLP engine and version that split and analysed the text
    notes: list[str] = field(default_factory=list)  # footnotes and endnotes, kept apart from the running text

    def paragraphs(self) -> Iterator[Paragraph]:
        for section in self.sections:
            for entry in section.entries:
                yield from entry.paragraphs

    def sentences(self) -> Iterator[Sentence]:
        for paragraph in self.paragraphs():
            yield from paragraph.sentences


# Below this confidence a bead is more likely wrong than right: the reader marks it, the review screen lists it.
LOW_CONFIDENCE = 0.5


@dataclass
class Bead:
    """Consecutive source sentences (by index into the source side) aligned with consecutive target sentences.

    ``[3]:[3]`` is a 1-1 bead, ``[4, 5]:[4]`` a 2-1, ``[6]:[]`` a source sentence with no counterpart.
    ``confidence`` is in [0, 1]: the aligner's estimate that the bead is right.
    """

    source: list[int]
    target: list[int]
    confidence: float = 1.0

    def __str__(self) -> str:
        return f"[{','.join(map(str, self.source))}]:[{','.join(map(str, self.target))}]"


def content_id(prefix: str, text: str, seen: dict[str, int]) -> str:
    """A short id from ``text``'s content; ``seen`` counts repeats so that equal texts get distinct ids."""
    digest = hashlib.blake2s(" ".join(text.split()).encode("utf-8"), digest_size=4).hexdigest()
    key = prefix + digest
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}-{seen[key]}"
