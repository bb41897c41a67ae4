"""The seed's structure as a reader sees it, and the plain-text rules behind it."""

from pathlib import Path

import pytest

from bireader.ingest.decode import read_text
from bireader.ingest.plaintext import blocks, is_heading, parse_plaintext, split_date

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "serge_notebooks_1938-44.en.txt"
FRENCH = ROOT / "french" / "serge_carnets_partial.fr.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_plaintext(read_text(SEED), "en")


def test_seed_title_and_metadata_are_not_body_text(seed):
    assert seed.title == "Victor Serge 1938-44"
    assert seed.metadata["Source"] == "Victor Serge, Carnets. Actes Sud, Arles, 1985"
    assert seed.metadata["Translated"] == "for by Mitch Abidor"
    assert seed.metadata["CopyLeft"].startswith("Creative Commons")
    assert seed.metadata["Subtitle"] == "Excerpts from the “Notebooks”"
    body = " ".join(p.text for p in seed.paragraphs())
    assert "Source:" not in body and "CopyLeft" not in body and "Excerpts from the" not in body


def test_seed_sections_in_order(seed):
    assert [s.heading for s in seed.sections] == [
        "Brandler (Dzerzhinsky, Stalin, Semionov)",
        "My split with Trotsky",
        "GPU, TASS, etc.",
        "The profession of the vanquished",
        "The life of an Indio",
        "Extermination of the Jews",
        "Socialist problems",
    ]


def test_seed_dated_entries_in_order(seed):
    dates = [e.date for s in seed.sections for e in s.entries]
    assert dates == [
        "December 1938", "Late July 1936", "January 23, 1944", "January 25, 1944",
        "(Added) Thursday February 3", "February 18, 1944", "February 19, 1944", "April 18, 1944",
        "April 25, 1944", "November 12, 1944", "November 25, 1944",
    ]


def test_seed_paragraphs_per_section(seed):
    assert [len(s.paragraphs) for s in seed.sections] == [7, 9, 5, 2, 6, 4, 11]


def test_date_is_taken_off_the_paragraph(seed):
    first = seed.sections[0].entries[0].paragraphs[0]
    assert first.text.startswith("We meet in the cafes on the boulevard Montparnasse.")
    added = seed.sections[2].entries[1].paragraphs[0]
    assert added.text.startswith("the TASS Agency sent a telegram to Moscow")


def test_aside_stays_inside_its_paragraph(seed):
    brandler = seed.sections[0].paragraphs
    told = [p for p in brandler if "(I was told – N-ki)" in p.text]
    assert len(told) == 1
    assert told[0].text.startswith("(I was told – N-ki) that on December 6 or 7, 1937")
    assert told[0].text.endswith("(I don’t think so).")


def test_french_pieces_have_dates_and_no_title():
    doc = parse_plaintext(read_text(FRENCH), "fr")
    assert doc.title == ""
    assert doc.sections[0].heading == "Brandler (Djzerjinski, Staline, Semionov)"
    assert [e.date for e in doc.sections[0].entries] == ["Décembre 38", "25 avril 44"]
    assert doc.sections[0].entries[0].paragraphs[0].text.startswith("Nous nous rencontrons dans les cafés")


@pytest.mark.parametrize("text, date", [
    ("January 23, 1944 – Beautiful corrida.", "January 23, 1944"),
    ("Late July 1936 – Muste, a delegate.", "Late July 1936"),
    ("In January ’37 I attended a conference.", None),
    ("May – the month of flowers.", None),
])
def test_english_dates(text, date):
    assert split_date(text, "en")[0] == date


@pytest.mark.parametrize("text, date", [
    ("Décembre 38. — Nous nous rencontrons.", "Décembre 38"),
    ("25 avril 44. — Lu Le Procès.", "25 avril 44"),
    ("Mars est le dieu de la guerre.", None),
])
def test_french_dates(text, date):
    assert split_date(text, "fr")[0] == date


