"""The iterative pass learns word pairs from trusted beads, and the confidence predicts wrong beads."""

from pathlib import Path

import numpy as np
import pytest

from bireader.align.iterative import add_learnt, learn_pairs
from bireader.align.render import identity_renderer
from bireader.align.scoring import build_bitext


def test_learns_a_recurring_pair_and_adds_it_to_the_source():
    src = [f"Mlle Taylor vint {k}." for k in range(6)] + ["Rien."]
    tgt = [f"Miss Taylor came {k}." for k in range(6)] + ["Nothing."]
    bt = build_bitext(src, tgt, identity_renderer)
    beads = [(k, k + 1, k, k + 1, 0.99) for k in range(7)]
    s, t = learn_pairs(bt, beads)
    learnt = {(bt.vocab[a], bt.vocab[b]) for a, b in zip(s, t)}
    assert ("mlle", "miss") in learnt
    assert all(a != b for a, b in learnt)
    bt2 = add_learnt(bt, s, t)
    miss = bt.vocab.index("miss")
    assert bt2.df_src[miss] == 6 and bt.df_src[miss] == 0


def test_untrusted_beads_teach_nothing():
    src = [f"Mlle Taylor vint {k}." for k in range(6)]
    tgt = [f"Miss Taylor came {k}." for k in range(6)]
    bt = build_bitext(src, tgt, identity_renderer)
    s, _ = learn_pairs(bt, [(k, k + 1, k, k + 1, 0.1) for k in range(6)])
    assert len(s) == 0


BOOK = Path(__file__).resolve().parents[3] / "shared" / "eval" / "transread_fr-en" / "JaneEyre"


@pytest.mark.skipif(not BOOK.exists(), reason="the shared evaluation data is not on this machine")
def test_low_confidence_predicts_wrong_beads():
    from bireader.align import align
    from bireader.align.evaluate import read_beads

    fr = (BOOK / "JaneEyre.fr").read_text(encoding="utf-8").rstrip("\n").split("\n")
    en = (BOOK / "JaneEyre.en").read_text(encoding="utf-8").rstrip("\n").split("\n")
    gold = {str(b) for b in read_beads(BOOK / "JaneEyre.gold.fr-en")}
    beads = align(fr, en)
    conf = np.array([b.confidence for b in beads])
    right = np.array([str(b) in gold for b in beads])
    assert right[conf >= 0.9].mean() > 0.9
    assert right[conf < 0.6].mean() < 0.6
    assert right[conf < 0.6].mean() < right[conf >= 0.6].mean() - 0.3
