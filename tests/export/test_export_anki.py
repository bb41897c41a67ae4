"""The Anki file: header lines, one note per word, fields safe for a tab-separated file."""

import csv
import io

from bireader.export.anki import COLUMNS, anki_tsv
from bireader.learner.vocabulary import VocabItem


def item(word, lemma, gloss, marked, translation):
    return VocabItem(lemma=lemma, word=word, pos="NOUN", gloss=None, gloss_text=gloss, status="learning",
                     freq_rank=None, needs_gloss=True, sentence="", marked=marked, translation=translation)


def test_header_then_one_row_per_word():
    text = anki_tsv([item("haies", "haie", "hedges", "Les <b>haies</b>.", "The hedges."),
                     item("volets", "volet", "shutters", "Les <b>volets</b>.", "The shutters.")])
    lines = text.splitlines()
    assert lines[:3] == ["#separator:tab", "#html:true", "#columns:" + "\t".join(COLUMNS)]
    assert COLUMNS == ("word", "lemma", "gloss", "french", "english")
    rows = list(csv.reader(io.StringIO("\n".join(lines[3:])), delimiter="\t"))
    assert rows == [["haies", "haie", "hedges", "Les <b>haies</b>.", "The hedges."],
                    ["volets", "volet", "shutters", "Les <b>volets</b>.", "The shutters."]]


def test_tabs_and_newlines_inside_fields_become_spaces():
    text = anki_tsv([item("a\tb", "ab", "x\ny", "Un\tdeux\ntrois", "")])
    last = text.splitlines()[-1]
    assert last.split("\t") == ["a b", "ab", "x y", "Un deux trois", ""]


def test_no_words_gives_the_header_only():
    assert anki_tsv([]).count("\n") == 3


def test_an_english_text_puts_its_marked_sentence_in_the_english_column():
    text = anki_tsv([item("hedges", "hedge", "haie", "The <b>hedges</b>.", "")], source_lang="en")
    assert text.splitlines()[-1].split("\t") == ["hedges", "hedge", "haie", "", "The <b>hedges</b>."]
