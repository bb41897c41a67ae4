"""Visibility, publishing, the reader's activity batches, the statistics, and deletions (transactional)."""

from __future__ import annotations

import pytest
from accounts_helpers import TokenClient, login
from sqlalchemy import func, select

from bireader.accounts.models import User
from bireader.classroom.lifecycle import delete_account, delete_text
from bireader.classroom.models import Classroom, Lookup, Membership, PageRead, Publication, Reveal
from bireader.classroom.service import (ClassroomError, parse_activity, publish, readable_text, top_lookups,
                                        top_reveals, visible_texts)
from bireader.learner.models import Learner, ReadingPosition, WordStatus
from bireader.store.models import BeadRow, SentenceRow, Side, Text


def _user(session, name):
    return session.scalar(select(User).where(User.name == name))


def test_who_sees_which_text(sessions, world):
    with sessions() as session:
        seen = {name: sorted(t.slug for t in visible_texts(session, _user(session, name) if name else None))
                for name in (None, "learner-in", "learner-out", "owner", "other-teacher", "admin")}
    assert seen == {None: ["promenade-fr"], "learner-in": ["promenade", "promenade-fr"], "learner-out": ["promenade-fr"],
                    "owner": ["promenade", "promenade-fr"], "other-teacher": ["promenade-fr"],
                    "admin": ["promenade", "promenade-fr"]}


def test_publishing_only_to_ones_own_classes_and_unpublishing(sessions, world):
    with sessions() as session:
        owner, text = _user(session, "owner"), session.scalar(select(Text).where(Text.slug == "promenade"))
        with pytest.raises(ClassroomError, match="your own classes"):
            publish(session, owner, text, False, [world["class_b"]])
        with pytest.raises(ClassroomError, match="owner or an admin"):
            publish(session, _user(session, "other-teacher"), text, True, [])
        publish(session, owner, text, False, [])  # unpublished: only the owner (and admins) see it
        assert readable_text(session, _user(session, "learner-in"), "promenade") is None
        assert readable_text(session, owner, "promenade") is not None


def test_the_library_of_a_learner_and_an_invisible_text_is_404_not_403(app, world):
    client = TokenClient(app, app.response_class, use_cookies=True)
    login(client, "learner-out")
    library = client.get("/").get_data(as_text=True)
    assert "Promenade (français)" in library and "Promenade sous la pluie" not in library
    assert "/read/promenade\"" not in library and "/read/promenade/" not in library
    for url in ("/read/promenade/1", "/read/promenade/99", "/vocab/promenade", "/review/promenade"):
        page = client.get(url)
        assert page.status_code == 404 and "Promenade sous la pluie" not in page.get_data(as_text=True), url
    assert "Promenade sous la pluie" in _reader(app, "learner-in").get("/read/promenade/99").get_data(as_text=True)


def test_activity_batches_are_checked(sessions, world):
    with sessions() as session:
        text = session.scalar(select(Text).where(Text.slug == "promenade"))
        batch = parse_activity({"page": 1, "lookups": [{"lang": "fr", "lemma": " Haie ", "gloss": "hedges", "bead": 0, "n": 2}],
                                "reveals": [{"bead": 3}]}, text)
        assert batch.lookups == [("fr", "haie", "hedges", 0, 2)] and batch.reveals == [(3, 1)]
        for bad, message in [({"page": 9}, "page must be"), ({"page": 1, "lookups": "x"}, "must be lists"),
                             ({"page": 1, "lookups": [{"lang": "de", "lemma": "x"}]}, "lang"),
                             ({"page": 1, "reveals": [{"bead": -1}]}, "bead must be"),
                             ({"page": 1, "reveals": [{"bead": 1}] * 501}, "at most 500"),
                             ({"page": True}, "page must be")]:
            with pytest.raises(ClassroomError, match=message):
                parse_activity(bad, text)


def _reader(app, name):
    client = TokenClient(app, app.response_class, use_cookies=True)
    login(client, name)
    return client


