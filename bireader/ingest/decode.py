"""Turn the bytes of an uploaded file into text, or refuse them with a one-line reason.

Accepted: UTF-8 with or without a byte-order mark, UTF-16 with a BOM, and the single-byte encodings of old
Project Gutenberg and Windows files (cp1252, Latin-1), detected with charset-normalizer. Refused, each with an
:class:`IngestError` that names the file and the problem: an empty file, a binary file, a file over the size
limit, bytes that fit no text encoding.
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
    if b"\x00" in data[:65536]:
        raise IngestError(name, "looks like a binary file (it contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as error:
        utf8_error = error
    text = _decode_single_byte(data)
    if text is None:
        raise IngestError(
            name,
            f"undecodable bytes: not UTF-8 (bad byte at offset {utf8_error.start}) and no Western single-byte encoding fits; "
            "save the file as UTF-8",
        )
    return _checked(text, name)


def _decode_single_byte(data: bytes) -> str | None:
    """cp1252 or Latin-1 text as charset-normalizer sees it; None when the bytes look like no text at all."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        return None
    return str(best)


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file that happens to decode)."""
    if not text.strip():
        raise IngestError(name, "file is empty")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(sample) * 0.01:
        raise IngestError(name, "looks like a binary file (control characters), not text")
    return text
