"""Sentence boundaries in French and English prose, by rules: fast, no model, exact character spans.

The problem: a paragraph of a novel or a notebook is to be cut into sentences so that each one can be aligned
with its translation. A full stop is not enough, and neither is a generic splitter (measured in docs/nlp.md)::

    « Pensez-vous qu'il viendra ? » demanda M. Dupont. — Non, dit K. Radek... Il partit.
    |------------------------- 1 ---------------------| |---------- 2 --------| |-- 3 --|

A boundary is a run of terminal punctuation (``.``, ``!``, ``?``, ``…``, ``...``), then any closing quotes or
brackets, then whitespace, then something that can open a sentence: a capital letter, a digit, an opening quote
or an em dash starting a dialogue line. It is *not* a boundary when

- the next word begins with a lower-case letter (``! dit-il``, ``? » demanda-t-il``, ``... et puis``);
- the full stop ends a known abbreviation (``M.``, ``MM.``, ``Mme.``, ``Mr.``, ``St.``, ``p. 12``, ``cf.``,
  ``av. J.-C.``) or a single capital initial (``K. Radek``, ``CHAPITRE I. Comment...``);
- the full stop ends an abbreviated month and a number follows (``le 3 janv. 1944.`` is one sentence);

A straight quote after the punctuation closes the sentence's quotation unless it is glued to the next word
(``fin. "Bonjour`` opens the next sentence's quotation); when it is spaced on both sides (``fin . " Il``, as in
tokenised text) the quotes seen so far in the paragraph decide: an even count means it opens.

The gap may also be no space at all before a dash (``civilement.--Messieurs``, ``Oui!—Non``, as Project
Gutenberg prints dialogue): the dash then opens the next sentence, under the same conditions.

A newline inside a paragraph followed by a dialogue dash is a boundary too (one speaker per line).
Spans are returned with their surrounding whitespace trimmed, so ``text[start:end]`` is the sentence.
"""

from __future__ import annotations

import re

# Abbreviations that take a full stop and are normally followed by a capitalised name or a number.
# Lower-cased, without the final stop. "etc." is deliberately absent: it ends sentences as often as not.
ABBREVIATIONS = {
    "fr": {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "mgr", "me", "dr", "pr", "st", "ste", "sts", "r.p", "p", "pp",
        "cf", "ch", "chap", "vol", "t", "no", "n°", "art", "av", "apr", "env", "fig", "éd", "ibid", "op", "cit",
        "j.-c", "s", "ss", "cie", "gén", "col", "cap", "lieut", "sr", "vve",
    },
    "en": {
        "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "st", "prof", "rev", "gen", "col", "capt", "lieut", "lt",
        "sgt", "maj", "gov", "hon", "jr", "sr", "esq", "mt", "ft", "no", "nos", "vol", "vols", "ch", "chap", "pp",
        "p", "e.g", "i.e", "cf", "vs", "viz", "fig", "co", "bros",
    },
}

# Abbreviations that are also words ("no"), and abbreviated months: one only before a number ("No. 7",
# "le 3 janv. 1944", "sept. 1939", but "Ils étaient sept. Puis..."; a date that ends a sentence, "le 3 nov. Il
# partit", still ends it).
_BEFORE_A_NUMBER = {
    "fr": {"no", "nos", "janv", "fév", "févr", "fev", "fevr", "avr", "juil", "juill", "sept", "oct", "nov", "déc", "dec"},
    "en": {"no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"},
}

# terminal punctuation, then closers (with the French space before a closing guillemet), then the gap
_CANDIDATE = re.compile(
    r"""(?P<punct>\.\s\.\s\.|[.!?…]+)"""
    r"""(?P<close>(?:[\s\u00a0\u202f]?[»"”’'\)\]])*)"""
    r"""(?P<gap>\s+|(?=-{2,}|[—–―]))"""  # Gutenberg's "civilement.--Messieurs": a dash glued to the stop
)
_OPENERS = set("«\"“‘'([¡¿—–―-")
_FIRST_LETTER = re.compile(r"\w")
_WORD_BEFORE = re.compile(r"([\w°.\-]+)$")
_DIALOGUE_LINE = re.compile(r"\n[ \t\u00a0]*(?=[—–])|(?<=:)[ \u00a0]+(?=(?:[—–]|--?)\s*[A-ZÀ-Ý])")


def _is_abbreviation(text: str, dot: int, lang: str) -> bool:
    """Is the full stop at ``dot`` the end of an abbreviation or an initial rather than of a sentence?"""
    match = _WORD_BEFORE.search(text[max(0, dot - 30) : dot])
    if not match:
        return False
    word = match.group(1).lstrip(".-")
    if not word:
        return False
    if len(word) == 1 and word.isupper() and not (lang == "en" and word == "I"):
        return True  # an initial: "K. Radek", "CHAPITRE I. Comment ..."
    if word.lower() in _BEFORE_A_NUMBER.get(lang, _BEFORE_A_NUMBER["en"]):
        return bool(re.match(r"\.\s*\d", text[dot : dot + 4]))  # "No. 7", but "I said no. Then..."
    return word.lower() in ABBREVIATIONS.get(lang, ABBREVIATIONS["en"])


def _opens_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


def boundary_offsets(text: str, lang: str) -> list[int]:
    """Character offsets at which a new sentence begins inside ``text`` (the first sentence's start excluded)."""
    cuts: list[int] = []
    quotes_before = 0  # straight double quotes seen so far: an odd count means a quotation is open
    last = 0
    for match in _CANDIDATE.finditer(text):
        quotes_before += text.count('"', last, match.start("close"))
        last = match.start("close")
        nxt = match.end()
        if nxt >= len(text) or not _opens_sentence(text[nxt]):
            continue
        first_letter = _FIRST_LETTER.search(text, nxt)
        if first_letter and first_letter.group().islower():
            continue  # "prie ! — et l'égorgent": a dash or quote opening on a lower-case word continues the sentence
        punct = match.group("punct")
        close = match.group("close")
        cut = nxt
        if close.endswith(' "') and quotes_before % 2 == 0:
            # a quote spaced on both sides with no quotation open opens the next sentence's quotation
            cut = match.start("close") + len(close) - 1
        if punct == "." and _is_abbreviation(text, match.start("punct"), lang):
            continue
        cuts.append(cut)
    for match in _DIALOGUE_LINE.finditer(text):
        cuts.append(match.end())
    return sorted(set(c for c in cuts if 0 < c < len(text)))


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, whitespace trimmed; empty for a blank paragraph.

    A piece with no letter or digit (a stray closing quote, a lone dash) joins the sentence before it.
    """
    spans: list[tuple[int, int]] = []
    starts = [0, *boundary_offsets(text, lang), len(text)]
    for begin, end in zip(starts, starts[1:]):
        chunk = text[begin:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        span = (begin + lead, begin + lead + len(stripped))
        if spans and not any(ch.isalnum() for ch in stripped):
            spans[-1] = (spans[-1][0], span[1])
        elif spans and not any(ch.isalnum() for ch in text[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    return spans
