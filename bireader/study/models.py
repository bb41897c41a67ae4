"""Tables of the study feature: a card per learner and word, each review of it, the learner's card mode.

A card is keyed by the learner's id and the word's status key (``("fr", "haie")``): the word a learner marks
*learning* in the reader is the card. FSRS's state of the card (stability, difficulty, step, due...) is kept as the
``fsrs`` package's own dictionary (``Card.to_dict()``), with ``due`` copied into a column to query on.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bireader.store.models import Base

MODES = ("cloze", "recognition")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class StudyCard(Base):
    __tablename__ = "study_cards"
    __table_args__ = (UniqueConstraint("learner_id", "lang", "lemma"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    lemma: Mapped[str] = mapped_column(String(200))
    fsrs: Mapped[dict] = mapped_column(JSON)  # fsrs.Card.to_dict()
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0)  # also picks the next context sentence
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class StudyReview(Base):
    __tablename__ = "study_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("study_cards.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)  # 1 again, 2 hard, 3 good, 4 easy (fsrs.Rating)
    state_before: Mapped[str] = mapped_column(String(12))  # new | learning | review | relearning
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    due_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StudyPreference(Base):
    __tablename__ = "study_preferences"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(12), default="cloze")  # one of MODES
