"""The pure page view: word spans, ruby glosses, rendering indices across a bead, English-only runs."""

from types import SimpleNamespace as NS

from bireader.web.read.view import SLOT, build_page_layout, build_page_view, group_blocks


def s(position, text, tokens, glosses=(), heading=None, date=None, starts_paragraph=False):
    return NS(position=position, key=f"k{position}", text=text, tokens=tokens, glosses=list(glosses),
              heading=heading, date=date, starts_paragraph=starts_paragraph)


def words(text, pos="NOUN"):
    out, start = [], 0
    for w in text.rstrip(".").split():
        start = text.index(w, start)
        out.append([w, start, start + len(w), w.lower(), pos, True])
        start += len(w)
    return out


def bead(position, source, target, confidence=1.0):
    return NS(position=position, confidence=confidence, source=source, target=target)


HAIE = {"token": 1, "lemma": "haie", "pos": "NOUN", "senses": ["hedge"], "rendering": [4], "rendering_text": "hedges",
        "freq_rank": 12000}


def view(beads, statuses=None, level=2000, bilingual=True):
    return build_page_view(NS(beads=beads), statuses or {}, level, "fr", "en" if bilingual else "", bilingual)


def test_words_carry_lemma_status_rarity_and_an_inline_gloss():
    fr = s(0, "Les haies.", words("Les haies."), [HAIE], heading="Chapitre", date="Lundi", starts_paragraph=True)
    v = view([bead(0, [fr], [s(0, "Two sentences. The hedges.", words("Two sentences. The hedges."))])],
             statuses={"les": "known"})
    html = str(v.blocks[0].beads[0].source)
    assert '<h2 class="heading" lang="fr"><span>Chapitre</span></h2><p class="date" lang="fr">Lundi</p>' in html
    assert '<span class="w st-known" data-l="les" data-i="0">Les</span>' in html
    assert 'class="w g rare" data-l="haies" data-i="1"><ruby>haies<rt data-g="hedges"></rt></ruby>' in html
    assert v.glosses == {"0": {"1": {"lemma": "haie", "pos": "NOUN", "senses": ["hedge"], "rendering": [4],
                                     "rendering_text": "hedges", "band": None, "freq_rank": 12000,
                                     "group": []}}}


def test_a_common_word_is_not_marked_rare_and_text_is_escaped():
    fr = s(0, "<Les> haies.", [["Les", 1, 4, "le", "DET", True], ["haies", 6, 11, "haie", "NOUN", True]],
           [dict(HAIE, freq_rank=100)])
    html = str(view([bead(0, [fr], [])], bilingual=False).blocks[0].beads[0].source)
    assert html.startswith('<span class="s" data-pos="0" data-key="k0" data-bead="0" data-gk="0">&lt;<span class="w"')
    assert 'class="w g" data-l="haie"' in html and "&gt;" in html


def test_english_tokens_are_numbered_across_the_beads_sentences():
    en = [s(3, "It rained.", words("It rained.")), s(4, "The hedges.", words("The hedges."))]
    v = view([bead(0, [s(0, "Il pleuvait sur les haies.", words("Il pleuvait sur les haies."))], en)])
    target = str(v.blocks[0].beads[0].target)
    assert '<span class="t" data-bi="2">The</span> <span class="t" data-bi="3">hedges</span>' in target


def test_runs_without_french_become_one_full_width_block_but_a_lone_gap_stays_a_row():
    fr = lambda n: s(n, "Un.", words("Un."))
    en = lambda n, p=False: s(n, "One.", words("One."), starts_paragraph=p)
    v = view([bead(0, [fr(0)], [en(0)]), bead(1, [], [en(1)]), bead(2, [fr(1)], [en(2)]),
              bead(3, [], [en(3, True)]), bead(4, [], [en(4)]), bead(5, [fr(2)], [en(5)], confidence=0.2)])
    assert [(b.kind, [x.position for x in b.beads]) for b in v.blocks] == [
        ("pair", [0, 1, 2]), ("target-only", [3, 4]), ("pair", [5])]
    assert v.blocks[2].beads[0].low_confidence and not v.blocks[0].beads[0].low_confidence
    # a one-language text never groups
    assert [b.kind for b in group_blocks(v.blocks[1].beads, bilingual=False)] == ["pair"]


def test_the_statuses_a_page_needs_are_its_countable_words_in_each_language():
    fr = s(0, "Paris dort 3 fois.", [["Paris", 0, 5, "Paris", "PROPN", True], ["dort", 6, 10, "dormir", "VERB", True],
                                     ["3", 11, 12, "3", "NUM", True], ["fois", 13, 17, "fois", "NOUN", True]])
    wind = {"token": 1, "lemma": "wind", "pos": "NOUN", "senses": ["vent"], "freq_rank": 9000}
    alone = s(1, "The wind blows.", words("The wind blows."), [wind], starts_paragraph=True)
    layout = build_page_layout(NS(beads=[bead(0, [fr], []), bead(1, [], [alone])]), "fr", "en")
    assert layout.words.source_lemmas == {"dormir", "fois"}
    assert layout.words.target_lemmas == {"the", "wind", "blows"}


