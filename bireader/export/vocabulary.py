"""Which words of a text go into an exported deck (``bireader export-vocab``), read from the store.

    vocabulary_for_export(session, text, user=None, level=5000)   # the text's words rarer than rank 5000
    vocabulary_for_export(session, text, user="amelie")           # the words Amélie marked learning
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bireader.export.beads import whole_text_beads
from bireader.learner.models import DEFAULT_LEVEL, Learner
from bireader.learner.service import word_statuses
from bireader.learner.vocabulary import VocabItem, collect_vocabulary, sentence_lemmas, words_to_learn
from bireader.store.models import Text


def text_source(text: Text) -> str:
    """What a card says it comes from: the text's title, and its author when known."""
    return f"{text.title} ({text.author})" if text.author else text.title


def learner_of_user(session: Session, name: str) -> Learner:
    """The learner profile of the account ``name``; LookupError with a one-line reason when there is none."""
    from bireader.accounts.service import find_user
    from bireader.classroom.service import learner_of

    user = find_user(session, name)
    if user is None:
        raise LookupError(f"--user {name}: there is no account of that name (see `bireader users list`); leave "
                          "--user out to export the words rarer than --level")
    learner = learner_of(session, user)
    if learner is None:
        raise LookupError(f"--user {name}: this account has marked no words yet, so it has none to learn")
    return learner


def vocabulary_for_export(session: Session, text: Text, user: str | None = None,
                          level: int | None = None) -> list[VocabItem]:
    """With ``user``, that learner's words marked learning in the text; else the words rarer than ``level``."""
    beads = whole_text_beads(session, text)
    if user is None:
        return words_to_learn(collect_vocabulary(beads, {}, level or DEFAULT_LEVEL), include_new=True)
    learner = learner_of_user(session, user)
    lang = text.source.lang
    statuses = word_statuses(session, learner, lang, sentence_lemmas(s for b in beads for s in b.source))
    return words_to_learn(collect_vocabulary(beads, statuses, level or learner.level))
