"""Finding running-text tokens whose lemma is no headword."""

from bireader.lexicon import load_lexicon
from bireader.lexicon.lookup import find_senses

FR_EN = load_lexicon("fr", "en")


def test_lemma_first_then_form():
    assert find_senses(FR_EN, "maisons", "maison", "NOUN")[0] == "maison"
    key, senses = find_senses(FR_EN, "chats", "", None)
    assert key == "chat" and senses[0].text == "cat"


def test_ligature_spelt_out_is_found():
    key, senses = find_senses(FR_EN, "soeur", "soeur", "NOUN")
    assert key == "sœur" and senses[0].text == "sister"


def test_adverb_in_ment_is_derived_from_its_adjective():
    key, senses = find_senses(FR_EN, "tendrement", "tendrement", "ADV")
    assert key == "tendre"
    assert all(s.source == "derived" for s in senses)
    assert any("tenderly" in s.text for s in senses)


def test_unknown_word_gives_no_senses():
    assert find_senses(FR_EN, "pétunait", "pétuner", "VERB") == ("pétuner", [])


def test_learned_words_the_dictionaries_lack_are_found_as_cognates_both_ways():
    key, senses = find_senses(FR_EN, "entomologique", "entomologique", "ADJ")
    assert senses[0].text == "entomological" and senses[0].source == "cognate"
    key, senses = find_senses(load_lexicon("en", "fr"), "banality", "banality", "NOUN")
    assert senses and senses[0].text == "banalité" and senses[0].source == "cognate"


def test_possessive_pronouns_are_his_and_hers():
    # Candide: "la raison suffisante du jeune Candide, qui pouvait aussi être la sienne" (Cunégonde's: hers)
    key, senses = find_senses(FR_EN, "sienne", "sienne", "NOUN")
    assert key == "sien" and "hers" in senses[0].text and senses[0].source == "grammar"
    assert find_senses(FR_EN, "miennes", "mien", "PRON")[1][0].text == "mine"
    assert find_senses(FR_EN, "tiens", "tenir", "VERB")[0] == "tenir"  # "Tiens !": the verb
    assert find_senses(FR_EN, "notre", "notre", "DET")[1] != find_senses(FR_EN, "nôtre", "nôtre", "PRON")[1]
