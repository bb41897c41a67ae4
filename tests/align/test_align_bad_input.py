"""Bad input gets a clear warning (AlignmentWarning), never a crash or a silent garbage alignment."""

import warnings

import pytest

from bireader.align import AlignmentWarning, align
from bireader.align.checks import check_inputs, language_guess

FR = [f"Le marin numéro {k} regardait la mer depuis le pont du navire." for k in range(30)]
EN = [f"The sailor number {k} was looking at the sea from the deck of the ship." for k in range(30)]


def test_empty_source_warns_and_leaves_target_unpaired():
    with pytest.warns(AlignmentWarning, match="empty"):
        beads = align([], EN[:3])
    assert [str(b) for b in beads] == ["[]:[0]", "[]:[1]", "[]:[2]"]


def test_both_empty():
    with pytest.warns(AlignmentWarning):
        assert align([], []) == []


def test_ten_times_longer_side_warns():
    with pytest.warns(AlignmentWarning, match="10 times longer|[0-9]+ times longer"):
        beads = align(FR[:3], EN * 1)
    assert sorted(j for b in beads for j in b.target) == list(range(len(EN)))


def test_identical_texts_warn():
    with pytest.warns(AlignmentWarning, match="identical"):
        align(EN, EN)


def test_swapped_files_warn():
    with pytest.warns(AlignmentWarning, match="swapped"):
        align(EN, FR)


def test_good_input_is_quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("error", AlignmentWarning)
        align(FR, EN)


def test_language_guess():
    assert language_guess(FR) == "fr" and language_guess(EN) == "en"
    assert language_guess(["1 2 3"]) is None


def test_verdict_asks_for_local_alignment_of_excerpts():
    assert check_inputs(FR[:2], EN, warn=False).local
    assert not check_inputs(FR, EN, warn=False).local
