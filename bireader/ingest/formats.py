"""Which kind of file is this? Found from the bytes (magic numbers, the members of a zip), not the name alone.

    >>> sniff_head(b"%PDF-1.7 ...", "notes.txt")
    'pdf'
    >>> sniff_head(b"WEBVTT\\n\\n00:01.000 --> 00:02.000\\nBonjour.", "film.txt")
    'vtt'

Binary formats are recognised before any decoding (an EPUB is a zip whose ``mimetype`` member says so, a DOCX a zip
with ``word/document.xml``, a PDF starts with ``%PDF-``); formats bireader does not read (an image, an old Word
``.doc``, an OpenDocument file, RTF, a MOBI e-book, an archive) are refused with their name. Text formats (HTML,
subtitles, TMX, TSV, plain text) are told apart from the decoded text, the extension breaking ties only where the
content cannot (a TSV is a plain text with tabs).

The formats are listed once, in :data:`ACCEPTED`: the import form's ``accept`` attribute, its wording, the hint
shown after a file that could not be read and the refusals' list of what bireader reads all come from it::

    >>> accepted_sentence()[:48]
    'plain text (.txt, .text, .md), HTML (.html, .htm'
"""

from __future__ import annotations

import io
import re
import zipfile

from bireader.ingest.decode import IngestError

# extension -> what a teacher calls it (in the order the form lists them)
ACCEPTED: dict[str, str] = {
    ".txt": "plain text", ".text": "plain text", ".md": "plain text",
    ".html": "HTML", ".htm": "HTML", ".xhtml": "HTML",
    ".epub": "EPUB",
    ".docx": "Word",
    ".pdf": "PDF",
    ".srt": "subtitles", ".vtt": "subtitles",
    ".tsv": "an aligned TSV", ".tmx": "an aligned TMX",
}
# MIME types that some browsers' file pickers filter on rather than extensions
_ACCEPTED_TYPES = ("text/plain", "text/html", "application/xhtml+xml", "application/epub+zip", "application/pdf",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

# what to do with a file in any other format
CONVERT_HINT = ("save or export it as plain text (UTF-8), EPUB, Word (.docx) or PDF from the program that made it, "
                "then import that file")


def accept_attribute() -> str:
    """The ``accept`` attribute of a file input: the extensions, then the MIME types of those formats."""
    types = [t for t in _ACCEPTED_TYPES if _TYPE_EXTENSION[t] in ACCEPTED]
    return ",".join(list(ACCEPTED) + types)


_TYPE_EXTENSION = {"text/plain": ".txt", "text/html": ".html", "application/xhtml+xml": ".xhtml",
                   "application/epub+zip": ".epub", "application/pdf": ".pdf",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


def accepted_sentence() -> str:
    """The accepted formats in words, each with its extensions: ``"plain text (.txt, .text, .md), HTML (…) …"``."""
    names: dict[str, list[str]] = {}
    for extension, name in ACCEPTED.items():
        names.setdefault(name, []).append(extension)
    parts = [f"{name} ({', '.join(extensions)})" for name, extensions in names.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]

# Magic numbers of files people upload by mistake: refused with the format's name.
_UNSUPPORTED_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or plain text"),
    (b"%!PS", "a PostScript file; convert it to PDF"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x00\x00\x00\x0cjP  ", "a JPEG 2000 image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"AT&TFORM", "a DjVu document"),
)


def format_name(fmt: str) -> str:
    return {"txt": "plain text", "html": "HTML", "epub": "EPUB", "docx": "DOCX", "pdf": "PDF", "srt": "SubRip subtitles",
            "vtt": "WebVTT subtitles", "tsv": "aligned TSV", "tmx": "TMX"}.get(fmt, fmt)


def sniff_binary(data: bytes, name: str = "input") -> str | None:
    """"epub", "docx" or "pdf" for those formats; None for anything that may be text; raises :class:`IngestError`
    naming the format of a binary file bireader does not read."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _sniff_zip(data, name)
    for magic, label in _UNSUPPORTED_MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:64]:
                continue  # "MZ" opening a text ("MZ est mon ami") is no program
            raise IngestError(name, f"{label}: bireader reads {supported_list()}")
    if data[60:68] == b"BOOKMOBI":
        raise IngestError(name, f"a MOBI/Kindle e-book; convert it to EPUB (Calibre does): bireader reads {supported_list()}")
    if len(data) > 12 and data[4:8] == b"ftyp":
        raise IngestError(name, f"an MP4/QuickTime media file: bireader reads {supported_list()}")
    return None


def supported_list() -> str:
    """The formats in words, for a refusal: ``"plain text, HTML, EPUB, …"``."""
    names = list(dict.fromkeys(ACCEPTED.values()))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _sniff_zip(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise IngestError(name, f"a corrupted zip archive ({error})") from None
    mimetype = ""
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size < 200 and not info.flag_bits & 0x1:
            try:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            except Exception:  # noqa: BLE001 - a corrupted member: the EPUB reader reports it
                mimetype = ""
    if mimetype == "application/epub+zip" or "META-INF/container.xml" in names and not mimetype:
        return "epub"
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise IngestError(name, f"an OpenDocument file ({mimetype.rsplit('.', 1)[-1]}); save it as .docx: "
                                f"bireader reads {supported_list()}")
    if "xl/workbook.xml" in names:
        raise IngestError(name, f"an Excel workbook; save it as tab-separated text (.tsv): bireader reads {supported_list()}")
    if "ppt/presentation.xml" in names:
        raise IngestError(name, f"a PowerPoint presentation: bireader reads {supported_list()}")
    raise IngestError(name, f"a zip archive that is neither EPUB nor DOCX: bireader reads {supported_list()}")


_SRT_CUE = re.compile(r"^\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}", re.M)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE\s+html|<html[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|br|h[1-6]|body|head|title|span|a)[\s/>]", re.I)
_TMX_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<tmx[\s>]", re.S)
_EXPORT_HEADER = re.compile(r"^bead\tconfidence\t\w+\t\w+\s*$")


def sniff_text(text: str, name: str = "input") -> str:
    """The format of decoded text: "html", "vtt", "srt", "tmx", "tsv" or "txt"."""
    head = text.lstrip("\ufeff")[:4096]
    if head.startswith("WEBVTT"):
        return "vtt"
    if _TMX_START.match(head):
        return "tmx"
    if _HTML_START.match(head):
        return "html"
    if _SRT_CUE.match(head):
        return "srt"
    first_line = head.split("\n", 1)[0].rstrip("\r")
    lower = name.lower()
    if _EXPORT_HEADER.match(first_line) or lower.endswith((".tsv", ".tab")) and "\t" in head:
        return "tsv"
    if lower.endswith((".html", ".htm", ".xhtml")) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "txt"


def sniff_head(data: bytes, name: str = "input") -> str:
    """The format from the first kilobytes only, without decoding the whole file: for a caller that only needs to
    know whether a file is, say, an aligned TSV or TMX. Binary formats as :func:`sniff_binary`."""
    fmt = sniff_binary(data, name)
    if fmt is not None:
        return fmt
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[:len(head) // 2 * 2].decode("utf-16", "replace")
    else:
        text = head.decode("utf-8", "replace")  # the patterns are ASCII: cp1252 and Latin-1 read the same here
    return sniff_text(text, name)
