"""The hostile-input battery: files built at test time, each case asserting the exit code or HTTP status, the one
line the user sees, and what the library holds after (unchanged, or exactly what was stored).

Every case starts from a copy of one small library (one French text, "base"), so that "unchanged" means something.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from bireader.cli import main
from hostile_helpers import FRENCH, Cli


@pytest.fixture(scope="session")
def base_library(tmp_path_factory) -> Path:
    """A SQLite file holding one imported text, slug "base", made once per session."""
    folder = tmp_path_factory.mktemp("hostile-base")
    source = folder / "base.fr.txt"
    source.write_text(FRENCH, "utf-8")
    database = folder / "base.sqlite"
    result = CliRunner(env={"DATABASE_URL": f"sqlite:///{database}"}).invoke(
        main, ["import", str(source), "--slug", "base", "--title", "Base", "--engine", "offline"])
    assert result.exit_code == 0, result.output
    return database


@pytest.fixture
def library(base_library, tmp_path) -> Path:
    database = tmp_path / "library.sqlite"
    with closing(sqlite3.connect(base_library)) as source, closing(sqlite3.connect(database)) as copy:
        source.backup(copy)  # the base is in WAL mode: a file copy could miss what the log still holds
    return database


@pytest.fixture
def database_url(library) -> str:
    return f"sqlite:///{library}"


@pytest.fixture
def cli(library) -> Cli:
    return Cli(library)
