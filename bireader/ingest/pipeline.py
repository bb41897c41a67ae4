"""From a file on disk to an analysed :class:`~bireader.document.Document`: decode, find structure, split and tag.

    >>> doc = load_document("seeds/serge_notebooks_1938-44.en.txt")      # doctest: +SKIP
    >>> doc.sections[0].heading, doc.lang
    ('Brandler (Dzerzhinsky, Stalin, Semionov)', 'en')
"""

from __future__ import annotations

import re
from pathlib import Path

from bireader.document import Document, Sentence
from bireader.ingest.decode import DEFAULT_MAX_BYTES, IngestError, read_text
from bireader.ingest.limits import Limits, apply_limits
from bireader.ingest.plaintext import parse_plaintext

_FRENCH_MARKERS = {"le", "la", "les", "des", "du", "et", "est", "une", "que", "qui", "dans", "pas", "il", "elle", "je", "nous", "vous", "sur", "au", "aux", "ne", "se", "ce", "avec", "pour"}
_ENGLISH_MARKERS = {"the", "and", "of", "to", "is", "was", "that", "he", "she", "it", "in", "with", "his", "her", "for", "not", "you", "they", "we", "had", "have", "be", "at", "on", "which"}


def guess_language(text: str) -> str | None:
    """"fr" or "en" by counting very common words; None when the text gives too little to tell."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text[:200_000].lower())
    french = sum(w in _FRENCH_MARKERS for w in words)
    english = sum(w in _ENGLISH_MARKERS for w in words)
    if french + english < 5:
        return None
    return "fr" if french > english else "en"


def analyse_document(document: Document, engine) -> Document:
    """Fill every paragraph's sentences (with tokens) using ``engine``; sentence ids are ``<paragraph id>.<n>``."""
    paragraphs = list(document.paragraphs())
    analysed = engine.analyse([p.text for p in paragraphs], document.lang)
    for paragraph, sentences in zip(paragraphs, analysed):
        paragraph.sentences = [
            Sentence(id=f"{paragraph.id}.{n}", text=s.text, start=s.start, tokens=s.tokens)
            for n, s in enumerate(sentences)
        ]
    document.engine = engine.version
    return document


def load_document(
    path: str | Path,
    lang: str | None = None,
    *,
    engine=None,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Read, structure and analyse the text file at ``path``; raises :class:`IngestError` on bad input.

    ``limits`` bound the work (see :mod:`bireader.ingest.limits`; its ``max_bytes`` wins over ``max_bytes``);
    what they changed (long paragraphs split) is appended to ``warnings``."""
    path = Path(path)
    limits = limits or Limits(max_bytes=max_bytes)
    text = read_text(path, max_bytes=limits.max_bytes)
    detected = guess_language(text)
    if lang is None:
        if detected is None:
            raise IngestError(str(path), "cannot tell the language; pass --lang fr or --lang en")
        lang = detected
    elif detected is not None and detected != lang:
        names = {"fr": "French", "en": "English"}
        raise IngestError(str(path), f"reads as {names[detected]} but was given as {names.get(lang, lang)}; "
                          "check --lang, or whether the original and the translation were swapped")
    if lang not in ("fr", "en"):
        raise IngestError(str(path), f"unsupported language {lang!r}; bireader reads fr and en")
    document = parse_plaintext(text, lang, title=title)
    if not any(True for _ in document.paragraphs()):
        raise IngestError(str(path), "no paragraphs of text found")
    apply_limits(document, limits, str(path), warnings)
    if engine is None:
        from bireader.nlp import get_engine

        engine = get_engine("auto")
    analyse_document(document, engine)
    if not any(True for _ in document.sentences()):
        raise IngestError(str(path), "no sentences found")
    return document


def title_from_filename(path: str | Path) -> str:
    """"Serge carnets partial" for serge_carnets_partial.fr.txt."""
    stem = Path(path).name.split(".")[0]
    return re.sub(r"[_-]+", " ", stem).strip().capitalize() or "Untitled"
