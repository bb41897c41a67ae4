"""Who may read and manage which text, classes and join codes, the reader's batched activity, and the class page.

Visibility, in one place (:func:`visible`):

    anonymous    public texts
    learner      public texts + texts published to a class they belong to
    teacher      public texts + their own texts (published or not)
    admin        every text

A text one may not read does not exist for them (the web answers 404, so titles do not leak). Managing a text
(review, re-import, publish, delete) is for its owner and admins (:func:`can_manage`).
"""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, delete, func, or_, select, true
from sqlalchemy.orm import Session

from bireader.accounts.models import User
from bireader.classroom.models import Classroom, Lookup, Membership, PageRead, Publication, Reveal
from bireader.learner.models import Learner
from bireader.store.models import BeadRow, SentenceRow, Text

JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or off a board
MAX_EVENTS = 500  # lookups or reveals in one batch from the reader


class ClassroomError(ValueError):
    """A classroom request that cannot be done; the message says why in one line."""


# ---- visibility and ownership --------------------------------------------------------------------------------

def _member_classes(user: User):
    return select(Membership.class_id).where(Membership.user_id == user.id)


def visible(user: User | None) -> ColumnElement[bool]:
    """A WHERE clause on :class:`Text`: the texts ``user`` (None: anonymous) may read."""
    if user is None:
        return Text.public == true()
    if user.is_admin:
        return true()
    published = select(Publication.text_id).where(Publication.class_id.in_(_member_classes(user)))
    return or_(Text.public == true(), Text.owner_id == user.id, Text.id.in_(published))


def visible_texts(session: Session, user: User | None) -> list[Text]:
    return list(session.scalars(select(Text).where(visible(user)).order_by(Text.title)))


def readable_text(session: Session, user: User | None, slug: str) -> Text | None:
    """The text called ``slug`` if ``user`` may read it, else None (as if it did not exist)."""
    return session.scalar(select(Text).where(Text.slug == slug, visible(user)))


def can_manage(user: User | None, text: Text) -> bool:
    return user is not None and (user.is_admin or (user.can_teach and text.owner_id == user.id))


# ---- classes ---------------------------------------------------------------------------------------------------

def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(8))


def create_class(session: Session, teacher: User, name: str) -> Classroom:
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise ClassroomError("a class needs a name of 1 to 120 characters")
    if not teacher.can_teach:
        raise ClassroomError("only teachers create classes")
    classroom = Classroom(name=name, join_code=new_join_code(), teacher_id=teacher.id)
    session.add(classroom)
    session.flush()
    return classroom


def find_class_by_code(session: Session, code: str) -> Classroom | None:
    code = "".join(code.split()).upper()
    return session.scalar(select(Classroom).where(Classroom.join_code == code)) if code else None


def join_class(session: Session, user: User, code: str) -> Classroom:
    classroom = find_class_by_code(session, code)
    if classroom is None:
        raise ClassroomError("no class has this join code; ask your teacher for it")
    exists = session.scalar(select(Membership).where(Membership.class_id == classroom.id, Membership.user_id == user.id))
    if exists is None:
        session.add(Membership(class_id=classroom.id, user_id=user.id))
        session.flush()
    return classroom


def classes_taught(session: Session, user: User) -> list[Classroom]:
    query = select(Classroom).order_by(Classroom.name)
    if not user.is_admin:
        query = query.where(Classroom.teacher_id == user.id)
    return list(session.scalars(query))


def classes_joined(session: Session, user: User) -> list[Classroom]:
    return list(session.scalars(select(Classroom).where(Classroom.id.in_(_member_classes(user))).order_by(Classroom.name)))


def managed_class(session: Session, user: User | None, class_id: int) -> Classroom | None:
    """The class if ``user`` teaches it (or is an admin), else None."""
    classroom = session.get(Classroom, class_id)
    if classroom is None or user is None or not (user.is_admin or classroom.teacher_id == user.id):
        return None
    return classroom


def class_members(session: Session, classroom: Classroom) -> list[User]:
    return list(session.scalars(select(User).join(Membership, Membership.user_id == User.id)
                                .where(Membership.class_id == classroom.id).order_by(User.name)))


# ---- publishing ------------------------------------------------------------------------------------------------

def publish(session: Session, user: User, text: Text, public: bool, class_ids: list[int]) -> None:
    """Set where ``text`` is published: to everyone (``public``) and to exactly these classes of ``user``'s."""
    if not can_manage(user, text):
        raise ClassroomError("only the text's owner or an admin publishes it")
    own = {c.id for c in classes_taught(session, user)}
    unknown = set(class_ids) - own
    if unknown:
        raise ClassroomError("a text can only be published to your own classes")
    text.public = bool(public)
    session.execute(delete(Publication).where(Publication.text_id == text.id, Publication.class_id.in_(own)))
    for class_id in sorted(set(class_ids)):
        session.add(Publication(text_id=text.id, class_id=class_id))
    session.flush()


