"""The glosser reads a French word with the dictionary where the tagger's lemma or tag cannot be right (issue 12:
``commis`` lemmatised ``commettre``, ``domestique`` tagged ADJ, ``difforme`` VERB, ``pâlit`` ADV, ``toque`` ADJ)."""

import pytest

from bireader.gloss.glosses import _Glosser
from tests_gloss_helpers import make_document

SENTENCES = [
    "Elle se laissa marier avec un petit commis du ministère de l'instruction publique.",
    "Il se cachait après avoir commis un crime épouvantable.",
    "Il avait amené avec lui un domestique français.",
    "Le nouveau domestique entra.",
    "Il est difforme comme un bossu.",
    "Il porte une burlesque toque de magistrat.",
    "Dz. pâlit, pinça les lèvres, se leva de table.",
    "Un grand homme vint, on le sait.",
]


@pytest.fixture(scope="module")
def read():
    doc = make_document(SENTENCES, "fr")
    glosser = _Glosser("fr", "en")
    out = {}
    for n, sentence in enumerate(doc.sentences()):
        glosses = glosser.sentence(sentence.tokens, {}, [])
        out[n] = {t.text: (g.lemma, g.pos, g.senses) for t, g in zip(sentence.tokens, glosses)}
    return out


def test_a_verb_form_that_heads_a_noun_phrase_is_the_noun(read):
    lemma, pos, senses = read[0]["commis"]
    assert (lemma, pos) == ("commis", "NOUN") and "clerk" in senses[0]
    assert read[0]["petit"][1] == "ADJ"  # before the noun: still an adjective
    assert read[1]["commis"][0].startswith("commettre")  # "avoir commis un crime": the participle


def test_an_adjective_the_dictionary_gives_as_a_noun_first_heads_its_noun_phrase(read):
    assert read[2]["domestique"][:2] == ("domestique", "NOUN")
    assert read[2]["français"][1] == "ADJ"
    assert read[3]["domestique"][1] == "NOUN" and read[3]["nouveau"][1] == "ADJ"
    assert read[7]["grand"][1] == "ADJ"


def test_a_lemma_the_dictionary_lacks_gives_way_to_the_form(read):
    assert read[4]["difforme"][:2] == ("difforme", "ADJ") and read[4]["difforme"][2]
    assert read[5]["toque"][:2] == ("toque", "NOUN") and "cap" in read[5]["toque"][2][0]


def test_a_verb_tagged_as_an_adverb_is_a_verb(read):
    assert read[6]["pâlit"][:2] == ("pâlir", "VERB")


def test_a_pronoun_is_no_determiner(read):
    assert read[7]["sait"][1] == "VERB"  # "on le sait": "le" is the pronoun, "sait" no noun
