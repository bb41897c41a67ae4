"""The word aligner's parts: symmetrisation, priors, Pharaoh output, the command line."""

import pytest
from click.testing import CliRunner

from bireader.cli import main
from bireader.gloss.wordalign import (
    PAIR_PRIOR, PRIOR_ALPHA, align_words, grow_diag_final_and, lexical_priors, negation_links, pairs_path, pharaoh,
    word_pairs,
)


def test_grow_diag_final_and_starts_from_the_intersection_and_grows_to_neighbours():
    forward = {(0, 0), (1, 1), (2, 3)}
    backward = {(0, 0), (1, 1), (1, 2), (4, 4)}
    links = grow_diag_final_and(forward, backward)
    assert {(0, 0), (1, 1)} <= links
    assert (1, 2) in links  # neighbour of (1, 1), English word 2 unaligned
    assert (2, 3) in links and (4, 4) in links  # final-and: both words unaligned
    assert links <= forward | backward


def test_priors_pair_dictionary_translations_that_cooccur():
    priors = lexical_priors([["le", "chat", "dormir", "paris"]], [["the", "cat", "sleep", "paris"]])
    assert ("chat", "cat") in priors
    assert ("dormir", "sleep") in priors
    assert ("paris", "paris") in priors  # identical words: names
    assert ("chat", "sleep") not in priors


def test_the_shipped_pair_table_holds_pairs_linked_in_other_books():
    table = word_pairs("fr", "en")
    assert "house" in table["maison"] and "not" in table["pas"]
    assert "house" not in table.get("chat", ())
    assert word_pairs("en", "fr") == {}  # no table toward French: the priors are the dictionary's alone


def test_the_pair_table_is_rebuilt_byte_for_byte():
    # no time stamp in the gzip header, so `python -m bireader.gloss.build_pairs` gives the same file again
    assert pairs_path("fr", "en").read_bytes()[4:8] == b"\0\0\0\0"


def test_table_pairs_count_once_per_sentence_pair_that_holds_both():
    # "maison"/"house": dictionary and table; "maison"/"family": table only (linked 6 times in other books)
    source = [["la", "maison", "être", "grand"]] * 3
    target = [["the", "house", "be", "big", "family"]] * 3
    with_table = lexical_priors(source, target)
    without = lexical_priors(source, target, pairs=False)
    assert without[("maison", "house")] == PRIOR_ALPHA
    assert with_table[("maison", "house")] == PRIOR_ALPHA + 3 * PAIR_PRIOR
    assert with_table[("maison", "family")] == 3 * PAIR_PRIOR and ("maison", "family") not in without
    assert ("maison", "big") not in with_table


def test_the_pair_table_matches_an_engine_lemma_through_its_simplemma_lemma():
    # an NLP engine may hand over forms simplemma lemmatises ("maisons", "houses"): looked up as "maison", "house"
    assert lexical_priors([["maisons"]], [["families"]]) == {("maisons", "families"): PAIR_PRIOR}
    assert lexical_priors([["maisons"]], [["families"]], pairs=False) == {}


def test_a_negation_s_unlinked_half_takes_the_links_of_the_other():
    words = ["il", "ne", "dormir", "pas", "."]
    assert negation_links(words, {(0, 0), (2, 2), (3, 1)}) == {(1, 1)}  # "ne" gets "not"
    assert negation_links(words, {(0, 0), (1, 1), (2, 2)}) == {(3, 1)}  # "pas" gets it
    assert negation_links(words, {(1, 1), (3, 1)}) == set()  # both linked: nothing added
    assert negation_links(["il", "ne", "dormir", "."], {(2, 2)}) == set()  # no partner
    far = ["ne"] + ["x"] * 8 + ["pas"]
    assert negation_links(far, {(9, 0)}) == set()  # too far apart to be one negation


def test_dictionary_prior_links_a_pair_seen_once():
    alignment = align_words([["le", "chat", "dort", "."]], [["the", "cat", "sleeps", "."]])[0]
    assert (1, 1) in alignment.links and (2, 2) in alignment.links


def test_empty_pairs_get_empty_alignments_and_keep_their_place():
    result = align_words([[], ["le", "chat"], ["maison"]], [["x"], ["the", "cat"], []])
    assert len(result) == 3
    assert result[0].links == set() and result[2].links == set()
    assert (1, 1) in result[1].links


def test_pharaoh_is_sorted_i_dash_j():
    assert pharaoh({(2, 1), (0, 0), (1, 2)}) == "0-0 1-2 2-1"


def test_wordalign_command_prints_one_line_of_links_per_line_pair(tmp_path):
    fr = tmp_path / "fr.txt"
    en = tmp_path / "en.txt"
    fr.write_text("le chat dort .\nla maison est grande .\nle chat regarde la maison .\n", encoding="utf-8")
    en.write_text("the cat sleeps .\nthe house is big .\nthe cat looks at the house .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["wordalign", str(fr), str(en), "--presegmented", "--pretokenized"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert "1-1" in lines[0].split() and "1-1" in lines[1].split()
    for line, (n, m) in zip(lines, [(4, 4), (5, 5), (6, 7)]):
        for link in line.split():
            i, j = map(int, link.split("-"))
            assert 0 <= i < n and 0 <= j < m


def test_wordalign_command_splits_elisions_without_pretokenized(tmp_path):
    fr = tmp_path / "fr.txt"
    en = tmp_path / "en.txt"
    fr.write_text("L'homme dort.\n", encoding="utf-8")
    en.write_text("The man sleeps.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["wordalign", str(fr), str(en), "--presegmented"])
    assert result.exit_code == 0, result.output
    assert "1-1" in result.output.split()  # homme-man: "L'" is token 0


def test_wordalign_command_rejects_files_that_are_not_line_parallel(tmp_path):
    fr = tmp_path / "fr.txt"
    en = tmp_path / "en.txt"
    fr.write_text("a\nb\n", encoding="utf-8")
    en.write_text("a\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["wordalign", str(fr), str(en), "--presegmented"])
    assert result.exit_code != 0 and "line-parallel" in result.output


def test_raw_french_is_cut_before_the_clitic_pronouns_only():
    from bireader.gloss.analysis import simple_tokens

    assert simple_tokens("Dit-il, a-t-il vu l'arc-en-ciel ? Donne-le-moi.", "fr") == [
        "Dit", "-il", ",", "a", "-t-il", "vu", "l'", "arc-en-ciel", "?", "Donne", "-le", "-moi", "."]


def test_alignments_are_made_from_the_pharaoh_lines_when_read():
    from bireader.gloss.wordalign import Alignments, grow_diag_final_and

    # pairs 0 and 2 were given to eflomal (its lines 0 and 1); pair 1 was empty; pair 3 is training data only
    alignments = Alignments(3, [0, 2, 3], ["0-0 1-1", "0-1 1-0", "0-0"], ["0-0 1-2", "0-1", "0-0"])
    assert len(alignments) == 3
    first = alignments[0]
    assert first.forward == {(0, 0), (1, 1)} and first.backward == {(0, 0), (1, 2)}
    assert first.links == {(0, 0)} and first.grown == grow_diag_final_and(first.forward, first.backward)
    assert alignments[1].links == set() and alignments[1].forward == set()
    assert alignments[-1].forward == {(0, 1), (1, 0)} and alignments[2].links == {(0, 1)}
    assert [a.forward for a in alignments] == [first.forward, set(), {(0, 1), (1, 0)}]
    assert [a.links for a in alignments[1:]] == [set(), {(0, 1)}]
    with pytest.raises(IndexError):
        alignments[3]
