"""Draw a sample of content words for the first-sense check, by a seeded procedure anyone can repeat.

    .venv/bin/python -m bench.first_sense_sample ../shared/corpus/verne_80jours_ch1-3.en.txt en > draft.tsv

The held-out samples (``bench/data/first_sense_{en,fr}_heldout.tsv``) were drawn this way, with the defaults, and
the second tuning samples (``first_sense_{en,fr}_dev.tsv``) with ``--exclude {en,fr}_heldout``:

1. the text's paragraphs analysed by the offline engine (``bench.gloss.document_from_text``), and glossed toward
   the other language by ``gloss_monolingual``, which decides what is gloss-worthy (names and numbers are not);
2. the candidates: gloss-worthy tokens tagged NOUN, VERB, ADJ or ADV, outside multi-word expressions, whose
   lemma is a word of letters (``--`` glued to a word is not one); one per (lemma, tag), with its first
   occurrence's form and sentence; lemmas already in the tuning sample of the same language
   (``first_sense_{lang}.tsv``, and those of the samples named by ``--exclude``) left out, so that the samples
   share no word;
3. the candidates sorted, then ``random.Random(seed).sample(candidates, n)``, written in the order drawn.

Columns: lemma, tag, form (as the offline engine reads them), the accepted translations (left empty here: they
are written by hand, with the sentence in view, before the lexicon's senses are looked at), the sentence.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from bench.gloss import DATA, document_from_text

CONTENT = ("NOUN", "VERB", "ADJ", "ADV")
_LETTERS = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def sample_lemmas(sample: str) -> set[str]:
    path = DATA / f"first_sense_{sample}.tsv"
    return {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}


def candidates(path: Path, lang: str, exclude: tuple[str, ...] = ()) -> list[tuple[str, str, str, str]]:
    """(lemma, tag, form, sentence) of each gloss-worthy content word of the text, first occurrence, sorted."""
    from bireader.gloss import gloss_monolingual

    doc = document_from_text(path, lang)
    glosses = gloss_monolingual(doc, "fr" if lang == "en" else "en")
    seen: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    skip = set().union(*(sample_lemmas(name) for name in (lang,) + tuple(exclude)))
    for sentence in doc.sentences():
        for g in glosses[sentence.id]:
            token = sentence.tokens[g.token]
            lemma = (token.lemma or token.text).lower()
            if (not g.gloss_worthy or g.group or token.pos not in CONTENT or not _LETTERS.match(lemma)
                    or lemma in skip or (lemma, token.pos) in seen):
                continue
            seen[lemma, token.pos] = (lemma, token.pos, token.text, " ".join(sentence.text.split()))
    return sorted(seen.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", type=Path)
    parser.add_argument("lang", choices=("en", "fr"))
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--exclude", nargs="*", default=[],
                        help="other samples whose lemmas to leave out too (e.g. en_heldout)")
    args = parser.parse_args()
    pool = candidates(args.text, args.lang, tuple(args.exclude))
    drawn = random.Random(args.seed).sample(pool, args.n)
    print(f"# {args.n} of {len(pool)} candidates drawn from {args.text.name} (seed {args.seed}): "
          "python -m bench.first_sense_sample", file=sys.stderr)
    for lemma, tag, form, sentence in drawn:
        print("\t".join([lemma, tag, form, "", sentence]))


if __name__ == "__main__":
    main()
