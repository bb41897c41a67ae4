"""Reader, learner API and vocabulary through the app (no browser): what works without JavaScript too."""

import re

from reader_sample import save_monolingual, save_sample


def test_a_bilingual_page_reads_without_javascript(client, sessions):
    save_sample(sessions)
    html = client.get("/read/promenade/1").get_data(as_text=True)
    assert html.index("Chapitre premier") < html.index("Chapter one") < html.index(">Nobody<")
    assert '<p class="date" lang="fr">Lundi 3 mars</p>' in html
    assert re.search(r'<div class="bead para-start" data-bead="2">', html)  # second paragraph
    assert 'class="run target-only"' in html and "English only" in html
    assert 'class="bead low-confidence" data-bead="3"' in html
    assert len(re.findall(r'<div class="bead[ "]', html)) == 7
    text = re.sub(r"<[^>]+>", "", html)  # inline glosses live in attributes: the text stays the text
    assert "Il pleuvait sur les haies." in text and "Le chemin longeait 3 vieilles maisons." in text


def test_marking_a_word_sets_a_learner_cookie_and_restyles_every_text(client, sessions):
    """An anonymous visitor (accounts exist, nobody logged in) reading public texts keeps marks in a cookie."""
    from accounts_helpers import add_user
    from sqlalchemy import update

    from bireader.store.db import transaction
    from bireader.store.models import Text

    save_sample(sessions)
    save_monolingual(sessions, pages=2)
    add_user(sessions, "marie", "teacher")
    with transaction(sessions) as session:
        session.execute(update(Text).values(public=True))
    response = client.put("/api/words", json={"lang": "fr", "lemma": "Volet", "status": "known"})
    assert response.get_json() == {"lang": "fr", "lemma": "volet", "status": "known"}
    assert "bireader_learner=" in response.headers["Set-Cookie"]
    for url in ("/read/promenade/1", "/read/promenade-fr/2"):
        html = client.get(url).get_data(as_text=True)
        assert re.search(r'class="w st-known g rare" data-l="volet"', html), url
    assert client.get("/api/words?lang=fr").get_json() == {"volet": "known"}


def test_a_new_visitor_has_no_statuses_and_bad_requests_are_refused(client, sessions):
    save_sample(sessions)
    assert client.get("/api/words?lang=fr").get_json() == {}
    assert client.put("/api/words", json={"lang": "fr", "lemma": "haie", "status": "maybe"}).status_code == 400
    assert client.put("/api/words", data="not json").status_code == 400
    assert client.put("/api/position", json={"slug": "nothing", "page": 1}).status_code == 404
    assert client.put("/api/position", json={"slug": "promenade", "page": 99}).status_code == 400


def test_the_reader_reopens_a_text_where_the_learner_stopped(client, sessions):
    save_monolingual(sessions, pages=3)
    assert client.get("/read/promenade-fr").headers["Location"].endswith("/read/promenade-fr/1")
    client.put("/api/position", json={"slug": "promenade-fr", "page": 3, "bead": 5})
    assert client.get("/read/promenade-fr").headers["Location"].endswith("/read/promenade-fr/3")
    page = client.get("/read/promenade-fr/2").get_data(as_text=True)  # showing a page writes nothing
    assert client.get("/read/promenade-fr").headers["Location"].endswith("/read/promenade-fr/3")
    assert 'action="/learner/position"' in page  # its "remember this page" form does, without JavaScript
    response = client.post("/learner/position", data={"slug": "promenade-fr", "page": "2", "bead": "0",
                                                      "next": "/read/promenade-fr/2"})
    assert response.status_code == 303
    assert client.get("/read/promenade-fr").headers["Location"].endswith("/read/promenade-fr/2")


def test_counts_follow_the_learners_words(client, sessions):
    save_sample(sessions)
    before = client.get("/api/texts/promenade/counts").get_json()
    client.put("/api/words", json={"lang": "fr", "lemma": "haie", "status": "known"})
    client.put("/api/words", json={"lang": "fr", "lemma": "volet", "status": "learning"})
    after = client.get("/api/texts/promenade/counts").get_json()
    assert after["known"] == 1 and after["learning"] == 1 and after["new"] == before["new"] - 2
    assert after["rare"] == before["rare"] - 2 and after["total"] == before["total"]


