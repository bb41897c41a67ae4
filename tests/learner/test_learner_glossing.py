"""Which words get an inline gloss, and under which key a word's status is kept."""

from bireader.learner.glossing import gloss_text, is_countable, needs_gloss, word_key

RARE = {"pos": "NOUN", "freq_rank": 9000, "senses": ["hedge"], "rendering_text": "hedges"}


def test_a_rare_new_word_needs_a_gloss_and_a_common_one_does_not():
    assert needs_gloss(RARE, None, level=2000)
    assert not needs_gloss(dict(RARE, freq_rank=800), None, level=2000)
    assert needs_gloss(dict(RARE, freq_rank=800), None, level=500)


def test_known_and_ignored_words_are_never_glossed_and_learning_words_always_are():
    assert not needs_gloss(RARE, "known", 2000)
    assert not needs_gloss(RARE, "ignore", 2000)
    assert needs_gloss(dict(RARE, freq_rank=10), "learning", 2000)


def test_proper_nouns_and_numbers_are_never_glossed():
    assert not needs_gloss(dict(RARE, pos="PROPN"), None, 2000)
    assert not needs_gloss(dict(RARE, pos="NOUN"), None, 2000, pos="NUM")
    assert not needs_gloss(dict(RARE, pos="PROPN"), "learning", 2000)


def test_words_without_anything_to_show_or_not_worth_glossing_get_no_gloss():
    assert not needs_gloss(None, None, 2000)
    assert not needs_gloss({"pos": "NOUN", "freq_rank": 9000, "senses": []}, None, 2000)
    assert not needs_gloss(dict(RARE, gloss_worthy=False), None, 2000)
    assert needs_gloss(dict(RARE, freq_rank=None), None, 2000)  # unknown frequency counts as rare


def test_gloss_text_puts_the_translation_first_and_skips_repeats():
    assert gloss_text({"rendering_text": "hedges", "senses": ["hedges", "hedgerow", "fence"]}) == "hedges; hedgerow"
    assert gloss_text({"senses": ["hedge", "hedgerow", "fence"]}, senses=1) == "hedge"
    assert gloss_text(None) == ""


def test_word_key_is_the_lower_cased_lemma_or_the_form():
    assert word_key(["Maisons", 0, 7, "maison", "NOUN", True]) == "maison"
    assert word_key(["Étaient", 0, 7, "", "AUX", True]) == "étaient"


def test_punctuation_numbers_and_proper_nouns_are_not_countable_words():
    assert is_countable(["haies", 0, 5, "haie", "NOUN", True])
    assert not is_countable([",", 0, 1, ",", "PUNCT", False])
    assert not is_countable(["1938", 0, 4, "1938", "NUM", True])
    assert not is_countable(["Paris", 0, 5, "Paris", "PROPN", True])
    assert not is_countable(["--", 0, 2, "--", "X", True])


def test_inline_glosses_are_short():
    from bireader.learner.glossing import inline_gloss

    assert inline_gloss({"senses": ["balafre, cicatrice", "marque"]}) == "balafre"
    assert inline_gloss({"rendering_text": "ran along", "senses": ["to skirt"]}) == "ran along"
    # 22 characters at most
    assert inline_gloss({"senses": ["a very long dictionary sense indeed"]}) == "a very long dictionar…"
    assert inline_gloss(None) == ""


def test_a_sense_that_repeats_the_rendering_is_left_out():
    assert gloss_text({"rendering_text": "tapestry", "senses": ["tapestry, wall covering", "hanging"]}) == "tapestry; hanging"


def test_the_reader_and_the_glosser_decide_rarity_the_same_way():
    from bireader.gloss import TokenGloss, needs_gloss as glosser_needs_gloss

    for rank in (None, 1, 499, 500, 501, 2000, 2001, 90000):
        for level in (500, 2000, 25000):
            gloss = TokenGloss(token=0, lemma="haie", pos="NOUN", senses=["hedge"], rendering=[], rendering_text="",
                               freq_rank=rank, band=1, gloss_worthy=True)
            assert needs_gloss(gloss.to_dict(), None, level) == glosser_needs_gloss(gloss, level, set()), (rank, level)


def test_rare_below_says_at_which_levels_a_new_word_needs_its_gloss():
    """The reader keeps one number per word instead of its gloss: it must agree with needs_gloss everywhere."""
    from hypothesis import given, strategies as st

    from bireader.learner.glossing import rare_below

    glosses = st.fixed_dictionaries({}, optional={
        "pos": st.sampled_from(["NOUN", "VERB", "PROPN", "NUM", None]),
        "freq_rank": st.one_of(st.none(), st.integers(1, 60000)),
        "senses": st.lists(st.sampled_from(["", "hedge", "to rain"]), max_size=2),
        "rendering_text": st.sampled_from(["", " ", "hedges"]),
        "gloss_worthy": st.booleans()})

    @given(glosses, st.sampled_from(["NOUN", "ADJ", "PROPN", None]), st.integers(1, 100000))
    def agrees(gloss, pos, level):
        assert needs_gloss(gloss, None, level, pos) == (level < rare_below(gloss, pos))

    agrees()
    for level in (8999, 9000, 9001):  # at the boundary: a word of rank 9000 is rare below level 9000 only
        assert needs_gloss(RARE, None, level) == (level < rare_below(RARE)) == (level < 9000)
    assert rare_below({"pos": "PROPN", "freq_rank": 90000, "senses": ["Paris"]}) == 0
    assert rare_below(None) == 0
