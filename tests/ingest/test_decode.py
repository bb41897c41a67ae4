"""Encodings we accept and input we refuse, each refusal with a message naming the file and the problem."""

import codecs
from pathlib import Path

import pytest

from bireader.ingest.decode import IngestError, decode_bytes, read_text
from bireader.ingest.plaintext import parse_plaintext

ROOT = Path(__file__).resolve().parents[2]
CANDIDE_FR = ROOT / "french" / "voltaire_candide_ch1-6.fr.txt"


def structure(doc):
    return [(s.heading, [(e.date, [p.text for p in e.paragraphs]) for e in s.entries]) for s in doc.sections]


@pytest.fixture(scope="module")
def candide_text():
    return CANDIDE_FR.read_text("utf-8")


def test_cp1252_file_imports_to_the_same_structure(tmp_path, candide_text):
    path = tmp_path / "candide.txt"
    path.write_bytes(candide_text.encode("cp1252"))
    assert read_text(path) == candide_text
    assert structure(parse_plaintext(read_text(path), "fr")) == structure(parse_plaintext(candide_text, "fr"))


def test_latin1_file_with_french_accents(tmp_path):
    text = "Il était une fois une bergère très âgée, à côté du château. Elle chantait où elle voulait.\n"
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    assert read_text(path) == text


def test_crlf_and_bom_gutenberg_file_imports_to_the_same_structure(tmp_path, candide_text):
    path = tmp_path / "candide-crlf.txt"
    path.write_bytes(codecs.BOM_UTF8 + candide_text.replace("\n", "\r\n").encode("utf-8"))
    assert structure(parse_plaintext(read_text(path), "fr")) == structure(parse_plaintext(candide_text, "fr"))


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(IngestError, match=r"empty\.txt: file is empty"):
        read_text(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(IngestError, match="image.png: looks like a binary file"):
        read_text(path)


def test_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(IngestError, match="over the limit of 1,000 bytes"):
        read_text(path, max_bytes=1000)


def test_missing_file_is_named():
    with pytest.raises(IngestError, match="nowhere.txt"):
        read_text("/nowhere/nowhere.txt")


def test_undecodable_bytes_are_refused():
    # Bytes undefined in cp1252 (0x81, 0x8d, 0x8f, 0x90, 0x9d) and invalid as UTF-8, repeated: no Western text.
    data = b"\x81\x8d\x8f\x90\x9d" * 200
    with pytest.raises(IngestError, match="undecodable bytes"):
        decode_bytes(data, "junk.txt")
