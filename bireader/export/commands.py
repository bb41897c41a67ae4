"""``bireader export SLUG``: a text's alignment as TSV (every bead) or TMX, or the whole text as JSON, as the web's
/export/<slug>.tsv|.tmx|.json."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("export")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["tsv", "tmx", "json"]), default="tsv", show_default=True,
              help="tsv: every bead (bead, confidence, French, English); tmx: TMX 1.4 of the two-sided beads; "
                   "json: the whole text (structure, sentences, tokens, glosses, beads; schema in docs/ingest.md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
def export_command(slug: str, fmt: str, output: Path | None) -> None:
    """Write the alignment of the library text SLUG (see `bireader list`).

    Example: bireader export candide --format tmx -o candide.tmx
    """
    from bireader.export.alignment import alignment_tmx, alignment_tsv
    from bireader.export.beads import whole_text_beads
    from bireader.store.library import get_text
    from bireader.web.app import create_app

    factory = create_app().extensions["bireader.sessions"]
    with factory() as session:
        text = get_text(session, slug)
        if text is None:
            raise click.ClickException(f"no text called {slug!r} in the library; `bireader list` shows the slugs")
        beads = whole_text_beads(session, text)
        source = text.source.lang
        target = text.target.lang if text.target is not None else ""
        written = f"{len(beads)} beads"
        if fmt == "tmx":
            if not target:
                raise click.ClickException(f"{text.title!r} has one language: there is no alignment to write as TMX")
            body = alignment_tmx(beads, source, target, text.title)
            units = sum(1 for b in beads if b.source and b.target)
            written = f"{units} translation units (<tu>) from {len(beads)} beads, leaving out " \
                      f"{len(beads) - units} one-sided beads,"
        elif fmt == "json":
            import json

            from bireader.export.text_json import text_json

            body = json.dumps(text_json(session, text), ensure_ascii=False, indent=1) + "\n"
        else:
            body = alignment_tsv(beads, source, target)
    if output is None:
        click.echo(body, nl=False)
    else:
        output.write_text(body, "utf-8")
        click.echo(f"wrote {written} of {text.title!r} to {output}", err=True)


@click.command("export-vocab")
@click.argument("slug")
@click.option("--user", "user", metavar="NAME", help="That account's words marked learning, once accounts exist (default: the text's words "
              "rarer than --level, a deck for a whole class).")
@click.option("--level", type=click.IntRange(1, 1_000_000), default=None, metavar="N",
              help="Frequency rank beyond which a word counts as rare (default: the learner's level, else 2000).")
@click.option("--format", "fmt", type=click.Choice(["apkg", "tsv"]), default="apkg", show_default=True,
              help="apkg: an Anki package (genanki); tsv: tab-separated notes for Anki or other tools.")
@click.option("--cloze", is_flag=True, help="apkg: cloze notes (the word blanked in its sentence) instead of word notes.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (tsv: default stdout).")
def export_vocab_command(slug: str, user: str | None, level: int | None, fmt: str, cloze: bool,
                         output: Path | None) -> None:
    """Write the vocabulary of the library text SLUG as Anki notes.

    With --user, that learner's words marked learning; without, the words of the text rarer than --level.
    Re-exporting the same text gives the same note ids, so importing the new file into Anki updates its notes.

    Example: bireader export-vocab candide --level 5000 -o candide.apkg
    """
    from bireader.export.anki import anki_tsv
    from bireader.export.apkg import anki_package
    from bireader.export.vocabulary import text_source, vocabulary_for_export
    from bireader.store.library import get_text
    from bireader.web.app import create_app

    if fmt == "apkg" and output is None:
        raise click.ClickException("an .apkg is a binary file: give -o FILE")
    factory = create_app().extensions["bireader.sessions"]
    with factory() as session:
        text = get_text(session, slug)
        if text is None:
            raise click.ClickException(f"no text called {slug!r} in the library; `bireader list` shows the slugs")
        try:
            items = vocabulary_for_export(session, text, user, level)
        except LookupError as error:
            raise click.ClickException(str(error)) from None
        lang = text.source.lang
        if fmt == "apkg":
            body = anki_package(items, text.slug, text.title, text_source(text), lang, "cloze" if cloze else "word")
        else:
            body = anki_tsv(items, lang)
        title = text.title
    if output is None:
        click.echo(body, nl=False)
        return
    if isinstance(body, bytes):
        output.write_bytes(body)
    else:
        output.write_text(body, "utf-8")
    click.echo(f"wrote {len(items)} notes of {title!r} to {output}", err=True)
