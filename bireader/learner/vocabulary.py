"""A text's (or a page's) words, one per lemma, with what a learner needs to study them: a pure computation.

Input: beads as the store reads them back (each with ``source`` and ``target`` sentences carrying ``text``,
``tokens`` and ``glosses``), the learner's statuses (lemma -> status) and level. Output: one
:class:`VocabItem` per lemma of the source side, in order of first appearance, with its first context
sentence, that sentence with the word marked, and the bead's translation::

    "Il pleuvait sur la haie."  ->  VocabItem(lemma="haie", word="haie", gloss_text="hedge", count=1,
                                              marked="Il pleuvait sur la <b>haie</b>.",
                                              translation="It was raining on the hedge.", ...)

Proper nouns, numbers and punctuation are left out (see :func:`bireader.learner.glossing.is_countable`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Iterable

from bireader.learner.glossing import gloss_text, is_countable, needs_gloss, word_key


@dataclass
class VocabItem:
    lemma: str
    word: str
    pos: str
    gloss: dict | None
    gloss_text: str
    status: str | None
    freq_rank: int | None
    needs_gloss: bool
    sentence: str
    marked: str
    translation: str
    count: int = 1
    start: int = 0  # the word's characters in ``sentence``
    end: int = 0
    translation_marked: str = ""  # ``translation`` as HTML with the gloss's rendering in bold


@dataclass
class WordCounts:
    """Distinct lemmas of a text or page by the learner's status; ``rare`` are new words above their level."""

    known: int = 0
    learning: int = 0
    ignore: int = 0
    new: int = 0
    rare: int = 0
    total: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(known=self.known, learning=self.learning, ignore=self.ignore, new=self.new,
                    rare=self.rare, total=self.total)


def html_text(text: str) -> str:
    """Plain text as HTML element content: ``&``, ``<`` and ``>`` escaped, quotes and apostrophes kept as they are
    (both sentences of a card go through here, so French and English read the same in Anki or a browser)."""
    return escape(text, quote=False)


def mark_word(sentence: str, start: int, end: int) -> str:
    """The sentence as HTML with the characters ``start:end`` in bold, everything else escaped."""
    return f"{html_text(sentence[:start])}<b>{html_text(sentence[start:end])}</b>{html_text(sentence[end:])}"


def mark_rendering(sentences: list, rendering: Iterable[int]) -> str:
    """The bead's target sentences joined by spaces, as HTML, with the tokens ``rendering`` in bold.

    ``rendering`` indexes the tokens of the sentences taken together in order (a gloss's ``rendering``)::

        mark_rendering([NS(text="It rains.", tokens=[["It",0,2,..], ["rains",3,8,..], [".",8,9,..]])], [1])
        -> 'It <b>rains</b>.'
    """
    wanted = set(rendering or ())
    parts: list[str] = []
    index = 0
    for n, sentence in enumerate(sentences):
        if n:
            parts.append(" ")
        cursor = 0
        for token in sentence.tokens:
            if index in wanted and token[1] >= cursor:
                parts.append(html_text(sentence.text[cursor:token[1]]))
                parts.append(f"<b>{html_text(sentence.text[token[1]:token[2]])}</b>")
                cursor = token[2]
            index += 1
        parts.append(html_text(sentence.text[cursor:]))
    return "".join(parts)


def sentence_lemmas(sentences: Iterable) -> set[str]:
    """The keys of the countable words of ``sentences``."""
    return {word_key(t) for s in sentences for t in s.tokens if is_countable(t)}


def collect_vocabulary(beads: Iterable, statuses: dict[str, str], level: int) -> list[VocabItem]:
    """One item per lemma of the beads' source sentences, in order of first appearance (see module doc)."""
    items: dict[str, VocabItem] = {}
    for bead in beads:
        translation = " ".join(s.text for s in bead.target)
        for sentence in bead.source:
            glosses = {g.get("token"): g for g in (sentence.glosses or [])}
            for index, token in enumerate(sentence.tokens):
                if not is_countable(token):
                    continue
                key = word_key(token)
                item = items.get(key)
                if item is not None:
                    item.count += 1
                    if item.gloss is None and index in glosses:
                        item.gloss = glosses[index]
                        item.gloss_text = gloss_text(item.gloss)
                    continue
                gloss = glosses.get(index)
                status = statuses.get(key)
                items[key] = VocabItem(
                    lemma=key, word=token[0], pos=token[4], gloss=gloss, gloss_text=gloss_text(gloss),
                    status=status, freq_rank=(gloss or {}).get("freq_rank"),
                    needs_gloss=needs_gloss(gloss, status, level, token[4]),
                    sentence=sentence.text, marked=mark_word(sentence.text, token[1], token[2]),
                    translation=translation, start=token[1], end=token[2],
                    translation_marked=mark_rendering(bead.target, (gloss or {}).get("rendering")),
                )
    return list(items.values())


def count_words(items: Iterable[VocabItem]) -> WordCounts:
    counts = WordCounts()
    for item in items:
        counts.total += 1
        if item.status in ("known", "learning", "ignore"):
            setattr(counts, item.status, getattr(counts, item.status) + 1)
        else:
            counts.new += 1
            counts.rare += item.needs_gloss
    return counts


def lemma_rarity(beads: Iterable, level: int) -> dict[str, bool]:
    """Lemma -> would it get an inline gloss while new: all :func:`count_lemmas` needs, cacheable per text and level."""
    return {i.lemma: i.needs_gloss for i in collect_vocabulary(beads, {}, level)}


def count_lemmas(rarity: dict[str, bool], statuses: dict[str, str]) -> WordCounts:
    """The same counts as :func:`count_words`, from a cached :func:`lemma_rarity` and the learner's statuses."""
    counts = WordCounts(total=len(rarity))
    for lemma, rare in rarity.items():
        status = statuses.get(lemma)
        if status in ("known", "learning", "ignore"):
            setattr(counts, status, getattr(counts, status) + 1)
        else:
            counts.new += 1
            counts.rare += rare
    return counts


def words_to_learn(items: Iterable[VocabItem], include_new: bool = False) -> list[VocabItem]:
    """The items the learner is learning, plus (``include_new``) new words above their level."""
    return [i for i in items if i.status == "learning" or (include_new and i.status is None and i.needs_gloss)]
