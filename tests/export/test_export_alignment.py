"""Alignment files: TSV with every bead, TMX with the beads that pair both languages."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace as NS

from bireader.export.alignment import alignment_tmx, alignment_tsv

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def beads():
    s = lambda text: NS(text=text)
    return [NS(position=0, confidence=0.9, source=[s("Il pleut."), s("Fort.")], target=[s("It is raining hard.")]),
            NS(position=1, confidence=0.0, source=[], target=[s("Nobody came.")]),
            NS(position=2, confidence=0.5, source=[s("A & <b>.")], target=[s("A & <b>.")])]


def test_tsv_has_a_row_per_bead_with_empty_cells_for_missing_sides():
    lines = alignment_tsv(beads()).splitlines()
    assert lines == ["bead\tconfidence\tfr\ten", "0\t0.900\tIl pleut. Fort.\tIt is raining hard.",
                     "1\t0.000\t\tNobody came.", "2\t0.500\tA & <b>.\tA & <b>."]


def test_tmx_is_well_formed_with_one_unit_per_two_sided_bead():
    root = ET.fromstring(alignment_tmx(beads(), "fr", "en", title="Pluie & vent"))
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "fr"
    units = root.findall("body/tu")
    assert [u.get("tuid") for u in units] == ["0", "2"]
    pairs = [(t.get(XML_LANG), t.findtext("seg")) for t in units[1].findall("tuv")]
    assert pairs == [("fr", "A & <b>."), ("en", "A & <b>.")]
