"""Tokens for scoring, and the features two sentences can share across French and English.

Scoring tokens (Bleualign's step 2): lowercase; French elisions, guillemets, dashes, quotes and punctuation
become tokens of their own::

    "L'année — «Qu'il vienne!»"  ->  ["l'", "année", "—", '"', "qu'", "il", "vienne", "!", '"']

Features are what the lexical score counts: a word is cut to its first four letters with accents removed
(``château`` -> ``chat``, ``nature`` -> ``natu``: Simard's cognate trick, which also lets ``Dzerjinski`` meet
``Dzerzhinsky``), numbers stay whole, every kind of quotation mark is one feature and so is every dash.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ELISIONS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "l", "d", "n", "s", "c", "j", "m", "t")
# Two rewrites that match exactly what the plain alternation of every elision, number, word and sign matched,
# and make the regex, a third of the aligner's indexing time, about 40 % faster: the one-letter elisions are a
# character class (each elision ends in an apostrophe, so no two alternatives can match at one place), and the
# three alternatives that start with a word character sit behind one look-ahead for it (at a space or a sign
# none of them is tried).
_LONG_ELISIONS = [e for e in ELISIONS if len(e) > 1]
_SHORT_ELISIONS = "".join(e for e in ELISIONS if len(e) == 1)
TOKEN_RE = re.compile(
    r"(?=\w)(?:"
    r"\b(?:" + "|".join(_LONG_ELISIONS) + "|[" + _SHORT_ELISIONS + r"])['’]"  # French elision, split off its word
    r"|\d+(?:[.,]\d+)*"  # numbers, 1,000 and 3.5 kept whole
    r"|\w+(?:-\w+)*)"  # words, hyphenated ones kept whole
    r"|\.\.\.|[^\w\s]",  # an ellipsis, or any other single sign
    re.IGNORECASE,
)
QUOTES = set("«»“”„\"‹›")
DASHES = set("—–―")
APOSTROPHES = set("'’‘`´")
COGNATE_PREFIX = 4


def scoring_tokens(text: str) -> list[str]:
    """Lowercased tokens with elisions and punctuation split off (Bleualign's scoring tokenisation)."""
    return [normal_token(tok) for tok in raw_tokens(text)]


def raw_tokens(text: str) -> list[str]:
    """The tokens of ``text`` before ``normal_token`` (callers that cache per token skip that step for repeats).

    No token spans white space (``str.split`` and the regex's ``\\s`` are the same Unicode class), and a run
    of letters alone is one token, so most words of a text skip the regex: a third less time on a book.
    """
    out: list[str] = []
    for chunk in text.lower().split():
        if chunk.isalpha():
            out.append(chunk)
        else:
            out += TOKEN_RE.findall(chunk)
    return out


def normal_token(tok: str) -> str:
    """One quotation mark, one dash and one apostrophe for all their kinds."""
    if tok in QUOTES:
        return '"'
    if tok in DASHES:
        return "—"
    if tok[-1] in APOSTROPHES and len(tok) > 1:
        return tok[:-1] + "'"
    return tok


def strip_accents(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=500_000)  # a book has a few tens of thousands of distinct tokens, met again and again
def feature(token: str) -> str | None:
    """The cross-language feature of one scoring token, or None for tokens that carry nothing (apostrophes)."""
    if not token:
        return None
    if token[0].isdigit():
        return token
    if not token[0].isalnum() and token[0] != "_":
        return None if token in APOSTROPHES else token
    if token.endswith("'"):  # an elided article or pronoun: never shared with English
        return None
    return strip_accents(token)[:COGNATE_PREFIX]
