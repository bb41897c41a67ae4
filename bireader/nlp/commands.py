"""``bireader segment`` and ``bireader models download``: the NLP engines on the command line."""

from __future__ import annotations

import re
import sys

import click

from bireader.nlp import ENGINE_NAMES, LANGUAGES, EngineUnavailable, get_engine

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a plain text: separated by blank lines, hard-wrapped lines joined with a space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in _BLANK_LINE.split(text):
        joined = " ".join(line.strip() for line in block.split("\n") if line.strip())
        if joined:
            paragraphs.append(joined)
    return paragraphs


def segment_text(text: str, lang: str, engine: str = "auto", stanza_dir: str | None = None) -> str:
    """The text with one sentence a line and a blank line between paragraphs (what ``bireader segment`` prints)."""
    return segment_paragraphs(paragraphs_of(text), lang, engine, stanza_dir)


def segment_paragraphs(paragraphs: list[str], lang: str, engine: str = "auto", stanza_dir: str | None = None) -> str:
    split = get_engine(engine, stanza_dir).split(paragraphs, lang)
    return "\n\n".join("\n".join(sentences) for sentences in split if sentences) + ("\n" if paragraphs else "")


@click.command("segment")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--lang", type=click.Choice(LANGUAGES), required=True, help="Language of the text.")
@click.option("--engine", type=click.Choice(ENGINE_NAMES), default="auto", show_default=True,
              help="auto = stanza when its models are on disk, else offline.")
@click.option("--stanza-dir", type=click.Path(file_okay=False), default=None,
              help="Stanza's model folder (default: $STANZA_RESOURCES_DIR or ~/stanza_resources).")
def segment_command(file: str, lang: str, engine: str, stanza_dir: str | None) -> None:
    """Print FILE one sentence a line, with a blank line between paragraphs.

    FILE is read as `bireader import` reads it: plain text in UTF-8, cp1252 or Latin-1 (paragraphs separated by
    blank lines, hard-wrapped lines joined), or HTML, EPUB, DOCX, PDF, SRT, WebVTT (headings print as paragraphs
    of their own). Use - for standard input.

    Example: bireader segment candide.fr.txt --lang fr > candide.fr.sentences.txt
    """
    from bireader.ingest.decode import IngestError
    from bireader.ingest.readers import read_paragraphs

    try:
        sys.stdout.write(segment_paragraphs(read_paragraphs(file), lang, engine, stanza_dir))
    except (EngineUnavailable, IngestError) as error:
        raise click.ClickException(str(error)) from None


@click.group("models")
def models_group() -> None:
    """Stanza's models for the stanza engine (the offline engine needs none)."""


@models_group.command("download")
@click.option("--lang", "langs", type=click.Choice(LANGUAGES), multiple=True,
              help="Language to fetch (repeatable; default: fr and en).")
@click.option("--dir", "stanza_dir", type=click.Path(file_okay=False), default=None,
              help="Where to put them (default: $STANZA_RESOURCES_DIR or ~/stanza_resources).")
def download_command(langs: tuple[str, ...], stanza_dir: str | None) -> None:
    """Download stanza's tokenize, mwt, pos and lemma models (needs stanza installed and network access).

    Example: bireader models download --lang fr --lang en --dir ~/stanza_resources
    """
    from bireader.nlp.stanza_engine import download_models

    try:
        folder = download_models(list(langs or LANGUAGES), stanza_dir)
    except EngineUnavailable as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    click.echo(f"stanza models for {', '.join(langs or LANGUAGES)} are in {folder}")
