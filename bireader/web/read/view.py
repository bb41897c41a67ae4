"""What a reader page shows, computed from a stored page without Flask: the hard part of the reader, kept pure.

A stored page is a list of beads, each pairing source sentences (French) with target sentences (English);
each sentence carries its tokens ``[text, start, end, lemma, pos, is_word]`` (offsets in the sentence) and the
glosser's per-token glosses. The screen needs::

    bead 12   | <h2>Brandler</h2>               | <h2>Brandler</h2>                |
              | <span.s><span.w>Nous</span> ... | <span.s><span.t>We</span> ...    |   one grid row per bead
    beads 13-20 (English only)  ------------------------------------------------       one full-width run
              | We meet in the cafés ...                                          |

- every French word becomes ``<span class="w" data-l=lemma data-i=index>``, with the learner's status as a
  class (``st-known``, ``st-learning``, ``st-ignore``), ``rare`` when it is above their level, and an inline
  ``<ruby>`` gloss when it has one; CSS shows the ruby only where it is needed (rare and new, or learning),
  so marking a word known changes the page with a class and no re-render;
- every English word of a bead becomes ``<span class="t" data-bi=n>``, ``n`` counting tokens across the bead's
  target sentences, which is how a gloss's ``rendering`` indices find the words to light up;
- a run of beads with no French (English-only stretches of a partial original) is one full-width block instead
  of a column of empty cells; a single missing sentence inside a paragraph stays a row with an empty cell;
- beads below ``LOW_CONFIDENCE`` are flagged so the page can mark them subtly.

Gloss details (senses, rendering) go to one JSON object keyed by sentence (``data-gk``: the French sentence's
position, or ``t`` + position for an English sentence without French) and token index, read by the popup script,
so the HTML stays small.

The English words of a bead that has French get the reverse view: the French words whose gloss ``rendering``
points at the English word (the word aligner's links read backwards, by the page script from the glosses above,
so they are not sent twice) and the English→French dictionary gloss the glosser stored for the English sentence
(``PageView.english``, keyed by bead position and ``data-bi``)::

    FR  Il pleuvait sur les haies .       gloss of "haies" (token 4): rendering [5]
    EN  It was raining on the hedges .    hovering "hedges" (data-bi 5) shows "haies" and {"senses": ["haie"], ...}

Only the classes of the word spans depend on the learner (their statuses and level); everything else depends on
the stored page alone. So the view is built in two steps: :func:`build_page_layout` makes the learner-independent
:class:`PageLayout`, whose word spans hold a :data:`SLOT` where their classes go (one :class:`WordSlot` each, in
document order), and :meth:`PageLayout.word_classes` then :func:`fill_slots` put in one learner's classes. The web
layer keeps layouts in a cache (:mod:`bireader.web.read.pages`), so a page is decoded and laid out once, not once
per request::

    layout:   <span class="<slot>" data-l="haie" data-i="4">…   WordSlot("haie", target=False, glossed=True, rare_below=12000)
    learner:  <span class="w st-learning g rare" data-l="haie" data-i="4">…
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from markupsafe import Markup, escape

from bireader.document import LOW_CONFIDENCE
from bireader.learner.glossing import NEVER_GLOSSED, inline_gloss, is_countable, rare_below, word_key

SOLO_RUN = 2  # this many consecutive French-less beads (or one opening a paragraph) read as a full-width block


@dataclass
class BeadView:
    position: int
    confidence: float
    low_confidence: bool
    starts_paragraph: bool
    source: Markup
    target: Markup
    has_source: bool
    has_target: bool


@dataclass
class Block:
    kind: str  # "pair" (two columns or one-language text) | "target-only" (full-width translation)
    beads: list[BeadView] = field(default_factory=list)


SLOT = "<slot>"  # where a word span's classes go; escaped text never holds it ("<" is always "&lt;" there)


class WordSlot(NamedTuple):
    """A word span of a layout: what its classes depend on besides the learner."""

    key: str  # the lemma key its status is stored under
    target: bool  # an English word (of a sentence without French): English statuses
    glossed: bool  # it has a gloss (class "g")
    rare_below: float  # "rare" for a learner whose level is below this (:func:`rare_below`)


@dataclass
class PageView:
    blocks: list[Block]
    glosses: dict[str, dict[str, dict]]  # sentence position -> token index -> gloss for the popup
    first_bead: int = 0
    last_bead: int = 0
    english: dict[str, dict[str, dict]] = field(default_factory=dict)  # bead -> data-bi -> French words, gloss


class PageWords:
    """The word spans of a layout, one per :data:`SLOT` in document order, and their classes for a learner.

    Kept as a few flat lists of strings and numbers, not an object per word: a cache of many pages then adds
    almost nothing for Python's garbage collector to walk through on every collection."""

    def __init__(self, slots: list[WordSlot]):
        self.keys = [w.key for w in slots]
        self.targets = [w.target for w in slots] if any(w.target for w in slots) else None
        self.glossed = [w.glossed for w in slots]
        self.rare_below = [w.rare_below for w in slots]
        self.source_lemmas = frozenset(w.key for w in slots if not w.target)  # whose statuses the page needs
        self.target_lemmas = frozenset(w.key for w in slots if w.target)
        self._by_level: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def classes(self, statuses: dict[str, str], target_statuses: dict[str, str], level: int) -> list[str]:
        """Each word span's ``class`` for a learner: ``w``, ``st-<status>``, ``g`` (glossed), ``rare``."""
        tails = self._by_level.get(level)
        if tails is None:  # the same for every learner at that level: computed once per level
            tails = [(" g rare" if level < below else " g") if glossed else ""
                     for glossed, below in zip(self.glossed, self.rare_below)]
            if len(self._by_level) < 16:  # learners pick among a handful of levels; a stray one is not kept
                self._by_level[level] = tails
        out = []
        targets = self.targets or [False] * len(self.keys)
        for key, target, tail in zip(self.keys, targets, tails):
            status = (target_statuses if target else statuses).get(key)
            out.append(f"w st-{status}{tail}" if status else f"w{tail}")
        return out


