"""Apply a teacher's bead edit to a stored text, and list a text's beads for review.

An edit rewrites the text's beads in one transaction (the caller's session): the pure operation of
:mod:`bireader.review.edits` runs on the stored beads, coverage is checked against the sentence counts of both
sides, positions are renumbered and pages recomputed for the whole text with :func:`bireader.pages.paginate`,
by :func:`bireader.store.library.bead_pages`, as an import pages them.

New bead rows are inserted *before* the old ones are deleted, so the rewritten beads get ids above every old one:
caches keyed on the text's newest bead id (the whole-text bead cache of the exports and vocabularies) see the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bireader.document import LOW_CONFIDENCE
from bireader.review.edits import OPERATIONS, EditBead, check_coverage
from bireader.store.library import bead_pages
from bireader.store.models import BeadRow, SentenceRow, Text



class StaleEdit(ValueError):
    """The bead the form was made for has changed since the page was shown."""


@dataclass
class EditOutcome:
    message: str  # one line for the teacher
    position: int  # the bead to show after the edit
    page_count: int


def load_beads(session: Session, text: Text) -> list[EditBead]:
    rows = session.execute(
        select(BeadRow.source_start, BeadRow.source_count, BeadRow.target_start, BeadRow.target_count,
               BeadRow.confidence, BeadRow.edited)
        .where(BeadRow.text_id == text.id).order_by(BeadRow.position)).all()
    return [EditBead(*row[:4], float(row.confidence), bool(row.edited)) for row in rows]


def save_beads(session: Session, text: Text, beads: list[EditBead]) -> int:
    """Replace the text's beads by ``beads`` (checked for coverage), with fresh pages; returns the page count."""
    n_source = text.source.sentence_count if text.source is not None else 0
    n_target = text.target.sentence_count if text.target is not None else 0
    check_coverage(beads, n_source, n_target)
    pages = bead_pages(session, text, [tuple(b[:4]) for b in beads])
    newest = session.scalar(select(func.max(BeadRow.id)).where(BeadRow.text_id == text.id))
    if beads:
        session.execute(BeadRow.__table__.insert(), [
            dict(text_id=text.id, position=n, page=page, source_start=b.source_start, source_count=b.source_count,
                 target_start=b.target_start, target_count=b.target_count, confidence=float(b.confidence),
                 edited=bool(b.edited))
            for n, (b, page) in enumerate(zip(beads, pages))])
    if newest is not None:  # the old rows, all older than the ones just inserted
        session.execute(delete(BeadRow).where(BeadRow.text_id == text.id, BeadRow.id <= newest))
    text.page_count = pages[-1] if pages else 0
    session.flush()
    session.expire(text, ["beads"])
    return text.page_count


def _message(operation: str, index: int, args: dict) -> str:
    lang = {"source": "French", "target": "English"}.get(args.get("side", ""), "")
    if operation == "merge":
        return f"Merged bead {index} with bead {index + 1}."
    if operation == "split":
        return f"Split bead {index} after {args['source_count']} French and {args['target_count']} English sentences."
    if operation == "move":
        which, other = ("first", index - 1) if args["to"] == "previous" else ("last", index + 1)
        return f"Bead {index} gave its {which} {lang} sentence to bead {other}."
    if operation == "detach":
        return f"{lang} sentence {args['position']} now stands alone."
    return f"Bead {index} confirmed."