def text_classes(session: Session, text: Text) -> set[int]:
    return set(session.scalars(select(Publication.class_id).where(Publication.text_id == text.id)))


def class_texts(session: Session, classroom: Classroom) -> list[Text]:
    return list(session.scalars(select(Text).join(Publication, Publication.text_id == Text.id)
                                .where(Publication.class_id == classroom.id).order_by(Text.title)))


# ---- the reader's activity ---------------------------------------------------------------------------------------

@dataclass
class Activity:
    """One batch from the reader: the page it was sent from, word lookups and sentence reveals seen there."""

    page: int
    lookups: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # lang, lemma, gloss, bead, times
    reveals: list[tuple[int, int]] = field(default_factory=list)  # bead, times


def parse_activity(data: dict, text: Text) -> Activity:
    """Check a batch sent by the reader (``{"page": 3, "lookups": [{"lang", "lemma", "gloss", "bead", "n"}],
    "reveals": [{"bead", "n"}]}``); :class:`ClassroomError` names the first thing wrong."""
    def number(value, what: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ClassroomError(f"{what} must be a whole number from {low} to {high}")
        return value

    page = number(data.get("page"), "page", 1, max(1, text.page_count))
    lookups, reveals = data.get("lookups", []), data.get("reveals", [])
    if not isinstance(lookups, list) or not isinstance(reveals, list):
        raise ClassroomError("lookups and reveals must be lists")
    if len(lookups) > MAX_EVENTS or len(reveals) > MAX_EVENTS:
        raise ClassroomError(f"at most {MAX_EVENTS} lookups and {MAX_EVENTS} reveals in one batch")
    activity = Activity(page)
    beads = 10**7
    for item in lookups:
        if not isinstance(item, dict):
            raise ClassroomError("each lookup must be an object")
        lang, lemma, gloss = item.get("lang"), item.get("lemma"), item.get("gloss", "")
        if lang not in ("fr", "en") or not isinstance(lemma, str) or not lemma.strip() or len(lemma) > 200:
            raise ClassroomError("a lookup needs lang (fr or en) and a lemma of 1 to 200 characters")
        if not isinstance(gloss, str):
            raise ClassroomError("a lookup's gloss must be a string")
        activity.lookups.append((lang, lemma.strip().lower(), gloss.strip()[:300], number(item.get("bead", 0), "bead", 0, beads),
                                 number(item.get("n", 1), "n", 1, 1000)))
    for item in reveals:
        if not isinstance(item, dict):
            raise ClassroomError("each reveal must be an object")
        activity.reveals.append((number(item.get("bead"), "bead", 0, beads), number(item.get("n", 1), "n", 1, 1000)))
    return activity


def record_activity(session: Session, learner: Learner, text: Text, activity: Activity) -> None:
    """Add a batch to the learner's counts for ``text`` (and mark its page read)."""
    if session.scalar(select(PageRead.id).where(PageRead.learner_id == learner.id, PageRead.text_id == text.id,
                                                PageRead.page == activity.page)) is None:
        session.add(PageRead(learner_id=learner.id, text_id=text.id, page=activity.page))
    existing = {(row.lang, row.lemma): row for row in session.scalars(select(Lookup).where(
        Lookup.learner_id == learner.id, Lookup.text_id == text.id,
        Lookup.lemma.in_({lemma for _, lemma, _, _, _ in activity.lookups})))} if activity.lookups else {}
    for lang, lemma, gloss, bead, times in activity.lookups:
        row = existing.get((lang, lemma))
        if row is None:
            row = existing[(lang, lemma)] = Lookup(learner_id=learner.id, text_id=text.id, lang=lang, lemma=lemma,
                                                   count=0, gloss="")
            session.add(row)
        row.count += times
        row.bead = bead
        row.gloss = gloss or row.gloss
    revealed = {row.bead: row for row in session.scalars(select(Reveal).where(
        Reveal.learner_id == learner.id, Reveal.text_id == text.id,
        Reveal.bead.in_({bead for bead, _ in activity.reveals})))} if activity.reveals else {}
    for bead, times in activity.reveals:
        row = revealed.get(bead)
        if row is None:
            row = revealed[bead] = Reveal(learner_id=learner.id, text_id=text.id, bead=bead, count=0)
            session.add(row)
        row.count += times
    session.flush()


# ---- statistics ------------------------------------------------------------------------------------------------

@dataclass
class WordLookups:
    lang: str
    lemma: str
    gloss: str
    times: int
    learners: int
    page: int
    bead: int


@dataclass
class RevealedSentence:
    bead: int
    page: int
    text: str
    times: int
    learners: int


@dataclass
class LearnerProgress:
    name: str
    learner_id: int | None
    pages_read: int
    page_count: int
    lookups: int
    reveals: int
    known: int | None = None  # filled by the caller (it knows the text's vocabulary)


def _bead_pages(session: Session, text: Text, positions) -> dict[int, BeadRow]:
    positions = sorted(set(positions))
    if not positions:
        return {}
    return {row.position: row for row in session.scalars(
        select(BeadRow).where(BeadRow.text_id == text.id, BeadRow.position.in_(positions)))}


def top_lookups(session: Session, text: Text, learner_ids: list[int], limit: int = 30) -> list[WordLookups]:
    """The words most looked up in ``text`` by these learners (most learners first, then most times), each with
    the gloss its popup showed most often and where it was looked up: two grouped queries, whatever the class."""
    if not learner_ids:
        return []
    mine = (Lookup.text_id == text.id, Lookup.learner_id.in_(learner_ids))
    learners, times = func.count(Lookup.id), func.sum(Lookup.count)
    ranked = session.execute(select(Lookup.lang, Lookup.lemma, times, learners, func.min(Lookup.bead))
                             .where(*mine).group_by(Lookup.lang, Lookup.lemma)
                             .order_by(learners.desc(), times.desc(), Lookup.lang, Lookup.lemma).limit(limit)).all()
    if not ranked:
        return []
    glosses: dict[tuple, Counter] = defaultdict(Counter)
    for lang, lemma, gloss, count in session.execute(
            select(Lookup.lang, Lookup.lemma, Lookup.gloss, Lookup.count).where(
                *mine, Lookup.lemma.in_({row[1] for row in ranked}), Lookup.gloss != "")):
        glosses[(lang, lemma)][gloss] += count
    pages = _bead_pages(session, text, (row[4] for row in ranked))
    return [WordLookups(lang, lemma, glosses[(lang, lemma)].most_common(1)[0][0] if glosses[(lang, lemma)] else "",
                        int(total), int(n), pages[bead].page if bead in pages else 1, bead)
            for lang, lemma, total, n, bead in ranked]


def top_reveals(session: Session, text: Text, learner_ids: list[int], limit: int = 10) -> list[RevealedSentence]:
    """The sentences whose translation these learners revealed most, with their page for a link to the reader."""
    if not learner_ids:
        return []
    rows = session.scalars(select(Reveal).where(Reveal.text_id == text.id, Reveal.learner_id.in_(learner_ids))).all()
    times: Counter = Counter()
    learners: Counter = Counter()
    for row in rows:
        times[row.bead] += row.count
        learners[row.bead] += 1
    ranked = sorted(times, key=lambda b: (-learners[b], -times[b], b))[:limit]
    beads = _bead_pages(session, text, ranked)
    source = text.source
    result = []
    for position in ranked:
        bead = beads.get(position)
        if bead is None:  # the text was re-imported with fewer beads
            continue
        side, start, count = (source, bead.source_start, bead.source_count) if bead.source_count else \
            (text.target, bead.target_start, bead.target_count)
        sentences = session.scalars(select(SentenceRow.text).where(
            SentenceRow.side_id == side.id, SentenceRow.position.between(start, start + count - 1))
            .order_by(SentenceRow.position)).all()
        result.append(RevealedSentence(position, bead.page, " ".join(sentences), times[position], learners[position]))
    return result


def learner_progress(session: Session, text: Text, members: list[tuple[str, Learner | None]]) -> list[LearnerProgress]:
    """Pages read, words looked up and sentences revealed in ``text`` for each (name, learner profile)."""
    ids = [learner.id for _, learner in members if learner is not None]

    def per_learner(query) -> dict[int, int]:
        return dict(session.execute(query).all()) if ids else {}

    pages = per_learner(select(PageRead.learner_id, func.count(PageRead.id)).where(
        PageRead.text_id == text.id, PageRead.learner_id.in_(ids)).group_by(PageRead.learner_id))
    lookups = per_learner(select(Lookup.learner_id, func.sum(Lookup.count)).where(
        Lookup.text_id == text.id, Lookup.learner_id.in_(ids)).group_by(Lookup.learner_id))
    reveals = per_learner(select(Reveal.learner_id, func.sum(Reveal.count)).where(
        Reveal.text_id == text.id, Reveal.learner_id.in_(ids)).group_by(Reveal.learner_id))
    return [LearnerProgress(name, learner.id if learner else None,
                            pages.get(learner.id, 0) if learner else 0, text.page_count,
                            int(lookups.get(learner.id, 0)) if learner else 0,
                            int(reveals.get(learner.id, 0)) if learner else 0)
            for name, learner in members]


def learner_texts(session: Session, learner: Learner) -> list[Text]:
    """The texts the learner has read or looked things up in (their own statistics page)."""
    ids = set(session.scalars(select(PageRead.text_id).where(PageRead.learner_id == learner.id)))
    ids |= set(session.scalars(select(Lookup.text_id).where(Lookup.learner_id == learner.id)))
    ids |= set(session.scalars(select(Reveal.text_id).where(Reveal.learner_id == learner.id)))
    if not ids:
        return []
    return list(session.scalars(select(Text).where(Text.id.in_(ids)).order_by(Text.title)))


def learner_of(session: Session, user: User) -> Learner | None:
    return session.scalar(select(Learner).where(Learner.user_id == user.id))

