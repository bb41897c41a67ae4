"""Which words of a page a learner probably does not know, and so get an inline gloss: a pure decision.

A token is described by the stored token row ``[text, start, end, lemma, pos, is_word]`` and, when the glosser
found one, its gloss (``lemma``, ``pos``, ``senses``, ``rendering_text``, ``freq_rank``, ``gloss_worthy``...).

    >>> needs_gloss({"pos": "NOUN", "freq_rank": 9000, "senses": ["hedge"]}, status=None, level=2000)
    True
    >>> needs_gloss({"pos": "NOUN", "freq_rank": 9000, "senses": ["hedge"]}, status="known", level=2000)
    False
    >>> needs_gloss({"pos": "PROPN", "freq_rank": 90000, "senses": ["Paris"]}, status=None, level=2000)
    False

It is :func:`bireader.gloss.needs_gloss`'s rule (gloss-worthy, not known, frequency rank beyond the level or
unknown) on the stored dicts, extended with the learner's other statuses; the frequency part is one function,
:func:`bireader.gloss.glosses.is_rare`, called by both (the learner layer may import the glosser, never the
reverse). The rule: never a proper noun, number,
symbol or punctuation; never a word the learner marked known or
ignore; always a word they are learning; otherwise a word rarer than the learner's level (frequency rank
above ``level``; unknown rank counts as rare), provided the glosser found it worth glossing and has
something to show.
"""

from __future__ import annotations

from bireader.gloss.glosses import is_rare

NEVER_GLOSSED = frozenset({"PROPN", "NUM", "PUNCT", "SYM", "SPACE"})
STATUSES = ("known", "learning", "ignore")

# Levels a learner can pick: the frequency rank below which words are taken as known.
LEVELS = {"A1": 500, "A2": 1000, "B1": 2000, "B2": 5000, "C1": 10000, "C2": 25000}


def word_key(token: list) -> str:
    """The key a word's status is stored under: its lemma, lower-cased (its form when it has no lemma)."""
    lemma = token[3] if len(token) > 3 and token[3] else token[0]
    return lemma.lower()


def is_countable(token: list) -> bool:
    """Is the token a word a learner could learn (not punctuation, a number or a proper noun)?"""
    form = token[0]
    return bool(token[5]) and token[4] not in NEVER_GLOSSED and (form.isalpha() or any(c.isalpha() for c in form))


def gloss_text(gloss: dict | None, senses: int = 2) -> str:
    """A short gloss to show inline or export: the translation's rendering first, then dictionary senses."""
    if not gloss:
        return ""
    parts: list[str] = []
    rendering = (gloss.get("rendering_text") or "").strip()
    if rendering:
        parts.append(rendering)
    for sense in gloss.get("senses") or []:
        if len(parts) >= senses:
            break
        if sense and rendering.lower() not in [part.strip().lower() for part in sense.split(",")]:
            parts.append(sense)
    return "; ".join(parts)


def inline_gloss(gloss: dict | None, limit: int = 22) -> str:
    """The few words shown above a word: the translation's rendering, else the first dictionary sense, cut short.

    >>> inline_gloss({"senses": ["balafre, cicatrice", "marque"]})
    'balafre'
    """
    text = gloss_text(gloss, senses=1)
    for separator in ("; ", ", "):
        text = text.split(separator)[0]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def needs_gloss(gloss: dict | None, status: str | None, level: int, pos: str | None = None) -> bool:
    """Does the learner probably need a gloss for this word? (see the module's docstring)"""
    if not gloss:
        return False
    if (pos or gloss.get("pos")) in NEVER_GLOSSED or gloss.get("pos") in NEVER_GLOSSED:
        return False
    if status in ("known", "ignore"):
        return False
    if not ((gloss.get("rendering_text") or "").strip() or any(gloss.get("senses") or ())):  # nothing to show
        return False
    if status == "learning":
        return True
    if gloss.get("gloss_worthy") is False:
        return False
    return is_rare(gloss.get("freq_rank"), level)


def rare_below(gloss: dict | None, pos: str | None = None) -> float:
    """For a new word (no status): the levels at which it needs its gloss are those below this figure, so that
    ``needs_gloss(gloss, None, level, pos) == (level < rare_below(gloss, pos))`` at every level. A page laid out
    for every learner keeps this number per word instead of the gloss.

    >>> rare_below({"pos": "NOUN", "freq_rank": 9000, "senses": ["hedge"]}), rare_below({"senses": ["hedge"]})
    (9000, inf)
    """
    # needs_gloss is the gloss's own conditions and then is_rare(freq_rank, level), which is freq_rank > level
    # (an unknown rank is rare at every level): the conditions alone are needs_gloss with the rank unknown.
    if not gloss or not needs_gloss({**gloss, "freq_rank": None}, None, 0, pos):
        return 0
    rank = gloss.get("freq_rank")
    return float("inf") if rank is None else rank
