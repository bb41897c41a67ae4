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
import marshal
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup
from sqlalchemy.orm import Session

from bireader.store.library import decoded_page, stored_page_rows
from bireader.store.models import Text
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
    beads, sentences = stored_page_rows(session, text, number)
    # SHA-256: collision-resistant, so no page is ever taken for another, and the fastest such digest here
    # (0.3 ms for a Candide page's 240 KB of rows, half of it turning the strings into bytes)
    key = hashlib.sha256(marshal.dumps((source_lang, target_lang, beads, sentences))).digest()
    page = cache.get(key)
    if page is None:
        layout = build_page_layout(decoded_page(text, number, beads, sentences), source_lang, target_lang,
                                   bilingual="target" in sides)
        html, glosses_json, english_json = render(layout)
        parts = html.split(SLOT)
        if len(parts) != len(layout.words) + 1:  # the template dropped or repeated a bead: never fill wrongly
            raise RuntimeError(f"page {number} of {text.slug!r}: {len(parts) - 1} word slots rendered, "
                               f"{len(layout.words)} laid out")
        page = ShownPage(parts, layout.words, glosses_json, english_json, layout.first_bead)
        cache.put(key, page)
    return page
