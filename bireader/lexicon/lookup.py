"""Find a running-text token in the lexicon when its lemma is not a headword.

The problem: a dictionary lists ``tendre`` and ``sœur``; a text has ``tendrement``, ``soeur`` (no ligature), a
lemmatiser's odd lemma, a pronominal verb. ``find_senses`` tries, in order:

1. the lemma, then the form, then simplemma's lemma of the form;
2. spelling variants: ``oe`` -> ``œ``, ``ae`` -> ``æ``, curly apostrophes;
3. French adverbs in ``-ment`` from their adjective (``tendrement`` -> ``tendre`` -> "tenderly"), the English
   adverb built by rule and kept only when wordfreq knows it (source ``derived``).

    >>> key, senses = find_senses(load_lexicon("fr", "en"), "tendrement", "tendrement", "ADV")
    >>> key, senses[0].text
    ('tendre', 'tenderly')
"""

from __future__ import annotations

import re
from functools import lru_cache

from bireader.lexicon import Lexicon, Sense, english_words, load_lexicon  # noqa: F401  (load_lexicon: doctest)

_ADVERB_RULES = (  # French adverb ending -> adjective endings to try
    ("emment", ("ent",)), ("amment", ("ant",)), ("ément", ("é", "ée")), ("iment", ("i", "ie")),
    ("ûment", ("u", "ue")), ("ument", ("u", "ue")), ("ement", ("e", "")), ("ment", ("",)),
)


def _simplemma(word: str, lang: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


@lru_cache(maxsize=50_000)
def _english_adverb(adjective: str) -> str | None:
    """``tender`` -> ``tenderly``, ``happy`` -> ``happily``, ``gentle`` -> ``gently``; None if wordfreq lacks it."""
    from wordfreq import zipf_frequency

    if " " in adjective or not adjective.isalpha():
        return None
    if adjective.endswith("y"):
        cands = [adjective[:-1] + "ily"]
    elif adjective.endswith("le"):
        cands = [adjective[:-1] + "y"]
    elif adjective.endswith("ic"):
        cands = [adjective + "ally"]
    else:
        cands = [adjective + "ly"]
    for c in cands:
        if zipf_frequency(c, "en") >= 1.5:
            return c
    return None


def _variants(word: str) -> list[str]:
    out = [word]
    for a, b in (("oe", "œ"), ("ae", "æ"), ("’", "'")):
        if a in word:
            out.append(word.replace(a, b))
    return out


def _adverb_senses(lex: Lexicon, adverb: str) -> tuple[str, list[Sense]] | None:
    if lex.source_lang != "fr" or lex.target_lang != "en" or not adverb.endswith("ment"):
        return None
    for ending, replacements in _ADVERB_RULES:
        if not adverb.endswith(ending):
            continue
        stem = adverb[: -len(ending)]
        for repl in replacements:
            adjective = stem + repl
            if len(adjective) < 3:
                continue
            senses = lex.senses(adjective, "ADJ")
            derived = []
            for s in senses:
                words = [a for a in (_english_adverb(w) for w in english_words(s)) if a]
                text = ", ".join(dict.fromkeys(words))
                if text and all(d.text != text for d in derived):
                    derived.append(Sense(text, "ADV", "derived"))
            if derived:
                return adjective, derived
        break  # only the longest matching ending applies
    return None


def find_senses(lex: Lexicon, form: str, lemma: str = "", pos: str | None = None) -> tuple[str, list[Sense]]:
    """The headword a token was found under and its senses (best first), or ``(lemma, [])`` when none."""
    tried: list[str] = []
    for key in [lemma, form.lower(), _simplemma(form.lower(), lex.source_lang) if form else ""]:
        for variant in _variants(key.lower()) if key else []:
            if variant in tried:
                continue
            tried.append(variant)
            senses = lex.senses(variant, pos)
            if senses:
                return variant, senses
    if pos in (None, "ADV") and form:
        found = _adverb_senses(lex, form.lower())
        if found:
            return found
    return (lemma or form.lower()), []
