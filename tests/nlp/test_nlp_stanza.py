"""The stanza engine without its models: conversion of real stanza Documents, and loading errors for real.

Needs the stanza package (the test setup installs ``torch==2.13.0 stanza``); its models are never downloaded.
"""

import json

import pytest
import stanza
from stanza.models.common.doc import Document

from bireader.nlp import EngineUnavailable, get_engine
from bireader.nlp.stanza_engine import StanzaEngine, sentences_from_stanza, stanza_models_present

PARAGRAPH = "Il vint au château. « Pensez-vous ? » dit-il."


def word(id_, text, lemma, upos, start=None, end=None):
    entry = {"id": id_, "text": text, "lemma": lemma, "upos": upos}
    if start is not None:
        entry.update(start_char=start, end_char=end)
    return entry


def french_document() -> Document:
    """What stanza's French pipeline makes of PARAGRAPH: 'au' is a multi-word token (à + le)."""
    first = [
        word(1, "Il", "il", "PRON", 0, 2),
        word(2, "vint", "venir", "VERB", 3, 7),
        {"id": (3, 4), "text": "au", "start_char": 8, "end_char": 10},
        word(3, "à", "à", "ADP"),
        word(4, "le", "le", "DET"),
        word(5, "château", "château", "NOUN", 11, 18),
        word(6, ".", ".", "PUNCT", 18, 19),
    ]
    second = [
        word(1, "«", "«", "PUNCT", 20, 21),
        word(2, "Pensez", "penser", "VERB", 22, 28),
        word(3, "-vous", "vous", "PRON", 28, 33),
        word(4, "?", "?", "PUNCT", 34, 35),
        word(5, "»", "»", "PUNCT", 36, 37),
        word(6, "dit", "dire", "VERB", 38, 41),
        word(7, "-il", "il", "PRON", 41, 44),
        word(8, ".", ".", "PUNCT", 44, 45),
    ]
    return Document([first, second], text=PARAGRAPH)


def test_conversion_gives_exact_substrings_with_paragraph_offsets():
    sentences = sentences_from_stanza(french_document(), PARAGRAPH)
    assert [s.text for s in sentences] == ["Il vint au château.", "« Pensez-vous ? » dit-il."]
    assert [s.start for s in sentences] == [0, 20]
    for sentence in sentences:
        assert sentence.id == ""
        for token in sentence.tokens:
            assert PARAGRAPH[token.start : token.end] == token.text


def test_a_multi_word_token_stays_one_surface_token_with_its_first_words_analysis():
    tokens = sentences_from_stanza(french_document(), PARAGRAPH)[0].tokens
    assert [t.text for t in tokens] == ["Il", "vint", "au", "château", "."]
    au = tokens[2]
    assert (au.lemma, au.pos, au.is_word) == ("à", "ADP", True)
    assert (tokens[1].lemma, tokens[1].pos) == ("venir", "VERB")


def test_punctuation_is_not_a_word():
    tokens = sentences_from_stanza(french_document(), PARAGRAPH)[1].tokens
    assert [t.text for t in tokens if not t.is_word] == ["«", "?", "»", "."]
    assert [t.lemma for t in tokens if t.is_word] == ["penser", "vous", "dire", "il"]


def test_missing_lemma_falls_back_to_the_lower_cased_form():
    doc = Document([[{"id": 1, "text": "Bonjour", "start_char": 0, "end_char": 7}]], text="Bonjour")
    token = sentences_from_stanza(doc, "Bonjour")[0].tokens[0]
    assert (token.lemma, token.pos) == ("bonjour", "X")


def test_empty_model_folder_is_unavailable_with_the_command_that_fixes_it(tmp_path):
    with pytest.raises(EngineUnavailable) as caught:
        StanzaEngine(str(tmp_path))
    message = str(caught.value)
    assert str(tmp_path) in message and "resources.json" in message
    assert "bireader models download" in message
    assert not stanza_models_present(str(tmp_path))


def test_model_files_missing_behind_a_resources_file_is_unavailable_too(tmp_path):
    (tmp_path / "resources.json").write_text(json.dumps(
        {"fr": {"lang_name": "French", "default_processors": {"tokenize": "gsd", "mwt": "gsd", "pos": "gsd",
                                                              "lemma": "gsd"}},
         "en": {"lang_name": "English", "default_processors": {"tokenize": "ewt"}}}))
    (tmp_path / "fr").mkdir()
    (tmp_path / "en").mkdir()
    assert stanza_models_present(str(tmp_path))  # the cheap check passes; loading does not
    with pytest.raises(EngineUnavailable, match="do not load from"):
        StanzaEngine(str(tmp_path))


def test_auto_falls_back_to_offline_and_stanza_refuses(tmp_path):
    assert get_engine("auto", str(tmp_path)).name == "offline"
    with pytest.raises(EngineUnavailable):
        get_engine("stanza", str(tmp_path))


def test_stanza_dir_defaults_to_the_environment(tmp_path, monkeypatch):
    from bireader.nlp.stanza_engine import stanza_dir_path

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert stanza_dir_path() == tmp_path
    assert stanza_dir_path("/elsewhere") != tmp_path
    assert stanza.__version__  # the package the conversion was written against is importable


def test_engine_batches_paragraphs_and_skips_blank_ones(monkeypatch, tmp_path):
    """The engine's own plumbing, with stanza's Pipeline replaced by one that returns the documents above."""
    from bireader.nlp import stanza_engine

    calls = []

    def fake_pipeline(lang, folder, processors):
        def run(documents):
            calls.append((lang, processors, [d.text for d in documents]))
            return [french_document() for _ in documents]
        return run

    monkeypatch.setattr(stanza_engine, "_pipeline", fake_pipeline)
    engine = StanzaEngine(str(tmp_path))
    assert engine.name == "stanza" and engine.version.startswith(f"stanza {stanza.__version__}")
    result = engine.analyse([PARAGRAPH, "  ", PARAGRAPH], "fr")
    assert [len(p) for p in result] == [2, 0, 2]
    assert calls[-1] == ("fr", "tokenize,mwt,pos,lemma", [PARAGRAPH, PARAGRAPH])  # one batch, blanks left out
    assert engine.split([PARAGRAPH], "fr") == [["Il vint au château.", "« Pensez-vous ? » dit-il."]]
    assert calls[-1][1] == "tokenize"
