"""Plain text to a :class:`~bireader.document.Document`: title, metadata, sections, dated entries, paragraphs.

The input is what teachers and Project Gutenberg give us: blank lines between paragraphs, lines often
hard-wrapped, CRLF or LF. Reading the seed's head::

    Victor Serge 1938-44                     -> title
    Excerpts from the “Notebooks”            -> metadata "Subtitle"
    Source: Victor Serge, Carnets. ...       -> metadata "Source" (lines of "Key: value")
    Brandler (Dzerzhinsky, Stalin, Semionov) -> section heading
    December 1938 – We meet in the cafes ... -> entry dated "December 1938", paragraph "We meet in the cafes ..."

Headings are short blocks that do not read as prose (no closing sentence punctuation, or all capitals, or a
chapter marker such as "CHAPITRE I." with the title block that follows it). Dates are recognised only at the
start of a paragraph, in English ("January 23, 1944 –", "Late July 1936 –", "(Added) Thursday February 3")
and French ("Décembre 38. —", "25 avril 44. —") notebook style.

This module only finds the structure; sentences are filled in by :mod:`bireader.ingest.pipeline` with an NLP engine.
"""

from __future__ import annotations

import re
import unicodedata

from bireader.document import Document, Entry, Paragraph, Section, content_id

_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_FR = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_DAYS_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAYS_FR = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_DASH = r"\s*[–—-]{1,2}\s+"

