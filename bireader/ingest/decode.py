"""Turn the bytes of an uploaded file into text, or refuse them with a one-line reason.

Accepted: UTF-8 with or without a byte-order mark, UTF-16 with a BOM, UTF-16 without a BOM when its NUL bytes
say so unambiguously (every other byte of Latin text is NUL), and the single-byte encodings of old Project
Gutenberg and Windows files (cp1252, Latin-1), detected with charset-normalizer. Refused, each with an
:class:`IngestError` that names the file and the problem: an empty file, a file over the size limit, a binary
file (NUL bytes anywhere, or many control characters), and bytes that fit no text encoding.

Invalid UTF-8 is refused, never guessed at: a file that is UTF-8 (it holds valid multi-byte sequences) but also
holds bytes that are not (a Latin-1 line pasted into a UTF-8 file, a truncated download) is refused with the byte
offset of the first bad byte, because decoding it "with replacement" would store question marks in the text a
learner reads, and decoding it as cp1252 would turn every accent of the rest into mojibake ("Ã©"). A file with no
valid multi-byte sequence at all is a single-byte file and is read as cp1252/Latin-1.
"""

from __future__ import annotations

import codecs
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a long novel is 1-2 MB; 20 MB leaves room and stops accidents


class IngestError(Exception):
    """Input that cannot become a text; ``str(error)`` is the one-line message shown to the user."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The decoded text of the file at ``path``."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(str(path), error.strerror or str(error)) from None
    return decode_bytes(data, str(path), max_bytes)


def decode_bytes(data: bytes, name: str = "input", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode ``data``; ``name`` is used in error messages."""
    if len(data) > max_bytes:
        raise IngestError(name, f"file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
    if not data.strip():
        raise IngestError(name, "file is empty")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError as error:
                raise IngestError(name, f"undecodable bytes at offset {error.start} for {encoding}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError(name, f"looks like a binary file (it contains NUL bytes, the first at offset {nul:,}), "
                                    "not text")
        try:
            return _checked(data.decode(utf16), name)
        except UnicodeDecodeError as error:
            raise IngestError(name, f"looks like UTF-16 without a byte-order mark but has undecodable bytes at "
                                    f"offset {error.start:,}; save the file as UTF-8") from None
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as error:
        utf8_error = error
    if _has_utf8_sequences(data):
        raise IngestError(name, f"invalid UTF-8 at byte offset {utf8_error.start:,} in a file that is otherwise UTF-8 "
                                "(mixed encodings?); save the file as UTF-8")
    text = _decode_single_byte(data)
    if text is None:
        raise IngestError(
            name,
            f"undecodable bytes: not UTF-8 (bad byte at offset {utf8_error.start:,}) and no Western single-byte "
            "encoding fits; save the file as UTF-8",
        )
    return _checked(text, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the NUL bytes of ``data`` are those of UTF-16 text without a BOM, else None.

    Text in a Latin script written as UTF-16 has a NUL in every other byte, all on the same side (the high
    byte); a binary file has its NULs anywhere. Both halves are checked on the whole file, so a binary tail
    after a UTF-16-looking head is still refused."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            return encoding
    return None


def _has_utf8_sequences(data: bytes) -> bool:
    """Does ``data`` hold at least one valid multi-byte UTF-8 sequence (so that it is meant as UTF-8)?"""
    decoded = data.decode("utf-8", errors="replace")
    return any(ord(ch) > 127 and ch != "\ufffd" for ch in decoded)


def _decode_single_byte(data: bytes) -> str | None:
    """cp1252 or Latin-1 text as charset-normalizer sees it; None when the bytes look like no text at all."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        return None
    return str(best)


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file that happens to decode) or holds NUL."""
    if not text.strip():
        raise IngestError(name, "file is empty")
    if "\x00" in text:
        raise IngestError(name, f"looks like a binary file (it contains NUL characters, the first at character "
                                f"{text.index(chr(0)):,}), not text")
    for start in range(0, len(text), 65536):  # every window, so that a binary tail is seen too
        window = text[start:start + 65536]
        controls = sum(1 for ch in window if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > max(len(window), 1000) * 0.01:
            raise IngestError(name, "looks like a binary file (control characters), not text")
    return text
