"""Find a running-text token in the lexicon when its lemma is not a headword, and order the senses found.

The problem: a dictionary lists ``tendre`` and ``sœur``; a text has ``tendrement``, ``soeur`` (no ligature), a
lemmatiser's odd lemma, a pronominal verb. ``find_senses`` tries, in order:

0. French possessive pronouns, a closed class the dictionaries give badly (``sienne`` -> "his, hers, its",
   source ``grammar``);
1. the lemma, then the form, then simplemma's lemma of the form;
2. spelling variants: ``oe`` -> ``œ``, ``ae`` -> ``æ``, curly apostrophes, old spellings (``fesait`` ->
   ``faisait`` -> ``faire``, ``avoit`` -> ``avait``; ``spelling_variants``); English words also get the senses
   of their American or British spelling (``parlor`` -> ``parlour``; ``english_spellings``);
3. adverbs from their adjective: French ``-ment`` (``tendrement`` -> ``tendre`` -> "tenderly") and English
   ``-ly`` toward French (``weakly`` -> ``weak`` -> "faiblement"), the adverb built by the target language's
   rule and kept only when wordfreq knows it (source ``derived``);
4. participles and verb forms from their infinitive (``mourants``, ``effrayée``, ``donne``), the sense
   prefixed with the infinitive (``"mourir: die"``, source ``derived``);
5. English hyphenated compounds of two parts: written without the hyphen, else glossed by their head, the last
   part (``post-revolutionary`` -> ``"revolutionary: révolutionnaire"``, source ``derived``);
6. cognates: rare learned words the dictionaries lack are mostly spelt like their English equivalent
   (``impassible``, ``entomologique`` -> "entomological", ``porphyre`` -> "porphyry"; toward French, by
   ending rules, ``banality`` -> "banalité", ``brutalize`` -> "brutaliser"); only candidates that wordfreq
   knows as words of some frequency in the target language are kept (source ``cognate``).

Then the glosser orders the senses: ``pos_split`` (English→French: senses whose French words can be the token's
part of speech first), ``round_trip_first`` (first a sense the other direction translates back to the word) and
``cognate_first`` (English→French: the dictionary's own cognate of the word first).

    >>> key, senses = find_senses(load_lexicon("fr", "en"), "tendrement", "tendrement", "ADV")
    >>> key, "tenderly" in [s.text for s in senses]
    ('tendre', True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from bireader.lexicon import (FUNCTION_WORDS, Lexicon, Sense, content_words, english_words,  # noqa: F401
                              load_lexicon)

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


# Old French spellings that modern dictionaries lack, as Voltaire's editions print them: ``fesait`` -> ``faisait``
# (``fesant``, ``fesaient``, ``fesons``), ``avoit`` -> ``avait`` (the imperfect and conditional in -oi-).
_OLD_SPELLINGS = (
    (re.compile(r"^fes(?=[ao])"), "fais"),
    (re.compile(r"(?<=[a-zéèêû]{2})oi(?=(?:s|t|ent)$)"), "ai"),
)


def spelling_variants(word: str) -> list[str]:
    """``word`` and its respellings to look up when it is not a headword: ligatures (``moeurs`` -> ``mœurs``,
    ``soeur`` -> ``sœur``), curly apostrophes, and old French spellings (``fesait`` -> ``faisait``,
    ``avoit`` -> ``avait``).

    >>> spelling_variants("moeurs"), spelling_variants("fesait")
    (['moeurs', 'mœurs'], ['fesait', 'faisait'])
    """
    out = [word]
    for a, b in (("oe", "œ"), ("ae", "æ"), ("’", "'")):
        if a in word:
            out.append(word.replace(a, b))
    for pattern, repl in _OLD_SPELLINGS:
        respelt = pattern.sub(repl, word)
        if respelt != word and respelt not in out:
            out.append(respelt)
    return out


_variants = spelling_variants


def _adverb_senses(lex: Lexicon, adverb: str) -> tuple[str, list[Sense]] | None:
    if lex.source_lang != "fr" or lex.target_lang != "en" or not adverb.endswith("ment"):
        return None
    return _adverbs_from_adjective(lex, adverb, _ADVERB_RULES, _english_adverb, english_words)


def _adverbs_from_adjective(lex: Lexicon, adverb: str, rules, target_adverb, words_of,
                            keep=lambda sense: True) -> tuple[str, list[Sense]] | None:
    """The adverb's adjective (by the longest ending of ``rules`` that matches) and the senses made by turning
    each of the adjective's kept senses' words into the target language's adverb (``target_adverb``; the words
    it has none for are left out); None when no candidate adjective gives one."""
    for ending, replacements in rules:
        if not adverb.endswith(ending):
            continue
        stem = adverb[: -len(ending)]
        for repl in replacements:
            adjective = stem + repl
            if len(adjective) < 3:
                continue
            derived = []
            for s in [s for s in lex.senses(adjective, "ADJ") if keep(s)]:
                words = [a for a in (target_adverb(w) for w in words_of(s)) if a]
                text = ", ".join(dict.fromkeys(words))
                if text and all(d.text != text for d in derived):
                    derived.append(Sense(text, "ADV", "derived"))
            if derived:
                return adjective, derived
        break  # only the longest matching ending applies
    return None


_ENGLISH_ADVERB_RULES = (  # English adverb ending -> adjective endings to try
    ("ically", ("ic", "ical")), ("ily", ("y",)), ("bly", ("ble",)), ("ly", ("", "e", "le")),
)


@lru_cache(maxsize=50_000)
def _french_adverb(adjective: str) -> str | None:
    """``faible`` -> ``faiblement``, ``heureux`` -> ``heureusement``, ``constant`` -> ``constamment``; the
    French rule's spellings tried in turn, the first that wordfreq knows kept; None if it knows none."""
    from wordfreq import zipf_frequency

    if " " in adjective or not adjective.isalpha() or len(adjective) < 3:
        return None
    cands = []
    if adjective.endswith("ant"):
        cands.append(adjective[:-3] + "amment")
    elif adjective.endswith("ent"):
        cands.append(adjective[:-3] + "emment")
    if adjective.endswith(("e", "é", "i", "u")):
        cands.append(adjective + "ment")
    elif adjective.endswith("eux"):
        cands.append(adjective[:-1] + "sement")
    elif adjective.endswith("if"):
        cands.append(adjective[:-1] + "vement")
    elif adjective.endswith(("el", "en", "on")):
        cands.append(adjective + adjective[-1] + "ement")
    else:
        cands.append(adjective + "ement")
    for c in cands:
        if zipf_frequency(c, "fr") >= 1.5:
            return c
    return None


