"""Save analysed documents as a text of the library, list texts, and read one page back.

Saving is one transaction (the caller's session): a failure leaves the database as it was. Nothing is replaced
by accident: a new text whose slug is taken gets the next free one (``candide-2``), an explicit slug that is
taken is refused, and only ``replace=True`` stores over an existing text. Replacing works in place: the text keeps
its row (so learners' reading positions stay with it), and sections, paragraphs and sentences keep their
content-derived keys, so anything that refers to them by key survives a re-import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import orjson
from sqlalchemy import JSON, String, bindparam, cast, delete, func, insert, select
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import Session

from bireader.document import Bead, Document
from bireader.fields import check_slug, slugify, unique_slug
from bireader.pages import paginate
from bireader.store.models import BeadRow, EntryRow, ParagraphRow, SectionRow, SentenceRow, Side, Text, _now


class SlugTaken(ValueError):
    """An explicit slug names a text already in the library and replacing was not asked for."""


class EncodedJSON(TypeDecorator):
    """A JSON column's value that is JSON text already: stored as it is (the column reads back as usual)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect):
        return None


def encode_json(value) -> str:
    """Compact JSON text, as the sentence rows store tokens and glosses (see ``EncodedJSON``)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


SENTENCE_BATCH = 500  # sentence rows built and inserted at a time (their tokens and glosses are most of a book:
# a batch of 2,000 held 30 MB of their JSON text at the end of a novel's import)


def _insert_ids(session: Session, table, rows: list[dict]) -> list[int]:
    """Insert ``rows`` in one executemany and return their new ids in the rows' order."""
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [row[0] for row in session.execute(statement, rows)]


def _add_side(session: Session, text: Text, role: str, document: Document, filename: str, sha256: str,
              glosses: dict[str, list[dict]]) -> Side:
    """The side's rows, in bulk: one INSERT each for its sections, entries and paragraphs (ids returned in order),
    then its sentences in batches, with SQLAlchemy Core, inside the caller's transaction."""
    side = Side(
        text=text, role=role, lang=document.lang, title=document.title, metadata_json=dict(document.metadata),
        engine=document.engine, filename=filename, sha256=sha256, notes=list(document.notes) or None,
    )
    session.add(side)
    session.flush()
    section_ids = _insert_ids(session, SectionRow.__table__, [
        dict(side_id=side.id, key=section.id, position=s_pos, heading=section.heading)
        for s_pos, section in enumerate(document.sections)])
    entries = [(section_id, e_pos, entry) for section_id, section in zip(section_ids, document.sections)
               for e_pos, entry in enumerate(section.entries)]
    entry_ids = _insert_ids(session, EntryRow.__table__, [
        dict(side_id=side.id, section_id=section_id, key=entry.id, position=e_pos, date=entry.date)
        for section_id, e_pos, entry in entries])
    paragraphs = [(entry_id, p_pos, paragraph) for entry_id, (_, _, entry) in zip(entry_ids, entries)
                  for p_pos, paragraph in enumerate(entry.paragraphs)]
    paragraph_ids = _insert_ids(session, ParagraphRow.__table__, [
        dict(side_id=side.id, entry_id=entry_id, key=paragraph.id, position=p_pos)
        for entry_id, p_pos, paragraph in paragraphs])
    position = 0
    sentence_rows: list[dict] = []
    # tokens and glosses (already JSON text when the importer gives them so) are encoded here, a batch at a time
    insert_sentences = SentenceRow.__table__.insert().values(
        tokens=bindparam("tokens", type_=EncodedJSON), glosses=bindparam("glosses", type_=EncodedJSON))
    paragraph_id = iter(paragraph_ids)
    for section in document.sections:
        first_in_section = True
        for entry in section.entries:
            first_in_entry = True
            for paragraph in entry.paragraphs:
                pid = next(paragraph_id)
                for n, sentence in enumerate(paragraph.sentences):
                    sentence_rows.append(dict(
                        side_id=side.id, paragraph_id=pid, key=sentence.id, position=position,
                        text=sentence.text,
                        tokens=encode_json([[t.text, t.start - sentence.start, t.end - sentence.start, t.lemma, t.pos,
                                             t.is_word] for t in sentence.tokens]),
                        glosses=encode_json(glosses.get(sentence.id, [])),
                        timing=list(sentence.timing) if sentence.timing else None,
                        starts_paragraph=n == 0, starts_entry=n == 0 and first_in_entry,
                        starts_section=n == 0 and first_in_section,
                    ))
                    position += 1
                    first_in_entry = first_in_section = False
                if len(sentence_rows) >= SENTENCE_BATCH:
                    session.execute(insert_sentences, sentence_rows)
                    sentence_rows = []
    if sentence_rows:
        session.execute(insert_sentences, sentence_rows)
    side.sentence_count = position
    return side


