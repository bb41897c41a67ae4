"""The vocabulary page of a long text comes in parts of WORDS_PER_PART words, each well under 150 KB of HTML
(six chapters of Candide made 1 MB in one page, 2 MB with every word)."""

import re
import string

import pytest

from bireader.document import Bead, Document, Entry, Paragraph, Section, Sentence, Token
from bireader.store.db import transaction
from bireader.store.library import save_text
from bireader.store.models import SentenceRow, Side, Text
from bireader.web.vocab.routes import WORDS_PER_PART
from bireader.web.vocab.service import word_list_part

WORDS = 700
FILLER_FR = "Le vieux jardinier regardait longtemps la maison fermée pendant que la pluie tombait sur le"
FILLER_EN = "The old gardener looked for a long time at the closed house while the rain fell on the"


def _name(n: int) -> str:
    letters = string.ascii_lowercase
    return "mot" + letters[n // 676 % 26] + letters[n // 26 % 26] + letters[n % 26]


def _side(lang: str, sentences: list[str], rare: set[str]) -> Document:
    paragraphs = []
    for n, text in enumerate(sentences):
        tokens = [Token(m.group(), m.start(), m.end(), m.group().lower(), "NOUN" if m.group() in rare else "DET", True)
                  for m in re.finditer(r"\w+", text)]
        paragraphs.append(Paragraph(f"p{lang}{n}", text, [Sentence(f"p{lang}{n}.0", text, 0, tokens)]))
    return Document(title="Long", lang=lang, sections=[Section(f"s{lang}", "", [Entry(f"e{lang}", "", paragraphs)])],
                    engine="hand-made")


@pytest.fixture
def long_text(sessions):
    """WORDS sentences, each with one rare word of its own among common ones, glossed, with a translation."""
    rare = {_name(n) for n in range(WORDS)}
    french = _side("fr", [f"{FILLER_FR} {_name(n)} de la colline." for n in range(WORDS)], rare)
    english = _side("en", [f"{FILLER_EN} {_name(n)}-thing of the hill." for n in range(WORDS)], set())
    beads = [Bead([n], [n], 0.9) for n in range(WORDS)]
    with transaction(sessions) as session:
        saved = save_text(session, french, english, beads, slug="long", title="Long")
        side = session.query(Side).join(Text).filter(Text.id == saved.id, Side.role == "source").one()
        for row in session.query(SentenceRow).filter(SentenceRow.side_id == side.id):
            index = next(i for i, t in enumerate(row.tokens) if t[0].startswith("mot"))
            row.glosses = [dict(token=index, lemma=row.tokens[index][3], pos="NOUN", senses=["a thing", "a word"],
                                rendering=[], rendering_text="", freq_rank=20000, band="rare", gloss_worthy=True)]
    return "long"


def _lemmas(html: str) -> list[str]:
    return re.findall(r'<tr data-lemma="([^"]+)">', html)


@pytest.mark.parametrize("show", ["", "&show=all"])
def test_a_long_vocabulary_comes_in_parts_under_150_kb(client, long_text, show):
    seen = []
    url = f"/vocab/long?x=1{show}"
    while url:
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert len(response.get_data()) <= 150_000, (url, len(response.get_data()))
        lemmas = _lemmas(html)
        assert 0 < len(lemmas) <= WORDS_PER_PART
        seen += lemmas
        following = re.search(r'<a rel="next" href="([^"]+)">next →</a>', html)
        url = following and following.group(1).replace("&amp;", "&")
        if url:
            assert ("show=all" in url) == bool(show)
    every = set(seen)
    assert len(seen) == len(every)  # no word twice
    assert {_name(n) for n in range(WORDS)} <= every  # and every rare word once
    if show:
        assert "jardinier" in every  # every word, the common ones too
    else:
        assert "jardinier" not in every


def test_the_parts_say_where_they_are_and_past_the_end_is_404(client, long_text):
    html = client.get("/vocab/long?part=2").get_data(as_text=True)
    assert f"words {WORDS_PER_PART + 1}–{2 * WORDS_PER_PART} of {WORDS}" in html
    assert '<a rel="prev" href="/vocab/long?part=1">' in html
    last = -(-WORDS // WORDS_PER_PART)
    assert client.get(f"/vocab/long?part={last}").status_code == 200
    assert client.get(f"/vocab/long?part={last + 1}").status_code == 404


def test_a_word_is_marked_from_its_row_with_one_form(client, long_text):
    html = client.get("/vocab/long").get_data(as_text=True)
    row = html[html.index('<tr data-lemma="motaaa">'):]
    row = row[:row.index("</tr>")]
    assert row.count("<form") == 1 and row.count('name="status"') == 3
    client.post("/learner/words", data={"lang": "fr", "lemma": "motaaa", "status": "learning", "next": "/vocab/long"})
    html = client.get("/vocab/long").get_data(as_text=True)
    assert _lemmas(html)[0] == "motaaa" and '<span class="status-learning">learning</span>' in html


def test_word_list_parts():
    assert word_list_part(0, 1, 100).parts == 1
    assert (word_list_part(250, 3, 100).start, word_list_part(250, 3, 100).stop) == (200, 250)
    assert word_list_part(250, 4, 100) is None and word_list_part(250, 0, 100) is None