def _english_adverb_senses(lex: Lexicon, adverb: str) -> tuple[str, list[Sense]] | None:
    """English adverbs in ``-ly`` from their adjective, toward French: ``pitilessly`` -> ``pitiless`` ->
    "impitoyable" -> "impitoyablement" (the mirror of ``_adverb_senses``; source ``derived``)."""
    if lex.source_lang != "en" or lex.target_lang != "fr" or not adverb.endswith("ly"):
        return None
    return _adverbs_from_adjective(lex, adverb, _ENGLISH_ADVERB_RULES, _french_adverb,
                                   lambda s: content_words(s, "fr"), keep=lambda s: s.pos in (None, "ADJ"))


# French participle / verb-form endings -> infinitive endings to try
_VERB_RULES = (
    ("antes", ("er", "ir", "re")), ("ants", ("er", "ir", "re")), ("ante", ("er", "ir", "re")),
    ("ant", ("er", "ir", "re")), ("ées", ("er",)), ("és", ("er",)), ("ée", ("er",)), ("é", ("er",)),
    ("ies", ("ir",)), ("ie", ("ir",)), ("is", ("ir",)), ("i", ("ir",)), ("ues", ("re", "oir")),
    ("us", ("re", "oir")), ("ue", ("re", "oir")), ("u", ("re", "oir")), ("es", ("er",)), ("e", ("er",)),
)


def _verb_senses(lex: Lexicon, word: str) -> tuple[str, list[Sense]] | None:
    if lex.source_lang != "fr":
        return None
    for ending, infinitives in _VERB_RULES:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        stem = word[: -len(ending)]
        for inf in infinitives:
            verb = stem + inf
            senses = [s for s in lex.senses(verb, "VERB") if s.pos in (None, "VERB")]
            if senses:
                return verb, [Sense(f"{verb}: {s.text}", "VERB", "derived") for s in senses]
    return None


