"""A stored alignment as files other tools read: tab-separated bead pairs, and TMX 1.4 translation memory.

    alignment_tsv(beads)  ->  "bead\tconfidence\tfr\ten\n0\t0.95\tIl pleuvait.\tIt was raining.\n..."
    alignment_tmx(beads, "fr", "en", title="Candide")  ->  <tmx version="1.4"> ... <tu><tuv xml:lang="fr">...

Beads are what the store reads back (``source`` and ``target`` lists of sentences with ``text``). In the TSV every
bead is a row (an empty cell where one side has no sentence); TMX holds translation units, so beads with an empty
side are left out of it.
"""

from __future__ import annotations

from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from bireader import __version__


def _joined(sentences) -> str:
    return " ".join(" ".join(s.text.split()) for s in sentences)


def alignment_tsv(beads: Iterable, source_lang: str = "fr", target_lang: str = "en") -> str:
    lines = [f"bead\tconfidence\t{source_lang}\t{target_lang}"]
    for bead in beads:
        lines.append(f"{bead.position}\t{bead.confidence:.3f}\t{_joined(bead.source)}\t{_joined(bead.target)}")
    return "\n".join(lines) + "\n"


def alignment_tmx(beads: Iterable, source_lang: str, target_lang: str, title: str = "") -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="bireader" creationtoolversion={quoteattr(__version__)} datatype="plaintext" '
        f'segtype="sentence" adminlang="en" srclang={quoteattr(source_lang)} o-tmf="bireader">',
        f'    <prop type="x-title">{escape(title)}</prop>' if title else "",
        "  </header>",
        "  <body>",
    ]
    for bead in beads:
        if not bead.source or not bead.target:
            continue
        out.append(f'    <tu tuid="{bead.position}"><prop type="x-confidence">{bead.confidence:.3f}</prop>')
        out.append(f'      <tuv xml:lang={quoteattr(source_lang)}><seg>{escape(_joined(bead.source))}</seg></tuv>')
        out.append(f'      <tuv xml:lang={quoteattr(target_lang)}><seg>{escape(_joined(bead.target))}</seg></tuv>')
        out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(line for line in out if line) + "\n"
