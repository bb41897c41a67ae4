"""Where spaCy's French tokenizer glues what a reader must see apart: dashes and imperative clitic chains.

spaCy's French tokenizer splits a hyphen only between two letters and keeps many hyphenated strings whole
(its ``token_match`` accepts any ``word-word-word``). Two families of French prose therefore came out as one token:

- Project Gutenberg's dashes, ``--`` (and ``---``, or an em dash glued to its words)::

      civilement.--Messieurs   ->  civilement  .  --  Messieurs
      --Qu'as-tu?              ->  --  Qu'  as  -tu  ?
      quatre-vingt-six--       ->  quatre-vingt-six  --

- imperatives and inversions with their clitic pronouns, which must read as the verb and its pronouns, hyphen kept
  on the pronoun the way ``dit-il`` already is::

      Donne-le-moi   ->  Donne  -le  -moi         dites-le-lui  ->  dites  -le  -lui
      va-t'en        ->  va  -t'  en              est-elle      ->  est  -elle
      dis-le         ->  dis  -le    (spaCy: dis  -  le)
      cet homme-là   ->  homme  -là    (spaCy: homme-là; celui-là, là-bas and jusque-là stay whole)

- and, the other way round, lower-case compounds that spaCy cuts at their hyphen while keeping others whole:
  ``là-bas``, ``cinquante-cinq``, ``coffre-fort``, ``chef-d'oeuvre`` are one token, like ``quarante-sept``.

``forced_pieces`` finds these in the paragraph's text (a dash run; a word followed by nothing but clitics, so that
``sur-le-champ``, ``à-la-fois`` or ``Philippe-le-Bel`` stay whole; a noun and ``-là``; any other lower-case hyphenated word) and ``respect_pieces`` recuts spaCy's tokens so
that each such piece is a token, tokenizing what is left of a cut token again with spaCy. ``french_doc`` wraps both
around the tokenizer and returns the Doc that the rest of the pipeline (tagger, lemmatizer) then analyses, so that
the model tags ``Donne -le -moi`` as it was trained to, not one unknown word.
"""

from __future__ import annotations

import re
from typing import Callable

# Clitic pronouns that follow a verb with a hyphen (imperative or inversion); "-t-" is the euphonic t.
CLITICS = ("le", "la", "les", "lui", "leur", "moi", "toi", "nous", "vous", "en", "y",
           "je", "tu", "il", "elle", "ils", "elles", "on", "ce")
# Hyphenated words that end like a clitic chain but are one word.
CLITIC_LOOKALIKES = {"rendez-vous", "chez-moi", "chez-toi", "chez-nous", "chez-vous"}

_LETTERS = r"[^\W\d_]"
_CLITIC = r"-(?:t-)?(?:" + "|".join(sorted(CLITICS, key=len, reverse=True)) + r")(?![\w'’])"
_ELIDED = r"-[mtl]['’](?=(?:en|y)\b)"  # va-t'en, donnez-m'en, mets-l'y
_CHAIN = re.compile(
    rf"(?<![^\W_])(?:(?<=--)|(?<!-))(?P<verb>{_LETTERS}+)(?P<clitics>(?:{_CLITIC}|{_ELIDED})+)(?!-{_LETTERS})"
)
# "cet homme-là", "cette saison-ci": the noun and its demonstrative particle (spaCy cuts "jour-là" but not
# "homme-là"); "celui-ci", "là-bas", "jusque-là", "ci-dessus" stay whole.
_PARTICLE = re.compile(rf"(?<![^\W_])(?:(?<=--)|(?<!-))(?P<word>{_LETTERS}+)(?P<particle>-(?:là|ci))(?![\w'’-])")
PARTICLE_HOSTS_KEPT_WHOLE = {"celui", "celle", "ceux", "celles", "ce", "ci", "là", "jusque", "par", "de", "ça",
                             "entre", "ici"}
# Any other lower-case word of hyphen-joined letter runs is one token: spaCy cuts some at their hyphen ("là - bas",
# "cinquante - cinq", "chef - d' oeuvre") while keeping others whole ("quarante-sept"). Names with a capital
# ("Royaume-Uni", "Reform-Club", "Thunder-ten-tronckh") are left as spaCy cuts them, each part glossed apart.
_COMPOUND = re.compile(rf"(?<![^\W_])(?:(?<=--)|(?<!-)){_LETTERS}+(?:-{_LETTERS}+(?:['’]{_LETTERS}+)?)+(?![\w'’])")
_CHAIN_PIECE = re.compile(rf"{_CLITIC}|{_ELIDED}")
_EUPHONIC_T = re.compile(r"-t(?=-)")
_ELISION = re.compile(rf"{_LETTERS}+['’]$")
# A dash that is punctuation: two or more hyphens, or em/en dashes and the horizontal bar.
DASH_RUN = re.compile(r"-{2,}|[—–―]+")
# A token that is a clitic glued to the verb before it, as the pieces above and spaCy's suffixes make them.
HYPHEN_CLITIC = re.compile(rf"-(?:t-?)?(?:{'|'.join(CLITICS)})|-[mtl]['’]|-t", re.I)


