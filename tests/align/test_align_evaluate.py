"""The evaluator must give score_beads.py's numbers exactly (strict/lax, P/R/F1, pooled)."""

import importlib.util
import random
from pathlib import Path

import pytest

from bireader.align import evaluate
from bireader.align.evaluate import coverage, format_beads, parse_beads
from bireader.document import Bead

SHARED = Path(__file__).resolve().parents[3] / "shared"
REFERENCE = SHARED / "eval" / "score_beads.py"
GOLD = SHARED / "eval" / "transread_fr-en" / "JaneEyre" / "JaneEyre.gold.fr-en"


def reference():
    spec = importlib.util.spec_from_file_location("score_beads", REFERENCE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def as_ref(beads):
    return [(tuple(b.source), tuple(b.target)) for b in beads]


def test_hand_made_case_by_the_definitions():
    gold = [[Bead([0], [0]), Bead([1], [1, 2]), Bead([2], []), Bead([3], [3])]]
    test = [[Bead([0], [0]), Bead([1], [1]), Bead([], [2]), Bead([2], []), Bead([3], [3])]]
    s = evaluate(gold, test)
    # precision over 5 test beads: [0]:[0], [2]:[], [3]:[3] exact -> 3/5; lax adds [1]:[1]
    assert s["p_strict"] == pytest.approx(3 / 5)
    assert s["p_lax"] == pytest.approx(4 / 5)
    # recall over gold without nulls (3 beads): [0]:[0], [3]:[3] found exactly
    assert s["r_strict"] == pytest.approx(2 / 3)
    assert s["r_lax"] == pytest.approx(1.0)


def perturbed(beads, rng):
    """Merge, split and drop beads at random: a plausible wrong alignment."""
    out = []
    k = 0
    while k < len(beads):
        b = beads[k]
        r = rng.random()
        if r < 0.1 and k + 1 < len(beads):
            nxt = beads[k + 1]
            out.append(Bead(b.source + nxt.source, b.target + nxt.target))
            k += 2
            continue
        if r < 0.2 and len(b.target) > 1:
            out.append(Bead(b.source, b.target[:1]))
            out.append(Bead([], b.target[1:]))
        elif r < 0.25:
            out.append(Bead(b.source, []))
            if b.target:
                out.append(Bead([], b.target))
        else:
            out.append(b)
        k += 1
    return out


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared evaluation data is not on this machine")
def test_reproduces_score_beads_exactly():
    ref = reference()
    rng = random.Random(7)
    gold = parse_beads(GOLD.read_text())
    golds = [gold, gold[:50], gold[50:]]
    tests = [perturbed(g, rng) for g in golds]
    assert evaluate(golds, tests) == ref.score([as_ref(g) for g in golds], [as_ref(t) for t in tests])


def test_bead_format_round_trip():
    beads = [Bead([0], [0]), Bead([1, 2], [1]), Bead([3], []), Bead([], [2])]
    text = format_beads(beads)
    assert text == "[0]:[0]\n[1,2]:[1]\n[3]:[]\n[]:[2]\n"
    assert [str(b) for b in parse_beads(text)] == [str(b) for b in beads]


def test_coverage_counts_dropped_sentences():
    assert coverage([Bead([0], [0]), Bead([1], [])], 2, 2) == pytest.approx(3 / 4)
