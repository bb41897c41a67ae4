"""A whole text's beads with their sentences' text, tokens and glosses, read in three queries.

Exports (TSV, TMX) and vocabularies need every bead of a text but none of the page structure (headings, dates,
paragraphs) that :func:`bireader.store.library.get_page` assembles for the reader, so they read the rows directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bireader.store.models import BeadRow, SentenceRow, Text


@dataclass
class TextSentence:
    position: int
    text: str
    tokens: list
    glosses: list


@dataclass
class TextBead:
    position: int
    confidence: float
    source: list[TextSentence]
    target: list[TextSentence]


def whole_text_beads(session: Session, text: Text) -> list[TextBead]:
    """Every bead of the text with its sentences' text, tokens and glosses (no structure): three queries."""
    sides = {}
    for side in text.sides:
        rows = session.execute(
            select(SentenceRow.position, SentenceRow.text, SentenceRow.tokens, SentenceRow.glosses)
            .where(SentenceRow.side_id == side.id).order_by(SentenceRow.position)).all()
        sides[side.role] = {r.position: TextSentence(r.position, r.text, r.tokens or [], r.glosses or []) for r in rows}
    source, target = sides.get("source", {}), sides.get("target", {})
    beads = session.scalars(select(BeadRow).where(BeadRow.text_id == text.id).order_by(BeadRow.position)).all()
    return [TextBead(b.position, b.confidence, [source[p] for p in b.source_positions],
                     [target[p] for p in b.target_positions]) for b in beads]
