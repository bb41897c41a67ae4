"""In-context glosses on hand-made sentences: elisions, clitics, multi-word expressions, names, renderings."""

import json
from dataclasses import asdict

from bireader.document import Bead
from bireader.gloss import TokenGloss, gloss_bitext, gloss_monolingual, needs_gloss


def glosses_of(glossed, doc, n):
    sentence = list(doc.sentences())[n]
    return sentence, glossed[sentence.id]


def by_text(sentence, glosses, text):
    return next(g for g in glosses if sentence.tokens[g.token].text == text)


def rendered(en_doc, n, gloss):
    tokens = list(en_doc.sentences())[n].tokens
    return [tokens[j].text for j in gloss.rendering]


def test_every_source_sentence_gets_one_gloss_per_token(bitext, glossed):
    fr, _, _ = bitext
    for sentence in fr.sentences():
        assert [g.token for g in glossed[sentence.id]] == list(range(len(sentence.tokens)))


def test_elided_article_is_its_own_token_and_the_noun_is_rendered_by_the_translation(bitext, glossed):
    fr, en, _ = bitext
    sentence, glosses = glosses_of(glossed, fr, 0)  # L'homme regarde la maison.
    homme = by_text(sentence, glosses, "homme")
    assert homme.lemma == "homme" and homme.gloss_worthy
    assert rendered(en, 0, homme) == ["man"]
    assert by_text(sentence, glosses, "L'").lemma == "le"
    maison = by_text(sentence, glosses, "maison")
    assert maison.senses[0] == "house" and maison.rendering_text == "house"


def test_elided_clitic_pronoun_is_glossed_as_a_pronoun(bitext, glossed):
    fr, en, _ = bitext
    sentence, glosses = glosses_of(glossed, fr, 3)  # Elle l'a vu hier.
    clitic = by_text(sentence, glosses, "l'")
    assert clitic.pos == "PRON" and clitic.lemma == "le"
    assert rendered(en, 3, clitic) == ["him"]
    assert rendered(en, 3, by_text(sentence, glosses, "vu")) == ["saw"]
    assert by_text(sentence, glosses, "vu").lemma == "voir"


def test_multiword_expressions_gloss_as_one_headword(bitext, glossed):
    fr, en, _ = bitext
    sentence, glosses = glosses_of(glossed, fr, 1)  # Il y a une pomme de terre sur la table.
    pomme = by_text(sentence, glosses, "pomme")
    terre = by_text(sentence, glosses, "terre")
    assert pomme.lemma == terre.lemma == "pomme de terre"
    assert pomme.group == terre.group == [4, 5, 6]
    assert "potato" in pomme.senses[0]
    assert rendered(en, 1, pomme) == ["potato"]
    il = by_text(sentence, glosses, "Il")
    assert il.lemma == "il y a" and il.group == [0, 1, 2]
    assert "there is" in il.senses[0]
    assert by_text(sentence, glosses, "la").group == []  # "sur la table" is no expression


def test_proper_nouns_are_not_gloss_worthy_even_when_tagged_as_nouns(bitext, glossed):
    fr, _, _ = bitext
    sentence, glosses = glosses_of(glossed, fr, 2)  # Candide aime Cunégonde.
    for name in ("Candide", "Cunégonde"):
        g = by_text(sentence, glosses, name)
        assert not g.gloss_worthy and g.senses == [] and g.rendering == []
    # sentence-initial "Cunégonde" (7) is known as a name from its other occurrences
    sentence, glosses = glosses_of(glossed, fr, 6)
    assert not by_text(sentence, glosses, "Cunégonde").gloss_worthy
    assert by_text(sentence, glosses, "regarde").gloss_worthy


def test_punctuation_is_not_gloss_worthy(bitext, glossed):
    fr, _, _ = bitext
    sentence, glosses = glosses_of(glossed, fr, 0)
    assert not by_text(sentence, glosses, ".").gloss_worthy