def forced_pieces(text: str) -> list[list[tuple[int, int]]]:
    """Groups of (start, end) spans that must each be one token; a group covers a region of ``text`` exactly
    (a verb and its clitics, a noun and ``-là``, a lower-case compound, a dash run). Regions do not overlap."""
    groups: list[list[tuple[int, int]]] = []
    for match in _CHAIN.finditer(text):
        if match.group().lower() in CLITIC_LOOKALIKES:
            continue
        pieces = [match.span("verb")]
        position = match.start("clitics")
        while position < match.end("clitics"):  # not finditer(..., endpos): "-t'" looks ahead at "en"
            clitic = _CHAIN_PIECE.match(text, position)
            start, end = position, clitic.end()
            position = end
            euphonic = _EUPHONIC_T.match(text, start)
            if euphonic:  # "-t" and "-il" as spaCy cuts them (the engine joins them into "-t-il" afterwards)
                pieces.append(euphonic.span())
                start = euphonic.end()
            pieces.append((start, end))
        groups.append(pieces)
    for match in _PARTICLE.finditer(text):
        if match.group("word").lower() not in PARTICLE_HOSTS_KEPT_WHOLE:
            groups.append([match.span("word"), match.span("particle")])
    for match in _COMPOUND.finditer(text):
        if match.start() and text[match.start() - 1] in "'’" and text[match.start() + 1] == "-":
            continue  # the English possessive of "Lincoln's-inn", not a French word
        if match.group().islower() and not any(g[0][0] < match.end() and match.start() < g[-1][1] for g in groups):
            groups.append([match.span()])
    for match in DASH_RUN.finditer(text):
        groups.append([match.span()])  # no other group holds two hyphens in a row or a long dash
    return sorted(groups)


def respect_pieces(
    spans: list[tuple[int, int]], groups: list[list[tuple[int, int]]], retokenize: Callable[[int, int], list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Token spans (sorted, non-overlapping, whitespace between them) recut so that every forced piece is a token.

    Tokens inside a forced region give way to its pieces; the part of a token outside every region is cut again
    by ``retokenize(start, end)``, which returns spans inside it."""
    regions = [(g[0][0], g[-1][1]) for g in groups]
    result = [piece for g in groups for piece in g]
    for start, end in spans:
        inside = [(a, b) for a, b in regions if a < end and b > start]
        if not inside:
            result.append((start, end))
            continue
        position = start
        for a, b in sorted(inside):
            if a > position:
                result.extend(retokenize(position, a))
            position = max(position, b)
        if position < end:
            result.extend(retokenize(position, end))
    return sorted(set(result))


def french_doc(tokenizer, text: str):
    """spaCy's tokenization of ``text``, recut by ``forced_pieces``; the original Doc when nothing changes."""
    from spacy.tokens import Doc

    doc = tokenizer(text)
    groups = forced_pieces(text)
    if not groups:
        return doc
    spans = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]

    def retokenize(start: int, end: int) -> list[tuple[int, int]]:
        if _ELISION.match(text, start, end):
            return [(start, end)]  # "Qu'" cut from "--Qu'as-tu": alone, spaCy would split the apostrophe off
        return [(start + t.idx, start + t.idx + len(t)) for t in tokenizer(text[start:end]) if not t.is_space]

    recut = respect_pieces(spans, groups, retokenize)
    if recut == spans:
        return doc
    words, spaces = [], []
    if recut and recut[0][0] > 0:
        words.append(text[: recut[0][0]])
        spaces.append(False)
    for i, (start, end) in enumerate(recut):
        words.append(text[start:end])
        gap = text[end : recut[i + 1][0] if i + 1 < len(recut) else len(text)]
        spaces.append(gap.startswith(" "))
        if gap.startswith(" "):
            gap = gap[1:]
        if gap:  # other whitespace is a token of its own, as spaCy's tokenizer makes it
            words.append(gap)
            spaces.append(False)
    new = Doc(tokenizer.vocab, words=words, spaces=spaces)
    return new if new.text == text else doc


_NOT_VERBS_BEFORE_CLITICS = {"ADP", "CCONJ", "SCONJ", "ADV", "NUM", "PUNCT", "SYM", "SPACE", "VERB", "AUX"}


def mark_clitic_verbs(doc):
    """A word glued to a following clitic (``Donne -le``, ``Peux -tu``, ``Demande -lui``) is a verb: the model,
    which rarely saw imperatives, often calls it a proper noun or a noun. Run before the lemmatizer, so that the
    lemma is the infinitive."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if (
            not token.whitespace_
            and token.is_alpha
            and token.pos_ not in _NOT_VERBS_BEFORE_CLITICS
            and HYPHEN_CLITIC.fullmatch(following.text)
        ):
            token.pos_ = "VERB"
    return doc
