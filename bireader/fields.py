"""The short fields people type, one definition each: slugs, titles, credits, words, languages.

Every way in (the command line, the import form, the JSON API) checks these with the functions below, so a bound
is declared once and a bad value gets the same one-line message everywhere.

    >>> slugify("Candide, ou l'Optimisme")
    'candide-ou-l-optimisme'
    >>> check_slug("../../etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: slug '../../etc/passwd' is not valid: use lower-case letters a-z, digits and hyphens (at most 80)
    >>> unique_slug("candide", {"candide", "candide-2"}.__contains__)
    'candide-3'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

SLUG_MAX = 80
TITLE_MAX = 300  # the column's size; the import form says the same
CREDITS_MAX = 2_000
WORD_MAX = 100  # the longest French word is 25 letters; a lemma of a compound a few more
LANGUAGES = ("fr", "en")

_SLUG = re.compile(rf"^[a-z0-9](?:[a-z0-9-]{{0,{SLUG_MAX - 2}}}[a-z0-9])?$")
# Unicode categories that have no place in a one-line field: controls (Cc, tabs and newlines included), format
# characters such as the bidirectional overrides U+202A-U+202E and U+2066-U+2069 that make "txt.exe" read as
# "exe.txt" (Cf), and unassigned or private code points. Zero-width joiners are Cf too; a title has no use for them.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def slugify(title: str) -> str:
    """A valid slug made from ``title``: ASCII letters and digits, hyphens between words, at most SLUG_MAX."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:SLUG_MAX].strip("-")
    return slug or "text"


def check_slug(slug: str) -> str:
    """``slug`` unchanged when valid, else ValueError with a one-line reason."""
    if not isinstance(slug, str) or not _SLUG.match(slug):
        shown = slug if isinstance(slug, str) and len(slug) <= 60 else f"{str(slug)[:60]}…"
        raise ValueError(f"slug {shown!r} is not valid: use lower-case letters a-z, digits and hyphens "
                         f"(at most {SLUG_MAX})")
    return slug


def unique_slug(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3`` … the first that ``taken`` says is free."""
    if not taken(base):
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[:SLUG_MAX - len(suffix)].rstrip("-") + suffix
        if not taken(candidate):
            return candidate
        n += 1


def _check_line(value: str, what: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise ValueError(f"{what} is {len(value):,} characters long, over the limit of {limit:,}")
    bad = next((ch for ch in value if unicodedata.category(ch) in _FORBIDDEN_CATEGORIES), None)
    if bad is not None:
        raise ValueError(f"{what} contains the control or formatting character U+{ord(bad):04X}; remove it")
    return value


def check_title(title: str) -> str:
    """A title someone typed: stripped, at most TITLE_MAX characters, no control or bidi-override characters."""
    return _check_line(title, "the title", TITLE_MAX)


def check_credits(credits: str) -> str:
    return _check_line(credits, "the credits line", CREDITS_MAX)


def clean_line(value: str, limit: int) -> str:
    """A title found in a file (its first line): forbidden characters dropped, shortened to ``limit`` with "…"."""
    value = "".join(ch for ch in value if unicodedata.category(ch) not in _FORBIDDEN_CATEGORIES)
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def check_word(lemma: str) -> str:
    """A word a learner marks: stripped and lower-cased, not empty, at most WORD_MAX characters, one line."""
    lemma = _check_line(lemma, "the word", WORD_MAX).lower()
    if not lemma:
        raise ValueError("an empty word cannot be marked")
    return lemma


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        shown = lang if len(lang) <= 20 else lang[:20] + "…"
        raise ValueError(f"unknown language {shown!r}: use {' or '.join(LANGUAGES)}")
    return lang
