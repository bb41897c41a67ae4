"""The compiled lexicon as its two users (aligner, glosser) need it."""

from bireader.lexicon import Lexicon, Sense, content_words, english_words, headword_tokens, load_lexicon


def test_french_english_lookup_by_lemma_gives_dictionary_sense_first():
    lex = load_lexicon("fr", "en")
    assert lex.source_lang == "fr" and lex.target_lang == "en"
    assert lex.senses("maison")[0].text == "house"
    assert lex.senses("maison")[0].source == "freedict"
    assert "chat" in lex and "Chat" in lex and "xyzzyq" not in lex


def test_english_french_direction_exists():
    lex = load_lexicon("en", "fr")
    assert any("maison" in s.text for s in lex.senses("house"))


def test_load_is_cached():
    assert load_lexicon("fr", "en") is load_lexicon("fr", "en")


def test_pos_filters_when_it_matches_and_falls_back_otherwise():
    lex = Lexicon.from_rows(
        "fr", "en",
        [["avoir", "VERB", "freedict", "have"], ["avoir", "NOUN", "freedict", "assets"], ["de", "", "freedict", "of"]],
    )
    assert [s.text for s in lex.senses("avoir", "NOUN")] == ["assets"]
    assert [s.text for s in lex.senses("avoir", "AUX")] == ["have"]  # AUX looks up verbs
    assert [s.text for s in lex.senses("avoir", "ADJ")] == ["have", "assets"]  # no match: all senses
    assert [s.text for s in lex.senses("de", "ADP")] == ["of"]


def test_pronominal_verb_found_without_its_pronoun():
    lex = Lexicon.from_rows("fr", "en", [["s'évanouir", "VERB", "freedict", "faint"]])
    assert lex.senses("évanouir")[0].text == "faint"


def test_multiword_headwords_are_token_tuples():
    mw = load_lexicon("fr", "en").multiword()
    assert ("pomme", "de", "terre") in mw
    assert ("il", "y", "a") in mw
    assert all(len(t) > 1 for t in mw)


def test_headword_tokens_split_elisions_like_the_tokenisers():
    assert headword_tokens("de l'Amérique du Nord") == ("de", "l'", "amérique", "du", "nord")
    assert headword_tokens("aujourd'hui") == ("aujourd'hui",)


def test_english_words_drop_infinitive_marker_parentheticals_and_placeholders():
    assert english_words(Sense("to look after (someone), tend", "VERB", "freedict")) == ["look", "tend"]
    assert english_words(Sense("to be concerned with something", "VERB", "freedict")) == ["concerned"]
    assert english_words(Sense("of", None, "freedict")) == ["of"]  # a function word alone is kept
    assert content_words(Sense("se précipiter, courir", None, "freedict"), "fr") == ["précipiter", "courir"]


def test_every_sense_has_a_known_source():
    lex = load_lexicon("fr", "en")
    sources = {s.source for lemma in lex.lemmas()[:3000] for s in lex.senses(lemma)}
    assert sources <= {"freedict", "freedict-reverse", "apertium-pivot", "derived", "induced"}
    assert {"freedict", "apertium-pivot"} <= sources