@dataclass
class PageLayout(PageView):
    """A page as every learner sees it, with a :data:`SLOT` in each word span's ``class`` (see module doc)."""

    words: PageWords = field(default_factory=lambda: PageWords([]))

    def view(self, statuses: dict[str, str], level: int, target_statuses: dict[str, str] | None = None) -> PageView:
        """The page for one learner, bead by bead (the route fills the rendered page at once instead)."""
        classes = iter(self.words.classes(statuses, target_statuses or {}, level))
        blocks = [Block(block.kind, [
            BeadView(**{**vars(bead), "source": fill_slots(bead.source, classes),
                        "target": fill_slots(bead.target, classes)}) for bead in block.beads])
            for block in self.blocks]
        return PageView(blocks, self.glosses, self.first_bead, self.last_bead, self.english)


def fill_slots(html: str, classes) -> Markup:
    """``html`` with each :data:`SLOT` replaced, in order, by the next item of the iterator ``classes``."""
    parts = html.split(SLOT)
    if len(parts) == 1:
        return Markup(html)
    out = [parts[0]]
    for part in parts[1:]:
        out.append(next(classes))
        out.append(part)
    return Markup("".join(out))


def _popup_gloss(gloss: dict, token: list) -> dict:
    return {
        "lemma": gloss.get("lemma") or token[3] or token[0],
        "pos": gloss.get("pos") or token[4],
        "senses": list(gloss.get("senses") or [])[:6],
        "rendering": list(gloss.get("rendering") or []),
        "rendering_text": gloss.get("rendering_text") or "",
        "band": gloss.get("band"),
        "group": list(gloss.get("group") or []),
        "freq_rank": gloss.get("freq_rank"),
    }


ENGLISH_POPUP_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})  # English words whose French dictionary gloss is sent
ENGLISH_POPUP_WORDS = 4  # French words at most per English word


def _french_words(senses: list[str]) -> list[str]:
    """The distinct French words of dictionary senses, in order: ["savoir", "connaître, savoir"] -> both, once."""
    words: list[str] = []
    for sense in senses:
        for word in sense.split(","):
            word = word.strip()
            if word and word not in words:
                words.append(word)
    return words[:ENGLISH_POPUP_WORDS]


def _target_popups(bead) -> dict[str, dict]:
    """Per English content word of a bead with French (``data-bi``): the French words of its stored gloss.

    The French words *aligned* to an English word are not repeated here: the page script reads them backwards
    from the French glosses' ``rendering``. Function words get no dictionary gloss (their aligned French says
    more, and they were half of the data).
    """
    popups: dict[str, dict] = {}
    offset = 0
    for sentence in bead.target:
        for g in sentence.glosses or []:
            if not isinstance(g, dict) or g.get("gloss_worthy") is False or not g.get("senses"):
                continue
            index = g.get("token", -1)
            if not 0 <= index < len(sentence.tokens) or not sentence.tokens[index][5]:
                continue
            token = sentence.tokens[index]
            pos = g.get("pos") or token[4]
            if pos not in ENGLISH_POPUP_POS:
                continue
            entry = {"senses": _french_words(g["senses"]), "pos": pos}
            lemma = g.get("lemma") or token[3]
            if lemma and lemma != token[0].lower():
                entry["lemma"] = lemma
            popups[str(offset + index)] = entry
        offset += len(sentence.tokens)
    return popups


