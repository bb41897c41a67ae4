"""Anki packages (``.apkg``) of a vocabulary, written by genanki: notes Anki opens with a double-click.

Two note types of our own, with fixed ids (Anki recognises a note type it has seen by its id, so a second
import reuses it instead of adding "bireader word-1"):

- **bireader word**: fields Word, Lemma, Gloss, Sentence FR (the word in bold), Sentence EN (this translation's
  rendering in bold), Source. One card: the sentence with the word in bold on the front, the English sentence
  behind Anki's ``hint`` button; the word, lemma, gloss and the marked translation on the back.
- **bireader cloze**: fields Text (the sentence with ``{{c1::word::gloss}}``), Word, Lemma, Gloss, Sentence EN,
  Source: Anki's own cloze card, the word blanked with its gloss as the hint.

Each note's *guid* is computed from the word and the text (``genanki.guid_for("bireader", kind, lang, lemma,
slug)``), and the deck id from the text, so exporting the same text again and importing it updates the notes
already in Anki instead of duplicating them. Tags are Anki's own tags on each note (``bireader``, the text's slug,
the part of speech): Anki keeps ``{{Tags}}`` for them in templates, so they are not a field.

genanki rather than our own SQLite writer: the collection schema of an ``.apkg`` is Anki's internal format, which
genanki tracks and which Anki's importer checks; we only decide the note types and fields.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
import tempfile
import time
import zipfile
from html import escape
from itertools import count
from pathlib import Path
from typing import Iterable

import genanki

from bireader.learner.vocabulary import VocabItem, html_text

KINDS = ("word", "cloze")
WORD_MODEL_ID = 1733046212  # chosen once, never to change: Anki matches note types by id
CLOZE_MODEL_ID = 1733046213

CSS = """.card { font-family: Georgia, serif; font-size: 22px; line-height: 1.45; text-align: left; color: #222;
  background: #fffdf8; max-width: 36em; margin: 0 auto; }
.fr b, .cloze { color: #8a3b12; }
.en { color: #444; font-size: 0.9em; }
.en b { background: #fde9a9; font-weight: normal; }
.en .hint b { background: none; }  /* the hint on the front must not point at the answer */
.word { font-size: 1.3em; margin-top: .6em; }
.lemma, .source { color: #777; font-size: 0.75em; }
.nightMode .card, .card.nightMode { color: #eee; background: #1d1d1d; }
.nightMode .en { color: #ccc; } .nightMode .en b { background: #5a4a12; }
"""

_BACK = """<div class="word">{{Word}} <span class="lemma">{{Lemma}}</span></div>
<div class="gloss">{{Gloss}}</div>
<p class="en">{{Sentence EN}}</p>
<div class="source">{{Source}}</div>"""

WORD_MODEL = genanki.Model(
    WORD_MODEL_ID, "bireader word",
    fields=[{"name": n} for n in ("Word", "Lemma", "Gloss", "Sentence FR", "Sentence EN", "Source")],
    templates=[{
        "name": "Recognition",
        "qfmt": '<p class="fr">{{Sentence FR}}</p>\n{{#Sentence EN}}<p class="en">{{hint:Sentence EN}}</p>{{/Sentence EN}}',
        "afmt": '<p class="fr">{{Sentence FR}}</p>\n<hr id="answer">\n' + _BACK,
    }],
    css=CSS,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID, "bireader cloze",
    fields=[{"name": n} for n in ("Text", "Word", "Lemma", "Gloss", "Sentence EN", "Source")],
    templates=[{
        "name": "Cloze",
        "qfmt": '<p class="fr">{{cloze:Text}}</p>\n{{#Sentence EN}}<p class="en">{{hint:Sentence EN}}</p>{{/Sentence EN}}',
        "afmt": '<p class="fr">{{cloze:Text}}</p>\n<hr id="answer">\n' + _BACK,
    }],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def deck_id(slug: str) -> int:
    """A deck id that depends on the text only (Anki wants a positive 64-bit integer; we stay in 31 bits)."""
    return (1 << 30) + int.from_bytes(hashlib.sha256(f"bireader deck {slug}".encode()).digest()[:4], "big") % (1 << 30)


def note_guid(kind: str, lang: str, lemma: str, slug: str) -> str:
    """The note's Anki guid: the same word of the same text always gets the same one."""
    return genanki.guid_for("bireader", kind, lang, lemma, slug)


def cloze_text(item: VocabItem, hint: str = "") -> str:
    """The item's sentence as HTML with the word as Anki's cloze deletion ``{{c1::word::hint}}``."""
    sentence, start, end = item.sentence, item.start, item.end
    word = html_text(sentence[start:end]).replace("}}", "} }").replace("::", ": :")
    hint = html_text(hint).replace("}}", "} }").replace("::", ": :")
    deletion = "{{c1::" + word + (f"::{hint}" if hint else "") + "}}"
    return html_text(sentence[:start]) + deletion + html_text(sentence[end:])


def _tag(value: str) -> str:
    return "".join(c if c.isalnum() or c in "-_:" else "_" for c in value) or "_"


def vocabulary_notes(items: Iterable[VocabItem], slug: str, source: str, lang: str = "fr",
                     kind: str = "word") -> list[genanki.Note]:
    """One note per item, of the ``kind`` note type ("word" or "cloze")."""
    if kind not in KINDS:
        raise ValueError(f"unknown note kind {kind!r}: use one of {', '.join(KINDS)}")
    notes = []
    for item in items:
        translation = item.translation_marked or html_text(item.translation)
        own, other = item.marked, translation
        french, english = (other, own) if lang == "en" else (own, other)
        word, lemma, gloss = html_text(item.word), html_text(item.lemma), html_text(item.gloss_text)
        tags = ["bireader", _tag(slug)] + ([_tag(item.pos.lower())] if item.pos else [])
        guid = note_guid(kind, lang, item.lemma, slug)
        if kind == "cloze":
            hint = (item.gloss or {}).get("rendering_text") or item.gloss_text.split(";")[0]
            fields = [cloze_text(item, hint), word, lemma, gloss, other, escape(source)]  # the translation
            notes.append(genanki.Note(CLOZE_MODEL, fields, tags=tags, guid=guid))
        else:
            fields = [word, lemma, gloss, french, english, escape(source)]
            notes.append(genanki.Note(WORD_MODEL, fields, tags=tags, guid=guid))
    return notes


def anki_package(items: Iterable[VocabItem], slug: str, title: str, source: str = "", lang: str = "fr",
                 kind: str = "word", timestamp: float | None = None) -> bytes:
    """The ``.apkg`` file (a zip holding ``collection.anki2``) with one deck, "bireader::<title>", of the notes."""
    deck = genanki.Deck(deck_id(slug), f"bireader::{title}")
    deck.add_model(CLOZE_MODEL if kind == "cloze" else WORD_MODEL)  # the note type, even in an empty deck
    for note in vocabulary_notes(items, slug, source or title, lang, kind):
        deck.add_note(note)
    package = genanki.Package(deck)
    stamp = time.time() if timestamp is None else timestamp
    # genanki's write_to_file leaves its temporary database behind in /tmp; we drive the same steps in our own
    # temporary folder and zip the result in memory.
    with tempfile.TemporaryDirectory(prefix="bireader-apkg-") as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            package.write_to_db(connection.cursor(), stamp, count(int(stamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "collection.anki2")
            archive.writestr("media", "{}")
    return out.getvalue()
