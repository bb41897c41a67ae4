"""Cards from the words a learner marks learning, reviewed on FSRS's schedule, in the sentences they were met in."""

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler
from sqlalchemy import inspect

from bireader.learner.service import get_or_create_learner, save_position, set_word_status
from bireader.store.models import Text
from bireader.study.cards import card_faces, pick_context
from bireader.study.schedule import AGAIN, GOOD, scheduler
from bireader.study.models import StudyCard
from bireader.study.service import (ContextFinder, StaleReview, card_mode, next_card, next_due, record_review,
                                    set_card_mode, summary)
from bireader.web.vocab.service import BeadCache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_monolingual, save_sample  # noqa: E402

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def learner_session(sessions):
    save_sample(sessions)
    save_monolingual(sessions)
    with sessions() as session, session.begin():  # published as public: an anonymous learner may read them
        session.query(Text).update({Text.public: True})
    session = sessions()
    learner = get_or_create_learner(session, None)
    for lemma in ("haie", "volet", "il"):
        set_word_status(session, learner, "fr", lemma, "learning")
    set_word_status(session, learner, "fr", "nuit", "known")
    session.commit()
    yield session, learner
    session.close()


def rate(session, learner, card, rating, now, fsrs=None):
    return record_review(session, learner, card.lang, card.lemma, rating, card.reviews, now,
                         fsrs or scheduler(fuzz=False))


def test_each_learning_word_comes_as_a_new_card_once_and_showing_it_writes_nothing(learner_session):
    session, learner = learner_session
    assert summary(session, learner, T0).due_today == 3
    assert next_card(session, learner, T0).reviews == 0
    assert session.query(StudyCard).count() == 0  # a new card's row is written at its first rating
    seen = []
    now = T0
    while (card := next_card(session, learner, now)) is not None:
        seen.append(card.lemma)
        rate(session, learner, card, GOOD, now)
    assert sorted(seen) == ["haie", "il", "volet"]  # each once: Good sends a new card 10 minutes on
    assert session.query(StudyCard).count() == 3
    assert next_due(session, learner) == T0 + timedelta(minutes=10)
    assert next_card(session, learner, T0 + timedelta(minutes=10)).reviews == 1


def test_a_card_rated_good_three_times_is_due_later_each_time(learner_session):
    session, learner = learner_session
    card = next_card(session, learner, T0)
    now, gaps = T0, []
    reference = Card(card_id=1, due=T0)
    for _ in range(3):
        stored = rate(session, learner, card, GOOD, now)
        session.commit()
        reference, _ = Scheduler(enable_fuzzing=False).review_card(reference, Rating.Good, now)
        session.refresh(stored)
        due = stored.due.replace(tzinfo=timezone.utc) if stored.due.tzinfo is None else stored.due
        assert due == reference.due  # the library's numbers, read back from the database
        gaps.append(due - now)
        now = due
        card = next_card(session, learner, now)
        assert card.lemma == stored.lemma
    assert gaps[0] < gaps[1] < gaps[2]


def test_a_second_submission_or_a_word_not_learning_changes_nothing(learner_session):
    session, learner = learner_session
    card = next_card(session, learner, T0)
    rate(session, learner, card, AGAIN, T0)
    with pytest.raises(StaleReview):
        rate(session, learner, card, GOOD, T0)  # the same page again: expected 0 reviews, the card has 1
    stranger = get_or_create_learner(session, None)
    with pytest.raises(LookupError):
        record_review(session, stranger, "fr", card.lemma, GOOD, None, T0, scheduler())
    with pytest.raises(LookupError, match="not among the words you are learning"):
        record_review(session, learner, "fr", "nuit", GOOD, None, T0, scheduler())
    assert session.query(StudyCard).count() == 1
    s = summary(session, learner, T0)
    assert (s.reviewed, s.recalled, s.new_today) == (1, 0, 1)