def test_the_class_page_shows_progress_lookups_and_reveals_of_its_learners_only(app, world, sessions):
    from accounts_helpers import add_user
    from bireader.classroom.service import join_class

    add_user(sessions, "second", "learner")
    with sessions() as session, session.begin():
        join_class(session, _user(session, "second"), world["code_a"])
    one, two = _reader(app, "learner-in"), _reader(app, "second")
    for client in (one, two):
        assert client.post("/api/activity", json={"slug": "promenade", "page": 1, "lookups": [
            {"lang": "fr", "lemma": "haie", "gloss": "hedges", "bead": 0}], "reveals": [{"bead": 3}]}).status_code == 200
    one.post("/api/activity", json={"slug": "promenade", "page": 1, "lookups": [
        {"lang": "fr", "lemma": "volet", "gloss": "shutters", "bead": 2, "n": 3}], "reveals": [{"bead": 2}]})
    one.put("/api/words", json={"lang": "fr", "lemma": "haie", "status": "known"})
    outsider = _reader(app, "learner-out")
    assert outsider.post("/api/activity", json={"slug": "promenade", "page": 1}).status_code == 404
    teacher = _reader(app, "owner")
    html = teacher.get(f"/classes/{world['class_a']}").get_data(as_text=True)
    assert "learner-in" in html and "second" in html and "learner-out" not in html
    rows = [r for r in html.split("<tr>") if "<td>learner-in</td>" in r][0]
    assert "<td>1 / 1</td><td>1</td><td>4</td><td>2</td>" in rows  # pages read, known, lookups, reveals
    haie, volet = html.index(">haie</a>"), html.index(">volet</a>")
    assert haie < volet  # two learners looked "haie" up, one "volet" (three times)
    assert "<td>hedges</td>" in html and "<td>shutters</td>" in html
    assert "/read/promenade/1#b3" in html and "Il aperçut la nuit." in html  # the most revealed sentence
    with sessions() as session:
        text = session.scalar(select(Text).where(Text.slug == "promenade"))
        ids = list(session.scalars(select(Learner.id).where(Learner.user_id.is_not(None))))
        assert [(w.lemma, w.times, w.learners) for w in top_lookups(session, text, ids)] == [("haie", 2, 2), ("volet", 3, 1)]
        assert [(s.bead, s.times, s.learners) for s in top_reveals(session, text, ids)] == [(3, 2, 2), (2, 1, 1)]
    own = one.get("/account").get_data(as_text=True)
    assert "volet" in own and "second" not in own  # a learner sees their own figures, nobody else's
    assert _reader(app, "learner-in").get(f"/classes/{world['class_a']}").status_code == 404


def _counts(session):
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Text, Side, SentenceRow, BeadRow, Publication, Lookup, Reveal, PageRead, ReadingPosition,
                          WordStatus, Learner, User, Membership, Classroom)}


def _activity(app):
    client = _reader(app, "learner-in")
    client.post("/api/activity", json={"slug": "promenade", "page": 1, "lookups": [{"lang": "fr", "lemma": "haie"}],
                                       "reveals": [{"bead": 0}]})
    client.put("/api/position", json={"slug": "promenade", "page": 1})
    client.put("/api/words", json={"lang": "fr", "lemma": "haie", "status": "known"})
    return client


def test_deleting_a_text_takes_its_rows_and_learner_progress_with_it(app, world, sessions):
    client = _activity(app)
    owner = _reader(app, "owner")
    refused = owner.post("/texts/promenade/delete", data={"confirm": "wrong"})
    assert "Nothing deleted" in owner.get(refused.headers["Location"]).get_data(as_text=True)
    with sessions() as session:
        before = _counts(session)
    response = owner.post("/texts/promenade/delete", data={"confirm": "promenade"})
    assert response.status_code == 303
    with sessions() as session:
        after = _counts(session)
    assert after["texts"] == before["texts"] - 1 and after["sides"] == before["sides"] - 2
    assert after["publications"] == after["lookups"] == after["reveals"] == after["pages_read"] == 0
    assert after["reading_positions"] == 0 and after["beads"] < before["beads"]
    assert after["word_statuses"] == before["word_statuses"] == 1  # words are the learner's, in every text
    assert client.get("/read/promenade/1").status_code == 404


