"""A whole library text as one JSON document: structure, sentences with tokens and glosses, and the beads.

The schema (version 1) is documented in docs/ingest.md ("JSON export"); in short::

    {"format": "bireader-text", "version": 1, "slug": "candide", "title": "Candide", "author": "", "credits": "",
     "aligner": "bleualign-bireader ...", "languages": ["fr", "en"],
     "sides": [{"role": "source", "lang": "fr", "title": "", "metadata": {}, "engine": "offline ...",
                "filename": "candide.fr.txt", "notes": [],
                "sections": [{"id": "s1a2b3c4d", "heading": "CHAPITRE I.", "entries": [
                    {"id": "e…", "date": null, "paragraphs": [{"id": "p…", "sentences": [0, 1, 2]}]}]}],
                "sentences": [{"index": 0, "id": "p….0", "text": "Il y avait …",
                               "tokens": [{"text": "Il", "start": 0, "end": 2, "lemma": "il", "pos": "PRON",
                                           "word": true}, …],
                               "glosses": [{"token": 3, "lemma": "…", "senses": […], …}]}]}, …],
     "beads": [{"index": 0, "source": [0], "target": [0, 1], "confidence": 0.93, "edited": false}]}

Sentence indices in ``paragraphs`` and ``beads`` refer to the side's ``sentences`` list; token offsets are into
the sentence's text. Read in five queries a side, like bireader.export.beads.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bireader.store.models import BeadRow, EntryRow, ParagraphRow, SectionRow, SentenceRow, Text

FORMAT = "bireader-text"
VERSION = 1


def _tokens(stored: list) -> list[dict]:
    return [{"text": t[0], "start": t[1], "end": t[2], "lemma": t[3], "pos": t[4], "word": bool(t[5])} for t in stored]


def _side(session: Session, side) -> dict:
    sections = session.execute(select(SectionRow.id, SectionRow.key, SectionRow.heading)
                               .where(SectionRow.side_id == side.id).order_by(SectionRow.position)).all()
    entries = session.execute(select(EntryRow.id, EntryRow.section_id, EntryRow.key, EntryRow.date)
                              .where(EntryRow.side_id == side.id).order_by(EntryRow.position)).all()
    paragraphs = session.execute(select(ParagraphRow.id, ParagraphRow.entry_id, ParagraphRow.key)
                                 .where(ParagraphRow.side_id == side.id).order_by(ParagraphRow.position)).all()
    sentences = session.execute(select(SentenceRow.position, SentenceRow.key, SentenceRow.paragraph_id, SentenceRow.text,
                                       SentenceRow.tokens, SentenceRow.glosses, SentenceRow.timing)
                                .where(SentenceRow.side_id == side.id).order_by(SentenceRow.position)).all()
    by_paragraph: dict[int, list[int]] = {}
    for s in sentences:
        by_paragraph.setdefault(s.paragraph_id, []).append(s.position)
    paragraph_json: dict[int, list[dict]] = {}
    for p in paragraphs:
        paragraph_json.setdefault(p.entry_id, []).append({"id": p.key, "sentences": by_paragraph.get(p.id, [])})
    entry_json: dict[int, list[dict]] = {}
    for e in entries:
        entry_json.setdefault(e.section_id, []).append({"id": e.key, "date": e.date,
                                                        "paragraphs": paragraph_json.get(e.id, [])})
    metadata = dict(side.metadata_json or {})
    return {
        "role": side.role, "lang": side.lang, "title": side.title, "metadata": metadata, "engine": side.engine,
        "filename": side.filename, "notes": list(side.notes or []),
        "sections": [{"id": s.key, "heading": s.heading, "entries": entry_json.get(s.id, [])} for s in sections],
        "sentences": [{"index": s.position, "id": s.key, "text": s.text, "tokens": _tokens(s.tokens or []),
                       "glosses": s.glosses or [], **({"timing": s.timing} if s.timing else {})} for s in sentences],
    }


def text_json(session: Session, text: Text) -> dict:
    """The JSON document of ``text`` (a dict ready for ``json.dumps``)."""
    sides = [_side(session, side) for side in sorted(text.sides, key=lambda s: s.role != "source")]
    beads = session.scalars(select(BeadRow).where(BeadRow.text_id == text.id).order_by(BeadRow.position)).all()
    return {
        "format": FORMAT, "version": VERSION, "slug": text.slug, "title": text.title, "author": text.author,
        "credits": text.credits, "aligner": text.aligner, "languages": [s["lang"] for s in sides],
        "sides": sides,
        "beads": [{"index": b.position, "source": list(b.source_positions), "target": list(b.target_positions),
                   "confidence": round(float(b.confidence), 4), "edited": bool(b.edited)} for b in beads],
    }