@pytest.mark.parametrize("lines, expected", [
    (["GPU, TASS, etc."], True),
    (["CHAPITRE I."], True),
    (["HOW CANDIDE WAS BROUGHT UP IN A MAGNIFICENT CASTLE, AND HOW HE WAS", "EXPELLED THENCE."], True),
    (["Dialogue with Molins:"], False),
    (["“What dignity and wisdom in such old Indios.”"], False),
    (["I answered: “Like among our old muzhiks.”"], False),
])
def test_headings(lines, expected):
    assert is_heading(lines) is expected


def test_chapter_marker_takes_its_title_block():
    text = "CHAPITRE I.\n\nComment Candide fut élevé dans un beau château, et comment il fut\nchassé d'icelui.\n\nIl y avait en Vestphalie un jeune garçon.\n"
    doc = parse_plaintext(text, "fr")
    assert doc.sections[0].heading == "CHAPITRE I.\nComment Candide fut élevé dans un beau château, et comment il fut chassé d'icelui."
    assert [p.text for p in doc.paragraphs()] == ["Il y avait en Vestphalie un jeune garçon."]


def test_hard_wrapped_crlf_lines_join_into_paragraphs():
    text = "First line of a\r\nparagraph that wraps.\r\n\r\nSecond paragraph.\r\n"
    assert blocks(text) == [["First line of a", "paragraph that wraps."], ["Second paragraph."]]
    doc = parse_plaintext(text, "en")
    assert [p.text for p in doc.paragraphs()] == ["First line of a paragraph that wraps.", "Second paragraph."]


def test_ids_are_stable_and_distinct(seed):
    again = parse_plaintext(read_text(SEED), "en")
    assert [p.id for p in seed.paragraphs()] == [p.id for p in again.paragraphs()]
    ids = [p.id for p in seed.paragraphs()]
    assert len(ids) == len(set(ids))


def test_editing_one_paragraph_keeps_the_other_ids(seed):
    edited = read_text(SEED).replace("We prefer to speak of our memories.", "We prefer to talk of our memories.")
    again = parse_plaintext(edited, "en")
    before, after = [p.id for p in seed.paragraphs()], [p.id for p in again.paragraphs()]
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(changed) == 1


def test_a_hyphen_at_a_line_end_belongs_to_the_word():
    text = "dans le château de M. le baron de\nThunder-ten-\ntronckh, un jeune garçon -- et la maison--\nportant le numéro 7 -\nvoilà.\n"
    [paragraph] = parse_plaintext(text, "fr").paragraphs()
    assert paragraph.text == "dans le château de M. le baron de Thunder-ten-tronckh, un jeune garçon -- et la maison--portant le numéro 7 - voilà."


def test_gutenberg_italic_underscores_are_dropped_but_other_underscores_stay():
    text = "He sang the _Te Deum_ with _sufficient\nreason_, said snake_case and __init__.\n"
    [paragraph] = parse_plaintext(text, "en").paragraphs()
    assert paragraph.text == "He sang the Te Deum with sufficient reason, said snake_case and __init__."


def test_one_paragraph_a_line_without_blank_lines_gives_one_paragraph_a_line():
    lines = [
        "Nous étions à l'Étude, quand le Proviseur entra, suivi d'un nouveau habillé en bourgeois et d'un garçon de classe qui portait un grand pupitre.",
        "Le Proviseur nous fit signe de nous rasseoir ; puis, se tournant vers le maître d'études : « Monsieur Roger, lui dit-il à demi-voix, voici un élève que je vous recommande. »",
        "— Levez-vous, dit le professeur.",
        "Resté dans l'angle, derrière la porte, si bien qu'on l'apercevait à peine, le nouveau était un gars de la campagne, d'une quinzaine d'années environ.",
    ]
    doc = parse_plaintext("\n".join(lines) + "\n", "fr")
    assert [p.text for p in doc.paragraphs()] == lines


def test_hard_wrapped_lines_still_join_when_a_few_are_long():
    text = "A short wrapped line of a paragraph that\ngoes on a little further than that and\nends here.\n"
    assert [p.text for p in parse_plaintext(text, "en").paragraphs()] == [
        "A short wrapped line of a paragraph that goes on a little further than that and ends here."]
