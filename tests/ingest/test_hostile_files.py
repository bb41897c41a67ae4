"""Hostile archives, XML and PDFs: each refused with one line, without inflating the bomb or reading a local file,
and nothing stored. The files are built here, small on disk (a bomb is what it expands to)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from click.testing import CliRunner

from bireader.ingest import safety
from bireader.ingest.decode import IngestError
from bireader.ingest.pipeline import read_document

from .files import make_epub

CHAPTER = [("Chapitre", ["Il pleuvait sur la ville et le vent soufflait sur les toits de la maison."])]

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Il pleuvait. &lol9;</p></body></html>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE html [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Il pleuvait sur la ville. &secret;</p></body></html>"""


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content, compress_type=compression)
    return out.getvalue()


def epub_members() -> dict[str, bytes]:
    data = make_epub(CHAPTER)
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def refused(tmp_path, data: bytes, name: str = "hostile.epub") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_document(path, "fr")
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message


def test_zip_bomb_by_ratio_is_refused_before_inflating(tmp_path):
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = b"<html><body><p>" + b" " * 20_000_000 + b"</p></body></html>"
    data = zip_of(members)
    assert len(data) < 100_000  # 20 MB of spaces in a few kilobytes
    assert "refused as a zip bomb: OEBPS/ch1.xhtml is compressed" in refused(tmp_path, data)


def test_zip_member_past_the_size_limit_is_refused(tmp_path):
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = b"<html><body><p>" + b"x" * (safety.MAX_MEMBER_BYTES + 10) + b"</p></body></html>"
    message = refused(tmp_path, zip_of(members))
    assert "refused as a zip bomb: OEBPS/ch1.xhtml expands to 67,108,907 bytes, over the limit of 67,108,864" in message


def test_zip_whose_directory_lies_about_a_member_size_is_refused_as_corrupted(tmp_path):
    """A member declared small but inflating large: zipfile stops at the declared size and the CRC fails."""
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = members["OEBPS/ch1.xhtml"] + b" " * 5_000_000
    data = bytearray(zip_of(members))
    true_size = len(members["OEBPS/ch1.xhtml"])
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if struct.unpack_from("<I", data, start + at)[0] == true_size:
                struct.pack_into("<I", data, start + at, 5_000)
            start += 4
    assert "a corrupted zip archive" in refused(tmp_path, bytes(data))


def test_billion_laughs_in_an_epub_chapter_is_refused(tmp_path):
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = LAUGHS
    assert "XML that declares entities (<!ENTITY>) is refused" in refused(tmp_path, zip_of(members))


def test_billion_laughs_in_an_epub_package_file_is_refused(tmp_path):
    members = epub_members()
    members["OEBPS/content.opf"] = members["OEBPS/content.opf"].replace(
        b'<?xml version="1.0" encoding="UTF-8"?>', LAUGHS.split(b"<html")[0].rstrip())
    message = refused(tmp_path, zip_of(members))
    assert "OEBPS/content.opf: XML that declares entities" in message


def test_billion_laughs_in_a_docx_is_refused(tmp_path):
    import docx

    path = tmp_path / "laughs.docx"
    document = docx.Document()
    document.add_paragraph("Il pleuvait sur la ville.")
    document.save(path)
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"?>", b"?>" + LAUGHS.split(b"?>", 1)[1].split(b"<html")[0], 1)
    assert "word/document.xml: XML that declares entities" in refused(tmp_path, zip_of(members), "laughs.docx")


def test_billion_laughs_in_an_html_file_is_refused(tmp_path):
    assert "XML that declares entities" in refused(tmp_path, LAUGHS, "laughs.xhtml")


def test_external_entity_never_reads_a_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE-SECRET", "utf-8")
    xxe = XXE.replace(b"file:///etc/passwd", secret.as_uri().encode())
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = xxe
    assert "XML that declares entities" in refused(tmp_path, zip_of(members))
    assert "XML that declares entities" in refused(tmp_path, xxe, "xxe.html")
    # Below the refusal, the parsers themselves resolve nothing: the file's content never appears.
    from lxml import etree

    root = etree.fromstring(xxe, parser=safety.xml_parser())
    assert "MOT-DE-PASSE" not in etree.tostring(root, encoding="unicode")
    from bireader.ingest.html import html_blocks, parse_html_tree

    blocks, _ = html_blocks(parse_html_tree(xxe.decode(), "xxe"))
    assert "MOT-DE-PASSE" not in " ".join(b.text for b in blocks)


def test_encrypted_zip_is_refused(tmp_path):
    data = bytearray(zip_of(epub_members()))
    name = b"OEBPS/content.opf"
    # Set the "encrypted" flag bit (what ZipCrypto and AES archives carry) in the member's two headers.
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at:start + name_at + len(name)] == name:
                data[start + flags_at] |= 0x1
            start += 4
    assert "the archive is encrypted (OEBPS/content.opf)" in refused(tmp_path, bytes(data))


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_corrupted_zip_is_refused(tmp_path, damage):
    data = make_epub(CHAPTER)
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        at = data.index(b"OEBPS/ch1.xhtml") + 40
        data = data[:at] + bytes(b ^ 0x5A for b in data[at:at + 200]) + data[at + 200:]
    message = refused(tmp_path, data)
    assert "corrupted zip archive" in message or "not a valid EPUB" in message


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF made of these objects (numbered from 1, the first the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"


def stream(content: bytes, flate: bool = False) -> bytes:
    if flate:
        content = zlib.compress(content, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def test_pdf_whose_page_tree_loops_is_refused(tmp_path):
    text = stream(b"BT /F1 12 Tf 72 700 Td (Il pleuvait sur la ville et le vent soufflait.) Tj ET")
    data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    PAGE, text, FONT])
    assert "a damaged PDF that cannot be read" in refused(tmp_path, data, "loop.pdf")


def test_pdf_decompression_bomb_is_refused(tmp_path):
    bomb = stream(b"(x) Tj " * 15_000_000, flate=True)  # 105 MB of drawing commands in 150 KB
    data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    PAGE, bomb, FONT])
    assert len(data) < 1_000_000
    assert "refused as a decompression bomb" in refused(tmp_path, data, "bomb.pdf")


def test_pdf_with_too_many_pages_is_refused(tmp_path, monkeypatch):
    from bireader.ingest import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    kids = b" ".join(b"3 0 R" for _ in range(3))
    data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count 3 >>" % kids,
                    PAGE, stream(b"BT /F1 12 Tf 72 700 Td (Bonjour.) Tj ET"), FONT])
    assert "the PDF has 3 pages, over the limit of 2" in refused(tmp_path, data, "long.pdf")


def test_password_protected_pdf_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "the PDF is encrypted with a password" in refused(tmp_path, out.getvalue(), "locked.pdf")


def test_hostile_file_through_import_is_one_line_and_stores_nothing(tmp_path, database_url, monkeypatch):
    from bireader.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = LAUGHS
    path = tmp_path / "laughs.epub"
    path.write_bytes(zip_of(members))
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(path), "--lang", "fr"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "declares entities" in errors[0]
    assert "Traceback" not in result.output
    assert "the library is empty" in runner.invoke(main, ["list"]).output