_ACCENTS = str.maketrans("éèêëàâäîïôöûüùç", "eeeeaaaiioouuuc")
_COGNATE_RULES = (  # French ending -> English endings (the word unchanged is tried first)
    ("iquement", ("ically",)), ("ique", ("ic", "ical")), ("iste", ("ist",)), ("isme", ("ism",)),
    ("ité", ("ity",)), ("té", ("ty",)), ("euse", ("ous",)), ("eux", ("ous",)), ("ive", ("ive",)), ("if", ("ive",)),
    ("ienne", ("ian",)), ("ien", ("ian",)), ("aire", ("ary",)), ("oire", ("ory",)), ("teur", ("tor",)),
    ("eur", ("or", "er")), ("ie", ("y",)), ("re", ("er", "ry")), ("e", ("", "y")), ("é", ("ed", "e")),
)
MIN_COGNATE_ZIPF = 1.8  # measured: lower lets in French words quoted in English text


_COGNATE_RULES_EN_FR = (  # English ending -> French endings
    ("ically", ("iquement",)), ("ity", ("ité",)), ("ical", ("ique",)), ("ic", ("ique",)), ("ism", ("isme",)),
    ("ist", ("iste",)), ("ous", ("eux",)), ("ive", ("if",)), ("ary", ("aire",)), ("ory", ("oire",)),
    ("y", ("ie",)), ("er", ("re",)), ("or", ("eur",)),
    # learned words French spells the same or nearly (measured on the English seed's words without senses:
    # "brutalize" -> "brutaliser", "falsification", "infernal", "intransigent")
    ("ization", ("isation",)), ("ize", ("iser",)), ("ise", ("iser",)), ("tion", ("tion",)), ("sion", ("sion",)),
    ("ent", ("ent",)), ("al", ("al",)), ("ible", ("ible",)), ("able", ("able",)),
)


@lru_cache(maxsize=50_000)
def cognate(word: str, source: str = "fr", target: str = "en") -> str | None:
    """The target-language word spelt like ``word`` by the usual French/English correspondences, if wordfreq knows
    it as common enough in the target language (``entomologique`` -> "entomological", ``banality`` -> "banalité")."""
    from wordfreq import zipf_frequency

    if len(word) < 5 or not word.isalpha():
        return None
    rules = _COGNATE_RULES if source == "fr" else _COGNATE_RULES_EN_FR
    # toward French, the unchanged word is not tried: English words are frequent in French corpora ("labor",
    # "vanquish") and false friends are many ("informer")
    candidates = [word, word.translate(_ACCENTS)] if source == "fr" else []
    for ending, replacements in rules:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            stem = stem.translate(_ACCENTS) if source == "fr" else stem
            candidates += [stem + r for r in replacements]
    for c in candidates:
        if len(c) >= 4 and zipf_frequency(c, target) >= MIN_COGNATE_ZIPF:
            return c
    return None


def variant_senses(lex: Lexicon, word: str, pos: str | None = None) -> tuple[str, list[Sense]]:
    """The senses of ``word`` under all its ligature spellings together: a dictionary may list ``moeurs`` with
    one sense and ``mœurs`` with two, and both belong to the word. The headword returned is the spelling with the
    most senses; ``(word, [])`` when no spelling is a headword. Old spellings are ``find_senses``'s last resort."""
    best, merged = word, []
    most = 0
    for variant in spelling_variants(word):
        if any(a in word for a in ("oe", "ae", "’")) or variant == word:
            senses = lex.senses(variant, pos)
            if len(senses) > most:
                best, most = variant, len(senses)
            merged += [s for s in senses if all(s.text != m.text for m in merged)]
    return best, merged


# American and British spellings of one English word; the English->French dictionaries list one or the other
# (``parlour``, ``jeweller`` and ``neighbour`` but no ``parlor``; ``color`` with the verb's sense only)
_ENGLISH_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{3})or(?=s?$|ed$|ing$|ite$|able$)"), "our"),
    (re.compile(r"(?<=[a-z]{3})our(?=s?$|ed$|ing$|ite$|able$)"), "or"),
    (re.compile(r"(?<=[a-z]{2}[aeiou])l(?=ed$|ing$|ers?$)"), "ll"),
    (re.compile(r"(?<=[a-z]{3})iz(?=e[sd]?$|ing$|ation$)"), "is"),
    (re.compile(r"(?<=[a-z]{3})is(?=e[sd]?$|ing$|ation$)"), "iz"),
    (re.compile(r"(?<=[a-z]{3})yz(?=e[sd]?$|ing$)"), "ys"),
    (re.compile(r"(?<=[a-z]{3})ense(?=s?$)"), "ence"),
    (re.compile(r"(?<=[a-z]{3})ence(?=s?$)"), "ense"),
    (re.compile(r"(?<=[a-z]{4})og(?=s?$)"), "ogue"),
)


