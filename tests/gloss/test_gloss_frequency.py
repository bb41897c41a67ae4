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


def test_the_prebuilt_rank_files_equal_the_folding_of_the_installed_packages():
    # the files are what a process reads (fast, small); they must hold exactly what folding wordfreq gives now,
    # order of ranks included, or `python -m bireader.gloss.frequency` has to be run again
    from bireader.gloss.frequency import fold_lemma_ranks, read_rank_file

    for lang in ("fr", "en"):
        stored = read_rank_file(lang)
        assert stored is not None, f"lemma_ranks.{lang}.txt.gz is missing or from other wordfreq/simplemma versions"
        assert stored == fold_lemma_ranks(lang)


def test_a_rank_file_of_other_versions_is_not_read(tmp_path, monkeypatch):
    import gzip

    from bireader.gloss import frequency

    monkeypatch.setattr(frequency, "DATA", tmp_path)
    with gzip.open(tmp_path / "lemma_ranks.fr.txt.gz", "wt", encoding="utf-8") as f:
        f.write("# lemma ranks folded from the top 60000 forms of wordfreq 0.1 with simplemma 0.1\nmaison\n")
    assert frequency.read_rank_file("fr") is None
    assert frequency.read_rank_file("en") is None  # missing
    with gzip.open(tmp_path / "lemma_ranks.fr.txt.gz", "wt", encoding="utf-8") as f:
        f.write(frequency.sources_header() + "\nmaison\nêtre\n")
    assert frequency.read_rank_file("fr") == {"maison": 1, "être": 2}