# "January 23, 1944 – ", "Late July 1936 – ", "December 1938 – ", "In January ’37" is prose (no dash).
_DATE_EN = re.compile(
    rf"^(?P<date>(?:\(Added\)\s+)?(?:(?:Early|Late|Mid|Mid-)\s*)?(?:(?:{_DAYS_EN}),?\s+)?(?:{_MONTHS_EN})"
    rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:\d{{4}}|[’']\d{{2}}))?){_DASH}"
)
# "(Added) Thursday February 3 the TASS Agency ..." : an added entry whose date runs into the sentence.
_DATE_EN_ADDED = re.compile(
    rf"^(?P<date>\(Added\)\s+(?:(?:{_DAYS_EN}),?\s+)?(?:{_MONTHS_EN})\s+\d{{1,2}}(?:,?\s+\d{{4}})?)\s+(?=\S)"
)
# "Décembre 38. — ", "25 avril 44. — ", "Samedi 3 juin 1944 — "
_DATE_FR = re.compile(
    rf"^(?P<date>(?:\(Ajouté\)\s+)?(?:(?:{_DAYS_FR})\s+)?(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS_FR})\s+(?:\d{{4}}|\d{{2}}))\.?{_DASH}",
    re.IGNORECASE,
)
_CHAPTER = re.compile(r"^(?:(?:CHAPITRE|CHAPTER|Chapitre|Chapter|LIVRE|BOOK|PARTIE|PART)\s+\S+|[IVXLC]+)\.?$")
_METADATA_LINE = re.compile(r"^(?P<key>[A-Z][A-Za-z-]{1,20}(?: [A-Za-z-]{1,12})?):\s+(?P<value>\S.*)$")
# Project Gutenberg marks italics with underscores: "_sufficient reason_", "_Te Deum_". The reader shows the words.
_GUTENBERG_ITALICS = re.compile(r"(?<![\w_])_([^_\s](?:[^_]*[^_\s])?)_(?![\w_])")
_PROSE_END = re.compile(r"[.!?…:;,»”\"')\]]$")


def normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


# Hard-wrapped text (Project Gutenberg, e-mail) wraps near 70 characters; lines that are mostly longer than this
# are whole paragraphs, one a line (a file exported from a word processor, a corpus's "one paragraph per line").
UNWRAPPED_LINE = 100


def blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of its stripped, non-empty lines. A block whose lines are mostly
    long is a run of one-line paragraphs, and becomes one block a line."""
    result: list[list[str]] = []
    current: list[str] = []
    for line in normalise_newlines(text).split("\n") + [""]:
        stripped = line.strip()
        if stripped:
            current.append(stripped)
        elif current:
            lengths = sorted(len(line) for line in current)
            if len(current) > 1 and lengths[len(lengths) // 2] > UNWRAPPED_LINE:
                result.extend([line] for line in current)
            else:
                result.append(current)
            current = []
    return result


def join_lines(lines: list[str]) -> str:
    """One paragraph from hard-wrapped lines. A line that ends inside a hyphenated word or a dash
    (``Thunder-ten-`` / ``tronckh``, ``Gardens--`` / ``maison``) joins the next without a space: Project Gutenberg
    wraps at spaces, so a hyphen at the end of a line belongs to the text."""
    joined = ""
    for line in lines:
        if joined and not (joined.endswith("-") and len(joined) > 1 and not joined[-2].isspace()):
            joined += " "
        joined += line
    return _GUTENBERG_ITALICS.sub(r"\1", re.sub(r"\s+", " ", joined).strip())


def split_date(paragraph: str, lang: str) -> tuple[str | None, str]:
    """``("December 1938", "We meet ...")`` when the paragraph opens a dated entry, else ``(None, paragraph)``."""
    patterns = (_DATE_FR,) if lang == "fr" else (_DATE_EN, _DATE_EN_ADDED)
    for pattern in patterns:
        match = pattern.match(paragraph)
        if match and match.end() < len(paragraph):
            date = match.group("date").strip()
            # "May – " alone is too weak to be a date: ask for a day, a year or a weekday.
            if re.search(r"\d", date):
                return date, paragraph[match.end():].strip()
    return None, paragraph


def is_chapter_marker(text: str) -> bool:
    """"CHAPITRE I.", "Chapter 3", "XII.": a heading whose title, if any, stands in the block below it."""
    return bool(_CHAPTER.match(text))


def is_heading(lines: list[str]) -> bool:
    text = join_lines(lines)
    if _CHAPTER.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    if letters and len(text) <= 200 and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 1:
        return True
    if len(lines) > 1 or len(text) > 80 or len(text.split()) > 12:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "«“\"'("):
        return False
    if text.endswith("etc.") or not _PROSE_END.search(text):
        return True
    # "Brandler (Dzerzhinsky, Stalin, Semionov)" ends with ")" but reads as a heading: no verb-like prose inside.
    return text.endswith(")") and "(" in text and not re.search(r"[.!?]\s", text)


def _is_metadata(lines: list[str]) -> bool:
    return all(_METADATA_LINE.match(line) for line in lines)


def parse_plaintext(text: str, lang: str, title: str | None = None) -> Document:
    """The structure of ``text``; paragraphs carry their text, sentences are left empty."""
    document = Document(title=title or "", lang=lang)
    all_blocks = blocks(text)
    index = 0
    # The head: a title line, then subtitle lines and "Key: value" metadata. Without metadata near the top, the
    # first short block is a heading (a story's or chapter's), not the title: the title comes from the caller.
    has_head = any(_is_metadata(b) for b in all_blocks[1:3])
    if not title and has_head and len(all_blocks[0]) <= 2 and len(join_lines(all_blocks[0])) <= 100:
        document.title = join_lines(all_blocks[0])
        index = 1
    while index < len(all_blocks):
        block = all_blocks[index]
        if _is_metadata(block):
            for line in block:
                match = _METADATA_LINE.match(line)
                document.metadata[match.group("key")] = match.group("value").rstrip(";").strip()
            index += 1
            continue
        # A subtitle directly under the title, followed by metadata: "Excerpts from the “Notebooks”".
        if document.title and index + 1 < len(all_blocks) and _is_metadata(all_blocks[index + 1]) \
                and len(block) == 1 and len(block[0]) <= 100:
            document.metadata["Subtitle"] = block[0]
            index += 1
            continue
        break
    if "Author" in document.metadata:
        document.author = document.metadata["Author"]

    section_ids: dict[str, int] = {}
    entry_ids: dict[str, int] = {}
    paragraph_ids: dict[str, int] = {}
    section: Section | None = None
    entry: Entry | None = None

    def open_section(heading: str | None) -> Section:
        new = Section(id=content_id("s", heading or "", section_ids), heading=heading)
        document.sections.append(new)
        return new

    while index < len(all_blocks):
        block = all_blocks[index]
        index += 1
        if is_heading(block):
            heading = join_lines(block) if not _CHAPTER.match(join_lines(block)) else "\n".join(block)
            # A chapter marker takes the short title block under it ("CHAPITRE I." + "Comment Candide ...").
            if _CHAPTER.match(join_lines(block)) and index < len(all_blocks):
                following = join_lines(all_blocks[index])
                if len(following) <= 200 and split_date(following, lang)[0] is None and (
                    is_heading(all_blocks[index]) or len(all_blocks[index]) <= 3 and len(following) <= 160
                ):
                    heading = f"{join_lines(block)}\n{following}"
                    index += 1
            section = open_section(heading)
            entry = None
            continue
        date, body = split_date(join_lines(block), lang)
        if section is None:
            section = open_section(None)
        if entry is None or date is not None:
            entry = Entry(id=content_id("e", f"{section.id} {date or ''}", entry_ids), date=date)
            section.entries.append(entry)
        entry.paragraphs.append(Paragraph(id=content_id("p", body, paragraph_ids), text=body))
    return document