def _fold(text: str) -> str:
    """``text`` without case or accents, to compare a gloss with its word."""
    if text.isascii():  # most words and glosses: nothing to decompose (and this is most of a page's layout time)
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _escape(text: str) -> str:
    """``markupsafe.escape`` as a plain string, without building a ``Markup`` per token (the same entities)."""
    if not _SPECIAL.search(text):
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
            .replace("'", "&#39;"))


_SPECIAL = re.compile("[&<>\"']")


_WORD_BREAKS = re.compile(r"[-\s]+")


def shown_inline_gloss(gloss: dict, form: str) -> str:
    """The inline gloss as the page shows it above ``form``: nothing when it only repeats the word
    (``boulevard`` over *boulevard*, a name the tagger took for a noun, or a name it contains), the capital of a sentence-initial
    English word dropped over a lower-case French word (*trompettes*: "trumpets", not "Trumpets"), and no
    emphasis underscores left from the source text.

    >>> shown_inline_gloss({"rendering_text": "Boulevard", "rendering": [3]}, "boulevard")
    ''
    >>> shown_inline_gloss({"rendering_text": "Trumpets", "rendering": [0]}, "trompettes")
    'trumpets'
    """
    inline = inline_gloss(gloss).strip("_ ")
    if not inline or _fold(inline) == _fold(form) or _fold(form) in _WORD_BREAKS.split(_fold(inline)):
        return ""  # (also "Thunder-ten-Tronckh" over *tronckh*: a name split by the tokenizer)
    rendering = gloss.get("rendering") or []
    first = inline.split(" ")[0]
    if (rendering and min(rendering) == 0 and form[:1].islower() and first[:1].isupper() and first[1:].islower()
            and first != "I" and (gloss.get("rendering_text") or "").startswith(first)):
        inline = inline[0].lower() + inline[1:]
    return inline


def _heading_html(sentence, lang: str) -> list[str]:
    out = []
    if sentence.heading:
        lines = "".join(f"<span>{escape(line)}</span>" for line in sentence.heading.split("\n"))
        out.append(f'<h2 class="heading" lang="{lang}">{lines}</h2>')
    if sentence.date:
        out.append(f'<p class="date" lang="{lang}">{escape(sentence.date)}</p>')
    return out


def _glossed_sentence(sentence, bead: int, words_out: list[WordSlot], glosses_out: dict[str, dict[str, dict]],
                      side: str = "") -> str:
    """HTML of a sentence whose words can be glossed and marked (French; English where there is no French)."""
    glosses = {g.get("token"): g for g in (sentence.glosses or []) if isinstance(g, dict)}
    text = sentence.text
    plain = not _SPECIAL.search(text)  # most sentences: nothing in them to escape, piece by piece
    gloss_key = f"{side}{sentence.position}"
    parts = [f'<span class="s" data-pos="{sentence.position}" data-key="{_escape(sentence.key)}" data-bead="{bead}" '
             f'data-gk="{gloss_key}">']
    cursor = 0
    popup: dict[str, dict] = {}
    for index, token in enumerate(sentence.tokens):
        start, end = token[1], token[2]
        if start < cursor or end > len(text):  # malformed offsets: fall back to the plain remaining text
            continue
        parts.append(text[cursor:start] if plain else _escape(text[cursor:start]))
        form = text[start:end] if plain else _escape(text[start:end])
        cursor = end
        if not is_countable(token):
            parts.append(f'<span class="x">{form}</span>' if token[5] and token[4] in NEVER_GLOSSED else form)
            continue
        key = word_key(token)
        gloss = glosses.get(index)
        words_out.append(WordSlot(key, bool(side), gloss is not None, rare_below(gloss, token[4])))
        if gloss is not None:
            popup[str(index)] = _popup_gloss(gloss, token)
        inline = shown_inline_gloss(gloss, text[start:end]) if gloss is not None else ""
        group = (gloss or {}).get("group") or []
        if len(group) > 1 and index != min(group):  # a multi-word expression carries one inline gloss, on its head
            inline = ""
        # The gloss is an attribute shown by CSS (rt::before), so that copying or extracting the text never
        # mixes glosses into the sentence.
        body = f'<ruby>{form}<rt data-g="{_escape(inline)}"></rt></ruby>' if inline else form
        parts.append(f'<span class="{SLOT}" data-l="{_escape(key)}" data-i="{index}">{body}</span>')
    parts.append(text[cursor:] if plain else _escape(text[cursor:]))
    parts.append("</span>")
    if popup:
        glosses_out[gloss_key] = popup
    return "".join(parts)


