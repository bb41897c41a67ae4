"""Tables of the classroom.

    classes       a teacher's class: name, join code
    memberships   which learner is in which class
    publications  which text is published to which class (a text's ``public`` flag publishes it to everyone)
    lookups       per learner and text: how often each word's gloss was opened, with the gloss it showed there
    reveals       per learner and text: how often each bead's hidden translation was revealed
    pages_read    per learner and text: the pages the reader reported as read
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bireader.store.models import Base


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Classroom(Base):
    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(20), unique=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("class_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Publication(Base):
    __tablename__ = "publications"
    __table_args__ = (UniqueConstraint("text_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)


class Lookup(Base):
    __tablename__ = "lookups"
    __table_args__ = (UniqueConstraint("learner_id", "text_id", "lang", "lemma"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    lemma: Mapped[str] = mapped_column(String(200))
    gloss: Mapped[str] = mapped_column(String(300), default="")  # what the popup said the word means here
    bead: Mapped[int] = mapped_column(Integer, default=0)  # where it was last looked up
    count: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class Reveal(Base):
    __tablename__ = "reveals"
    __table_args__ = (UniqueConstraint("learner_id", "text_id", "bead"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"), index=True)
    bead: Mapped[int] = mapped_column(Integer)  # bead position in the text
    count: Mapped[int] = mapped_column(Integer, default=0)


class PageRead(Base):
    __tablename__ = "pages_read"
    __table_args__ = (UniqueConstraint("learner_id", "text_id", "page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"), index=True)
    page: Mapped[int] = mapped_column(Integer)
