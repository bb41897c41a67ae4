"""``bireader users add | list | passwd``, the seed made public, ``serve`` refusing a network host without
accounts, and the migration that makes texts of an older database public."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, text

from bireader.cli import main


@pytest.fixture
def runner(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def _user(database_url, name):
    from bireader.accounts.models import User
    from bireader.store.db import open_engine, session_factory

    with session_factory(open_engine(database_url))() as session:
        return session.scalar(select(User).where(User.name == name))


def test_users_add_list_passwd(runner, database_url):
    assert "single-user mode" in runner.invoke(main, ["users", "list"]).output
    result = runner.invoke(main, ["users", "add", "Marie", "--role", "teacher", "--password-stdin"],
                           input="first-secret\n")
    assert result.exit_code == 0 and result.output == "added teacher marie\n"
    result = runner.invoke(main, ["users", "add", "paul", "--role", "learner"], input="second-secret\nsecond-secret\n")
    assert result.exit_code == 0, result.output
    listing = runner.invoke(main, ["users", "list"]).output.splitlines()
    assert [line.split("\t")[:2] for line in listing] == [["paul", "learner"], ["marie", "teacher"]]
    old = _user(database_url, "marie")
    assert runner.invoke(main, ["users", "passwd", "marie", "--password-stdin"], input="third-secret\n").exit_code == 0
    new = _user(database_url, "marie")
    assert new.password_hash != old.password_hash and new.session_token != old.session_token


@pytest.mark.parametrize("args, stdin, message", [
    (["users", "add", "marie", "--role", "teacher", "--password-stdin"], "short\n", "at least 8 characters"),
    (["users", "add", "no spaces", "--role", "teacher", "--password-stdin"], "long-enough\n", "cannot be a user name"),
    (["users", "add", "local", "--role", "admin", "--password-stdin"], "long-enough\n", "single-user mode's own"),
    (["users", "passwd", "nobody", "--password-stdin"], "long-enough\n", "no user called 'nobody'"),
])
def test_users_errors_are_one_line(runner, database_url, args, stdin, message):
    result = runner.invoke(main, args, input=stdin)
    assert result.exit_code == 1 and message in result.output and len(result.output.strip().splitlines()) == 1
    assert _user(database_url, "marie") is None


def test_users_add_refuses_a_duplicate(runner):
    runner.invoke(main, ["users", "add", "marie", "--role", "teacher", "--password-stdin"], input="long-enough\n")
    result = runner.invoke(main, ["users", "add", "MARIE", "--role", "admin", "--password-stdin"], input="long-enough\n")
    assert result.exit_code == 1 and "already a user called 'marie'" in result.output


def test_serve_refuses_a_network_host_without_accounts(runner, monkeypatch):
    import flask

    import waitress

    served = []
    monkeypatch.setattr(flask.Flask, "run", lambda *a, **k: None)  # (never actually serve in a test)
    monkeypatch.setattr(waitress, "serve", lambda app, **k: served.append(k["host"]))
    monkeypatch.setattr("bireader.library_commands._import_seeds", lambda *a, **k: 0)
    result = runner.invoke(main, ["serve", "--host", "0.0.0.0", "--no-worker"])
    assert result.exit_code == 1 and "refusing to serve on 0.0.0.0 without accounts" in result.output
    assert runner.invoke(main, ["serve", "--host", "127.0.0.1", "--no-worker"]).exit_code == 0
    runner.invoke(main, ["users", "add", "root", "--role", "admin", "--password-stdin"], input="long-enough\n")
    assert runner.invoke(main, ["serve", "--host", "0.0.0.0", "--no-worker"]).exit_code == 0
    assert served == ["127.0.0.1", "0.0.0.0"]


def test_the_upgrade_keeps_older_texts_readable_by_everyone(tmp_path):
    from bireader.store.db import open_engine, upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO texts (slug, title, author, credits, page_count, imported_at, aligner) "
                                "VALUES ('old', 'Old', '', '', 0, '2026-01-01', '')"))
    engine.dispose()
    engine = open_engine(url)  # upgrades to the head
    with engine.connect() as connection:
        assert connection.execute(text("SELECT public, owner_id FROM texts")).one() == (1, None)
    from alembic import command
    from alembic.config import Config

    from bireader.store.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:  # and back down
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")  # back to before the classroom migration
    with engine.connect() as connection:
        assert "public" not in [c[1] for c in connection.execute(text("PRAGMA table_info(texts)"))]


def test_the_first_account_takes_over_the_single_user_modes_words_and_texts(runner, database_url, tmp_path):
    import sys

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "web"))
    from accounts_helpers import TokenClient
    from reader_sample import save_sample

    from bireader.learner.models import Learner
    from bireader.store.models import Text
    from bireader.web.app import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": database_url})
    save_sample(app.extensions["bireader.sessions"])
    client = TokenClient(app, app.response_class, use_cookies=True)
    client.put("/api/words", json={"lang": "fr", "lemma": "haie", "status": "known"})  # single-user mode
    client.post("/classes/", data={"name": "Mardi"})
    with app.extensions["bireader.sessions"]() as session, session.begin():
        session.get(Text, 1).owner_id = _user(database_url, "local").id
    result = runner.invoke(main, ["users", "add", "marie", "--role", "teacher", "--password-stdin"], input="long-enough\n")
    assert "takes over its marked words, positions, texts and classes" in result.output
    assert _user(database_url, "local") is None
    marie = _user(database_url, "marie")
    with app.extensions["bireader.sessions"]() as session:
        assert session.get(Text, 1).owner_id == marie.id
        assert session.scalar(select(Learner).where(Learner.user_id == marie.id)) is not None
    client.post("/login", data={"name": "marie", "password": "long-enough"})
    assert client.get("/api/words?lang=fr").get_json() == {"haie": "known"}
    assert "Mardi" in client.get("/classes/").get_data(as_text=True)
    second = runner.invoke(main, ["users", "add", "paul", "--role", "learner", "--password-stdin"], input="long-enough\n")
    assert second.output == "added learner paul\n"
