"""A small hand-made French–English text with tokens and glosses, saved through the store as an import would.

It has what the reader must handle: a heading and a date on both sides, two paragraphs, a 2-1 bead, a bead of
low confidence, a proper noun and a number (never glossed), a run of English-only sentences, and glosses whose
in-context renderings point at English words.
"""

from __future__ import annotations

import re

from bireader.document import Bead, Document, Entry, Paragraph, Section, Sentence, Token
from bireader.store.db import transaction
from bireader.store.library import save_text

LEMMAS = {"haies": "haie", "pleuvait": "pleuvoir", "marchait": "marcher", "était": "être", "fermées": "fermer",
          "volets": "volet", "vieilles": "vieux", "longeait": "longer", "aperçut": "apercevoir"}
POS = {"candide": "PROPN", "haies": "NOUN", "pleuvait": "VERB", "marchait": "VERB", "était": "AUX", "volets": "NOUN", "vieilles": "ADJ",
       "longeait": "VERB", "aperçut": "VERB", "maison": "NOUN", "chemin": "NOUN", "fermées": "VERB", "nuit": "NOUN"}

FRENCH = [
    ("Chapitre premier", "Lundi 3 mars", [
        ["Il pleuvait sur les haies.", "Candide marchait seul."],
        ["Le chemin longeait 3 vieilles maisons.", "Les volets étaient fermés.", "Il aperçut la nuit."],
    ]),
]
ENGLISH = [
    ("Chapter one", "Monday 3 March", [
        ["It was raining on the hedges.", "Candide walked alone."],
        ["The path ran along 3 old houses, whose shutters were closed.", "He saw the night.",
         "Nobody came.", "The wind rose over the fields.", "Morning was far away."],
    ]),
]
# sentence indices: FR 0..4, EN 0..6; FR 2+3 -> EN 2 (2-1); EN 4,5,6 have no French (a run)
BEADS = [Bead([0], [0], 0.95), Bead([1], [1], 0.9), Bead([2, 3], [2], 0.8), Bead([4], [3], 0.3),
         Bead([], [4], 0.0), Bead([], [5], 0.0), Bead([], [6], 0.0)]

# French word -> (English words of its sentence that render it, senses, frequency rank)
GLOSSES = {
    "haies": (["hedges"], ["hedge", "hedgerow"], 12000),
    "pleuvait": (["raining"], ["to rain"], 3000),
    "marchait": (["walked"], ["to walk", "to march"], 400),
    "longeait": (["ran", "along"], ["to go along", "to skirt"], 9000),
    "volets": (["shutters"], ["shutter"], 15000),
    "vieilles": (["old"], ["old"], 300),
    "aperçut": (["saw"], ["to notice", "to glimpse"], 4000),
    "Candide": (["Candide"], ["Candide"], 50000),
    "3": (["3"], ["three"], 100),
}


def _tokens(text: str, lang: str) -> list[Token]:
    tokens = []
    for n, m in enumerate(re.finditer(r"\w+|[^\w\s]", text)):
        form = m.group()
        word = form[0].isalnum()
        pos = "PUNCT" if not word else "NUM" if form.isdigit() else \
            "PROPN" if form[0].isupper() and n > 0 else POS.get(form.lower(), "X" if lang == "en" else "DET")
        lemma = LEMMAS.get(form.lower(), form.lower()) if word else form
        tokens.append(Token(form, m.start(), m.end(), lemma, pos, word))
    return tokens


def _document(title: str, lang: str, spec) -> Document:
    sections = []
    for heading, date, paragraphs in spec:
        entry_paragraphs = []
        for p_index, sentences in enumerate(paragraphs):
            text = " ".join(sentences)
            pid = f"p{lang}{p_index}"
            paragraph = Paragraph(pid, text)
            offset = 0
            for n, s in enumerate(sentences):
                start = text.index(s, offset)
                offset = start + len(s)
                tokens = [Token(t.text, t.start + start, t.end + start, t.lemma, t.pos, t.is_word) for t in _tokens(s, lang)]
                paragraph.sentences.append(Sentence(f"{pid}.{n}", s, start, tokens))
            entry_paragraphs.append(paragraph)
        sections.append(Section(f"s{lang}", heading, [Entry(f"e{lang}", date, entry_paragraphs)]))
    return Document(title=title, lang=lang, sections=sections, engine="hand-made")


