"""EPUB 2 and 3 to blocks: the chapters in spine order, the table of contents as sections, the title and author.

An EPUB is a zip: ``META-INF/container.xml`` names the package file (OPF), whose ``<metadata>`` holds the Dublin
Core title, creator, language and rights, whose ``<manifest>`` lists the files and whose ``<spine>`` orders the
chapters. The table of contents is the EPUB 3 navigation document (``<nav epub:type="toc">``) or, in EPUB 2, the
NCX file the spine's ``toc`` attribute names; each entry points at a chapter file, or at an element inside one,
where a section starts. Chapter files are XHTML, read by bireader.ingest.html (footnotes go to the notes); spine
items marked ``linear="no"`` (notes, pop-ups) go to the notes too. The cover and title pages (EPUB 2's
``<guide>``, EPUB 3's ``epub:type="cover"``/``"titlepage"``) are left out: the package metadata says the same.

The zip route with lxml rather than ebooklib: the container, the package and the TOC are four small XML files, and
reading them ourselves means every byte passes through bireader.ingest.safety (zip-bomb limits, no entities).
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urldefrag

from bireader.ingest.decode import IngestError
from bireader.ingest.html import decode_html, html_blocks, parse_html_tree
from bireader.ingest.safety import SafeZip, parse_xml
from bireader.ingest.structure import Block, Extracted

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
_HTML_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _toc_from_nav(root, base: str) -> list[tuple[str, str]]:
    """(target href resolved against the package, label) of an EPUB 3 navigation document."""
    navs = [nav for nav in root.iter("{%s}nav" % _NS["x"], "nav")
            if "toc" in (nav.get("{%s}type" % _NS["epub"]) or nav.get("epub:type") or nav.get("role") or "")
            .replace("doc-toc", "toc").split()]
    entries = []
    for nav in navs[:1]:
        for link in nav.iter("{%s}a" % _NS["x"], "a"):
            href = link.get("href")
            label = _text(link)
            if href and label:
                entries.append((posixpath.normpath(posixpath.join(base, unquote(href))), label))
    return entries


def _toc_from_ncx(root, base: str) -> list[tuple[str, str]]:
    entries = []
    for point in root.iter("{%s}navPoint" % _NS["ncx"]):
        label = _text(point.find("ncx:navLabel/ncx:text", _NS))
        content = point.find("ncx:content", _NS)
        href = content.get("src") if content is not None else None
        if href and label:
            entries.append((posixpath.normpath(posixpath.join(base, unquote(href))), label))
    return entries


def read_epub(data: bytes, name: str, max_bytes: int) -> Extracted:
    archive = SafeZip(data, name)
    if not archive.has("META-INF/container.xml"):
        raise IngestError(name, "not a valid EPUB: META-INF/container.xml is missing")
    container = parse_xml(archive.read_xml("META-INF/container.xml"), f"{name}: META-INF/container.xml")
    rootfile = container.find(".//c:rootfile", _NS)
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path or not archive.has(opf_path):
        raise IngestError(name, "not a valid EPUB: the container names no package file that exists")
    opf = parse_xml(archive.read_xml(opf_path), f"{name}: {opf_path}")
    base = posixpath.dirname(opf_path)

    extracted = Extracted()
    metadata = opf.find("opf:metadata", _NS)
    if metadata is None:
        metadata = opf.find(".//opf:metadata", _NS)
    if metadata is not None:
        extracted.title = _text(metadata.find("dc:title", _NS))
        creators = [_text(c) for c in metadata.findall("dc:creator", _NS) if _text(c)]
        extracted.author = ", ".join(creators)
        for tag, key in (("publisher", "Publisher"), ("rights", "Licence"), ("source", "Source"),
                         ("date", "Date"), ("language", "Language")):
            value = _text(metadata.find(f"dc:{tag}", _NS))
            if value:
                extracted.metadata[key] = value
        translators = [_text(c) for c in metadata.findall("dc:contributor", _NS)
                       if c.get("{%s}role" % _NS["opf"]) == "trl" and _text(c)]
        if translators:
            extracted.metadata["Translated"] = ", ".join(translators)

    manifest = {}
    for item in opf.iterfind("opf:manifest/opf:item", _NS):
        href = item.get("href")
        if item.get("id") and href:
            manifest[item.get("id")] = (posixpath.normpath(posixpath.join(base, unquote(href))),
                                        item.get("media-type", ""), item.get("properties", ""))
    spine = opf.find("opf:spine", _NS)
    if spine is None or not len(spine):
        raise IngestError(name, "not a valid EPUB: the package has no spine (no reading order)")

    toc: list[tuple[str, str]] = []
    nav = next((path for path, media, props in manifest.values() if "nav" in props.split()), None)
    ncx_id = spine.get("toc")
    try:
        if nav and archive.has(nav):
            toc = _toc_from_nav(parse_html_tree(archive.read_xml(nav).decode("utf-8", "replace"), nav),
                                posixpath.dirname(nav))
        if not toc and ncx_id in manifest and archive.has(manifest[ncx_id][0]):
            ncx_path = manifest[ncx_id][0]
            toc = _toc_from_ncx(parse_xml(archive.read_xml(ncx_path), f"{name}: {ncx_path}"), posixpath.dirname(ncx_path))
    except IngestError as error:
        if "entities" in str(error):
            raise
        toc = []  # a broken TOC: the chapters' own headings still give the sections
    starts: dict[str, str] = {}
    anchors: dict[str, dict[str, str]] = {}
    for target, label in toc:
        path, fragment = urldefrag(target)
        if fragment:
            anchors.setdefault(path, {}).setdefault(fragment, label)
        else:
            starts.setdefault(path, label)

    # EPUB 2 names its cover and title page in the <guide>; their words are the metadata above.
    front = {posixpath.normpath(posixpath.join(base, unquote(urldefrag(ref.get("href") or "")[0])))
             for ref in opf.iterfind("opf:guide/opf:reference", _NS)
             if (ref.get("type") or "").lower() in ("cover", "title-page", "titlepage", "copyright-page")}
    read_any = False
    for itemref in spine.iterfind("opf:itemref", _NS):
        found = manifest.get(itemref.get("idref"))
        if found is None:
            continue
        path, media, _props = found
        if media not in _HTML_TYPES or not archive.has(path) or path in front \
                or path == nav and itemref.get("linear") == "no":
            continue
        raw = archive.read_xml(path)
        root = parse_html_tree(decode_html(raw, f"{name}: {path}", max_bytes), f"{name}: {path}")
        blocks, notes = html_blocks(root, dict(anchors.get(path, {})))
        read_any = True
        if itemref.get("linear") == "no":
            extracted.notes.extend(b.text for b in blocks if b.kind == "paragraph")
            extracted.notes.extend(notes)
            continue
        if path in starts:
            blocks.insert(0, Block("section", starts[path]))
        extracted.blocks.extend(blocks)
        extracted.notes.extend(notes)
    if not read_any:
        raise IngestError(name, "not a valid EPUB: no chapter of the spine could be found in the archive")
    return extracted
