"""``bireader segment`` and ``bireader models download`` through the real command line group."""

import sys

from click.testing import CliRunner

from bireader.cli import main
from bireader.nlp.commands import paragraphs_of


def test_paragraphs_are_separated_by_blank_lines_and_wrapped_lines_joined():
    text = "Il y avait en Vestphalie, dans le\nchâteau de M. le baron.\n  \nSa physionomie\r\nannonçait son âme.\n"
    assert paragraphs_of(text) == ["Il y avait en Vestphalie, dans le château de M. le baron.",
                                   "Sa physionomie annonçait son âme."]


def test_segment_prints_a_sentence_a_line_and_a_blank_line_between_paragraphs(tmp_path):
    source = tmp_path / "text.fr.txt"
    source.write_text("M. Dupont arriva. « Entrez ! » dit-il.\nIl entra.\n\n\n— Non. — Si.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["segment", str(source), "--lang", "fr", "--engine", "offline"])
    assert result.exit_code == 0, result.output
    assert result.output == "M. Dupont arriva.\n« Entrez ! » dit-il.\nIl entra.\n\n— Non.\n— Si.\n"


def test_segment_with_stanza_and_no_models_is_a_clear_error(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text("Hello. Bye.", encoding="utf-8")
    result = CliRunner().invoke(main, ["segment", str(source), "--lang", "en", "--engine", "stanza",
                                       "--stanza-dir", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "bireader models download" in result.output


def test_models_download_without_network_fails_in_one_line(tmp_path, monkeypatch):
    import stanza

    def offline(*args, **kwargs):
        raise ConnectionError("Failed to resolve 'raw.githubusercontent.com'")

    monkeypatch.setattr(stanza, "download", offline)
    result = CliRunner().invoke(main, ["models", "download", "--lang", "fr", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: could not download stanza's fr models")


def test_models_download_without_stanza_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "stanza", None)  # import stanza now raises ImportError
    result = CliRunner().invoke(main, ["models", "download", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "not installed" in result.output and "bireader[stanza]" in result.output
