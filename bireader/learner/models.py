"""Tables of the learner profile: the learner, the status of each lemma they marked, their place in each text.

A word status is per lemma and language (``("fr", "maison") -> "known"``), so marking *maisons* known marks
*maison* everywhere, in every text. A missing row means "new": the learner has not said.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bireader.store.models import Base

DEFAULT_LEVEL = 2000  # words up to this frequency rank are assumed known (about B1)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    level: Mapped[int] = mapped_column(Integer, default=DEFAULT_LEVEL)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # the account this profile belongs to; None for an anonymous visitor known by the cookie token only
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True, nullable=True)


class WordStatus(Base):
    __tablename__ = "word_statuses"
    __table_args__ = (UniqueConstraint("learner_id", "lang", "lemma"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    lemma: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10))  # "known" | "learning" | "ignore"
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class ReadingPosition(Base):
    __tablename__ = "reading_positions"
    __table_args__ = (UniqueConstraint("learner_id", "text_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"), index=True)
    page: Mapped[int] = mapped_column(Integer, default=1)
    bead: Mapped[int] = mapped_column(Integer, default=0)  # bead position the learner last focused
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)
