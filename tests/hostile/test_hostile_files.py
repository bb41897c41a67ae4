"""Hostile and odd files through ``bireader import``: refused with one line and the library unchanged, or stored
exactly as they should be."""

from __future__ import annotations

import codecs

import pytest

from hostile_helpers import ENGLISH, FRENCH, refused, snapshot, texts

TEXT = FRENCH.encode("utf-8")
BIG_TEXT = (FRENCH * 400).encode("utf-8")  # about 150 KB: NULs past the first 64 KB
GERMAN = ("Der Hund schläft auf dem Stuhl im Wohnzimmer, während der Regen leise in den Garten fällt. Die Kinder "
          "spielen draußen und lachen, bis die Mutter sie zum Essen ruft. Es ist noch nicht spät, aber sie sind "
          "müde und wollen nach Hause gehen. ") * 6
CHINESE = "狗在客厅的椅子上睡觉，雨轻轻地落在花园里。孩子们在外面玩耍，笑着，直到母亲叫他们吃饭。" * 8
SPANISH = ("El perro duerme en la silla del salón mientras la lluvia cae sobre el jardín. Los niños juegan fuera y "
           "ríen hasta que su madre los llama para comer, pero ya es muy tarde para ellos. ") * 6

REFUSED_FILES = {
    "empty": (b"", "file is empty"),
    "whitespace only": (b" \n\t\r\n   \n", "file is empty"),
    "UTF-8 byte-order mark only": (codecs.BOM_UTF8 + b"\n", "file is empty"),
    "UTF-16 byte-order mark only": (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "file is empty"),
    "binary head (PNG)": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "a PNG image: bireader reads"),
    "binary tail after 150 KB of text": (BIG_TEXT + b"\x00\x01\x02\x03" * 64,
                                         f"NUL bytes, the first at offset {len(BIG_TEXT):,}"),
    "one NUL in the middle": (TEXT[:100] + b"\x00" + TEXT[100:], "NUL bytes, the first at offset 100"),
    "ELF executable": (b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + bytes(range(256)) * 4, "a program (ELF executable)"),
    "broken ZIP archive (.docx, .epub)": (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4,
                                         "a corrupted zip archive"),
    "control characters, no NUL": (bytes(range(1, 32)) * 40, "looks like a binary file (control characters)"),
    "control characters in a tail past 64 KB": (BIG_TEXT + bytes(range(1, 9)) * 2000,
                                                "looks like a binary file (control characters)"),
    "invalid UTF-8 in the middle": (TEXT[:150] + b"\xff\xfe" + TEXT[150:], "invalid UTF-8 at byte offset 150"),
    "UTF-8 with a Latin-1 line": (TEXT + "Une ligne écrite en Latin-1.\n".encode("latin-1"),
                                  f"invalid UTF-8 at byte offset {len(TEXT) + 10:,}"),
    "truncated UTF-8 at the end": (TEXT + "é".encode("utf-8")[:1], f"invalid UTF-8 at byte offset {len(TEXT):,}"),
    "overlong UTF-8": (TEXT + b"\xc0\xaf" + "é".encode(), f"invalid UTF-8 at byte offset {len(TEXT):,}"),
    "UTF-8-encoded surrogate": (TEXT + b"\xed\xa0\x80" + "é".encode(), f"invalid UTF-8 at byte offset {len(TEXT):,}"),
    "bytes of no text encoding": (b"\x81\x8d\x8f\x90\x9d" * 200, "undecodable bytes"),
    "UTF-16 without BOM, then binary": (FRENCH.encode("utf-16-le") + b"\x00\x00\x01\x02" * 50,
                                        "looks like a binary file"),
    "German given as French": (GERMAN.encode("utf-8"), "reads as German, not French or English"),
    "Spanish given as French": (SPANISH.encode("utf-8"), "reads as Spanish, not French or English"),
    "Chinese given as French": (CHINESE.encode("utf-8"), "is not written in the Latin alphabet"),
    "punctuation only": ("… — ! ? ; : « » … — \n".encode("utf-8") * 5, "no words to read"),
}


