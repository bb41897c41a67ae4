"""Time and peak memory of importing a whole novel (and of the seed's first start), with a check of what is stored.

    .venv/bin/python -m bench.import_speed                 # table into docs/performance.md and the README
    .venv/bin/python -m bench.import_speed --runs 5 --no-doc
    .venv/bin/python -m bench.import_speed --reference     # (re)write the stored-result reference (see below)

The book: *Madame Bovary*, ``../shared/eval/bovary_fr-en/bovary.{french,english}.edited.txt`` (one paragraph a
line; Flaubert 1857 and Eleanor Marx-Aveling's translation, Project Gutenberg, public domain, as prepared in
github wydengyre/bitextual). The first quarter, half and all of the lines of each file are imported as a pair with
the offline engine into a fresh SQLite database: ``bireader.importer.import_text``, exactly what ``bireader
import`` runs (reading, analysis, alignment, glossing, storage).

Every import is a fresh Python process, so models and the lexicon are loaded as a real first import loads them.
Wall time is measured by this process around the child (interpreter start included); peak RSS comes from the OS:
``os.wait4`` returns the child's resource usage, whose ``ru_maxrss`` is the largest resident set of the child or
of any process it waited for (eflomal's binary). Figures are medians over ``--runs`` runs.

The stored result is read back by a process of its own (a child's ``ru_maxrss`` would otherwise start from this
process's peak) and checked against ``bench/data/import_reference.json``, digests made from main's code without
the speed work (``--reference`` with ``PYTHONPATH`` on a checkout of that code, whose ``bireader`` then wins over
the editable install): beads (positions, pages, sentence
ranges, confidences), sentences (keys, text, tokens with lemmas and tags) and glosses. eflomal, the word aligner
behind the glosses' renderings, seeds its sampler from ``/dev/urandom``, so renderings differ from run to run;
where this process may make a private mount namespace (``unshare -m``, as root), each child runs with a fixed file
bound over ``/dev/urandom`` and ``PYTHONHASHSEED=0``, and then the whole glosses must be equal too. Elsewhere the
check covers beads, sentences and the glosses' deterministic fields (lemma, POS, frequency, gloss-worthiness,
multi-word groups), and says so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import SHARED, write_block

ROOT = Path(__file__).resolve().parents[1]
BOOK = SHARED / "eval" / "bovary_fr-en"
REFERENCE = Path(__file__).with_name("data") / "import_reference.json"
DOC = ROOT / "docs" / "performance.md"
README = ROOT / "README.md"
FRACTIONS = (0.25, 0.5, 1.0)
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4
# gloss fields that do not depend on eflomal's random sampling
STABLE_GLOSS_FIELDS = ("token", "lemma", "pos", "freq_rank", "band", "gloss_worthy", "group")


# ---- the child: one import in a fresh process ----------------------------------------------------------------

def _digest(rows) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
        h.update(b"\n")
    return h.hexdigest()


def stored_digests(engine) -> dict:
    """Digests of everything the import stored for every text of the database at ``engine``."""
    from sqlalchemy import select

    from bireader.store.models import BeadRow, SentenceRow, Side, Text

    with engine.connect() as connection:
        texts = connection.execute(select(Text.id, Text.slug, Text.page_count).order_by(Text.slug)).all()
        beads, sentences, glosses, stable = [], [], [], []
        for text_id, slug, page_count in texts:
            beads.append([slug, page_count])
            for row in connection.execute(
                    select(BeadRow.position, BeadRow.page, BeadRow.source_start, BeadRow.source_count,
                           BeadRow.target_start, BeadRow.target_count, BeadRow.confidence)
                    .where(BeadRow.text_id == text_id).order_by(BeadRow.position)):
                beads.append(list(row[:6]) + [round(row[6], 9)])
            query = (select(Side.role, SentenceRow.position, SentenceRow.key, SentenceRow.text, SentenceRow.tokens,
                            SentenceRow.glosses, SentenceRow.starts_paragraph, SentenceRow.starts_entry,
                            SentenceRow.starts_section)
                     .join(Side, SentenceRow.side_id == Side.id).where(Side.text_id == text_id)
                     .order_by(Side.role, SentenceRow.position))
            for role, position, key, text, tokens, sentence_glosses, para, entry, section in connection.execute(query):
                sentences.append([slug, role, position, key, text, tokens, bool(para), bool(entry), bool(section)])
                glosses.append([slug, role, position, sentence_glosses])
                stable.append([slug, role, position,
                               [{k: g.get(k) for k in STABLE_GLOSS_FIELDS} for g in sentence_glosses]])
    return dict(beads=_digest(beads), sentences=_digest(sentences), glosses=_digest(glosses),
                glosses_stable=_digest(stable), bead_count=len(beads) - len(texts),
                sentence_count=len(sentences))


def _cut(path: Path, fraction: float, out: Path) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[: round(len(lines) * fraction)]) + "\n", encoding="utf-8")
    return out


def child(kind: str, fraction: float, workdir: Path) -> dict:
    """One import (``kind`` "book") or the seed's first start (``kind`` "seed") into a new database in ``workdir``."""
    stages: dict[str, float] = {}
    started = last = time.perf_counter()
    current = "start-up"

    peaks: dict[str, float] = {}

    def progress(message: str) -> None:
        nonlocal last, current
        now = time.perf_counter()
        stages[current] = stages.get(current, 0.0) + now - last
        peaks[current] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak so far, MB
        last, current = now, message.split(" ")[0]

    url = f"sqlite:///{workdir / 'bench.sqlite'}"
    if kind == "seed":
        os.environ["DATABASE_URL"] = url  # exactly `bireader serve`'s first start, without serving
        from bireader.importer import import_text, seed_requests
        from bireader.web.app import create_app

        app = create_app()
        factory, engine = app.extensions["bireader.sessions"], app.extensions["bireader.db"]
        for request in seed_requests():
            progress("reading")
            import_text(factory, request, progress)
    else:
        from bireader.importer import ImportRequest, import_text
        from bireader.store.db import open_engine, session_factory

        french = _cut(BOOK / "bovary.french.edited.txt", fraction, workdir / "bovary.fr.txt")
        english = _cut(BOOK / "bovary.english.edited.txt", fraction, workdir / "bovary.en.txt")
        engine = open_engine(url)
        request = ImportRequest(path=french, translation=english, lang="fr", translation_lang="en",
                                title="Madame Bovary", slug="bovary", engine="offline", release_models=True)
        import_text(session_factory(engine), request, progress)
    progress("done")
    total = time.perf_counter() - started
    import bireader

    engine.dispose()
    # the stored result is read back by the parent once this process has ended, so that its peak is the import's
    return dict(kind=kind, fraction=fraction, inner_s=total, stages=stages, peaks=peaks, code=bireader.__file__)


