"""bireader align / bireader eval through click."""

import json

from click.testing import CliRunner

from bireader.align.commands import regex_split
from bireader.cli import main

FR = "Candide vivait en Westphalie.\n\nIl aimait Cunégonde. Elle était belle.\n"
EN = "Candide lived in Westphalia.\n\nHe loved Cunegonde. She was beautiful.\n"


def test_align_presegmented_beads(tmp_path):
    (tmp_path / "a.fr").write_text("Candide vivait en Westphalie.\nIl aimait Cunégonde.\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("Candide lived in Westphalia.\nHe loved Cunegonde.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["align", str(tmp_path / "a.fr"), str(tmp_path / "a.en"), "--presegmented",
                                  "--format", "beads"])
    assert r.exit_code == 0, r.output
    assert r.output.split() == ["[0]:[0]", "[1]:[1]"]


def test_align_paragraph_files_to_tsv_and_json(tmp_path):
    (tmp_path / "a.fr.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out.tsv"
    r = CliRunner().invoke(main, ["align", str(tmp_path / "a.fr.txt"), str(tmp_path / "a.en.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = out.read_text(encoding="utf-8").strip().split("\n")
    assert rows[0].split("\t") == ["source", "target", "source_ids", "target_ids", "confidence"]
    assert rows[1].split("\t")[:2] == ["Candide vivait en Westphalie.", "Candide lived in Westphalia."]
    assert len(rows) == 4
    r = CliRunner().invoke(main, ["align", str(tmp_path / "a.fr.txt"), str(tmp_path / "a.en.txt"), "--format", "json"])
    data = json.loads(r.output)
    assert [d["target_text"] for d in data][-1] == "She was beautiful."
    assert all(0 <= d["confidence"] <= 1 for d in data)


def test_translation_with_wrong_length_is_a_usage_error(tmp_path):
    for name, text in [("a.fr", "Un.\nDeux.\n"), ("a.en", "One.\nTwo.\n"), ("t.txt", "One.\n")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["align", str(tmp_path / "a.fr"), str(tmp_path / "a.en"),
                                  "--translation", str(tmp_path / "t.txt")])
    assert r.exit_code != 0 and "lines" in r.output


def test_swapped_files_warn_on_stderr(tmp_path):
    fr = "\n".join(f"Le marin {k} regardait la mer depuis le pont et il ne disait rien." for k in range(10))
    en = "\n".join(f"The sailor {k} was looking at the sea from the deck and he said nothing." for k in range(10))
    (tmp_path / "a.fr").write_text(fr, encoding="utf-8")
    (tmp_path / "a.en").write_text(en, encoding="utf-8")
    r = CliRunner().invoke(main, ["align", str(tmp_path / "a.en"), str(tmp_path / "a.fr"), "--presegmented"])
    assert r.exit_code == 0 and "swapped" in r.output


def test_eval_pairs_and_comma_lists_agree(tmp_path):
    g1, t1 = tmp_path / "g1", tmp_path / "t1"
    g2, t2 = tmp_path / "g2", tmp_path / "t2"
    g1.write_text("[0]:[0]\n[1]:[1,2]\n")
    t1.write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n")
    g2.write_text("[0]:[0]\n")
    t2.write_text("[0]:[0]\n")
    a = CliRunner().invoke(main, ["eval", str(g1), str(t1), str(g2), str(t2), "--json"])
    b = CliRunner().invoke(main, ["eval", f"{g1},{g2}", f"{t1},{t2}", "--json"])
    assert a.exit_code == 0 and a.output == b.output
    assert json.loads(a.output)["p_strict"] == 2 / 4


def test_regex_fallback_splitter():
    assert regex_split(["M. Dupont arriva. Il pleuvait ! « Non », dit-il."], "fr") == [
        ["M.", "Dupont arriva.", "Il pleuvait !", "« Non », dit-il."]]
