"""Suspicious input, caught before it becomes a silent garbage alignment.

``check_inputs`` warns (``AlignmentWarning``) about an empty side, one side ten times longer than the other,
identical texts and swapped sides (the "French" reads as English), and tells the aligner when the sizes are so
different that one side can only be a few pieces of the other (then it aligns locally).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass


class AlignmentWarning(UserWarning):
    """The input looks wrong; the alignment was still made, but read it with care."""


LOCAL_RATIO = 3.0  # beyond this ratio of lengths, one side is taken to be excerpts of the other
WARN_RATIO = 10.0

_EN = {"the", "and", "of", "to", "was", "is", "that", "he", "it", "with", "his", "her", "had", "you"}
_FR = {"le", "la", "les", "et", "de", "des", "est", "que", "il", "elle", "une", "dans", "qui", "pas"}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Verdict:
    local: bool = False
    problems: tuple[str, ...] = ()


def language_guess(sentences: list[str], sample: int = 400) -> str | None:
    """'en', 'fr' or None, from the commonest function words of a sample of sentences."""
    en = fr = 0
    for s in sentences[:sample]:
        for w in _WORD.findall(s.lower()):
            en += w in _EN
            fr += w in _FR
    if en + fr < 20:
        return None
    if en > 2 * fr:
        return "en"
    if fr > 2 * en:
        return "fr"
    return None


def check_inputs(source: list[str], target: list[str], source_lang: str | None = "fr",
                 target_lang: str | None = "en", warn: bool = True) -> Verdict:
    problems = []
    src_chars = sum(len(s) for s in source)
    tgt_chars = sum(len(t) for t in target)
    local = False
    if not source or not target or src_chars == 0 or tgt_chars == 0:
        side = "source" if not source or src_chars == 0 else "target"
        problems.append(f"the {side} side is empty: every sentence of the other side is left unpaired")
    else:
        ratio = max(src_chars, tgt_chars) / min(src_chars, tgt_chars)
        if ratio >= WARN_RATIO:
            longer = "target" if tgt_chars > src_chars else "source"
            problems.append(
                f"the {longer} side is {ratio:.0f} times longer than the other: aligning the shorter side "
                "locally, as excerpts; the rest of the longer side is left unpaired"
            )
        local = ratio >= LOCAL_RATIO
        if [s.strip() for s in source] == [t.strip() for t in target]:
            problems.append("the two sides are identical: was the same file given twice?")
        elif {source_lang, target_lang} <= {"en", "fr"} and source_lang != target_lang:
            src_guess, tgt_guess = language_guess(source), language_guess(target)
            if src_guess == target_lang and tgt_guess == source_lang:
                problems.append(
                    f"the source reads as {target_lang} and the target as {source_lang}: "
                    "were the two files swapped?"
                )
            elif src_guess == tgt_guess and src_guess is not None:
                problems.append(f"both sides read as {src_guess}: is one file the wrong one?")
    if warn:
        for p in problems:
            warnings.warn(p, AlignmentWarning, stacklevel=3)
    return Verdict(local=local, problems=tuple(problems))