def english_spellings(word: str) -> list[str]:
    """The other spellings of an English word, American <-> British: ``parlor`` -> ``parlour``, ``jeweler`` ->
    ``jeweller``, ``realize`` -> ``realise``, ``defense`` -> ``defence``, ``catalog`` -> ``catalogue``.

    >>> english_spellings("parlors"), english_spellings("traveled"), english_spellings("colour")
    (['parlours'], ['travelled'], ['color'])
    """
    out = []
    for pattern, repl in _ENGLISH_SPELLINGS:
        respelt = pattern.sub(repl, word, count=1)
        if respelt != word and respelt not in out:
            out.append(respelt)
    return out


def _with_english_spellings(lex: Lexicon, word: str, pos: str | None, senses: list[Sense]) -> list[Sense]:
    """``senses`` of an English word, then those its other spellings add (``color``: "colorer", then
    ``colour``'s "couleur, teinte")."""
    merged = list(senses)
    for variant in english_spellings(word):
        merged += [s for s in lex.senses(variant, pos) if all(s.text != m.text for m in merged)]
    return merged


# French possessive pronouns, a closed class the dictionaries give badly: the pivot has "sien" as "his" only, and
# Cunégonde's "la sienne" is "hers" (source ``grammar``)
_POSSESSIVE_PRONOUNS = {"mien": "mine", "tien": "yours", "sien": "his, hers, its", "nôtre": "ours", "vôtre": "yours"}
_POSSESSIVE_FORMS = {lemma + ending: lemma for lemma in _POSSESSIVE_PRONOUNS
                     for ending in (("", "s") if lemma.endswith("e") else ("", "ne", "s", "nes"))}


def possessive_pronoun(form: str) -> tuple[str, list[Sense]] | None:
    """``sienne`` -> ``("sien", [Sense("his, hers, its")])``; None for any other word.

    >>> possessive_pronoun("siennes")[1][0].text, possessive_pronoun("notre")
    ('his, hers, its', None)
    """
    lemma = _POSSESSIVE_FORMS.get(form.lower().replace("’", "'"))
    return (lemma, [Sense(_POSSESSIVE_PRONOUNS[lemma], "PRON", "grammar")]) if lemma else None


def _compound_senses(lex: Lexicon, form: str, lemma: str, pos: str | None) -> tuple[str, list[Sense]] | None:
    """An English hyphenated compound the dictionaries lack, glossed by its last part, English's head
    (``counter-espionage`` -> "espionage: espionnage", ``post-revolutionary`` -> "revolutionary: révolutionnaire",
    ``luggage-vans`` -> "van: ..."), the part named before its senses as for a derived verb form (source
    ``derived``); first the compound written without its hyphen (``counter-espionage`` -> "contre-espionnage").
    Two parts only: in ``brutes-of-all-work`` the last word is no head."""
    joined = form.replace("-", "")
    key, senses = find_senses(lex, joined, lemma.replace("-", "") if lemma else "", pos)
    if senses:
        return key, senses
    head_form, head_lemma = form.rsplit("-", 1)[1], lemma.rsplit("-", 1)[-1] if lemma else ""
    if len(head_form) < 3 or head_form in FUNCTION_WORDS["en"]:
        return None  # "broken-down" is not "down: duvet"
    if head_form.endswith(("ed", "en")) and not lex.senses(head_form):
        return None  # "poverty-stricken", "high-necked": a participle's compound is no sense of its verb
    key, senses = find_senses(lex, head_form, head_lemma, pos)
    if not senses or len(key) < 4:  # "co-opted": "opt" is no head of it
        return None
    return key, [Sense(s.text if ": " in s.text else f"{key}: {s.text}", s.pos, "derived") for s in senses]


