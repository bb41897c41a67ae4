"""The systematic errors a learner saw in the seed texts' glosses, each family on hand-made cases.

- renderings the aligner makes up for words the translation leaves out: a content word rendered only by English
  function words (``ménager`` -> "and"), a function word rendered only by a content word (``et`` -> "only"),
  punctuation (``dit`` -> '"');
- pieces of a hyphenated name the tokenizer cut (``Thunder-ten-tronckh``: ``tronckh``) glossed as words;
- old spellings (``fesait``) and ligature-less spellings (``moeurs``) that the aligner's priors missed (the
  lookups: tests/lexicon/test_lexicon_spellings.py).
"""

from bireader.document import Bead, Token
from bireader.gloss.glosses import hyphenated_name_parts, plausible_rendering
from bireader.gloss.wordalign import lexical_priors
from bireader.lexicon import load_lexicon
from bireader.lexicon.lookup import find_senses
from tests_gloss_helpers import make_document


def en(*words: str) -> list[Token]:
    return [Token(w, 0, len(w), w.lower(), "X") for w in words]


# --- renderings ------------------------------------------------------------------------------------------------

def test_content_word_rendered_only_by_function_words_is_dropped():
    assert not plausible_rendering("VERB", ["begrudge, regret", "handle"], en("and"), "en", "ménager")
    assert not plausible_rendering("NOUN", ["habit", "custom"], en("with"), "en", "mœurs")
    assert not plausible_rendering("VERB", ["achieve, act, do, make"], en("his"), "en", "faire")
    assert not plausible_rendering("ADV", ["however"], en("him"), "en", "cependant")
    assert not plausible_rendering("ADV", ["no"], en("could"), "en", "encore")


def test_content_word_rendered_by_a_content_word_or_as_the_dictionary_says_is_kept():
    assert plausible_rendering("VERB", ["begrudge, regret", "handle"], en("spare"), "en", "ménager")
    assert plausible_rendering("ADV", ["about, approximately"], en("about"), "en", "environ")  # a function word the
    assert plausible_rendering("ADV", ["not"], en("not"), "en", "pas")                        # dictionary gives


def test_verb_may_be_rendered_by_an_auxiliary_or_a_particle():
    assert plausible_rendering("VERB", ["be able to"], en("could"), "en", "pouvoir")
    assert plausible_rendering("VERB", ["have, have got"], en("had"), "en", "avoir")
    assert plausible_rendering("VERB", ["finish, end"], en("over"), "en", "finir")
    assert not plausible_rendering("VERB", ["carry, wear"], en("a"), "en", "porter")


def test_negation_may_be_rendered_by_the_auxiliary_of_do_support_or_by_any_negation():
    assert plausible_rendering("ADV", ["no"], en("not"), "en", "ne")
    assert plausible_rendering("ADV", ["no"], en("did"), "en", "ne")
    assert plausible_rendering("NOUN", ["person"], en("nobody"), "en", "personne")
    assert not plausible_rendering("ADV", ["no"], en("him"), "en", "ne")


def test_function_word_rendered_only_by_content_words_is_dropped():
    assert not plausible_rendering("CCONJ", ["and"], en("only"), "en", "et")
    assert not plausible_rendering("PRON", ["who"], en("massacred"), "en", "qui")
    assert plausible_rendering("CCONJ", ["and"], en("and"), "en", "et")
    assert plausible_rendering("PRON", ["he, him"], en("she"), "en", "il")  # a pronoun for a pronoun: kept


def test_punctuation_alone_renders_nothing():
    assert not plausible_rendering("VERB", ["say, tell"], en('"'), "en", "dire")
    assert plausible_rendering("VERB", ["say, tell"], en('"', "said"), "en", "dire")


def test_glosser_drops_an_implausible_rendering_in_context(monkeypatch):
    """The aligner's links are forced here, so the test is about the glosser's choice, not eflomal's sampling."""
    import bireader.gloss.glosses as glosses
    from bireader.gloss.wordalign import Alignment

    fr = make_document(["Il veut ménager les masses et la raison."], "fr")
    eng = make_document(["He wants to spare the masses and reason."], "en")
    fr_tokens = list(fr.sentences())[0].tokens
    en_tokens = list(eng.sentences())[0].tokens
    i = {t.text: k for k, t in enumerate(fr_tokens)}
    j = {t.text: k for k, t in enumerate(en_tokens)}
    # ménager -> "and" (made up), masses -> "masses" (right), et -> "reason" (made up), raison -> "reason"
    links = {(i["ménager"], j["and"]), (i["masses"], j["masses"]), (i["et"], j["reason"]),
             (i["raison"], j["reason"]), (i["."], j["."])}
    monkeypatch.setattr(glosses, "align_words", lambda src, trg, **kw: [Alignment(links=links, grown=links)])
    out = glosses.gloss_bitext(fr, eng, [Bead([0], [0])])
    by_text = {fr_tokens[g.token].text: g for g in list(out.values())[0]}
    assert by_text["ménager"].rendering == []
    assert by_text["et"].rendering == []
    assert by_text["masses"].rendering_text == "masses"
    assert by_text["raison"].rendering_text == "reason"


# --- hyphenated names ------------------------------------------------------------------------------------------

def test_pieces_of_a_hyphenated_name_are_not_gloss_worthy():
    doc = make_document(["Le baron de Thunder-ten-tronckh vit le Royaume-Uni et une belle-mère."], "fr")
    tokens = list(doc.sentences())[0].tokens
    lex = load_lexicon("fr", "en")
    parts = hyphenated_name_parts(tokens, lambda k: bool(find_senses(lex, tokens[k].text, tokens[k].lemma,
                                                                      tokens[k].pos)[1]))
    texts = {tokens[k].text for k in parts}
    assert "tronckh" in texts
    assert not texts & {"baron", "Royaume", "Uni", "belle", "mère"}

    from bireader.gloss import gloss_monolingual

    glosses = list(gloss_monolingual(doc, "en").values())[0]
    worthy = {tokens[g.token].text for g in glosses if g.gloss_worthy}
    assert "tronckh" not in worthy and "baron" in worthy


# --- spellings -------------------------------------------------------------------------------------------------

def test_aligner_priors_know_old_and_ligature_less_spellings():
    priors = lexical_priors([["moeurs", "fesait"]], [["custom", "do"]])
    assert ("moeurs", "custom") in priors
    assert ("fesait", "do") in priors