@dataclass
class SavedText:
    id: int
    slug: str
    title: str
    page_count: int
    sentence_counts: dict[str, int] = field(default_factory=dict)


def save_text(
    session: Session,
    source: Document,
    target: Document | None = None,
    beads: list[Bead] | None = None,
    *,
    slug: str | None = None,
    title: str | None = None,
    credits: str = "",
    aligner: str = "",
    files: dict[str, tuple[str, str]] | None = None,
    glosses: dict[str, list[dict]] | None = None,
    replace: bool = False,
) -> SavedText:
    """Store ``source`` (the original, or the only side) and its ``target`` translation paired by ``beads``.

    ``files`` maps "source"/"target" to (file name, sha256) for provenance; ``glosses`` maps sentence ids to
    their per-token glosses (see :mod:`bireader.gloss`), as lists of dicts or as their JSON text. Beads must cover
    both sides; without a target, each source sentence is its own bead. ``slug`` (checked with
    :func:`bireader.fields.check_slug`) defaults to one made from the title, made unique; an explicit ``slug``
    that is taken raises :class:`SlugTaken` unless ``replace``.
    """
    title = title or source.title or (target.title if target is not None else "") or "Untitled"
    files = files or {}
    if slug:
        check_slug(slug)
        text = get_text(session, slug)
        if text is not None and not replace:
            raise SlugTaken(f"the slug {slug!r} is taken by {text.title!r}; choose another slug, "
                            "or replace that text explicitly (--replace)")
    else:
        slug = unique_slug(slugify(title), lambda candidate: get_text(session, candidate) is not None)
        text = None
    if text is None:
        text = Text(slug=slug, title=title)
        session.add(text)
    else:
        # a replaced text counts as imported now; its new rows may get the ids the old ones had (SQLite reuses the
        # highest ids), so caches keyed on ids also read this time (web/vocab's BeadCache)
        text.imported_at = _now()
        session.execute(delete(BeadRow).where(BeadRow.text_id == text.id))
        for side in list(text.sides):
            session.delete(side)
        session.flush()
        session.expire(text, ["sides", "beads"])
    text.title = title
    text.author = source.author or (target.author if target else "")
    text.credits = credits
    text.aligner = aligner if target is not None else ""
    session.flush()

    glosses = glosses or {}
    source_side = _add_side(session, text, "source", source, *files.get("source", ("", "")), glosses)
    source_sentences = list(source.sentences())
    target_sentences = list(target.sentences()) if target is not None else []
    if target is not None:
        _add_side(session, text, "target", target, *files.get("target", ("", "")), glosses)
        if beads is None:
            raise ValueError("a text with two sides needs beads")
        check_coverage(beads, len(source_sentences), len(target_sentences))
        beads = split_null_beads(beads)
    else:
        beads = [Bead([i], [], 1.0) for i in range(len(source_sentences))]

    extents = [(bead.source[0] if bead.source else _next_start(beads, n, "source"), len(bead.source),
                bead.target[0] if bead.target else _next_start(beads, n, "target"), len(bead.target))
               for n, bead in enumerate(beads)]
    session.flush()
    session.expire(text, ["sides"])
    pages = bead_pages(session, text, extents)
    session.execute(BeadRow.__table__.insert(), [
        dict(text_id=text.id, position=n, page=page, source_start=ss, source_count=sc, target_start=ts,
             target_count=tc, confidence=float(bead.confidence), edited=False)
        for n, (bead, (ss, sc, ts, tc), page) in enumerate(zip(beads, extents, pages))
    ])
    text.page_count = pages[-1] if pages else 0
    session.flush()
    counts = {source.lang: source_side.sentence_count}
    if target is not None:
        counts[target.lang] = len(target_sentences)
    return SavedText(text.id, text.slug, text.title, text.page_count, counts)


