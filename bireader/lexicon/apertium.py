"""Read an Apertium bilingual dictionary (a compiled ``*.autobil.bin`` transducer) as a list of word pairs.

Used only by the builder. Debian ships the bidix compiled, not as ``.dix`` XML, so we print the transducer in
AT&T text form with ``lt-print`` (package ``lttoolbox-dev``) and enumerate its paths::

    maison<n><f>            -> domo<n>
    billet# de banque<n><m> -> monbileto<n>     ("#" marks where inflection goes: lemma "billet de banque")

The transducer also holds regular expressions (URLs, numbers, acronyms) that would expand to millions of
strings; we prune them by following only letters, spaces, hyphens, apostrophes and tags, with capitals only at
the start of a word, and drop proper nouns, acronyms and regex entries afterwards.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# Apertium's first tag -> universal POS
APERTIUM_POS = {
    "n": "NOUN", "vblex": "VERB", "vbtr": "VERB", "vbntr": "VERB", "vbtr_ntr": "VERB", "vbser": "VERB",
    "vbhaver": "VERB", "vbmod": "VERB", "vaux": "VERB", "adj": "ADJ", "adv": "ADV", "preadv": "ADV",
    "pr": "ADP", "prn": "PRON", "rel": "PRON", "det": "DET", "cnjcoo": "CCONJ", "cnjsub": "SCONJ",
    "cnjadv": "SCONJ", "ij": "INTJ", "num": "NUM", "np": "PROPN",
}

_SYMBOL_OK = re.compile(r"^(<[^>]+>|[^\W\d_]|[ #'’\-])$")
_DROP_TAGS = ("<np>", "<acr>", "<re>", "<sym>", "<abbr>")
_SPLIT = re.compile(r"^(?P<lemma>[^<]*)(?P<tags>(<[^>]+>)*)$")


@dataclass(frozen=True)
class BidixPair:
    left: str  # lemma, "#" removed
    left_pos: str | None  # universal POS
    right: str
    right_pos: str | None


def print_transducer(bin_path: Path) -> str:
    """The AT&T text of a compiled lttoolbox transducer (needs ``lt-print``)."""
    return subprocess.run(["lt-print", str(bin_path)], check=True, capture_output=True, text=True).stdout


Section = tuple[dict[int, list[tuple[int, str, str]]], set[int]]
MAX_STEPS = 3_000_000  # a section that needs more is a regular expression, not a word list


def _sections(att: str) -> list[Section]:
    sections: list[Section] = []
    arcs: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    finals: set[int] = set()
    for line in att.splitlines():
        if line == "--":
            sections.append((arcs, finals))
            arcs, finals = defaultdict(list), set()
            continue
        f = line.split("\t")
        if len(f) >= 4 and f[2] != "":
            a = "" if f[2] == "ε" else f[2]
            b = "" if f[3] == "ε" else f[3]
            if a and not _SYMBOL_OK.match(a):
                continue
            arcs[int(f[0])].append((int(f[1]), a, b))
        elif f and f[0]:
            finals.add(int(f[0]))
    sections.append((arcs, finals))
    return sections


def enumerate_paths(att: str) -> list[tuple[str, str]]:
    """All (input, output) strings of the transducer's sections, pruned as the module docstring says.

    A section whose enumeration exceeds ``MAX_STEPS`` is a regular expression (numbers, URLs) and is skipped.
    """
    out = []
    for arcs, finals in _sections(att):
        paths = _section_paths(arcs, finals)
        if paths is not None:
            out.extend(paths)
    return out


def _section_paths(arcs: dict[int, list[tuple[int, str, str]]], finals: set[int]) -> list[tuple[str, str]] | None:
    out = []
    stack: list[tuple[int, str, str, frozenset[int]]] = [(0, "", "", frozenset([0]))]
    steps = 0
    while stack:
        steps += 1
        if steps > MAX_STEPS:
            return None
        state, inp, outp, seen = stack.pop()
        if state in finals:
            out.append((inp, outp))
        for target, a, b in arcs.get(state, ()):
            if target in seen:
                continue
            if len(a) == 1 and a.isupper() and inp and inp[-1] not in " -":
                continue
            stack.append((target, inp + a, outp + b, seen | {target}))
    return out


def split_analysis(text: str) -> tuple[str, str | None, str]:
    """``"billet# de banque<n><m>"`` -> ``("billet de banque", "NOUN", "<n><m>")``."""
    m = _SPLIT.match(text)
    if not m:
        return text, None, ""
    lemma = " ".join(m.group("lemma").replace("#", "").replace("’", "'").split())
    tags = m.group("tags")
    first = tags[1 : tags.index(">")] if tags else ""
    return lemma, APERTIUM_POS.get(first), tags


def read_bidix(bin_path: Path) -> list[BidixPair]:
    """The word pairs of a compiled bidix, proper nouns and regex entries dropped, in transducer order."""
    pairs = []
    seen = set()
    for inp, outp in enumerate_paths(print_transducer(bin_path)):
        if any(t in inp or t in outp for t in _DROP_TAGS):
            continue
        left, lpos, _ = split_analysis(inp)
        right, rpos, _ = split_analysis(outp)
        if not left or not right:
            continue
        pair = BidixPair(left, lpos, right, rpos)
        if pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    return pairs
