"""Lemmas and tags for text that is already cut into sentences (and perhaps tokens), for the command line and
the benchmarks.

The problem: ``bireader wordalign --pretokenized`` and the gold word alignments index the *given* tokens, so
we must not retokenise; the NLP engine (``bireader.nlp``) analyses raw paragraphs. Here French words go through
spaCy's French pipeline as given (a ``Doc`` built from the words) and English words through the offline
engine's rule tagger, so every token keeps its index. ``simple_tokens`` is the tokenizer for text that is
not pre-tokenised: words, elided articles and pronouns (``l'``, ``qu'``) and punctuation marks.

    >>> simple_tokens("L'homme qu'il voit, dit-il.", "fr")
    ["L'", 'homme', "qu'", 'il', 'voit', ',', 'dit', '-il', '.']
"""

from __future__ import annotations

import re

from bireader.document import Document, Entry, Paragraph, Section, Sentence, Token

_CLITIC = r"(?:je|tu|il|elle|on|nous|vous|ils|elles|le|la|les|moi|toi|lui|en|y|ce)"
_FR_TOKEN = re.compile(
    r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)['’](?=\w)"  # elisions
    r"|aujourd['’]hui|-t-(?:il|elle|on)\b|-(?:je|tu|il|elle|on|nous|vous|ils|elles|le|la|les|moi|toi|lui|en|y|ce)\b"
    # words, hyphenated words, but not the clitic pronouns that end one ("dit-il": "dit", "-il"; "donne-le-moi":
    # "donne", "-le", "-moi"; "arc-en-ciel" stays a word)
    r"|[^\W_]+(?:['’][^\W_]+|-(?!(?:t-)?" + _CLITIC + r"\b(?:-" + _CLITIC + r"\b)*(?![-\w]))[^\W_]+)*"
    r"|\.\.\.|[^\w\s]",
    re.IGNORECASE,
)
_EN_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|n['’]t\b|['’](?:s|re|ve|ll|d|m)\b|\.\.\.|[^\w\s]", re.IGNORECASE)
_PUNCT = re.compile(r"^[^\w]+$")


def simple_tokens(text: str, lang: str) -> list[str]:
    """Tokens of a sentence: words, French elisions and clitic pronouns apart, punctuation apart."""
    pattern = _FR_TOKEN if lang == "fr" else _EN_TOKEN
    return pattern.findall(text)


def analyse_pretokenized(sentences: list[list[str]], lang: str) -> list[list[Token]]:
    """Tokens with lemma and universal POS for each sentence's given words (one Token per word, in order)."""
    if lang == "fr":
        return _french(sentences)
    return _english(sentences)


def _french(sentences: list[list[str]]) -> list[list[Token]]:
    from spacy.tokens import Doc

    from bireader.nlp.offline import FRENCH_ELISIONS, FRENCH_PRONOUN_LEMMAS, _known_lemma, french_pipeline

    nlp = french_pipeline()
    docs = [Doc(nlp.vocab, words=words or ["."], spaces=[True] * max(1, len(words))) for words in sentences]
    out = []
    for words, doc in zip(sentences, nlp.pipe(docs, batch_size=256)):
        tokens, offset = [], 0
        for word, t in zip(words, doc):
            lower = word.lower().replace("’", "'")
            pos = t.pos_
            lemma = (t.lemma_ or word).lower()
            bare = lower.lstrip("-")
            if lower.startswith("-") and bare in FRENCH_PRONOUN_LEMMAS:
                lemma, pos = FRENCH_PRONOUN_LEMMAS[bare], "PRON"
            elif pos == "PRON" and lower in FRENCH_PRONOUN_LEMMAS:
                lemma = FRENCH_PRONOUN_LEMMAS[lower]
            elif lower in FRENCH_ELISIONS:
                lemma = FRENCH_ELISIONS[lower]
            elif pos != "PROPN":
                lemma = _known_lemma(lemma, lower)
            is_word = not _PUNCT.match(word)
            if not is_word:
                pos = "PUNCT"
            tokens.append(Token(word, offset, offset + len(word), lemma, pos, is_word))
            offset += len(word) + 1
        out.append(tokens)
    return out


def _english(sentences: list[list[str]]) -> list[list[Token]]:
    from bireader.nlp.english_tags import tag_english

    out = []
    for words in sentences:
        initial = [k == 0 for k in range(len(words))]
        tags = tag_english(words, initial) if words else []
        tokens, offset = [], 0
        for word, (pos, lemma) in zip(words, tags):
            is_word = not _PUNCT.match(word)
            tokens.append(Token(word, offset, offset + len(word), lemma.lower(), pos if is_word else "PUNCT", is_word))
            offset += len(word) + 1
        out.append(tokens)
    return out


def document_from_sentences(sentences: list[list[str]], lang: str, title: str = "") -> Document:
    """A Document with one paragraph per given sentence (ids ``s0``, ``s1``...), its words analysed."""
    analysed = analyse_pretokenized(sentences, lang)
    paragraphs = []
    for n, (words, tokens) in enumerate(zip(sentences, analysed)):
        text = " ".join(words)
        paragraphs.append(Paragraph(id=f"p{n}", text=text, sentences=[Sentence(id=f"s{n}", text=text, tokens=tokens)]))
    return Document(title=title, lang=lang, sections=[Section(id="s", heading=None, entries=[Entry(id="e", date=None, paragraphs=paragraphs)])])
