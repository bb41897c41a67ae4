"""Read and write a learner's profile: word statuses, level, reading positions (a session in, plain values out).

    >>> learner = get_or_create_learner(session, token)          # doctest: +SKIP
    >>> set_word_status(session, learner, "fr", "Maison", "known")  # stored under "maison"
    >>> word_statuses(session, learner, "fr", ["maison", "chat"])
    {'maison': 'known'}
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from bireader.fields import check_language, check_word
from bireader.learner.glossing import STATUSES
from bireader.learner.models import Learner, ReadingPosition, WordStatus


def _now() -> datetime:
    return datetime.now(timezone.utc)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def find_learner(session: Session, token: str | None) -> Learner | None:
    if not token:
        return None
    return session.scalar(select(Learner).where(Learner.token == token))


def get_or_create_learner(session: Session, token: str | None) -> Learner:
    """The learner with ``token``, or a new one (with a fresh token when ``token`` is empty)."""
    learner = find_learner(session, token)
    if learner is None:
        learner = Learner(token=token or new_token())
        session.add(learner)
        session.flush()
    return learner


def set_level(session: Session, learner: Learner, level: int) -> None:
    if not 1 <= level <= 1_000_000:
        raise ValueError(f"level must be a frequency rank between 1 and 1000000, not {level}")
    learner.level = level


def set_word_status(session: Session, learner: Learner, lang: str, lemma: str, status: str | None) -> str | None:
    """Mark ``lemma`` known / learning / ignore, or forget it (``status`` None or "new"); returns the status.

    One statement either way: an upsert (``INSERT … ON CONFLICT DO UPDATE``, SQLite's and PostgreSQL's own), so
    that two requests marking the same word at once both succeed and leave one row."""
    lemma = check_word(lemma)
    check_language(lang)
    if status in (None, "", "new"):
        session.execute(delete(WordStatus).where(
            WordStatus.learner_id == learner.id, WordStatus.lang == lang, WordStatus.lemma == lemma))
        return None
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)} or new")
    values = dict(learner_id=learner.id, lang=lang, lemma=lemma, status=status, updated_at=_now())
    insert = _dialect_insert(session)(WordStatus).values(**values)
    session.execute(insert.on_conflict_do_update(
        index_elements=["learner_id", "lang", "lemma"],
        set_={"status": insert.excluded.status, "updated_at": insert.excluded.updated_at}))
    return status


def _dialect_insert(session: Session):
    """The ``insert`` of the session's database, which knows ``on_conflict_do_update`` (SQLite and PostgreSQL)."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise RuntimeError(f"word marks need SQLite or PostgreSQL, not {name}")
    return insert


def word_statuses(session: Session, learner: Learner | None, lang: str,
                  lemmas: Iterable[str] | None = None) -> dict[str, str]:
    """Lemma -> status for ``lemmas`` (all the learner's words in ``lang`` when None); new words are absent."""
    if learner is None:
        return {}
    if lemmas is not None:
        wanted = sorted(set(lemmas))
        if not wanted:
            return {}
        result: dict[str, str] = {}
        for start in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
            result.update(session.execute(_STATUSES_OF, {"learner_id": learner.id, "lang": lang,
                                                         "lemmas": wanted[start:start + 500]}).all())
        return result
    return dict(session.execute(_STATUSES, {"learner_id": learner.id, "lang": lang}).all())


# Built once: the reader asks for a page's few hundred lemmas on every request, and building the IN list as a new
# statement each time cost more than the query (an expanding parameter is one statement, compiled once).
_STATUSES = select(WordStatus.lemma, WordStatus.status).where(
    WordStatus.learner_id == bindparam("learner_id"), WordStatus.lang == bindparam("lang"))
_STATUSES_OF = _STATUSES.where(WordStatus.lemma.in_(bindparam("lemmas", expanding=True)))


def save_position(session: Session, learner: Learner, text_id: int, page: int, bead: int = 0) -> None:
    row = session.scalar(select(ReadingPosition).where(
        ReadingPosition.learner_id == learner.id, ReadingPosition.text_id == text_id))
    if row is None:
        session.add(ReadingPosition(learner_id=learner.id, text_id=text_id, page=page, bead=bead))
    else:
        row.page, row.bead = page, bead
    session.flush()


def get_position(session: Session, learner: Learner | None, text_id: int) -> tuple[int, int] | None:
    """(page, bead) where the learner stopped in the text, or None."""
    if learner is None:
        return None
    row = session.scalar(select(ReadingPosition).where(
        ReadingPosition.learner_id == learner.id, ReadingPosition.text_id == text_id))
    return (row.page, row.bead) if row is not None else None
