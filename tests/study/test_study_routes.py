"""The review page without JavaScript: a form per rating, CSRF-checked, and the day's summary."""

import io
import re
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from bireader.study.models import StudyCard, StudyReview

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_sample  # noqa: E402


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


@pytest.fixture
def learner_client(client, sessions):
    save_sample(sessions)
    for lemma in ("haie", "volet"):
        client.post("/learner/words", data={"lang": "fr", "lemma": lemma, "status": "learning", "next": "/"})
    return client


def test_a_visitor_without_words_is_told_how_cards_are_made(client):
    page = client.get("/study/").get_data(as_text=True)
    assert "No words to review yet" in page and 'class="card"' not in page


def test_review_a_card_with_the_forms_and_see_the_summary(learner_client, sessions):
    page = learner_client.get("/study/").get_data(as_text=True)
    assert "<b>2</b> due today" in page and "<b>0</b> reviewed" in page
    lemma = re.search(r'class="card" data-lemma="([^"]+)"', page).group(1)
    assert lemma == "haie"  # the first word marked
    assert 'Il pleuvait sur les <span class="blank" aria-label="blank">_____</span>.' in page  # cloze by default
    assert '<p class="hint-text">It was raining on the hedges.</p>' in page
    assert "It was raining on the <b>hedges</b>." in page and "hedgerow" in page
    assert len(re.findall(r'name="rating" value="[1-4]"', page)) == 4
    assert "10 min" in page  # Good on a new card: FSRS's second learning step
    form = {"csrf": csrf_of(page), "lang": "fr", "lemma": "haie", "expected": "0", "rating": "3"}

    assert learner_client.post("/study/review", data=dict(form, csrf="forged")).status_code == 400
    with sessions() as session:
        assert session.query(StudyReview).count() == 0

    response = learner_client.post("/study/review", data=form)
    assert response.status_code == 303 and response.headers["Location"].endswith("/study/")
    again = learner_client.post("/study/review", data=form)  # the same form twice: rated once
    assert again.status_code == 303
    with sessions() as session:
        assert session.query(StudyReview).count() == 1
        assert session.query(StudyCard).one().reviews == 1

    page = learner_client.get("/study/").get_data(as_text=True)
    assert "<b>1</b> reviewed" in page and 'data-lemma="volet"' in page
    assert learner_client.post("/study/review", data=dict(form, lemma="volet", rating="7")).status_code == 400
    assert learner_client.post("/study/review", data=dict(form, lemma="nuit")).status_code == 400


def test_recognition_mode_highlights_the_word(learner_client):
    page = learner_client.get("/study/").get_data(as_text=True)
    assert learner_client.post("/study/mode", data={"csrf": csrf_of(page), "mode": "typing"}).status_code == 400
    assert learner_client.post("/study/mode", data={"csrf": "x", "mode": "recognition"}).status_code == 400
    response = learner_client.post("/study/mode", data={"csrf": csrf_of(page), "mode": "recognition"})
    assert response.status_code == 303
    page = learner_client.get("/study/").get_data(as_text=True)
    assert 'Il pleuvait sur les <mark class="word">haies</mark>.' in page
    assert 'value="recognition" aria-pressed="true"' in page


def test_the_vocabulary_downloads_say_their_type_once_and_the_apkg_is_a_package(learner_client, tmp_path):
    tsv = learner_client.get("/vocab/promenade/anki.tsv")
    assert tsv.headers["Content-Type"] == "text/tab-separated-values; charset=utf-8"
    assert learner_client.get("/export/promenade.tsv").headers["Content-Type"] == "text/tab-separated-values; charset=utf-8"
    assert learner_client.get("/export/promenade.tmx").headers["Content-Type"] == "application/x-tmx+xml; charset=utf-8"
    apkg = learner_client.get("/vocab/promenade/anki.apkg")
    assert apkg.status_code == 200 and apkg.headers["Content-Type"] == "application/apkg"
    assert apkg.headers["Content-Disposition"] == 'attachment; filename="promenade.apkg"'
    with zipfile.ZipFile(io.BytesIO(apkg.data)) as archive:
        archive.extract("collection.anki2", tmp_path)
    fields = [row[0].split("\x1f") for row in sqlite3.connect(tmp_path / "collection.anki2").execute(
        "select flds from notes order by sfld")]
    assert [f[1] for f in fields] == ["haie", "volet"]  # the two words being learned
    assert fields[1][3] == "Les <b>volets</b> étaient fermés."
    cloze = learner_client.get("/vocab/promenade/anki.apkg?cloze=1&new=1")
    assert cloze.headers["Content-Disposition"] == 'attachment; filename="promenade-cloze.apkg"'
    vocab = learner_client.get("/vocab/promenade").get_data(as_text=True)
    assert "/vocab/promenade/anki.apkg" in vocab and 'href="/study/"' in vocab
