"""The database schema (SQLAlchemy 2 declarative models).

A *text* is one work as the library lists it. It has one or two *sides* (a language version each): the source
side is the original (French when both are present, or the only side), the target side the translation.
Sides hold their sections, entries, paragraphs and sentences, flattened with positions so that a page of a
7,000-sentence book is one indexed range query. *Beads* pair source and target sentence ranges; a one-language
text has one bead per sentence (``[i]:[]``), so the reader walks beads whatever the text. Each bead carries the
page it is shown on, computed at import.

Ids from :mod:`bireader.document` (content hashes) are kept in ``key`` columns: they survive re-import.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text as SqlText, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Text(Base):
    __tablename__ = "texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    author: Mapped[str] = mapped_column(String(200), default="")
    credits: Mapped[str] = mapped_column(SqlText, default="")
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    aligner: Mapped[str] = mapped_column(String(200), default="")
    # who imported it (reviews, re-imports, publishes, deletes it; see bireader.classroom), and whether anyone,
    # even without an account, may read it
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    public: Mapped[bool] = mapped_column(Boolean, default=False)

    sides: Mapped[list[Side]] = relationship(back_populates="text", cascade="all, delete-orphan", order_by="Side.role")
    beads: Mapped[list[BeadRow]] = relationship(back_populates="text", cascade="all, delete-orphan", order_by="BeadRow.position")

    def side(self, role: str) -> Side | None:
        return next((s for s in self.sides if s.role == role), None)

    @property
    def source(self) -> Side | None:
        return self.side("source")

    @property
    def target(self) -> Side | None:
        return self.side("target")


class Side(Base):
    __tablename__ = "sides"
    __table_args__ = (UniqueConstraint("text_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # "source" | "target"
    lang: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(300), default="")
    metadata_json: Mapped[dict] = mapped_column("metadata", JSON, default=dict)
    engine: Mapped[str] = mapped_column(String(300), default="")
    filename: Mapped[str] = mapped_column(String(300), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    sentence_count: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[list | None] = mapped_column(JSON, nullable=True)  # footnotes and endnotes of the file

    text: Mapped[Text] = relationship(back_populates="sides")
    sections: Mapped[list[SectionRow]] = relationship(cascade="all, delete-orphan", order_by="SectionRow.position")


class SectionRow(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    side_id: Mapped[int] = mapped_column(ForeignKey("sides.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str | None] = mapped_column(SqlText, nullable=True)


class EntryRow(Base):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    side_id: Mapped[int] = mapped_column(ForeignKey("sides.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(120), nullable=True)


class ParagraphRow(Base):
    __tablename__ = "paragraphs"

    id: Mapped[int] = mapped_column(primary_key=True)
    side_id: Mapped[int] = mapped_column(ForeignKey("sides.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)


class SentenceRow(Base):
    __tablename__ = "sentences"
    __table_args__ = (UniqueConstraint("side_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    side_id: Mapped[int] = mapped_column(ForeignKey("sides.id", ondelete="CASCADE"), index=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer)  # index of the sentence in its side, 0-based
    text: Mapped[str] = mapped_column(SqlText)
    tokens: Mapped[list] = mapped_column(JSON, default=list)  # [[text, start, end, lemma, pos, is_word], ...] offsets in the sentence
    glosses: Mapped[list] = mapped_column(JSON, default=list)  # per-token glosses, filled by the glosser
    timing: Mapped[list | None] = mapped_column(JSON, nullable=True)  # [start, end] seconds of a subtitle's sentence
    # Where the sentence opens a structural unit, so that a page renders without joins.
    starts_paragraph: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_entry: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_section: Mapped[bool] = mapped_column(Boolean, default=False)


class BeadRow(Base):
    __tablename__ = "beads"
    # a reader page is one range of (text, page): with only the single-column indexes, the database found the text's
    # beads and then filtered every one of them by page (0.58 ms a Bovary page, growing with the book; 0.035 ms so)
    __table_args__ = (Index("ix_beads_text_page", "text_id", "page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer, index=True)
    source_start: Mapped[int] = mapped_column(Integer)  # first source sentence position; count 0 = none
    source_count: Mapped[int] = mapped_column(Integer)
    target_start: Mapped[int] = mapped_column(Integer)
    target_count: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)

    text: Mapped[Text] = relationship(back_populates="beads")

    @property
    def source_positions(self) -> range:
        return range(self.source_start, self.source_start + self.source_count)

    @property
    def target_positions(self) -> range:
        return range(self.target_start, self.target_start + self.target_count)
