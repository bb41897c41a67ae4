"""Compile the French<->English lexicons from the Debian dictionaries into package data.

    python -m bireader.lexicon.build            # writes bireader/lexicon/data/{fr-en,en-fr}.tsv.gz

Three sources, in the order their senses are listed for a headword:

1. ``freedict``: FreeDict's dictionary in the direction asked (fra-eng for fr->en), senses in the dictionary's order.
2. ``freedict-reverse``: the other FreeDict dictionary read backwards (eng-fra's ``run -> courir`` gives
   ``courir -> run``); it adds headwords the direct dictionary lacks.
3. ``apertium-pivot``: Apertium's bilingual dictionaries joined through a pivot language on the pivot lemma and
   part of speech (``maison -> casa -> house``), through Spanish, Catalan and Esperanto; a translation more
   pivots agree on comes first. FreeDict has about 8,500 headwords a side; the pivots are what bring coverage
   of running literary text up.

Output rows (gzip TSV, UTF-8): ``lemma  pos  source  sense1  sense2 ...`` where pos is a universal POS tag or
empty. The runtime (``bireader.lexicon``) reads only these files, never the Debian packages.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
from collections import defaultdict
from pathlib import Path

from bireader.lexicon.apertium import BidixPair, read_bidix
from bireader.lexicon.freedict import DictEntry, read_dictd, split_alternatives

DICTD = Path("/usr/share/dictd")
APERTIUM = Path("/usr/share/apertium")
DATA = Path(__file__).parent / "data"
PACKAGES = [
    "dict-freedict-fra-eng", "dict-freedict-eng-fra", "apertium-fr-es", "apertium-eng-spa", "apertium-fra-cat",
    "apertium-eng-cat", "apertium-eo-fr", "apertium-eo-en", "lttoolbox-dev",
]
MAX_PIVOT_TARGETS = 3  # target words kept per pivot word: more is mostly noise
MAX_PIVOT_SENSES = 6

# Pivot languages, best first: (name, fr->X, X->en, en->X, X->fr); None = invert the fr->X dictionary.
# Romance pivots are less ambiguous than Esperanto; each raises coverage (see docs/gloss.md).
PIVOTS = [
    ("es", "apertium-fr-es/fr-es", "apertium-eng-spa/spa-eng", "apertium-eng-spa/eng-spa", "apertium-fr-es/es-fr"),
    ("ca", "apertium-fra-cat/fra-cat", "apertium-eng-cat/cat-eng", "apertium-eng-cat/eng-cat",
     "apertium-fra-cat/cat-fra"),
    ("eo", "apertium-eo-fr/fr-eo", "apertium-eo-en/eo-en", "apertium-eo-en/en-eo", None),
]

Row = tuple[str, str | None, str, list[str]]


def freedict_rows(entries: list[DictEntry]) -> list[Row]:
    return [(e.headword, e.pos, "freedict", e.senses) for e in entries]


def reverse_rows(entries: list[DictEntry]) -> list[Row]:
    """Read a dictionary backwards: each alternative of each sense becomes a headword glossed by the headword."""
    glosses: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for e in entries:
        for sense in e.senses:
            for alt in split_alternatives(sense):
                if len(alt.split()) > 4 or "(" in alt or "..." in alt:
                    continue
                key = (alt, e.pos)
                if e.headword not in glosses[key]:
                    glosses[key].append(e.headword)
    return [(lemma, pos, "freedict-reverse", [", ".join(targets[:6])]) for (lemma, pos), targets in glosses.items()]


def pivot_senses(first: list[BidixPair], second: list[BidixPair]) -> dict[tuple[str, str | None], list[str]]:
    """Join source->pivot pairs with pivot->target pairs on the pivot lemma (and POS when it agrees).

    Returns the target words per (source lemma, POS), in the order the dictionaries give them.
    """
    by_lemma: dict[str, list[BidixPair]] = defaultdict(list)
    for p in second:
        by_lemma[p.left].append(p)
    found: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for p in first:
        candidates = by_lemma.get(p.right, [])
        same_pos = [q for q in candidates if q.left_pos == p.right_pos]
        targets = found[(p.left, p.left_pos)]
        for q in (same_pos or candidates)[:MAX_PIVOT_TARGETS]:
            if q.right not in targets:
                targets.append(q.right)
    return found


def pivot_rows(joins: list[dict[tuple[str, str | None], list[str]]]) -> list[Row]:
    """Merge the joins through several pivot languages: a word more pivots agree on comes first, then by pivot order.

    Each target word is one sense (the pivots give single translations, not synonym groups).
    """
    support: dict[tuple[str, str | None], dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for rank, join in enumerate(joins):
        for key, targets in join.items():
            for position, target in enumerate(targets):
                votes, first_rank, first_pos = support[key].get(target, (0, rank, position))
                support[key][target] = (votes + 1, first_rank, first_pos)
    rows = []
    for (lemma, pos), targets in support.items():
        if not targets:
            continue
        ordered = sorted(targets, key=lambda t: (-targets[t][0], targets[t][1], targets[t][2]))
        rows.append((lemma, pos, "apertium-pivot", ordered[:MAX_PIVOT_SENSES]))
    return rows


def inverse(pairs: list[BidixPair]) -> list[BidixPair]:
    return [BidixPair(p.right, p.right_pos, p.left, p.left_pos) for p in pairs]


def order_senses(rows: list[Row], target_lang: str) -> list[Row]:
    """One row per sense, each headword's senses best first across sources.

    FreeDict lists senses in no useful order (``aller``: "fare" before "go"; ``répondre``: "reduce the price"
    before "answer"). A sense ranks higher when other sources agree with it (a content word in common with
    another source's senses: the pivots and the reversed dictionary vote), then when its words are common in
    the target language (wordfreq), then by the source's own order. Measured on the ALIBI stories, this raises
    the share of glosses whose first sense is the word the translation chose (docs/gloss.md).
    """
    from wordfreq import zipf_frequency

    from bireader.lexicon import Sense, content_words

    by_lemma: dict[str, list[tuple[int, str | None, str, str]]] = defaultdict(list)
    for n, (lemma, pos, source, senses) in enumerate(rows):
        for k, text in enumerate(senses):
            by_lemma[lemma].append((n * 100 + k, pos, source, text))
    out: list[Row] = []
    for lemma, senses in by_lemma.items():
        words = [
            {w.lower() for w in content_words(Sense(text, pos, source), target_lang)}
            for _, pos, source, text in senses
        ]
        scored = []
        for (order, pos, source, text), own in zip(senses, words):
            voters = {senses[m][2] for m, other in enumerate(words) if senses[m][2] != source and own & other}
            common = max((zipf_frequency(w, target_lang) for w in own), default=0.0)
            scored.append(((-min(len(voters), 2), -round(common), order), lemma, pos, source, text))
        seen: set[tuple[str | None, str]] = set()
        for _, lemma_, pos, source, text in sorted(scored):
            if (pos, text) not in seen:
                seen.add((pos, text))
                out.append((lemma_, pos, source, [text]))
    return out


def write_rows(path: Path, rows: list[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for lemma, pos, source, senses in rows:
        clean = [" ".join(s.replace("\t", " ").split()) for s in senses]
        lines.append("\t".join([lemma, pos or "", source, *clean]))
    # mtime=0: the same input gives byte-identical files, so rebuilding does not dirty the repository
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", name], capture_output=True, text=True)
            versions[name] = out.stdout.strip() or "not installed"
        except FileNotFoundError:
            versions[name] = "unknown"
    return versions


def bidix(name: str) -> list[BidixPair]:
    return read_bidix(APERTIUM / f"{name}.autobil.bin")


def build(data_dir: Path = DATA, pivots: list[str] | None = None) -> dict[str, int]:
    """Write both directions' data files; ``pivots`` limits the pivot languages (for measuring what each adds)."""
    fra_eng = read_dictd(DICTD / "freedict-fra-eng.index", DICTD / "freedict-fra-eng.dict.dz")
    eng_fra = read_dictd(DICTD / "freedict-eng-fra.index", DICTD / "freedict-eng-fra.dict.dz")
    fr_en_joins, en_fr_joins = [], []
    for name, fr_x, x_en, en_x, x_fr in PIVOTS:
        if pivots is not None and name not in pivots:
            continue
        fr_to_x = bidix(fr_x)
        fr_en_joins.append(pivot_senses(fr_to_x, bidix(x_en)))
        en_fr_joins.append(pivot_senses(bidix(en_x), bidix(x_fr) if x_fr else inverse(fr_to_x)))
    fr_en = freedict_rows(fra_eng) + reverse_rows(eng_fra) + pivot_rows(fr_en_joins)
    en_fr = freedict_rows(eng_fra) + reverse_rows(fra_eng) + pivot_rows(en_fr_joins)
    write_rows(data_dir / "fr-en.tsv.gz", order_senses(fr_en, "en"))
    write_rows(data_dir / "en-fr.tsv.gz", order_senses(en_fr, "fr"))
    versions = package_versions()
    (data_dir / "VERSIONS.txt").write_text(
        "".join(f"{name}\t{version}\n" for name, version in versions.items()), encoding="utf-8"
    )
    return {"fr-en rows": len(fr_en), "en-fr rows": len(en_fr)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA, help="output folder (default: the package data folder)")
    parser.add_argument("--pivots", help="comma-separated pivot languages to use (default: all of es,ca,eo)")
    args = parser.parse_args()
    pivots = args.pivots.split(",") if args.pivots else None
    for name, count in build(args.out, pivots).items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
