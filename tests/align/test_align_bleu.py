"""BLEU over 1-2 grams, both directions, zero unless a bigram is shared."""

import math

import pytest

from bireader.align.bleu import bleu, pair_bleu


def fs(*words):
    return [frozenset([w]) for w in words]


def test_identical_sentences_score_one():
    assert bleu(fs("the", "black", "cat"), ["the", "black", "cat"]) == pytest.approx(1.0)
    assert pair_bleu(fs("the", "black", "cat"), ["the", "black", "cat"]) == pytest.approx(1.0)


def test_no_shared_bigram_scores_zero():
    assert pair_bleu(fs("chat", "noir"), ["blac", "cat"]) == 0.0


def test_a_variant_can_match():
    hyp = [frozenset({"le", "the"}), frozenset({"chat", "cat"})]
    assert pair_bleu(hyp, ["the", "cat"]) == pytest.approx(1.0)


def test_value_by_hand():
    # hyp 3 tokens, ref 4: unigrams 3/3, bigrams 2/2, brevity exp(1 - 4/3)
    assert bleu(fs("a", "b", "c"), ["a", "b", "c", "d"]) == pytest.approx(math.exp(1 - 4 / 3))


def test_clipping_counts_each_reference_gram_once():
    # "the the the" against "the cat": unigram precision 1/3, bigram 0 -> 0
    assert bleu(fs("the", "the", "the"), ["the", "cat"]) == 0.0
    # "the" twice in each, "cat" once: unigrams 3/4; bigrams "the cat" only: 1/3; same length
    expected = math.exp(0.5 * math.log(3 / 4) + 0.5 * math.log(1 / 3))
    assert bleu(fs("the", "the", "cat", "the"), ["the", "cat", "x", "y"]) == pytest.approx(
        math.exp(0.5 * math.log(2 / 4) + 0.5 * math.log(1 / 3)))  # the third "the" finds no reference left
    assert bleu(fs("the", "cat", "the", "dog"), ["the", "cat", "a", "the"]) == pytest.approx(expected)


def test_harmonic_mean_of_both_directions():
    hyp, ref = fs("a", "b"), ["a", "b", "c", "d"]
    forward = bleu(hyp, ref)
    backward = bleu(fs(*ref), ["a", "b"])
    assert pair_bleu(hyp, ref) == pytest.approx(2 * forward * backward / (forward + backward))