@pytest.mark.parametrize("content, message", REFUSED_FILES.values(), ids=REFUSED_FILES.keys())
def test_a_hostile_file_is_refused_with_one_line_and_changes_nothing(cli, tmp_path, content, message):
    path = tmp_path / "upload.txt"
    path.write_bytes(content)
    before = snapshot(cli.database)
    result = cli.import_(path, "--lang", "fr")
    refused(cli, before, result, message)
    assert result.errors[0].startswith(f"error: {path}: ")


ACCEPTED_FILES = {
    "UTF-16 LE without BOM": FRENCH.encode("utf-16-le"),
    "UTF-16 BE without BOM": FRENCH.encode("utf-16-be"),
    "UTF-16 with BOM": FRENCH.encode("utf-16"),
    "UTF-8 with BOM and CRLF": codecs.BOM_UTF8 + FRENCH.replace("\n", "\r\n").encode("utf-8"),
    "cp1252 with curly quotes": FRENCH.replace("Candide", "“Candide”").encode("cp1252"),
    "Latin-1": FRENCH.encode("latin-1"),
    "old Mac line ends": FRENCH.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("content", ACCEPTED_FILES.values(), ids=ACCEPTED_FILES.keys())
def test_each_text_encoding_is_read_as_the_same_text(cli, tmp_path, content):
    path = tmp_path / "encoded.txt"
    path.write_bytes(content)
    result = cli.import_(path, "--lang", "fr", "--title", "Encoded", "--slug", "encoded")
    assert result.exit_code == 0, result.output
    assert texts(cli.database)[-1] == ("encoded", "Encoded", "")
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{cli.database}")
    with engine.connect() as connection:
        stored = connection.execute(text(
            "SELECT s.text FROM sentences s JOIN sides d ON s.side_id = d.id JOIN texts t ON d.text_id = t.id "
            "WHERE t.slug = 'encoded' ORDER BY s.position")).scalars().all()
    engine.dispose()
    assert stored[0] == "Il pleuvait sur les haies du jardin."
    assert any("à la maison" in s for s in stored) and any("étaient fermés" in s for s in stored)


def test_a_missing_file_and_a_folder_are_refused(cli, tmp_path):
    before = snapshot(cli.database)
    refused(cli, before, cli.import_(tmp_path / "nowhere.txt"), "No such file or directory")
    result = cli.import_(tmp_path)
    assert result.exit_code == 2 and "is a directory" in result.output
    assert snapshot(cli.database) == before


def test_a_swapped_pair_is_named(cli, tmp_path):
    french, english = tmp_path / "fr.txt", tmp_path / "en.txt"
    french.write_text(FRENCH, "utf-8")
    english.write_text(ENGLISH, "utf-8")
    before = snapshot(cli.database)
    result = cli.import_(english, "--translation", french, "--lang", "fr")
    refused(cli, before, result, "reads as English but was given as French; check --lang, or whether the original "
                                 "and the translation were swapped")


def test_a_mismatched_pair_in_one_language_is_refused(cli, tmp_path):
    one, other = tmp_path / "one.txt", tmp_path / "other.txt"
    one.write_text(FRENCH, "utf-8")
    other.write_text(FRENCH.replace("Candide", "Pangloss"), "utf-8")
    before = snapshot(cli.database)
    refused(cli, before, cli.import_(one, "--translation", other), "both files are in the same language (fr)")


def test_a_pair_whose_translation_is_binary_stores_neither(cli, tmp_path):
    french, junk = tmp_path / "fr.txt", tmp_path / "en.txt"
    french.write_text(FRENCH, "utf-8")
    junk.write_bytes(b"\x00" * 100)
    before = snapshot(cli.database)
    refused(cli, before, cli.import_(french, "--translation", junk), "looks like a binary file")


def test_a_file_over_the_size_limit(cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(TEXT * 10)
    before = snapshot(cli.database)
    refused(cli, before, cli.import_(path, "--max-bytes", "1000"), f"file is {len(TEXT) * 10:,} bytes, over the "
                                                                   "limit of 1,000 bytes")
