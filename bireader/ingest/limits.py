"""Bounds on what one import may cost, whatever the shape of its input.

The analysis (spaCy, the aligner, the glosser) costs memory with the length of a *paragraph* and of a *sentence*,
not only with the size of the file: one 128 KB line used to take 1.15 GB. So before any analysis:

- a paragraph longer than ``max_paragraph_chars`` is split into paragraphs at sentence boundaries;
- a "sentence" longer than ``max_sentence_chars`` (no full stop in sight: a word list, a pasted table) is cut at
  spaces into pieces, each read as a sentence of its own;
- a text with more than ``max_paragraphs`` paragraphs, or that would fill more than ``max_pages`` reader pages,
  is refused with one line, before anything costly runs.

The first two are handled and reported as a warning; the last two refuse the file. Each bound is a setting
(``bireader import --max-…``, or the ``LIMITS`` table of the app's config); docs/limits.md lists them.

    >>> pieces = split_long_paragraph("Une phrase. " * 3, "fr", Limits(max_paragraph_chars=30, max_sentence_chars=20))
    >>> [p for p, _ in pieces]
    ['Une phrase. Une phrase.', 'Une phrase.']
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from bireader.document import Document, Paragraph
from bireader.ingest.decode import DEFAULT_MAX_BYTES, IngestError
from bireader.nlp.sentences import sentence_spans
from bireader.pages import DEFAULT_BUDGET


@dataclass(frozen=True)
class Limits:
    """Every bound of an import; see the module docstring and docs/limits.md."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_paragraph_chars: int = 5_000  # a long literary paragraph is 2-4,000 characters
    max_sentence_chars: int = 1_500  # Proust's longest sentence is under 4,000; ours are cut, not refused
    max_paragraphs: int = 20_000  # a long novel has 3-10,000
    max_pages: int = 440  # about 1 MB of text on its longer side (peak about 660 MB); Madame Bovary: 290 a side

    def __post_init__(self) -> None:
        for f in fields(self):
            if not isinstance(getattr(self, f.name), int) or getattr(self, f.name) < 1:
                raise ValueError(f"limit {f.name} must be a positive whole number, not {getattr(self, f.name)!r}")
        if self.max_sentence_chars > self.max_paragraph_chars:
            object.__setattr__(self, "max_sentence_chars", self.max_paragraph_chars)

    @classmethod
    def from_mapping(cls, values: dict | None) -> Limits:
        """Limits from a config mapping (``{"max_pages": 500}``); unknown keys are an error, not silently ignored."""
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown limit(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return replace(cls(), **values)


def split_long_paragraph(text: str, lang: str, limits: Limits) -> list[tuple[str, bool]]:
    """``text`` as pieces of at most ``max_paragraph_chars``, cut between sentences; a sentence longer than
    ``max_sentence_chars`` is cut at spaces into pieces of its own. Returns (piece, was_cut_mid_sentence).

    Sentences are found in windows of ``max_paragraph_chars``, so the work is linear in the text's length."""
    sentences = _bounded_sentences(text, lang, limits)
    pieces: list[tuple[str, bool]] = []
    current: list[str] = []
    size = 0
    for sentence, forced in sentences:
        if forced:  # a cut sentence stands alone, or the engine would read its pieces as one sentence again
            if current:
                pieces.append((" ".join(current), False))
                current, size = [], 0
            pieces.append((sentence, True))
            continue
        if current and size + 1 + len(sentence) > limits.max_paragraph_chars:
            pieces.append((" ".join(current), False))
            current, size = [], 0
        current.append(sentence)
        size += len(sentence) + (1 if size else 0)
    if current:
        pieces.append((" ".join(current), False))
    return pieces


def _bounded_sentences(text: str, lang: str, limits: Limits) -> list[tuple[str, bool]]:
    """The sentences of ``text`` (each with "was cut"), none longer than ``max_sentence_chars``."""
    window = limits.max_paragraph_chars
    result: list[tuple[str, bool]] = []
    pos = 0
    while pos < len(text):
        chunk = text[pos:pos + window]
        last_window = pos + window >= len(text)
        spans = sentence_spans(chunk, lang)
        if not spans:
            break
        if not last_window and len(spans) > 1:
            spans = spans[:-1]  # the window's last sentence may run on past it: read it again in the next window
            next_pos = pos + spans[-1][1]
        elif not last_window:  # no sentence ends in the whole window: cut one piece off at a space
            next_pos = pos + _space_before(chunk, limits.max_sentence_chars)
            result.append((chunk[:next_pos - pos].strip(), True))
            pos = next_pos
            continue
        else:
            next_pos = len(text)
        for a, b in spans:
            result.extend(_cut_sentence(chunk[a:b].strip(), limits.max_sentence_chars))
        pos = next_pos
    return [(s, forced) for s, forced in result if s]


def _cut_sentence(sentence: str, limit: int) -> list[tuple[str, bool]]:
    if len(sentence) <= limit:
        return [(sentence, False)]
    pieces = []
    while len(sentence) > limit:
        cut = _space_before(sentence, limit)
        pieces.append((sentence[:cut].strip(), True))
        sentence = sentence[cut:].lstrip()
    pieces.append((sentence, True))
    return pieces


def _space_before(text: str, limit: int) -> int:
    """Where to cut ``text`` at most ``limit`` characters in: after the last space past its middle, else at the limit."""
    cut = text.rfind(" ", limit // 2, limit)
    return cut + 1 if cut > 0 else min(limit, len(text))


def apply_limits(document: Document, limits: Limits, name: str, warnings: list[str] | None = None) -> Document:
    """Raise :class:`IngestError` when ``document`` would fill too many pages or has too many paragraphs; split its
    long paragraphs and sentences in place (a warning says how many). The page count is estimated from the
    characters before anything is split, so an oversized file costs one pass over its text."""
    chars = sum(len(p.text) for p in document.paragraphs())
    pages = chars // DEFAULT_BUDGET + 1
    if pages > limits.max_pages:
        raise IngestError(name, f"would fill about {pages:,} pages, over the limit of {limits.max_pages:,} "
                                "(setting max_pages); split the text into parts")
    split = cut = count = 0
    for section in document.sections:
        for entry in section.entries:
            kept: list[Paragraph] = []
            for paragraph in entry.paragraphs:
                pieces = (split_long_paragraph(paragraph.text, document.lang, limits)
                          if len(paragraph.text) > limits.max_sentence_chars else [])
                if len(pieces) <= 1 and not any(forced for _, forced in pieces):
                    kept.append(paragraph)
                    continue
                split += 1
                cut += sum(forced for _, forced in pieces)
                kept.extend(Paragraph(id=f"{paragraph.id}_{k}", text=piece) for k, (piece, _) in enumerate(pieces))
            entry.paragraphs = kept
            count += len(kept)
            if count > limits.max_paragraphs:
                raise IngestError(name, f"has more than {limits.max_paragraphs:,} paragraphs, over the limit "
                                        "(setting max_paragraphs); split the text into parts")
    if warnings is not None and split:
        detail = f" ({cut:,} over-long sentences cut at a space)" if cut else ""
        warnings.append(f"{Path(name).name}: {split:,} paragraph(s) longer than {limits.max_paragraph_chars:,} "
                        f"characters or holding a sentence longer than {limits.max_sentence_chars:,} were split "
                        f"at sentence boundaries{detail}")
    return document


def check_segments(segments: list[str], limits: Limits, name: str) -> None:
    """The limits for an already aligned file (TSV, TMX), whose segments are kept as given rather than split:
    too many segments, one longer than ``max_paragraph_chars``, or too many pages refuse it."""
    if len(segments) > limits.max_paragraphs:
        raise IngestError(name, f"has {len(segments):,} segments, over the limit of {limits.max_paragraphs:,} "
                                "(setting max_paragraphs); split the file into parts")
    longest = max((len(s) for s in segments), default=0)
    if longest > limits.max_paragraph_chars:
        raise IngestError(name, f"has a segment of {longest:,} characters, over the limit of "
                                f"{limits.max_paragraph_chars:,} (setting max_paragraph_chars)")
    pages = sum(len(s) for s in segments) // DEFAULT_BUDGET + 1
    if pages > limits.max_pages:
        raise IngestError(name, f"would fill about {pages:,} pages, over the limit of {limits.max_pages:,} "
                                "(setting max_pages); split the file into parts")
