"""A small French–English text saved through the store as an import would, for the review service and routes.

French: 8 sentences in two sections (paragraphs of 2 and 3, then 3); English: 9 sentences. Sentences are long
(about 1,000 to 1,250 characters) so that the text runs over several reader pages and edits move page breaks.
"""

from __future__ import annotations

from bireader.document import Bead, Document, Entry, Paragraph, Section, Sentence
from bireader.store.db import transaction
from bireader.store.library import save_text

SLUG = "petit-texte"


def sentence_text(lang: str, n: int) -> str:
    word = "mot" if lang == "fr" else "word"
    return f"{'Phrase' if lang == 'fr' else 'Sentence'} {n} " + " ".join([word] * 250) + "."


def document(lang: str, layout: list[list[int]]) -> Document:
    """``layout``: sections, each a list of paragraph sizes."""
    sections, n = [], 0
    for s_index, paragraphs in enumerate(layout):
        entry = Entry(f"e{lang}{s_index}", None)
        for p_index, size in enumerate(paragraphs):
            texts = [sentence_text(lang, n + k) for k in range(size)]
            paragraph = Paragraph(f"p{lang}{s_index}{p_index}", " ".join(texts))
            offset = 0
            for k, text in enumerate(texts):
                paragraph.sentences.append(Sentence(f"{paragraph.id}.{k}", text, offset))
                offset += len(text) + 1
            entry.paragraphs.append(paragraph)
            n += size
        sections.append(Section(f"s{lang}{s_index}", f"Section {s_index}", [entry]))
    return Document(title="Petit texte", lang=lang, sections=sections, engine="hand-made")


FRENCH = [[2, 3], [3]]  # sentences 0..7
ENGLISH = [[2, 4], [3]]  # sentences 0..8
# EN 3 has no French (a null bead); FR 5 and 6 are paired with EN 6 and 7 the wrong way round (low confidence)
BEADS = [Bead([0], [0], 0.95), Bead([1], [1], 0.9), Bead([2], [2], 0.85), Bead([], [3], 0.0),
         Bead([3], [4], 0.8), Bead([4], [5], 0.7), Bead([5, 6], [6], 0.3), Bead([], [7], 0.1), Bead([7], [8], 0.9)]


def save_sample(sessions, beads=BEADS) -> None:
    with transaction(sessions) as session:
        save_text(session, document("fr", FRENCH), document("en", ENGLISH), beads, slug=SLUG, title="Petit texte")
