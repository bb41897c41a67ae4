"""The whole text as JSON (``bireader export SLUG --format json``, ``/export/<slug>.json``), and the TMX count."""

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from bireader.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_monolingual, save_sample  # noqa: E402


def test_json_export_has_structure_sentences_tokens_glosses_and_beads(tmp_path, monkeypatch, sessions, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    save_sample(sessions)
    result = CliRunner().invoke(main, ["export", "promenade", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["format"], data["version"], data["slug"], data["languages"]) == ("bireader-text", 1, "promenade",
                                                                                  ["fr", "en"])
    french, english = data["sides"]
    assert (french["role"], english["role"]) == ("source", "target")
    section = french["sections"][0]
    assert section["heading"] == "Chapitre premier" and section["entries"][0]["date"] == "Lundi 3 mars"
    assert [p["sentences"] for p in section["entries"][0]["paragraphs"]] == [[0, 1], [2, 3, 4]]
    first = french["sentences"][1]
    assert first["text"] == "Candide marchait seul."
    marchait = first["tokens"][1]
    assert marchait == {"text": "marchait", "start": 8, "end": 16, "lemma": "marcher", "pos": "VERB", "word": True}
    gloss = next(g for g in first["glosses"] if g["token"] == 1)
    assert gloss["senses"][:1] == ["to walk"] and gloss["rendering_text"] == "walked"
    assert data["beads"][2] == {"index": 2, "source": [2, 3], "target": [2], "confidence": 0.8, "edited": False}
    assert data["beads"][4]["source"] == [] and len(data["beads"]) == 7
    assert len(english["sentences"]) == 7


def test_json_export_over_the_web(client, sessions):
    save_sample(sessions)
    save_monolingual(sessions)
    response = client.get("/export/promenade.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert 'attachment; filename="promenade.json"' == response.headers["Content-Disposition"]
    assert response.get_json()["beads"][0]["confidence"] == 0.95
    one_language = client.get("/export/promenade-fr.json").get_json()
    assert one_language["languages"] == ["fr"] and all(b["target"] == [] for b in one_language["beads"])
    assert client.get("/export/nothing.json").status_code == 404


def test_tmx_export_says_how_many_units_it_wrote(tmp_path, monkeypatch, sessions, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    save_sample(sessions)
    out = tmp_path / "p.tmx"
    result = CliRunner().invoke(main, ["export", "promenade", "--format", "tmx", "-o", str(out)])
    assert result.exit_code == 0
    assert "wrote 4 translation units (<tu>) from 7 beads, leaving out 3 one-sided beads" in result.output
    assert out.read_text("utf-8").count("<tu ") == 4