def split_null_beads(beads: list[Bead]) -> list[Bead]:
    """One bead per sentence where a side is empty: a long unpaired stretch (``[]:[16..207]``) can then run over
    several pages, and each of its sentences is a unit of its own for the reader."""
    result = []
    for bead in beads:
        if bead.source and bead.target or len(bead.source) + len(bead.target) <= 1:
            result.append(bead)
        else:
            result += [Bead([i], [], bead.confidence) for i in bead.source]
            result += [Bead([], [j], bead.confidence) for j in bead.target]
    return result


def _next_start(beads: list[Bead], n: int, side: str) -> int:
    """Where an empty side of bead ``n`` sits: just before the next sentence of that side."""
    for bead in beads[n:]:
        indices = bead.source if side == "source" else bead.target
        if indices:
            return indices[0]
    for bead in reversed(beads[:n]):
        indices = bead.source if side == "source" else bead.target
        if indices:
            return indices[-1] + 1
    return 0


def bead_pages(session: Session, text: Text, extents: list[tuple[int, int, int, int]]) -> list[int]:
    """The page of each bead, given as (source_start, source_count, target_start, target_count), from the text's
    stored sentences: a bead weighs its longer side's characters and opens a paragraph or section when its first
    sentence on either side does. Imports and the review screen's edits page texts through this one function."""
    sides = {}
    for side in text.sides:
        rows = session.execute(
            select(func.length(SentenceRow.text), SentenceRow.starts_paragraph, SentenceRow.starts_section)
            .where(SentenceRow.side_id == side.id).order_by(SentenceRow.position)).all()
        sides[side.role] = rows
    sizes = []
    for extent in extents:
        chars, para, section = [0, 0], False, False
        for k, role in enumerate(("source", "target")):
            start, count = extent[2 * k], extent[2 * k + 1]
            if not count:
                continue
            rows = sides[role][start:start + count]
            chars[k] = sum(length or 0 for length, _, _ in rows)
            para = para or bool(rows[0][1])
            section = section or bool(rows[0][2])
        sizes.append((max(chars), para, section))
    return paginate(sizes)


def check_coverage(beads: list[Bead], n_source: int, n_target: int) -> None:
    """Raise ValueError unless beads cover 0..n_source-1 and 0..n_target-1 exactly once, in order."""
    source = [i for b in beads for i in b.source]
    target = [j for b in beads for j in b.target]
    if source != list(range(n_source)) or target != list(range(n_target)):
        raise ValueError("beads do not cover every sentence of both sides exactly once, in order")


# ---- reading back -------------------------------------------------------------------------------------------

@dataclass
class TextSummary:
    slug: str
    title: str
    author: str
    credits: str
    languages: list[str]
    sentence_counts: dict[str, int]
    page_count: int
    engines: dict[str, str]
    aligner: str


def list_texts(session: Session) -> list[TextSummary]:
    texts = session.scalars(select(Text).order_by(Text.title)).all()
    return [summarise(text) for text in texts]


def summarise(text: Text) -> TextSummary:
    sides = sorted(text.sides, key=lambda s: s.role != "source")
    return TextSummary(
        slug=text.slug, title=text.title, author=text.author, credits=text.credits,
        languages=[s.lang for s in sides], sentence_counts={s.lang: s.sentence_count for s in sides},
        page_count=text.page_count, engines={s.lang: s.engine for s in sides}, aligner=text.aligner,
    )


def get_text(session: Session, slug: str) -> Text | None:
    return session.scalar(select(Text).where(Text.slug == slug))


@dataclass
class PageSentence:
    position: int
    key: str
    text: str
    tokens: list
    glosses: list
    heading: str | None = None  # set on the first sentence of a section
    date: str | None = None  # set on the first sentence of a dated entry
    starts_paragraph: bool = False


@dataclass
class PageBead:
    position: int
    confidence: float
    source: list[PageSentence]
    target: list[PageSentence]


