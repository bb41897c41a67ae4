"""Every format a teacher brings becomes the same Document as the plain-text reader makes: real small files of each
format, written by the tests (EPUB as a zip, DOCX with python-docx, PDF with fpdf2, HTML and subtitles as text)."""

from __future__ import annotations

import re

import pytest

from bireader.ingest.decode import IngestError
from bireader.ingest.formats import sniff_binary, sniff_text
from bireader.ingest.pipeline import load_document, read_document
from bireader.ingest.readers import read_paragraphs

from .files import CANDIDE_FR, chapters_of_plaintext, make_docx, make_epub, make_pdf


def shape(document):
    return [(s.heading, [p.text for p in s.paragraphs]) for s in document.sections]


@pytest.fixture(scope="module")
def candide_chapters():
    return chapters_of_plaintext(CANDIDE_FR.read_text("utf-8"))


@pytest.fixture(scope="module")
def candide_plain():
    return read_document(CANDIDE_FR)


@pytest.mark.parametrize("version", [2, 3])
def test_epub_of_candide_has_the_sections_and_paragraphs_of_the_plain_text(tmp_path, candide_chapters, candide_plain,
                                                                          version):
    path = tmp_path / "candide.epub"
    path.write_bytes(make_epub(candide_chapters, version=version, footnote="Voyez la préface."))
    document = read_document(path)
    assert document.lang == "fr"
    assert (document.title, document.author, document.metadata["Author"]) == ("Candide", "Voltaire", "Voltaire")
    assert len(document.sections) == 6
    assert shape(document) == shape(candide_plain)
    assert document.notes == ["Voyez la préface."]  # the footnote is kept apart, its mark left the text
    assert not any("préface" in p.text for p in document.paragraphs())


def test_epub_of_candide_imports_to_the_sentence_counts_of_the_plain_text(tmp_path, candide_chapters):
    from bireader.nlp import get_engine

    engine = get_engine("offline")
    path = tmp_path / "candide.txt.epub"
    path.write_bytes(make_epub(candide_chapters))
    from_epub = load_document(path, engine=engine)
    from_text = load_document(CANDIDE_FR, engine=engine)
    counts = [[len(p.sentences) for p in s.paragraphs] for s in from_epub.sections]
    assert counts == [[len(p.sentences) for p in s.paragraphs] for s in from_text.sections]
    assert sum(1 for _ in from_epub.sentences()) == sum(1 for _ in from_text.sentences()) > 150


