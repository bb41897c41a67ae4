"""align() covers every sentence of both sides exactly once, in order, whatever the input."""

import random
import warnings

import pytest

from bireader.align import align
from bireader.align.render import identity_renderer

FR = [
    "Candide vivait en Westphalie, dans le château du baron.",
    "Il aimait Cunégonde, la fille du baron.",
    "Un jour, le baron le chassa du château à grands coups de pied.",
    "Candide marcha longtemps sans savoir où il allait.",
    "Il arriva enfin dans une ville voisine nommée Valdberghoff-trarbk-dikdorff.",
    "Il avait faim.",
    "Deux hommes habillés de bleu le remarquèrent.",
]
EN = [
    "Candide lived in Westphalia, in the castle of the Baron.",
    "He loved Cunegonde, the daughter of the Baron.",
    "One day the Baron drove him from the castle with great kicks.",
    "Candide walked for a long time.",
    "He did not know where he was going.",
    "At last he reached a neighbouring town called Valdberghoff-trarbk-dikdorff.",
    "He was hungry.",
    "Two men dressed in blue noticed him.",
]


def assert_covers(beads, n, m):
    src = [i for b in beads for i in b.source]
    tgt = [j for b in beads for j in b.target]
    assert src == list(range(n)) and tgt == list(range(m))
    assert all(b.source or b.target for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_small_text_aligns_as_expected():
    beads = align(FR, EN, renderer=identity_renderer)
    assert_covers(beads, len(FR), len(EN))
    got = {str(b) for b in beads}
    assert {"[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3,4]", "[4]:[5]", "[6]:[7]"} <= got


@pytest.mark.parametrize("seed", range(6))
def test_coverage_on_random_cuts(seed):
    rng = random.Random(seed)
    src = rng.sample(FR, rng.randint(1, len(FR)))
    tgt = rng.sample(EN, rng.randint(1, len(EN)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        beads = align(src, tgt)
    assert_covers(beads, len(src), len(tgt))


def test_hard_delimiters_start_beads():
    beads = align(FR, EN, hard=[(4, 4)], iterative=False)
    assert_covers(beads, len(FR), len(EN))
    assert any(b.source[:1] == [4] and b.target[:1] == [4] for b in beads) or any(
        (b.source[:1] == [4] and not b.target) for b in beads
    )
    starts = [(b.source[0] if b.source else None, b.target[0] if b.target else None) for b in beads]
    # the boundary (4, 4) lies between beads: everything before it is in earlier beads
    before = [b for b in beads if (b.source and b.source[0] < 4) or (b.target and b.target[0] < 4)]
    assert all(max(b.source, default=-1) < 4 and max(b.target, default=-1) < 4 for b in before), starts


def test_paragraph_breaks_keep_beads_inside_paragraphs():
    beads = align(FR, EN, source_breaks=[0, 3], target_breaks=[0, 3], iterative=False)
    assert_covers(beads, len(FR), len(EN))
    assert all(not (min(b.source) < 3 <= max(b.source)) for b in beads if b.source)


def test_external_translation_is_used():
    # French target, German source with a French translation: the translation carries the signal
    de = ["Der Berg ist hoch.", "Wir stiegen drei Stunden.", "Oben war es kalt."]
    fr = ["La montagne est haute.", "Nous montâmes trois heures.", "Au sommet il faisait froid."]
    trans = ["La montagne est haute.", "Nous sommes montés trois heures.", "En haut il faisait froid."]
    beads = align(de, fr, translation=trans, languages=("de", "fr"))
    assert [str(b) for b in beads] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


def test_translation_of_the_wrong_length_is_an_error():
    with pytest.raises(ValueError, match="translation"):
        align(["a.", "b."], ["a.", "b."], translation=["a."])


def test_unrelated_texts_with_a_narrow_width_cap_still_cover_everything():
    from dataclasses import replace

    from bireader.align.pipeline import default_settings

    rng = random.Random(5)
    words = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa"]
    src = [" ".join(rng.choice(words) for _ in range(8)) + "." for _ in range(120)]
    tgt = [" ".join(rng.choice(words).upper() for _ in range(9)) + "." for _ in range(100)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        beads = align(src, tgt, settings=replace(default_settings(), max_width=30))
    assert_covers(beads, len(src), len(tgt))
