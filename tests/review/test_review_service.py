"""Edits stored in a real SQLite database: one transaction, renumbered positions, pages as an import computes them."""

import pytest
from review_sample import ENGLISH, FRENCH, SLUG, document
from sqlalchemy import select

from bireader.document import Bead
from bireader.review.edits import check_coverage
from bireader.review.service import StaleEdit, apply_edit, bead_pages, load_beads, review_page
from bireader.store.db import transaction
from bireader.store.library import get_text, save_text
from bireader.store.models import BeadRow


def rows(sessions, slug=SLUG):
    with sessions() as session:
        text = get_text(session, slug)
        query = select(BeadRow).where(BeadRow.text_id == text.id).order_by(BeadRow.position)
        return [(r.position, r.page, r.source_start, r.source_count, r.target_start, r.target_count,
                 r.confidence, r.edited) for r in session.scalars(query)]


def edit(sessions, *args, **kwargs):
    with transaction(sessions) as session:
        return apply_edit(session, get_text(session, SLUG), *args, **kwargs)


def pages_as_imported(sessions, stored) -> list[int]:
    """Save the stored alignment afresh through save_text under another slug and read its pages."""
    beads = [Bead(list(range(s, s + sc)), list(range(t, t + tc)), c) for _, _, s, sc, t, tc, c, _ in stored]
    with transaction(sessions) as session:
        save_text(session, document("fr", FRENCH), document("en", ENGLISH), beads, slug="copy", title="Copy")
    return [r[1] for r in rows(sessions, "copy")]


def test_pages_of_an_unedited_text_are_the_imports(sample):
    stored = rows(sample)
    assert stored[-1][1] > 2  # the sample runs over several pages
    with sample() as session:
        text = get_text(session, SLUG)
        assert bead_pages(session, text, load_beads(session, text)) == [r[1] for r in stored]


def test_merge_renumbers_repaginates_and_marks_only_the_new_bead(sample):
    before = rows(sample)
    outcome = edit(sample, "merge", 3)  # []:[3] joins [3]:[4]
    after = rows(sample)
    assert [r[0] for r in after] == list(range(len(before) - 1))
    assert after[3][2:] == (3, 1, 3, 2, 1.0, True)
    assert [r[2:] for r in after[:3]] == [r[2:] for r in before[:3]]
    assert [r[2:] for r in after[4:]] == [r[2:] for r in before[5:]]
    assert [r[1] for r in after] == pages_as_imported(sample, after)
    with sample() as session:
        text = get_text(session, SLUG)
        assert text.page_count == after[-1][1] == outcome.page_count
        check_coverage(load_beads(session, text), 8, 9)
    assert outcome.position == 3 and "Merged bead 3" in outcome.message


def test_edited_flags_survive_later_edits(sample):
    edit(sample, "split", 6, source_count=1, target_count=0)  # [5,6]:[6] -> [5]:[] [6]:[6]
    edit(sample, "move", 8, side="target", to="previous")  # []:[7] gives EN 7 to [6]:[6]
    stored = rows(sample)
    shapes = [(s, sc, t, tc) for _, _, s, sc, t, tc, _, _ in stored]
    assert shapes[6:] == [(5, 1, 6, 0), (6, 1, 6, 2), (7, 1, 8, 1)]
    assert [r[7] for r in stored] == [False] * 6 + [True, True, False]
    assert [r[1] for r in stored] == pages_as_imported(sample, stored)


def test_an_impossible_edit_writes_nothing(sample):
    before = rows(sample)
    with pytest.raises(ValueError, match="last bead"):
        edit(sample, "merge", len(before) - 1)
    with pytest.raises(ValueError, match="unknown operation"):
        edit(sample, "swap", 0)
    assert rows(sample) == before


def test_a_stale_form_is_refused(sample):
    stored = rows(sample)
    current = stored[4][2:6]
    edit(sample, "merge", 3)  # bead 4 is now what bead 5 was
    with pytest.raises(StaleEdit):
        edit(sample, "confirm", 4, expected=current)
    edit(sample, "confirm", 4, expected=stored[5][2:6])
    assert rows(sample)[4][6:] == (1.0, True)


def test_rewritten_beads_get_new_ids(sample):
    """Caches keyed on a text's newest bead id (the exports' bead cache) must see an edit."""
    with sample() as session:
        old = set(session.scalars(select(BeadRow.id)))
    edit(sample, "confirm", 0)
    with sample() as session:
        new = set(session.scalars(select(BeadRow.id)))
    assert min(new) > max(old)


def test_review_listing_orders_filters_and_pages(sample):
    with sample() as session:
        text = get_text(session, SLUG)
        lowest = review_page(session, text, "lowest", 1, per_page=4)
        assert [b.position for b in lowest.beads] == [3, 7, 6, 5]
        assert (lowest.count, lowest.total, lowest.low) == (3, 9, 3)
        below = review_page(session, text, "below")
        assert [b.position for b in below.beads] == [3, 6, 7]
        assert [s.text.split()[:2] for s in below.beads[1].source] == [["Phrase", "5"], ["Phrase", "6"]]
        assert below.beads[0].source == [] and below.beads[0].target[0].position == 3
        last = review_page(session, text, "text", 99, per_page=4)
        assert last.number == 3 and [b.position for b in last.beads] == [8] and last.beads[0].is_last


def test_a_one_language_text_has_no_alignment_to_edit(sessions):
    with transaction(sessions) as session:
        save_text(session, document("fr", FRENCH), slug="seul")
    with transaction(sessions) as session:
        with pytest.raises(ValueError, match="one language"):
            apply_edit(session, get_text(session, "seul"), "confirm", 0)

