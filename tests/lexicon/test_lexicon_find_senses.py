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


EN_FR = load_lexicon("en", "fr")


def test_english_adverb_in_ly_is_derived_from_its_adjective_toward_french():
    # the mirror of "tendrement": the adjective's French senses made adverbs by the French rule
    key, senses = find_senses(EN_FR, "weakly", "weakly", "ADV")
    assert key == "weak" and senses[0].text == "faiblement" and senses[0].source == "derived"
    assert find_senses(EN_FR, "victoriously", "victoriously", "ADV")[1][0].text == "victorieusement"
    # an adverb the dictionary lists keeps its own senses
    assert find_senses(EN_FR, "narrowly", "narrowly", "ADV")[1][0].source != "derived"


def test_english_hyphenated_compound_is_glossed_by_its_head_named_before_the_sense():
    assert find_senses(EN_FR, "counter-espionage", "counter-espionage", "NOUN")[1][0].text == "contre-espionnage"
    key, senses = find_senses(EN_FR, "post-revolutionary", "post-revolutionary", "ADJ")
    assert key == "revolutionary" and senses[0].text == "revolutionary: révolutionnaire"
    assert senses[0].source == "derived"
    # a participle's compound is no sense of its verb ("stricken" is not "strike": "grève")
    assert find_senses(EN_FR, "poverty-stricken", "poverty-strike", "NOUN")[1] == []
    # nor is a prefix's short head ("co-opted" is not "opt")
    assert find_senses(EN_FR, "co-opted", "co-opt", "VERB")[1] == []
    assert find_senses(EN_FR, "broken-down", "broken-down", "NOUN")[1] == []  # a particle is no head


def test_english_learned_words_in_ize_and_tion_are_found_as_french_cognates():
    assert find_senses(EN_FR, "brutalized", "brutalize", "VERB")[1][0].text == "brutaliser"
    assert find_senses(EN_FR, "falsifications", "falsification", "NOUN")[1][0].text == "falsification"


def test_american_spellings_get_the_senses_of_the_british_ones():
    # Maupassant's English translation writes "parlor", "neighbor", "jeweler"; the dictionary has the British
    # spellings only, and the cognate rule read "parlor" as "parleur"
    assert find_senses(EN_FR, "parlor", "parlor", "NOUN")[1][0].text == "salon"
    assert find_senses(EN_FR, "neighbors", "neighbor", "NOUN")[1][0].text.startswith("voisin")
    assert "bijoutier" in find_senses(EN_FR, "jeweler", "jeweler", "NOUN")[1][0].text
    # a word's own senses stay first ("color" keeps its own, then "colour"'s)
    own = [s.text for s in EN_FR.senses("color", "NOUN")]
    merged = [s.text for s in find_senses(EN_FR, "color", "color", "NOUN")[1]]
    assert merged[: len(own)] == own and len(merged) > len(own)