# ---- the parent: runs, medians, the check, the table -----------------------------------------------------------

def use_checkout_on_path() -> None:
    """With ``--reference`` on another checkout (``PYTHONPATH``), that checkout's ``bireader`` must be the one
    imported; this virtualenv's editable install puts an import hook before ``PYTHONPATH``, so it is set aside."""
    if os.environ.get("BIREADER_BENCH_CODE"):
        sys.meta_path[:] = [f for f in sys.meta_path
                            if not (getattr(f, "__module__", None) or type(f).__module__).startswith("__editable__")]


def can_pin_randomness() -> bool:
    if shutil.which("unshare") is None or os.environ.get("BIREADER_BENCH_NO_PIN"):
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


def run_child(kind: str, fraction: float, pinned: bool, code: Path | None = None) -> dict:
    """One measured child process; ``code``: a checkout whose ``bireader`` package is imported instead of ours."""
    with tempfile.TemporaryDirectory(prefix="bireader-import-bench-") as tmp:
        workdir = Path(tmp)
        env = dict(os.environ, PYTHONHASHSEED="0", BIREADER_SHARED=str(SHARED))
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in ([code] if code else []) + [ROOT])
        if code:
            env["BIREADER_BENCH_CODE"] = str(code)
        argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(fraction), str(workdir)]
        if pinned:
            seed = workdir / "urandom"
            seed.write_bytes(hashlib.sha512(b"bireader").digest() * 4096)
            script = f'mount --bind "{seed}" /dev/urandom && exec "$@"'
            argv = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh"] + argv
        with open(workdir / "out", "wb") as out, open(workdir / "err", "wb") as err:
            t0 = time.perf_counter()
            process = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=str(ROOT))
            sampler = TreeSampler(process.pid)
            sampler.start()
            # os.wait4 reaps this one child and returns its own resource usage: ru_maxrss is the largest resident
            # set of the child or of a process it waited for (eflomal's binary), in KiB on Linux
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - t0
            process.returncode = os.waitstatus_to_exitcode(status)
            sampler.stop.set()
            sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"the {kind} import failed:\n{(workdir / 'err').read_text()[-3000:]}")
        result = json.loads((workdir / "out").read_text().strip().splitlines()[-1])
        # read back in a process of its own: on Linux a child's ru_maxrss starts from its parent's peak (exec keeps
        # the larger of the two), so this process must stay small, or the next import's peak would be this one's
        read_back = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--digests",
                                    str(workdir / "bench.sqlite")], capture_output=True, text=True, env=env,
                                   cwd=str(ROOT))
        if read_back.returncode != 0:
            raise SystemExit(f"reading back the {kind} import failed:\n{read_back.stderr[-3000:]}")
        result.update(json.loads(read_back.stdout.strip().splitlines()[-1]))
    result["wall_s"] = wall
    result["rss_mb"] = usage.ru_maxrss / 1024
    result["tree_mb"] = sampler.peak_kb / 1024
    result["cpu_s"] = usage.ru_utime + usage.ru_stime  # the child's and eflomal's CPU time: steadier than wall
    return result


