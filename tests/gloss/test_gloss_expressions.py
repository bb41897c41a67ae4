"""Multi-word expressions found in a sentence (``multiword_spans``) and the gloss's dict form, on a small lexicon."""

from dataclasses import asdict

from bireader.document import Token
from bireader.gloss.glosses import TokenGloss, multiword_spans
from bireader.lexicon import Lexicon

LEXICON = Lexicon.from_rows("fr", "en", [
    ["faire attention", "VERB", "test", "pay attention"],
    ["pomme de terre", "NOUN", "test", "potato"],
    ["pomme de terre cuite", "NOUN", "test", "baked potato"],
    ["de terre", "ADJ", "test", "earthen"],
    ["tout à fait", "ADV", "test", "quite"],
    ["pomme", "NOUN", "test", "apple"],
])


def _tokens(words: str) -> list[Token]:
    """``form/lemma/POS`` words (lemma and POS optional: the form lower-cased, NOUN)."""
    out, at = [], 0
    for word in words.split():
        form, lemma, pos = (word.split("/") + ["", ""])[:3]
        out.append(Token(form, at, at + len(form), lemma or form.lower(), pos or "NOUN"))
        at += len(form) + 1
    return out


def test_an_expression_matches_by_form_or_lemma_at_each_position():
    # "fit" is "faire" by its lemma only, "attention" by its form
    assert multiword_spans(_tokens("Il/il/PRON fit/faire/VERB attention ."), LEXICON) == [(1, 3, "faire attention")]


def test_the_longest_expression_wins_and_a_token_belongs_to_one_only():
    tokens = _tokens("une/un/DET pomme de/de/ADP terre cuite/cuit/ADJ")
    assert multiword_spans(tokens, LEXICON) == [(1, 5, "pomme de terre cuite")]
    tokens = _tokens("une/un/DET pomme de/de/ADP terre crue/cru/ADJ")
    assert multiword_spans(tokens, LEXICON) == [(1, 4, "pomme de terre")]
    # "de terre" alone where no "pomme" comes before
    assert multiword_spans(_tokens("un/un/DET pot de/de/ADP terre"), LEXICON) == [(2, 4, "de terre")]


def test_an_expression_needs_a_content_word_and_its_whole_length():
    assert multiword_spans(_tokens("tout/tout/ADV à/à/ADP fait/faire/VERB"), LEXICON) == [(0, 3, "tout à fait")]
    assert multiword_spans(_tokens("tout/tout/DET à/à/ADP"), LEXICON) == []  # cut short: no expression
    assert multiword_spans(_tokens("une/un/DET pomme de/de/ADP"), LEXICON) == []


def test_a_gloss_as_a_dict_is_asdicts_result_with_its_own_lists():
    gloss = TokenGloss(token=2, lemma="pomme de terre", pos="NOUN", senses=["potato"], rendering=[3],
                       rendering_text="potato", freq_rank=None, band=6, gloss_worthy=True, group=[1, 2, 3],
                       sources=["test"], confidence=0.99)
    as_dict = gloss.to_dict()
    assert as_dict == asdict(gloss) and list(as_dict) == list(asdict(gloss))  # the same keys, in field order
    as_dict["senses"].append("spud")
    as_dict["group"].clear()
    assert gloss.senses == ["potato"] and gloss.group == [1, 2, 3]
    assert TokenGloss.from_dict(gloss.to_dict()) == gloss
