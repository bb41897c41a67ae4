"""The Anki package: a zip whose collection.anki2 holds our notes, with ids that survive a second export."""

import json
import sqlite3
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from bireader.cli import main
from bireader.export.apkg import CLOZE_MODEL_ID, WORD_MODEL_ID, anki_package, cloze_text
from bireader.learner.vocabulary import VocabItem

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_monolingual, save_sample  # noqa: E402


def read_collection(apkg: Path, tmp_path: Path, name: str = "collection.anki2"):
    with zipfile.ZipFile(apkg) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", tmp_path / name)
    db = sqlite3.connect(tmp_path / name / "collection.anki2")
    notes = db.execute("select guid, mid, flds, tags from notes order by guid").fetchall()
    models = json.loads(db.execute("select models from col").fetchone()[0])
    decks = json.loads(db.execute("select decks from col").fetchone()[0])
    cards = db.execute("select count(*) from cards").fetchone()[0]
    db.close()
    return notes, models, decks, cards


def export(runner, *args):
    result = runner.invoke(main, ["export-vocab", *args])
    assert result.exit_code == 0, result.output
    return result


def test_apkg_holds_word_notes_with_both_sentences_and_stable_ids(tmp_path, monkeypatch, sessions, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    save_sample(sessions)
    runner = CliRunner()
    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    result = export(runner, "promenade", "--level", "2000", "-o", str(first))
    assert "notes of 'Promenade sous la pluie'" in result.output
    notes, models, decks, cards = read_collection(first, tmp_path, "one")
    model = models[str(WORD_MODEL_ID)]
    assert [f["name"] for f in model["flds"]] == ["Word", "Lemma", "Gloss", "Sentence FR", "Sentence EN", "Source"]
    assert cards == len(notes)
    fields = {n[2].split("\x1f")[1]: n[2].split("\x1f") for n in notes}
    # rarer than rank 2000 in the sample: haies (12000), pleuvoir (3000), longer (9000), volet, apercevoir
    assert {"haie", "pleuvoir", "longer", "volet", "apercevoir"} <= set(fields)
    assert "marcher" not in fields and "vieux" not in fields  # ranks 400, 300: not rare at 2000
    haie = fields["haie"]
    assert haie[0] == "haies" and haie[2].startswith("hedges")
    assert haie[3] == "Il pleuvait sur les <b>haies</b>."
    assert haie[4] == "It was raining on the <b>hedges</b>."
    assert all(n[1] == WORD_MODEL_ID for n in notes)
    assert " bireader " in f" {notes[0][3].strip()} "
    assert any(d["name"].startswith("bireader::") for d in decks.values())
    # a second export, later: same guids, same deck, so Anki updates the notes instead of adding new ones
    export(runner, "promenade", "--level", "2000", "-o", str(second))
    notes_again, _, decks_again, _ = read_collection(second, tmp_path, "two")
    assert [n[0] for n in notes_again] == [n[0] for n in notes]
    assert set(decks_again) == set(decks)


def test_cloze_variant_blanks_the_word_with_its_gloss_as_hint(tmp_path, monkeypatch, sessions, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    save_sample(sessions)
    out = tmp_path / "cloze.apkg"
    export(CliRunner(), "promenade", "--cloze", "-o", str(out))
    notes, models, _, cards = read_collection(out, tmp_path)
    assert models[str(CLOZE_MODEL_ID)]["type"] == 1  # Anki's cloze note type
    texts = [n[2].split("\x1f")[0] for n in notes]
    assert "Il pleuvait sur les {{c1::haies::hedges}}." in texts
    assert cards == len(notes)
    word_guids = {n[0] for n in read_collection(
        _export_word(tmp_path, out.parent / "word.apkg"), tmp_path, "word")[0]}
    assert not word_guids & {n[0] for n in notes}  # a word note and a cloze note of one word are two notes


def _export_word(tmp_path, path):
    export(CliRunner(), "promenade", "-o", str(path))
    return path


def test_tsv_format_and_mistakes(tmp_path, monkeypatch, sessions, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    save_sample(sessions)
    save_monolingual(sessions)
    runner = CliRunner()
    tsv = export(runner, "promenade", "--format", "tsv").output
    assert tsv.startswith("#separator:tab\n#html:true\n")
    assert "Il pleuvait sur les <b>haies</b>.\tIt was raining on the <b>hedges</b>." in tsv
    no_file = runner.invoke(main, ["export-vocab", "promenade"])
    assert no_file.exit_code != 0 and "-o FILE" in no_file.output
    missing = runner.invoke(main, ["export-vocab", "nothing", "-o", str(tmp_path / "x.apkg")])
    assert missing.exit_code != 0 and "bireader list" in missing.output
    assert not (tmp_path / "x.apkg").exists()
    no_account = runner.invoke(main, ["export-vocab", "promenade", "--user", "amelie", "-o", str(tmp_path / "x.apkg")])
    assert no_account.exit_code != 0 and "no account of that name" in no_account.output
    assert "--level" in no_account.output and not (tmp_path / "x.apkg").exists()


def test_a_users_export_holds_the_words_that_learner_is_learning(tmp_path, monkeypatch, sessions, database_url):
    from bireader.accounts.service import add_user
    from bireader.learner.models import Learner
    from bireader.learner.service import new_token, set_word_status

    monkeypatch.setenv("DATABASE_URL", database_url)
    save_sample(sessions)
    with sessions() as session, session.begin():
        add_user(session, "amelie", "learner", "correct horse battery")
        add_user(session, "bruno", "learner", "correct horse battery")
    runner = CliRunner()
    unmarked = runner.invoke(main, ["export-vocab", "promenade", "--user", "bruno", "-o", str(tmp_path / "b.tsv"),
                                    "--format", "tsv"])
    assert unmarked.exit_code != 0 and "marked no words" in unmarked.output
    with sessions() as session, session.begin():
        from bireader.accounts.service import find_user

        learner = Learner(token=new_token(), user_id=find_user(session, "amelie").id)
        session.add(learner)
        session.flush()
        set_word_status(session, learner, "fr", "volet", "learning")
        set_word_status(session, learner, "fr", "haie", "known")
    tsv = export(runner, "promenade", "--user", "amelie", "--format", "tsv").output
    rows = [line for line in tsv.splitlines() if not line.startswith("#")]
    assert len(rows) == 1 and "volet" in rows[0]  # her learning word only: not haie (known), not the other rare ones


def test_cloze_text_escapes_the_sentence_and_keeps_anki_syntax_intact():
    item = VocabItem(lemma="sage", word="sage", pos="ADJ", gloss=None, gloss_text="", status=None, freq_rank=None,
                     needs_gloss=True, sentence="Un <homme> sage & fou.", marked="", translation="", start=11, end=15)
    assert cloze_text(item, "wise") == "Un &lt;homme&gt; {{c1::sage::wise}} &amp; fou."
    assert cloze_text(item) == "Un &lt;homme&gt; {{c1::sage}} &amp; fou."


def test_an_empty_vocabulary_is_still_a_package_anki_opens(tmp_path):
    path = tmp_path / "empty.apkg"
    path.write_bytes(anki_package([], "x", "X"))
    notes, models, decks, cards = read_collection(path, tmp_path)
    assert notes == [] and cards == 0 and str(WORD_MODEL_ID) in models
