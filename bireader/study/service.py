"""Read and write a learner's cards and reviews (a SQLAlchemy session in, plain values and rows out).

    card = next_card(session, learner, now)           # the most overdue card, else a new word, or None
    record_review(session, learner, card.lang, card.lemma, GOOD, card.reviews, now, scheduler())
    summary(session, learner, now).due_today

Only words still marked *learning* are reviewed: a word marked known or ignored keeps its card and history, and
comes back where it was if it is marked learning again. Days are UTC days.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Scheduler
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from bireader.export.beads import TextSentence, whole_text_beads
from bireader.learner.models import Learner, ReadingPosition, WordStatus
from bireader.store.models import SentenceRow, Side, Text
from bireader.study.cards import Context, context_at, occurrence_index
from bireader.study.models import MODES, StudyCard, StudyPreference, StudyReview
from bireader.study.schedule import Summary, new_card_state, review, state_name, summarise, utc

NEW_PER_DAY = 20  # new cards a day, as Anki's default: the rest wait for the next days


class StaleReview(ValueError):
    """The card was rated already since the page was shown (a second click, or another tab)."""


def day_start(now: datetime) -> datetime:
    return utc(now).replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass
class DueCard:
    """A card to review: the word, and how many times it was rated (0: a new card, no row stored yet)."""

    lang: str
    lemma: str
    reviews: int
    state: dict  # FSRS's state of the card (a new card's when never reviewed)


def _active(learner: Learner):
    """The learner's cards whose word is still marked learning."""
    return select(StudyCard).join(WordStatus, and_(
        WordStatus.learner_id == StudyCard.learner_id, WordStatus.lang == StudyCard.lang,
        WordStatus.lemma == StudyCard.lemma)).where(
        StudyCard.learner_id == learner.id, WordStatus.status == "learning")


def _unborn(learner: Learner):
    """Words marked learning that were never reviewed: new cards (their row is written at the first rating, so
    that showing the review page writes nothing)."""
    return (select(WordStatus.lang, WordStatus.lemma)
            .outerjoin(StudyCard, and_(StudyCard.learner_id == WordStatus.learner_id,
                                       StudyCard.lang == WordStatus.lang, StudyCard.lemma == WordStatus.lemma))
            .where(WordStatus.learner_id == learner.id, WordStatus.status == "learning", StudyCard.id.is_(None)))


def new_left_today(session: Session, learner: Learner, now: datetime, new_per_day: int = NEW_PER_DAY) -> int:
    started = session.scalar(select(func.count()).select_from(StudyReview).where(
        StudyReview.learner_id == learner.id, StudyReview.state_before == "new",
        StudyReview.reviewed_at >= day_start(now)))
    return max(0, new_per_day - (started or 0))


def next_card(session: Session, learner: Learner | None, now: datetime,
              new_per_day: int = NEW_PER_DAY) -> DueCard | None:
    """The card to review now: the one due longest ago, then a new word (in the order they were marked) while
    today's allowance of new cards lasts."""
    if learner is None:
        return None
    due = session.scalars(_active(learner).where(StudyCard.due <= utc(now))
                          .order_by(StudyCard.due, StudyCard.id).limit(1)).first()
    if due is not None:
        return DueCard(due.lang, due.lemma, due.reviews, due.fsrs)
    if new_left_today(session, learner, now, new_per_day) <= 0:
        return None
    word = session.execute(_unborn(learner).order_by(WordStatus.updated_at, WordStatus.id).limit(1)).first()
    return DueCard(word.lang, word.lemma, 0, new_card_state(now)) if word is not None else None


def next_due(session: Session, learner: Learner | None) -> datetime | None:
    """When the learner's next reviewed card falls due (None when there is none)."""
    if learner is None:
        return None
    active = _active(learner).subquery()
    moment = session.scalar(select(func.min(active.c.due)))
    return utc(moment) if moment is not None else None


def record_review(session: Session, learner: Learner, lang: str, lemma: str, rating: int,
                  expected_reviews: int | None, now: datetime, fsrs: Scheduler) -> StudyCard:
    """Rate the learner's card for ``lemma`` (1 Again .. 4 Easy) at ``now``: FSRS's new state and due date, and a
    review row. The card row is created at its first rating.

    ``expected_reviews`` is the card's review count the page was made with: a second submission of the same page
    raises :class:`StaleReview` instead of rating the card twice. LookupError: not a word the learner is learning.
    """
    status = session.scalar(select(WordStatus.status).where(
        WordStatus.learner_id == learner.id, WordStatus.lang == lang, WordStatus.lemma == lemma))
    if status != "learning":
        raise LookupError(f"{lemma!r} is not among the words you are learning")
    card = session.scalar(select(StudyCard).where(
        StudyCard.learner_id == learner.id, StudyCard.lang == lang, StudyCard.lemma == lemma))
    if card is None:
        card = StudyCard(learner_id=learner.id, lang=lang, lemma=lemma, fsrs=new_card_state(now), due=utc(now),
                         reviews=0)
        session.add(card)
        session.flush()
    if expected_reviews is not None and card.reviews != expected_reviews:
        raise StaleReview("this card was rated already")
    before = state_name(card.fsrs, card.reviews)
    state, due = review(card.fsrs, rating, now, fsrs)
    card.fsrs, card.due, card.reviews = state, due, card.reviews + 1
    session.add(StudyReview(card_id=card.id, learner_id=learner.id, rating=rating, state_before=before,
                            reviewed_at=utc(now), due_after=due))
    session.flush()
    return card


