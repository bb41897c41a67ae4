"""``bireader segment``, ``align`` and ``wordalign`` decode files as ``import`` does: a cp1252 file is read, not a
UnicodeDecodeError traceback, and an EPUB is read by its reader."""

from click.testing import CliRunner

from bireader.cli import main

from .files import make_epub

FRENCH = "Il était une fois une bergère très âgée. Elle chantait où elle voulait.\n\nLe château était vide."
ENGLISH = "Once upon a time there was a very old shepherdess. She sang wherever she wanted.\n\nThe castle was empty."


def test_segment_reads_cp1252_and_epub(tmp_path):
    path = tmp_path / "bergere.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    result = CliRunner().invoke(main, ["segment", str(path), "--lang", "fr", "--engine", "offline"])
    assert result.exit_code == 0, result.output
    assert result.output == ("Il était une fois une bergère très âgée.\nElle chantait où elle voulait.\n\n"
                             "Le château était vide.\n")
    book = tmp_path / "bergere.epub"
    book.write_bytes(make_epub([("Chapitre premier", FRENCH.split("\n\n"))]))
    result = CliRunner().invoke(main, ["segment", str(book), "--lang", "fr", "--engine", "offline"])
    assert result.output.startswith("Chapitre premier\n\nIl était une fois une bergère très âgée.\n")


def test_segment_of_an_unsupported_file_is_one_line(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = CliRunner().invoke(main, ["segment", str(path), "--lang", "fr"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip() == f"Error: {path}: a PNG image: bireader reads plain text, HTML, EPUB, Word, PDF, " \
                                    "subtitles, an aligned TSV or an aligned TMX"


def test_align_reads_cp1252_files(tmp_path):
    fr, en = tmp_path / "a.fr", tmp_path / "a.en"
    fr.write_bytes(FRENCH.encode("cp1252"))
    en.write_bytes(ENGLISH.encode("cp1252"))
    result = CliRunner().invoke(main, ["align", str(fr), str(en), "--format", "beads"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    fr.write_bytes("Il était une fois.\nElle chantait où elle voulait.\n".encode("cp1252"))
    en.write_bytes("Once upon a time.\nShe sang wherever she wanted.\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["align", str(fr), str(en), "--presegmented", "--format", "beads"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["[0]:[0]", "[1]:[1]"]


def test_wordalign_reads_cp1252_files(tmp_path):
    fr, en = tmp_path / "w.fr", tmp_path / "w.en"
    fr.write_bytes("la bergère chantait\nle château était vide\n".encode("cp1252"))
    en.write_bytes("the shepherdess sang\nthe castle was empty\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["wordalign", str(fr), str(en), "--presegmented", "--pretokenized"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and "0-0" in lines[0].split()
