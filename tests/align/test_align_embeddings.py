"""The arithmetic of the optional embedding signal (no model needed): sums of unit vectors, banded dots."""

import numpy as np
import pytest

from bireader.align.embeddings import band_dots, neighbour_dots, run_norm_sq


def unit_rows(k, d, seed):
    v = np.random.default_rng(seed).normal(size=(k, d))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize("start,stop", [(0, 1), (2, 4), (3, 6), (1, 5)])
def test_run_norm_matches_the_norm_of_the_sum(start, stop):
    v = unit_rows(8, 5, 1)
    got = run_norm_sq(neighbour_dots(v), np.array([start]), np.array([stop]))[0]
    assert got == pytest.approx(np.linalg.norm(v[start:stop].sum(axis=0)) ** 2)


def test_band_dots_are_running_sums_of_pairwise_dots():
    src, tgt = unit_rows(4, 6, 2), unit_rows(7, 6, 3)
    plo = np.array([0, 1, 3, 5])
    cum = band_dots(src, tgt, plo, width=3)
    for i in range(4):
        for x in range(3):
            j = plo[i] + x
            want = src[i] @ tgt[j] if j < 7 else 0.0
            assert cum[i, x + 1] - cum[i, x] == pytest.approx(want, abs=1e-6)


# --- only the unsure stretches are embedded (pipeline.realign_with_embeddings) ---------------------------------

from bireader.align import align  # noqa: E402
from bireader.align import embeddings as embeddings_module  # noqa: E402
from bireader.align.gaps import GapInput, Params, embedding_term  # noqa: E402
from bireader.align.pipeline import uncertain_sentences  # noqa: E402


def test_uncertain_sentences_are_the_unsure_beads_and_their_neighbours():
    raw = [(0, 1, 0, 1, 0.99, None), (1, 2, 1, 2, 0.99, None), (2, 3, 2, 4, 0.5, None), (3, 4, 4, 5, 0.99, None),
           (4, 5, 5, 6, 0.99, None)]
    src, tgt = uncertain_sentences(raw, 5, 6, below=0.8)
    assert src.tolist() == [False, True, True, True, False]
    assert tgt.tolist() == [False, True, True, True, True, False]
    src, tgt = uncertain_sentences(raw, 5, 6, below=0.4)
    assert not src.any() and not tgt.any()


def test_embedding_term_is_zero_for_a_bead_with_a_sentence_not_embedded():
    n = m = 3
    g = GapInput(n=n, m=m, src_chars=np.zeros(n + 1), tgt_chars=np.zeros(m + 1), src_weight=np.zeros(n + 1),
                 tgt_weight=np.zeros(m + 1), src_breaks=np.zeros(n, dtype=int), tgt_breaks=np.zeros(m, dtype=int),
                 shared_cum=np.zeros((n, m + 1)), plo=np.zeros(n, dtype=int),
                 src_unembedded=np.r_[0, np.cumsum([False, False, True])], tgt_unembedded=np.zeros(m + 1))
    p = Params(embedding=80.0, embedding_base=0.8)
    term = embedding_term(g, p, np.array([0.9, 0.9]), np.array([0, 1]), np.array([1, 3]), np.array([0, 1]),
                          np.array([1, 2]))
    assert term[0] == pytest.approx(8.0)  # sentences 0 and 0: both embedded
    assert term[1] == 0.0  # source sentence 2 has no vector: the bead scores as without embeddings


# Five faithful pairs around one free passage: "Il faisait un temps épouvantable." is rendered by two English
# sentences that share no word with it. The stand-in embedder gives each pair one meaning (a unit vector); the
# free French sentence means both English ones at once.
FREE_FR = ["Pierre arriva à Paris le 3 mai 1802.", "Il logea rue Saint-Honoré chez Madame Dubois.",
           "Il faisait un temps épouvantable.", "Le lendemain, Pierre visita le Louvre avec Jacques.",
           "Jacques lui montra la Joconde et les Rembrandt.", "Ils dînèrent au Palais-Royal à huit heures."]
FREE_EN = ["Pierre arrived in Paris on 3 May 1802.", "He lodged in the rue Saint-Honoré with Madame Dubois.",
           "The weather was dreadful.", "Rain fell for days.", "The next day, Pierre visited the Louvre with Jacques.",
           "Jacques showed him the Mona Lisa and the Rembrandts.", "They dined at the Palais-Royal at eight o'clock."]
MEANING = {FREE_FR[0]: [0], FREE_EN[0]: [0], FREE_FR[1]: [1], FREE_EN[1]: [1], FREE_FR[2]: [2, 3],
           FREE_EN[2]: [2], FREE_EN[3]: [3], FREE_FR[3]: [4], FREE_EN[4]: [4], FREE_FR[4]: [5], FREE_EN[5]: [5],
           FREE_FR[5]: [6], FREE_EN[6]: [6]}


@pytest.fixture
def stand_in_embedder(monkeypatch):
    asked: list[str] = []

    def embed(sentences):
        asked.extend(sentences)
        out = np.zeros((len(sentences), 8), dtype=np.float32)
        for row, text in enumerate(sentences):
            out[row, MEANING[text]] = 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    monkeypatch.setattr(embeddings_module, "embed", embed)
    return asked


def test_embeddings_decide_the_free_passage_and_read_only_the_unsure_sentences(stand_in_embedder):
    plain = [str(b) for b in align(FREE_FR, FREE_EN)]
    beads = [str(b) for b in align(FREE_FR, FREE_EN, embeddings=True)]
    assert "[2]:[2,3]" not in plain  # the words alone cannot tell where "Rain fell for days." goes
    assert "[2]:[2,3]" in beads  # the embeddings can
    assert beads[:2] == ["[0]:[0]", "[1]:[1]"] and beads[-3:] == ["[3]:[4]", "[4]:[5]", "[5]:[6]"]
    asked = set(stand_in_embedder)
    assert {FREE_FR[2], FREE_EN[2], FREE_EN[3]} <= asked  # the unsure stretch was embedded
    assert FREE_FR[0] not in asked and FREE_EN[6] not in asked  # the sure pairs far from it were not
