"""A text's vocabulary for one learner: its stored beads (read once per text and cached) through the pure
:func:`bireader.learner.vocabulary.collect_vocabulary`. No request in here: callers pass session and learner.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bireader.learner.models import Learner
from bireader.learner.service import word_statuses
from bireader.learner.vocabulary import (VocabItem, WordCounts, collect_vocabulary, count_lemmas, lemma_rarity,
                                        sentence_lemmas)
from bireader.export.beads import whole_text_beads
from bireader.store.library import get_page
from bireader.store.models import BeadRow, Text


class BeadCache:
    """The beads of the last few texts read whole (a vocabulary page of a long book reads every page)."""

    def __init__(self, size: int = 4):
        self.size = size
        self.items: OrderedDict[tuple, list] = OrderedDict()
        self.rarities: OrderedDict[tuple, dict[str, bool]] = OrderedDict()

    def rarity(self, session: Session, text: Text, level: int) -> dict[str, bool]:
        """The text's lemmas and whether each is rarer than ``level`` (see :func:`lemma_rarity`), cached."""
        key = (*self.version(session, text), level)
        if key not in self.rarities:
            self.rarities[key] = lemma_rarity(self.beads(session, text), level)
            while len(self.rarities) > self.size:
                self.rarities.popitem(last=False)
        return self.rarities[key]

    @staticmethod
    def version(session: Session, text: Text) -> tuple:
        """Changes whenever the text is re-imported (its import time) or its beads are edited (review inserts new
        rows before deleting the old ones, so the newest id grows). The ids alone are not enough: replacing the
        newest text on SQLite gives the new rows the old rows' ids."""
        newest = session.scalar(select(func.max(BeadRow.id)).where(BeadRow.text_id == text.id))
        return (text.id, text.imported_at, text.page_count, newest)

    def beads(self, session: Session, text: Text) -> list:
        key = self.version(session, text)
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        beads = whole_text_beads(session, text)
        self.items[key] = beads
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return beads


def page_beads(session: Session, text: Text, page: int | None, cache: BeadCache) -> list:
    """The beads of one page, or of the whole text when ``page`` is None."""
    if page is None:
        return cache.beads(session, text)
    stored = get_page(session, text, page)
    return stored.beads if stored is not None else []


def vocabulary(session: Session, learner: Learner | None, level: int, text: Text, beads: list) -> list[VocabItem]:
    lang = text.source.lang
    lemmas = sentence_lemmas(s for b in beads for s in b.source)
    statuses = word_statuses(session, learner, lang, lemmas)
    return collect_vocabulary(beads, statuses, level)


def text_counts(session: Session, learner: Learner | None, level: int, text: Text, cache: BeadCache) -> WordCounts:
    """Distinct words of the whole text by the learner's status: cached lemmas, one query for the statuses."""
    return count_lemmas(cache.rarity(session, text, level), word_statuses(session, learner, text.source.lang))


@dataclass(frozen=True)
class WordListPart:
    """Part ``number`` of ``parts`` of a word list of ``total`` words: the items ``start:stop``."""

    number: int
    parts: int
    start: int
    stop: int
    total: int


def word_list_part(total: int, number: int, size: int) -> WordListPart | None:
    """Where part ``number`` (from 1) of a list of ``total`` words cut ``size`` a part lies; None past the end.

    >>> word_list_part(250, 3, 100)
    WordListPart(number=3, parts=3, start=200, stop=250, total=250)
    """
    parts = max(1, -(-total // size))
    if not 1 <= number <= parts:
        return None
    return WordListPart(number, parts, (number - 1) * size, min(total, number * size), total)
