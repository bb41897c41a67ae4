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
