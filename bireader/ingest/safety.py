"""Open zip archives and XML from strangers without letting them take the machine or read its files.

EPUB and DOCX files are zip archives of XML; a hostile one is refused with a one-line :class:`IngestError` before
any reader touches it:

- a zip bomb: a member that expands past :data:`MAX_MEMBER_BYTES`, members that together expand past
  :data:`MAX_TOTAL_BYTES`, a member compressed more than :data:`MAX_RATIO` to 1, too many members. Python's
  ``zipfile`` never inflates past the size the central directory declares (and checks the CRC at the end), so
  checking the declared sizes bounds the memory and time of every later read;
- an encrypted member, or an archive that does not open or whose members fail their CRC check;
- XML with a document type that declares entities (``<!ENTITY``): the billion-laughs expansion and external
  entities (XXE, ``SYSTEM "file:///etc/passwd"``) both need one, and no EPUB or DOCX does. Every XML parser of
  bireader is also built by :func:`xml_parser` (no entity resolution, no DTD loading, no network), so a declaration
  that slipped through would still read nothing.
"""

from __future__ import annotations

import io
import re
import zipfile

from bireader.ingest.decode import IngestError

MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 100
# Tiny members compress at any ratio harmlessly (a run of spaces); the ratio is checked above this size.
RATIO_FLOOR = 1024 * 1024

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_ENTITY_DECLARATION_UTF16 = re.compile("<!ENTITY".encode("utf-16-le"), re.I)


class SafeZip:
    """A zip archive whose declared sizes, ratios, encryption flags and CRCs have been checked."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
            raise IngestError(name, f"a corrupted zip archive ({error})") from None
        if len(infos) > MAX_MEMBERS:
            raise IngestError(name, f"the archive has {len(infos):,} members, over the limit of {MAX_MEMBERS:,}")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise IngestError(name, f"the archive is encrypted ({info.filename}); bireader reads unencrypted files only")
            if info.file_size > MAX_MEMBER_BYTES:
                raise IngestError(name, f"refused as a zip bomb: {info.filename} expands to {info.file_size:,} bytes, "
                                        f"over the limit of {MAX_MEMBER_BYTES:,}")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size / max(info.compress_size, 1)
                raise IngestError(name, f"refused as a zip bomb: {info.filename} is compressed {ratio:,.0f} to 1 "
                                        f"(the limit is {MAX_RATIO} to 1)")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise IngestError(name, f"refused as a zip bomb: the members expand to over {MAX_TOTAL_BYTES:,} bytes")
        try:
            bad = self.archive.testzip()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
            raise IngestError(name, f"a corrupted zip archive ({error})") from None
        except Exception as error:  # noqa: BLE001 - zlib.error and friends: any failure to inflate is corruption
            raise IngestError(name, f"a corrupted zip archive ({type(error).__name__}: {error})") from None
        if bad is not None:
            raise IngestError(name, f"a corrupted zip archive (member {bad} fails its CRC check)")
        self.names = [info.filename for info in infos]

    def has(self, member: str) -> bool:
        return member in self.names

    def read(self, member: str) -> bytes:
        try:
            return self.archive.read(member)
        except KeyError:
            raise IngestError(self.name, f"the archive has no member {member!r}") from None
        except Exception as error:  # noqa: BLE001 - checked by testzip already; anything left is corruption
            raise IngestError(self.name, f"a corrupted zip archive ({type(error).__name__}: {error})") from None

    def read_xml(self, member: str) -> bytes:
        """The member's bytes after :func:`refuse_entity_declarations`."""
        data = self.read(member)
        refuse_entity_declarations(data, f"{self.name}: {member}")
        return data

    def check_all_xml(self) -> None:
        """Refuse entity declarations in every XML-like member (for readers that parse members themselves)."""
        for member in self.names:
            if member.lower().endswith((".xml", ".rels", ".opf", ".ncx", ".xhtml", ".html", ".htm", ".svg")):
                self.read_xml(member)


def refuse_entity_declarations(data: bytes, name: str) -> None:
    """Raise :class:`IngestError` when XML ``data`` declares entities (billion laughs, XXE)."""
    if _ENTITY_DECLARATION.search(data) or _ENTITY_DECLARATION_UTF16.search(data):
        raise IngestError(name, "XML that declares entities (<!ENTITY>) is refused: it is how entity-expansion "
                                "bombs and external-file reads (XXE) work, and no text needs it")


def xml_parser():
    """An lxml parser that resolves no entity, loads no DTD and never touches the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, recover=False)


def parse_xml(data: bytes, name: str):
    """The root element of XML ``data``, parsed safely; :class:`IngestError` on entity declarations or bad XML."""
    from lxml import etree

    refuse_entity_declarations(data, name)
    try:
        return etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as error:
        raise IngestError(name, f"malformed XML ({error})") from None