def summary(session: Session, learner: Learner | None, now: datetime, new_per_day: int = NEW_PER_DAY) -> Summary:
    """Cards due by the end of the UTC day (new ones within today's allowance), and today's reviews."""
    if learner is None:
        return summarise(0, [])
    start = day_start(now)
    end = start + timedelta(days=1)
    due = _active(learner).where(StudyCard.due < end).subquery()
    old = session.scalar(select(func.count()).select_from(due)) or 0
    new = session.scalar(select(func.count()).select_from(_unborn(learner).subquery())) or 0
    reviews = session.execute(select(StudyReview.rating, StudyReview.state_before).where(
        StudyReview.learner_id == learner.id, StudyReview.reviewed_at >= start, StudyReview.reviewed_at < end)).all()
    return summarise(old + min(new, new_left_today(session, learner, now, new_per_day)), reviews)


def card_mode(session: Session, learner: Learner | None) -> str:
    """"cloze" (the word blanked) or "recognition" (the word highlighted): the learner's choice, cloze by default."""
    if learner is None:
        return MODES[0]
    row = session.get(StudyPreference, learner.id)
    return row.mode if row is not None else MODES[0]


def set_card_mode(session: Session, learner: Learner, mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"unknown card mode {mode!r}: use {' or '.join(MODES)}")
    row = session.get(StudyPreference, learner.id)
    if row is None:
        session.add(StudyPreference(learner_id=learner.id, mode=mode))
    else:
        row.mode = mode
    session.flush()


class ContextFinder:
    """The sentences a word is met in, across the library's texts in its language, texts the learner read most
    recently first. Each text's word index (:func:`~bireader.study.cards.occurrence_index`) is built once per
    version of its beads and kept (a few MB for a novel); a card then reads back only the sentences it shows.
    ``versions`` tells a text's version (the web's :class:`~bireader.web.vocab.service.BeadCache` does)."""

    def __init__(self, versions, size: int = 16):
        self.versions = versions
        self.size = size
        self.indexes: OrderedDict[tuple, dict] = OrderedDict()

    def index(self, session: Session, text: Text) -> dict:
        key = self.versions.version(session, text)
        if key not in self.indexes:
            self.indexes[key] = occurrence_index(whole_text_beads(session, text))
            while len(self.indexes) > self.size:
                self.indexes.popitem(last=False)
        self.indexes.move_to_end(key)
        return self.indexes[key]

    def texts(self, session: Session, learner: Learner | None, lang: str) -> list[Text]:
        read = (select(ReadingPosition.text_id, ReadingPosition.updated_at)
                .where(ReadingPosition.learner_id == (learner.id if learner else -1)).subquery())
        query = (select(Text).join(Side, and_(Side.text_id == Text.id, Side.role == "source"))
                 .outerjoin(read, read.c.text_id == Text.id).where(Side.lang == lang)
                 .order_by(read.c.updated_at.is_(None), read.c.updated_at.desc(), Text.id))
        from bireader.accounts.models import User
        from bireader.classroom.service import visible

        user = session.get(User, learner.user_id) if learner is not None and learner.user_id else None
        return list(session.scalars(query.where(visible(user))))  # only texts this learner may read

    def contexts(self, session: Session, learner: Learner | None, lang: str, lemma: str) -> list[Context]:
        """Every distinct sentence the word is met in (a sentence repeated, in one text or two, counts once)."""
        found: dict[str, Context] = {}
        for text in self.texts(session, learner, lang):
            places = self.index(session, text).get(lemma)
            if not places:
                continue
            source = _sentences(session, text.source, {p.sentence for p in places})
            target = _sentences(session, text.target, {t for p in places for t in p.target})
            for place in places:
                context = context_at(place, source[place.sentence], [target[t] for t in place.target],
                                     text.slug, text.title)
                found.setdefault(" ".join(context.sentence.split()), context)
        return list(found.values())


def _sentences(session: Session, side: Side | None, positions: set[int]) -> dict[int, TextSentence]:
    """The side's sentences at ``positions`` (text, tokens, glosses), by position."""
    if side is None or not positions:
        return {}
    rows = session.execute(select(SentenceRow.position, SentenceRow.text, SentenceRow.tokens, SentenceRow.glosses)
                           .where(SentenceRow.side_id == side.id, SentenceRow.position.in_(sorted(positions)))).all()
    return {r.position: TextSentence(r.position, r.text, r.tokens or [], r.glosses or []) for r in rows}
