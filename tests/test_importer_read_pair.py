"""A pair read side by side (bireader.importer.read_pair): the translation analysed and glossed in a thread while
the original is analysed. The result must be what reading one file after the other gives."""

import json
from pathlib import Path

import pytest

from bireader.gloss import monolingual_glosses
from bireader.importer import ImportRequest, PackedGlosses, gloss, prepare
from bireader.ingest.decode import IngestError
from bireader.ingest.pipeline import load_document

ROOT = Path(__file__).resolve().parents[1]
FRENCH = ROOT / "french" / "voltaire_candide_ch1-6.fr.txt"
ENGLISH = ROOT / "seeds" / "voltaire_candide_ch1-6.en.txt"


def _cut(path: Path, lines: int, out: Path) -> Path:
    out.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:lines]) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    return _cut(FRENCH, 12, folder / "candide.fr.txt"), _cut(ENGLISH, 12, folder / "candide.en.txt")


def _tokens(document):
    return [(s.id, s.text, [(t.text, t.start, t.end, t.lemma, t.pos, t.is_word) for t in s.tokens])
            for s in document.sentences()]


def test_both_sides_are_analysed_as_alone_and_the_translation_is_glossed_ahead(pair):
    french, english = pair
    # the English file first: the French original is still the source side
    prepared = prepare(ImportRequest(path=english, translation=french, engine="offline"))
    assert prepared.source.lang == "fr" and prepared.source_path == french and prepared.target_path == english
    assert _tokens(prepared.source) == _tokens(load_document(french, "fr", engine=_offline()))
    assert _tokens(prepared.target) == _tokens(load_document(english, "en", engine=_offline()))
    expected = PackedGlosses()
    for key, sentence_glosses in monolingual_glosses(prepared.target, "fr"):
        expected.put(key, sentence_glosses)
    assert dict(prepared.target_glosses.items()) == dict(expected.items()) and len(expected) > 0
    gloss(prepared)  # the translation's glosses are taken as made; the original's come from the beads
    assert prepared.target_glosses is None
    for key in expected:
        assert prepared.glosses[key] == expected[key]
    source_ids = {s.id for s in prepared.source.sentences()}
    assert source_ids <= set(prepared.glosses)
    assert any(g["rendering"] for key in source_ids for g in json.loads(prepared.glosses[key]))


def test_a_pair_in_one_language_is_refused_before_any_analysis(pair, monkeypatch):
    french, _ = pair
    import bireader.importer as importer

    def no_analysis(*_):
        raise AssertionError("analysed a pair that cannot be imported")

    monkeypatch.setattr(importer, "analyse_document", no_analysis)
    with pytest.raises(IngestError, match="both files are in the same language"):
        prepare(ImportRequest(path=french, translation=french, engine="offline"))


def _offline():
    from bireader.nlp import get_engine

    return get_engine("offline")


def test_an_import_that_lets_the_model_go_reads_one_side_after_the_other_to_the_same_glosses(pair):
    french, english = pair
    side_by_side = prepare(ImportRequest(path=french, translation=english, engine="offline"))
    gloss(side_by_side)
    # release_models: a process that counts its memory (an import job) does not hold the translation's glossing
    # beside the French model; the model is loaded again afterwards for the next test
    one_after = prepare(ImportRequest(path=french, translation=english, engine="offline", release_models=True))
    assert one_after.target_glosses is None  # nothing glossed while reading
    gloss(one_after)
    assert dict(one_after.glosses) == dict(side_by_side.glosses) and len(one_after.glosses) > 0
    assert [b for b in one_after.beads] == [b for b in side_by_side.beads]
