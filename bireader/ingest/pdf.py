"""PDF to plain text: the text layer, without running headers, footers, page numbers or end-of-line hyphens.

Read with pypdf (pure Python, BSD). A PDF has lines, not paragraphs; this module rebuilds them and hands plain text
to the plain-text reader, so headings and paragraphs follow the same rules as a ``.txt``:

1. Lines that open or close most pages, compared with their digits blanked (``Candide — 12``, ``- 13 -``), are
   running headers and footers; a line that is only a page number goes too.
2. A word cut at a line end (``exem-`` / ``ple``) is joined when the next line goes on in lower case.
3. A gap between lines wider than the page's line spacing, or a first-line indent, starts a paragraph, and a line
   clearly shorter than the usual line ends its block (the last line of a paragraph, a heading); blocks are
   separated by a blank line in the text handed on.

A PDF without text (a scan) is refused with a message that says to run OCR first. Hostile PDFs: more than
:data:`MAX_PAGES` pages, or extraction past :data:`TIME_LIMIT` seconds, is refused; pypdf itself caps the size of
each decompressed stream; an encrypted PDF that does not open with an empty password is refused; any failure of
pypdf on a broken file (a loop in the page tree included) is one line saying the PDF is damaged.
"""

from __future__ import annotations

import io
import re
import statistics
import time
from collections import Counter

from bireader.ingest.decode import IngestError
from bireader.ingest.structure import Extracted

MAX_PAGES = 3000
TIME_LIMIT = 120.0  # seconds of text extraction; a 500-page novel takes well under a minute
# "12", "- 12 -", "Page 12", "p. xii", "12 / 300", "12 sur 300"; roman numbers in lower case only ("II" at the top of
# a page is a chapter heading)
_PAGE_NUMBER = re.compile(r"^[\s\-–—(\[]*(?:[Pp]age\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})"
                          r"(?:\s*(?:/|of|sur)\s*\d{1,4})?[\s\-–—)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…:»”\"')\]]$")


def _normalised(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Normalised lines that stand in the first or last two lines of at least half the pages (three or more)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_normalised(line) for line in lines[:2] + lines[-2:]}
        counts.update(edge)
    return {line for line, n in counts.items() if n >= max(3, len(pages) // 2) and line}


def _strip_page(lines: list[tuple[bool, str]], running: set[str]) -> list[tuple[bool, str]]:
    keep = list(lines)
    for edge in (slice(0, 2), slice(-2, None)):
        for line in keep[edge]:
            if _normalised(line[1]) in running or _PAGE_NUMBER.match(line[1]):
                keep.remove(line)
    return keep


def _page_lines(page) -> list[tuple[bool, str]]:
    """(starts a new block, text) for each line of the page. The positions pypdf reports for each piece of text
    tell the lines apart; a gap between lines clearly wider than the page's usual line spacing, or a first-line
    indent, starts a paragraph."""
    lines: list[list] = []  # [y, x, text]

    def visit(text, cm, tm, _font, _size):
        y = cm[5] + tm[5] * cm[3]
        x = cm[4] + tm[4] * cm[0]
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if not part.strip():
                continue
            if lines and n == 0 and (y == 0 or abs(lines[-1][0] - y) < 1.0):
                lines[-1][2] += part
            else:
                lines.append([y if n == 0 else None, x if n == 0 else None, part])

    text = page.extract_text(visitor_text=visit) or ""
    if not lines:
        return [(False, " ".join(line.split())) for line in text.split("\n") if line.strip()]
    gaps = [a[0] - b[0] for a, b in zip(lines, lines[1:]) if a[0] and b[0] and a[0] - b[0] > 0]
    usual_gap = statistics.median(gaps) if gaps else 0
    xs = [line[1] for line in lines if line[1] is not None]
    left = min(xs) if xs else 0
    result = []
    for n, (y, x, part) in enumerate(lines):
        starts = False
        if n and y and lines[n - 1][0] and usual_gap:
            gap = lines[n - 1][0] - y
            starts = gap > 1.3 * usual_gap or gap < 0
        if x is not None and x > left + 8 and (n == 0 or (lines[n - 1][1] or left) <= left + 1):
            starts = True
        result.append((starts, " ".join(part.split())))
    return result


def _blocks(lines: list[tuple[bool, str]]) -> list[str]:
    """Paragraph and heading blocks from the lines (a line marked as a start, or after a short line, opens one)."""
    lengths = [len(line) for _, line in lines if len(line) > 20]
    usual = statistics.quantiles(lengths, n=10)[7] if len(lengths) >= 4 else max(lengths, default=60)
    blocks, current = [], ""
    for starts, line in lines:
        if starts and current:
            blocks.append(current)
            current = ""
        if current.endswith("-") and len(current) > 1 and current[-2].isalpha() and line[:1].islower():
            current = current[:-1] + line  # "exem-" + "ple"
        elif current:
            current += " " + line
        else:
            current = line
        if len(line) < 0.8 * usual:
            blocks.append(current)
            current = ""
    if current:
        blocks.append(current)
    return blocks


def read_pdf(data: bytes, name: str, max_bytes: int) -> Extracted:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files make pypdf log each repair it tries
    started = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - an unsupported cipher is as closed as a password
                opened = 0
            if not opened:
                raise IngestError(name, "the PDF is encrypted with a password; save an unprotected copy")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise IngestError(name, f"the PDF has {count:,} pages, over the limit of {MAX_PAGES:,}")
        pages = []
        for number, page in enumerate(reader.pages, 1):
            if time.monotonic() - started > TIME_LIMIT:
                raise IngestError(name, f"reading the PDF took over {TIME_LIMIT:.0f} seconds (stopped at page {number}); "
                                        "it is too large or damaged")
            pages.append([line for line in _page_lines(page) if line[1]])
        info = reader.metadata
    except IngestError:
        raise
    except LimitReachedError:
        raise IngestError(name, "refused as a decompression bomb: a stream of the PDF inflates past pypdf's limit "
                                "(75 MB)") from None
    except (PyPdfError, RecursionError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            AssertionError, ZeroDivisionError, MemoryError) as error:
        raise IngestError(name, f"a damaged PDF that cannot be read ({type(error).__name__}: {str(error)[:120]})") from None
    if sum(len(line) for lines in pages for _, line in lines) < max(40, 10 * len(pages)):
        raise IngestError(name, "the PDF has no text layer (a scanned document?): run OCR on it first "
                                "(for example with ocrmypdf), or import its text")
    running = _running_lines([[line for _, line in lines] for lines in pages])
    lines: list[tuple[bool, str]] = []
    for page in pages:
        lines.extend(_strip_page(page, running))
    blocks = _blocks(lines)
    extracted = Extracted(plain_text="\n\n".join(blocks) + "\n")
    if info is not None:
        extracted.title = " ".join(str(info.title or "").split())
        extracted.author = " ".join(str(info.author or "").split())
    return extracted