def test_a_word_no_longer_learning_leaves_the_queue_and_keeps_its_card(learner_session):
    session, learner = learner_session
    first = next_card(session, learner, T0)
    rate(session, learner, first, GOOD, T0)
    set_word_status(session, learner, "fr", first.lemma, "known")
    later = T0 + timedelta(hours=1)
    others = {"haie", "volet", "il"} - {first.lemma}
    for lemma in others:
        set_word_status(session, learner, "fr", lemma, "ignore")
    assert next_card(session, learner, later) is None and summary(session, learner, later).due_today == 0
    set_word_status(session, learner, "fr", first.lemma, "learning")
    again = next_card(session, learner, later)
    assert (again.lemma, again.reviews) == (first.lemma, 1)  # its history kept


def test_new_cards_a_day_are_limited(learner_session):
    session, learner = learner_session
    first = next_card(session, learner, T0, new_per_day=1)
    rate(session, learner, first, GOOD, T0)
    assert next_card(session, learner, T0, new_per_day=1) is None
    assert summary(session, learner, T0, new_per_day=1).due_today == 1  # the one started, back in 10 minutes
    tomorrow = T0 + timedelta(days=1)
    assert next_card(session, learner, tomorrow, new_per_day=1).lemma == first.lemma
    rate(session, learner, next_card(session, learner, tomorrow, new_per_day=1), GOOD, tomorrow)
    assert next_card(session, learner, tomorrow, new_per_day=1).reviews == 0  # a new one for the new day


def test_contexts_vary_and_come_from_the_text_read_last(learner_session):
    session, learner = learner_session
    finder = ContextFinder(BeadCache())
    contexts = finder.contexts(session, learner, "fr", "il")
    assert [c.sentence for c in contexts] == ["Il pleuvait sur les haies.", "Il aperçut la nuit."]
    assert contexts[0].slug == "promenade"
    shown = [pick_context(contexts, reviews).sentence for reviews in range(3)]
    assert shown == ["Il pleuvait sur les haies.", "Il aperçut la nuit.", "Il pleuvait sur les haies."]
    text = session.query(Text).filter_by(slug="promenade-fr").one()
    save_position(session, learner, text.id, 1)
    assert finder.contexts(session, learner, "fr", "il")[0].slug == "promenade-fr"
    assert finder.contexts(session, learner, "fr", "inconnu") == []


def test_card_faces_blank_or_mark_the_word_and_hide_the_rendering_from_the_hint(learner_session):
    session, learner = learner_session
    [haie] = ContextFinder(BeadCache()).contexts(session, learner, "fr", "haie")
    cloze = card_faces("haie", haie, "cloze", 1)
    assert cloze.front == 'Il pleuvait sur les <span class="blank" aria-label="blank">_____</span>.'
    assert cloze.hint == "It was raining on the hedges."
    assert cloze.back_translation == "It was raining on the <b>hedges</b>."
    assert (cloze.word, cloze.rendering, cloze.senses, cloze.pos) == ("haies", "hedges", ["hedge", "hedgerow"], "noun")
    assert cloze.source == "Promenade sous la pluie"
    recognition = card_faces("haie", haie, "recognition")
    assert recognition.front == 'Il pleuvait sur les <mark class="word">haies</mark>.'
    lost = card_faces("disparu", None, "cloze")
    assert lost.front == '<mark class="word">disparu</mark>' and lost.hint == ""


def test_card_mode_is_the_learners_choice(learner_session):
    session, learner = learner_session
    assert card_mode(session, learner) == "cloze"
    set_card_mode(session, learner, "recognition")
    assert card_mode(session, learner) == "recognition"
    with pytest.raises(ValueError, match="unknown card mode"):
        set_card_mode(session, learner, "typing")
    assert card_mode(session, learner) == "recognition"


def test_the_migration_creates_the_tables_the_models_describe(app):
    from bireader.study.models import StudyCard, StudyPreference, StudyReview

    inspector = inspect(app.extensions["bireader.db"])
    for model in (StudyCard, StudyReview, StudyPreference):
        columns = {c["name"] for c in inspector.get_columns(model.__tablename__)}
        assert columns == {c.name for c in model.__table__.columns}
