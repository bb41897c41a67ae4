"""Speed and memory of the sentence aligner on Madame Bovary as one document (1/4, 1/2 and all of it).

    .venv/bin/python -m bench.align_speed            # table + docs/align.md
    .venv/bin/python -m bench.align_speed --runs 5 --no-doc
    .venv/bin/python -m bench.align_speed --digest         # fingerprint of every alignment (speed work must keep it)

Each measurement is a fresh Python process (so the peak RSS is the aligner's own, lexicon included) that
reads the two sentence files, aligns the first fraction of each side with the default settings (lexicon
rendering, iterative pass) and reports the wall and CPU time of ``align`` (the lexicon and simplemma's
dictionary, a fixed cost per process, are loaded first and timed apart) and the peak resident memory of the
whole process, fixed costs included. Figures are
medians over ``--runs`` runs. Flaubert 1857 and Eleanor Marx-Aveling's translation, Project Gutenberg
(public domain), as prepared in github wydengyre/bitextual.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench import SHARED

BOVARY = SHARED / "eval" / "bovary_fr-en"

CHILD = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
from pathlib import Path
frac = float(sys.argv[1])
d = Path(sys.argv[2])
fr = d.joinpath("bovary.french.sent.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
en = d.joinpath("bovary.english.sent.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
fr, en = fr[: round(len(fr) * frac)], en[: round(len(en) * frac)]
t0 = time.perf_counter()
from bireader.align import align
from bireader.align.pipeline import default_renderer
l0 = time.perf_counter()
renderer = default_renderer()
renderer("maison")  # load the lexicon once: a fixed cost, reported apart
renderer("mangeaient")  # a form the lexicon lacks: simplemma loads its dictionary (also a fixed cost)
lexicon_s = time.perf_counter() - l0
t1 = time.perf_counter()
c1 = time.process_time()
beads = align(fr, en)
t2 = time.perf_counter()
c2 = time.process_time()
covered = sum(len(b.source) + len(b.target) for b in beads)
from bireader.align.native import kernel
print(json.dumps(dict(n=len(fr), m=len(en), beads=len(beads), import_s=t1 - t0 - lexicon_s, lexicon_s=lexicon_s, align_s=t2 - t1, cpu_s=c2 - c1,
                      native=kernel() is not None,
                      rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      coverage=covered / (len(fr) + len(en)))))
"""


def measure(frac: float, runs: int) -> dict:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD, str(frac), str(BOVARY)], capture_output=True, text=True,
                             check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in results) for k in ("align_s", "cpu_s", "rss_mb", "import_s", "lexicon_s")}
    return dict(frac=frac, n=results[0]["n"], m=results[0]["m"], beads=results[0]["beads"],
                coverage=results[0]["coverage"], runs=runs, **med, align_all=[r["align_s"] for r in results],
                native=all(r["native"] for r in results))


def compile_seconds() -> float:
    """Wall seconds a fresh process takes to compile the aligner's kernels into an empty cache and load them
    (Python's start included): what the first alignment on a machine pays once (``bireader.compiled``)."""
    import tempfile
    import time

    with tempfile.TemporaryDirectory(prefix="align-speed-cache-") as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from bireader.align.native import kernel; assert kernel() is not None"],
                       env=dict(os.environ, XDG_CACHE_HOME=tmp), check=True)
        return time.perf_counter() - t0


def table(rows: list[dict]) -> str:
    # CPU time first: on a shared machine the wall time mostly measures the other jobs
    lines = ["| share of the book | FR | EN | beads | coverage | align() CPU, median (s) | align() wall, median (s) | wall runs (s) | peak RSS (MB) | CPU s per 1,000 sentences |",
             "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
    for r in rows:
        per = 1000 * r["cpu_s"] / (r["n"] + r["m"])
        runs = ", ".join(f"{x:.2f}" for x in r["align_all"])
        lines.append(f"| {r['frac']:g} | {r['n']} | {r['m']} | {r['beads']} | {100 * r['coverage']:.0f} % | "
                     f"**{r['cpu_s']:.2f}** | {r['align_s']:.2f} | {runs} | **{r['rss_mb']:.0f}** | {per:.3f} |")
    return "\n".join(lines) + "\n"


def digest(out: Path | None = None) -> str:
    """A SHA-256 of the beads, their confidences and confidence features on Bovary and on every document of
    ``bench.align``'s sets: a change made for speed must leave it as it is. With ``out``, the same as JSON, one
    entry per document, to find where two runs differ.
    """
    import hashlib

    from bench.align import (TEXTBERG, TRANSREAD, paragraph_starts, read_lines, split_eoa, transread_books)
    from bireader.align.confidence import confidence
    from bireader.align.pipeline import align_with_features

    jobs = [("bovary", lambda: align_with_features(read_lines(BOVARY / "bovary.french.sent.txt"),
                                                   read_lines(BOVARY / "bovary.english.sent.txt")))]
    for book in transread_books():
        d = TRANSREAD / book
        jobs.append((book, lambda d=d, book=book: align_with_features(
            read_lines(d / f"{book}.fr"), read_lines(d / f"{book}.en"),
            source_breaks=paragraph_starts(d / f"{book}.fr.ids"), target_breaks=paragraph_starts(d / f"{book}.en.ids"))))
    be = TEXTBERG / "bleualign_eval"
    de, fr = split_eoa(read_lines(be / "eval1989.de")), split_eoa(read_lines(be / "eval1989.fr"))
    trans_lines, k = read_lines(be / "eval1989.europarlfull.fr"), 0
    for t, (src, tgt) in enumerate(zip(de, fr)):
        tr = trans_lines[k : k + len(src)]
        k += len(src) + 1
        jobs.append((f"textberg{t}", lambda src=src, tgt=tgt, tr=tr: align_with_features(
            src, tgt, translation=tr, languages=("de", "fr"))))
    docs = {}
    for name, job in jobs:
        rows = []
        for bead, feats in job():
            raw = None if feats is None else float(confidence(feats[None, :])[0])
            rows.append([str(bead), bead.confidence, raw, None if feats is None else [float(x) for x in feats]])
        docs[name] = rows
    text = json.dumps(docs, sort_keys=True)
    if out is not None:
        out.write_text(text)
    return hashlib.sha256(text.encode()).hexdigest()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-doc", action="store_true")
    ap.add_argument("--digest", nargs="?", const="", metavar="JSON",
                    help="print the fingerprint of all alignments (and write them to JSON), then stop")
    args = ap.parse_args(argv)
    if args.digest is not None:
        print(digest(Path(args.digest) if args.digest else None))
        return
    compile_s = compile_seconds()
    rows = [measure(f, args.runs) for f in (0.25, 0.5, 1.0)]
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    kernels = ("the compiled kernels (`bireader/align/kernels.c`) ran in every run" if all(r["native"] for r in rows)
               else "**the compiled kernels did not build: these are the numpy fallback's times**")
    out = ("### Madame Bovary (one document, default settings)\n\n" + table(rows) +
           f"\nLoading the lexicon and simplemma once per process takes a further {rows[-1]['lexicon_s']:.2f} s "
           "(median, not in the table).\n"
           f"{kernels[0].upper() + kernels[1:]}; compiling them into an empty cache, once per machine and version, "
           f"took {compile_s:.1f} s (wall, a fresh process).\n"
           f"Machine: {os.cpu_count()} cores, load average {' '.join(load)} at the end of the runs "
           "(shared with other jobs: wall times vary, CPU times less).\n")
    print(out)
    if not args.no_doc:
        from bench.align import write_section

        write_section("speed", out)


if __name__ == "__main__":
    main()
