"""What each lexicon source adds: coverage of French content tokens by cumulative source sets.

    .venv/bin/python -m bench.lexicon_coverage [--no-pivots]

Coverage = share of gloss-worthy French content tokens (NOUN, VERB, ADJ, ADV; names, numbers excluded as the
glosser decides) that get at least one sense. Lookups go through ``find_senses`` (lemma, form, simplemma, spelling
variants; "+ fallbacks" adds the -ment adverb derivation) with the lexicon restricted to the sources listed.
It also rebuilds the lexicon with each pivot language alone when the Debian packages and ``lt-print`` are here
(~30 s each; ``--no-pivots`` skips it).
Writes its table between the lexicon markers of docs/gloss.md.
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

from bench import write_block
from bench.gloss import CORPUS, DOC, document_from_text
from bireader.gloss.glosses import CONTENT_POS, document_names, is_gloss_worthy
from bireader.lexicon import DATA, Lexicon, load_lexicon
from bireader.lexicon.lookup import find_senses

TEXTS = ["serge_carnets_partial.fr.txt", "voltaire_candide_ch1-6.fr.txt", "maupassant_3contes.fr.txt",
         "verne_80jours_ch1-3.fr.txt"]
SOURCE_SETS = [
    ("FreeDict fra-eng", {"freedict"}),
    ("+ FreeDict eng-fra reversed", {"freedict", "freedict-reverse"}),
    ("+ Apertium pivots (es, ca, eo)", {"freedict", "freedict-reverse", "apertium-pivot"}),
]


def pivots_available() -> bool:
    import shutil

    from bireader.lexicon.build import APERTIUM, PIVOTS

    return shutil.which("lt-print") is not None and all(
        (APERTIUM / f"{name}.autobil.bin").exists() for pivot in PIVOTS for name in pivot[1:] if name
    )


def rows_of(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def content_tokens(doc) -> list:
    """The tokens the glosser calls gloss-worthy content words (judged with the full lexicon)."""
    full = load_lexicon("fr", "en")
    sentences = [s.tokens for s in doc.sentences()]
    names = document_names(sentences)
    out = []
    for tokens in sentences:
        for i, t in enumerate(tokens):
            if t.pos in CONTENT_POS:
                known = bool(find_senses(full, t.text, t.lemma, t.pos)[1])
                if is_gloss_worthy(t, i, tokens, known, names):
                    out.append(t)
    return out


def covered(lex: Lexicon, tokens: list, fallbacks: bool) -> float:
    hit = 0
    for t in tokens:
        if fallbacks:
            hit += bool(find_senses(lex, t.text, t.lemma, t.pos)[1])
        else:
            hit += bool(lex.senses(t.lemma or t.text) or lex.senses(t.text))
    return hit / max(len(tokens), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pivots", action="store_true", help="do not measure each pivot language alone")
    args = parser.parse_args()
    args.pivots = not args.no_pivots and pivots_available()
    rows = rows_of(DATA / "fr-en.tsv.gz")
    texts = {name: content_tokens(document_from_text(CORPUS / name, "fr")) for name in TEXTS}
    variants: list[tuple[str, Lexicon, bool]] = []
    for label, sources in SOURCE_SETS:
        lex = Lexicon.from_rows("fr", "en", [r for r in rows if r[2] in sources])
        variants.append((f"{label} ({len(lex)} headwords)", lex, False))
    variants.append(("+ fallbacks (ligatures, simplemma, -ment adverbs, participles, cognates)", variants[-1][1], True))
    if args.pivots:
        from bireader.lexicon.build import build

        for pivot in ("es", "ca", "eo"):
            with tempfile.TemporaryDirectory() as tmp:
                build(Path(tmp), pivots=[pivot])
                lex = Lexicon.from_rows("fr", "en", rows_of(Path(tmp) / "fr-en.tsv.gz"))
            variants.append((f"FreeDict both + pivot {pivot} only, with fallbacks ({len(lex)} headwords)", lex, True))
    header = "| lexicon | " + " | ".join(f"{n.split('.')[0]} ({len(texts[n])})" for n in TEXTS) + " |"
    lines = [header, "|---" * (len(TEXTS) + 1) + "|"]
    for label, lex, fallbacks in variants:
        lines.append(f"| {label} | " + " | ".join(f"{100 * covered(lex, texts[n], fallbacks):.1f} %" for n in TEXTS) + " |")
        print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(text)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    write_block(DOC, "<!-- bench:lexicon -->", "<!-- /bench:lexicon -->",
                f"Measured {stamp} by `python -m bench.lexicon_coverage` "
                f"(French content tokens per text in brackets).\n\n{text}\n")


if __name__ == "__main__":
    main()
