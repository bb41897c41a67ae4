"""The structure that every reader of a marked-up format hands over, and the one rule that turns it into a Document.

HTML, EPUB, DOCX and subtitles know their headings and paragraphs from their markup; they list them as blocks::

    Block("section", "Chapitre premier")   a table-of-contents entry starts a section here (EPUB)
    Block("heading", "CHAPITRE I.\\nComment Candide ...")
    Block("paragraph", "Il y avait en Vestphalie ...")
    Block("paragraph", "Bonjour.", timing=(1.0, 2.5))   a subtitle cue

and :func:`build_document` applies the plain-text reader's rules to them (bireader.ingest.plaintext): a heading
opens a section, dated notebook entries are found at the start of paragraphs, ids come from the content. A heading
right after a table-of-contents entry names that section (the markup's words beat the TOC label); headings that
follow each other with no paragraph between them make one heading of several lines, and so does a chapter marker
(``CHAPITRE I.``) with the short title paragraph under it, as in plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bireader.document import Document, Entry, Paragraph, Section, content_id
from bireader.ingest.plaintext import is_chapter_marker, is_heading, split_date


@dataclass
class Block:
    kind: str  # "section" (a TOC entry), "heading" or "paragraph"
    text: str
    timing: tuple[float, float] | None = None


@dataclass
class Extracted:
    """What a reader found in a file, before the language is known: blocks (or plain text for the plain-text
    reader, whose own rules find the structure), and the file's metadata and notes."""

    blocks: list[Block] = field(default_factory=list)
    plain_text: str | None = None
    title: str = ""
    author: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def sample(self, limit: int = 200_000) -> str:
        """Running text for guessing the language."""
        if self.plain_text is not None:
            return self.plain_text[:limit]
        out, size = [], 0
        for block in self.blocks:
            if block.kind == "paragraph":
                out.append(block.text)
                size += len(block.text)
                if size > limit:
                    break
        return "\n".join(out)


def build_document(extracted: Extracted, lang: str, title: str | None = None) -> Document:
    """A Document (sentences left empty) from the reader's blocks, under the plain-text reader's rules."""
    document = Document(title=title or extracted.title, lang=lang, metadata=dict(extracted.metadata),
                        author=extracted.author, notes=list(extracted.notes))
    if extracted.author and "Author" not in document.metadata:
        document.metadata["Author"] = extracted.author
    section_ids: dict[str, int] = {}
    entry_ids: dict[str, int] = {}
    paragraph_ids: dict[str, int] = {}
    section: Section | None = None
    entry: Entry | None = None
    # A section that has no paragraph yet takes the following headings; ``toc_label`` marks a label from the TOC
    # that the markup's own heading replaces.
    pending: list[str] = []
    toc_label = False

    def open_pending() -> Section:
        heading = "\n".join(pending) if pending else None
        new = Section(id=content_id("s", heading or "", section_ids), heading=heading)
        document.sections.append(new)
        return new

    for block in extracted.blocks:
        text = block.text.strip()
        if not text:
            continue
        if block.kind == "section":
            pending, toc_label = [text], True
            section = None
            continue
        if block.kind == "heading":
            if toc_label:
                pending, toc_label = [text], False
            elif section is None and pending:
                pending.append(text)
            else:
                pending = [text]
            section = None
            continue
        # "CHAPITRE I." with its title in the paragraph below (<h2>CHAPITRE I.</h2><p>Comment Candide …</p>): the
        # plain-text reader's rule makes them one heading.
        if section is None and pending and is_chapter_marker(pending[-1].split("\n")[-1]) \
                and split_date(text, lang)[0] is None and (is_heading([text]) or len(text) <= 160):
            pending.append(text)
            toc_label = False
            continue
        if section is None:
            section = open_pending()
            pending, toc_label, entry = [], False, None
        date, body = split_date(text, lang)
        if entry is None or date is not None:
            entry = Entry(id=content_id("e", f"{section.id} {date or ''}", entry_ids), date=date)
            section.entries.append(entry)
        entry.paragraphs.append(Paragraph(id=content_id("p", body, paragraph_ids), text=body, timing=block.timing))
    return document
