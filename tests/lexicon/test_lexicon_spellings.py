"""Spellings the dictionary lacks: old French (``fesait``, ``avoit``) and no ligature (``moeurs``)."""

from bireader.lexicon import load_lexicon
from bireader.lexicon.lookup import find_senses, spelling_variants


def test_old_spellings_are_found_under_their_modern_form():
    lex = load_lexicon("fr", "en")
    assert "faisait" in spelling_variants("fesait")
    assert "avait" in spelling_variants("avoit")
    for old, modern in [("fesait", "faire"), ("fesant", "faire"), ("fesaient", "faire"), ("avoit", "avoir")]:
        headword, senses = find_senses(lex, old, old, "VERB")
        assert headword == modern and senses, old
    # a word that merely starts like one is itself: "fesse" stays "fesse"
    assert find_senses(lex, "fesse", "fesse", "NOUN")[0] == "fesse"


def test_ligature_less_spelling_gets_the_senses_of_both_spellings():
    lex = load_lexicon("fr", "en")
    ligature = {s.text for s in lex.senses("mœurs")}
    headword, senses = find_senses(lex, "moeurs", "moeurs", "NOUN")
    assert headword == "mœurs"
    assert ligature <= {s.text for s in senses}
