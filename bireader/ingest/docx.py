"""Word documents (.docx) to blocks: headings by their style, paragraphs, footnotes and endnotes apart.

Read with python-docx. A paragraph whose style is a heading (``Heading 1``…``Heading 9``, ``Title``, or a style
based on one, whatever language Word showed its name in: the style's built-in name is English) or that carries an
outline level is a heading; the ``Title`` paragraph also gives the document's title when the core properties have
none. Footnote and endnote reference marks have no text in ``w:t`` runs, so they leave the running text by
themselves; the notes' own text is read from ``word/footnotes.xml`` and ``word/endnotes.xml``. Empty paragraphs
are skipped (Word users make space with them); paragraphs in tables are read cell by cell. The archive has been
checked by bireader.ingest.safety first.
"""

from __future__ import annotations

import io
import re

from bireader.ingest.decode import IngestError
from bireader.ingest.safety import SafeZip, parse_xml
from bireader.ingest.structure import Block, Extracted

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift|título|titolo|kop)\s*\d|^(?:title|titre)$", re.I)


def _style_kind(style) -> tuple[bool, bool]:
    """(is a heading style, is the title style), following ``based on`` links."""
    seen = 0
    while style is not None and seen < 10:
        style_name = (style.name or "").strip()
        if style_name.lower() == "title":
            return True, True
        if _HEADING_STYLE.match(style_name):
            return True, False
        style = style.base_style
        seen += 1
    return False, False


def _is_heading(paragraph, kinds: dict) -> tuple[bool, bool]:
    """(is a heading, is the document's title). ``kinds`` caches each style id's answer: python-docx looks a
    paragraph's style up among all styles every time, which costs a novel seconds."""
    style_id = paragraph._p.style
    if style_id not in kinds:
        kinds[style_id] = _style_kind(paragraph.style)
    if kinds[style_id][0]:
        return kinds[style_id]
    outline = paragraph._p.find(f"{{{_W}}}pPr/{{{_W}}}outlineLvl")
    if outline is not None and (outline.get(f"{{{_W}}}val") or "9") < "9":
        return True, False
    return False, False


def _notes(archive: SafeZip, member: str, name: str) -> list[str]:
    if not archive.has(member):
        return []
    root = parse_xml(archive.read_xml(member), f"{name}: {member}")
    notes = []
    for kind in ("footnote", "endnote"):
        for note in root.iter(f"{{{_W}}}{kind}"):
            if note.get(f"{{{_W}}}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join("".join(t.text or "" for t in note.iter(f"{{{_W}}}t")).split())
            if text:
                notes.append(text)
    return notes


def _body_paragraphs(document):
    """The body's paragraphs in reading order, those inside tables included (cell by cell, row by row)."""
    from docx.table import Table

    def of(container):
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                            continue
                        seen.add(id(cell._tc))
                        yield from of(cell)
            else:
                yield item

    return of(document)


def read_docx(data: bytes, name: str, max_bytes: int) -> Extracted:
    archive = SafeZip(data, name)
    archive.check_all_xml()
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises KeyError, ValueError, lxml errors for broken files
        raise IngestError(name, f"not a readable DOCX ({type(error).__name__}: {error})") from None
    extracted = Extracted()
    core = document.core_properties
    extracted.title = " ".join((core.title or "").split())
    extracted.author = " ".join((core.author or "").split())
    kinds: dict = {}
    for paragraph in _body_paragraphs(document):
        lines = [" ".join(line.split()) for line in paragraph.text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            continue
        heading, is_title = _is_heading(paragraph, kinds)
        if is_title and not extracted.title:
            extracted.title = text.replace("\n", " ")
            continue
        if heading:
            extracted.blocks.append(Block("heading", text))
        else:
            extracted.blocks.append(Block("paragraph", text.replace("\n", " ")))
    extracted.notes = _notes(archive, "word/footnotes.xml", name) + _notes(archive, "word/endnotes.xml", name)
    return extracted