def test_word_the_dictionary_lacks_is_still_rendered_by_the_translation():
    from tests_gloss_helpers import make_document

    # "pétuner" (to smoke tobacco, archaic) is in no dictionary we ship; the translation says "smoked"
    fr_lines = ["Le meunier pétunait.", "Le meunier pétunait avec le chat.", "Le chat dort."] * 2
    en_lines = ["The miller smoked.", "The miller smoked with the cat.", "The cat sleeps."] * 2
    fr, en = make_document(fr_lines, "fr"), make_document(en_lines, "en")
    glossed = gloss_bitext(fr, en, [Bead([k], [k]) for k in range(len(fr_lines))])
    sentence = list(fr.sentences())[0]
    g = next(g for g in glossed[sentence.id] if sentence.tokens[g.token].text == "pétunait")
    assert all(source == "induced" for source in g.sources)  # nothing from a dictionary
    assert g.gloss_worthy
    assert g.rendering_text == "smoked"


def test_sentences_outside_beads_get_dictionary_glosses_only(bitext):
    fr, en, _ = bitext
    glossed = gloss_bitext(fr, en, [Bead([0], [0]), Bead([1], [])])
    sentence = list(fr.sentences())[1]
    assert all(g.rendering == [] for g in glossed[sentence.id])
    assert any(g.senses for g in glossed[sentence.id])
    assert set(glossed) == {s.id for s in fr.sentences()}


def test_glosses_are_json_serialisable_and_round_trip(glossed):
    g = next(iter(glossed.values()))[1]
    data = json.loads(json.dumps(asdict(g)))
    assert TokenGloss.from_dict(data) == g


def test_english_seed_is_glossed_toward_french():
    from tests_gloss_helpers import make_document

    doc = make_document(["The old house was quiet."], "en")
    glossed = gloss_monolingual(doc, "fr")
    sentence = next(doc.sentences())
    house = next(g for g in glossed[sentence.id] if sentence.tokens[g.token].text == "house")
    assert any("maison" in s for s in house.senses)
    assert house.rendering == []


def test_needs_gloss_follows_level_and_known_words(bitext, glossed):
    fr, _, _ = bitext
    sentence, glosses = glosses_of(glossed, fr, 4)  # Le meunier vend son moulin.
    meunier = by_text(sentence, glosses, "meunier")
    le = by_text(sentence, glosses, "Le")
    assert meunier.freq_rank is not None and le.freq_rank is not None and le.freq_rank < meunier.freq_rank
    assert le.band < meunier.band
    assert needs_gloss(meunier, level_rank=1000, known_lemmas=set())
    assert not needs_gloss(meunier, level_rank=1000, known_lemmas={"meunier"})
    assert not needs_gloss(le, level_rank=1000, known_lemmas=set())
    assert not needs_gloss(meunier, level_rank=meunier.freq_rank, known_lemmas=set())
    name = by_text(*glosses_of(glossed, fr, 2), "Candide")
    assert not needs_gloss(name, level_rank=0, known_lemmas=set())


def test_translation_of_a_word_the_dictionary_lacks_becomes_an_induced_sense():
    from tests_gloss_helpers import make_document

    fr_lines = ["Le meunier pétunait.", "Le meunier pétunait avec le chat.", "Le chat dort."] * 2 + ["Il pétunait."]
    en_lines = ["The miller smoked.", "The miller smoked with the cat.", "The cat sleeps."] * 2 + ["He smoked."]
    fr, en = make_document(fr_lines, "fr"), make_document(en_lines, "en")
    # the last sentence has no counterpart: its "pétunait" is glossed from the rest of the text
    glossed = gloss_bitext(fr, en, [Bead([k], [k]) for k in range(len(fr_lines) - 1)] + [Bead([6], [])])
    last = list(fr.sentences())[6]
    g = next(g for g in glossed[last.id] if last.tokens[g.token].text == "pétunait")
    assert g.rendering == []
    assert g.senses == ["smoke"] and g.sources == ["induced"]


def test_the_sense_the_translation_chose_comes_first():
    from bireader.document import Token
    from bireader.gloss.glosses import translation_first

    senses, sources = translation_first(
        ["fare", "go, ride, travel"], ["freedict", "freedict"], [Token("went", 0, 4, "go", "VERB")], "en"
    )
    assert senses == ["go, ride, travel", "fare"] and sources == ["freedict", "freedict"]
    unchanged = translation_first(["house", "home"], ["a", "b"], [Token("building", 0, 8, "building", "NOUN")], "en")
    assert unchanged == (["house", "home"], ["a", "b"])