def find_senses(lex: Lexicon, form: str, lemma: str = "", pos: str | None = None) -> tuple[str, list[Sense]]:
    """The headword a token was found under and its senses (best first), or ``(lemma, [])`` when none."""
    if lex.source_lang == "fr" and lex.target_lang == "en" and pos != "VERB" and form:  # not "tiens" (tenir)
        found = possessive_pronoun(form)
        if found:
            return found
    tried: list[str] = []
    for key in [lemma, form.lower(), _simplemma(form.lower(), lex.source_lang) if form else ""]:
        key = key.lower()
        if not key or key in tried:
            continue
        tried.append(key)
        headword, senses = variant_senses(lex, key, pos)
        if lex.source_lang == "en":
            senses = _with_english_spellings(lex, key, pos, senses)
        if senses:
            return headword, senses
    if form and lex.source_lang == "fr":
        # an old spelling is looked up as its modern form, lemmatised again ("fesait" -> "faisait" -> "faire")
        for variant in spelling_variants(form.lower())[1:]:
            modern = _simplemma(variant, lex.source_lang)
            for key in dict.fromkeys([modern, variant]):
                senses = lex.senses(key, pos)
                if senses:
                    return key, senses
    if pos in (None, "ADV") and form:
        found = _adverb_senses(lex, form.lower()) or _english_adverb_senses(lex, form.lower())
        if found:
            return found
    if pos in (None, "VERB", "ADJ", "NOUN", "AUX") and form:
        for word in dict.fromkeys([form.lower(), (lemma or "").lower()]):
            found = _verb_senses(lex, word) if word else None
            if found:
                return found
    if lex.source_lang == "en" and form.strip("-").count("-") == 1 and pos not in ("PROPN", "NUM"):
        found = _compound_senses(lex, form.lower(), (lemma or "").lower(), pos)
        if found:
            return found
    if {lex.source_lang, lex.target_lang} == {"fr", "en"} and pos not in ("PROPN", "NUM"):
        for word in dict.fromkeys([(lemma or "").lower(), form.lower()]):
            translated = cognate(word, lex.source_lang, lex.target_lang) if word else None
            if translated:
                return word, [Sense(translated, pos, "cognate")]
    return (lemma or form.lower()), []


ROUND_TRIP_SENSES = 6  # senses looked at for one that translates back to the word


def round_trip_first(lex: Lexicon, headword: str, senses: list[Sense]) -> list[Sense]:
    """Senses with, first, the first of the leading few that the other direction's dictionary translates back to
    the headword, when the first one does not: the pivot gives ``destin`` "goal" first, which English->French
    renders "but", "objectif"; "fate" comes back to ``destin``. Measured on hand-checked samples of 200 words each
    way (``python -m bench.gloss --first-senses``): first-sense precision 0.850 -> 0.865 (en->fr), 0.900 -> 0.920
    (fr->en).

    >>> lex = load_lexicon("fr", "en")
    >>> [s.text for s in lex.senses("destin")][:2], [s.text for s in round_trip_first(lex, "destin", lex.senses("destin"))][:1]
    (['goal', 'fate'], ['fate'])
    """
    if len(senses) < 2 or not headword:
        return senses
    reverse = load_lexicon(lex.target_lang, lex.source_lang)
    key = normalise_word(headword)
    for k, sense in enumerate(senses[:ROUND_TRIP_SENSES]):
        if _translates_back(reverse, sense.text, key):
            return senses if k == 0 else [sense] + senses[:k] + senses[k + 1:]
    return senses


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def normalise_word(word: str) -> str:
    from bireader.lexicon import normalise

    return normalise(word)


@lru_cache(maxsize=100_000)
def _back_words(reverse: Lexicon, text: str) -> frozenset[str]:
    """Every word of the reverse dictionary's first senses for each synonym of a sense (``"se tenir"`` is looked up
    as itself and as ``tenir``)."""
    out: set[str] = set()
    for part in text.split(": ", 1)[-1].split(","):
        part = part.strip()
        words = part.split()
        for candidate in dict.fromkeys([part, words[-1] if len(words) > 1 and words[0] in ("se", "s'", "to") else part]):
            for sense in reverse.senses(candidate)[:8]:
                out |= {normalise_word(w) for w in _WORD.findall(sense.text)}
                out |= {normalise_word(p.strip()) for p in sense.text.split(",")}
    return frozenset(out)


def _translates_back(reverse: Lexicon, text: str, key: str) -> bool:
    return key in _back_words(reverse, text)


def translates_back(lex: Lexicon, headword: str, sense: Sense) -> bool:
    """Whether the other direction's dictionary gives ``headword`` for one of the sense's words (its first senses).

    >>> translates_back(load_lexicon("en", "fr"), "justify", Sense("justifier", "VERB", "apertium-pivot"))
    True
    """
    return bool(headword) and _translates_back(load_lexicon(lex.target_lang, lex.source_lang), sense.text,
                                               normalise_word(headword))


_FITTING_POS = {"NOUN": {"NOUN", "PROPN"}, "VERB": {"VERB", "AUX"}, "ADJ": {"ADJ"}, "ADV": {"ADV"}}


