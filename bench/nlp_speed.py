"""Throughput and memory of the engines on a book: Madame Bovary (Flaubert 1857, Project Gutenberg, as prepared in
github wydengyre/bitextual; ../shared/eval/bovary_fr-en), the first 100,000 words of the French text (one
paragraph a line) and of Eleanor Marx-Aveling's English translation.

Model loading is timed apart from analysis; each figure is the median of --runs runs in one process (models
loaded once), tokens/s counts every token the engine returns (words and punctuation), and peak memory is the
process's maximum resident set size (resource.getrusage) at the end.

    .venv/bin/python -m bench.nlp_speed [--runs 3] [--engine offline]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from bench import SHARED

BOVARY = SHARED / "eval" / "bovary_fr-en"
FILES = {"fr": "bovary.french.edited.txt", "en": "bovary.english.edited.txt"}
DOC = Path(__file__).parent.parent / "docs" / "nlp.md"


def first_words(lang: str, limit: int = 100_000) -> list[str]:
    """Paragraphs from the start of the book until ``limit`` whitespace-separated words."""
    paragraphs, words = [], 0
    for line in (BOVARY / FILES[lang]).read_text(encoding="utf-8").splitlines():
        if line.strip():
            paragraphs.append(line.strip())
            words += len(line.split())
            if words >= limit:
                break
    return paragraphs


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(engine_name: str, runs: int) -> list[dict]:
    from bireader.nlp import get_engine

    rows = []
    engine = get_engine(engine_name)
    for lang in ("fr", "en"):
        paragraphs = first_words(lang)
        words = sum(len(p.split()) for p in paragraphs)
        load_started = time.perf_counter()
        engine.analyse(["Un."], lang)  # loads the language's models
        load = time.perf_counter() - load_started
        analyse_times, split_times, tokens = [], [], 0
        for _ in range(runs):
            t = time.perf_counter()
            result = engine.analyse(paragraphs, lang)
            analyse_times.append(time.perf_counter() - t)
            tokens = sum(len(s.tokens) for p in result for s in p)
            t = time.perf_counter()
            engine.split(paragraphs, lang)
            split_times.append(time.perf_counter() - t)
        analyse_s, split_s = statistics.median(analyse_times), statistics.median(split_times)
        rows.append({"engine": engine.name, "lang": lang, "paragraphs": len(paragraphs), "words": words,
                     "tokens": tokens, "load_s": load, "analyse_s": analyse_s, "tokens_per_s": tokens / analyse_s,
                     "split_s": split_s, "peak_mib": peak_mib()})
    return rows


def table(rows: list[dict], runs: int) -> str:
    lines = [f"| engine | lang | paragraphs | words | tokens | model load s | analyse s (median of {runs}) | "
             "tokens/s | split s | peak RSS MiB |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['engine']} | {r['lang']} | {r['paragraphs']} | {r['words']} | {r['tokens']} | "
                     f"{r['load_s']:.2f} | {r['analyse_s']:.1f} | **{r['tokens_per_s']:,.0f}** | {r['split_s']:.2f} | "
                     f"{r['peak_mib']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", default="offline")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()
    text = table(measure(args.engine, args.runs), args.runs)
    print(text)
    if not args.no_doc:
        from bench.lemmas import write_doc

        write_doc(text, f"bench.nlp_speed {args.engine}")


if __name__ == "__main__":
    main()