def test_epub_toc_entry_pointing_inside_a_file_opens_a_section_there(tmp_path):
    chapters = [("Premier", ["Il pleuvait sur la ville et les toits.", "Le vent soufflait sur les champs."])]
    data = make_epub(chapters)
    import io
    import zipfile

    members = {i.filename: zipfile.ZipFile(io.BytesIO(data)).read(i.filename) for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    members["OEBPS/ch1.xhtml"] = members["OEBPS/ch1.xhtml"].replace(
        b"<p>Le vent", b'<p id="deux">Le vent')
    members["OEBPS/nav.xhtml"] = members["OEBPS/nav.xhtml"].replace(
        b"</ol>", b'<li><a href="ch1.xhtml#deux">Second temps</a></li></ol>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    path = tmp_path / "anchors.epub"
    path.write_bytes(out.getvalue())
    document = read_document(path, "fr")
    assert shape(document) == [("Premier", ["Il pleuvait sur la ville et les toits."]),
                               ("Second temps", ["Le vent soufflait sur les champs."])]


HTML = """<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Contes</title><meta name="author" content="Guy de Maupassant">
<style>p { color: red }</style><script>document.write("Il ne faut pas lire ceci.")</script></head>
<body><section id="pg-header">The Project Gutenberg eBook of Contes</section>
<h1>Le Papa de Simon</h1>
<p>Midi finissait de sonner. La porte de l'&eacute;cole s'ouvrit, et les gamins se pr&#233;cipit&egrave;rent.<sup><a href="#n1">1</a></sup></p>
<p>Il pleuvait,<br>il ventait,<br/>et le ma\xeetre dormait.</p>
<div>Une strophe.<br><br>Une autre strophe.</div>
<h2>II</h2><h3>Le retour</h3>
<p>Simon rentra chez sa m\xe8re &amp; se tut.</p>
<div class="footnotes"><p id="n1">1. La cloche de l'\xe9glise.</p></div>
</body></html>"""


def test_html_headings_paragraphs_line_breaks_entities_and_charset(tmp_path):
    path = tmp_path / "contes.htm"
    path.write_bytes(HTML.encode("cp1252"))
    document = read_document(path)
    assert (document.title, document.author) == ("Contes", "Guy de Maupassant")
    assert shape(document) == [
        ("Le Papa de Simon", ["Midi finissait de sonner. La porte de l'école s'ouvrit, et les gamins se précipitèrent.",
                              "Il pleuvait, il ventait, et le maître dormait.", "Une strophe.", "Une autre strophe."]),
        ("II\nLe retour", ["Simon rentra chez sa mère & se tut."]),
    ]
    assert document.notes == ["1. La cloche de l'église."]
    text = " ".join(p.text for p in document.paragraphs())
    assert "document.write" not in text and "color" not in text and "Gutenberg" not in text


def test_html_named_txt_is_still_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<html><body><h1>Titre</h1><p>Il était une fois une reine qui vivait dans un château.</p>"
                    "</body></html>", "utf-8")
    assert shape(read_document(path, "fr")) == [("Titre", ["Il était une fois une reine qui vivait dans un château."])]


def test_docx_headings_by_style_paragraphs_and_footnotes_apart(tmp_path, candide_chapters):
    path = make_docx(tmp_path / "candide.docx", "Candide", candide_chapters[:2], footnote="Une note du traducteur.")
    document = read_document(path)
    assert (document.title, document.author, document.lang) == ("Candide", "Voltaire", "fr")
    assert [s.heading for s in document.sections] == [h for h, _ in candide_chapters[:2]]
    assert [[p.text for p in s.paragraphs] for s in document.sections] == [ps for _, ps in candide_chapters[:2]]
    assert document.notes == ["Une note du traducteur."]


def test_pdf_text_layer_without_running_headers_page_numbers_or_hyphens(tmp_path, candide_chapters):
    paragraphs = candide_chapters[0][1]
    pages = [paragraphs[0:3], paragraphs[3:6], paragraphs[6:8]]
    path = make_pdf(tmp_path / "candide.pdf", pages, header="Candide, ou l'Optimisme", title="Candide")
    document = read_document(path)
    assert document.title == "Candide"
    texts = [p.text for p in document.paragraphs()]
    assert texts[:8] == paragraphs[:8]
    assert not any("Optimisme" in t for t in texts)  # the running header, on every page
    assert all(t.split()[-1] not in {"1", "2", "3", "4"} for t in texts)  # the page numbers


def test_pdf_hyphen_at_a_line_end_is_removed(tmp_path):
    from bireader.ingest.pdf import _blocks

    lines = [(False, "Il y avait en Vestphalie un jeune garçon dont la nature avait fait un être très exem-"),
             (False, "plaire, et dont le maître, nommé Pangloss, était le plus grand philosophe du pays."),
             (True, "Fin.")]
    assert _blocks(lines) == ["Il y avait en Vestphalie un jeune garçon dont la nature avait fait un être très "
                              "exemplaire, et dont le maître, nommé Pangloss, était le plus grand philosophe du pays.",
                              "Fin."]


def test_scanned_pdf_without_text_is_refused_with_a_clear_message(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")  # a page image: shapes, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(IngestError, match=r"scan\.pdf: the PDF has no text layer \(a scanned document\?\): run OCR"):
        read_document(path, "fr")


SRT = """1
00:00:01,000 --> 00:00:03,500
<i>Bonjour,</i> monsieur.
Comment allez-vous ?

2
00:00:04,000 --> 00:00:06,250
{\\an8}Très bien. Et vous ?

"""

VTT = """WEBVTT - un film

NOTE ceci est un commentaire

00:01.000 --> 00:03.500 align:start
<v Marie>Bonjour, monsieur. Comment allez-vous ?

cue-2
00:00:04.000 --> 00:00:06.250
Très bien &amp; vous ?
"""


@pytest.mark.parametrize("suffix, content, second", [(".srt", SRT, "Très bien. Et vous ?"),
                                                     (".vtt", VTT, "Très bien & vous ?")])
def test_subtitle_cues_become_paragraphs_and_sentences_keep_their_timing(tmp_path, suffix, content, second):
    from bireader.nlp import get_engine

    path = tmp_path / f"film{suffix}"
    path.write_text(content, "utf-8")
    document = load_document(path, "fr", engine=get_engine("offline"))
    assert [p.text for p in document.paragraphs()] == ["Bonjour, monsieur. Comment allez-vous ?", second]
    assert [(s.text, s.timing) for s in document.sentences()][:2] == [
        ("Bonjour, monsieur.", (1.0, 3.5)), ("Comment allez-vous ?", (1.0, 3.5))]
    assert list(document.sentences())[-1].timing == (4.0, 6.25)


def test_format_is_found_from_the_content_not_the_extension(tmp_path, candide_chapters):
    epub = make_epub(candide_chapters[:1])
    assert sniff_binary(epub, "book.txt") == "epub"
    assert sniff_binary(b"%PDF-1.4\n...", "x.txt") == "pdf"
    assert sniff_text("WEBVTT\n\n00:01.000 --> 00:02.000\nOui.", "a.txt") == "vtt"
    assert sniff_text("1\n00:00:01,000 --> 00:00:02,000\nOui.\n", "a.txt") == "srt"
    assert sniff_text('<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>', "a.xml") == "tmx"
    assert sniff_text("bead\tconfidence\tfr\ten\n0\t1.000\tOui.\tYes.\n", "a.txt") == "tsv"
    assert sniff_text("Il était une fois.\n", "a.html.txt") == "txt"
    path = tmp_path / "book.txt"
    path.write_bytes(epub)
    assert read_document(path).sections[0].heading == candide_chapters[0][0]


@pytest.mark.parametrize("data, named", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "a PNG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Microsoft Office file (.doc/.xls); save it as .docx"),
    (b"{\\rtf1\\ansi Bonjour}", "an RTF document"),
    (b"\x1f\x8b\x08\x00" + bytes(100), "a gzip archive"),
])
def test_unsupported_formats_are_named(tmp_path, data, named):
    path = tmp_path / "upload.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_document(path, "fr")
    assert str(caught.value).startswith(f"{path}: {named}")
    assert "NUL" not in str(caught.value) and "EPUB" in str(caught.value)


