"""Frequency ranks per lemma and bands."""

from bireader.gloss.frequency import BANDS, band, lemma_rank


def test_ranks_are_per_lemma_not_per_form():
    # "être" is ranked by all its forms together (est, était, sont...), so it beats most single words
    assert lemma_rank("être", "fr") < 10
    assert lemma_rank("être", "fr") < lemma_rank("maison", "fr") < lemma_rank("meunier", "fr")


def test_unknown_lemma_has_no_rank_and_the_last_band():
    assert lemma_rank("xqzxqz", "fr") is None
    assert band(None) == BANDS


def test_bands_grow_with_rank():
    assert band(1) == 1
    assert band(600) == 2
    assert band(10**6) == BANDS
    assert [band(r) for r in (10, 700, 1500, 3000, 6000, 12000, 20000)] == sorted(
        band(r) for r in (10, 700, 1500, 3000, 6000, 12000, 20000)
    )


def test_common_forms_the_lemmatiser_folds_elsewhere_stay_common():
    # simplemma folds "je" onto "moi" and "est" onto "être": as words they are still among the commonest
    assert lemma_rank("je", "fr") <= 100
    assert lemma_rank("est", "fr") <= 100
    assert band(lemma_rank("je", "fr")) == 1