def sample_documents() -> tuple[Document, Document, list[Bead]]:
    return _document("Promenade", "fr", FRENCH), _document("Walk", "en", ENGLISH), BEADS


def _glosses_for(source: Document, target: Document) -> dict[str, list[dict]]:
    """Per French sentence key, glosses in the stored format (indices into the bead's English tokens)."""
    french = list(source.sentences())
    english = list(target.sentences())
    result = {}
    for bead in BEADS:
        target_tokens = [t for j in bead.target for t in english[j].tokens]
        for i in bead.source:
            sentence = french[i]
            glosses = []
            for index, token in enumerate(sentence.tokens):
                if token.text not in GLOSSES:
                    continue
                words, senses, rank = GLOSSES[token.text]
                rendering = [k for k, t in enumerate(target_tokens) if t.text in words]
                glosses.append(dict(token=index, lemma=token.lemma, pos=token.pos, senses=senses, rendering=rendering,
                                    rendering_text=" ".join(target_tokens[k].text for k in rendering),
                                    freq_rank=rank, band="rare" if rank > 5000 else "common",
                                    gloss_worthy=token.pos not in ("PROPN", "NUM")))
            result[sentence.id] = glosses
    return result


# English words, glossed toward French (as the glosser does for every sentence of the translation; the reader
# shows them for English-only sentences and beside the aligned French words): word -> (senses, frequency rank)
ENGLISH_GLOSSES = {"wind": (["vent"], 1500), "fields": (["champ"], 1800), "rose": (["se lever", "monter"], 7000),
                   "hedges": (["haie"], 9000)}  # (the importer glosses every English sentence; a paired one here)


def save_sample(sessions, slug: str = "promenade") -> str:
    """Save the sample text (with glosses written to its sentence rows) and return its slug."""
    from bireader.store.models import SentenceRow, Side, Text

    source, target, beads = sample_documents()
    glosses = _glosses_for(source, target)
    with transaction(sessions) as session:
        saved = save_text(session, source, target, beads, slug=slug, title="Promenade sous la pluie",
                          credits="Hand-made test text.")
        sides = {side.role: side for side in session.query(Side).join(Text).filter(Text.id == saved.id)}
        for row in session.query(SentenceRow).filter(SentenceRow.side_id == sides["source"].id):
            row.glosses = glosses.get(row.key, [])
        for row in session.query(SentenceRow).filter(SentenceRow.side_id == sides["target"].id):
            row.glosses = [dict(token=i, lemma=t[3], pos="NOUN" if t[0] != "rose" else "VERB",
                                senses=ENGLISH_GLOSSES[t[0]][0], rendering=[], rendering_text="",
                                freq_rank=ENGLISH_GLOSSES[t[0]][1], band="", gloss_worthy=True)
                           for i, t in enumerate(row.tokens) if t[0] in ENGLISH_GLOSSES]
    return slug


def save_monolingual(sessions, slug: str = "promenade-fr", pages: int = 1) -> str:
    """The French side alone, optionally repeated into several pages (sections), with the same glosses."""
    from bireader.store.models import SentenceRow, Side, Text

    source, target, _ = sample_documents()
    glosses = _glosses_for(source, target)
    spec = []
    for n in range(pages):
        heading, date, paragraphs = FRENCH[0]
        spec.append((f"{heading} {n + 1}", date, [list(p) for p in paragraphs] * 12))
    document = _document("Promenade", "fr", spec)
    by_text = {}
    for s in source.sentences():
        by_text[s.text] = glosses.get(s.id, [])
    with transaction(sessions) as session:
        saved = save_text(session, document, slug=slug, title="Promenade (français)")
        side = session.query(Side).join(Text).filter(Text.id == saved.id, Side.role == "source").one()
        for row in session.query(SentenceRow).filter(SentenceRow.side_id == side.id):
            row.glosses = [dict(g, rendering=[], rendering_text="") for g in by_text.get(row.text, [])]
    return slug
