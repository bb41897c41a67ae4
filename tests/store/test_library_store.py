"""Saving texts: one transaction, stable keys on re-import, pages that cover every bead once."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bireader.importer import ImportRequest, import_text
from bireader.ingest.decode import IngestError
from bireader.store.library import get_page, get_text, list_texts
from bireader.store.models import BeadRow, SentenceRow, Side, Text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "serge_notebooks_1938-44.en.txt"


def _keys(sessions, slug):
    with sessions() as session:
        text = get_text(session, slug)
        side = text.source
        return text.id, session.scalars(
            select(SentenceRow.key).where(SentenceRow.side_id == side.id).order_by(SentenceRow.position)).all()


def test_seed_imports_with_its_structure(sessions):
    saved = import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    assert saved.title == "Victor Serge 1938-44"
    assert saved.sentence_counts["en"] > 250
    with sessions() as session:
        [summary] = list_texts(session)
        assert summary.languages == ["en"]
        assert summary.engines["en"].startswith("offline")
        text = get_text(session, "seed")
        first = get_page(session, text, 1)
        assert first.beads[0].source[0].heading == "Brandler (Dzerzhinsky, Stalin, Semionov)"
        assert first.beads[0].source[0].date == "December 1938"
        assert first.beads[0].source[0].text.startswith("We meet in the cafes")


def test_pages_cover_every_sentence_once_in_order(sessions):
    saved = import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    with sessions() as session:
        text = get_text(session, "seed")
        seen = []
        for number in range(1, saved.page_count + 1):
            page = get_page(session, text, number)
            assert page.beads, f"page {number} is empty"
            seen += [s.position for bead in page.beads for s in bead.source]
        assert seen == list(range(saved.sentence_counts["en"]))
        assert get_page(session, text, saved.page_count + 1) is None
        assert get_page(session, text, 0) is None


def test_reimport_keeps_text_row_and_sentence_keys(sessions):
    import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    first_id, first_keys = _keys(sessions, "seed")
    import_text(sessions, ImportRequest(path=SEED, slug="seed", replace=True))
    second_id, second_keys = _keys(sessions, "seed")
    assert (first_id, first_keys) == (second_id, second_keys)
    with sessions() as session:
        assert session.scalar(select(func.count(Text.id))) == 1
        assert session.scalar(select(func.count(Side.id))) == 1


def test_failed_import_leaves_stored_data_intact(sessions, tmp_path):
    import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    _, keys = _keys(sessions, "seed")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(IngestError, match="empty"):
        import_text(sessions, ImportRequest(path=SEED, translation=empty, slug="seed", replace=True))
    assert _keys(sessions, "seed")[1] == keys
    with sessions() as session:
        assert session.scalar(select(func.count(BeadRow.id))) == len(keys)


def test_two_files_in_the_same_language_are_refused(sessions):
    with pytest.raises(IngestError, match="same language"):
        import_text(sessions, ImportRequest(path=SEED, translation=SEED, slug="twice"))
    with sessions() as session:
        assert list_texts(session) == []


def test_language_mismatch_is_reported(sessions):
    with pytest.raises(IngestError, match="reads as English but was given as French"):
        import_text(sessions, ImportRequest(path=SEED, lang="fr"))


def test_error_while_saving_rolls_back_everything(sessions):
    from bireader.importer import prepare
    from bireader.store.db import transaction
    from bireader.store.library import save_text

    import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    _, keys = _keys(sessions, "seed")
    document = prepare(ImportRequest(path=SEED)).source
    with pytest.raises(ValueError, match="cover every sentence"):
        with transaction(sessions) as session:
            # Half a save happens (the text row is replaced, the source side written) before the beads fail.
            save_text(session, document, document, beads=[], slug="seed", replace=True)
    assert _keys(sessions, "seed")[1] == keys


def test_long_unpaired_stretches_run_over_several_pages(sessions):
    from bireader.importer import seed_requests
    from bireader.pages import DEFAULT_BUDGET

    serge = next(r for r in seed_requests() if r.slug == "serge-notebooks")
    saved = import_text(sessions, serge)
    with sessions() as session:
        text = get_text(session, "serge-notebooks")
        for number in range(1, saved.page_count + 1):
            page = get_page(session, text, number)
            size = max(sum(len(s.text) for b in page.beads for s in b.source),
                       sum(len(s.text) for b in page.beads for s in b.target))
            longest = max(len(s.text) for b in page.beads for s in b.source + b.target)
            assert size <= DEFAULT_BUDGET * 1.5 + longest, f"page {number} holds {size} characters"
        # the Brandler passage is paired; most of the English reads alone
        first = get_page(session, text, 1)
        assert first.beads[0].source and first.beads[0].target
        assert first.beads[0].target[0].text == "We meet in the cafes on the boulevard Montparnasse."


def test_glosses_given_as_json_text_are_stored_like_lists(sessions):
    """The importer hands its glosses over as JSON text (a novel's as dicts weighed 250 MB); both forms store alike."""
    import json

    from bireader.importer import prepare
    from bireader.store.db import transaction
    from bireader.store.library import save_text

    document = prepare(ImportRequest(path=SEED)).source
    ids = [s.id for s in document.sentences()][:3]
    gloss = {"token": 0, "lemma": "café", "pos": "NOUN", "senses": ["café"], "rendering": [], "group": []}
    as_lists = {ids[0]: [gloss], ids[1]: []}
    as_text = {key: json.dumps(value) for key, value in as_lists.items()}
    stored = {}
    for slug, glosses in (("lists", as_lists), ("text", as_text)):
        with transaction(sessions) as session:
            save_text(session, document, slug=slug, glosses=glosses)
        with sessions() as session:
            side = get_text(session, slug).source
            stored[slug] = session.execute(
                select(SentenceRow.glosses, SentenceRow.starts_section, SentenceRow.starts_paragraph)
                .where(SentenceRow.side_id == side.id).order_by(SentenceRow.position)).all()
    assert stored["lists"] == stored["text"]
    assert stored["text"][0][0] == [gloss] and stored["text"][1][0] == [] and stored["text"][2][0] == []
    assert stored["text"][0][1] and stored["text"][0][2]  # the first sentence opens its section and paragraph
