"""The pure bead edits: each keeps every sentence of both sides exactly once, in order, or refuses with a reason."""

import pytest

from bireader.review.edits import EditBead, check_coverage, confirm, detach, merge, move_sentence, split


def beads(*spec):
    """Beads from (source count, target count, confidence) triples, starts derived."""
    result, s, t = [], 0, 0
    for sc, tc, conf in spec:
        result.append(EditBead(s, sc, t, tc, conf, False))
        s, t = s + sc, t + tc
    return result


def shape(result):
    return [str(b) for b in result]


# FR 0 1 | 2 | 3 |   | 4      EN 0 | 1 2 |  | 3 | 4
TEXT = beads((2, 1, 0.9), (1, 2, 0.4), (1, 0, 0.2), (0, 1, 0.1), (1, 1, 0.8))
N_SOURCE, N_TARGET = 5, 5


def covered(result):
    check_coverage(result, N_SOURCE, N_TARGET)
    return result


def test_sample_covers_both_sides():
    covered(TEXT)
    assert shape(TEXT) == ["[0,1]:[0]", "[2]:[1,2]", "[3]:[]", "[]:[3]", "[4]:[4]"]


def test_merge_pairs_a_lonely_source_with_a_lonely_target():
    result = covered(merge(TEXT, 2))
    assert shape(result) == ["[0,1]:[0]", "[2]:[1,2]", "[3]:[3]", "[4]:[4]"]
    assert (result[2].confidence, result[2].edited) == (1.0, True)
    assert result[0] == TEXT[0] and result[3] == TEXT[4]  # untouched beads keep confidence and flags


def test_merge_refuses_the_last_bead_and_two_beads_with_one_side_empty():
    with pytest.raises(ValueError, match="last bead"):
        merge(TEXT, 4)
    lonely = beads((1, 0, 0.1), (1, 0, 0.1), (0, 1, 0.1))
    with pytest.raises(ValueError, match="no English"):
        merge(lonely, 0)
    with pytest.raises(ValueError, match="no bead 9"):
        merge(TEXT, 9)


def test_split_makes_two_edited_beads_in_order():
    result = covered(split(TEXT, 1, 1, 1))
    assert shape(result) == ["[0,1]:[0]", "[2]:[1]", "[]:[2]", "[3]:[]", "[]:[3]", "[4]:[4]"]
    assert all(b.edited and b.confidence == 1.0 for b in result[1:3])


def test_split_into_a_null_part_stores_one_sentence_per_bead():
    result = covered(split(TEXT, 0, 0, 1))
    assert shape(result)[:3] == ["[]:[0]", "[0]:[]", "[1]:[]"]


@pytest.mark.parametrize("counts, message", [((0, 0), "empty"), ((2, 1), "empty"), ((3, 0), "2 French"),
                                             ((1, 2), "1 English"), ((-1, 0), "French")])
def test_split_refuses_empty_parts_and_counts_out_of_range(counts, message):
    with pytest.raises(ValueError, match=message):
        split(TEXT, 0, *counts)


def test_move_gives_the_last_sentence_to_the_next_bead():
    result = covered(move_sentence(TEXT, 0, "source", "next"))
    assert shape(result)[:2] == ["[0]:[0]", "[1,2]:[1,2]"]
    assert result[0].edited and result[1].edited and not result[2].edited


def test_move_gives_the_first_sentence_to_the_previous_bead():
    result = covered(move_sentence(TEXT, 1, "target", "previous"))
    assert shape(result)[:2] == ["[0,1]:[0,1]", "[2]:[2]"]


def test_move_of_a_beads_only_sentence_removes_the_bead():
    result = covered(move_sentence(TEXT, 3, "target", "previous"))
    assert shape(result) == ["[0,1]:[0]", "[2]:[1,2]", "[3]:[3]", "[4]:[4]"]


def test_move_refuses_what_it_cannot_do():
    with pytest.raises(ValueError, match="no previous bead"):
        move_sentence(TEXT, 0, "source", "previous")
    with pytest.raises(ValueError, match="no next bead"):
        move_sentence(TEXT, 4, "target", "next")
    with pytest.raises(ValueError, match="no English sentence"):
        move_sentence(TEXT, 2, "target", "next")
    with pytest.raises(ValueError, match="unknown side"):
        move_sentence(TEXT, 1, "french", "next")
    with pytest.raises(ValueError, match="unknown direction"):
        move_sentence(TEXT, 1, "source", "up")


def test_detach_first_or_last_sentence_into_its_own_bead():
    first = covered(detach(TEXT, 0, "source", 0))
    assert shape(first)[:2] == ["[0]:[]", "[1]:[0]"]
    last = covered(detach(TEXT, 1, "target", 2))
    assert shape(last)[1:3] == ["[2]:[1]", "[]:[2]"]
    assert last[2].edited and last[2].confidence == 1.0


def test_detach_the_only_target_sentence_leaves_the_sources_one_per_bead():
    result = covered(detach(TEXT, 0, "target", 0))
    assert shape(result)[:3] == ["[]:[0]", "[0]:[]", "[1]:[]"]


def test_detach_refuses_middle_sentences_lonely_ones_and_strangers():
    three = beads((3, 1, 0.5))
    with pytest.raises(ValueError, match="middle"):
        detach(three, 0, "source", 1)
    with pytest.raises(ValueError, match="already alone"):
        detach(TEXT, 2, "source", 3)
    with pytest.raises(ValueError, match="not in bead 0"):
        detach(TEXT, 0, "source", 4)


def test_confirm_marks_one_bead_right():
    result = covered(confirm(TEXT, 3))
    assert result[3] == TEXT[3]._replace(confidence=1.0, edited=True)
    assert result[:3] == TEXT[:3]


def test_coverage_check_catches_gaps_overlaps_and_wrong_totals():
    with pytest.raises(ValueError, match="does not start"):
        check_coverage([EditBead(0, 1, 0, 1), EditBead(2, 1, 1, 1)], 3, 2)
    with pytest.raises(ValueError, match="cover 1 source"):
        check_coverage([EditBead(0, 1, 0, 1)], 2, 1)
    with pytest.raises(ValueError, match="no sentence"):
        check_coverage([EditBead(0, 0, 0, 0)], 0, 0)


def test_every_operation_everywhere_keeps_coverage():
    """Try each operation on each bead: it either refuses or returns a covering alignment."""
    attempts = done = 0
    for index, bead in enumerate(TEXT):
        calls = [lambda: merge(TEXT, index), lambda: confirm(TEXT, index)]
        for side in ("source", "target"):
            calls += [lambda side=side, to=to: move_sentence(TEXT, index, side, to) for to in ("previous", "next")]
            for p in range(bead.start(side), bead.start(side) + bead.count(side)):
                calls.append(lambda side=side, p=p: detach(TEXT, index, side, p))
        for sc in range(bead.source_count + 1):
            for tc in range(bead.target_count + 1):
                calls.append(lambda sc=sc, tc=tc: split(TEXT, index, sc, tc))
        for call in calls:
            attempts += 1
            try:
                result = call()
            except ValueError:
                continue
            covered(result)
            assert all(b.size == 1 for b in result if not (b.source_count and b.target_count))
            done += 1
    assert done > 20 and attempts > done
