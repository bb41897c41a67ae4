"""Helpers shared by the glosser tests."""

from bireader.document import Document, Entry, Paragraph, Section
from bireader.nlp import get_engine


def make_document(sentences: list[str], lang: str) -> Document:
    """One paragraph per sentence, analysed by the offline engine (ids ``p0.0``, ``p1.0``...)."""
    analysed = get_engine("offline").analyse(sentences, lang)
    paragraphs = []
    for n, (text, sents) in enumerate(zip(sentences, analysed)):
        for k, s in enumerate(sents):
            s.id = f"p{n}.{k}"
        paragraphs.append(Paragraph(id=f"p{n}", text=text, sentences=sents))
    return Document(title="t", lang=lang, sections=[Section("s", None, [Entry("e", None, paragraphs)])])
