"""align_documents: the seed case, two short French excerpts of a long English text."""

import warnings
from pathlib import Path

import pytest

from bireader.align import AlignmentWarning
from bireader.align.commands import regex_split
from bireader.align.documents import align_documents, scoring_texts
from bireader.document import Document, Entry, Paragraph, Section, Sentence
from bireader.ingest.plaintext import parse_plaintext

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not on this machine")


def with_sentences(doc: Document) -> Document:
    """Fill paragraphs with sentences by the regex splitter (keeps this test free of the NLP engines)."""
    for paragraph in doc.paragraphs():
        parts = regex_split([paragraph.text], doc.lang)[0]
        paragraph.sentences = [Sentence(id=f"{paragraph.id}.{k}", text=t) for k, t in enumerate(parts)]
    return doc


def load(name: str, lang: str) -> Document:
    return with_sentences(parse_plaintext((CORPUS / name).read_text(encoding="utf-8"), lang))


def test_scoring_texts_prefix_heading_and_date_and_mark_paragraph_starts():
    doc = Document("t", "fr", sections=[Section("s", "Brandler", [Entry("e", "Décembre 38", [
        Paragraph("p1", "A. B.", [Sentence("p1.0", "A."), Sentence("p1.1", "B.")]),
        Paragraph("p2", "C.", [Sentence("p2.0", "C.")])])])])
    texts, starts = scoring_texts(doc)
    assert texts == ["Brandler Décembre 38 A.", "B.", "C."]
    assert starts == [0, 2]


@needs_corpus
def test_seed_excerpts_find_their_passages_and_the_rest_stays_unpaired():
    fr = load("serge_carnets_partial.fr.txt", "fr")
    en = load("serge_notebooks_1938-44.en.txt", "en")
    matching = load("serge_carnets_partial_matching.en.txt", "en")
    en_sents = [s.text for s in en.sentences()]
    wanted = {s.text for s in matching.sentences()}
    with pytest.warns(AlignmentWarning, match="longer"):
        beads = align_documents(fr, en)
    n_fr = len(list(fr.sentences()))
    assert [i for b in beads for i in b.source] == list(range(n_fr))
    assert [j for b in beads for j in b.target] == list(range(len(en_sents)))
    paired = {en_sents[j] for b in beads if b.source for j in b.target}
    # the French pairs with English of the matching passages only, and with most of them
    assert paired <= wanted
    assert len(paired) >= 0.85 * len(wanted & set(en_sents))
    unpaired = [b for b in beads if not b.source]
    assert len(unpaired) >= len(en_sents) - len(wanted) - 3


@needs_corpus
def test_whole_texts_align_globally_without_warning():
    fr = load("voltaire_candide_ch1-6.fr.txt", "fr")
    en = load("voltaire_candide_ch1-6.en.txt", "en")
    with warnings.catch_warnings():
        warnings.simplefilter("error", AlignmentWarning)
        beads = align_documents(fr, en)
    one_to_one = sum(1 for b in beads if len(b.source) == 1 and len(b.target) == 1)
    assert one_to_one >= 0.5 * len(beads)
    assert sum(1 for b in beads if not b.source or not b.target) <= 0.15 * len(beads)
