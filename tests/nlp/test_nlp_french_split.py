"""French dashes and hyphens: Gutenberg's ``--`` is punctuation, imperative clitic chains are a verb and its pronouns,
lower-case compounds stay one word (bireader/nlp/french_split.py and the offline engine that uses it)."""

import pytest

from bireader.nlp import get_engine
from bireader.nlp.french_split import forced_pieces, respect_pieces


def pieces(text):
    return [[text[a:b] for a, b in group] for group in forced_pieces(text)]


def test_dash_runs_are_pieces_wherever_they_are_glued():
    assert pieces("civilement.--Messieurs") == [["--"]]
    assert pieces("Oui!--Non---pas") == [["--"], ["---"]]
    assert pieces("pieds--, Bien.—Non") == [["--"], ["—"]]
    assert pieces("un mot - un autre") == []  # a lone spaced hyphen is left to the tokenizer


@pytest.mark.parametrize("text, expected", [
    ("Donne-le-moi", ["Donne", "-le", "-moi"]),
    ("dites-le-lui", ["dites", "-le", "-lui"]),
    ("allez-vous-en", ["allez", "-vous", "-en"]),
    ("rends-les-nous", ["rends", "-les", "-nous"]),
    ("a-t-il", ["a", "-t", "-il"]),
    ("va-t'en", ["va", "-t'"]),
    ("donnez-m’en", ["donnez", "-m’"]),
    ("--Qu'as-tu", ["as", "-tu"]),
])
def test_clitic_chains_are_cut_into_the_verb_and_its_pronouns(text, expected):
    assert expected in pieces(text)


@pytest.mark.parametrize("text", ["sur-le-champ", "à-la-fois", "Philippe-le-Bel", "rendez-vous", "m'as-tu-vu",
                                  "Thunder-ten-tronckh", "Royaume-Uni"])
def test_words_that_only_look_like_clitic_chains_are_not_cut(text):
    assert all(len(group) == 1 for group in pieces(text))


def test_demonstrative_particles_and_lower_case_compounds():
    assert pieces("cet homme-là") == [["homme", "-là"]]
    assert pieces("celui-là, jusque-là") == [["celui-là"], ["jusque-là"]]  # whole, like "celle-ci"
    assert pieces("là-bas, chef-d'oeuvre") == [["là-bas"], ["chef-d'oeuvre"]]


def test_respect_pieces_merges_and_cuts_tokens_around_forced_pieces():
    text = "dis-le. civilement.--Messieurs"
    tokens = [(0, 3), (3, 4), (4, 6), (6, 7), (8, 30)]  # dis | - | le | . | civilement.--Messieurs

    def retokenize(start, end):  # a stand-in tokenizer: a final stop is a token
        return [(start, end - 1), (end - 1, end)] if text[end - 1] == "." else [(start, end)]

    recut = respect_pieces(tokens, forced_pieces(text), retokenize)
    assert [text[a:b] for a, b in recut] == ["dis", "-le", ".", "civilement", ".", "--", "Messieurs"]


@pytest.fixture(scope="module")
def engine():
    return get_engine("offline")


def analysed(engine, text, lang="fr"):
    sentences = engine.analyse([text], lang)[0]
    tokens = [t for s in sentences for t in s.tokens]
    for t in tokens:
        assert text[t.start : t.end] == t.text
    return tokens


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_gutenberg_double_dash_is_a_punctuation_token(engine, lang):
    text = "Il parla civilement.--Messieurs, dit-il. Burlington Gardens--maison---fin."
    tokens = analysed(engine, text, lang)
    texts = [t.text for t in tokens]
    assert texts[:6] == ["Il", "parla", "civilement", ".", "--", "Messieurs"]
    assert texts[-7:] == ["Burlington", "Gardens", "--", "maison", "---", "fin", "."]
    dashes = [t for t in tokens if t.text in ("--", "---")]
    assert len(dashes) == 3 and all(not t.is_word and t.pos == "PUNCT" for t in dashes)


@pytest.mark.parametrize("text, verb, lemma, pronouns", [
    ("Donne-le-moi.", "Donne", "donner", [("-le", "le"), ("-moi", "moi")]),
    ("Mais dites-le-lui !", "dites", "dire", [("-le", "le"), ("-lui", "lui")]),
    ("Allez-vous-en.", "Allez", "aller", [("-vous", "vous"), ("-en", "en")]),
    ("Rends-les-nous, dit-il.", "Rends", "rendre", [("-les", "le"), ("-nous", "nous")]),
    ("--Peux-tu venir?", "Peux", "pouvoir", [("-tu", "tu")]),
    ("Demande-lui.", "Demande", "demander", [("-lui", "lui")]),
    ("Va-t'en.", "Va", "aller", [("-t'", "te")]),
])
def test_imperative_clitic_chains_are_a_verb_and_its_pronouns(engine, text, verb, lemma, pronouns):
    tokens = {t.text: t for t in analysed(engine, text)}
    assert (tokens[verb].pos, tokens[verb].lemma) == ("VERB", lemma)
    for form, pronoun in pronouns:
        assert (tokens[form].pos, tokens[form].lemma, tokens[form].is_word) == ("PRON", pronoun, True)


def test_first_group_verbs_get_their_infinitive(engine):
    tokens = {t.text: t for t in analysed(engine, "Il donne le pain et il demande du vin.")}
    assert tokens["donne"].lemma == "donner" and tokens["demande"].lemma == "demander"


def test_demonstrative_particle_and_compounds(engine):
    tokens = {t.text: t for t in analysed(engine, "Cet homme-là partit là-bas avec cinquante-cinq francs.")}
    assert tokens["homme"].lemma == "homme" and (tokens["-là"].pos, tokens["-là"].lemma) == ("ADV", "là")
    assert "là-bas" in tokens and "cinquante-cinq" in tokens and "-" not in tokens


def test_hyphenated_words_keep_a_lemma_that_is_a_word(engine):
    tokens = {t.text: t for t in analysed(engine, "Il passa par-dessus les plates-bandes, là-dessous, à quatre-vingt-six pas.")}
    assert tokens["par-dessus"].lemma == "par-dessus" and tokens["là-dessous"].lemma == "là-dessous"
    assert tokens["plates-bandes"].lemma == "plate-bande"
    assert (tokens["quatre-vingt-six"].pos, tokens["quatre-vingt-six"].lemma) == ("NUM", "quatre-vingt-six")


def test_english_possessive_before_a_hyphen_is_not_made_a_french_compound():
    assert pieces("Lincoln's-inn") == []