def test_a_failing_deletion_leaves_everything_in_place(app, world, sessions, monkeypatch):
    _activity(app)
    with sessions() as session:
        before = _counts(session)
        text = session.scalar(select(Text).where(Text.slug == "promenade"))
        original = session.execute

        def fail_on_sides(statement, *args, **kwargs):
            if "DELETE FROM sides" in str(statement):
                raise RuntimeError("disk full")
            return original(statement, *args, **kwargs)

        monkeypatch.setattr(session, "execute", fail_on_sides)
        with pytest.raises(RuntimeError):
            delete_text(session, text)
        session.rollback()
    with sessions() as session:
        assert _counts(session) == before


def test_a_learner_deletes_their_account_and_all_its_data(app, world, sessions):
    client = _activity(app)
    response = client.post("/account/delete", data={"current": "wrong-password"})
    assert "current password is wrong" in client.get(response.headers["Location"]).get_data(as_text=True)
    with sessions() as session:
        before = _counts(session)
    client.post("/account/delete", data={"current": "password-123"})
    assert client.get("/account").status_code == 302
    with sessions() as session:
        after = _counts(session)
        assert _user(session, "learner-in") is None
    assert after["users"] == before["users"] - 1 and after["learners"] == before["learners"] - 1
    assert after["word_statuses"] == after["lookups"] == after["reveals"] == after["pages_read"] == 0
    assert after["memberships"] == before["memberships"] - 1 and after["texts"] == before["texts"]


def test_a_teacher_leaving_takes_their_classes_and_leaves_their_texts_to_the_admins(sessions, world):
    with sessions() as session, session.begin():
        delete_account(session, _user(session, "owner"))
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Classroom)) == 1
        assert {t.owner_id for t in session.scalars(select(Text))} == {None}
        assert sorted(t.slug for t in visible_texts(session, _user(session, "admin"))) == ["promenade", "promenade-fr"]


def test_replacing_a_text_needs_its_owner(sessions, world, tmp_path):
    from bireader.importer import ImportRequest, import_text
    from bireader.ingest.decode import IngestError

    source = tmp_path / "promenade.txt"
    source.write_text("Promenade\n\nIl pleuvait sur les haies du chemin. Candide marchait seul.\n", "utf-8")
    with sessions() as session:
        other = _user(session, "other-teacher").id
    with pytest.raises(IngestError, match="belongs to someone else"):
        import_text(sessions, ImportRequest(path=source, lang="fr", slug="promenade", replace=True, owner_id=other))
    with sessions() as session:
        assert session.scalar(select(Text).where(Text.slug == "promenade")).page_count > 0
        assert session.scalar(select(func.count()).select_from(Side).join(Text).where(Text.slug == "promenade")) == 2


def test_a_batch_adds_to_the_counts_even_with_a_word_twice(sessions, world):
    from bireader.classroom.service import record_activity

    with sessions() as session, session.begin():
        text = session.scalar(select(Text).where(Text.slug == "promenade"))
        learner = Learner(token="t", user_id=_user(session, "learner-in").id)
        session.add(learner)
        session.flush()
        twice = {"page": 1, "lookups": [{"lang": "fr", "lemma": "haie", "gloss": "hedges"},
                                        {"lang": "fr", "lemma": "haie", "n": 2}], "reveals": [{"bead": 1}, {"bead": 1}]}
        record_activity(session, learner, text, parse_activity(twice, text))
        record_activity(session, learner, text, parse_activity(twice, text))
        assert [(r.lemma, r.count, r.gloss) for r in session.scalars(select(Lookup))] == [("haie", 6, "hedges")]
        assert [(r.bead, r.count) for r in session.scalars(select(Reveal))] == [(1, 4)]
        assert session.scalar(select(func.count()).select_from(PageRead)) == 1
