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


def _read_like_anki(text):
    """The rows as Anki's importer reads them: header lines skipped, tab-separated, `"` quoting, `""` inside."""
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    return list(csv.reader(io.StringIO("".join(lines)), delimiter="\t", quotechar='"', doublequote=True))


def test_an_english_sentence_opening_with_a_quotation_mark_keeps_its_quotes():
    english = '"Go on," he said, "it is only rain."'
    text = anki_tsv([item("pluie", "pluie", "rain", "« Va, » dit-il, « ce n'est que la <b>pluie</b>. »", english)])
    [row] = _read_like_anki(text)
    assert row[4] == english
    assert row[3] == "« Va, » dit-il, « ce n'est que la <b>pluie</b>. »"


def test_both_sentences_are_html_escaped_the_same_way():
    from bireader.learner.vocabulary import mark_word

    french = mark_word("L'homme <sage> & \"fou\".", 9, 13)
    text = anki_tsv([item("sage", "sage", "wise & <kind>", french, "The <wise> man & 'fool'.")])
    [row] = _read_like_anki(text)
    assert row[3] == "L'homme &lt;<b>sage</b>&gt; &amp; \"fou\"."
    assert row[4] == "The &lt;wise&gt; man &amp; 'fool'."
    assert row[2] == "wise &amp; &lt;kind&gt;"
    assert "&#x27;" not in text and "&quot;" not in text


def test_the_marked_rendering_goes_into_the_english_column():
    marked = item("haies", "haie", "hedges", "Les <b>haies</b>.", "The hedges.")
    marked.translation_marked = "The <b>hedges</b>."
    [row] = _read_like_anki(anki_tsv([marked]))
    assert row[4] == "The <b>hedges</b>."
