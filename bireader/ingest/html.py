"""HTML and XHTML to blocks: headings, paragraphs, line breaks; scripts, styles and footnotes kept out of the text.

    <h2>CHAPITRE I.<br/>Comment Candide ...</h2>  ->  Block("heading", "CHAPITRE I.\\nComment Candide ...")
    <p>Il y avait en <i>Vestphalie</i>,<br/>dans le château</p>
        ->  Block("paragraph", "Il y avait en Vestphalie, dans le château")
    <p>une</p><p>deux<br/><br/>trois</p>  ->  three paragraphs (an empty line made of two <br> separates paragraphs)

Parsed with lxml's HTML parser (libxml2), which decodes every named and numeric entity and copes with the tag soup
of real pages. The bytes are decoded with the charset that the page declares (``<meta charset>``, the
``http-equiv`` content type, the XML declaration), else with the plain-text decoding of bireader.ingest.decode.
Footnotes (EPUB's ``epub:type="footnote"``, ARIA's ``doc-footnote``/``doc-endnote``, ``<aside>``, Project
Gutenberg's ``class="footnote"``, MediaWiki's ``references``) go to the notes, and their reference marks
(``<a epub:type="noteref">``, a ``<sup>`` link) leave the running text. A web page's furniture goes: only its
``<main>`` (or ``role="main"``, or Wikisource's ``#mw-content-text``) is read when it marks one, and ``<nav>``,
navigation roles and MediaWiki's edit links and navigation boxes never are. No-break spaces become spaces, as in
the plain-text reader. The EPUB reader uses this module for each chapter file.
"""

from __future__ import annotations

import codecs
import re

from bireader.ingest.decode import IngestError, decode_bytes
from bireader.ingest.plaintext import join_lines
from bireader.ingest.safety import refuse_entity_declarations
from bireader.ingest.structure import Block, Extracted

_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "object", "embed", "iframe",
         "svg", "math", "button", "select", "input", "textarea", "form", "canvas", "video", "audio"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "tbody",
           "thead", "tfoot", "caption", "figure", "figcaption", "section", "article", "header", "footer", "main",
           "aside", "nav", "body", "center", "address", "hr", "hgroup", "details", "summary", "fieldset", "legend"}
_NOTE_TYPES = {"footnote", "endnote", "rearnote", "note", "footnotes", "endnotes", "rearnotes",
               "doc-footnote", "doc-endnote", "doc-endnotes", "doc-footnotes"}
# Navigation, page markers and the front matter that an e-book's package metadata already says (title, author,
# rights): not text to read.
_SKIP_TYPES = {"toc", "doc-toc", "landmarks", "page-list", "doc-pagelist", "pagebreak", "doc-pagebreak", "cover",
               "doc-cover", "titlepage", "halftitlepage", "copyright-page", "imprint", "colophon", "doc-colophon"}
_NOTE_CLASSES = re.compile(r"\b(?:footnotes?|endnotes?|fnote|notes?|references|reflist)\b", re.I)
# Site furniture of web pages (Wikisource and Wikipedia's MediaWiki classes among them): menus, edit links.
_FURNITURE_CLASSES = re.compile(r"\b(?:noprint|mw-editsection|ws-noexport|navbox|mw-jump-link|catlinks|printfooter|"
                                r"mw-indicators|headerContainer|ws-header)\b")
_BOILERPLATE_IDS = {"pg-header", "pg-footer", "pg-machine-header", "pg-start-separator", "pg-end-separator"}
_CHARSET_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.\-]+)[\"']")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(data: bytes, name: str, max_bytes: int) -> str:
    """The page's text, decoded with the charset it declares when that charset decodes it."""
    refuse_entity_declarations(data, name)
    head = data[:4096]
    for pattern in (_XML_ENCODING, _CHARSET_META):
        match = pattern.search(head)
        if match:
            encoding = match.group(1).decode("ascii").lower()
            try:
                codecs.lookup(encoding)
            except LookupError:
                continue
            if encoding in ("utf-16", "utf-32"):  # declared, but only a BOM tells the byte order: decode.py knows
                continue
            try:
                text = data.decode("utf-8-sig" if encoding in ("utf-8", "utf8") else encoding)
            except UnicodeDecodeError:
                continue
            return text
    return decode_bytes(data, name, max_bytes)


def _attr(element, *names: str) -> str:
    for key in names:
        value = element.get(key)
        if value:
            return value
    return ""