@lru_cache(maxsize=100_000)
def sense_pos(reverse: Lexicon, text: str) -> frozenset[str]:
    """The parts of speech of a sense's first translation that the other direction's dictionary tags: FreeDict's
    senses carry no tag, but ``"nombre"`` is a noun and ``"baser"`` a verb in French→English (``"abject, lâche"``
    is an adjective: ``lâche`` may also be a noun, the sense's first word decides). Empty when unknown."""
    for part in text.split(": ", 1)[-1].split(","):
        part = " ".join(_PAREN_RE.sub(" ", part).split())
        if not part:
            continue
        if part.startswith(("se ", "s'")):
            return frozenset({"VERB"})
        tags = frozenset(s.pos for s in reverse.senses(part) if s.pos)
        if tags:
            return tags
    return frozenset()


_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def pos_split(lex: Lexicon, senses: list[Sense], pos: str | None) -> tuple[list[Sense], list[Sense]]:
    """The senses that can be the token's part of speech, and the others, each in their order.

    English→French only: FreeDict's English senses are untagged and mix a word's parts of speech (``number``, a
    verb in "numbered", lists "nombre", "numéro" before "numéroter"; ``base``, a noun, lists the verb "baser"
    first), but the French side's words are tagged by the French→English dictionary. A sense goes to the others
    when it is tagged with another part of speech, or when its first tagged French word has none that fits. French
    senses' English words are mostly untagged or both noun and verb, so French→English senses stay as they are.

    >>> lex = load_lexicon("en", "fr")
    >>> [s.text for s in pos_split(lex, lex.senses("base", "NOUN"), "NOUN")[0]][:1]
    ['base']
    """
    fitting = _FITTING_POS.get(pos or "")
    if not fitting or len(senses) < 2 or lex.target_lang != "fr":
        return senses, []
    reverse = load_lexicon(lex.target_lang, lex.source_lang)
    first, after = [], []
    for s in senses:
        tags = {s.pos} if s.pos else sense_pos(reverse, s.text)
        (after if tags and not tags & fitting else first).append(s)
    return (first, after) if first else (senses, [])


_STRIP_ACCENTS = str.maketrans("éèêëàâäîïôöûüùçœæ", "eeeeaaaiioouuucoa")


@lru_cache(maxsize=200_000)
def spelling_key(word: str) -> str:
    """The first five letters of a word of five or more, lower case and without accents: French and English words
    that share it are mostly cognates (``stabiliser``/``stabilize``, ``déclaration``/``declaration``); "" for
    shorter words.

    >>> spelling_key("Stabiliser"), spelling_key("état")
    ('stabi', '')
    """
    word = normalise_word(word).translate(_STRIP_ACCENTS)
    return word[:5] if len(word) >= 5 else ""


def cognate_first(headword: str, senses: list[Sense]) -> list[Sense]:
    """Senses with first, among the leading few, one whose translation is spelt like the headword (its first five
    letters, accents aside): when the dictionary itself lists the word's cognate, it is the word's plain
    equivalent (``stabilize`` -> "stabiliser" before the pivot's "asseoir"; ``agrarian`` -> "agrarien" before
    "agriculteur").

    >>> [s.text for s in cognate_first("stabilize", [Sense("asseoir", "VERB", "x"), Sense("stabiliser", "VERB", "x")])]
    ['stabiliser', 'asseoir']
    """
    key = spelling_key(headword)
    if not key or not senses:
        return senses
    for k, sense in enumerate(senses[:ROUND_TRIP_SENSES]):
        if any(spelling_key(w) == key for w in _WORD.findall(sense.text.split(": ", 1)[-1])):
            return [_cognate_word_first(sense, key)] + senses[:k] + senses[k + 1:]
    return senses


def _cognate_word_first(sense: Sense, key: str) -> Sense:
    """The sense with its synonym spelt like the headword first: ``employ`` -> "employer, appliquer, se servir
    de" (FreeDict has "appliquer, employer, ...": a learner reads the first word as the gloss)."""
    if ": " in sense.text or "," not in sense.text:
        return sense
    parts = [p.strip() for p in sense.text.split(",")]
    first = next((p for p in parts if any(spelling_key(w) == key for w in _WORD.findall(p))), parts[0])
    if first == parts[0]:
        return sense
    return Sense(", ".join([first] + [p for p in parts if p != first]), sense.pos, sense.source)
