"""The library commands: one-line errors with a non-zero exit, nothing stored on bad input."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from bireader import __version__
from bireader.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "serge_notebooks_1938-44.en.txt"


@pytest.fixture
def runner(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("content, problem", [
    (b"", "file is empty"),
    (b"\x00\x01\x02binary\x00" * 50, "looks like a binary file"),
])
def test_bad_file_gives_one_line_error_and_stores_nothing(runner, tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {path}: {problem}" + errors[0].split(problem, 1)[1]]
    assert "the library is empty" in runner.invoke(main, ["list"]).output


def test_file_over_the_size_limit(runner, tmp_path):
    result = runner.invoke(main, ["import", str(SEED), "--max-bytes", "1000"])
    assert result.exit_code == 1
    assert "over the limit of 1,000 bytes" in result.output


def test_import_then_list(runner):
    result = runner.invoke(main, ["import", str(SEED), "--slug", "seed"])
    assert result.exit_code == 0, result.output
    assert "imported 'Victor Serge 1938-44' as seed" in result.output
    listed = runner.invoke(main, ["list"]).output
    assert listed.startswith("seed\tVictor Serge 1938-44\t")


def test_stanza_engine_without_models_is_a_one_line_error(runner, tmp_path):
    empty = tmp_path / "no-models"
    empty.mkdir()
    result = runner.invoke(main, ["import", str(SEED), "--engine", "stanza", "--stanza-dir", str(empty)])
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert "stanza" in line
    assert "the library is empty" in runner.invoke(main, ["list"]).output
