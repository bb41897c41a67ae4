"""``bireader wordalign``: word links for line-parallel French and English files, in Pharaoh format."""

from __future__ import annotations

import sys

import click


@click.command(name="wordalign")
@click.argument("fr_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.argument("en_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--presegmented", is_flag=True, help="One sentence (or aligned bead) per line, lines parallel.")
@click.option("--pretokenized", is_flag=True, help="Tokens are separated by spaces; link indices refer to them.")
@click.option("--symmetrize", type=click.Choice(["intersect", "grow-diag-final-and", "forward", "backward"]),
              default="intersect", show_default=True, help="How the two directions' links are combined.")
@click.option("--no-lexicon", is_flag=True, help="Train without the dictionary prior (for comparison).")
def wordalign_command(fr_file, en_file, presegmented, pretokenized, symmetrize, no_lexicon):
    """Print the word links of each line pair as `i-j` (French token i, English token j, 0-based).

    Example:

        bireader wordalign story.fr story.en --presegmented --pretokenized > story.links

    Without --pretokenized, lines are tokenised with French elisions and punctuation split off (the indices refer
    to those tokens). The aligner is trained on the input itself: give it the whole text, not one line.
    """
    from bireader.gloss.analysis import simple_tokens
    from bireader.gloss.wordalign import align_words, pharaoh

    if not presegmented:
        raise click.UsageError("only --presegmented input (one sentence per line, lines parallel) is supported; "
                               "align sentences first with `bireader align`")
    from bireader.ingest.decode import IngestError
    from bireader.ingest.readers import read_lines

    try:  # decoded as `bireader import` decodes (UTF-8, UTF-16 with a BOM, cp1252, Latin-1)
        fr_lines, en_lines = read_lines(fr_file), read_lines(en_file)
    except IngestError as error:
        raise click.ClickException(str(error)) from None
    if len(fr_lines) != len(en_lines):
        raise click.UsageError(f"{len(fr_lines)} French lines but {len(en_lines)} English lines: "
                               "the files must be line-parallel")
    split = (lambda line, lang: line.split()) if pretokenized else simple_tokens
    fr = [split(line, "fr") for line in fr_lines]
    en = [split(line, "en") for line in en_lines]
    alignments = align_words(fr, en, use_lexicon=not no_lexicon)
    pick = {"intersect": "links", "grow-diag-final-and": "grown", "forward": "forward", "backward": "backward"}
    out = sys.stdout
    for a in alignments:
        out.write(pharaoh(getattr(a, pick[symmetrize])) + "\n")
