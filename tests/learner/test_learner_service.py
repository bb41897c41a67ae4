"""The learner profile in the database: word statuses per lemma and language, level, reading positions."""

import pytest

from bireader.document import Document, Entry, Paragraph, Section, Sentence
from bireader.learner.service import (find_learner, get_or_create_learner, get_position, save_position, set_level,
                                      set_word_status, word_statuses)
from bireader.store.db import transaction
from bireader.store.library import save_text


def test_statuses_are_kept_per_lemma_lower_cased_and_per_language(sessions):
    with transaction(sessions) as session:
        learner = get_or_create_learner(session, None)
        set_word_status(session, learner, "fr", " Maison", "known")
        set_word_status(session, learner, "fr", "haie", "learning")
        set_word_status(session, learner, "en", "house", "ignore")
        token = learner.token
    with sessions() as session:
        learner = find_learner(session, token)
        assert word_statuses(session, learner, "fr") == {"maison": "known", "haie": "learning"}
        assert word_statuses(session, learner, "fr", ["maison", "chat"]) == {"maison": "known"}
        assert word_statuses(session, learner, "en") == {"house": "ignore"}
        assert word_statuses(session, None, "fr") == {}


def test_changing_and_forgetting_a_status(sessions):
    with transaction(sessions) as session:
        learner = get_or_create_learner(session, "abc")
        set_word_status(session, learner, "fr", "haie", "learning")
        set_word_status(session, learner, "fr", "haie", "known")
        assert word_statuses(session, learner, "fr") == {"haie": "known"}
        assert set_word_status(session, learner, "fr", "haie", "new") is None
        assert word_statuses(session, learner, "fr") == {}


def test_two_learners_do_not_share_words(sessions):
    with transaction(sessions) as session:
        a, b = get_or_create_learner(session, "a"), get_or_create_learner(session, "b")
        set_word_status(session, a, "fr", "haie", "known")
        assert word_statuses(session, b, "fr") == {}
        assert get_or_create_learner(session, "a").id == a.id


def test_bad_statuses_levels_and_empty_words_are_refused(sessions):
    with transaction(sessions) as session:
        learner = get_or_create_learner(session, None)
        with pytest.raises(ValueError, match="unknown status"):
            set_word_status(session, learner, "fr", "haie", "maybe")
        with pytest.raises(ValueError, match="empty"):
            set_word_status(session, learner, "fr", "  ", "known")
        with pytest.raises(ValueError):
            set_level(session, learner, 0)
        set_level(session, learner, 5000)
        assert learner.level == 5000


def test_many_lemmas_are_looked_up_in_chunks(sessions):
    with transaction(sessions) as session:
        learner = get_or_create_learner(session, None)
        for n in range(0, 1200, 7):
            set_word_status(session, learner, "fr", f"mot{n}", "known")
        found = word_statuses(session, learner, "fr", [f"mot{n}" for n in range(1200)])
        assert len(found) == len(range(0, 1200, 7))


def test_reading_position_is_remembered_per_text(sessions):
    document = Document("T", "fr", sections=[Section("s", None, [Entry("e", None, [
        Paragraph("p", "Un. Deux.", [Sentence("p.0", "Un.", 0), Sentence("p.1", "Deux.", 4)])])])])
    with transaction(sessions) as session:
        text_id = save_text(session, document, slug="t").id
        learner = get_or_create_learner(session, None)
        assert get_position(session, learner, text_id) is None
        save_position(session, learner, text_id, 1, 1)
        save_position(session, learner, text_id, 1, 0)
        assert get_position(session, learner, text_id) == (1, 0)
        assert get_position(session, None, text_id) is None