def test_level_form_changes_which_words_get_inline_glosses(client, sessions):
    save_sample(sessions)
    pleuvoir = r'class="w g( rare)?" data-l="pleuvoir"'  # frequency rank 3000
    assert re.search(pleuvoir, client.get("/read/promenade/1").get_data(as_text=True)).group(1) == " rare"
    response = client.post("/learner/level", data={"level": "B2", "next": "/read/promenade/1"})
    assert response.status_code == 303 and response.headers["Location"] == "/read/promenade/1"
    assert re.search(pleuvoir, client.get("/read/promenade/1").get_data(as_text=True)).group(1) is None
    assert client.post("/learner/level", data={"level": "Z9"}).status_code == 400
    assert client.post("/learner/level", data={"level": "B1", "next": "//evil.example/"}).headers["Location"] == "/"


def test_vocabulary_page_lists_words_to_learn_and_marks_without_javascript(client, sessions):
    save_sample(sessions)
    html = client.get("/vocab/promenade").get_data(as_text=True)
    assert "Il pleuvait sur les <b>haies</b>." in html and "It was raining on the hedges." in html
    assert 'data-lemma="candide"' not in html and 'data-lemma="3"' not in html
    client.post("/learner/words", data={"lang": "fr", "lemma": "haie", "status": "learning", "next": "/vocab/promenade"})
    tsv = client.get("/vocab/promenade/anki.tsv")
    assert tsv.headers["Content-Disposition"] == 'attachment; filename="promenade-anki.tsv"'
    rows = [line.split("\t") for line in tsv.get_data(as_text=True).splitlines() if not line.startswith("#")]
    assert rows == [["haies", "haie", "hedges; hedge", "Il pleuvait sur les <b>haies</b>.", "It was raining on the <b>hedges</b>."]]
    page_rows = client.get("/vocab/promenade/anki.tsv?page=1&new=1").get_data(as_text=True).splitlines()[3:]
    assert {r.split("\t")[1] for r in page_rows} == {"haie", "pleuvoir", "longer", "volet", "apercevoir"}
    assert client.get("/vocab/promenade?page=9").status_code == 404


def test_alignment_downloads(client, sessions):
    save_sample(sessions)
    save_monolingual(sessions)
    tsv = client.get("/export/promenade.tsv")
    assert tsv.headers["Content-Disposition"] == 'attachment; filename="promenade.tsv"'
    lines = tsv.get_data(as_text=True).splitlines()
    assert lines[0] == "bead\tconfidence\tfr\ten" and len(lines) == 1 + 7
    assert lines[3] == "2\t0.800\tLe chemin longeait 3 vieilles maisons. Les volets étaient fermés.\t" \
                       "The path ran along 3 old houses, whose shutters were closed."
    assert client.get("/export/promenade.tmx").get_data(as_text=True).count("<tu ") == 4
    assert client.get("/export/promenade-fr.tmx").status_code == 404
    assert client.get("/export/nothing.tsv").status_code == 404


def test_counts_follow_a_reimport_of_the_text(client, sessions):
    save_monolingual(sessions, pages=1)
    before = client.get("/api/texts/promenade-fr/counts").get_json()
    from bireader.document import Document, Entry, Paragraph, Section, Sentence, Token
    from bireader.store.db import transaction
    from bireader.store.library import save_text

    tokens = [Token("Bonjour", 0, 7, "bonjour", "INTJ"), Token(".", 7, 8, ".", "PUNCT", False)]
    document = Document("B", "fr", sections=[Section("s", None, [Entry("e", None, [
        Paragraph("p", "Bonjour.", [Sentence("p.0", "Bonjour.", 0, tokens)])])])])
    with transaction(sessions) as session:  # the same slug, other content
        save_text(session, document, slug="promenade-fr", replace=True)
    after = client.get("/api/texts/promenade-fr/counts").get_json()
    assert before["total"] > 1 and after["total"] == after["new"] == 1
