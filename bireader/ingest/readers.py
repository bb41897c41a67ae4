"""One entry point for every format a text can come in: find the format from the bytes, run its reader.

    >>> fmt, extracted = extract(Path("candide.epub").read_bytes(), "candide.epub")   # doctest: +SKIP
    >>> fmt, extracted.title, extracted.blocks[0]
    ('epub', 'Candide', Block(kind='heading', text='CHAPITRE I.\\nComment Candide ...'))

Binary formats (EPUB, DOCX, PDF) are recognised before any decoding; everything else is decoded by
bireader.ingest.decode (the plain-text policy) and then told apart by its content (bireader.ingest.formats).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bireader.ingest.decode import DEFAULT_MAX_BYTES, IngestError, decode_bytes
from bireader.ingest.formats import format_name, sniff_binary, sniff_text
from bireader.ingest.structure import Extracted


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes (``-`` is standard input), refused past ``max_bytes``."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise IngestError("-", f"input is over the limit of {max_bytes:,} bytes")
        return data
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        return path.read_bytes()
    except OSError as error:
        raise IngestError(str(path), error.strerror or str(error)) from None


def detect(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str | None]:
    """(format, decoded text or None for binary formats)."""
    fmt = sniff_binary(data, name)
    if fmt is not None:
        return fmt, None
    text = decode_bytes(data, name, max_bytes)
    return sniff_text(text, name), text


def extract(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, Extracted]:
    """The format of ``data`` and what its reader found; :class:`IngestError` for aligned files (TSV, TMX: they
    are imported with ``bireader import-aligned``), unsupported formats and hostile files."""
    if len(data) > max_bytes:
        raise IngestError(name, f"file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
    fmt, text = detect(data, name, max_bytes)
    try:
        return fmt, _read(fmt, data, text, name, max_bytes)
    except RecursionError:
        raise IngestError(name, f"the {format_name(fmt)} file is nested too deeply to read") from None


def _read(fmt: str, data: bytes, text: str | None, name: str, max_bytes: int) -> Extracted:
    if fmt == "epub":
        from bireader.ingest.epub import read_epub

        return read_epub(data, name, max_bytes)
    if fmt == "docx":
        from bireader.ingest.docx import read_docx

        return read_docx(data, name, max_bytes)
    if fmt == "pdf":
        from bireader.ingest.pdf import read_pdf

        return read_pdf(data, name, max_bytes)
    if fmt == "html":
        from bireader.ingest.html import read_html

        return read_html(data, name, max_bytes)
    if fmt in ("srt", "vtt"):
        from bireader.ingest.subtitles import read_subtitles

        return read_subtitles(text)
    if fmt in ("tsv", "tmx"):
        raise IngestError(name, f"an {format_name(fmt)} file, both languages already paired: import it alone, with "
                                "`bireader import-aligned` or as the only file of an import")
    return Extracted(plain_text=text)


def read_paragraphs(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The paragraphs of any supported file, headings included as paragraphs of their own (what the small tools
    ``segment`` and ``align`` read); a plain text is cut at blank lines with hard-wrapped lines joined."""
    from bireader.ingest.plaintext import blocks, join_lines

    _fmt, extracted = extract(read_bytes(path, max_bytes), str(path), max_bytes)
    if extracted.plain_text is not None:
        return [join_lines(block) for block in blocks(extracted.plain_text)]
    return [" ".join(b.text.split()) for b in extracted.blocks if b.kind in ("heading", "paragraph")]


def read_lines(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The lines of a text file decoded as import decodes it (for one-sentence-a-line input)."""
    data = read_bytes(path, max_bytes)
    fmt = sniff_binary(data, str(path))
    if fmt is not None:
        raise IngestError(str(path), f"a {format_name(fmt)} file, where one sentence a line of plain text is expected")
    text = decode_bytes(data, str(path), max_bytes).lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
