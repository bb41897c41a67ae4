"""The statistics pages' read-models: a class page (per text: each learner's progress, the words most looked
up, the sentences most revealed) and a learner's own page. Known-word counts come from the vocabulary service,
whose per-text lemma cache makes one count per learner one query."""

from __future__ import annotations

from dataclasses import dataclass

from bireader.accounts.models import User
from bireader.classroom.models import Classroom
from bireader.classroom.service import (LearnerProgress, RevealedSentence, WordLookups, class_members, class_texts,
                                        learner_of, learner_progress, learner_texts, top_lookups, top_reveals)
from bireader.store.models import Text
from bireader.web.app import db
from bireader.web.learner.identity import learner_level
from bireader.web.learner.routes import bead_cache
from bireader.web.vocab.service import text_counts


@dataclass
class TextReport:
    text: Text
    progress: list[LearnerProgress]
    words: list[WordLookups]
    sentences: list[RevealedSentence]


def class_report(classroom: Classroom) -> tuple[list[User], list[TextReport]]:
    session = db()
    members = class_members(session, classroom)
    profiles = [(user.name, learner_of(session, user)) for user in members]
    learner_ids = [learner.id for _, learner in profiles if learner is not None]
    reports = []
    for text in class_texts(session, classroom):
        progress = learner_progress(session, text, profiles)
        for row, (_, learner) in zip(progress, profiles):
            row.known = text_counts(session, learner, learner_level(learner), text, bead_cache()).known if learner else 0
        reports.append(TextReport(text, progress, top_lookups(session, text, learner_ids, 30),
                                  top_reveals(session, text, learner_ids, 10)))
    return members, reports


def own_statistics(user: User) -> list[TextReport]:
    """The user's own figures per text they read: nothing of anyone else's."""
    session = db()
    learner = learner_of(session, user)
    if learner is None:
        return []
    reports = []
    for text in learner_texts(session, learner):
        progress = learner_progress(session, text, [(user.name, learner)])
        progress[0].known = text_counts(session, learner, learner_level(learner), text, bead_cache()).known
        reports.append(TextReport(text, progress, top_lookups(session, text, [learner.id], 10),
                                  top_reveals(session, text, [learner.id], 5)))
    return reports
