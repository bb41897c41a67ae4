"""Small real files of each format, written at test time: EPUB (a zip we write), DOCX (python-docx), PDF (fpdf2),
HTML and subtitles (text)."""

from __future__ import annotations

import io
import zipfile
from html import escape
from pathlib import Path

from bireader.ingest.plaintext import blocks, join_lines

ROOT = Path(__file__).resolve().parents[2]
CANDIDE_FR = ROOT.parent / "shared" / "corpus" / "voltaire_candide_ch1-6.fr.txt"

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def chapters_of_plaintext(text: str) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) per chapter of a Gutenberg-style text whose chapters open with ``CHAPITRE``: the
    heading block and the title block under it make the heading, as a typeset edition shows them."""
    chapters: list[tuple[str, list[str]]] = []
    pending_title = False
    for block in blocks(text):
        line = join_lines(block)
        if line.upper().startswith("CHAPITRE"):
            chapters.append((line, []))
            pending_title = True
        elif pending_title:
            chapters[-1] = (chapters[-1][0] + "\n" + line, [])
            pending_title = False
        else:
            chapters[-1][1].append(line)
    return chapters


def xhtml(title: str, body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f"<head><title>{escape(title)}</title></head><body>{body}</body></html>")


def make_epub(chapters: list[tuple[str, list[str]]], *, title: str = "Candide", author: str = "Voltaire",
              lang: str = "fr", version: int = 3, footnote: str | None = None, extra_members: dict | None = None) -> bytes:
    """An EPUB (2 with an NCX, or 3 with a navigation document) with one XHTML file a chapter."""
    files, manifest, spine, nav_items, ncx_points = {}, [], [], [], []
    for n, (heading, paragraphs) in enumerate(chapters, 1):
        head_html = "<br/>".join(escape(line) for line in heading.split("\n"))
        body = f'<section epub:type="chapter"><h2 id="c{n}">{head_html}</h2>'
        for k, paragraph in enumerate(paragraphs):
            text = escape(paragraph)
            if footnote and n == 1 and k == 0:
                text += '<a epub:type="noteref" href="#fn1">1</a>'
            body += f"<p>{text}</p>"
        if footnote and n == 1:
            body += f'<aside epub:type="footnote" id="fn1"><p>{escape(footnote)}</p></aside>'
        body += "</section>"
        files[f"OEBPS/ch{n}.xhtml"] = xhtml(heading.split("\n")[0], body)
        manifest.append(f'<item id="ch{n}" href="ch{n}.xhtml" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="ch{n}"/>')
        label = escape(heading.split("\n")[0])
        nav_items.append(f'<li><a href="ch{n}.xhtml">{label}</a></li>')
        ncx_points.append(f'<navPoint id="n{n}" playOrder="{n}"><navLabel><text>{label}</text></navLabel>'
                          f'<content src="ch{n}.xhtml"/></navPoint>')
    if version == 3:
        files["OEBPS/nav.xhtml"] = xhtml("Table", f'<nav epub:type="toc"><ol>{"".join(nav_items)}</ol></nav>')
        manifest.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')
        toc_attr = ""
    else:
        files["OEBPS/toc.ncx"] = ('<?xml version="1.0" encoding="UTF-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
                                  f'version="2005-1"><navMap>{"".join(ncx_points)}</navMap></ncx>')
        manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
        toc_attr = ' toc="ncx"'
    files["OEBPS/content.opf"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="{version}.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:identifier id="id">test</dc:identifier><dc:title>{escape(title)}</dc:title>'
        f'<dc:creator>{escape(author)}</dc:creator><dc:language>{lang}</dc:language></metadata>'
        f'<manifest>{"".join(manifest)}</manifest><spine{toc_attr}>{"".join(spine)}</spine></package>')
    files.update(extra_members or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first, as the spec asks
        archive.writestr("META-INF/container.xml", CONTAINER, compress_type=zipfile.ZIP_DEFLATED)
        for name, content in files.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def make_docx(path: Path, title: str, sections: list[tuple[str, list[str]]], footnote: str | None = None) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = "Voltaire"
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        document.add_paragraph("")  # the empty paragraphs people type for space
    document.save(path)
    if footnote:
        _add_footnote(path, footnote)
    return path


def _add_footnote(path: Path, text: str) -> None:
    """python-docx writes no footnotes: add word/footnotes.xml (and its reference in the first body paragraph)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 f'<w:footnote w:id="1"><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    body = members["word/document.xml"].decode("utf-8")
    marker = "</w:t></w:r>"
    at = body.index(marker, body.index("<w:body>") + 1)
    at = body.index(marker, at + 1)  # the first body paragraph after the heading
    body = body[:at + len(marker)] + '<w:r><w:footnoteReference w:id="1"/></w:r>' + body[at + len(marker):]
    members["word/document.xml"] = body.encode("utf-8")
    rels = members["word/_rels/document.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    members["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = members["[Content_Types].xml"].decode("utf-8")
    types = types.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
    members["[Content_Types].xml"] = types.encode("utf-8")
    members["word/footnotes.xml"] = footnotes.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)


def make_pdf(path: Path, pages: list[list[str]], header: str | None = None, title: str = "") -> Path:
    """A PDF with a text layer: each page's paragraphs wrapped by fpdf2, a running header and a page number."""
    from fpdf import FPDF

    class Book(FPDF):
        def header(self):
            if header:
                self.set_font("Helvetica", size=9)
                self.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, str(self.page_no()), align="C")

    pdf = Book()
    pdf.set_title(title)
    pdf.set_auto_page_break(True, margin=20)
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path
