"""The hand-checked first-sense samples of bench/data (read by ``python -m bench.gloss --first-senses``): each
holds 200 judged words, and a held-out sample shares no lemma with the tuning samples of its language."""

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"


def _rows(name):
    lines = (DATA / f"first_sense_{name}.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_every_sample_has_200_judged_words_with_their_tag():
    for name in ("en", "fr", "en_dev", "fr_dev", "en_heldout", "fr_heldout"):
        rows = _rows(name)
        assert len(rows) == 200, name
        for row in rows:
            assert len(row) in (4, 5) and row[1] in {"NOUN", "VERB", "ADJ", "ADV"} and row[3].strip(), (name, row)


def test_held_out_samples_share_no_lemma_with_the_tuning_ones():
    for lang in ("en", "fr"):
        held = {row[0] for row in _rows(f"{lang}_heldout")}
        assert not held & {row[0] for row in _rows(lang)}
        assert not held & {row[0] for row in _rows(f"{lang}_dev")}
