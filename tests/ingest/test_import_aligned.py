"""Texts aligned elsewhere (TSV, TMX) come in with their beads as they are, and go out again unchanged."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bireader.cli import main
from bireader.ingest.aligned import parse_tmx, parse_tsv
from bireader.ingest.decode import IngestError

from .files import make_epub

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_sample  # noqa: E402


@pytest.fixture
def runner(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def test_export_then_import_aligned_then_export_is_identical(runner, sessions, tmp_path):
    save_sample(sessions)
    first = runner.invoke(main, ["export", "promenade"])
    assert first.exit_code == 0, first.output
    exported = tmp_path / "promenade.tsv"
    exported.write_text(first.output, "utf-8")
    imported = runner.invoke(main, ["import-aligned", str(exported), "--title", "Promenade", "--slug", "again",
                                    "--engine", "offline"])
    assert imported.exit_code == 0, imported.output
    assert "imported 'Promenade' as again: 4 fr sentences, 7 en sentences" in imported.output
    second = runner.invoke(main, ["export", "again"])
    assert second.output == first.output
    assert "0.300" in second.output and "\t\tNobody came." in second.output  # confidence and a one-sided bead kept
    # The text was analysed and glossed like any import: tokens with lemmas, glosses from the translation.
    from bireader.export.beads import whole_text_beads
    from bireader.store.library import get_text

    with sessions() as session:
        beads = whole_text_beads(session, get_text(session, "again"))
    words = [t for t in beads[0].source[0].tokens if t[5]]
    assert [t[3] for t in words][:2] == ["il", "pleuvoir"]
    assert any(g for g in beads[0].source[0].glosses)


def test_tmx_round_trip_keeps_segments_confidences_and_title(runner, sessions, tmp_path):
    save_sample(sessions)
    first = runner.invoke(main, ["export", "promenade", "--format", "tmx"]).output
    path = tmp_path / "promenade.tmx"
    path.write_text(first, "utf-8")
    assert runner.invoke(main, ["import-aligned", str(path), "--slug", "again", "--engine", "offline"]).exit_code == 0
    second = runner.invoke(main, ["export", "again", "--format", "tmx"]).output

    def units(tmx: str) -> list[str]:
        return re.findall(r"<prop type=\"x-confidence\">.*?</tu>", tmx, re.S)

    assert units(second) == units(first) and len(units(first)) == 4
    assert '<prop type="x-title">Promenade sous la pluie</prop>' in second


def test_lf_aligner_three_columns_headerless_and_english_first():
    lf = "Il pleuvait sur les haies.\tIt was raining on the hedges.\tcandide.txt\n" \
         "Candide marchait seul dans le jardin.\tCandide walked alone in the garden.\tcandide.txt\n"
    pairs = parse_tsv(lf, "lf.txt")
    assert (pairs.source_lang, pairs.target_lang) == ("fr", "en")
    assert pairs.pairs[1] == ("Candide marchait seul dans le jardin.", "Candide walked alone in the garden.", 1.0)
    swapped = parse_tsv("en\tfr\nIt was raining.\tIl pleuvait.\n", "swapped.tsv")
    assert swapped.pairs == [("Il pleuvait.", "It was raining.", 1.0)]
    headerless_export = parse_tsv("0\t0.950\tIl pleuvait sur les haies.\tIt was raining on the hedges.\n"
                                  "1\t0.000\t\tNobody came in the night and the house was quiet.\n", "e.tsv")
    assert headerless_export.pairs[0][2] == 0.95
    assert headerless_export.pairs[1] == ("", "Nobody came in the night and the house was quiet.", 0.0)


def test_tmx_with_regional_languages_and_inline_codes():
    tmx = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" creationtool="x" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"/>
<body><tu><tuv xml:lang="en-US"><seg>It was <bpt i="1">&lt;b&gt;</bpt>raining<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Il <hi>pleuvait</hi>.</seg></tuv></tu></body></tmx>"""
    pairs = parse_tmx(tmx, "x.tmx")
    assert pairs.pairs == [("Il pleuvait.", "It was raining.", 1.0)]


@pytest.mark.parametrize("content, problem", [
    ("Il pleuvait sur les haies et le vent soufflait.\n", "one column only"),
    ("Il pleuvait sur les haies et le vent soufflait dans la nuit.\tLe vent soufflait sur la maison et les haies, "
     "et il ne pleuvait pas dans le jardin.\n", "both columns read as fr"),
    ("bead\tconfidence\tfr\t\n0\t1.000\tIl pleuvait.\t\n", "one of the two columns is empty"),
])
def test_bad_aligned_tsv_is_one_line(content, problem):
    with pytest.raises(IngestError, match=problem):
        parse_tsv(content, "bad.tsv")


def test_import_aligned_of_a_plain_text_says_what_it_reads(runner, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Il pleuvait sur les haies. Candide marchait seul.\n", "utf-8")
    result = runner.invoke(main, ["import-aligned", str(path)])
    assert result.exit_code == 1
    assert "line 1: one column only" in result.output
    epub = tmp_path / "book.epub"
    epub.write_bytes(make_epub([("Chapitre", ["Il pleuvait sur les haies."])]))
    result = runner.invoke(main, ["import-aligned", str(epub)])
    assert result.exit_code == 1 and "not an aligned TSV or TMX file" in result.output
    assert "the library is empty" in runner.invoke(main, ["list"]).output


def test_lf_aligner_output_named_txt_imports_with_import_aligned(runner, tmp_path):
    path = tmp_path / "candide-lf.txt"  # LF Aligner writes its tab-separated pairs to a .txt file
    path.write_text("Il pleuvait sur les haies et le vent soufflait.\tIt was raining on the hedges and the wind "
                    "blew.\tcandide.fr.txt\nCandide marchait seul dans le jardin du château.\tCandide walked alone in "
                    "the castle garden.\tcandide.fr.txt\n", "utf-8")
    result = runner.invoke(main, ["import-aligned", str(path), "--engine", "offline"])
    assert result.exit_code == 0, result.output
    assert "2 fr sentences, 2 en sentences" in result.output


def test_xxe_in_a_tmx_is_refused():
    tmx = b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><body><tu><tuv xml:lang="fr"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>"""
    with pytest.raises(IngestError, match="declares entities"):
        parse_tmx(tmx, "x.tmx")
