"""simplemma's lemma dictionaries held compactly (bireader/lemma_dictionaries.py) give the same lemmas."""

import subprocess
import sys

import pytest

from bireader.lemma_dictionaries import CompactDictionary


def test_every_form_of_both_dictionaries_and_words_outside_them_get_simplemmas_lemma():
    # in a child process: the replacement is process-wide and must not leak into other tests' simplemma
    script = """
import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY
from bireader.lemma_dictionaries import compact_lemma_dictionaries
probes = ["maisons", "Maisons", "gentilhomm", "aujourd'hui", "aujourd’hui", "l'homme", "qu'il", "1984", "xqzxqz",
          "porte-monnaie", "Œuvres", "tenderly", "houses", "didn't", "entomological", "fesait", "mœurs", "moeurs"]
before = {lang: dict(DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang).items()) for lang in ("fr", "en")}
lemmas = {(w, lang): simplemma.lemmatize(w, lang=lang) for w in probes for lang in ("fr", "en")}
simplemma.lemmatizer._legacy_lemmatizer_for.cache_clear()  # its lemmas, cached: they must be made again
assert compact_lemma_dictionaries() and compact_lemma_dictionaries()
for lang, table in before.items():
    compact = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
    assert type(compact).__name__ == "CompactDictionary" and len(compact) == len(table) > 180_000
    assert all(compact.get(form) == lemma for form, lemma in table.items())
    assert compact.get("xqzxqz") is None and "xqzxqz" not in compact
    assert ("maisons" if lang == "fr" else "houses") in compact
for (w, lang), lemma in lemmas.items():
    assert simplemma.lemmatize(w, lang=lang) == lemma, (w, lang)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_small_dictionary_answers_by_form_and_lists_nothing_it_lacks(monkeypatch):
    import bireader.lemma_dictionaries as module

    pairs = [(b"chats", b"chat"), (b"chattes", b"chat"), ("bœufs".encode(), b"boeuf"), ("mœurs".encode(), "mœurs".encode())]
    table = CompactDictionary("fr", pairs)
    assert len(table) == 4
    assert table["chats"] == table["chattes"] == "chat" and table["mœurs"] == "mœurs" and table["bœufs"] == "boeuf"
    assert table.get("chat") is None and "chat" not in table and table.get("chat", "-") == "-"
    with pytest.raises(KeyError):
        table["chien"]
    monkeypatch.setattr(module, "_read_pairs", lambda lang: iter(pairs))
    assert sorted(table) == sorted(form.decode("utf-8", "surrogatepass") for form, _ in pairs)
