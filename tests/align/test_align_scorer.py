"""The scorer option: the default overlap score, or Bleualign's BLEU rescoring of the anchor candidates."""

import pytest
from click.testing import CliRunner

from bireader.align import align
from bireader.align.anchors import candidates
from bireader.align.bleu import pair_bleu
from bireader.align.pipeline import default_renderer
from bireader.align.scoring import build_bitext
from bireader.cli import main

FR = ["Candide vivait en Westphalie.", "Il aimait Cunégonde.", "Elle était belle et fraîche.", "Le baron riait."]
EN = ["Candide lived in Westphalia.", "He loved Cunegonde.", "She was beautiful and fresh.", "The baron laughed."]


def test_bleu_rescoring_averages_the_overlap_with_bleu():
    bt = build_bitext(FR, EN, default_renderer(), None, keep_tokens=True)
    plain = {(i, j): s for i, j, s in candidates(bt, 10, 20, use_bleu=False)}
    rescored = {(i, j): s for i, j, s in candidates(bt, 10, 20, use_bleu=True)}
    assert plain.keys() == rescored.keys()
    for (i, j), s in plain.items():
        b = pair_bleu(bt.src_variants[i], bt.tgt_tokens[j])
        assert rescored[(i, j)] == pytest.approx(0.5 * (s + b) if b > 0 else 0.5 * s)
    assert any(rescored[k] != pytest.approx(plain[k]) for k in plain)


def test_both_scorers_align_every_sentence():
    for scorer in ("dice", "bleu"):
        beads = align(FR, EN, scorer=scorer)
        assert [str(b) for b in beads] == ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]"]


def test_an_unknown_scorer_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="dice, bleu"):
        align(FR, EN, scorer="bert")


def test_align_command_takes_the_scorer(tmp_path):
    (tmp_path / "a.fr").write_text("\n".join(FR) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(EN) + "\n", encoding="utf-8")
    args = ["align", str(tmp_path / "a.fr"), str(tmp_path / "a.en"), "--presegmented", "--format", "beads"]
    r = CliRunner().invoke(main, args + ["--scorer", "bleu"])
    assert r.exit_code == 0, r.output
    assert r.output.split() == ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]"]
    bad = CliRunner().invoke(main, args + ["--scorer", "bert"])
    assert bad.exit_code != 0 and "bert" in bad.output
