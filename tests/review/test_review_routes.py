"""The review screen through the Flask test client: listing, CSRF, edits that reach the reader and the exports."""

import re

from review_sample import FRENCH, SLUG, document

from bireader.store.db import transaction
from bireader.store.library import save_text


def csrf(client) -> str:
    page = client.get(f"/review/{SLUG}").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def post(client, token, **fields):
    return client.post(f"/review/{SLUG}/edit", data={"csrf": token, **{k: str(v) for k, v in fields.items()}})


def reader_beads(client) -> dict[int, str]:
    """Bead position -> its HTML on the reader pages, across every page."""
    beads, number = {}, 1
    while True:
        response = client.get(f"/read/{SLUG}/{number}")
        if response.status_code != 200:
            return beads
        html = response.get_data(as_text=True)
        parts = re.split(r'(?=<div class="bead[^"]*" data-bead=")', html)
        for part in parts[1:]:
            beads[int(re.match(r'<div class="bead[^"]*" data-bead="(\d+)"', part).group(1))] = part
        number += 1


def tsv_rows(client) -> list[list[str]]:
    response = client.get(f"/export/{SLUG}.tsv")
    assert response.status_code == 200
    return [line.split("\t") for line in response.get_data(as_text=True).splitlines()[1:]]


def test_listing_shows_beads_with_confidence_and_forms(client, sample):
    html = client.get(f"/review/{SLUG}?order=lowest").get_data(as_text=True)
    rows = re.findall(r'<tr id="b(\d+)"', html)
    assert rows == ["3", "7", "6", "5", "4", "2", "1", "8", "0"]
    assert "Phrase 5" in html and "Sentence 6" in html and "0.30" in html
    assert html.count('name="op" value="merge"') == 8  # every bead but the last
    below = client.get(f"/review/{SLUG}?order=below").get_data(as_text=True)
    assert re.findall(r'<tr id="b(\d+)"', below) == ["3", "6", "7"]


def test_an_edit_without_the_token_is_refused(raw_client, sample):
    client = raw_client
    before = tsv_rows(client)
    client.get(f"/review/{SLUG}")  # the session has a token; the form does not send it
    response = client.post(f"/review/{SLUG}/edit", data={"op": "merge", "bead": "3"})
    assert response.status_code == 400
    assert post(client, "forged", op="merge", bead=3).status_code == 400
    assert tsv_rows(client) == before


def test_merge_changes_the_reader_and_the_tsv_export(client, sample):
    token = csrf(client)
    before = reader_beads(client)
    assert len(tsv_rows(client)) == 9  # fills the export's bead cache, which the edit must invalidate
    assert "Sentence 3 " in before[3] and "Phrase" not in before[3].split('side target')[0].split('side source')[1]
    response = post(client, token, op="merge", bead=3, expected="3,0,3,1", order="text", page=1)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/review/{SLUG}?order=text&page=1#b3")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Merged bead 3 with bead 4." in page
    after = reader_beads(client)
    assert len(after) == len(before) - 1
    assert "Phrase 3 " in after[3] and "Sentence 3 " in after[3] and "Sentence 4 " in after[3]
    rows = tsv_rows(client)
    assert len(rows) == 8
    assert rows[3][1] == "1.000" and rows[3][2].startswith("Phrase 3 ")
    assert "Sentence 3 " in rows[3][3] and "Sentence 4 " in rows[3][3]


def test_split_and_move_reach_the_export(client, sample):
    token = csrf(client)
    post(client, token, op="split", bead=6, source_count=1, target_count=0)  # [5,6]:[6] -> [5]:[] [6]:[6]
    post(client, token, op="move", bead=8, side="target", to="previous")  # EN 7 joins [6]:[6]
    rows = tsv_rows(client)
    assert [r[2].split()[:2] for r in rows[6:8]] == [["Phrase", "5"], ["Phrase", "6"]]
    assert rows[6][3] == "" and rows[7][3].startswith("Sentence 6 ") and "Sentence 7 " in rows[7][3]


def test_an_impossible_edit_says_why_and_changes_nothing(client, sample):
    token = csrf(client)
    before = tsv_rows(client)
    response = post(client, token, op="detach", bead=3, side="target", position=3, order="lowest", page=1)
    assert response.headers["Location"].endswith(f"/review/{SLUG}?order=lowest&page=1")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nothing changed: English sentence 3 is already alone in its bead." in page
    stale = post(client, token, op="confirm", bead=4, expected="9,9,9,9")
    assert "the alignment changed" in client.get(stale.headers["Location"]).get_data(as_text=True)
    assert tsv_rows(client) == before


def test_library_links_review_for_bilingual_texts_only(client, sample, sessions):
    with transaction(sessions) as session:
        save_text(session, document("fr", FRENCH), slug="seul", title="Seul")
    html = client.get("/").get_data(as_text=True)
    assert f'href="/review/{SLUG}"' in html and 'href="/review/seul"' not in html
    assert client.get("/review/seul").status_code == 404
    assert client.get("/review/nothing").status_code == 404
