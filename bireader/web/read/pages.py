"""Reader pages laid out once for every learner: a page's stored rows, read as stored, key a bounded cache of
finished layouts, so a request only adds the learner's word classes.

A page's layout (:func:`bireader.web.read.view.build_page_layout`, then the beads rendered by the template) depends
on its stored rows alone: its beads, their sentences, tokens and glosses, the headings and dates. Decoding the
token and gloss JSON and laying the page out was most of a page's server time, and it is the same for every
learner. So each request reads the page's rows with the JSON left as text (three indexed range queries, no
decoding), and a digest of exactly the values read (with the text's languages) is the cache key:

    rows of page 12 (JSON as text)  --sha256-->   key  --hit-->   ShownPage: the beads' HTML cut at the word
                                                        --miss->  decode, lay out, render, keep (LRU of PAGES)

Whatever changes a stored page (a re-import, a teacher's alignment edit, new glosses) changes its rows and so the
key: the next request lays the page out again, there is nothing to invalidate, and several server processes
cannot disagree. Row ids or a version number could not stand in for the rows: SQLite gives a re-imported text's
rows the ids its old rows had, and the schema counts no text's changes. Who may read the text is decided for each
request before the cache is asked (:func:`bireader.web.auth.access.readable_text`), so a cached page reaches
only a reader allowed to see it.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

import orjson
from markupsafe import Markup
from sqlalchemy import String, bindparam, cast, select
from sqlalchemy.orm import Session

from bireader.store.library import Page, PageBead, PageSentence
from bireader.store.models import BeadRow, EntryRow, ParagraphRow, SectionRow, SentenceRow, Side, Text
from bireader.web.read.view import SLOT, PageLayout, PageWords, build_page_layout

PAGES = 128  # layouts kept: a Bovary page holds about 0.13 MB (its HTML, JSON and word slots), so 17 MB at most


@dataclass
class ShownPage:
    """What a page shows every learner: the rendered beads cut at each word's classes, and the popups' JSON."""

    parts: list[str]  # the beads' HTML split at the word slots: one more part than words
    words: PageWords
    glosses_json: Markup  # the ``tojson`` of the layout's glosses and English popups, ready for the page
    english_json: Markup
    first_bead: int

    def beads_html(self, statuses: dict[str, str], target_statuses: dict[str, str], level: int) -> Markup:
        """The beads for one learner: their statuses and level as the words' classes."""
        out = [self.parts[0]]
        for classes, part in zip(self.words.classes(statuses, target_statuses, level), self.parts[1:]):
            out.append(classes)
            out.append(part)
        return Markup("".join(out))


Render = Callable[[PageLayout], tuple[str, Markup, Markup]]  # the beads' HTML (with slots), glosses and English JSON


class PageCache:
    """The last ``size`` pages shown, by the digest of their stored rows; safe to share between threads."""

    def __init__(self, size: int = PAGES):
        self.size = size
        self._pages: OrderedDict[bytes, ShownPage] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def get(self, key: bytes) -> ShownPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: bytes, page: ShownPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def shown_page(session: Session, text: Text, number: int, cache: PageCache, render: Render) -> ShownPage:
    """Page ``number`` of ``text`` (in range) as every learner sees it: from ``cache`` while its rows are unchanged,
    else decoded, laid out and rendered with ``render``, and kept."""
    sides = {side.role: side for side in text.sides}
    source_lang = sides["source"].lang if "source" in sides else ""
    target_lang = sides["target"].lang if "target" in sides else ""
    beads, sentences = _stored_rows(session, text, number, sides)
    # SHA-256: collision-resistant, so no page is ever taken for another, and the fastest such digest here
    # (0.3 ms for a Candide page's 240 KB of rows, half of it turning the strings into bytes)
    key = hashlib.sha256(marshal.dumps((source_lang, target_lang, beads, sentences))).digest()
    page = cache.get(key)
    if page is None:
        layout = build_page_layout(_decoded(text, number, beads, sentences), source_lang, target_lang,
                                   bilingual="target" in sides)
        html, glosses_json, english_json = render(layout)
        parts = html.split(SLOT)
        if len(parts) != len(layout.words) + 1:  # the template dropped or repeated a bead: never fill wrongly
            raise RuntimeError(f"page {number} of {text.slug!r}: {len(parts) - 1} word slots rendered, "
                               f"{len(layout.words)} laid out")
        page = ShownPage(parts, layout.words, glosses_json, english_json, layout.first_bead)
        cache.put(key, page)
    return page