@dataclass
class Page:
    text: Text
    number: int
    count: int
    beads: list[PageBead]


def get_page(session: Session, text: Text, number: int) -> Page | None:
    """Page ``number`` (from 1) of ``text``, from stored rows only; None when out of range."""
    if number < 1 or number > text.page_count:
        return None
    return decoded_page(text, number, *stored_page_rows(session, text, number))


# Built once: a statement made per request costs more than the query itself (SQLAlchemy then finds its compiled
# form in its cache by the statement's shape).
_PAGE_BEADS = (select(BeadRow.position, BeadRow.confidence, BeadRow.source_start, BeadRow.source_count,
                      BeadRow.target_start, BeadRow.target_count)
               .where(BeadRow.text_id == bindparam("text_id"), BeadRow.page == bindparam("page"))
               .order_by(BeadRow.position))
_PAGE_SENTENCES = (select(SentenceRow.position, SentenceRow.key, SentenceRow.text, cast(SentenceRow.tokens, String),
                          cast(SentenceRow.glosses, String), SentenceRow.starts_paragraph, SentenceRow.starts_entry,
                          SentenceRow.starts_section, EntryRow.date, SectionRow.heading)
                   .join(ParagraphRow, SentenceRow.paragraph_id == ParagraphRow.id)
                   .join(EntryRow, ParagraphRow.entry_id == EntryRow.id)
                   .join(SectionRow, EntryRow.section_id == SectionRow.id)
                   .where(SentenceRow.side_id == bindparam("side_id"),
                          SentenceRow.position.between(bindparam("first"), bindparam("last")))
                   .order_by(SentenceRow.position))


def stored_page_rows(session: Session, text: Text, number: int) -> tuple[tuple, dict]:
    """Page ``number``'s bead rows and, per side, its sentence rows, as plain tuples with the tokens and glosses
    left as their JSON text: what :func:`decoded_page` turns into a :class:`Page`, and what the reader's page
    cache (``bireader.web.read.pages``) keys its layouts by, without decoding them."""
    sides = {side.role: side for side in text.sides}
    connection = session.connection()  # Core: plain rows, no ORM bookkeeping
    beads = tuple(map(tuple, connection.execute(_PAGE_BEADS, {"text_id": text.id, "page": number})))
    sentences = {}
    for role, start, count in (("source", 2, 3), ("target", 4, 5)):
        spans = [(b[start], b[start] + b[count] - 1) for b in beads if b[count]]
        if role in sides and spans:
            sentences[role] = tuple(map(tuple, connection.execute(_PAGE_SENTENCES, {
                "side_id": sides[role].id, "first": min(s for s, _ in spans), "last": max(e for _, e in spans)})))
    return beads, sentences


def _json(value: str | None):
    """Stored JSON text decoded: orjson, twice as fast as ``json`` on a page's tokens and glosses (0.37 against
    0.90 ms on a Bovary page); ``json`` for what orjson refuses and Python's ``json.dumps`` may have written
    (NaN, Infinity)."""
    if value is None:
        return None
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return json.loads(value)


def decoded_page(text: Text, number: int, beads: tuple, sentences: dict) -> Page:
    """The :class:`Page` of the rows of :func:`stored_page_rows`, their JSON decoded."""
    by_position = {
        role: {position: PageSentence(
            position=position, key=key, text=body, tokens=_json(tokens), glosses=_json(glosses),
            heading=heading if starts_section else None,
            date=date if starts_entry else None, starts_paragraph=bool(starts_paragraph))
            for (position, key, body, tokens, glosses, starts_paragraph, starts_entry, starts_section, date,
                 heading) in rows}
        for role, rows in sentences.items()}
    return Page(text=text, number=number, count=text.page_count, beads=[
        PageBead(position=position, confidence=confidence,
                 source=[by_position["source"][p] for p in range(s_start, s_start + s_count)],
                 target=[by_position["target"][p] for p in range(t_start, t_start + t_count)])
        for position, confidence, s_start, s_count, t_start, t_count in beads])


def count_texts(session: Session) -> int:
    return session.scalar(select(func.count(Text.id))) or 0
