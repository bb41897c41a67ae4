"""From a file on disk to an analysed :class:`~bireader.document.Document`: read its format, find its structure,
split and tag.

    >>> doc = load_document("seeds/serge_notebooks_1938-44.en.txt")      # doctest: +SKIP
    >>> doc.sections[0].heading, doc.lang
    ('Brandler (Dzerzhinsky, Stalin, Semionov)', 'en')
"""

from __future__ import annotations

import re
from pathlib import Path

from bireader.document import Document, Sentence
from bireader.ingest.decode import DEFAULT_MAX_BYTES, IngestError
from bireader.ingest.limits import Limits, apply_limits
from bireader.ingest.plaintext import parse_plaintext
from bireader.ingest.readers import extract, read_bytes
from bireader.ingest.structure import build_document

_FRENCH_MARKERS = {"le", "la", "les", "des", "du", "et", "est", "une", "que", "qui", "dans", "pas", "il", "elle", "je", "nous", "vous", "sur", "au", "aux", "ne", "se", "ce", "avec", "pour"}
_ENGLISH_MARKERS = {"the", "and", "of", "to", "is", "was", "that", "he", "she", "it", "in", "with", "his", "her", "for", "not", "you", "they", "we", "had", "have", "be", "at", "on", "which"}

# The commonest words of the languages most often mistaken for ours (a German or Spanish file given as French).
_OTHER_MARKERS = {
    "German": {"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "den", "dem", "mit", "sich", "auf", "zu",
               "von", "ich", "sie", "es", "war", "auch", "im", "wie", "aber", "noch", "nach"},
    "Spanish": {"el", "los", "las", "y", "es", "del", "una", "por", "con", "para", "pero", "como", "su", "lo", "fue",
                "muy", "cuando", "sin", "sobre", "ya", "ella", "tiene", "porque", "esta", "yo"},
    "Italian": {"il", "gli", "di", "che", "è", "della", "non", "una", "per", "con", "sono", "anche", "alla", "nel",
                "più", "ma", "come", "questo", "era", "lo", "ha", "degli", "nella", "io", "lui"},
}


def guess_language(text: str) -> str | None:
    """"fr" or "en" by counting very common words; None when the text gives too little to tell."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text[:200_000].lower())
    french = sum(w in _FRENCH_MARKERS for w in words)
    english = sum(w in _ENGLISH_MARKERS for w in words)
    if french + english < 5:
        return None
    return "fr" if french > english else "en"


def foreign_script_or_language(text: str) -> str | None:
    """Why ``text`` is neither French nor English, or None when it may be: mostly letters of another script
    (Chinese, Russian), or more of German's, Spanish's or Italian's commonest words than of ours."""
    sample = text[:200_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) >= 20:
        latin = sum(1 for ch in letters if ch < "\u0250")  # Basic Latin to Latin Extended-B
        if latin < 0.5 * len(letters):
            return "is not written in the Latin alphabet: it is neither French nor English"
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœäöüßñíóúáì]+", sample.lower())
    ours = max(sum(w in _FRENCH_MARKERS for w in words), sum(w in _ENGLISH_MARKERS for w in words))
    for name, markers in _OTHER_MARKERS.items():
        theirs = sum(w in markers for w in words)
        if theirs >= 5 and theirs > 2 * ours:
            return f"reads as {name}, not French or English; bireader reads French and English texts"
    return None


def analyse_document(document: Document, engine) -> Document:
    """Fill every paragraph's sentences (with tokens) using ``engine``; sentence ids are ``<paragraph id>.<n>``."""
    paragraphs = list(document.paragraphs())
    analysed = engine.analyse([p.text for p in paragraphs], document.lang)
    for paragraph, sentences in zip(paragraphs, analysed):
        paragraph.sentences = [
            Sentence(id=f"{paragraph.id}.{n}", text=s.text, start=s.start, tokens=s.tokens, timing=paragraph.timing)
            for n, s in enumerate(sentences)
        ]
    document.engine = engine.version
    return document


def read_document(
    path: str | Path,
    lang: str | None = None,
    *,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """The structure of the file at ``path`` in any supported format (sentences left empty), its language checked
    or guessed; raises :class:`IngestError` on bad input."""
    path = Path(path)
    _fmt, extracted = extract(read_bytes(path, max_bytes), str(path), max_bytes)
    sample = extracted.sample()
    foreign = foreign_script_or_language(sample)
    if foreign is not None:
        raise IngestError(str(path), foreign)
    detected = guess_language(sample)
    # Too little text to tell: the language the file declares (EPUB's dc:language, HTML's lang) decides.
    declared = (extracted.metadata.get("Language") or "").lower()[:2]
    if detected is None and declared in ("fr", "en"):
        detected = declared
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
    if extracted.plain_text is not None:
        document = parse_plaintext(extracted.plain_text, lang, title=title)
        document.title = document.title or extracted.title
        document.author = document.author or extracted.author
    else:
        document = build_document(extracted, lang, title)
    if not any(True for _ in document.paragraphs()):
        raise IngestError(str(path), "no paragraphs of text found")
    if not any(ch.isalnum() for paragraph in document.paragraphs() for ch in paragraph.text):
        raise IngestError(str(path), "no words to read: the file holds only punctuation, symbols or spaces")
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
    """Read, structure and analyse the file at ``path``; raises :class:`IngestError` on bad input.

    ``limits`` bound the work (see :mod:`bireader.ingest.limits`; its ``max_bytes`` wins over ``max_bytes``);
    what they changed (long paragraphs split) is appended to ``warnings``."""
    limits = limits or Limits(max_bytes=max_bytes)
    document = read_document(path, lang, title=title, max_bytes=limits.max_bytes)
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