def test_opendocument_and_plain_zip_are_named(tmp_path):
    import io
    import zipfile

    for members, named in (({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
                            "an OpenDocument file (text)"),
                           ({"notes.txt": "Bonjour."}, "a zip archive that is neither EPUB nor DOCX")):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name, content in members.items():
                archive.writestr(name, content)
        path = tmp_path / "upload.zip"
        path.write_bytes(out.getvalue())
        with pytest.raises(IngestError, match=re.escape(named)):
            read_document(path, "fr")


def test_small_tools_read_paragraphs_of_any_format(tmp_path, candide_chapters):
    path = tmp_path / "c.epub"
    path.write_bytes(make_epub(candide_chapters[:1]))
    paragraphs = read_paragraphs(path)
    assert paragraphs[0] == candide_chapters[0][0].replace("\n", " ")
    assert paragraphs[1:] == candide_chapters[0][1]


def test_docx_paragraphs_inside_tables_are_read_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Le tableau", level=1)
    document.add_paragraph("Avant le tableau, il pleuvait sur la ville.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Dans la première case, le vent soufflait."
    table.cell(0, 1).text = "Dans la seconde case, la nuit tombait."
    document.add_paragraph("Après le tableau, tout était calme.")
    path = tmp_path / "table.docx"
    document.save(path)
    assert shape(read_document(path, "fr")) == [("Le tableau", [
        "Avant le tableau, il pleuvait sur la ville.", "Dans la première case, le vent soufflait.",
        "Dans la seconde case, la nuit tombait.", "Après le tableau, tout était calme."])]


def test_epub_title_page_is_metadata_not_text(tmp_path, candide_chapters):
    import io
    import zipfile

    data = make_epub(candide_chapters[:1])
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {name: source.read(name) for name in source.namelist()}
    members["OEBPS/title.xhtml"] = (b'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
                                    b'<body><section epub:type="titlepage"><h1>Candide</h1><p>par Voltaire</p>'
                                    b'</section></body></html>')
    opf = members["OEBPS/content.opf"]
    opf = opf.replace(b"<manifest>", b'<manifest><item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>')
    members["OEBPS/content.opf"] = opf.replace(b"<spine>", b'<spine><itemref idref="title"/>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    path = tmp_path / "title.epub"
    path.write_bytes(out.getvalue())
    document = read_document(path)
    assert document.sections[0].heading == candide_chapters[0][0]
    assert not any("par Voltaire" in p.text for p in document.paragraphs())


def test_html_nested_past_the_parser_depth_is_refused_in_one_line(tmp_path):
    path = tmp_path / "deep.html"
    path.write_bytes(b"<html><body>" + b"<div>" * 200_000 + b"Il pleuvait sur la ville.</body></html>")
    with pytest.raises(IngestError, match=r"deep\.html: no paragraphs of text found"):
        read_document(path, "fr")


WIKISOURCE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le Horla — Wikisource</title></head>
<body><div id="mw-navigation"><nav role="navigation"><ul><li>Accueil</li><li>Au hasard</li></ul></nav></div>
<div id="content"><h1 id="firstHeading">Le Horla</h1>
<div id="mw-content-text"><div class="ws-noexport">Texte établi par la Bibliothèque.</div>
<h2>8 mai<span class="mw-editsection">[modifier]</span></h2>
<p>Quelle journée admirable&#160;! J’ai passé toute la matinée étendu sur l’herbe.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<ol class="references"><li id="cite_note-1">Édition de 1887.</li></ol>
<table class="navbox"><tr><td>Contes de Maupassant</td></tr></table></div>
<div class="printfooter">Récupérée de « https://fr.wikisource.org/… »</div></div>
<footer role="contentinfo">Licence CC BY-SA</footer></body></html>"""


def test_a_web_page_is_read_without_its_menus_edit_links_and_references(tmp_path):
    path = tmp_path / "horla.html"
    path.write_text(WIKISOURCE, "utf-8")
    document = read_document(path, "fr")
    assert shape(document) == [("8 mai", ["Quelle journée admirable ! J’ai passé toute la matinée étendu sur l’herbe."])]
    assert document.notes == ["Édition de 1887."]


def test_a_short_text_takes_the_language_its_file_declares(tmp_path):
    page = tmp_path / "court.html"
    page.write_text('<html lang="fr"><body><p>Bonjour.</p></body></html>', "utf-8")
    assert read_document(page).lang == "fr"
    book = tmp_path / "court.epub"
    book.write_bytes(make_epub([("One", ["Hello."])], lang="en"))
    assert read_document(book).lang == "en"
    plain = tmp_path / "court.txt"
    plain.write_text("Bonjour.\n", "utf-8")
    with pytest.raises(IngestError, match="cannot tell the language"):
        read_document(plain)


def test_html_chapter_marker_takes_the_title_paragraph_under_it_as_plain_text_does(tmp_path, candide_plain):
    heading, paragraphs = candide_plain.sections[0].heading, candide_plain.sections[0].paragraphs
    marker, title = heading.split("\n")
    page = tmp_path / "candide.html"
    page.write_text(f"<html><body><h2>{marker}</h2><p>{title}</p>" + "".join(f"<p>{p.text}</p>" for p in paragraphs)
                    + "</body></html>", "utf-8")
    assert shape(read_document(page)) == shape(candide_plain)[:1]
