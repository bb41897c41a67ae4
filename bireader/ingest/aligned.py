"""Texts someone has aligned already: a two-column TSV or a TMX 1.4 file, read into pairs of segments.

    bead	confidence	fr	en                      <- ``bireader export`` (the header and the first two
    0	0.950	Il pleuvait.	It was raining.         columns are optional)
    Il pleuvait.	It was raining.	candide.txt     <- LF Aligner: the third column names the file
    <tu><tuv xml:lang="fr-FR"><seg>Il pleuvait.</seg></tuv><tuv xml:lang="en"><seg>…</seg></tuv></tu>   <- TMX

Each row (or translation unit) is one bead, kept as it is: each non-empty cell becomes one sentence of its side,
never split again, and a bead with an empty cell is a one-sided bead. Confidence is the file's (the export's
column, a TMX ``x-confidence`` property, a third column of numbers in [0, 1]) or 1.0. The French side becomes the
source, whichever column it is in; languages come from the header (``fr``/``en`` column names, TMX ``xml:lang``)
or, when there is none, from the text of each column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bireader.ingest.decode import IngestError

_LANG = re.compile(r"^(fr|en)(?:[-_][A-Za-z0-9]+)*$", re.I)
_NUMBER = re.compile(r"^\d+$")
_CONFIDENCE = re.compile(r"^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$")


@dataclass
class AlignedPairs:
    """Segments of the two languages, one pair a bead: ``pairs[k] = (French or "", English or "", confidence)``."""

    source_lang: str
    target_lang: str
    pairs: list[tuple[str, str, float]] = field(default_factory=list)
    title: str = ""


def _clean(cell: str) -> str:
    return " ".join(cell.split())


def _orient(pairs: list[tuple[str, str, float]], langs: tuple[str | None, str | None], name: str,
            title: str = "") -> AlignedPairs:
    """French first: swap the columns when the first is English; guess unknown languages from the text."""
    from bireader.ingest.pipeline import guess_language

    pairs = [(a, b, c) for a, b, c in pairs if a or b]
    if not pairs:
        raise IngestError(name, "no aligned segments found")
    if not any(b for _, b, _ in pairs) or not any(a for a, _, _ in pairs):
        raise IngestError(name, "one of the two columns is empty; an aligned file needs both languages")
    first, second = langs
    first = first or guess_language(" ".join(a for a, _, _ in pairs))
    second = second or guess_language(" ".join(b for _, b, _ in pairs))
    other = {"fr": "en", "en": "fr"}
    if first is None and second is not None:
        first = other[second]
    elif second is None and first is not None:
        second = other[first]
    if first is None or second is None:
        raise IngestError(name, "cannot tell the languages of the two columns; name them in a header line "
                                "(bead, confidence, fr, en)")
    if first == second:
        raise IngestError(name, f"both columns read as {first}; an aligned file needs one French and one English column")
    if first == "en":
        pairs = [(b, a, c) for a, b, c in pairs]
        first, second = second, first
    return AlignedPairs(first, second, pairs, title)


def _language_of(header: str) -> str | None:
    match = _LANG.match(header.strip())
    return match.group(1).lower() if match else None


def parse_tsv(text: str, name: str = "input") -> AlignedPairs:
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n") if line.strip()]
    if not lines:
        raise IngestError(name, "file is empty")
    rows = [line.split("\t") for line in lines]
    langs: tuple[str | None, str | None] = (None, None)
    header = [cell.strip().lower() for cell in rows[0]]
    if header[:2] == ["bead", "confidence"] and len(header) >= 4:
        langs = (_language_of(header[2]), _language_of(header[3]))
        rows = rows[1:]
        exported = True
    else:
        if len(header) >= 2 and _language_of(header[0]) and _language_of(header[1]):
            langs = (_language_of(header[0]), _language_of(header[1]))
            rows = rows[1:]
        # bireader's export without its header: a bead number and a confidence before the two texts
        exported = bool(rows) and all(len(r) >= 4 and _NUMBER.match(r[0].strip()) and _CONFIDENCE.match(r[1].strip())
                                      for r in rows)
    pairs = []
    if exported:
        for number, row in enumerate(rows, 1):
            if len(row) < 4:
                raise IngestError(name, f"line {number}: expected 4 tab-separated columns (bead, confidence, and the "
                                        f"two texts), found {len(row)}")
            try:
                confidence = float(row[1])
            except ValueError:
                raise IngestError(name, f"line {number}: the confidence {row[1]!r} is not a number") from None
            pairs.append((_clean(row[2]), _clean(row[3]), min(max(confidence, 0.0), 1.0)))
        return _orient(pairs, langs, name)
    widths = {len(row) for row in rows}
    if min(widths) < 2:
        short = next(n for n, row in enumerate(rows, 1) if len(row) < 2)
        raise IngestError(name, f"line {short}: one column only; an aligned TSV has the two languages side by side, "
                                "separated by a tab")
    third_is_confidence = all(len(r) >= 3 and _CONFIDENCE.match(r[2].strip()) for r in rows)
    for row in rows:
        confidence = float(row[2]) if third_is_confidence else 1.0
        pairs.append((_clean(row[0]), _clean(row[1]), confidence))
    return _orient(pairs, langs, name)


_INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}  # TMX native codes: formatting of the tool, not text


def _segment_text(seg) -> str:
    out = [seg.text or ""]
    for child in seg:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag not in _INLINE_CODES:
            out.append(_segment_text(child))
        out.append(child.tail or "")
    return "".join(out)


def parse_tmx(data: bytes, name: str = "input") -> AlignedPairs:
    from bireader.ingest.safety import parse_xml

    root = parse_xml(data.lstrip(b"\xef\xbb\xbf") if data.startswith(b"\xef\xbb\xbf<") else data, name)
    if root.tag != "tmx":
        raise IngestError(name, f"not a TMX file (its root element is <{root.tag}>)")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    header = root.find("header")
    title = ""
    if header is not None:
        prop = header.find("prop[@type='x-title']")
        title = _clean(prop.text or "") if prop is not None else ""
    pairs = []
    for tu in root.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = _language_of(tuv.get(xml_lang) or tuv.get("lang") or "")
            seg = tuv.find("seg")
            if lang and seg is not None and lang not in texts:
                texts[lang] = _clean(_segment_text(seg))
        confidence = 1.0
        prop = tu.find("prop[@type='x-confidence']")
        if prop is not None:
            try:
                confidence = min(max(float(prop.text or ""), 0.0), 1.0)
            except ValueError:
                pass
        if texts:
            pairs.append((texts.get("fr", ""), texts.get("en", ""), confidence))
    if pairs and not any(a for a, _, _ in pairs) or not any(b for _, b, _ in pairs):
        raise IngestError(name, "the TMX file has no French–English translation units (bireader reads fr and en)")
    return _orient(pairs, ("fr", "en"), name, title)
