"""A page's or text's words, one per lemma, with context, statuses and counts (pure, no database)."""

from types import SimpleNamespace as NS

from bireader.learner.vocabulary import collect_vocabulary, count_words, mark_word, words_to_learn


def sentence(text, tokens, glosses=()):
    return NS(text=text, tokens=tokens, glosses=list(glosses))


def bead(source, target):
    return NS(source=source, target=target)


FR1 = sentence("Les haies <et> 3 haies.", [
    ["Les", 0, 3, "le", "DET", True], ["haies", 4, 9, "haie", "NOUN", True], ["<", 10, 11, "<", "PUNCT", False],
    ["et", 11, 13, "et", "CCONJ", True], [">", 13, 14, ">", "PUNCT", False], ["3", 15, 16, "3", "NUM", True],
    ["haies", 17, 22, "haie", "NOUN", True], [".", 22, 23, ".", "PUNCT", False]],
    [{"token": 1, "senses": ["hedge"], "rendering_text": "hedges", "freq_rank": 12000, "pos": "NOUN"}])
FR2 = sentence("Paris dort.", [["Paris", 0, 5, "Paris", "PROPN", True], ["dort", 6, 10, "dormir", "VERB", True],
                                ["." , 10, 11, ".", "PUNCT", False]],
               [{"token": 1, "senses": ["to sleep"], "freq_rank": 900, "pos": "VERB"}])
EN1 = sentence("The hedges and 3 hedges.", [])
EN2 = sentence("Paris sleeps.", [])


def test_one_item_per_lemma_in_order_with_counts_and_first_context():
    items = collect_vocabulary([bead([FR1], [EN1]), bead([FR2], [EN2])], {}, level=2000)
    assert [i.lemma for i in items] == ["le", "haie", "et", "dormir"]  # no number, no proper noun
    haie = items[1]
    assert haie.count == 2 and haie.word == "haies" and haie.gloss_text == "hedges; hedge"
    assert haie.marked == "Les <b>haies</b> &lt;et&gt; 3 haies." and haie.translation == "The hedges and 3 hedges."
    assert haie.needs_gloss and not items[3].needs_gloss


def test_statuses_drive_counts_and_the_words_to_learn():
    items = collect_vocabulary([bead([FR1], [EN1]), bead([FR2], [EN2])],
                               {"le": "known", "et": "ignore", "dormir": "learning"}, level=2000)
    counts = count_words(items)
    assert counts.as_dict() == dict(known=1, learning=1, ignore=1, new=1, rare=1, total=4)
    assert [i.lemma for i in words_to_learn(items)] == ["dormir"]
    assert [i.lemma for i in words_to_learn(items, include_new=True)] == ["haie", "dormir"]


def test_mark_word_escapes_html_around_the_marked_word():
    assert mark_word("a <b> c", 3, 4) == "a &lt;<b>b</b>&gt; c"


def test_cached_rarity_gives_the_same_counts_as_the_full_vocabulary():
    from bireader.learner.vocabulary import count_lemmas, lemma_rarity

    beads = [bead([FR1], [EN1]), bead([FR2], [EN2])]
    statuses = {"le": "known", "et": "ignore", "dormir": "learning"}
    for level in (100, 2000, 50000):
        expected = count_words(collect_vocabulary(beads, statuses, level))
        assert count_lemmas(lemma_rarity(beads, level), statuses) == expected


def test_the_translation_is_marked_where_the_gloss_renders_the_word():
    en = sentence('"The hedges" & 3 hedges.', [['"', 0, 1, '"', "PUNCT", False], ["The", 1, 4, "the", "DET", True],
                                               ["hedges", 5, 11, "hedge", "NOUN", True]])
    fr = sentence("Les haies.", [["Les", 0, 3, "le", "DET", True], ["haies", 4, 9, "haie", "NOUN", True]],
                  [{"token": 1, "senses": ["hedge"], "rendering": [2], "rendering_text": "hedges", "pos": "NOUN"}])
    haie = collect_vocabulary([bead([fr], [en])], {}, level=2000)[1]
    assert haie.translation_marked == '"The <b>hedges</b>" &amp; 3 hedges.'
    assert (haie.start, haie.end) == (4, 9)


def test_mark_rendering_counts_tokens_across_the_sentences_of_a_bead():
    from bireader.learner.vocabulary import mark_rendering

    one = sentence("It rains.", [["It", 0, 2], ["rains", 3, 8], [".", 8, 9]])
    two = sentence("He ran along.", [["He", 0, 2], ["ran", 3, 6], ["along", 7, 12], [".", 12, 13]])
    assert mark_rendering([one, two], [4, 5]) == "It rains. He <b>ran</b> <b>along</b>."
    assert mark_rendering([one, two], []) == "It rains. He ran along."