class TreeSampler(threading.Thread):
    """The largest memory of a process and its descendants together, read from /proc every 20 ms (its resident set
    alone, or the sum of their proportional sets while it has children): ru_maxrss is per process, and an import
    that ran a helper process beside itself would be more than its largest one."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stop = pid, 0, threading.Event()

    def tree_kb(self) -> int:
        parent: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:  # "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis
                    parent[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        tree, grew = {self.pid}, True
        while grew:
            found = {pid for pid, ppid in parent.items() if ppid in tree} - tree
            tree |= found
            grew = bool(found)
        if len(tree) == 1:
            try:
                return int(Path(f"/proc/{self.pid}/statm").read_text().split()[1]) * PAGE_KB
            except (OSError, ValueError, IndexError):
                return 0
        # several processes: their proportional sets (a page two of them share counts half in each), not their
        # resident sets. Between fork and exec a child shares all of the import's pages (subprocess forks the
        # import to start eflomal), and adding up resident sets then counted the import twice.
        total = 0
        for pid in tree:
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            except (OSError, ValueError, IndexError, StopIteration):
                continue  # gone meanwhile
        return total

    def run(self) -> None:
        if not Path("/proc/self/status").exists():
            return
        while not self.stop.wait(0.02):
            self.peak_kb = max(self.peak_kb, self.tree_kb())


def measure(kind: str, fraction: float, runs: int, pinned: bool) -> dict:
    results = [run_child(kind, fraction, pinned) for _ in range(runs)]
    first = results[0]
    stages = {k: statistics.median(r["stages"].get(k, 0.0) for r in results) for k in first["stages"]}
    peaks = {k: statistics.median(r["peaks"].get(k, 0.0) for r in results) for k in first["peaks"]}
    return dict(first, runs=runs, wall_s=statistics.median(r["wall_s"] for r in results),
                rss_mb=statistics.median(r["rss_mb"] for r in results),
                tree_mb=statistics.median(r["tree_mb"] for r in results),
                cpu_s=statistics.median(r["cpu_s"] for r in results), walls=[r["wall_s"] for r in results],
                rsses=[r["rss_mb"] for r in results], stages=stages, peaks=peaks,
                digests_agree=all(r[k] == first[k] for r in results for k in ("beads", "sentences", "glosses")))


def check(result: dict, reference: dict, pinned: bool) -> list[str]:
    """What differs from the reference (empty: the same stored result)."""
    ref = reference.get(result["key"])
    if ref is None:
        return [f"{result['key']}: no reference"]
    keys = ["beads", "sentences", "glosses_stable"] + (["glosses"] if pinned and ref.get("pinned") else [])
    return [f"{result['key']}: {k} differ" for k in keys if result[k] != ref[k]]


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def stage_table(rows: list[dict]) -> str:
    names = []
    for r in rows:
        names += [k for k in r["stages"] if k not in names and k != "start-up"]
    lines = ["| import | start-up | " + " | ".join(names) + " |", "|---|" + "---:|" * (len(names) + 1)]
    for r in rows:
        what = "seed" if r["kind"] == "seed" else f"Bovary {r['fraction']:g}"
        cells = [f"{r['stages'].get(k, 0.0):.1f} s, {r['peaks'].get(k, 0.0):.0f} MB" for k in ["start-up"] + names]
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-doc", action="store_true", help="print only; leave docs/ and the README alone")
    ap.add_argument("--fractions", type=float, nargs="*", default=list(FRACTIONS))
    ap.add_argument("--no-seed", action="store_true", help="skip the seed's first start")
    ap.add_argument("--reference", action="store_true",
                    help="write bench/data/import_reference.json from the code on PYTHONPATH (one run each)")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "FRACTION", "DIR"), help=argparse.SUPPRESS)
    ap.add_argument("--digests", metavar="DB", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child or args.digests:
        use_checkout_on_path()
    if args.digests:
        from sqlalchemy import create_engine

        database = create_engine(f"sqlite:///{args.digests}")
        print(json.dumps(stored_digests(database)))
        database.dispose()
        return
    if args.child:
        import warnings

        warnings.simplefilter("ignore")
        print(json.dumps(child(args.child[0], float(args.child[1]), Path(args.child[2]))))
        return
    pinned = can_pin_randomness()
    jobs = ([] if args.no_seed else [("seed", 1.0)]) + [("book", f) for f in args.fractions]
    if args.reference:
        code = Path(os.environ["PYTHONPATH"].split(os.pathsep)[0]) if os.environ.get("PYTHONPATH") else None
        reference = json.loads(REFERENCE.read_text()) if REFERENCE.exists() else {}
        for kind, fraction in jobs:
            r = run_child(kind, fraction, pinned, code)
            key = f"{kind} {fraction:g}"
            reference[key] = {k: r[k] for k in ("beads", "sentences", "glosses", "glosses_stable", "bead_count",
                                                "sentence_count")}
            reference[key].update(pinned=pinned, wall_s=round(r["wall_s"], 1), rss_mb=round(r["rss_mb"]),
                                  cpu_s=round(r["cpu_s"], 1), tree_mb=round(r["tree_mb"]), load=load())
            print(key, r["code"], reference[key], flush=True)
            REFERENCE.write_text(json.dumps(reference, indent=1, sort_keys=True) + "\n")
        return
    reference = json.loads(REFERENCE.read_text()) if REFERENCE.exists() else {}
    rows, problems = [], []
    for kind, fraction in jobs:
        r = measure(kind, fraction, args.runs, pinned)
        r["key"] = f"{kind} {fraction:g}"
        found = check(r, reference, pinned)
        problems += found
        r["verdict"] = ("differs" if found else ("= before, glosses included" if pinned and reference.get(r["key"], {}).get("pinned")
                        else "= before (glosses: deterministic fields)"))
        before = reference.get(r["key"], {})
        r["before"] = before
        print(r["key"], f"{r['wall_s']:.1f} s, CPU {r['cpu_s']:.1f} s, {r['rss_mb']:.0f} MB, tree {r['tree_mb']:.0f} MB",
              r["verdict"], {k: round(v, 2) for k, v in r["stages"].items()}, flush=True)
        rows.append(r)
    uptime = load()
    out = ("| import | wall, median (s) | runs (s) | CPU, median (s) | peak RSS, median (MB) | runs (MB) | "
           "process tree peak (MB) | before: main's code, one run | stored result |\n"
           "|---|---:|---|---:|---:|---|---:|---|---|\n")
    for r in rows:
        what = ("seed (`make run` first start)" if r["kind"] == "seed" else
                f"*Madame Bovary*, {r['fraction']:g} ({r['sentence_count']:,} sentences, {r['bead_count']:,} beads)")
        b = r["before"]
        before = (f"{b['wall_s']} s wall" + (f", {b['cpu_s']} s CPU" if "cpu_s" in b else "") + f", {b['rss_mb']} MB"
                  if b else "?")
        out += (f"| {what} | **{r['wall_s']:.1f}** | {', '.join(f'{x:.1f}' for x in r['walls'])} | {r['cpu_s']:.1f} | "
                f"**{r['rss_mb']:.0f}** | {', '.join(f'{x:.0f}' for x in r['rsses'])} | {r['tree_mb']:.0f} | {before} | "
                f"{r['verdict']} |\n")
    out += ("\nWhere the time goes: each stage's wall time (the child's own clock, from interpreter start-up to the "
            "commit) and the process's peak RSS at its end (medians):\n\n" + stage_table(rows) +
            f"\n{os.cpu_count()} cores, load average {uptime} at the end (shared machine: wall times vary); "
            f"{args.runs} runs each, each a fresh process; randomness {'pinned' if pinned else 'not pinned'}.\n")
    print(out)
    if problems:
        print("STORED RESULT DIFFERS:", *problems, sep="\n  ")
    if not args.no_doc:
        write_block(DOC, "<!-- import_speed -->", "<!-- /import_speed -->", out)
        whole = next((r for r in rows if r["kind"] == "book" and r["fraction"] == 1.0), None)
        seed = next((r for r in rows if r["kind"] == "seed"), None)
        if whole and seed:
            write_readme(whole, seed)
    if problems:
        raise SystemExit(1)


def write_readme(whole: dict, seed: dict) -> None:
    """Replace the import rows of the README's Measured table."""
    text = README.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| importing a whole novel") or line.startswith("| first start of `make run`")]
    new = [f"| importing a whole novel, *Madame Bovary* FR + EN, one paragraph a line ({whole['sentence_count']:,} "
           f"sentences: analysis, alignment, glosses, storage) | {whole['wall_s']:.0f} s wall, {whole['rss_mb']:.0f} MB "
           f"peak RSS (median of {whole['runs']}; ¼ and ½ in docs/performance.md) | ≤ 20 s, ≤ 400 MB | `python -m bench.import_speed` |",
           f"| first start of `make run` (importing the seed) | {seed['wall_s']:.1f} s, {seed['rss_mb']:.0f} MB peak RSS "
           f"| ≤ 10 s, ≤ 400 MB | `python -m bench.import_speed` |"]
    lines = text.splitlines()
    if rows:
        at = lines.index(rows[0])
        lines = [line for line in lines if line not in rows]
        lines[at:at] = new
    README.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
