"""Hostile titles, slugs and credits on the command line, and nothing replaced by accident."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from hostile_helpers import FRENCH, refused, snapshot, texts

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def french(tmp_path):
    path = tmp_path / "histoire.fr.txt"
    path.write_text(FRENCH, "utf-8")
    return path


REFUSED_OPTIONS = {
    "control character in the title": (["--title", "Titre\x07"], "the title contains the control or formatting "
                                                                 "character U+0007"),
    "newline in the title": (["--title", "Titre\nError: forged"], "character U+000A"),
    "right-to-left override in the title": (["--title", "Histoire\u202etxt.exe"], "character U+202E"),
    "left-to-right isolate in the title": (["--title", "\u2066Histoire"], "character U+2066"),
    "100,000-character title": (["--title", "T" * 100_000], "the title is 100,000 characters long, over the limit "
                                                            "of 300"),
    "control character in the credits": (["--credits", "CC BY\x1b[31m"], "the credits line contains the control or "
                                                                        "formatting character U+001B"),
    "very long credits": (["--credits", "c" * 5000], "the credits line is 5,000 characters long, over the limit "
                                                     "of 2,000"),
    "path traversal in the slug": (["--slug", "../../etc/passwd"], "slug '../../etc/passwd' is not valid"),
    "quotes in the slug": (["--slug", 'a"b'], "slug 'a\"b' is not valid"),
    "XSS in the slug": (["--slug", XSS], "is not valid: use lower-case letters a-z, digits and hyphens"),
    "capitals in the slug": (["--slug", "Candide"], "slug 'Candide' is not valid"),
    "slash in the slug": (["--slug", "a/b"], "slug 'a/b' is not valid"),
    "200-character slug": (["--slug", "a" * 200], "is not valid: use lower-case letters a-z, digits and hyphens "
                                                  "(at most 80)"),
    "slug with a trailing hyphen": (["--slug", "candide-"], "slug 'candide-' is not valid"),
    "taken slug without --replace": (["--slug", "base"], "the slug 'base' is taken by 'Base'; choose another slug, "
                                                         "or replace that text explicitly (--replace)"),
}


@pytest.mark.parametrize("options, message", REFUSED_OPTIONS.values(), ids=REFUSED_OPTIONS.keys())
def test_a_bad_field_is_refused_before_any_work(cli, french, options, message):
    before = snapshot(cli.database)
    result = cli.import_(french, "--lang", "fr", *options)
    refused(cli, before, result, message)
    assert "reading" not in result.output  # refused before the file was even read


def test_replace_without_a_slug_is_a_usage_error(cli, french):
    before = snapshot(cli.database)
    result = cli.import_(french, "--replace")
    assert result.exit_code == 2 and "--replace needs --slug" in result.output
    assert snapshot(cli.database) == before


def test_markup_in_title_and_credits_is_stored_as_text(cli, french):
    result = cli.import_(french, "--title", XSS, "--credits", XSS)
    assert result.exit_code == 0, result.output
    assert texts(cli.database)[-1] == ("script-alert-x-script-img-src-x-onerror-alert-1", XSS, XSS)


def test_a_title_taken_from_the_file_is_cleaned(cli, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Une histoire \u202eévil\u202c\n\nSource: \u202eun livre\n\n" + FRENCH, "utf-8")
    result = cli.import_(path, "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert texts(cli.database)[-1] == ("une-histoire-evil", "Une histoire évil", "Source: un livre")


def test_a_new_import_with_a_taken_title_gets_a_new_slug(cli, french):
    before = snapshot(cli.database)
    for expected in ("base-2", "base-3"):
        result = cli.import_(french, "--title", "Base")
        assert result.exit_code == 0, result.output
        assert f"as {expected}:" in result.output
    after = snapshot(cli.database)
    assert after["texts"][0] == before["texts"][0]  # the first "base" untouched
    assert [t[1] for t in after["texts"]] == ["base", "base-2", "base-3"]


def test_replace_keeps_the_text_row_and_learners_places(cli, french, library):
    engine = create_engine(f"sqlite:///{library}")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO learners (token, level, created_at) VALUES ('t', 2000, '2026-01-01')"))
        connection.execute(text("INSERT INTO reading_positions (learner_id, text_id, page, bead, updated_at) "
                                "VALUES (1, 1, 1, 2, '2026-01-01')"))
        connection.execute(text("INSERT INTO word_statuses (learner_id, lang, lemma, status, updated_at) "
                                "VALUES (1, 'fr', 'maison', 'known', '2026-01-01')"))
    result = cli.import_(french, "--slug", "base", "--replace", "--title", "Base, second edition")
    assert result.exit_code == 0, result.output
    assert texts(library) == [("base", "Base, second edition", "")]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT text_id, page, bead FROM reading_positions")).all() == [(1, 1, 2)]
        assert connection.execute(text("SELECT lemma, status FROM word_statuses")).all() == [("maison", "known")]
    engine.dispose()
