"""Input whose *shape* costs: huge single lines, endless sentences, many tiny paragraphs. The limits of
bireader.ingest.limits either handle them (split, with a warning) or refuse them before any analysis.

Cases that analyse a large text are marked ``slow`` (still run by ``make test``); refusals are fast because they
happen before spaCy, alignment or glossing."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import create_engine, text

from bireader.ingest.limits import Limits, split_long_paragraph
from hostile_helpers import refused, snapshot

WORDS = ("le chat noir dort sur la chaise du salon pendant que la pluie tombe doucement dans le jardin et les "
         "enfants jouent avec leur chien").split()


def french_line(size: int, seed: int = 1) -> str:
    """One line of ``size`` characters of French-looking sentences, no paragraph break."""
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 20))).capitalize() + ". "
        parts.append(sentence)
        total += len(sentence)
    return "".join(parts)[:size].rsplit(" ", 1)[0] + "."


def stored_sentences(database) -> list[str]:
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT s.text FROM sentences s JOIN sides d ON s.side_id = d.id JOIN texts t ON d.text_id = t.id "
            "WHERE t.slug != 'base' ORDER BY s.position")).scalars().all()
    engine.dispose()
    return rows


def test_a_4_mb_single_line_is_refused_before_analysis(cli, tmp_path):
    path = tmp_path / "line.txt"
    path.write_text(french_line(4 * 1024 * 1024), "utf-8")
    before = snapshot(cli.database)
    result = cli.import_(path, "--lang", "fr")
    refused(cli, before, result, "would fill about 1,748 pages, over the limit of 440 (setting max_pages); "
                                 "split the text into parts")
    assert "glossing" not in result.output


def test_too_many_tiny_paragraphs_are_refused_before_analysis(cli, tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("\n\n".join(["Oui."] * 25_000), "utf-8")
    before = snapshot(cli.database)
    result = cli.import_(path, "--lang", "fr")
    refused(cli, before, result, "has more than 20,000 paragraphs, over the limit (setting max_paragraphs)")


def test_the_limits_are_settings(cli, tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("\n\n".join(["Le chat dort sur la chaise du salon."] * 100), "utf-8")
    before = snapshot(cli.database)
    refused(cli, before, cli.import_(path, "--lang", "fr", "--max-paragraphs", "30"),
            "has more than 30 paragraphs")
    refused(cli, before, cli.import_(path, "--lang", "fr", "--max-pages", "1"), "would fill about 2 pages, over the "
                                                                               "limit of 1")


def test_a_long_paragraph_is_split_between_sentences():
    paragraph = french_line(20_000)
    pieces = split_long_paragraph(paragraph, "fr", Limits())
    assert [forced for _, forced in pieces] == [False] * len(pieces)
    assert all(len(piece) <= 5_000 for piece, _ in pieces) and len(pieces) >= 4
    assert " ".join(piece for piece, _ in pieces) == paragraph  # nothing lost, nothing added
    assert all(piece.endswith(".") for piece, _ in pieces)


def test_an_endless_sentence_is_cut_at_spaces():
    sentence = " ".join(["mot"] * 2_000)  # 7,999 characters, no full stop
    pieces = split_long_paragraph(sentence, "fr", Limits())
    assert all(forced for _, forced in pieces) and all(len(p) <= 1_500 for p, _ in pieces)
    assert " ".join(p for p, _ in pieces) == sentence


def test_a_word_longer_than_a_sentence_is_cut_too():
    pieces = split_long_paragraph("x" * 4_000, "fr", Limits())
    assert [len(p) for p, _ in pieces] == [1_500, 1_500, 1_000]


@pytest.mark.slow
def test_a_300_kb_single_line_is_split_and_stored_whole(cli, tmp_path):
    line = french_line(300 * 1024)
    path = tmp_path / "line.txt"
    path.write_text(line + "\n", "utf-8")
    result = cli.import_(path, "--lang", "fr", "--title", "Ligne")
    assert result.exit_code == 0, result.output
    assert result.warnings == [f"warning: line.txt: 1 paragraph(s) longer than 5,000 characters or holding a sentence "
                               "longer than 1,500 were split at sentence boundaries"]
    sentences = stored_sentences(cli.database)
    assert " ".join(sentences) == line
    assert max(len(s) for s in sentences) <= 1_500


@pytest.mark.slow
def test_a_text_without_full_stops_is_cut_into_bounded_sentences(cli, tmp_path):
    body = " ".join(random.Random(2).choice(WORDS) for _ in range(6_000))  # about 30,000 characters, one sentence
    path = tmp_path / "nostop.txt"
    path.write_text(body + "\n", "utf-8")
    result = cli.import_(path, "--lang", "fr", "--title", "Sans point")
    assert result.exit_code == 0, result.output
    assert "over-long sentences cut at a space" in result.warnings[0]
    sentences = stored_sentences(cli.database)
    assert max(len(s) for s in sentences) <= 1_500 and " ".join(sentences) == body


@pytest.mark.slow
def test_many_tiny_paragraphs_under_the_limit_are_stored(cli, tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("\n\n".join(f"Le chat numéro {n} dort." for n in range(3_000)), "utf-8")
    result = cli.import_(path, "--lang", "fr", "--title", "Chats")
    assert result.exit_code == 0, result.output
    assert len(stored_sentences(cli.database)) == 3_000


def test_an_aligned_file_with_a_huge_segment_is_refused(cli, tmp_path):
    path = tmp_path / "pairs.tsv"
    rows = ["Le chat dort.\tThe cat sleeps."] * 5 + [french_line(20_000) + "\tThe end."]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    before = snapshot(cli.database)
    result = cli.run("import-aligned", path, "--engine", "offline")
    refused(cli, before, result, "has a segment of 19,998 characters, over the limit of 5,000 "
                                 "(setting max_paragraph_chars)")


def test_an_aligned_file_with_too_many_segments_is_refused(cli, tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("\n".join(["Le chat dort.\tThe cat sleeps."] * 20_001) + "\n", "utf-8")
    before = snapshot(cli.database)
    result = cli.run("import-aligned", path, "--engine", "offline")
    refused(cli, before, result, "has 20,001 segments, over the limit of 20,000 (setting max_paragraphs)")