def test_a_layout_is_the_same_for_every_learner_until_their_classes_fill_its_slots():
    fr = s(0, "Les haies.", words("Les haies."), [HAIE])
    layout = build_page_layout(NS(beads=[bead(0, [fr], [])]), "fr", "", bilingual=False)
    html = str(layout.blocks[0].beads[0].source)
    assert html.count(SLOT) == len(layout.words) == 2 and "st-" not in html and "rare" not in html
    assert layout.words.classes({"haies": "learning"}, {}, 2000) == ["w", "w st-learning g rare"]
    assert layout.words.classes({}, {}, 20000) == ["w", "w g"]  # rank 12000 is common at that level
    assert layout.words.classes({"les": "ignore"}, {}, 2000) == ["w st-ignore", "w g rare"]
    # the same layout serves the next learner unchanged
    assert str(layout.view({}, 2000).blocks[0].beads[0].source) == str(view([bead(0, [fr], [])], bilingual=False)
                                                                           .blocks[0].beads[0].source)


def test_bad_token_offsets_do_not_lose_text():
    fr = s(0, "Un deux.", [["Un", 0, 2, "un", "DET", True], ["deux", 1, 40, "deux", "NUM", True]])
    html = str(view([bead(0, [fr], [])], bilingual=False).blocks[0].beads[0].source)
    assert html.endswith(" deux.</span> ")


def test_english_without_french_is_glossed_with_english_statuses_and_paired_english_is_not():
    wind = {"token": 1, "lemma": "wind", "pos": "NOUN", "senses": ["vent"], "freq_rank": 9000}
    paired = s(0, "The wind.", words("The wind."), [wind])
    alone = s(1, "The wind.", words("The wind."), [wind], starts_paragraph=True)
    v = build_page_view(NS(beads=[bead(0, [s(0, "Le vent.", words("Le vent."))], [paired]), bead(1, [], [alone])]),
                        {"wind": "known"}, 2000, "fr", "en", True, target_statuses={"wind": "learning"})
    assert '<span class="t" data-bi="1">wind</span>' in str(v.blocks[0].beads[0].target)
    solo = str(v.blocks[1].beads[0].target)
    assert 'data-gk="t1"' in solo and 'class="w st-learning g rare" data-l="wind"' in solo
    assert v.glosses["t1"]["1"]["senses"] == ["vent"]


def test_a_multi_word_expression_gets_one_inline_gloss():
    tokens = words("Une pomme de terre.")
    gloss = {"lemma": "pomme de terre", "pos": "NOUN", "senses": ["potato"], "rendering_text": "potato",
             "freq_rank": 30000, "group": [1, 2, 3]}
    fr = s(0, "Une pomme de terre.", tokens, [dict(gloss, token=k) for k in (1, 2, 3)])
    html = str(view([bead(0, [fr], [])], bilingual=False).blocks[0].beads[0].source)
    assert html.count('<rt data-g="potato">') == 1 and '<ruby>pomme<rt data-g="potato">' in html


def test_english_content_words_of_a_bead_with_french_carry_their_french_dictionary_words():
    fr = [s(0, "Il longeait les haies.", words("Il longeait les haies."), [dict(HAIE, token=3, rendering=[4])])]
    en = [s(5, "He ran along.", words("He ran along.")),
          s(6, "The hedges.", words("The hedges."), [
              {"token": 0, "lemma": "the", "pos": "DET", "senses": ["le, la"]},  # a function word: left out
              {"token": 1, "lemma": "hedge", "pos": "NOUN", "senses": ["haie", "haie, bordure", "x, y"]}])]
    v = view([bead(7, fr, en)])
    # data-bi 4 = token 1 of the second English sentence; the French words aligned to it come from the French glosses
    assert v.english == {"7": {"4": {"lemma": "hedge", "pos": "NOUN", "senses": ["haie", "bordure", "x", "y"]}}}
    assert v.glosses["0"]["3"]["rendering"] == [4]
    # English-only beads keep their own glossed words instead
    assert view([bead(0, [], en)]).english == {}


def test_inline_glosses_do_not_repeat_the_word_or_keep_a_sentence_capital():
    fr = s(0, "Les trompettes du boulevard.", words("Les trompettes du boulevard."),
           [dict(HAIE, token=1, lemma="trompette", rendering=[0], rendering_text="Trumpets"),
            dict(HAIE, token=3, lemma="boulevard", rendering=[3], rendering_text="Boulevard")])
    html = str(view([bead(0, [fr], [s(0, "Trumpets of the boulevard.", words("Trumpets of the boulevard."))])])
               .blocks[0].beads[0].source)
    assert '<ruby>trompettes<rt data-g="trumpets"></rt></ruby>' in html
    assert 'data-l="boulevard" data-i="3">boulevard</span>' in html  # no ruby: it would only repeat the word
    name = s(0, "Le baron de tronckh.", words("Le baron de tronckh."),
             [dict(HAIE, token=3, lemma="thunder-ten-tronckh", rendering=[4], rendering_text="Thunder-ten-Tronckh")])
    assert "<ruby>" not in str(view([bead(0, [name], [])]).blocks[0].beads[0].source)
