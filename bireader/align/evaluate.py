"""How good is an alignment? The bead metric of Sennrich & Volk (2011), as every aligner paper reports it.

Beads are compared as (source index set, target index set):

* **strict**: a test bead is right only if the identical bead is in the gold;
* **lax**: a test bead is right if it overlaps some gold bead on both sides.

Precision is over all non-empty test beads (null beads 1-0 / 0-1 included); recall is over the gold beads
once null beads are removed from both gold and test. Counts are pooled over documents (micro-average).
This reproduces ``shared/eval/score_beads.py`` (the project's evaluation data) exactly, counting with sets as it does.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from bireader.document import Bead

BeadKey = tuple[tuple[int, ...], tuple[int, ...]]


def parse_beads(text: str) -> list[Bead]:
    """Beads from the ``[3]:[3]`` / ``[4,5]:[4]`` / ``[6]:[]`` format, one per line; blank lines are skipped."""
    beads = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        parts = [p for p in line.split(":") if p.strip()]
        beads.append(Bead(list(ast.literal_eval(parts[0])), list(ast.literal_eval(parts[1]))))
    return beads


def read_beads(path: str | Path) -> list[Bead]:
    return parse_beads(Path(path).read_text(encoding="utf-8"))


def format_beads(beads: list[Bead]) -> str:
    """The bead format, one ``[src]:[tgt]`` per line."""
    return "".join(f"{b}\n" for b in beads)


def _key(bead: Bead) -> BeadKey:
    return tuple(bead.source), tuple(bead.target)


def _match_counts(gold: list[BeadKey], test: list[BeadKey]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` measured against ``gold``."""
    gold_set = {(s, t) for s, t in gold if s or t}
    test_set = {(s, t) for s, t in test if s or t}
    targets_of = defaultdict(set)
    for s, t in gold_set:
        for i in s:
            targets_of[i].update(t)
    hits = misses = lax_hits = lax_misses = 0
    for s, t in test_set:
        if (s, t) in gold_set:
            hits += 1
            lax_hits += 1
            continue
        misses += 1
        linked = set().union(*(targets_of[i] for i in s)) if s else set()
        if set(t) & linked:
            lax_hits += 1
        else:
            lax_misses += 1
    return hits, misses, lax_hits, lax_misses


def evaluate(gold: list[list[Bead]], test: list[list[Bead]]) -> dict:
    """Strict and lax precision, recall and F1, pooled over documents (``gold[k]`` pairs with ``test[k]``).

    >>> g = [[Bead([0], [0]), Bead([1], [1, 2])]]
    >>> evaluate(g, [[Bead([0], [0]), Bead([1], [1]), Bead([], [2])]])["p_strict"]
    0.3333333333333333
    """
    p_counts = [0, 0, 0, 0]
    r_counts = [0, 0, 0, 0]
    for gold_doc, test_doc in zip(gold, test):
        g = [_key(b) for b in gold_doc]
        t = [_key(b) for b in test_doc]
        p_counts = [a + b for a, b in zip(p_counts, _match_counts(g, t))]
        g_full = [x for x in g if x[0] and x[1]]
        t_full = [x for x in t if x[0] and x[1]]
        r_counts = [a + b for a, b in zip(r_counts, _match_counts(t_full, g_full))]

    def ratio(a: int, b: int) -> float:
        return a / (a + b) if a + b else 0.0

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    ps, pl = ratio(p_counts[0], p_counts[1]), ratio(p_counts[2], p_counts[3])
    rs, rl = ratio(r_counts[0], r_counts[1]), ratio(r_counts[2], r_counts[3])
    return dict(p_strict=ps, r_strict=rs, f1_strict=f1(ps, rs), p_lax=pl, r_lax=rl, f1_lax=f1(pl, rl))


def coverage(beads: list[Bead], n_source: int, n_target: int) -> float:
    """Share of all sentences of both sides that appear in some bead (1.0 when nothing is dropped)."""
    src = {i for b in beads for i in b.source}
    tgt = {j for b in beads for j in b.target}
    total = n_source + n_target
    return (len(src) + len(tgt)) / total if total else 1.0
