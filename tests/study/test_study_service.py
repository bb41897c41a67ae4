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
from bireader.study.service import (ContextFinder, StaleReview, card_mode, next_card, next_due, record_review,
                                    set_card_mode, summary, sync_cards)
from bireader.web.vocab.service import BeadCache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_monolingual, save_sample  # noqa: E402

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def learner_session(sessions):
    save_sample(sessions)
    save_monolingual(sessions)
    session = sessions()
    learner = get_or_create_learner(session, None)
    for lemma in ("haie", "volet", "il"):
        set_word_status(session, learner, "fr", lemma, "learning")
    set_word_status(session, learner, "fr", "nuit", "known")
    session.commit()
    yield session, learner
    session.close()


def test_learning_words_become_cards_once(learner_session):
    session, learner = learner_session
    assert sync_cards(session, learner, T0) == 3
    assert sync_cards(session, learner, T0) == 0
    assert summary(session, learner, T0).due_today == 3
    seen = []
    now = T0
    while (card := next_card(session, learner, now)) is not None:
        seen.append(card.lemma)
        record_review(session, learner, card.id, GOOD, card.reviews, now, scheduler(fuzz=False))
    assert sorted(seen) == ["haie", "il", "volet"]  # each once: Good sends a new card 10 minutes on
    assert next_due(session, learner) == T0 + timedelta(minutes=10)
    assert next_card(session, learner, T0 + timedelta(minutes=10)) is not None


def test_a_card_rated_good_three_times_is_due_later_each_time(learner_session):
    session, learner = learner_session
    sync_cards(session, learner, T0)
    card = next_card(session, learner, T0)
    now, gaps = T0, []
    reference = Card(card_id=1, due=T0)
    for _ in range(3):
        card = record_review(session, learner, card.id, GOOD, card.reviews, now, scheduler(fuzz=False))
        session.commit()
        reference, _ = Scheduler(enable_fuzzing=False).review_card(reference, Rating.Good, now)
        stored = session.get(type(card), card.id)
        session.refresh(stored)
        due = stored.due.replace(tzinfo=timezone.utc) if stored.due.tzinfo is None else stored.due
        assert due == reference.due
        gaps.append(due - now)
        now = due
    assert gaps[0] < gaps[1] < gaps[2]


def test_a_second_submission_or_anothers_card_changes_nothing(learner_session, sessions):
    session, learner = learner_session
    sync_cards(session, learner, T0)
    card = next_card(session, learner, T0)
    record_review(session, learner, card.id, AGAIN, 0, T0, scheduler())
    with pytest.raises(StaleReview):
        record_review(session, learner, card.id, GOOD, 0, T0, scheduler())
    stranger = get_or_create_learner(session, None)
    with pytest.raises(LookupError):
        record_review(session, stranger, card.id, GOOD, None, T0, scheduler())
    assert card.reviews == 1
    s = summary(session, learner, T0)
    assert (s.reviewed, s.recalled, s.new_today) == (1, 0, 1)


def test_a_word_no_longer_learning_leaves_the_queue_and_keeps_its_card(learner_session):
    session, learner = learner_session
    sync_cards(session, learner, T0)
    for lemma in ("haie", "il"):
        set_word_status(session, learner, "fr", lemma, "known")
    assert next_card(session, learner, T0).lemma == "volet"
    set_word_status(session, learner, "fr", "volet", None)
    assert next_card(session, learner, T0) is None and summary(session, learner, T0).due_today == 0
    set_word_status(session, learner, "fr", "haie", "learning")
    assert sync_cards(session, learner, T0) == 0 and next_card(session, learner, T0).lemma == "haie"


def test_new_cards_a_day_are_limited(learner_session):
    session, learner = learner_session
    sync_cards(session, learner, T0)
    first = next_card(session, learner, T0, new_per_day=1)
    record_review(session, learner, first.id, GOOD, 0, T0, scheduler())
    assert next_card(session, learner, T0, new_per_day=1) is None
    assert summary(session, learner, T0, new_per_day=1).due_today == 1  # the one started, back in 10 minutes
    assert next_card(session, learner, T0 + timedelta(days=1), new_per_day=1) is not None


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
