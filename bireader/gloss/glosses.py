"""In-context glosses: for each French token, its dictionary senses and the English words of *this* translation.

The problem, on one bead::

    FR  Il   y   a   une  pomme de  terre sur la  table .        tokens 0..10
    EN  There is a   potato   on  the table .                    tokens 0..7

The word aligner links ``pomme``/``terre`` to ``potato`` and ``table`` to ``table``; the lexicon knows the
multi-word headwords ``il y a`` and ``pomme de terre``. The gloss of token 5 (``pomme``) is then: lemma
``pomme de terre`` (its ``group`` is tokens ``[4, 5, 6]``), senses ``["potato"]``, rendering ``[3]``
("potato"), so the reader highlights "potato" and shows the dictionary beside it (translation first when they
disagree). Proper nouns, numbers and punctuation are not gloss-worthy; whether a learner *needs* a gloss is
``needs_gloss``: a frequency rank beyond the learner's level and a lemma the learner has not marked known.

``rendering`` indexes the tokens of the bead's target sentences taken together in order (for the 1-1 beads that
are most of a book, simply the target sentence's tokens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from sys import intern
from typing import Iterable, Iterator

from bireader.document import Bead, Document, Token
from bireader.gloss.frequency import band, lemma_rank
from bireader.gloss.wordalign import Alignment, align_words, word_pairs
from bireader.lexicon import FUNCTION_WORDS, Lexicon, Sense, content_words, join_tokens, load_lexicon, normalise
from bireader.lexicon.lookup import (ROUND_TRIP_SENSES, cognate_first, find_senses, pos_split, round_trip_first,
                                     translates_back)

NOT_GLOSS_WORTHY_POS = {"PROPN", "NUM", "PUNCT", "SYM", "SPACE", "X"}
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}
MAX_SENSES = 5  # kept per gloss
MAX_CANDIDATE_SENSES = 12  # looked at for the one the translation chose
MAX_MULTIWORD = 6  # tokens


@dataclass(slots=True)  # a novel has some 420,000 of them until they are stored: slots take a third of the memory
class TokenGloss:
    token: int  # index into sentence.tokens
    lemma: str  # the headword glossed: the token's lemma, or a multi-word expression ("pomme de terre")
    pos: str
    senses: list[str]  # dictionary senses, best first
    rendering: list[int]  # indices of the bead's target tokens that render it (may be empty)
    rendering_text: str
    freq_rank: int | None  # wordfreq rank of the lemma, 1 = most frequent
    band: int  # frequency band 1..frequency.BANDS
    gloss_worthy: bool  # False for proper nouns, numbers, punctuation
    group: list[int] = field(default_factory=list)  # tokens of the multi-word expression it belongs to, if any
    sources: list[str] = field(default_factory=list)  # where each sense came from (freedict, apertium-pivot, ...)
    # how likely the rendering is right (calibrated on ALIBI: ``RENDERING_CONFIDENCE``); a rendering under
    # ``SHOW_CONFIDENCE`` is not kept, so that no highlight is better than a wrong one
    confidence: float = 0.0

    # to_dict(): made from the fields below the class (_flat_to_dict)

    @classmethod
    def from_dict(cls, data: dict) -> "TokenGloss":
        return cls(**data)


def _flat_to_dict(cls):
    """A ``to_dict`` for a dataclass of flat fields: ``asdict``'s result (lists copied, keys in field order)
    without its recursive deep copy. One dict display that names each field, made from the class's fields as
    dataclasses makes ``__init__``, so that a field added later is in it: four times faster than a comprehension
    over the fields (and ten times than ``asdict``), for every gloss of a book (420,000)."""
    def value(name: str) -> str:
        return f"(list(self.{name}) if isinstance(self.{name}, list) else self.{name})"

    items = ", ".join(f"{f.name!r}: {value(f.name)}" for f in fields(cls))
    namespace: dict = {}
    exec(f"def to_dict(self) -> dict:\n    return {{{items}}}\n", namespace)
    to_dict = namespace["to_dict"]
    to_dict.__doc__ = f"The gloss as a dict: ``dataclasses.asdict``'s result, made faster ({__name__}._flat_to_dict)."
    to_dict.__qualname__ = f"{cls.__name__}.to_dict"
    return to_dict


TokenGloss.to_dict = _flat_to_dict(TokenGloss)
_TOKEN_GLOSS_FIELDS = tuple(f.name for f in fields(TokenGloss))
_LETTER = re.compile(r"[^\W\d_]")


def is_gloss_worthy(token: Token, index: int, tokens: list[Token], in_lexicon: bool, names: set[str] = frozenset()) -> bool:
    """Words only; not names, numbers or punctuation.

    A capitalised word that the dictionary does not know is a name when it stands inside a sentence, or when
    ``names`` (the document's capitalised words seen inside sentences) holds it, even if the tagger calls it a noun
    (``Cunégonde``). A lower-case word the dictionary knows is no name even if tagged PROPN (``dort``).
    """
    if not token.is_word or not _LETTER.search(token.text):
        return False
    if token.pos == "PROPN" and token.text[:1].islower() and in_lexicon:
        return True
    if token.pos in NOT_GLOSS_WORTHY_POS:
        return False
    if token.text[:1].isupper() and not in_lexicon:
        first_word = next((k for k, t in enumerate(tokens) if t.is_word and _LETTER.search(t.text)), index)
        if index != first_word or token.text in names:
            return False
    return True


def document_names(sentences: Iterable[list[Token]]) -> set[str]:
    """Capitalised words seen inside a sentence (not first): the document's names, to recognise them anywhere."""
    names = set()
    for tokens in sentences:
        words = [t for t in tokens if t.is_word and _LETTER.search(t.text)]
        for t in words[1:]:
            if t.text[:1].isupper() and not t.text.isupper():
                names.add(t.text)
    return names


def _token_key(token: Token) -> tuple[str, str]:
    return normalise(token.text), normalise(token.lemma or token.text)


def multiword_spans(tokens: list[Token], lex: Lexicon) -> list[tuple[int, int, str]]:
    """Non-overlapping multi-word headwords in a sentence, longest first: ``(start, end, headword)``, end exclusive.

    Each position matches the headword by form or by lemma (``fit attention`` -> ``faire attention``); an
    expression must hold a content word, so ``de la`` stays two words.
    """
    multi, longest, prefixes = _multiword_index(lex)
    keys = [_token_key(t) for t in tokens]
    found: list[tuple[int, int, str]] = []
    for start, (form, lemma) in enumerate(keys):
        limit = max(longest.get(form, 0), longest.get(lemma, 0))
        if limit:
            limit = _longest_prefix(keys, start, min(len(tokens), start + limit), prefixes) - start
        for end in range(start + limit, start + 1, -1):
            if not any(tokens[k].pos in _EXPRESSION_POS for k in range(start, end)):
                continue
            match = _match(keys[start:end], multi)
            if match:
                found.append((start, end, join_tokens(match)))
    # longest first, then leftmost; a token belongs to one expression at most
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(tokens)
    for start, end, headword in sorted(found, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(taken[start:end]):
            spans.append((start, end, headword))
            for k in range(start, end):
                taken[k] = True
    return sorted(spans)


def _match(window: list[tuple[str, str]], multi: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    # try forms, then lemmas position by position (few combinations: expressions are short)
    candidates: list[tuple[str, ...]] = [()]
    for form, lemma in window:
        options = [form] if form == lemma else [form, lemma]
        candidates = [c + (o,) for c in candidates for o in options][:16]
    for c in candidates:
        if c in multi:
            return c
    return None


def _longest_prefix(keys: list[tuple[str, str]], start: int, stop: int, prefixes: set[tuple[str, ...]]) -> int:
    """The end of the longest window ``keys[start:end]`` (``end <= stop``) that begins some expression when each
    position is taken by form or by lemma: no expression ends beyond it, so ``multiword_spans`` tries no longer
    window (a sentence's words start few expressions, and most stop after one or two words)."""
    live: set[tuple[str, ...]] = {()}
    end = start
    while end < stop:
        form, lemma = keys[end]
        live = {c + (o,) for c in live for o in ((form,) if form == lemma else (form, lemma)) if c + (o,) in prefixes}
        if not live:
            break
        end += 1
    return end


_EXPRESSION_POS = {"NOUN", "VERB", "ADJ", "ADV", "AUX"}
_INDEX: dict[int, tuple[set[tuple[str, ...]], dict[str, int], set[tuple[str, ...]]]] = {}


def _multiword_index(lex: Lexicon) -> tuple[set[tuple[str, ...]], dict[str, int], set[tuple[str, ...]]]:
    """The lexicon's expressions; per first word, the length of the longest expression it starts; and every
    beginning of an expression (its first word, its first two, ..., itself)."""
    index = _INDEX.get(id(lex))
    if index is None:
        multi = {m for m in lex.multiword() if len(m) <= MAX_MULTIWORD}
        longest: dict[str, int] = {}
        for m in multi:
            longest[m[0]] = max(longest.get(m[0], 0), len(m))
        prefixes = {m[:n] for m in multi for n in range(1, len(m) + 1)}
        index = _INDEX[id(lex)] = (multi, longest, prefixes)
    return index


def hyphenated_name_parts(tokens: list[Token], in_lexicon) -> set[int]:
    """Tokens that are pieces of a hyphenated name the tokenizer cut (``Thunder-ten-tronckh``,
    ``Waldberghoff-trarbk-dikdorff``): in a chain of words joined by hyphens without spaces that holds a name
    (tagged PROPN, or capitalised and unknown to the dictionary), every piece the dictionary does not know.
    ``in_lexicon(k)`` says whether token ``k`` has senses. ``Royaume-Uni``'s pieces are words: they stay."""
    parts: set[int] = set()
    k = 0
    while k < len(tokens):
        chain, j = [k], k
        while j + 2 < len(tokens) and tokens[j + 1].text in ("-", "‐") and (
            tokens[j].end == tokens[j + 1].start and tokens[j + 1].end == tokens[j + 2].start
        ):
            j += 2
            chain.append(j)
        if len(chain) > 1:
            has_name = any(
                tokens[c].pos == "PROPN" or (tokens[c].text[:1].isupper() and not in_lexicon(c)) for c in chain
            )
            if has_name:
                parts.update(c for c in chain if not in_lexicon(c))
        k = j + 1
    return parts


# English words that carry grammar, by what they may render when the dictionary does not say so
ENGLISH_GRAMMATICAL = set(  # articles, pronouns, possessives, conjunctions, "to"/"of": no content word's rendering
    "a an the this that these those his her its their my your our thy i you he she we they me him us them myself "
    "yourself himself herself itself ourselves themselves thee thou who whom whose which what and or but nor if "
    "whether because though although while that to of 's".split()
)
ENGLISH_AUXILIARY = set(  # may render a verb (passives, tenses, modals: "pouvait" -> "could") or "ne"
    "be is are was were been being am have has had having do does did done will would shall should can could may "
    "might must".split()
)
ENGLISH_PARTICLE = FUNCTION_WORDS["en"] | set(  # prepositions, particles, adverbs of degree, quantifiers
    "so such some any all each every both either neither much many more most less least other another own same "
    "one ones then there here where when why how yet too very".split()
)
ENGLISH_NEGATION = {"not", "n't", "no", "never", "nothing", "none", "nobody", "no-one", "nowhere", "nor", "neither"}
FRENCH_NEGATION = {"ne", "n'", "pas", "point", "jamais", "rien", "personne", "aucun", "nul", "guère", "plus", "non"}
FUNCTION_POS = {"DET", "ADP", "CCONJ", "SCONJ", "PRON"}
# the unions plausible_rendering asks about, made once (it runs for every rendering of a book)
_ENGLISH_FUNCTION = frozenset(ENGLISH_GRAMMATICAL | ENGLISH_AUXILIARY | ENGLISH_PARTICLE | ENGLISH_NEGATION)
_ENGLISH_GRAMMATICAL_OR_AUXILIARY = frozenset(ENGLISH_GRAMMATICAL | ENGLISH_AUXILIARY)
# an English auxiliary's dictionary form, to compare a rendering with the senses ("could" renders "can")
_AUXILIARY_BASE = {
    "could": "can", "would": "will", "might": "may", "should": "shall", "has": "have", "had": "have",
    "having": "have", "does": "do", "did": "do", "done": "do", "is": "be", "are": "be", "was": "be",
    "were": "be", "been": "be", "being": "be", "am": "be", "n't": "not",
}


@lru_cache(maxsize=200_000)
def _all_sense_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", text.replace("’", "'")))


def plausible_rendering(
    pos: str, senses: list[str], rendering: list[Token], target_lang: str = "en", lemma: str = ""
) -> bool:
    """Whether the aligner's rendering of a word can be shown as what this translation chose.

    The aligner links every word somewhere, and a word the translation leaves out or paraphrases gets linked to
    a neighbour: ``ménager`` -> "and", ``moeurs`` -> "with", ``fesait`` -> "his", ``et`` -> "only". A rendering
    that shares a word with the dictionary's senses is kept. Otherwise, by the French word's kind:

    - a noun or adjective rendered only by English function words goes;
    - a verb may be rendered by an auxiliary or a particle ("avait" -> "had", "fit" -> "was", "fini" ->
      "over"), not by articles, pronouns, conjunctions, "to" or "of" alone;
    - an adverb likewise, but auxiliaries only for a negation ("ne" -> "did" in "did not") and not otherwise;
    - a function word (determiner, preposition, conjunction, pronoun) rendered only by content words goes.

    Punctuation alone renders nothing.

    >>> from bireader.document import Token
    >>> plausible_rendering("VERB", ["begrudge, regret", "handle"], [Token("and", 0, 3, "and", "CCONJ")])
    False
    >>> plausible_rendering("ADV", ["not"], [Token("not", 0, 3, "not", "PART")])
    True
    """
    words = [t for t in rendering if _LETTER.search(t.text)]
    if not words:
        return False
    if target_lang != "en":
        return True
    texts = [t.text.lower().replace("’", "'") for t in words]
    keys = set()
    for t, text in zip(words, texts):
        for w in (text, (t.lemma or t.text).lower().replace("’", "'")):
            keys |= {w, _AUXILIARY_BASE.get(w, w)}
    # all the senses' words, function words too ("about, approximately" has "about")
    if any(not keys.isdisjoint(_all_sense_words(text)) for text in senses):
        return True
    negation = normalise(lemma) in FRENCH_NEGATION
    if negation and keys & ENGLISH_NEGATION:
        return True
    if pos in FUNCTION_POS:
        return any(w in _ENGLISH_FUNCTION for w in texts)
    if pos in ("NOUN", "ADJ"):
        return not all(w in _ENGLISH_FUNCTION for w in texts)
    if pos == "VERB" or (pos == "ADV" and negation):
        return not all(w in ENGLISH_GRAMMATICAL for w in texts)
    if pos == "ADV":
        return not all(w in _ENGLISH_GRAMMATICAL_OR_AUXILIARY for w in texts)
    return True


# a noun whose only senses are the pivot dictionaries' verb senses (or the reverse) gets none of them
_OPPOSITE_POS = {"NOUN": "VERB", "VERB": "NOUN"}


class _Glosser:
    """Shared state for one document: the lexicon and caches of lookups by (form, lemma, pos)."""

    def __init__(self, source_lang: str, target_lang: str, names: set[str] = frozenset()):
        self.lang = source_lang
        self.target = target_lang
        self.names = names
        self.lex = load_lexicon(source_lang, target_lang)
        self.reverse = load_lexicon(target_lang, source_lang)
        self.pairs = word_pairs(source_lang, target_lang)
        self._cache: dict[tuple[str, str, str], tuple[str, list[str], list[str]]] = {}
        self._readings: dict[tuple[str, ...], tuple[str, str] | None] = {}
        self._ranks: dict[str, int | None] = {}  # lemma -> lemma_rank (a binary search each: asked once per lemma)
        self._expressions: dict[str, tuple[list[str], list[str]]] = {}  # headword -> (senses, their sources)

    def rank(self, lemma: str) -> int | None:
        """``lemma_rank`` of a lemma in the glosser's language, remembered."""
        try:
            return self._ranks[lemma]
        except KeyError:
            rank = self._ranks[lemma] = lemma_rank(lemma, self.lang)
            return rank

    def expression_senses(self, headword: str) -> tuple[list[str], list[str]]:
        """The distinct senses of a multi-word headword and where each came from, remembered (every token of an
        expression asks)."""
        found = self._expressions.get(headword)
        if found is None:
            senses = self.lex.senses(headword)
            texts = list(dict.fromkeys(s.text for s in senses))[:MAX_CANDIDATE_SENSES]
            found = self._expressions[headword] = (texts, [next(s.source for s in senses if s.text == t) for t in texts])
        return found

    def lookup(self, token: Token) -> tuple[str, list[str], list[str]]:
        key = (token.text, token.lemma, token.pos)
        found = self._cache.get(key)
        if found is None:
            headword, senses = find_senses(self.lex, token.text, token.lemma or token.text.lower(), token.pos)
            # senses that fit the token's part of speech first ("base" the noun: "base", not "baser"), and among
            # them first a sense that translates back
            fitting, others = pos_split(self.lex, senses, token.pos)
            senses = round_trip_first(self.lex, headword, fitting)
            if self.target == "fr":  # English→French only: French→English has false friends (destin: "destination")
                senses = cognate_first(headword, senses)
            senses += others
            if token.pos in _OPPOSITE_POS and senses and all(
                    s.pos == _OPPOSITE_POS[token.pos] and s.source == "apertium-pivot" for s in senses) and not any(
                    translates_back(self.lex, headword, s) for s in senses[:ROUND_TRIP_SENSES]):
                # "hounds" (a noun) has only the verb's senses ("torturer"): none is better. But when one of them
                # translates back to the word, the word is that verb and the tag is wrong ("justify" tagged NOUN:
                # "justifier" is "justify"; "hunting" tagged VERB: "chasse" is "hunting")
                senses = []
            if senses and senses[0].source == "derived":  # "tendrement" glossed from "tendre": still its own lemma
                headword = token.lemma or token.text.lower()
            texts, sources = [], []
            for s in senses:
                if s.text not in texts:
                    texts.append(s.text)
                    sources.append(s.source)
            found = (headword, texts[:MAX_CANDIDATE_SENSES], sources[:MAX_CANDIDATE_SENSES])
            self._cache[key] = found
        return found

    def lexicon_reading(self, token: Token) -> tuple[str, str] | None:
        """The (lemma, tag) the dictionary gives a French content word where the tagger's cannot be right, or None.

        - the tagger's lemma is no headword but the form is one of a single part of speech: ``difforme`` (VERB,
          "difformer") is the adjective ``difforme``, ``toque`` (ADJ, "toquer") the noun ``toque``;
        - the lemma is a headword only as a verb and the form is none, tagged as an adverb or a noun: ``pâlit``
          (ADV, "pâlir") is a verb. (A participle tagged as an adjective stays one: ``une main ridée``.)
        """
        key = ("reading", token.text, token.lemma, token.pos)
        if key in self._readings:
            return self._readings[key]
        found = None
        form, lemma = token.text.lower(), (token.lemma or "").lower()
        lemma_tags = {s.pos for s in self.lex.senses(lemma)} if lemma else set()
        form_senses = self.lex.senses(form)
        form_tags = {s.pos for s in form_senses if s.pos}
        if lemma and not lemma_tags and len(form_tags) == 1 and form_tags & CONTENT_POS and token.pos not in form_tags:
            found = (form, next(iter(form_tags)))
        elif token.pos in ("ADV", "NOUN") and lemma_tags == {"VERB"} and lemma != form and not form_senses:
            found = (lemma, "VERB")
        self._readings[key] = found
        return found

    def first_tag(self, token: Token) -> str | None:
        """The part of speech of the dictionary's first tagged sense of a word's form (or lemma)."""
        for key in (token.text.lower(), (token.lemma or "").lower()):
            tag = next((s.pos for s in self.lex.senses(key) if s.pos), None)
            if tag:
                return tag
        return None

    def noun_reading(self, token: Token) -> str | None:
        """The noun headword of a word tagged as a verb or adjective, if the dictionary has one (``commis``, not
        ``commettre``; ``domestiques`` -> ``domestique``); an adjective only when the dictionary gives it as a
        noun first (``domestique``: "servant"; not ``petit``)."""
        form = token.text.lower()
        # a verb's form only: its lemma is an infinitive, some of which are nouns too ("alla" -> "aller")
        for key in [form] if token.pos == "VERB" else dict.fromkeys([form, _simplemma_fr(form)]):
            tagged = [s.pos for s in self.lex.senses(key) if s.pos]
            if (tagged[:1] == ["NOUN"]) if token.pos == "ADJ" else "NOUN" in tagged:
                return key
        return None

    def after_determiner(self, tokens: list[Token], k: int) -> bool:
        """Whether token ``k`` follows a determiner, with at most two adjectives between that the dictionary gives
        as adjectives first (``un petit commis``; in ``un domestique français``, ``français`` does not)."""
        j = k - 1
        while j >= 0 and k - j <= 3:
            t = tokens[j]
            if t.pos == "DET" and t.text.lower().replace("’", "'") in FRENCH_DETERMINERS:
                return True  # a determiner, not the pronoun of "on le sait"
            if t.pos != "ADJ" or self.first_tag(t) != "ADJ":
                return False
            j -= 1
        return False

    def readings(self, tokens: list[Token]) -> list[Token]:
        """The sentence's tokens as the glosser reads them: the tagger's lemma and tag, corrected where the
        dictionary or the noun phrase says otherwise (``lexicon_reading``), and a word tagged as a verb or an
        adjective that heads a noun phrase read as the noun the dictionary has (``noun_reading``): after a
        determiner and before no noun, ``un petit commis du ministère`` (not ``commettre``), ``mon domestique me
        réveilla`` (not the adjective). Right to left, so that a word before a noun found so stays as it is.
        French only; the Document's own tokens are not changed."""
        if self.lang != "fr":
            return tokens
        out = list(tokens)
        next_pos = "PUNCT"
        for k in range(len(tokens) - 1, -1, -1):
            t = tokens[k]
            if t.is_word and t.pos in CONTENT_POS:
                fixed = self.lexicon_reading(t)
                if fixed is None and t.pos in ("VERB", "ADJ") and next_pos not in ("NOUN", "PROPN") \
                        and self.after_determiner(tokens, k):
                    noun = self.noun_reading(t)
                    fixed = (noun, "NOUN") if noun else None
                if fixed:
                    out[k] = Token(t.text, t.start, t.end, fixed[0], fixed[1], t.is_word)
            if t.is_word:
                next_pos = out[k].pos
        return out

    def sentence(
        self, tokens: list[Token], links: dict[int, list[int]], target_tokens: list[Token],
        sure: frozenset[int] | set[int] = frozenset(),
    ) -> list[TokenGloss]:
        """The glosses of one sentence's tokens. ``links``: source token -> target tokens the aligner links it to;
        ``sure``: the source tokens whose links both directions agree on."""
        tokens = self.readings(tokens)
        glosses: list[TokenGloss] = []
        group_of: dict[int, tuple[int, int, str]] = {}
        for span in multiword_spans(tokens, self.lex):
            for k in range(span[0], span[1]):
                group_of[k] = span
        name_parts = hyphenated_name_parts(
            tokens, lambda k: k in group_of or bool(self.lookup(tokens[k])[1])
        ) if any(t.text == "-" for t in tokens) else set()
        # the sentence's words, for judging renderings (none without a translation: then nothing is rendered)
        source_words = frozenset(normalise(w) for t in tokens for w in (t.text, t.lemma or t.text)) \
            if target_tokens else frozenset()
        # target words that the dictionary gives for some source word of the sentence (or spells alike)
        translates: dict[int, set[int]] = {}
        if target_tokens:
            target_words = [_token_words(t) for t in target_tokens]
            target_prefixes = [_cognate_key(t.lemma or t.text) for t in target_tokens]
            for k, t in enumerate(tokens):
                if not (t.is_word and t.pos in CONTENT_POS):
                    continue
                k_lemma, k_senses, _ = self.lookup(t)
                words = _sense_word_set(tuple(k_senses), self.target)
                prefix = _cognate_key(k_lemma)
                for j, tw in enumerate(target_words):
                    if (prefix and prefix == target_prefixes[j]) or not words.isdisjoint(tw):
                        translates.setdefault(j, set()).add(k)
        taken = {j for js in links.values() for j in js}
        for i, token in enumerate(tokens):
            span = group_of.get(i)
            if span is not None:
                start, end, headword = span
                texts, sources = self.expression_senses(headword)
                lemma, group = headword, list(range(start, end))
                # the expression's rendering: what its content words are linked to ("pomme", "terre" -> "potato")
                content = [k for k in group if tokens[k].pos in CONTENT_POS] or group
                rendering = sorted({j for k in content for j in links.get(k, [])})
                surely = any(k in sure for k in content)
                worthy = True
            else:
                lemma, texts, sources = self.lookup(token)
                group = []
                rendering = sorted(set(links.get(i, [])))
                surely = i in sure
                worthy = is_gloss_worthy(token, i, tokens, bool(texts), self.names) and i not in name_parts
            confidence = 0.0
            if worthy and target_tokens:
                # an expression is judged by its content word ("pomme de terre": a noun)
                pos = next((tokens[k].pos for k in group if tokens[k].pos in CONTENT_POS), token.pos)
                rendering, confidence = self.rendering(
                    pos, lemma, texts, rendering, surely, target_tokens, set(group or [i]), translates,
                    source_words, taken)
            if worthy and rendering and len(texts) > 1:
                texts, sources = translation_first(texts, sources, [target_tokens[j] for j in rendering], self.target)
            texts, sources = texts[:MAX_SENSES], sources[:MAX_SENSES]
            rank = self.rank(lemma) if worthy else None
            glosses.append(
                TokenGloss(
                    token=i, lemma=lemma, pos=tokens[i].pos, senses=texts if worthy else [],
                    rendering=rendering if worthy else [],
                    rendering_text=" ".join(target_tokens[j].text for j in rendering) if worthy else "",
                    freq_rank=rank, band=band(rank), gloss_worthy=worthy, group=group,
                    sources=sources if worthy else [], confidence=round(confidence, 3) if worthy else 0.0,
                )
            )
        return glosses

    def paired(self, lemma: str, token: Token) -> bool:
        """Whether the pair table (``wordalign.word_pairs``: pairs linked again and again in other books) pairs
        the word with this target token."""
        known = self.pairs.get(lemma.lower()) or self.pairs.get(_simplemma_fr(lemma.lower()) if self.lang == "fr" else "")
        return bool(known) and ((token.lemma or token.text).lower() in known or token.text.lower() in known)

    def contradicted(self, lemma: str, rendering: list[Token]) -> bool:
        """Whether the other direction's dictionary knows every content word of the rendering and none of them
        translates back to the word (``toque`` -> "version": "version" is "version", not "toque")."""
        words = [t for t in rendering if t.pos in CONTENT_POS]
        if not words:
            return False
        key = normalise(lemma)
        for t in words:
            senses = self.reverse.senses((t.lemma or t.text).lower()) or self.reverse.senses(t.text.lower())
            if not senses:
                return False
            back = set()
            for sense in senses[:MAX_CANDIDATE_SENSES]:
                back |= {normalise(w) for w in _all_sense_words(sense.text)}
            if key in back or any(normalise(w) in back for w in key.split()):
                return False
        return True

    def cognate_elsewhere(self, rendering: list[Token], source_words: frozenset[str]) -> bool:
        """Whether the rendering is a content word whose translation back is spelt like it (``version`` ->
        "version") and that word is not in the source sentence: a translator who wrote "version" had it there."""
        words = [t for t in rendering if t.pos in CONTENT_POS]
        for t in words:
            for sense in self.reverse.senses((t.lemma or t.text).lower())[:3]:
                for w in _all_sense_words(sense.text):
                    if _cognates(w, t) and normalise(w) not in source_words:
                        return True
        return False

    def rendering(
        self, pos: str, lemma: str, senses: list[str], linked: list[int], surely: bool, target: list[Token],
        own: set[int], translates: dict[int, set[int]], source_words: frozenset[str], taken: set[int] = frozenset(),
    ) -> tuple[list[int], float]:
        """The target words to light up for one word, and how sure we are of them (``RENDERING_CONFIDENCE``).

        The aligner's links are checked against the dictionary: of several linked words, those the dictionary
        gives are kept (``vent`` -> "icy wind" becomes "wind"); a word linked nowhere gets the one free content
        word of the translation that the dictionary gives it and no other word of the sentence (``taken``: the
        target words linked to some source word); linked words the dictionary does not give but the pair table
        does (``wordalign.word_pairs``) are kept likewise. Then the kind of evidence (the dictionary agrees; the
        pair table does;
        the word or its rendering is unknown to it; both directions' dictionaries disagree; the rendering is
        another source word's translation, or an English word whose French cognate the sentence lacks), whether
        both alignment directions agree, and whether the parts of speech fit, decide the confidence
        (``RENDERING_CONFIDENCE``). Under ``SHOW_CONFIDENCE`` the rendering is dropped and the learner sees the
        dictionary senses only.
        """
        linked = [j for j in linked if _LETTER.search(target[j].text)]  # punctuation renders no word
        words = _sense_word_set(tuple(senses), self.target)
        agree = [j for j in linked if _token_words(target[j]) & words]
        # the aligner linked the word nowhere: the one content word of the translation that the dictionary gives
        # for it, and for no other word of the sentence, that no other word is linked to (the dictionary as a
        # prior that overrides the aligner's silence; 20 of 23 right on ALIBI, 8 of 13 with the pair table's links)
        free = [j for j, ks in translates.items() if ks <= own and j not in taken
                and target[j].pos in CONTENT_POS and _token_words(target[j]) & words] if not linked and senses else []
        if len(free) == 1:
            rendering, evidence, surely = free, "dictionary, the aligner linked nothing", False
        elif agree:
            rendering, evidence = agree, "dictionary"
        elif linked and all(_cognates(lemma, target[j]) for j in linked):
            rendering, evidence = linked, "dictionary"  # "livide" -> "livid", names the tagger missed
        elif paired := [j for j in linked if self.paired(lemma, target[j])]:
            # the dictionary does not give it, but other books' translators did, again and again (the pair table
            # the aligner's prior comes from): of several linked words, those
            rendering, evidence = paired, "pair table"
        else:
            rendering, evidence = linked, "aligner" if senses else "aligner, word unknown to the dictionary"
            if senses and linked and self.contradicted(lemma, [target[j] for j in linked]):
                evidence = "aligner, both dictionaries disagree"
                if self.cognate_elsewhere([target[j] for j in linked], source_words):
                    evidence = "aligner, the rendering's cognate is missing"  # "toque" -> "version"
        if evidence != "dictionary" and any(translates.get(j, own) - own for j in rendering):
            evidence = "aligner, another word's translation"  # "M. le baron": "M." -> "Baron"
        if not rendering or not plausible_rendering(pos, senses, [target[j] for j in rendering], self.target, lemma):
            return [], 0.0
        if evidence != "dictionary" and light_rendering(lemma, [target[j] for j in rendering], self.lang):
            return [], 0.0
        compatible = pos_compatible(pos, [target[j].pos for j in rendering])
        kind = (evidence, surely, compatible)
        confidence = RENDERING_CONFIDENCE.get(kind, 0.5)
        if confidence < SHOW_CONFIDENCE or kind in NEVER_SHOWN:
            return [], confidence
        return rendering, confidence


# English verbs that carry tense, mood or a change of state more than a meaning of their own
ENGLISH_LIGHT = ENGLISH_AUXILIARY | set(
    "become became becomes becoming get got gets getting grow grew grown turn turned seem seemed seems make made "
    "go went gone come came".split()
)
LIGHT_RANK = 1000  # a word rarer than the 1000 most frequent lemmas has a meaning an auxiliary does not render


def light_rendering(lemma: str, rendering: list[Token], lang: str = "fr") -> bool:
    """Whether a rendering the dictionary does not give is only English light verbs (``could``, ``was``,
    ``became``) for a word too rare to mean one: ``pouvait`` -> "could" and ``fit`` -> "was" are ALIBI's gold
    links (0.91 of such renderings are right there, all of common verbs), but ``démêlait`` -> "could" and
    ``pâlit`` -> "became" are a translator's rephrasing, and a learner would read "could" as the word's meaning.

    >>> light_rendering("démêler", [Token("could", 0, 5, "could", "AUX")]), light_rendering("pouvoir", [Token("could", 0, 5, "could", "AUX")])
    (True, False)
    """
    words = [t.text.lower() for t in rendering if _LETTER.search(t.text)]
    if not words or not all(w in ENGLISH_LIGHT for w in words):
        return False
    rank = lemma_rank(lemma, lang)
    return rank is None or rank > LIGHT_RANK


FRENCH_DETERMINERS = set("le la l' les un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre nos "
                         "votre vos leur leurs quel quelle quels quelles chaque".split())


@lru_cache(maxsize=50_000)
def _simplemma_fr(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="fr").lower()


def _cognates(lemma: str, token: Token) -> bool:
    """Spelt alike at their start, as Simard's cognates: "livide"/"livid", "entomologique"/"entomological"."""
    key = _cognate_key(lemma)
    return bool(key) and key == _cognate_key(token.lemma or token.text)


@lru_cache(maxsize=200_000)
def _cognate_key(word: str) -> str:
    """The first five letters of a word of four or more, normalised (empty for shorter words)."""
    word = normalise(word)
    return word[:5] if len(word) >= 4 else ""


# Share of renderings that ALIBI's gold confirms, by kind of evidence: (evidence, both directions agree, parts of
# speech compatible) -> (right + 1) / (renderings + 2) as measured by ``python -m bench.gloss --calibrate``
# (docs/gloss.md; add-one smoothing, so that a kind seen 11 times, all right, is not taken as certain)
RENDERING_CONFIDENCE: dict[tuple[str, bool, bool], float] = {
    ("dictionary", True, True): 0.993,  # 2902/2920
    ("pair table", True, False): 0.982,  # 106/107
    ("pair table", True, True): 0.972,  # 310/318
    ("dictionary", True, False): 0.968,  # 332/342
    ("aligner", True, True): 0.966,  # 227/234
    ("aligner, another word's translation", True, False): 0.958,  # 22/22
    ("aligner, word unknown to the dictionary", True, True): 0.949,  # 55/57
    ("aligner, both dictionaries disagree", True, True): 0.921,  # 324/351
    ("aligner, word unknown to the dictionary", True, False): 0.900,  # 8/8
    ("dictionary", False, False): 0.893,  # 24/26
    ("aligner, another word's translation", True, True): 0.870,  # 39/44
    ("dictionary", False, True): 0.864,  # 50/57
    ("aligner", True, False): 0.860,  # 42/48
    ("aligner, the rendering's cognate is missing", True, True): 0.857,  # 53/61
    ("aligner, both dictionaries disagree", True, False): 0.844,  # 91/107
    ("aligner", False, True): 0.843,  # 58/68
    ("aligner, the rendering's cognate is missing", False, True): 0.833,  # 14/16
    ("aligner, the rendering's cognate is missing", False, False): 0.800,  # 7/8
    ("pair table", False, True): 0.800,  # 11/13
    ("aligner", False, False): 0.717,  # 37/51
    ("aligner, both dictionaries disagree", False, True): 0.708,  # 96/135
    ("aligner, word unknown to the dictionary", False, True): 0.667,  # 5/7
    ("pair table", False, False): 0.667,  # 7/10
    ("aligner, the rendering's cognate is missing", True, False): 0.643,  # 8/12
    ("aligner, another word's translation", False, True): 0.573,  # 46/80
    ("aligner, both dictionaries disagree", False, False): 0.537,  # 35/65
    ("aligner, word unknown to the dictionary", False, False): 0.429,  # 2/5
    ("aligner, another word's translation", False, False): 0.295,  # 12/42
    # the two parts-of-speech cells pooled
    ("dictionary, the aligner linked nothing", False, True): 0.600,  # 8/13
    ("dictionary, the aligner linked nothing", False, False): 0.600,  # 8/13
}
# The threshold: the lowest whose shown renderings stay at precision >= 0.95 on ALIBI with a margin, the table
# fitted on four stories and checked on the fifth (docs/gloss.md): chosen in round 2 (0.75 gave 0.972 at recall
# 0.757, 0.9 0.983 at 0.715, 0.7 0.960 at 0.782); with round 3's links and pair-table evidence 0.75 gives 0.976
# at 0.791
SHOW_CONFIDENCE = 0.75
# Kinds never shown, whatever their share on ALIBI (0.80-0.89): each is a known way a wrong word lights up: the
# rendering is what the dictionary gives for another word of the sentence (``M. le baron``: ``M.`` -> "Baron"), an
# English word whose French cognate the sentence lacks (``toque`` -> "version"), or a word of another part of
# speech that neither dictionary relates to it (``annonçait`` -> "picture" in "was a true picture of his soul")
NEVER_SHOWN = frozenset(
    {(evidence, surely, fit) for evidence in ("aligner, another word's translation",
                                              "aligner, the rendering's cognate is missing")
     for surely in (True, False) for fit in (True, False)}
    | {("aligner, both dictionaries disagree", surely, False) for surely in (True, False)}
)
# universal parts of speech a word's rendering may have (an adjective may render a noun: "de bois" -> "wooden")
_COMPATIBLE_POS = {
    "NOUN": {"NOUN", "PROPN", "ADJ"}, "VERB": {"VERB", "AUX", "ADJ"}, "ADJ": {"ADJ", "VERB", "NOUN"},
    "ADV": {"ADV", "ADJ"},
}


def pos_compatible(pos: str, rendering_pos: list[str]) -> bool:
    """Whether a word of part of speech ``pos`` may be rendered by words of these parts of speech.

    >>> pos_compatible("NOUN", ["ADJ", "NOUN"]), pos_compatible("NOUN", ["ADV"]), pos_compatible("DET", ["DET"])
    (True, False, True)
    """
    allowed = _COMPATIBLE_POS.get(pos)
    return allowed is None or any(p in allowed for p in rendering_pos)


def _token_words(token: Token) -> frozenset[str]:
    return _words_of(token.text, token.lemma or token.text)


@lru_cache(maxsize=200_000)
def _words_of(text: str, lemma: str) -> frozenset[str]:
    return frozenset((text.lower().replace("’", "'"), lemma.lower().replace("’", "'")))


@lru_cache(maxsize=100_000)
def _sense_word_set(senses: tuple[str, ...], lang: str) -> frozenset[str]:
    """The content words of a word's senses ("be able to" -> "able"), with their function words where a sense has
    nothing else ("about, approximately" keeps "about")."""
    out: set[str] = set()
    for text in senses:
        out |= _sense_words(text, lang) or _all_sense_words(text)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def _sense_words(text: str, lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in content_words(Sense(text, None, ""), lang))


def clear_caches() -> None:
    """Empty the glossers' word caches (this module's, and the word aligner's dictionary targets), which only save
    time. A novel's fill some 40 MB, most of it for the one side being glossed: the importer clears them when the
    translation's glosses are done (before the original's are made, which need none of its entries) and when both
    are (before storage)."""
    from bireader.gloss.wordalign import _dictionary_targets

    for cached in (_all_sense_words, _simplemma_fr, _cognate_key, _words_of, _sense_word_set, _sense_words,
                   _dictionary_targets):
        cached.cache_clear()


def translation_first(
    senses: list[str], sources: list[str], rendering: list[Token], target_lang: str
) -> tuple[list[str], list[str]]:
    """Put first the senses that share a word with the translation's rendering (the reader shows what this
    translation chose first, then the rest of the dictionary)."""
    words = {(t.lemma or t.text).lower() for t in rendering} | {t.text.lower() for t in rendering}
    agree = [k for k, text in enumerate(senses) if words & _sense_words(text, target_lang)]
    if not agree or agree[0] == 0:
        return senses, sources
    order = agree + [k for k in range(len(senses)) if k not in agree]
    return [senses[k] for k in order], [sources[k] for k in order]


def _alignment_word(token: Token) -> str:
    # interned: a novel's 300,000 tokens are some 15,000 distinct words, held once each while eflomal's input is made
    return intern((token.lemma or token.text).lower())


def renderings(alignment: Alignment, source_tokens: list[Token]) -> tuple[dict[int, list[int]], set[int]]:
    """Source token -> target tokens that render it: the links both directions agree on, else the grown ones;
    and the source tokens whose rendering both directions agree on."""
    out: dict[int, list[int]] = {}
    for i, j in alignment.links:
        out.setdefault(i, []).append(j)
    sure = set(out)
    grown: dict[int, list[int]] = {}
    for i, j in alignment.grown:
        grown.setdefault(i, []).append(j)
    for i, js in grown.items():
        if i not in out and i < len(source_tokens) and source_tokens[i].is_word:
            out[i] = js
    return out, sure


def gloss_bitext(
    source_doc: Document, target_doc: Document, beads: list[Bead],
    extra: Iterable[tuple[list[str], list[str]]] = (),
) -> dict[str, list[TokenGloss]]:
    """Glosses of every source token, keyed by source sentence id; renderings from word alignment inside beads.

    Bead indices refer to ``list(doc.sentences())``. Source sentences outside any bead or in a bead with no target
    get dictionary glosses only. ``extra``: more (source lemmas, target lemmas) pairs to train the aligner on.
    """
    rendered_as: dict[str, dict[str, int]] = {}
    out = dict(bitext_glosses(source_doc, target_doc, beads, extra, rendered_as))
    induce_senses(out, rendered_as)
    return out


def bitext_glosses(
    source_doc: Document, target_doc: Document, beads: list[Bead],
    extra: Iterable[tuple[list[str], list[str]]] = (),
    rendered_as: dict[str, dict[str, int]] | None = None,
) -> Iterator[tuple[str, list[TokenGloss]]]:
    """``gloss_bitext``'s (sentence id, glosses) one sentence at a time, before any sense is induced, so that a
    caller that stores them as they come (the importer) never holds a whole book's ``TokenGloss`` objects.

    ``rendered_as`` (lemma -> target lemmas of its renderings -> count) is filled as they come; once the last has
    come, :func:`induce_senses` with it completes the sentences that have a word without senses
    (:func:`may_take_induced_senses`), the only ones it can change.
    """
    if rendered_as is None:
        rendered_as = {}
    src_sents = list(source_doc.sentences())
    trg_sents = list(target_doc.sentences())
    glosser = _Glosser(source_doc.lang, target_doc.lang, document_names(s.tokens for s in src_sents))
    paired = [bead for bead in beads if bead.source and bead.target]
    # the word lists are align_words' alone (it lets them go before eflomal runs), and each bead's tokens and
    # links are made as it is glossed and dropped after: a novel's beads are never all held at once
    alignments = align_words(
        [[_alignment_word(t) for k in bead.source for t in src_sents[k].tokens] for bead in paired],
        [[_alignment_word(t) for k in bead.target for t in trg_sents[k].tokens] for bead in paired],
        source_lang=source_doc.lang, target_lang=target_doc.lang, lemmatise=False, extra=list(extra),
    )
    done: set[str] = set()
    for bead, alignment in zip(paired, alignments):
        trg_tokens = [t for k in bead.target for t in trg_sents[k].tokens]
        flat_links, flat_sure = renderings(alignment, [t for k in bead.source for t in src_sents[k].tokens])
        offset = 0
        for k in bead.source:
            sentence = src_sents[k]
            n_tokens = len(sentence.tokens)
            links = {n: flat_links[offset + n] for n in range(n_tokens) if offset + n in flat_links}
            sure = {i - offset for i in flat_sure if offset <= i < offset + n_tokens}
            glosses = glosser.sentence(sentence.tokens, links, trg_tokens, sure)
            offset += len(sentence.tokens)
            for g in glosses:
                if g.gloss_worthy and g.rendering and not g.senses:
                    target = " ".join((trg_tokens[j].lemma or trg_tokens[j].text).lower() for j in g.rendering)
                    counts = rendered_as.setdefault(g.lemma, {})
                    counts[target] = counts.get(target, 0) + 1
            done.add(sentence.id)
            yield sentence.id, glosses
    for sentence in src_sents:
        if sentence.id not in done:
            yield sentence.id, glosser.sentence(sentence.tokens, {}, [])


def may_take_induced_senses(glosses: list[TokenGloss]) -> bool:
    """Whether :func:`induce_senses` could change these glosses: a word worth a gloss that has no sense."""
    return any(g.gloss_worthy and not g.senses for g in glosses)


MIN_INDUCED = 2  # renderings needed before a translation is offered as a sense of a word the dictionary lacks


def induce_senses(glosses: dict[str, list[TokenGloss]], rendered_as: dict[str, dict[str, int]]) -> None:
    """Words the dictionary lacks get the translation's own most frequent rendering of them as a sense
    (source ``induced``), at every occurrence, once it has been seen ``MIN_INDUCED`` times in this text."""
    best = induced_senses(rendered_as)
    for sentence_glosses in glosses.values():
        add_induced_senses(sentence_glosses, best)


def induced_senses(rendered_as: dict[str, dict[str, int]]) -> dict[str, str]:
    """Lemma -> the rendering :func:`induce_senses` gives it (its most frequent, seen ``MIN_INDUCED`` times)."""
    best = {}
    for lemma, counts in rendered_as.items():
        target, count = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))
        if count >= MIN_INDUCED:
            best[lemma] = target
    return best


def add_induced_senses(glosses: list[TokenGloss], best: dict[str, str]) -> bool:
    """One sentence's part of :func:`induce_senses`; says whether a gloss took a sense."""
    changed = False
    for g in glosses:
        if g.gloss_worthy and not g.senses and g.lemma in best:
            g.senses, g.sources = [best[g.lemma]], ["induced"]
            changed = True
    return changed


def gloss_monolingual(doc: Document, target_lang: str) -> dict[str, list[TokenGloss]]:
    """Dictionary glosses toward ``target_lang`` (e.g. the English seed glossed in French); no renderings."""
    return dict(monolingual_glosses(doc, target_lang))


def monolingual_glosses(doc: Document, target_lang: str) -> Iterator[tuple[str, list[TokenGloss]]]:
    """``gloss_monolingual``'s (sentence id, glosses) one sentence at a time, so that a caller that stores them as
    they come (the importer) never holds a whole book's ``TokenGloss`` objects."""
    glosser = _Glosser(doc.lang, target_lang, document_names(s.tokens for s in doc.sentences()))
    for s in doc.sentences():
        yield s.id, glosser.sentence(s.tokens, {}, [])


def is_rare(freq_rank: int | None, level_rank: int) -> bool:
    """The frequency rule of every "needs a gloss" decision (here and in ``bireader.learner.glossing``): a lemma
    ranked beyond the ``level_rank`` most frequent ones a learner knows, or of unknown rank, is taken as unknown.

    >>> is_rare(9000, 2000), is_rare(800, 2000), is_rare(2000, 2000), is_rare(None, 2000)
    (True, False, False, True)
    """
    return freq_rank is None or freq_rank > level_rank


def needs_gloss(gloss: TokenGloss, level_rank: int, known_lemmas: set[str]) -> bool:
    """Whether a learner who knows the ``level_rank`` most frequent lemmas (and ``known_lemmas``) needs this gloss."""
    if not gloss.gloss_worthy:
        return False
    if gloss.lemma in known_lemmas or normalise(gloss.lemma) in known_lemmas:
        return False
    return is_rare(gloss.freq_rank, level_rank)


def sentence_pairs(
    source_doc: Document, target_doc: Document, beads: list[Bead]
) -> list[tuple[list[str], list[str]]]:
    """The (source lemmas, target lemmas) of each bead with both sides: training data for another text's aligner."""
    src_sents, trg_sents = list(source_doc.sentences()), list(target_doc.sentences())
    return [
        (
            [_alignment_word(t) for k in b.source for t in src_sents[k].tokens],
            [_alignment_word(t) for k in b.target for t in trg_sents[k].tokens],
        )
        for b in beads
        if b.source and b.target
    ]
