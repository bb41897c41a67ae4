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


def test_subtitle_timings_and_footnotes_are_stored_and_exported(tmp_path, monkeypatch, database_url):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
    from files import make_epub

    monkeypatch.setenv("DATABASE_URL", database_url)
    runner = CliRunner()
    film = tmp_path / "film.srt"
    film.write_text("1\n00:00:01,000 --> 00:00:03,500\nBonjour, monsieur. Comment allez-vous ?\n\n"
                    "2\n00:01:04,000 --> 00:01:06,250\nTrès bien, merci. Et vous, madame ?\n", "utf-8")
    assert runner.invoke(main, ["import", str(film), "--lang", "fr", "--engine", "offline"]).exit_code == 0
    data = json.loads(runner.invoke(main, ["export", "film", "--format", "json"]).output)
    assert [(s["text"], s["timing"]) for s in data["sides"][0]["sentences"]] == [
        ("Bonjour, monsieur.", [1.0, 3.5]), ("Comment allez-vous ?", [1.0, 3.5]),
        ("Très bien, merci.", [64.0, 66.25]), ("Et vous, madame ?", [64.0, 66.25])]
    book = tmp_path / "conte.epub"
    book.write_bytes(make_epub([("Premier", ["Il pleuvait sur la ville et le vent soufflait sur les toits."])],
                               title="Conte", footnote="Une note de l'éditeur."))
    assert runner.invoke(main, ["import", str(book), "--engine", "offline"]).exit_code == 0
    data = json.loads(runner.invoke(main, ["export", "conte", "--format", "json"]).output)
    side = data["sides"][0]
    assert side["notes"] == ["Une note de l'éditeur."] and "timing" not in side["sentences"][0]
    assert [s["text"] for s in side["sentences"]] == ["Il pleuvait sur la ville et le vent soufflait sur les toits."]
