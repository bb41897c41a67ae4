"""Anki cards from a learner's vocabulary: a tab-separated file Anki imports as notes.

One row per word, with a header row naming the fields (Anki's importer maps columns to note fields, and the
``#separator``/``#html``/``#columns`` lines tell it how to read the file)::

    #separator:tab
    #html:true
    #columns:word	lemma	gloss	french	english
    haies	haie	hedge	Il pleuvait sur les <b>haies</b>.	It was raining on the hedges.

Fields are HTML (the word is marked with ``<b>``); tabs and newlines inside a field become spaces.
"""

from __future__ import annotations

from typing import Iterable

from bireader.learner.vocabulary import VocabItem

COLUMNS = ("word", "lemma", "gloss", "french", "english")


def _field(value: str) -> str:
    return " ".join(str(value or "").replace("\t", " ").split())


def anki_rows(items: Iterable[VocabItem], source_lang: str = "fr") -> list[tuple[str, str, str, str, str]]:
    """(word, lemma, gloss, French sentence, English sentence) per item; the word is marked in its own language's
    sentence (the English one when the text's words are English, as in an English text glossed toward French)."""
    if source_lang == "en":
        return [(i.word, i.lemma, i.gloss_text, i.translation, i.marked) for i in items]
    return [(i.word, i.lemma, i.gloss_text, i.marked, i.translation) for i in items]


def anki_tsv(items: Iterable[VocabItem], source_lang: str = "fr") -> str:
    """The whole file: Anki's header lines, the column names, then one line per item."""
    lines = ["#separator:tab", "#html:true", "#columns:" + "\t".join(COLUMNS)]
    lines += ["\t".join(_field(v) for v in row) for row in anki_rows(items, source_lang)]
    return "\n".join(lines) + "\n"
