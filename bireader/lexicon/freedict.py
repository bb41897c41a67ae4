"""Read a FreeDict dictionary in dictd format (``.index`` + ``.dict.dz``) into plain entries.

Used only by the builder (``python -m bireader.lexicon.build``); the runtime reads the compiled package data.

A dictd entry of the Debian FreeDict packages is plain text, headword line first, numbered senses after::

    abaisser /abɛse/ <v>
    1. cry down, cut up, demolish, pull to pieces
    2. abase

The ``.index`` file gives, per headword, the byte offset and length of its entry in the uncompressed ``.dict``
(numbers in dictd's base64). ``.dict.dz`` is gzip-compatible (dictzip), so ``gzip`` reads it whole.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# FreeDict's grammatical labels -> universal POS
FREEDICT_POS = {
    "n": "NOUN", "v": "VERB", "vt": "VERB", "vi": "VERB", "adj": "ADJ", "adv": "ADV", "prep": "ADP",
    "num": "NUM", "pron": "PRON", "int": "INTJ", "conj": "CCONJ", "art": "DET",
}

_HEAD = re.compile(r"^(?P<word>.*?)(?:\s+/[^/]*/)?(?:\s+<(?P<pos>[^>]*)>)?\s*$")
_NUMBERED = re.compile(r"^\s*\d+\.\s*")
_DOMAIN = re.compile(r"^\s*\[[^\]]*\]\s*")


@dataclass
class DictEntry:
    headword: str
    pos: str | None  # universal POS, None when the dictionary gives none
    senses: list[str]  # in the dictionary's order; each sense is a comma-separated group of synonyms


def decode_b64(text: str) -> int:
    """A dictd index number: big-endian base64 digits."""
    value = 0
    for ch in text:
        value = value * 64 + _B64.index(ch)
    return value


def parse_entry(text: str) -> DictEntry | None:
    """One entry's text -> DictEntry (None for the ``00database...`` header entries)."""
    lines = [line for line in text.replace("\u2010", "-").splitlines() if line.strip()]
    if not lines:
        return None
    match = _HEAD.match(lines[0])
    word = (match.group("word") if match else lines[0]).strip()
    label = (match.group("pos") or "") if match else ""
    pos = FREEDICT_POS.get(label.split(",")[0].strip()) if label else None
    senses = []
    for line in lines[1:]:
        sense = _DOMAIN.sub("", _NUMBERED.sub("", line)).strip()
        sense = " ".join(sense.split())
        if sense and sense not in senses:
            senses.append(sense)
    if not word or not senses:
        return None
    return DictEntry(word.replace("’", "'"), pos, [s.replace("’", "'") for s in senses])


def read_dictd(index_path: Path, dict_path: Path) -> list[DictEntry]:
    """All entries of a dictd dictionary, in the index's order, each entry once."""
    data = gzip.open(dict_path, "rb").read()
    seen: set[tuple[int, int]] = set()
    entries = []
    for line in index_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database"):
            continue
        span = (decode_b64(parts[1]), decode_b64(parts[2]))
        if span in seen:
            continue
        seen.add(span)
        entry = parse_entry(data[span[0] : span[0] + span[1]].decode("utf-8"))
        if entry is not None:
            entries.append(entry)
    return entries


def split_alternatives(sense: str) -> list[str]:
    """``"s'élancer, se précipiter"`` -> ``["s'élancer", "se précipiter"]`` (commas inside brackets kept)."""
    out, depth, current = [], 0, []
    for ch in sense:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            out.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    out.append("".join(current).strip())
    return [a for a in out if a]