def _target_sentence(sentence, bead: int, offset: int) -> tuple[str, int]:
    """HTML of a translation sentence; ``offset`` numbers its tokens within the bead. Returns the next offset."""
    text = sentence.text
    plain = not _SPECIAL.search(text)  # most sentences: nothing in them to escape, piece by piece
    parts = [f'<span class="s" data-pos="{sentence.position}" data-key="{_escape(sentence.key)}" data-bead="{bead}">']
    cursor = 0
    for index, token in enumerate(sentence.tokens):
        start, end = token[1], token[2]
        if start < cursor or end > len(text):
            continue
        parts.append(text[cursor:start] if plain else _escape(text[cursor:start]))
        form = text[start:end] if plain else _escape(text[start:end])
        cursor = end
        parts.append(f'<span class="t" data-bi="{offset + index}">{form}</span>' if token[5] else form)
    parts.append(text[cursor:] if plain else _escape(text[cursor:]))
    parts.append("</span>")
    return "".join(parts), offset + len(sentence.tokens)


def _side_html(sentences, lang: str, render) -> Markup:
    parts: list[str] = []
    for n, sentence in enumerate(sentences):
        parts.extend(_heading_html(sentence, lang))
        if sentence.starts_paragraph and n > 0:
            parts.append('<span class="pbreak"></span>')
        parts.append(render(sentence))
        parts.append(" ")
    return Markup("".join(parts))


def build_page_view(page, statuses: dict[str, str], level: int, source_lang: str, target_lang: str = "",
                    bilingual: bool = True, target_statuses: dict[str, str] | None = None) -> PageView:
    """The page for one learner (see the module's docstring): its layout, with the learner's classes filled in.

    English sentences with no French on the page are glossed like French ones (toward French, when the glosser
    stored glosses for them), with the learner's ``target_statuses`` for English lemmas.
    """
    return build_page_layout(page, source_lang, target_lang, bilingual).view(statuses, level, target_statuses)


def build_page_layout(page, source_lang: str, target_lang: str = "", bilingual: bool = True) -> PageLayout:
    """The page as blocks of bead views, with the popup glosses and a :data:`SLOT` per word span (module doc)."""
    glosses: dict[str, dict[str, dict]] = {}
    english: dict[str, dict[str, dict]] = {}
    words: list[WordSlot] = []
    views: list[BeadView] = []
    for bead in page.beads:
        source = _side_html(
            bead.source, source_lang, lambda s, b=bead.position: _glossed_sentence(s, b, words, glosses))
        offset = [0]

        def render_target(s, b=bead.position, solo=not bead.source):
            if solo and s.glosses:
                return _glossed_sentence(s, b, words, glosses, side="t")
            html, offset[0] = _target_sentence(s, b, offset[0])
            return html

        target = _side_html(bead.target, target_lang, render_target)
        if bead.source and bead.target:
            popups = _target_popups(bead)
            if popups:
                english[str(bead.position)] = popups
        first = (bead.source or bead.target or [None])[0]
        views.append(BeadView(
            position=bead.position, confidence=bead.confidence,
            low_confidence=bilingual and bool(bead.source) and bool(bead.target) and bead.confidence < LOW_CONFIDENCE,
            starts_paragraph=bool(first is not None and first.starts_paragraph),
            source=source, target=target, has_source=bool(bead.source), has_target=bool(bead.target),
        ))
    return PageLayout(blocks=group_blocks(views, bilingual), glosses=glosses, english=english,
                      first_bead=page.beads[0].position if page.beads else 0,
                      last_bead=page.beads[-1].position if page.beads else 0, words=PageWords(words))


def group_blocks(views: list[BeadView], bilingual: bool) -> list[Block]:
    """Consecutive beads in blocks; runs of French-less beads become "target-only" blocks (see module doc)."""
    blocks: list[Block] = []
    n = 0
    while n < len(views):
        if bilingual and not views[n].has_source:
            end = n
            while end < len(views) and not views[end].has_source:
                end += 1
            run = views[n:end]
            if len(run) >= SOLO_RUN or run[0].starts_paragraph:
                blocks.append(Block("target-only", run))
                n = end
                continue
        if not blocks or blocks[-1].kind != "pair":
            blocks.append(Block("pair"))
        blocks[-1].beads.append(views[n])
        n += 1
    return blocks