def _kind(element) -> str:
    """"note" for a footnote container, "noteref" for a footnote mark, "skip", "heading", "block", "br" or "inline"."""
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.rsplit("}", 1)[-1].lower()
    if not tag or tag in _SKIP:
        return "skip"
    if element.get("hidden") is not None or element.get("id") in _BOILERPLATE_IDS \
            or "pg-boilerplate" in (element.get("class") or "") or _FURNITURE_CLASSES.search(element.get("class") or ""):
        return "skip"
    if tag == "nav" or (element.get("role") or "").lower() in ("navigation", "banner", "contentinfo", "search"):
        return "skip"
    types = set(_attr(element, "epub:type", "{http://www.idpf.org/2007/ops}type", "role").lower().split())
    if types & {"noteref", "doc-noteref"}:
        return "noteref"
    if types & _SKIP_TYPES:
        return "skip"
    if types & _NOTE_TYPES or tag == "aside":
        return "note"
    if tag in ("div", "section", "p", "li", "ol") and _NOTE_CLASSES.search(element.get("class") or ""):
        return "note"
    if tag in _HEADINGS:
        return "heading"
    if tag == "br":
        return "br"
    if tag == "sup":
        links = element.findall(".//a")
        text = "".join(element.itertext()).strip()
        if links and all((a.get("href") or "").startswith("#") or "#" in (a.get("href") or "") for a in links) \
                and re.fullmatch(r"[\[(]?[\w*†‡§]{1,4}[\])]?", text or ""):
            return "noteref"
    if tag == "a" and re.fullmatch(r"\[\d{1,4}\]", "".join(element.itertext()).strip() or "") \
            and "#" in (element.get("href") or ""):
        return "noteref"
    if tag in _BLOCKS:
        return "block"
    return "inline"


class _Walker:
    """Depth-first walk that collects text into the current block and closes it at block boundaries."""

    def __init__(self, anchors: dict[str, str] | None = None):
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.buffer: list[str] = []
        self.anchors = anchors or {}

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        group: list[str] = []
        for line in lines + [""]:
            if line:
                group.append(line)
            elif group:
                self.blocks.append(Block("paragraph", join_lines(group)))
                group = []

    def text_of(self, element, keep_breaks: bool) -> str:
        """The element's visible text, without note marks; <br> as a newline when ``keep_breaks``."""
        out: list[str] = []

        def visit(node) -> None:
            kind = _kind(node)
            if kind in ("skip", "noteref", "note"):
                if node.tail:
                    out.append(node.tail)
                return
            if kind == "br":
                out.append("\n" if keep_breaks else " ")
            elif node.text:
                out.append(node.text)
            for child in node:
                visit(child)
            if kind == "block":
                out.append("\n" if keep_breaks else " ")
            if node.tail:
                out.append(node.tail)

        if element.text:
            out.append(element.text)
        for child in element:
            visit(child)
        return "".join(out)

    def walk(self, element) -> None:
        element_id = element.get("id")
        if element_id and element_id in self.anchors:
            self.flush()
            self.blocks.append(Block("section", self.anchors.pop(element_id)))
        kind = _kind(element)
        if kind in ("skip", "noteref"):
            pass
        elif kind == "note":
            self.flush()
            note = " ".join(self.text_of(element, keep_breaks=False).split())
            if note:
                self.notes.append(note)
        elif kind == "heading":
            self.flush()
            lines = [" ".join(line.split()) for line in self.text_of(element, keep_breaks=True).split("\n")]
            heading = "\n".join(line for line in lines if line)
            if heading:
                self.blocks.append(Block("heading", heading))
        elif kind == "br":
            self.buffer.append("\n")
        else:
            if kind == "block":
                self.flush()
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
            if kind == "block":
                self.flush()
        if element.tail:
            self.buffer.append(element.tail)


def parse_html_tree(text: str, name: str):
    import lxml.html
    from lxml import etree

    text = _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    if not text.strip():
        raise IngestError(name, "file is empty")
    try:
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise IngestError(name, f"unreadable HTML ({error})") from None


def _content_root(root):
    """The page's main content when it marks one (``<main>``, ``role="main"``, MediaWiki's ``#mw-content-text``),
    else the body: a web page's menus and sidebars are not the text."""
    for path in (".//main", ".//*[@role='main']", ".//*[@id='mw-content-text']"):
        found = root.find(path)
        if found is not None and "".join(found.itertext()).strip():
            return found
    body = root.find(".//body")
    return body if body is not None else root


def html_blocks(root, anchors: dict[str, str] | None = None) -> tuple[list[Block], list[str]]:
    """Blocks and notes of a parsed page; ``anchors`` maps element ids to TOC labels that open sections there."""
    walker = _Walker(anchors)
    walker.walk(_content_root(root))
    walker.flush()
    return walker.blocks, walker.notes


def read_html(data: bytes, name: str, max_bytes: int) -> Extracted:
    root = parse_html_tree(decode_html(data, name, max_bytes), name)
    blocks, notes = html_blocks(root)
    extracted = Extracted(blocks=blocks, notes=notes)
    declared = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    if declared:
        extracted.metadata["Language"] = declared
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        extracted.title = " ".join(title.text_content().split())
    for meta in root.iter("meta"):
        key = (meta.get("name") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if key in ("author", "dc.creator", "dcterms.creator") and content and not extracted.author:
            extracted.author = content
        elif key in ("dc.source", "dcterms.source") and content:
            extracted.metadata["Source"] = content
        elif key in ("dc.rights", "dcterms.rights") and content:
            extracted.metadata["Licence"] = content
    if not extracted.title:
        first = next((b for b in blocks if b.kind == "heading"), None)
        if first is not None:
            extracted.title = first.text.replace("\n", " ")
    return extracted
