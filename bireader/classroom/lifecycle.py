"""What happens to learner data when people come and go: an anonymous learner logging in (merge), a text
deleted, an account deleted. Each runs in the caller's transaction: the caller commits once, or rolls back all.

Tables other features add later with a ``learner_id`` or ``text_id`` column are found in the metadata and
handled too: rows moved on a merge where they do not collide, deleted with their text or learner.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bireader.accounts.models import LoginFailure, User
from bireader.classroom.models import Classroom, Lookup, Membership, PageRead, Publication, Reveal
from bireader.learner.models import DEFAULT_LEVEL, Learner, ReadingPosition, WordStatus
from bireader.store.models import (Base, BeadRow, EntryRow, ParagraphRow, SectionRow, SentenceRow, Side, Text)


def _aware(moment):
    from datetime import timezone

    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _tables_with(column: str, known: set[str]):
    return [t for t in Base.metadata.sorted_tables if column in t.c and t.name not in known]


def merge_learner(session: Session, anonymous: Learner, user: User) -> Learner:
    """Give ``user`` what the anonymous (cookie) learner holds; returns the user's learner profile.

    Without a profile yet, the anonymous one simply becomes theirs. Otherwise each word status and reading
    position goes to the profile unless it has a newer one for the same word or text; lookup and reveal counts
    add up; pages read join; a level chosen anonymously is kept if the account still has the default."""
    mine = session.scalar(select(Learner).where(Learner.user_id == user.id))
    if anonymous.user_id is not None:
        return mine or anonymous
    if mine is None:
        anonymous.user_id = user.id
        session.flush()
        return anonymous
    if mine.id == anonymous.id:
        return mine
    for row in session.scalars(select(WordStatus).where(WordStatus.learner_id == anonymous.id)).all():
        kept = session.scalar(select(WordStatus).where(WordStatus.learner_id == mine.id, WordStatus.lang == row.lang,
                                                       WordStatus.lemma == row.lemma))
        if kept is None:
            row.learner_id = mine.id
        elif _aware(row.updated_at) > _aware(kept.updated_at):
            kept.status = row.status
    for row in session.scalars(select(ReadingPosition).where(ReadingPosition.learner_id == anonymous.id)).all():
        kept = session.scalar(select(ReadingPosition).where(ReadingPosition.learner_id == mine.id,
                                                            ReadingPosition.text_id == row.text_id))
        if kept is None:
            row.learner_id = mine.id
        elif _aware(row.updated_at) > _aware(kept.updated_at):
            kept.page, kept.bead = row.page, row.bead
    for row in session.scalars(select(Lookup).where(Lookup.learner_id == anonymous.id)).all():
        kept = session.scalar(select(Lookup).where(Lookup.learner_id == mine.id, Lookup.text_id == row.text_id,
                                                   Lookup.lang == row.lang, Lookup.lemma == row.lemma))
        if kept is None:
            row.learner_id = mine.id
        else:
            kept.count += row.count
    for row in session.scalars(select(Reveal).where(Reveal.learner_id == anonymous.id)).all():
        kept = session.scalar(select(Reveal).where(Reveal.learner_id == mine.id, Reveal.text_id == row.text_id,
                                                   Reveal.bead == row.bead))
        if kept is None:
            row.learner_id = mine.id
        else:
            kept.count += row.count
    for row in session.scalars(select(PageRead).where(PageRead.learner_id == anonymous.id)).all():
        kept = session.scalar(select(PageRead.id).where(PageRead.learner_id == mine.id, PageRead.text_id == row.text_id,
                                                        PageRead.page == row.page))
        if kept is None:
            row.learner_id = mine.id
    if mine.level == DEFAULT_LEVEL and anonymous.level != DEFAULT_LEVEL:
        mine.level = anonymous.level
    session.flush()
    known = {"word_statuses", "reading_positions", "lookups", "reveals", "pages_read", "learners"}
    for table in _tables_with("learner_id", known):  # other features' learner data (e.g. study cards)
        try:
            with session.begin_nested():
                session.execute(update(table).where(table.c.learner_id == anonymous.id).values(learner_id=mine.id))
        except IntegrityError:
            pass  # the account has its own rows there; the anonymous ones go with the anonymous learner
    session.delete(anonymous)
    session.flush()
    return mine


def adopt_local(session: Session, user: User) -> bool:
    """The first account takes over what the single-user mode's ``local`` account held: its learner profile
    (marked words, level, positions, statistics), its classes and, for a teacher or admin, the texts it imported.
    Returns whether there was anything to take over."""
    from bireader.accounts.models import LOCAL_USER

    local = session.scalar(select(User).where(User.name == LOCAL_USER))
    if local is None:
        return False
    profile = session.scalar(select(Learner).where(Learner.user_id == local.id))
    if profile is not None:
        profile.user_id = None
        session.flush()
        merge_learner(session, profile, user)
    if user.can_teach:
        session.execute(update(Text).where(Text.owner_id == local.id).values(owner_id=user.id))
        session.execute(update(Classroom).where(Classroom.teacher_id == local.id).values(teacher_id=user.id))
    delete_account(session, local)
    return True


def delete_learner_data(session: Session, learner_id: int) -> None:
    known = {"learners"}
    for table in _tables_with("learner_id", known):
        session.execute(delete(table).where(table.c.learner_id == learner_id))
    session.execute(delete(Learner).where(Learner.id == learner_id))


def delete_text(session: Session, text: Text) -> None:
    """The text, its sides, sentences and beads, its publications, and every learner's positions, lookups,
    reveals and pages read in it. Word statuses stay: they are per word, shared by every text."""
    text_id = text.id
    side_ids = [s.id for s in text.sides]
    known = {"texts", "sides", "sections", "entries", "paragraphs", "sentences", "beads"}
    for table in reversed(_tables_with("text_id", known)):  # publications, positions, lookups ... and later tables
        session.execute(delete(table).where(table.c.text_id == text_id))
    session.execute(delete(BeadRow).where(BeadRow.text_id == text_id))
    if side_ids:
        for model in (SentenceRow, ParagraphRow, EntryRow, SectionRow):
            session.execute(delete(model).where(model.side_id.in_(side_ids)))
        session.execute(delete(Side).where(Side.id.in_(side_ids)))
    session.execute(delete(Text).where(Text.id == text_id))
    session.expunge(text)


def delete_account(session: Session, user: User) -> None:
    """The user and everything that is theirs: learner profile and its data, memberships, the classes they
    teach. Texts they imported stay in the library, without an owner (admins manage them)."""
    learner = session.scalar(select(Learner.id).where(Learner.user_id == user.id))
    if learner is not None:
        delete_learner_data(session, learner)
    class_ids = list(session.scalars(select(Classroom.id).where(Classroom.teacher_id == user.id)))
    if class_ids:
        session.execute(delete(Publication).where(Publication.class_id.in_(class_ids)))
        session.execute(delete(Membership).where(Membership.class_id.in_(class_ids)))
        session.execute(delete(Classroom).where(Classroom.id.in_(class_ids)))
    session.execute(delete(Membership).where(Membership.user_id == user.id))
    session.execute(update(Text).where(Text.owner_id == user.id).values(owner_id=None))
    session.execute(delete(LoginFailure).where(LoginFailure.key == f"name:{user.name}"))
    session.execute(delete(User).where(User.id == user.id))
    session.expunge(user)
