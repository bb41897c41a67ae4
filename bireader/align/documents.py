"""Align two Documents: the sentences of the original with those of its translation, using their structure.

Paragraph, entry and section starts become soft anchors (a bead rarely crosses them); a section heading and an
entry date are scored with the first sentence under them, so that ``Brandler (Djzerjinski, Staline, Semionov)``
and ``Décembre 38`` pull towards ``Brandler (Dzerzhinsky, Stalin, Semionov)`` and ``December 1938``.

When one document is many times longer than the other (the French is two excerpts of a long English book),
``align`` switches to local alignment: the excerpts find their passages and the rest of the longer side stays
unpaired (0-1 beads) instead of being spread over the excerpts.
"""

from __future__ import annotations

from bireader.align.pipeline import align
from bireader.document import Bead, Document


def scoring_texts(doc: Document) -> tuple[list[str], list[int]]:
    """The text of each sentence (headings and dates prefixed to the first sentence under them), and the
    indices of the sentences that start a paragraph."""
    texts: list[str] = []
    starts: list[int] = []
    for section in doc.sections:
        prefix = section.heading or ""
        for entry in section.entries:
            if entry.date:
                prefix = f"{prefix} {entry.date}".strip()
            for paragraph in entry.paragraphs:
                for k, sentence in enumerate(paragraph.sentences):
                    if k == 0:
                        starts.append(len(texts))
                    texts.append(f"{prefix} {sentence.text}" if prefix else sentence.text)
                    prefix = ""
    return texts, starts


def align_documents(source: Document, target: Document, **kw) -> list[Bead]:
    """Beads over ``list(source.sentences())`` and ``list(target.sentences())``; keywords go to ``align``."""
    src, src_starts = scoring_texts(source)
    tgt, tgt_starts = scoring_texts(target)
    kw.setdefault("source_breaks", src_starts)
    kw.setdefault("target_breaks", tgt_starts)
    kw.setdefault("languages", (source.lang, target.lang))
    return align(src, tgt, **kw)
