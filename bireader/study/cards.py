"""Where a word is met, and what its card shows: pure functions on beads as the store reads them back.

A word (the key its status is stored under, e.g. ``"haie"``) is met in sentences of one or more texts. Its
card shows one of them at a time, the next one at each review (varied context: the word, not one sentence,
gets learnt)::

    front (cloze)        Il pleuvait sur les [……].              hint, hidden until asked: It was raining on the hedges.
    front (recognition)  Il pleuvait sur les ==haies==.
    back                 haies · haie (noun) · here: "hedges" · hedge, hedgerow
                         It was raining on the **hedges**.       La promenade

Beads are :class:`bireader.export.beads.TextBead`-like (``source`` and ``target`` sentences with ``text``,
``tokens`` and ``glosses``); sentence tokens are ``[text, start, end, lemma, pos, is_word]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from bireader.learner.glossing import is_countable, word_key
from bireader.learner.vocabulary import html_text, mark_rendering, mark_word

MAX_PER_TEXT = 40  # contexts kept per word and text: enough variety, bounded memory for a word met 2,000 times


@dataclass(frozen=True)
class Occurrence:
    """Where a word is met: the bead's position, the source sentence's position in its side, the token's index in
    that sentence, and the positions of the bead's target sentences (its translation)."""

    bead: int
    sentence: int
    token: int
    target: tuple[int, ...]


def occurrence_index(beads: Iterable) -> dict[str, list[Occurrence]]:
    """Every countable word of the beads' source sentences -> where it is met (at most MAX_PER_TEXT places).

    Small beside the beads themselves: it is what is kept per text, and a card reads back only the sentences
    of the occurrences it shows."""
    index: dict[str, list[Occurrence]] = {}
    for bead in beads:
        target = tuple(s.position for s in bead.target)
        for sentence in bead.source:
            for t, token in enumerate(sentence.tokens):
                if is_countable(token):
                    places = index.setdefault(word_key(token), [])
                    if len(places) < MAX_PER_TEXT:
                        places.append(Occurrence(bead.position, sentence.position, t, target))
    return index


@dataclass
class Context:
    """One sentence a word is met in, with its bead's translation and the word's gloss there."""

    slug: str
    title: str
    bead: int  # the bead's position in the text
    sentence: str
    start: int
    end: int
    pos: str
    translation: str
    translation_marked: str  # HTML, the rendering in bold
    gloss: dict | None = None

    @property
    def word(self) -> str:
        return self.sentence[self.start:self.end]


def context_at(place: Occurrence, sentence, target: list, slug: str, title: str) -> Context:
    """The context of ``place``, given its source sentence and its bead's target sentences (``text``, ``tokens``,
    ``glosses`` each)."""
    token = sentence.tokens[place.token]
    gloss = next((g for g in sentence.glosses or [] if g.get("token") == place.token), None)
    return Context(
        slug=slug, title=title, bead=place.bead, sentence=sentence.text, start=token[1], end=token[2],
        pos=token[4] or "", translation=" ".join(s.text for s in target),
        translation_marked=mark_rendering(target, (gloss or {}).get("rendering")), gloss=gloss,
    )


def pick_context(contexts: list[Context], reviews: int) -> Context | None:
    """The context to show at a card's ``reviews``-th review: the next one each time, round the list."""
    return contexts[reviews % len(contexts)] if contexts else None


@dataclass
class CardFaces:
    """What the review page shows of a card. HTML fields are escaped already."""

    lemma: str
    mode: str
    front: str  # HTML: the sentence with the word blanked or highlighted (the lemma alone without a context)
    hint: str  # HTML: the translation, without marks (the hint must not give the answer away)
    word: str
    pos: str
    rendering: str  # this translation's words for it, when the aligner found them
    senses: list[str] = field(default_factory=list)
    back_translation: str = ""  # HTML: the translation with the rendering in bold
    sentence: str = ""  # HTML: the sentence with the word in bold (the answer's side)
    source: str = ""
    slug: str = ""
    contexts: int = 0  # in how many places the word is met (up to MAX_PER_TEXT a text)


def blank(word: str) -> str:
    """The cloze gap: as many places as the word has letters, at least three, so its length is a clue."""
    return f'<span class="blank" aria-label="blank">{"_" * max(3, len(word))}</span>'


def card_faces(lemma: str, context: Context | None, mode: str, contexts: int = 0) -> CardFaces:
    """The faces of the card for ``lemma`` shown in ``context`` ("cloze" blanks the word, "recognition" marks it)."""
    if context is None:
        return CardFaces(lemma=lemma, mode=mode, front=f'<mark class="word">{html_text(lemma)}</mark>', hint="",
                         word=lemma, pos="", rendering="", senses=[], contexts=0)
    s, a, b = context.sentence, context.start, context.end
    middle = blank(s[a:b]) if mode == "cloze" else f'<mark class="word">{html_text(s[a:b])}</mark>'
    gloss = context.gloss or {}
    return CardFaces(
        lemma=lemma, mode=mode, front=html_text(s[:a]) + middle + html_text(s[b:]),
        hint=html_text(context.translation), word=context.word, pos=(gloss.get("pos") or context.pos).lower(),
        rendering=(gloss.get("rendering_text") or "").strip(), senses=[x for x in gloss.get("senses") or [] if x],
        back_translation=context.translation_marked, sentence=mark_word(s, a, b), source=context.title, slug=context.slug, contexts=contexts,
    )
