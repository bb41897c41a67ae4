"""The importer's glosses, packed sentence by sentence until stored (bireader.importer.PackedGlosses, gloss)."""

import json

from bireader.document import Bead, Document, Entry, Paragraph, Section, Sentence, Token
from bireader.gloss import TokenGloss
from bireader.importer import PackedGlosses, Prepared, gloss
from bireader.store.library import encode_json


def _gloss(i: int, lemma: str) -> TokenGloss:
    return TokenGloss(token=i, lemma=lemma, pos="NOUN", senses=["hedge, fence"], rendering=[0],
                      rendering_text="hedge", freq_rank=9000, band=6, gloss_worthy=True, sources=["freedict"])


def test_packed_glosses_read_back_as_the_json_text_the_store_writes():
    packed = PackedGlosses()
    glosses = [_gloss(0, "haie"), _gloss(1, "œillet")]
    packed.put("p1.0", glosses)
    packed.put("p2.0", [])
    assert packed["p1.0"] == encode_json([g.to_dict() for g in glosses])
    assert json.loads(packed.get("p1.0"))[1]["lemma"] == "œillet"
    assert packed.get("p2.0") == "[]" and packed.get("p3.0", []) == [] and "p3.0" not in packed
    assert dict(packed.items()) == {"p1.0": packed["p1.0"], "p2.0": "[]"} and len(packed) == 2


def _document(lang: str, texts: list[str], words: list[list[tuple[str, str, str]]]) -> Document:
    """Paragraph ids as content ids would be: "pshared" for the title both languages share, else per language."""
    paragraphs = []
    for n, (text, tokens) in enumerate(zip(texts, words)):
        start, toks = 0, []
        for word, lemma, pos in tokens:
            at = text.index(word, start)
            toks.append(Token(word, at, at + len(word), lemma, pos, pos != "PUNCT"))
            start = at + len(word)
        pid = "pshared" if text == "Madame Bovary" else f"{lang}{n}"
        paragraphs.append(Paragraph(id=pid, text=text, sentences=[Sentence(id=pid + ".0", text=text, tokens=toks)]))
    return Document(title="t", lang=lang, sections=[Section(id="s", heading=None,
                                                             entries=[Entry(id="e", date=None, paragraphs=paragraphs)])])


def test_both_sides_are_glossed_and_a_sentence_id_shared_by_both_keeps_the_translations_glosses():
    # "Madame Bovary" is the same paragraph in both languages, so both sides' sentence gets the same content id;
    # the merged glosses have always kept the translation's for it (the store then writes them on both sides)
    source = _document("fr", ["Madame Bovary", "La haie fleurit."],
                       [[("Madame", "madame", "NOUN"), ("Bovary", "Bovary", "PROPN")],
                        [("La", "le", "DET"), ("haie", "haie", "NOUN"), ("fleurit", "fleurir", "VERB"),
                         (".", ".", "PUNCT")]])
    target = _document("en", ["Madame Bovary", "The hedge blooms."],
                       [[("Madame", "madame", "PROPN"), ("Bovary", "Bovary", "PROPN")],
                        [("The", "the", "DET"), ("hedge", "hedge", "NOUN"), ("blooms", "bloom", "VERB"),
                         (".", ".", "PUNCT")]])
    prepared = Prepared(source, None, target, None, beads=[Bead([0], [0], 1.0), Bead([1], [1], 1.0)])
    gloss(prepared)
    glosses = {key: json.loads(text) for key, text in prepared.glosses.items()}
    assert set(glosses) == {"pshared.0", "fr1.0", "en1.0"}
    haie = glosses["fr1.0"][1]
    assert haie["lemma"] == "haie" and haie["senses"] and haie["rendering_text"] == "hedge"  # from the translation
    assert glosses["en1.0"][1]["lemma"] == "hedge" and glosses["en1.0"][1]["rendering"] == []  # dictionary only
    assert [g["pos"] for g in glosses["pshared.0"]] == ["PROPN", "PROPN"]  # the translation's tags


def test_senses_induced_from_the_whole_translation_reach_the_packed_glosses():
    # "zorblat" is in no dictionary; rendered "widget" twice, it takes that sense at both occurrences. The importer
    # packs each sentence as it comes and completes such sentences once the whole text is read: it must store
    # exactly what gloss_bitext (which holds every sentence until the end) gives.
    from bireader.gloss import gloss_bitext

    def words(text: str, lemmas: str, tags: str) -> list[tuple[str, str, str]]:
        return list(zip(text.replace(".", " .").split(), lemmas.split(), tags.split()))

    french = ["Le zorblat tombe.", "Un zorblat brille.", "La haie fleurit."]
    english = ["The widget falls.", "A widget shines.", "The hedge blooms."]
    source = _document("fr", french, [
        words(french[0], "le zorblat tomber .", "DET NOUN VERB PUNCT"),
        words(french[1], "un zorblat briller .", "DET NOUN VERB PUNCT"),
        words(french[2], "le haie fleurir .", "DET NOUN VERB PUNCT")])
    target = _document("en", english, [
        words(english[0], "the widget fall .", "DET NOUN VERB PUNCT"),
        words(english[1], "a widget shine .", "DET NOUN VERB PUNCT"),
        words(english[2], "the hedge bloom .", "DET NOUN VERB PUNCT")])
    beads = [Bead([k], [k], 1.0) for k in range(3)]
    prepared = Prepared(source, None, target, None, beads=beads)
    gloss(prepared)
    stored = {key: json.loads(prepared.glosses[key]) for key in ("fr0.0", "fr1.0", "fr2.0")}
    for key in ("fr0.0", "fr1.0"):
        zorblat = stored[key][1]
        assert zorblat["lemma"] == "zorblat" and zorblat["senses"] == ["widget"] and zorblat["sources"] == ["induced"]
    whole = gloss_bitext(source, target, beads)
    assert stored == {key: [g.to_dict() for g in whole[key]] for key in stored}
