"""Where a word is met (pure): the per-text index and the context rebuilt from the sentences it names."""

from types import SimpleNamespace as NS

from bireader.study.cards import MAX_PER_TEXT, Occurrence, blank, context_at, occurrence_index, pick_context


def sentence(position, text, tokens, glosses=()):
    return NS(position=position, text=text, tokens=tokens, glosses=list(glosses))


HAIE = ["haies", 8, 13, "haie", "NOUN", True]
FR = sentence(4, "Il voit haies.", [["Il", 0, 2, "il", "PRON", True], ["voit", 3, 7, "voir", "VERB", True], HAIE,
                                    [".", 13, 14, ".", "PUNCT", False]],
              [{"token": 2, "rendering": [3], "rendering_text": "hedges", "senses": ["hedge"], "pos": "NOUN"}])
EN = [sentence(7, "He sees.", [["He", 0, 2], ["sees", 3, 7], [".", 7, 8]]),
      sentence(8, "Hedges.", [["Hedges", 0, 6], [".", 6, 7]])]


def test_the_index_names_sentence_token_and_translation_and_is_bounded():
    beads = [NS(position=3, source=[FR], target=EN)]
    index = occurrence_index(beads)
    assert index["haie"] == [Occurrence(bead=3, sentence=4, token=2, target=(7, 8))]
    assert "." not in index  # punctuation is no word to learn
    many = occurrence_index([NS(position=n, source=[FR], target=[]) for n in range(MAX_PER_TEXT + 10)])
    assert len(many["haie"]) == MAX_PER_TEXT


def test_the_context_marks_the_rendering_across_the_beads_sentences():
    context = context_at(Occurrence(3, 4, 2, (7, 8)), FR, EN, "t", "T")
    assert (context.word, context.bead, context.slug) == ("haies", 3, "t")
    assert context.translation == "He sees. Hedges."
    assert context.translation_marked == "He sees. <b>Hedges</b>."
    assert context.gloss["rendering_text"] == "hedges"


def test_pick_context_cycles_and_blank_hides_the_length_of_short_words():
    assert pick_context([], 3) is None
    assert [pick_context(["a", "b", "c"], n) for n in range(5)] == ["a", "b", "c", "a", "b"]
    assert blank("il").count("_") == 3 and blank("physionomie").count("_") == 11
