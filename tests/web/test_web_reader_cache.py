"""The reader's page cache (bireader.web.read.pages): a change to a stored page shows at once, a cached page never
reaches a reader who may not read the text, and learners sharing a cached page each see their own words."""

import json
import re

from accounts_helpers import add_user, login
from reader_sample import FRENCH, ENGLISH, _document, save_sample
from sqlalchemy import select, update

from bireader.store.db import transaction
from bireader.store.library import save_text
from bireader.store.models import SentenceRow, Side, Text
from bireader.web.read.pages import PageCache, ShownPage
from bireader.web.read.view import PageWords

PAGE = "/read/promenade/1"


def cached(app) -> int:
    return len(app.extensions.get("bireader.page_cache", []))


def text_of(response) -> str:
    return re.sub(r"<[^>]+>", "", response.get_data(as_text=True))  # inline glosses live in attributes


def make_public(sessions, public: bool = True) -> None:
    with transaction(sessions) as session:
        session.execute(update(Text).values(public=public))


def test_a_reimported_text_shows_its_new_sentences_at_once(client, app, sessions):
    """Re-importing the newest text gives its rows the ids the old rows had (SQLite reuses them): the page
    must still change, because the cache is keyed on what the rows hold."""
    from reader_sample import BEADS

    save_sample(sessions)
    assert "Il pleuvait sur les haies." in text_of(client.get(PAGE)) and cached(app) == 1
    changed = [(FRENCH[0][0], FRENCH[0][1], [["Il neigeait sur les haies.", *FRENCH[0][2][0][1:]],
                                             FRENCH[0][2][1]])]
    with transaction(sessions) as session:
        save_text(session, _document("Promenade", "fr", changed), _document("Walk", "en", ENGLISH), BEADS,
                  slug="promenade", title="Promenade sous la pluie", replace=True)
    text = text_of(client.get(PAGE))
    assert "Il neigeait sur les haies." in text and "pleuvait" not in text


def test_new_glosses_show_at_once(client, sessions):
    save_sample(sessions)
    assert '<rt data-g="hedges">' in client.get(PAGE).get_data(as_text=True)
    with transaction(sessions) as session:
        side = session.scalar(select(Side.id).where(Side.role == "source"))
        row = session.scalar(select(SentenceRow).where(SentenceRow.side_id == side, SentenceRow.position == 0))
        row.glosses = [dict(g, rendering_text="hedgerows") if g["lemma"] == "haie" else g for g in row.glosses]
    html = client.get(PAGE).get_data(as_text=True)
    assert '<rt data-g="hedgerows">' in html and '<rt data-g="hedges">' not in html
    popups = json.loads(re.search(r'<script type="application/json" id="page-glosses">(.*?)</script>', html).group(1))
    assert popups["0"]["4"]["rendering_text"] == "hedgerows"  # the popup's JSON too


def test_a_cached_page_never_reaches_a_reader_who_may_not_read_the_text(client, app, sessions):
    save_sample(sessions)
    add_user(sessions, "marie", "admin")
    admin, visitor = client, app.test_client()
    login(admin, "marie")
    assert admin.get(PAGE).status_code == 200 and cached(app) == 1  # a private text, laid out for its admin
    assert visitor.get(PAGE).status_code == 404
    make_public(sessions)
    assert visitor.get(PAGE).status_code == 200
    make_public(sessions, False)  # unpublished: gone at once for the visitor, still there for the admin
    assert visitor.get(PAGE).status_code == 404
    assert admin.get(PAGE).status_code == 200


def test_learners_sharing_a_cached_page_see_only_their_own_words_and_level(client, app, sessions):
    save_sample(sessions)
    add_user(sessions, "marie", "teacher")  # accounts exist: two anonymous visitors are two learners
    make_public(sessions)
    other = app.test_client()
    client.put("/api/words", json={"lang": "fr", "lemma": "volet", "status": "known"})
    client.post("/learner/level", data={"level": "B2", "next": PAGE})  # pleuvoir (rank 3000) is no longer rare
    mine = client.get(PAGE).get_data(as_text=True)
    theirs = other.get(PAGE).get_data(as_text=True)
    assert cached(app) == 1
    assert re.search(r'class="w st-known g rare" data-l="volet"', mine)
    assert re.search(r'class="w g rare" data-l="volet"', theirs)
    assert re.search(r'class="w g" data-l="pleuvoir"', mine) and re.search(r'class="w g rare" data-l="pleuvoir"', theirs)
    assert client.get(PAGE).get_data(as_text=True) == mine  # and again, from the cache, unchanged


def test_the_cache_keeps_the_most_recently_read_pages():
    cache = PageCache(size=2)
    page = ShownPage([""], PageWords([]), "{}", "{}", 0)
    for key in (b"a", b"b"):
        cache.put(key, page)
    assert cache.get(b"a") is page  # now the most recent
    cache.put(b"c", page)
    assert len(cache) == 2 and cache.get(b"b") is None and cache.get(b"a") is page and cache.get(b"c") is page


def test_a_reimported_text_exports_its_new_sentences_at_once(client, sessions):
    """The whole-text bead cache behind exports, vocabulary and counts: replacing the newest text reuses its row ids
    on SQLite, and the export must still change (the cache's version reads the import time too)."""
    from reader_sample import BEADS

    save_sample(sessions)
    assert "Il pleuvait sur les haies." in client.get("/export/promenade.tsv").get_data(as_text=True)
    changed = [(FRENCH[0][0], FRENCH[0][1], [["Il neigeait sur les haies.", *FRENCH[0][2][0][1:]],
                                             FRENCH[0][2][1]])]
    with transaction(sessions) as session:
        save_text(session, _document("Promenade", "fr", changed), _document("Walk", "en", ENGLISH), BEADS,
                  slug="promenade", title="Promenade sous la pluie", replace=True)
    tsv = client.get("/export/promenade.tsv").get_data(as_text=True)
    assert "Il neigeait sur les haies." in tsv and "pleuvait" not in tsv
