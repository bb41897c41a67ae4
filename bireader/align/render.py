"""Render a French sentence into English features, word by word (our "translation" for Bleualign).

The lesson measured before: replacing French words by dictionary English loses to the raw French on faithful
translations, because names, numbers, punctuation and cognates are the strongest evidence. So a rendering
*adds* the English of each French word to the word itself::

    "le château noir"  ->  [{"le", "the"}, {"chat", "cast"}, {"noir", "blac"}]      (features, see tokens.py)

``identity_renderer`` keeps only the French; ``lexicon_renderer`` adds senses from ``bireader.lexicon`` when
that module is installed, looking up the simplemma lemma of forms the dictionary does not know.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from bireader.align.tokens import feature, scoring_tokens

Renderer = Callable[[str], frozenset[str]]  # scoring token -> its features (empty: ignore the token)
MAX_SENSES = 3  # senses per French word: more adds noise faster than evidence
MAX_WORDS_PER_SENSE = 2


def identity_renderer(token: str) -> frozenset[str]:
    f = feature(token)
    return frozenset((f,)) if f else frozenset()


def render(text: str, renderer: Renderer = identity_renderer) -> list[frozenset[str]]:
    """One set of features per scoring token of ``text`` (tokens without features are left out)."""
    out = []
    for tok in scoring_tokens(text):
        variants = renderer(tok)
        if variants:
            out.append(variants)
    return out


def lexicon_renderer(source_lang: str = "fr", target_lang: str = "en") -> Renderer | None:
    """A renderer that adds dictionary English to each French token, or None when no lexicon is installed."""
    try:
        from bireader.lexicon import english_words, load_lexicon
    except ImportError:
        return None
    try:
        lex = load_lexicon(source_lang, target_lang)
    except Exception:  # a lexicon that cannot load must not stop alignment: fall back to the raw French
        return None
    try:
        import simplemma
    except ImportError:  # pragma: no cover - simplemma is a dependency
        simplemma = None

    def senses_of(word: str) -> list:
        senses = lex.senses(word)
        if not senses and simplemma is not None:
            # low_memory: simplemma reads its front-coded French dictionary in place instead of building a dict
            # of every form (about 25 MB less on a book; the same lemmas, checked on every token of Bovary)
            lemma = simplemma.lemmatize(word, lang=source_lang, low_memory=True)
            if lemma != word:
                senses = lex.senses(lemma)
        return senses or []

    # The inflected forms of one lemma share its senses: each sense is cut into features once. The features
    # depend on the sense's text only, which is the key (a string keeps its hash; a Sense computes its own anew).
    # Senses share their English words ("to go", "go away"): each word is cut into features once too.
    text_features: dict[str, tuple[str, ...]] = {}
    word_features: dict[str, tuple[str, ...]] = {}

    def features_of_word(word: str) -> tuple[str, ...]:
        found = word_features.get(word)
        if found is None:
            found = word_features[word] = tuple(
                f for f in map(feature, scoring_tokens(word)) if f and f[0].isalpha())
        return found

    def sense_features(sense) -> tuple[str, ...]:
        found = text_features.get(sense.text)
        if found is None:
            found = tuple(f for word in english_words(sense)[:MAX_WORDS_PER_SENSE] for f in features_of_word(word))
            if len(text_features) >= 100_000:  # a bound for long-lived processes, as an LRU cache had
                text_features.clear()
                word_features.clear()
            text_features[sense.text] = found
        return found

    @lru_cache(maxsize=200_000)
    def renderer(token: str) -> frozenset[str]:
        own = feature(token)
        if not own:
            return frozenset()
        found = {own}
        if token[0].isalpha() and not token.endswith("'"):
            for sense in senses_of(token)[:MAX_SENSES]:
                found.update(sense_features(sense))
        return frozenset(found)

    return renderer
