"""What hostile shapes of input cost an import: peak memory and time of ``bireader import`` on generated files.

    python -m bench.limits [--runs 3] [--no-doc]

Each case runs ``bireader import`` (offline engine, a fresh SQLite database) in a child process of its own and
reads that process's peak resident set size. Cases: a tiny file (what loading the models costs), single lines
of 128 KB, 1 MB, 4 MB and 20 MB (the size limit), 100,000 one-word paragraphs. The table goes into
docs/limits.md between its markers; the target is a peak under 1 GB for every case.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import write_block

DOC = Path(__file__).resolve().parents[1] / "docs" / "limits.md"
START, END = "<!-- bench.limits: start -->", "<!-- bench.limits: end -->"
WORDS = ("le chat noir dort sur la chaise du salon pendant que la pluie tombe doucement dans le jardin et les "
         "enfants jouent avec leur chien").split()

CHILD = """
import json, resource, sys, time
from bireader.cli import main
start = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
    code = 0
except SystemExit as exit:
    code = exit.code or 0
except Exception as error:
    print(f"error: {error}", file=sys.stderr)
    code = 1
print(json.dumps({"code": code, "wall_s": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def french_line(size: int) -> str:
    rng = random.Random(1)
    parts, total = [], 0
    while total < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 20))).capitalize() + ". "
        parts.append(sentence)
        total += len(sentence)
    return "".join(parts)[:size].rsplit(" ", 1)[0] + ".\n"


CASES = [
    ("tiny file (two sentences)", lambda: "Le chat dort sur la chaise. Il pleut dans le jardin.\n"),
    ("128 KB on one line", lambda: french_line(128 * 1024)),
    ("1 MB on one line", lambda: french_line(1024 * 1024)),
    ("4 MB on one line", lambda: french_line(4 * 1024 * 1024)),
    ("20 MB on one line (the size limit)", lambda: french_line(20 * 1024 * 1024 - 1024)),
    ("100,000 one-word paragraphs", lambda: "\n\n".join(["Oui."] * 100_000) + "\n"),
]


def run_case(text: str, runs: int) -> dict:
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as folder:
        path = Path(folder) / "case.txt"
        path.write_text(text, "utf-8")
        for n in range(runs):
            env = dict(os.environ, DATABASE_URL=f"sqlite:///{folder}/run{n}.sqlite")
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", CHILD, "import", str(path), "--lang", "fr",
                                   "--engine", "offline"], capture_output=True, text=True, env=env)
            wall = time.perf_counter() - started
            last = done.stdout.strip().splitlines()[-1:] or ["{}"]
            result = json.loads(last[0]) if last[0].startswith("{") else {}
            if "rss_mb" not in result:  # the child died (killed for memory?): say so rather than stop
                raise SystemExit(f"the import died (exit {done.returncode}): {done.stderr.strip()[-300:]}")
            lines = [line for line in done.stderr.splitlines() + done.stdout.splitlines()
                     if line.startswith(("error:", "imported", "warning:"))]
            results.append(dict(result, process_s=wall, lines=lines))
    outcome = results[0]["lines"]
    return dict(size=len(text.encode()), runs=runs, rss_mb=statistics.median(r["rss_mb"] for r in results),
                wall_s=statistics.median(r["process_s"] for r in results),
                all_rss=[r["rss_mb"] for r in results], code=results[0]["code"], outcome=outcome)


def table(rows: list[tuple[str, dict]]) -> str:
    lines = ["| input | bytes | exit | what the user sees | wall, median (s) | peak RSS, median (MB) | runs (MB) |",
             "|---|---:|---:|---|---:|---:|---|"]
    for name, r in rows:
        seen = " / ".join(line.split(": ", 1)[-1] if line.startswith("error:") else line for line in r["outcome"])
        seen = seen.replace(str(Path(tempfile.gettempdir())), "…").replace("|", "\\|")
        lines.append(f"| {name} | {r['size']:,} | {r['code']} | {seen} | {r['wall_s']:.1f} | **{r['rss_mb']:.0f}** | "
                     f"{', '.join(f'{x:.0f}' for x in r['all_rss'])} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-doc", action="store_true")
    args = ap.parse_args(argv)
    rows = []
    for name, make in CASES:
        row = run_case(make(), args.runs)
        print(f"{name}: {row['rss_mb']:.0f} MB, {row['wall_s']:.1f} s, {row['outcome']}", flush=True)
        rows.append((name, row))
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    body = (table(rows) + f"\nOffline engine, default limits, {args.runs} run(s) a case. Machine: {os.cpu_count()} "
            f"cores, load average {' '.join(load)} at the end (shared: wall times vary).\n")
    print(body)
    if not args.no_doc:
        write_block(DOC, START, END, body)


if __name__ == "__main__":
    main()
