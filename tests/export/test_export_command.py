"""``bireader export``: the alignment of a library text on stdout or in a file."""

import sys
from pathlib import Path

from click.testing import CliRunner

from bireader.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_monolingual, save_sample  # noqa: E402


def test_export_writes_tsv_and_tmx_and_explains_mistakes(tmp_path, monkeypatch, sessions, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    save_sample(sessions)
    save_monolingual(sessions)
    runner = CliRunner()
    result = runner.invoke(main, ["export", "promenade"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "0\t0.950\tIl pleuvait sur les haies.\tIt was raining on the hedges."
    out = tmp_path / "p.tmx"
    assert runner.invoke(main, ["export", "promenade", "--format", "tmx", "-o", str(out)]).exit_code == 0
    assert out.read_text("utf-8").count("<tu ") == 4
    missing = runner.invoke(main, ["export", "nothing"])
    assert missing.exit_code != 0 and "bireader list" in missing.output
    one_language = runner.invoke(main, ["export", "promenade-fr", "--format", "tmx"])
    assert one_language.exit_code != 0 and "one language" in one_language.output