# Built once: a statement made per request costs more than the query itself (SQLAlchemy then finds its compiled
# form in its cache by the statement's shape).
_BEADS = (select(BeadRow.position, BeadRow.confidence, BeadRow.source_start, BeadRow.source_count,
                 BeadRow.target_start, BeadRow.target_count)
          .where(BeadRow.text_id == bindparam("text_id"), BeadRow.page == bindparam("page"))
          .order_by(BeadRow.position))
_SENTENCES = (select(SentenceRow.position, SentenceRow.key, SentenceRow.text, cast(SentenceRow.tokens, String),
                     cast(SentenceRow.glosses, String), SentenceRow.starts_paragraph, SentenceRow.starts_entry,
                     SentenceRow.starts_section, EntryRow.date, SectionRow.heading)
              .join(ParagraphRow, SentenceRow.paragraph_id == ParagraphRow.id)
              .join(EntryRow, ParagraphRow.entry_id == EntryRow.id)
              .join(SectionRow, EntryRow.section_id == SectionRow.id)
              .where(SentenceRow.side_id == bindparam("side_id"),
                     SentenceRow.position.between(bindparam("first"), bindparam("last")))
              .order_by(SentenceRow.position))


def _stored_rows(session: Session, text: Text, number: int, sides: dict[str, Side]) -> tuple[tuple, dict]:
    """The page's bead rows and, per side, its sentence rows, as plain tuples (tokens and glosses as JSON text)."""
    connection = session.connection()  # Core: plain rows, no ORM bookkeeping
    beads = tuple(map(tuple, connection.execute(_BEADS, {"text_id": text.id, "page": number})))
    sentences = {}
    for role, start, count in (("source", 2, 3), ("target", 4, 5)):
        spans = [(b[start], b[start] + b[count] - 1) for b in beads if b[count]]
        if role in sides and spans:
            sentences[role] = tuple(map(tuple, connection.execute(_SENTENCES, {
                "side_id": sides[role].id, "first": min(s for s, _ in spans), "last": max(e for _, e in spans)})))
    return beads, sentences


def _json(value: str | None):
    """Stored JSON text decoded: orjson, twice as fast as ``json`` on a page's tokens and glosses (0.37 against
    0.90 ms on a Bovary page); ``json`` for what orjson refuses and Python's ``json.dumps`` may have written
    (NaN, Infinity)."""
    if value is None:
        return None
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return json.loads(value)


def _decoded(text: Text, number: int, beads: tuple, sentences: dict) -> Page:
    """The stored page of :func:`bireader.store.library.get_page`, from the rows of :func:`_stored_rows`."""
    by_position = {
        role: {position: PageSentence(
            position=position, key=key, text=body, tokens=_json(tokens), glosses=_json(glosses),
            heading=heading if starts_section else None,
            date=date if starts_entry else None, starts_paragraph=bool(starts_paragraph))
            for (position, key, body, tokens, glosses, starts_paragraph, starts_entry, starts_section, date,
                 heading) in rows}
        for role, rows in sentences.items()}
    return Page(text=text, number=number, count=text.page_count, beads=[
        PageBead(position=position, confidence=confidence,
                 source=[by_position["source"][p] for p in range(s_start, s_start + s_count)],
                 target=[by_position["target"][p] for p in range(t_start, t_start + t_count)])
        for position, confidence, s_start, s_count, t_start, t_count in beads])
