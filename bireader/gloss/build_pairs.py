"""Build the word-pair table that the aligner takes as a prior (``wordalign.word_pairs``).

The problem: eflomal learns a book's words from that book alone, and a short story is too little text (ALIBI
intersection AER 0.073 on the stories, 0.068 with 5,000 more sentence pairs as training text, for six times
the CPU at every import). Most of what the extra text teaches is which lemmas translate which, and that can be
learned once: here eflomal (seeded, dictionary prior, no table) aligns the sentence pairs of other books, and
each lemma pair the intersection links at least ``MIN_LINKS`` times, in at least ``MIN_SHARE`` of the
sentence pairs where both occur, goes into ``bireader/gloss/data/word_pairs.fr-en.tsv.gz``. A pair linked
often but mostly not (``de``/``the``) stays out: given as a prior it made the links worse (AER 0.083).

The books (none is an ALIBI story, the test set): the eleven TransRead novels' gold beads
(``../shared/eval/transread_fr-en``, tokens as given, CC BY-SA 4.0) and *Madame Bovary* with Eleanor
Marx-Aveling's translation (``../shared/eval/bovary_fr-en``, public domain), cut into beads by
``bireader.align`` and into tokens by ``analysis.simple_tokens``. Words are lowercase simplemma lemmas, as
``align_words`` makes them. The output is the same for the same inputs and versions (seeded eflomal, sorted
lines, no time stamp in the gzip header).

    python -m bireader.gloss.build_pairs [--shared ../shared]
"""

from __future__ import annotations

import argparse
import ast
import gzip
from collections import Counter
from pathlib import Path

from bireader.gloss.wordalign import DEFAULT_SEED, align_words, pairs_path

MIN_LINKS = 2  # 2 against 3 measured on ALIBI (docs/gloss.md)
MIN_SHARE = 0.3  # 0.2-0.5 all gave ALIBI AER 0.063-0.064 (docs/gloss.md); no share filter, 0.083


def transread_pairs(root: Path) -> list[tuple[list[str], list[str]]]:
    """The sentence pairs of the TransRead gold beads (both sides non-empty), tokens as given."""
    out = []
    for book in sorted(p for p in root.iterdir() if p.is_dir()):
        fr = (book / f"{book.name}.fr").read_text(encoding="utf-8").splitlines()
        en = (book / f"{book.name}.en").read_text(encoding="utf-8").splitlines()
        for line in (book / f"{book.name}.gold.fr-en").read_text(encoding="utf-8").splitlines():
            s, t = (ast.literal_eval(x) for x in line.strip().split(":"))
            if s and t:
                out.append((" ".join(fr[i] for i in s).split(), " ".join(en[j] for j in t).split()))
    return out


def bovary_pairs(root: Path) -> list[tuple[list[str], list[str]]]:
    """Madame Bovary's beads as ``bireader.align`` finds them, tokenised by ``analysis.simple_tokens``."""
    from bireader.align import align
    from bireader.gloss.analysis import simple_tokens

    fr = (root / "bovary.french.sent.txt").read_text(encoding="utf-8").splitlines()
    en = (root / "bovary.english.sent.txt").read_text(encoding="utf-8").splitlines()
    return [(simple_tokens(" ".join(fr[k] for k in b.source), "fr"), simple_tokens(" ".join(en[k] for k in b.target), "en"))
            for b in align(fr, en) if b.source and b.target]


def linked_pairs(pairs: list[tuple[list[str], list[str]]]) -> tuple[Counter, Counter]:
    """(lemma pair -> intersection links, lemma pair -> sentence pairs holding both), for pairs linked at all."""
    import simplemma

    cache: dict[tuple[str, str], str] = {}

    def lemma(word: str, lang: str) -> str:
        if (word, lang) not in cache:
            w = word.lower().replace("’", "'").replace(" ", "_") or "_"
            cache[(word, lang)] = simplemma.lemmatize(w, lang=lang).lower()
        return cache[(word, lang)]

    src = [[lemma(w, "fr") for w in f] for f, _ in pairs]
    trg = [[lemma(w, "en") for w in e] for _, e in pairs]
    links: Counter = Counter()
    for s, t, a in zip(src, trg, align_words(src, trg, lemmatise=False, seed=DEFAULT_SEED, pair_table=False)):
        for i, j in a.forward & a.backward:  # eflomal's own intersection
            links[(s[i], t[j])] += 1
    both: Counter = Counter()
    for s, t in zip(src, trg):
        ts = set(t)
        for w in set(s):
            for u in ts:
                if (w, u) in links:
                    both[(w, u)] += 1
    return links, both


def build(shared: Path) -> Path:
    pairs = transread_pairs(shared / "eval" / "transread_fr-en") + bovary_pairs(shared / "eval" / "bovary_fr-en")
    links, both = linked_pairs(pairs)
    kept = sorted((a, b, n, both[(a, b)]) for (a, b), n in links.items()
                  if n >= MIN_LINKS and n / both[(a, b)] >= MIN_SHARE and "\t" not in a + b)
    path = pairs_path("fr", "en")
    header = (f"# French lemma, English lemma, intersection links, sentence pairs holding both; {len(pairs)} sentence "
              f"pairs (TransRead gold beads, Madame Bovary); made by python -m bireader.gloss.build_pairs\n")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(header.encode("utf-8"))
        f.write("".join(f"{a}\t{b}\t{n}\t{k}\n" for a, b, n, k in kept).encode("utf-8"))
    print(f"{len(kept)} pairs of {len(links)} linked, from {len(pairs)} sentence pairs -> {path}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared")
    build(parser.parse_args().shared)


if __name__ == "__main__":
    main()
