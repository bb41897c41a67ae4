"""Anki cards from a learner's vocabulary: a tab-separated file Anki imports as notes (the ``.apkg`` package is
:mod:`bireader.export.apkg`).

One row per word, after header lines that tell Anki how to read the file (``#separator``, ``#html``,
``#columns``)::

    #separator:tab
    #html:true
    #columns:word	lemma	gloss	french	english
    haies	haie	hedge	Il pleuvait sur les <b>haies</b>.	It was raining on the <b>hedges</b>.

Every field is HTML escaped the same way (``&``, ``<``, ``>``; quotes and apostrophes kept), the word bold in its
sentence and its rendering bold in the translation. Tabs and newlines inside a field become spaces. Rows are
written by :mod:`csv` with Anki's reading rules (tab-separated, ``"`` quotes a field, a doubled ``""`` inside
it), so a sentence that opens with a quotation mark keeps it:
``csv.reader(lines, delimiter="\\t")`` gives the fields back exactly.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable

from bireader.learner.vocabulary import VocabItem, html_text

COLUMNS = ("word", "lemma", "gloss", "french", "english")


def _field(value: str) -> str:
    return " ".join(str(value or "").replace("\t", " ").split())


def _translation(item: VocabItem) -> str:
    return item.translation_marked or html_text(item.translation)


def anki_rows(items: Iterable[VocabItem], source_lang: str = "fr") -> list[tuple[str, str, str, str, str]]:
    """(word, lemma, gloss, French sentence, English sentence) per item, as HTML; the word is marked in its own
    language's sentence (the English one when the text's words are English, as in an English text glossed toward
    French), the rendering in the other."""
    rows = []
    for i in items:
        own, other = i.marked, _translation(i)
        french, english = (other, own) if source_lang == "en" else (own, other)
        rows.append((html_text(i.word), html_text(i.lemma), html_text(i.gloss_text), french, english))
    return rows


def anki_tsv(items: Iterable[VocabItem], source_lang: str = "fr") -> str:
    """The whole file: Anki's header lines, then one line per item."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#columns:" + "\t".join(COLUMNS) + "\n")
    writer = csv.writer(out, delimiter="\t", quotechar='"', doublequote=True, quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\n")
    writer.writerows([_field(v) for v in row] for row in anki_rows(items, source_lang))
    return out.getvalue()
