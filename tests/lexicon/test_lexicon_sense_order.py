"""English→French sense order: senses that fit the token's part of speech first, the dictionary's own cognate
first (issue 12: first sense right on bench/data/first_sense_en.tsv)."""

from bireader.document import Token
from bireader.gloss.glosses import _Glosser
from bireader.lexicon import Sense, load_lexicon
from bireader.lexicon.lookup import cognate_first, pos_split, sense_pos

EN_FR = load_lexicon("en", "fr")
FR_EN = load_lexicon("fr", "en")


def _first(form, lemma, pos, source="en", target="fr"):
    return _Glosser(source, target).lookup(Token(form, 0, len(form), lemma, pos))[1][0]


def test_untagged_senses_get_the_part_of_speech_of_their_french_words():
    assert sense_pos(FR_EN, "nombre") == {"NOUN"}
    assert sense_pos(FR_EN, "baser") == {"VERB"}
    assert sense_pos(FR_EN, "se méfier") == {"VERB"}
    assert sense_pos(FR_EN, "abject, lâche") == {"ADJ"}  # the first tagged word decides
    assert sense_pos(FR_EN, "zzzq") == frozenset()


def test_senses_of_another_part_of_speech_go_after_the_fitting_ones():
    fitting, others = pos_split(EN_FR, EN_FR.senses("base", "NOUN"), "NOUN")
    assert "baser" in [s.text for s in others] and fitting[0].text != "baser"
    assert _first("bases", "base", "NOUN") == "base"
    assert _first("circled", "circle", "VERB") != "cercle"  # the noun sense no longer leads the verb
    # French→English senses are left alone: their English words are both nouns and verbs
    senses = FR_EN.senses("présent", "ADJ")
    assert pos_split(FR_EN, senses, "ADJ") == (senses, [])


def test_the_dictionarys_own_cognate_comes_first_toward_french_and_first_in_its_sense():
    assert _first("stabilize", "stabilize", "VERB") == "stabiliser"  # before the pivot's "asseoir"
    assert _first("employed", "employ", "VERB").startswith("employer")  # FreeDict: "appliquer, employer, ..."
    senses = [Sense("asseoir", "VERB", "x"), Sense("stabiliser", "VERB", "x")]
    assert [s.text for s in cognate_first("stabilize", senses)] == ["stabiliser", "asseoir"]
    # French→English keeps its order: "destin" is "fate", not the false friend "destination"
    assert _first("destin", "destin", "NOUN", "fr", "en") != "destination"


def test_the_issues_english_words():
    assert _first("stories", "story", "NOUN").startswith("histoire")  # not "étage"
    assert _first("hung", "hang", "VERB").startswith("pendre")  # not "télécharger"
    assert not _Glosser("en", "fr").lookup(Token("hounds", 0, 6, "hound", "NOUN"))[1]  # not "torturer"


def test_a_mistagged_word_keeps_the_senses_that_translate_back_to_it():
    # the tagger reads "justify" and "inflicts" as nouns and "hunting" as a verb: the dictionary's senses are all of
    # the other part of speech, but they translate back to the word, so the word is that verb (or noun)
    assert _first("justify", "justify", "NOUN") == "justifier"
    assert _first("inflicts", "inflict", "NOUN") == "infliger"
    assert _first("hunting", "hunting", "VERB") == "chasse"
    # a noun whose verb senses are not its own still gets none ("hounds": "torturer" is "torture")
    assert not _Glosser("en", "fr").lookup(Token("hounds", 0, 6, "hound", "NOUN"))[1]