def apply_edit(session: Session, text: Text, operation: str, index: int, *,
               expected: tuple[int, int, int, int] | None = None, **args) -> EditOutcome:
    """Run ``operation`` ("merge", "split", "move", "detach", "confirm") on bead ``index`` of ``text`` and store the
    result. ``args`` are the operation's own (see :mod:`bireader.review.edits`). ``expected`` is the bead's
    (source_start, source_count, target_start, target_count) as the teacher saw it: if the bead has changed since,
    :class:`StaleEdit` is raised and nothing is written. Raises ValueError for an impossible edit."""
    if text.target is None:
        raise ValueError(f"{text.title!r} has one language: there is no alignment to review")
    if operation not in OPERATIONS:
        raise ValueError(f"unknown operation {operation!r}: use one of {', '.join(OPERATIONS)}")
    beads = load_beads(session, text)
    if expected is not None and (index >= len(beads) or tuple(beads[index][:4]) != tuple(expected)):
        raise StaleEdit("the alignment changed since this page was shown: look again and retry")
    edited = OPERATIONS[operation](beads, index, **args)
    page_count = save_beads(session, text, edited)
    position = index - 1 if operation == "move" and args.get("to") == "previous" else index
    return EditOutcome(_message(operation, index, args), max(0, min(position, len(edited) - 1)), page_count)


# ---- the review list ------------------------------------------------------------------------------------------

ORDERS = ("text", "lowest", "below")  # text order; lowest confidence first; only below LOW_CONFIDENCE, text order


@dataclass
class ReviewSentence:
    position: int
    text: str


@dataclass
class ReviewBead:
    position: int
    page: int  # the reader page it is shown on
    confidence: float
    edited: bool
    source_start: int
    source_count: int
    target_start: int
    target_count: int
    source: list[ReviewSentence]
    target: list[ReviewSentence]
    is_last: bool = False

    @property
    def expected(self) -> str:
        """The bead's extent as the form sends it back (see :func:`apply_edit`'s ``expected``)."""
        return f"{self.source_start},{self.source_count},{self.target_start},{self.target_count}"


@dataclass
class ReviewPage:
    text: Text
    order: str
    number: int
    count: int  # pages of this listing
    total: int  # beads in this listing
    low: int  # beads of the text below LOW_CONFIDENCE
    beads: list[ReviewBead]


def review_page(session: Session, text: Text, order: str = "text", number: int = 1, per_page: int = 100) -> ReviewPage:
    """One page of ``text``'s beads for review, with their sentences, in ``order`` (see :data:`ORDERS`)."""
    if order not in ORDERS:
        order = "text"
    query = select(BeadRow).where(BeadRow.text_id == text.id)
    low_filter = BeadRow.confidence < LOW_CONFIDENCE
    low = session.scalar(select(func.count(BeadRow.id)).where(BeadRow.text_id == text.id, low_filter)) or 0
    last = session.scalar(select(func.max(BeadRow.position)).where(BeadRow.text_id == text.id))
    if order == "below":
        query = query.where(low_filter)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    count = max(1, -(-total // per_page))
    number = min(max(1, number), count)
    ordering = (BeadRow.confidence, BeadRow.position) if order == "lowest" else (BeadRow.position,)
    rows = session.scalars(query.order_by(*ordering).offset((number - 1) * per_page).limit(per_page)).all()
    texts = {}
    for role in ("source", "target"):
        side = text.side(role)
        wanted = sorted({p for r in rows for p in (r.source_positions if role == "source" else r.target_positions)})
        texts[role] = dict(session.execute(
            select(SentenceRow.position, SentenceRow.text)
            .where(SentenceRow.side_id == side.id, SentenceRow.position.in_(wanted))).all()) if side and wanted else {}
    beads = [
        ReviewBead(
            position=r.position, page=r.page, confidence=r.confidence, edited=r.edited,
            source_start=r.source_start, source_count=r.source_count,
            target_start=r.target_start, target_count=r.target_count,
            source=[ReviewSentence(p, texts["source"][p]) for p in r.source_positions],
            target=[ReviewSentence(p, texts["target"][p]) for p in r.target_positions],
            is_last=r.position == last,
        )
        for r in rows
    ]
    return ReviewPage(text, order, number, count, total, low, beads)


def text_order_page(position: int, per_page: int = 100) -> int:
    """The page of the review listing in text order that shows bead ``position``."""
    return max(0, position) // per_page + 1
